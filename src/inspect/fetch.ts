// Fetches a swarm object and everything its documents need (network names, the task's service and node,
// the services on a network) through dockerode, then renders its pretty text. No VS Code here.

import type Dockerode from 'dockerode';
import { engineMessage } from '../docker/errors';
import { renderConfigPretty, renderNodePretty, renderSecretPretty, renderServicePretty } from './cliPretty';
import type {
  InspectKind,
  InspectLink,
  SwarmConfig,
  SwarmNetwork,
  SwarmNode,
  SwarmSecret,
  SwarmService,
  SwarmTask,
} from './model';
import { renderNetworkDocument, renderTaskDocument, taskName, type NetworkServiceEntry } from './swarmDocuments';

export interface Inspectable {
  kind: InspectKind;
  id: string;
  name: string;
  /** The object exactly as the Engine returned it (services with defaults inserted). */
  raw: unknown;
  pretty: string;
  links: InspectLink[];
}

/** The object does not exist; `message` is the Engine's own text ("service web not found"). */
export class InspectNotFoundError extends Error {
  constructor(
    readonly kind: InspectKind,
    readonly nameOrId: string,
    message: string,
  ) {
    super(message);
    this.name = 'InspectNotFoundError';
  }
}

const COLLECTION: Record<InspectKind, string> = {
  service: 'services',
  task: 'tasks',
  node: 'nodes',
  network: 'networks',
  secret: 'secrets',
  config: 'configs',
};

interface DialError {
  statusCode?: number;
}

/** GET an Engine API path through dockerode's modem (dockerode's own inspect calls cannot pass every option). */
function engineGet<T>(docker: Dockerode, path: string, query: Record<string, string | boolean> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${path}?`,
        method: 'GET',
        options: query,
        statusCodes: { 200: true, 404: 'not found', 500: 'server error', 503: 'node is not part of a swarm' },
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
    );
  });
}

async function getObject<T>(docker: Dockerode, kind: InspectKind, nameOrId: string, query: Record<string, string | boolean> = {}): Promise<T> {
  try {
    return await engineGet<T>(docker, `/${COLLECTION[kind]}/${encodeURIComponent(nameOrId)}`, query);
  } catch (err) {
    if ((err as DialError).statusCode === 404) {
      throw new InspectNotFoundError(kind, nameOrId, engineMessage(err) ?? `no such ${kind}: ${nameOrId}`);
    }
    throw err;
  }
}

/**
 * Looks an object up the way the docker CLI does (the Engine resolves an exact ID, an exact name, then a unique ID
 * prefix) and renders its pretty document. Throws InspectNotFoundError with the Engine's message if it is missing.
 */
export async function fetchInspectable(docker: Dockerode, kind: InspectKind, nameOrId: string, options: { now?: number } = {}): Promise<Inspectable> {
  switch (kind) {
    case 'service': {
      const service = await getObject<SwarmService>(docker, 'service', nameOrId, { insertDefaults: true });
      const networkNames = await resolveNetworkNames(docker, (service.Spec?.TaskTemplate?.Networks ?? []).map((n) => n.Target ?? ''));
      const doc = renderServicePretty(service, { networkNames, now: options.now });
      return { kind, id: service.ID, name: service.Spec?.Name ?? service.ID, raw: service, pretty: doc.text, links: doc.links };
    }
    case 'node': {
      // Like the CLI, "self" names the node the client is connected to.
      const ref = nameOrId === 'self' ? ((await engineGet<{ Swarm?: { NodeID?: string } }>(docker, '/info')).Swarm?.NodeID || nameOrId) : nameOrId;
      const node = await getObject<SwarmNode>(docker, 'node', ref);
      const doc = renderNodePretty(node);
      return { kind, id: node.ID, name: node.Description?.Hostname || node.Spec?.Name || node.ID, raw: node, pretty: doc.text, links: doc.links };
    }
    case 'secret': {
      const secret = await getObject<SwarmSecret>(docker, 'secret', nameOrId);
      const doc = renderSecretPretty(secret);
      return { kind, id: secret.ID, name: secret.Spec?.Name ?? secret.ID, raw: secret, pretty: doc.text, links: doc.links };
    }
    case 'config': {
      const config = await getObject<SwarmConfig>(docker, 'config', nameOrId);
      const doc = renderConfigPretty(config);
      return { kind, id: config.ID, name: config.Spec?.Name ?? config.ID, raw: config, pretty: doc.text, links: doc.links };
    }
    case 'task': {
      const task = await getObject<SwarmTask>(docker, 'task', nameOrId);
      const [service, node] = await Promise.all([
        task.ServiceID ? optional(getObject<SwarmService>(docker, 'service', task.ServiceID)) : undefined,
        task.NodeID ? optional(getObject<SwarmNode>(docker, 'node', task.NodeID)) : undefined,
      ]);
      const networkIds = (task.NetworksAttachments ?? []).map((a) => a.Network?.ID ?? '');
      const networkNames = await resolveNetworkNames(docker, networkIds);
      const doc = renderTaskDocument(task, {
        serviceName: service?.Spec?.Name,
        nodeHostname: node?.Description?.Hostname,
        networkNames,
      });
      return { kind, id: task.ID, name: taskName(task, service?.Spec?.Name), raw: task, pretty: doc.text, links: doc.links };
    }
    case 'network': {
      const network = await getObject<SwarmNetwork>(docker, 'network', nameOrId, { scope: 'swarm', verbose: true }).catch(async (err: unknown) => {
        // A local network (bridge, host) is not in the swarm scope; fall back to the engine-local lookup.
        if (err instanceof InspectNotFoundError) return getObject<SwarmNetwork>(docker, 'network', nameOrId);
        throw err;
      });
      const services = network.Scope === 'swarm' ? await servicesOnNetwork(docker, network.Id ?? '') : [];
      const doc = renderNetworkDocument(network, { services });
      return { kind, id: network.Id ?? nameOrId, name: network.Name ?? nameOrId, raw: network, pretty: doc.text, links: doc.links };
    }
  }
}

async function optional<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch {
    return undefined;
  }
}

/** Network ID → name via `GET /networks/{id}?scope=swarm`, keyed by the ID the Engine returns (as the CLI does). */
export async function resolveNetworkNames(docker: Dockerode, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids.filter((id) => id))].map(async (id) => {
      try {
        const network = await engineGet<SwarmNetwork>(docker, `/networks/${encodeURIComponent(id)}`, { scope: 'swarm' });
        if (network.Id && network.Name !== undefined) names.set(network.Id, network.Name);
      } catch {
        // The CLI prints the ID when the lookup fails; so do we.
      }
    }),
  );
  return names;
}

async function servicesOnNetwork(docker: Dockerode, networkId: string): Promise<NetworkServiceEntry[]> {
  const [services, tasks, nodes] = await Promise.all([
    engineGet<SwarmService[]>(docker, '/services'),
    engineGet<SwarmTask[]>(docker, '/tasks', { filters: JSON.stringify({ 'desired-state': ['running'] }) }),
    engineGet<SwarmNode[]>(docker, '/nodes'),
  ]);
  const hostnames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
  const entries: NetworkServiceEntry[] = [];
  for (const service of services) {
    const attached = (service.Spec?.TaskTemplate?.Networks ?? []).some((n) => n.Target === networkId);
    if (!attached) continue;
    const name = service.Spec?.Name ?? service.ID;
    entries.push({
      id: service.ID,
      name,
      virtualIPs: (service.Endpoint?.VirtualIPs ?? []).filter((v) => v.NetworkID === networkId).map((v) => v.Addr ?? ''),
      tasks: tasks
        .filter((t) => t.ServiceID === service.ID)
        .map((t) => ({
          id: t.ID,
          name: taskName(t, name),
          nodeId: t.NodeID,
          node: t.NodeID ? hostnames.get(t.NodeID) : undefined,
          addresses: (t.NetworksAttachments ?? []).filter((a) => a.Network?.ID === networkId).flatMap((a) => a.Addresses ?? []),
        })),
    });
  }
  return entries;
}
