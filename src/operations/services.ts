/**
 * Service operations against the Engine API: create, scale, update image, force redeploy, environment changes,
 * rollback, remove. Each changes the current spec (read fresh, with its version) and returns what the commands
 * need to follow the rollout. No vscode here.
 */
import type Dockerode from 'dockerode';
import {
  OperationError,
  Service,
  ServiceSpec,
  cloneSpec,
  engineRequest,
  inspectService,
  listServices,
  listTasks,
  updateServiceSpec,
} from './engineApi';
import { ServiceForm, ServiceReferences, missingReferences, toServiceSpec, validateServiceForm } from './serviceForm';
import { parseEnv, validateEnvKey, validateImage } from './validate';

export interface ServiceChange {
  id: string;
  name: string;
  warnings: string[];
}

async function namedIds(docker: Dockerode, kind: 'networks' | 'secrets' | 'configs'): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (kind === 'networks') {
    const list = await engineRequest<{ Id: string; Name: string }[]>(docker, { method: 'GET', path: '/networks' });
    for (const n of list) map.set(n.Name, n.Id);
  } else {
    const list = await engineRequest<{ ID: string; Spec: { Name: string } }[]>(docker, { method: 'GET', path: `/${kind}` });
    for (const s of list) map.set(s.Spec.Name, s.ID);
  }
  return map;
}

/** The IDs of the networks, secrets and configs a form names (one list request per kind it uses). */
export async function resolveReferences(docker: Dockerode, form: ServiceForm): Promise<ServiceReferences> {
  const empty = new Map<string, string>();
  return {
    networks: form.networks?.length ? await namedIds(docker, 'networks') : empty,
    secrets: form.secrets?.length ? await namedIds(docker, 'secrets') : empty,
    configs: form.configs?.length ? await namedIds(docker, 'configs') : empty,
  };
}

/** Validates the form, resolves its references and creates the service. */
export async function createService(docker: Dockerode, form: ServiceForm): Promise<ServiceChange> {
  const problems = validateServiceForm(form);
  if (problems.length > 0) throw new OperationError(problems.join(' '));
  const refs = await resolveReferences(docker, form);
  const missing = missingReferences(form, refs);
  if (missing.length > 0) throw new OperationError(`Not found on the swarm: ${missing.join(', ')}.`);
  const spec = toServiceSpec(form, refs);
  const created = await engineRequest<{ ID: string; Warnings?: string[] | null }>(docker, { method: 'POST', path: '/services/create', body: spec });
  return { id: created.ID, name: form.name, warnings: created.Warnings ?? [] };
}

/** The engine's answer when the service changed between our inspect and our update (optimistic concurrency). */
const OUT_OF_SEQUENCE = /update out of sequence/;

async function changeSpec(docker: Dockerode, idOrName: string, change: (spec: ServiceSpec, service: Service) => void): Promise<ServiceChange> {
  // Someone else (the orchestrator right after a create, another operator) may update the service between our
  // inspect and our update: read it again and re-apply the change to the new version, a few times.
  for (let attempt = 1; ; attempt++) {
    const service = await inspectService(docker, idOrName);
    const spec = cloneSpec(service.Spec);
    change(spec, service);
    try {
      const result = await updateServiceSpec(docker, service, spec);
      return { id: service.ID, name: service.Spec.Name, warnings: result?.Warnings ?? [] };
    } catch (err) {
      if (attempt >= 4 || !(err instanceof Error) || !OUT_OF_SEQUENCE.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export function replicasOf(service: Service): number | undefined {
  return service.Spec.Mode?.Replicated?.Replicas;
}

export async function scaleService(docker: Dockerode, idOrName: string, replicas: number): Promise<ServiceChange> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new OperationError(`Replicas must be a whole number of 0 or more, not ${replicas}.`);
  return changeSpec(docker, idOrName, (spec) => {
    if (!spec.Mode?.Replicated) throw new OperationError(`${spec.Name} is not a replicated service; only replicated services can be scaled.`);
    spec.Mode.Replicated.Replicas = replicas;
  });
}

export async function updateServiceImage(docker: Dockerode, idOrName: string, image: string): Promise<ServiceChange> {
  const problem = validateImage(image);
  if (problem) throw new OperationError(problem);
  return changeSpec(docker, idOrName, (spec) => {
    spec.TaskTemplate.ContainerSpec = { ...spec.TaskTemplate.ContainerSpec, Image: image };
  });
}

/** `docker service update --force`: new tasks with the same spec. */
export async function forceRedeploy(docker: Dockerode, idOrName: string): Promise<ServiceChange> {
  return changeSpec(docker, idOrName, (spec) => {
    spec.TaskTemplate.ForceUpdate = (spec.TaskTemplate.ForceUpdate ?? 0) + 1;
  });
}

/** Sets (adds or replaces) environment variables, `KEY=VALUE` each. */
export async function addServiceEnv(docker: Dockerode, idOrName: string, vars: readonly string[]): Promise<ServiceChange> {
  const parsed = vars.map((v) => {
    const p = parseEnv(v);
    if (!p.ok) throw new OperationError(p.error);
    return p.value;
  });
  return changeSpec(docker, idOrName, (spec) => {
    const container = (spec.TaskTemplate.ContainerSpec ??= {});
    const keys = new Set(parsed.map((p) => p.key));
    container.Env = [...(container.Env ?? []).filter((e) => !keys.has(envKey(e))), ...parsed.map((p) => `${p.key}=${p.value}`)];
  });
}

export function envKey(entry: string): string {
  const i = entry.indexOf('=');
  return i < 0 ? entry : entry.slice(0, i);
}

/** Removes environment variables by name; names the service does not set are an error (nothing to update). */
export async function removeServiceEnv(docker: Dockerode, idOrName: string, keys: readonly string[]): Promise<ServiceChange> {
  for (const k of keys) {
    const problem = validateEnvKey(k);
    if (problem) throw new OperationError(problem);
  }
  return changeSpec(docker, idOrName, (spec) => {
    const env = spec.TaskTemplate.ContainerSpec?.Env ?? [];
    const unknown = keys.filter((k) => !env.some((e) => envKey(e) === k));
    if (unknown.length > 0) throw new OperationError(`${spec.Name} does not set ${unknown.join(', ')}.`);
    spec.TaskTemplate.ContainerSpec = { ...spec.TaskTemplate.ContainerSpec, Env: env.filter((e) => !keys.includes(envKey(e))) };
  });
}

/** `docker service rollback`: the engine restores the previous spec (and follows the rollback config). */
export async function rollbackService(docker: Dockerode, idOrName: string): Promise<ServiceChange> {
  const service = await inspectService(docker, idOrName);
  if (!service.PreviousSpec) throw new OperationError(`${service.Spec.Name} has no previous spec to roll back to.`);
  // The spec sent along is ignored by the engine when rollback=previous; the CLI sends the current one too.
  const result = await updateServiceSpec(docker, service, service.Spec, { rollback: 'previous' });
  return { id: service.ID, name: service.Spec.Name, warnings: result?.Warnings ?? [] };
}

export interface ServiceSummary {
  id: string;
  name: string;
  /** Tasks whose state is running right now. */
  runningTasks: number;
}

/** The services with their running task counts, for the removal confirmation (one task list request). */
export async function summarizeServices(docker: Dockerode, idsOrNames: readonly string[]): Promise<ServiceSummary[]> {
  const services = await Promise.all(idsOrNames.map((s) => inspectService(docker, s)));
  const tasks = await listTasks(docker, { service: services.map((s) => s.ID), 'desired-state': ['running'] });
  return services.map((s) => ({
    id: s.ID,
    name: s.Spec.Name,
    runningTasks: tasks.filter((t) => t.ServiceID === s.ID && t.Status?.State === 'running').length,
  }));
}

/** "Remove web (3 running tasks)?" / "Remove 2 services: web (3 running tasks), api (0 running tasks)?" */
export function removalQuestion(services: readonly ServiceSummary[]): string {
  const describe = (s: ServiceSummary): string => `${s.name} (${s.runningTasks} running task${s.runningTasks === 1 ? '' : 's'})`;
  if (services.length === 1) return `Remove service ${describe(services[0])}? All its tasks stop.`;
  return `Remove ${services.length} services: ${services.map(describe).join(', ')}? All their tasks stop.`;
}

export async function removeService(docker: Dockerode, idOrName: string): Promise<void> {
  await engineRequest(docker, { method: 'DELETE', path: `/services/${encodeURIComponent(idOrName)}` });
}

export { listServices, inspectService };
