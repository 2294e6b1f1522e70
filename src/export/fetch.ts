/**
 * Reads what the stack-file export needs from a swarm manager: the services (all, one stack's, or chosen ones) and
 * the networks their attachments point at. No secret or config data is read.
 */
import type Dockerode from 'dockerode';
import { ExportResult, exportServices } from './compose';
import { Network, STACK_NAMESPACE_LABEL, Service } from './spec';

export interface ExportSelection {
  stack?: string;
  /** Service names (full names, or names relative to `stack`). */
  services?: string[];
}

export class ExportSelectionError extends Error {}

export function selectServices(all: readonly Service[], selection: ExportSelection): Service[] {
  let chosen = [...all];
  if (selection.stack) {
    chosen = chosen.filter((s) => s.Spec?.Labels?.[STACK_NAMESPACE_LABEL] === selection.stack);
    if (chosen.length === 0) throw new ExportSelectionError(`No services in stack "${selection.stack}".`);
  }
  if (selection.services?.length) {
    const picked: Service[] = [];
    for (const name of selection.services) {
      const found =
        chosen.find((s) => s.Spec?.Name === name) ??
        (selection.stack ? chosen.find((s) => s.Spec?.Name === `${selection.stack}_${name}`) : undefined);
      if (!found) throw new ExportSelectionError(`No service "${name}"${selection.stack ? ` in stack "${selection.stack}"` : ''}.`);
      if (!picked.includes(found)) picked.push(found);
    }
    chosen = picked;
  }
  if (chosen.length === 0) throw new ExportSelectionError('The swarm has no services to export.');
  return chosen;
}

export async function exportSwarm(docker: Dockerode, selection: ExportSelection = {}): Promise<ExportResult> {
  const [services, networks, swarm] = await Promise.all([
    docker.listServices() as Promise<Service[]>,
    docker.listNetworks() as Promise<Network[]>,
    (docker.swarmInspect() as Promise<{ ID?: string }>).catch(() => ({ ID: undefined })),
  ]);
  const chosen = selectServices(services, selection);
  return exportServices(chosen, { stack: selection.stack, networks, swarmId: swarm.ID });
}

/** The stacks present in the swarm (by the label `docker stack deploy` sets), sorted. */
export function stacksOf(services: readonly Service[]): string[] {
  return [...new Set(services.map((s) => s.Spec?.Labels?.[STACK_NAMESPACE_LABEL]).filter((s): s is string => !!s))].sort();
}
