/**
 * Inspect commands: open an object's read-only document from a tree item, explicit arguments, or a quick pick;
 * switch the format of the active document; refresh it.
 */
import * as vscode from 'vscode';
import type Dockerode from 'dockerode';
import { Commands } from './ids';
import { DockerConnection } from '../docker/connection';
import { ConnectionError } from '../docker/errors';
import { InspectDocuments, InspectFormat, INSPECT_SCHEME, registerInspectDocuments, InspectEventSource } from '../inspect/documents';
import { InspectKind, isInspectKind } from '../inspect/model';
import { InspectNotFoundError } from '../inspect/fetch';
import { SECTION } from '../config';

/** What Inspect accepts: a tree row (kind + dockerId) or explicit arguments. */
export interface InspectTarget {
  kind: string;
  /** name or ID */
  ref?: string;
  dockerId?: string;
  format?: InspectFormat;
}

export interface InspectCommandDeps {
  connection: DockerConnection;
  log: vscode.LogOutputChannel;
  events?: InspectEventSource;
}

function defaultFormat(): InspectFormat {
  const v = vscode.workspace.getConfiguration(SECTION).get<string>('inspect.defaultFormat');
  return v === 'yaml' || v === 'json' ? v : 'pretty';
}

export function registerInspectCommands(context: vscode.ExtensionContext, deps: InspectCommandDeps): InspectDocuments {
  const getDocker = async (): Promise<Dockerode> => (await deps.connection.client()).docker;
  const documents = registerInspectDocuments(context, { getDocker, log: deps.log, events: deps.events });

  const activeInspectUri = (uri?: vscode.Uri): vscode.Uri | undefined => {
    const u = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    return u?.scheme === INSPECT_SCHEME ? u : undefined;
  };
  const switchTo = (format: InspectFormat) => async (uri?: vscode.Uri) => {
    const target = activeInspectUri(uri);
    if (target) await documents.switchFormat(target, format);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.inspect, async (target?: InspectTarget, explicitFormat?: InspectFormat) => {
      try {
        const resolved = target && isInspectKind(target.kind) && (target.dockerId ?? target.ref)
          ? { kind: target.kind, ref: (target.dockerId ?? target.ref)! }
          : await pickObject(getDocker, target?.kind);
        if (!resolved) return;
        await documents.open(resolved.kind, resolved.ref, explicitFormat ?? target?.format ?? defaultFormat());
      } catch (err) {
        const message = err instanceof ConnectionError || err instanceof InspectNotFoundError ? err.message : `Inspect failed: ${err instanceof Error ? err.message : String(err)}`;
        deps.log.error(message);
        void vscode.window.showErrorMessage(message);
      }
    }),
    vscode.commands.registerCommand(Commands.inspectAsPretty, switchTo('pretty')),
    vscode.commands.registerCommand(Commands.inspectAsYaml, switchTo('yaml')),
    vscode.commands.registerCommand(Commands.inspectAsJson, switchTo('json')),
    vscode.commands.registerCommand(Commands.refreshInspect, (uri?: vscode.Uri) => {
      const target = activeInspectUri(uri);
      if (target) documents.refresh(target);
    }),
  );
  return documents;
}

// (QuickPickItem has its own `kind`, hence `objectKind`.)
const KIND_ITEMS: (vscode.QuickPickItem & { objectKind: InspectKind })[] = [
  { objectKind: 'service', label: 'Service' },
  { objectKind: 'task', label: 'Task' },
  { objectKind: 'node', label: 'Node' },
  { objectKind: 'network', label: 'Network' },
  { objectKind: 'secret', label: 'Secret' },
  { objectKind: 'config', label: 'Config' },
];

/** Palette flow: choose a kind (unless given), then one object of that kind from one list request. */
async function pickObject(getDocker: () => Promise<Dockerode>, kindHint?: string): Promise<{ kind: InspectKind; ref: string } | undefined> {
  const kind = kindHint && isInspectKind(kindHint)
    ? kindHint
    : (await vscode.window.showQuickPick(KIND_ITEMS, { title: 'Inspect', placeHolder: 'Kind of object' }))?.objectKind;
  if (!kind) return undefined;
  const docker = await getDocker();
  const items = listItems(docker, kind);
  const picked = await vscode.window.showQuickPick(items, { title: `Inspect ${kind}`, placeHolder: `Choose a ${kind}`, matchOnDescription: true });
  return picked ? { kind, ref: picked.ref } : undefined;
}

type RefItem = vscode.QuickPickItem & { ref: string };

async function listItems(docker: Dockerode, kind: InspectKind): Promise<RefItem[]> {
  const short = (id: string) => id.slice(0, 12);
  switch (kind) {
    case 'service':
      return (await docker.listServices()).map((s) => ({ label: s.Spec?.Name ?? s.ID, description: short(s.ID), ref: s.ID }));
    case 'task': {
      const [tasks, services] = await Promise.all([docker.listTasks(), docker.listServices()]);
      const names = new Map(services.map((s) => [s.ID, s.Spec?.Name ?? s.ID]));
      return tasks.map((t) => ({
        label: `${names.get(t.ServiceID ?? '') ?? t.ServiceID}.${t.Slot ?? t.NodeID ?? ''}`,
        description: `${short(t.ID ?? '')} · ${t.Status?.State ?? ''}`,
        ref: t.ID ?? '',
      }));
    }
    case 'node':
      return (await docker.listNodes()).map((n) => ({ label: n.Description?.Hostname ?? n.ID ?? '', description: `${short(n.ID ?? '')} · ${n.Spec?.Role ?? ''}`, ref: n.ID ?? '' }));
    case 'network':
      return (await docker.listNetworks({ filters: { scope: ['swarm'] } })).map((n) => ({ label: n.Name, description: `${short(n.Id)} · ${n.Driver}`, ref: n.Id }));
    case 'secret':
      return (await docker.listSecrets()).map((s) => ({ label: s.Spec?.Name ?? s.ID, description: short(s.ID), ref: s.ID }));
    case 'config':
      return (await docker.listConfigs()).map((c) => ({ label: c.Spec?.Name ?? c.ID, description: short(c.ID), ref: c.ID }));
  }
}
