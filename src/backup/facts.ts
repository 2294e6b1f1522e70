/**
 * What the backup and restore assistant reads from the Engine API: the swarm's nodes, its managers' raft status, the
 * autolock setting and the connected engine's own facts. No `vscode` here; the CLI and the commands share it.
 */
import type Dockerode from 'dockerode';
import type { Identified, Node } from '../docker/apiTypes';

/** A node of `GET /nodes` (Engine API 1.41): listed nodes always carry their ID. */
export type RawNode = Identified<Node>;

export interface SwarmNodeFacts {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  /** ready, down, unknown, disconnected */
  state: string;
  availability: string;
  /** The node's address as the swarm sees it (Status.Addr). */
  addr: string;
  /** The manager's raft address (ManagerStatus.Addr, `ip:2377`), managers only. */
  managerAddr?: string;
  leader: boolean;
  /** reachable, unreachable, unknown; managers only. */
  reachability?: string;
  engineVersion: string;
}

export interface SwarmFacts {
  swarmId: string;
  autolock: boolean;
  nodes: SwarmNodeFacts[];
  /** The node Swarmscope is connected to. */
  connectedNodeId: string;
  /** The connected engine's data root (`DockerRootDir`), which holds `swarm/`. Other nodes may differ. */
  connectedDataRoot: string;
  connectedEngineVersion: string;
}

export function nodeFacts(raw: RawNode): SwarmNodeFacts {
  const role = raw.Spec?.Role === 'manager' ? 'manager' : 'worker';
  return {
    id: raw.ID,
    hostname: raw.Description?.Hostname ?? raw.Spec?.Name ?? raw.ID,
    role,
    state: (raw.Status?.State ?? 'unknown').toLowerCase(),
    availability: raw.Spec?.Availability ?? 'active',
    addr: raw.Status?.Addr ?? '',
    managerAddr: raw.ManagerStatus?.Addr || undefined,
    leader: raw.ManagerStatus?.Leader === true,
    reachability: role === 'manager' ? (raw.ManagerStatus?.Reachability ?? 'unknown').toLowerCase() : undefined,
    engineVersion: raw.Description?.Engine?.EngineVersion ?? '',
  };
}

interface RawSwarm {
  ID?: string;
  Spec?: { EncryptionConfig?: { AutoLockManagers?: boolean } };
}

interface RawInfo {
  DockerRootDir?: string;
  ServerVersion?: string;
  Swarm?: { NodeID?: string; NodeAddr?: string; LocalNodeState?: string; ControlAvailable?: boolean; Cluster?: { ID?: string } | null };
}

/** Reads the facts the preflight needs; every call is a manager-only read. */
export async function readSwarmFacts(docker: Dockerode): Promise<SwarmFacts> {
  const [info, swarm, nodes] = await Promise.all([
    docker.info() as Promise<RawInfo>,
    docker.swarmInspect() as Promise<RawSwarm>,
    docker.listNodes() as Promise<RawNode[]>,
  ]);
  return {
    swarmId: swarm.ID ?? info.Swarm?.Cluster?.ID ?? '',
    autolock: swarm.Spec?.EncryptionConfig?.AutoLockManagers === true,
    nodes: nodes.map(nodeFacts),
    connectedNodeId: info.Swarm?.NodeID ?? '',
    connectedDataRoot: info.DockerRootDir ?? '/var/lib/docker',
    connectedEngineVersion: info.ServerVersion ?? '',
  };
}

/** Finds a node by ID, ID prefix, hostname or node name, the way `docker node inspect` accepts them. */
export function findNode(nodes: readonly SwarmNodeFacts[], ref: string): SwarmNodeFacts | undefined {
  return (
    nodes.find((n) => n.id === ref) ??
    nodes.find((n) => n.hostname === ref) ??
    (ref.length >= 3 ? single(nodes.filter((n) => n.id.startsWith(ref))) : undefined)
  );
}

function single<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

/** A raw engine request for endpoints dockerode does not wrap (`/swarm/unlockkey`, `/swarm/unlock`). */
export function engineRequest<T>(docker: Dockerode, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const modem = docker.modem as unknown as {
    dial(opts: object, cb: (err: Error | null, data: unknown) => void): void;
  };
  return new Promise<T>((resolve, reject) => {
    modem.dial(
      {
        path,
        method,
        options: body ?? {},
        statusCodes: { 200: true, 204: true, 400: 'bad parameter', 403: 'forbidden', 404: 'not found', 500: 'server error', 503: 'node is not part of a swarm' },
      },
      (err, data) => (err ? reject(err) : resolve(data as T)),
    );
  });
}

/** The swarm's current unlock key (`docker swarm unlock-key -q`), or '' when autolock is off. */
export async function readUnlockKey(docker: Dockerode): Promise<string> {
  const res = await engineRequest<{ UnlockKey?: string }>(docker, 'GET', '/swarm/unlockkey');
  return res?.UnlockKey ?? '';
}
