/**
 * Creates a dockerode client for a resolved endpoint, negotiates the API version, and probes the engine.
 */
import * as https from 'node:https';
import Dockerode from 'dockerode';
import { ConnectionError, describeConnectionError } from './errors';
import { ResolvedEndpoint } from './endpoint';
import { SshDialAgent } from './sshAgent';
import { checkHostKey, hostKeyAlgorithms, hostKeyMessage, HostKeyVerdict, knownKeyTypes, readKnownHostsFiles } from './knownHosts';

/** Engine 20.10 speaks API 1.41: the oldest Swarmscope supports. */
export const MIN_API_VERSION = '1.41';
/** The newest API version Swarmscope asks for; newer engines still serve it. */
export const MAX_API_VERSION = '1.47';

export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number(n));
  const pb = b.split('.').map((n) => Number(n));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The version to use with an engine whose newest API is `server`; throws when the engine is too old. */
export function negotiateApiVersion(server: string): string {
  if (!/^\d+\.\d+$/.test(server)) return MIN_API_VERSION;
  if (compareApiVersions(server, MIN_API_VERSION) < 0) {
    throw new ConnectionError(
      'api-too-old',
      `The Docker Engine speaks API ${server}; Swarmscope needs ${MIN_API_VERSION} (Engine 20.10) or newer.`,
    );
  }
  return compareApiVersions(server, MAX_API_VERSION) > 0 ? MAX_API_VERSION : server;
}

/**
 * dockerode options for an endpoint. TLS goes through our own https.Agent so verification can be switched. SSH
 * authenticates with the user's agent and checks the host key against known_hosts like ssh does; `onHostKey`
 * hears every verdict (connect() turns a refusal into its message).
 */
export function dockerodeOptions(ep: ResolvedEndpoint, onHostKey?: (verdict: HostKeyVerdict) => void): Dockerode.DockerOptions {
  const t = ep.transport;
  switch (t.scheme) {
    case 'unix':
    case 'npipe':
      return { socketPath: t.socketPath };
    case 'ssh': {
      const known = readKnownHostsFiles();
      const agent = new SshDialAgent({
        host: t.host,
        port: t.port,
        username: t.username ?? process.env.USER ?? process.env.USERNAME,
        // Authentication is the user's ssh agent only; Swarmscope never asks for or stores ssh passwords.
        agent: process.env.SSH_AUTH_SOCK,
        // known_hosts is read again for every SSH connection, so a key added meanwhile counts.
        hostVerifier: (key: Buffer): boolean => {
          const verdict = checkHostKey(readKnownHostsFiles(), t.host, t.port, key);
          onHostKey?.(verdict);
          return verdict.status === 'trusted';
        },
        // Ask the server for a key type known_hosts has, as ssh does, instead of ssh2's own preference.
        serverHostKeyAlgorithms: hostKeyAlgorithms(knownKeyTypes(known, t.host, t.port)),
      });
      // Plain HTTP over the agent's `docker system dial-stdio` channels (see sshAgent.ts).
      return { protocol: 'http', host: t.host, port: t.port, agent } as Dockerode.DockerOptions;
    }
    case 'tcp': {
      if (!ep.tls) return { protocol: 'http', host: t.host, port: t.port };
      const agent = new https.Agent({
        ca: ep.tls.ca,
        cert: ep.tls.cert,
        key: ep.tls.key,
        rejectUnauthorized: ep.tls.verify,
        keepAlive: true,
      });
      return { protocol: 'https', host: t.host, port: t.port, agent } as Dockerode.DockerOptions;
    }
  }
}

export type SwarmState = 'inactive' | 'pending' | 'active' | 'error' | 'locked';
export type SwarmRole = 'manager' | 'worker' | 'none';

export interface EngineInfo {
  engineVersion: string;
  apiVersion: string;
  negotiatedApiVersion: string;
  os: string;
  arch: string;
  name: string;
  swarm: {
    state: SwarmState;
    role: SwarmRole;
    nodeId?: string;
    nodeAddr?: string;
    clusterId?: string;
    nodes?: number;
    managers?: number;
    error?: string;
  };
}

interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
}

interface RawInfo {
  Name?: string;
  Swarm?: {
    NodeID?: string;
    NodeAddr?: string;
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    Error?: string;
    Nodes?: number;
    Managers?: number;
    Cluster?: { ID?: string } | null;
  };
}

export function swarmFromInfo(info: RawInfo): EngineInfo['swarm'] {
  const s = info.Swarm ?? {};
  const known: SwarmState[] = ['inactive', 'pending', 'active', 'error', 'locked'];
  const state = (known as string[]).includes(s.LocalNodeState ?? '') ? (s.LocalNodeState as SwarmState) : 'inactive';
  const role: SwarmRole = state !== 'active' ? 'none' : s.ControlAvailable ? 'manager' : 'worker';
  return {
    state,
    role,
    nodeId: s.NodeID || undefined,
    nodeAddr: s.NodeAddr || undefined,
    clusterId: s.Cluster?.ID || undefined,
    nodes: role === 'manager' ? s.Nodes : undefined,
    managers: role === 'manager' ? s.Managers : undefined,
    error: s.Error || undefined,
  };
}

export interface DockerClient {
  docker: Dockerode;
  endpoint: ResolvedEndpoint;
  info: EngineInfo;
}

/** Counts requests so callers (and tests) can see when Docker is contacted. */
export interface RequestCounter {
  count: number;
}

function instrument(docker: Dockerode, counter?: RequestCounter): void {
  if (!counter) return;
  const modem = docker.modem as { dial: (...args: unknown[]) => unknown };
  const dial = modem.dial.bind(modem);
  modem.dial = (...args: unknown[]) => {
    counter.count++;
    return dial(...args);
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, endpoint: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ConnectionError('timeout', `Docker at ${endpoint} did not answer within ${Math.round(ms / 1000)} s.`)),
      ms,
    );
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Connects: creates the client, asks the engine's version unversioned, pins the negotiated API version, reads /info.
 * Every failure is a ConnectionError with a user-facing message.
 */
export async function connect(
  endpoint: ResolvedEndpoint,
  opts: { timeoutMs?: number; counter?: RequestCounter } = {},
): Promise<DockerClient> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let refused: HostKeyVerdict | undefined;
  if (endpoint.transport.scheme === 'ssh' && !process.env.SSH_AUTH_SOCK) {
    throw new ConnectionError(
      'ssh',
      `${endpoint.host} needs an ssh agent: SSH_AUTH_SOCK is not set. Start ssh-agent, add your key with ssh-add, and start VS Code from that environment; Swarmscope never asks for ssh passwords.`,
    );
  }
  let docker: Dockerode | undefined;
  try {
    docker = new Dockerode(
      dockerodeOptions(endpoint, (v) => {
        refused = v.status === 'trusted' ? undefined : v;
      }),
    );
    instrument(docker, opts.counter);
    const version = (await withTimeout(docker.version(), timeoutMs, endpoint.host)) as RawVersion;
    const negotiated = negotiateApiVersion(version.ApiVersion ?? MIN_API_VERSION);
    (docker.modem as { version?: string }).version = `v${negotiated}`;
    const info = (await withTimeout(docker.info(), timeoutMs, endpoint.host)) as RawInfo;
    return {
      docker,
      endpoint,
      info: {
        engineVersion: version.Version ?? 'unknown',
        apiVersion: version.ApiVersion ?? 'unknown',
        negotiatedApiVersion: negotiated,
        os: version.Os ?? '',
        arch: version.Arch ?? '',
        name: info.Name ?? '',
        swarm: swarmFromInfo(info),
      },
    };
  } catch (err) {
    // A failed connect lets go of whatever its agent opened (SSH connections).
    if (docker) releaseDocker(docker);
    const t = endpoint.transport;
    if (refused && t.scheme === 'ssh') throw new ConnectionError('ssh', hostKeyMessage(refused, t.host, t.port, t.username), err);
    throw describeConnectionError(err, endpoint.host);
  }
}

/** Closes the connections a client's agent keeps alive (its SSH connections for ssh://; TLS keep-alive sockets). */
export function releaseDocker(docker: Dockerode): void {
  (docker.modem as { agent?: { destroy(): void } }).agent?.destroy();
}

/** One line for the status bar / CLI: `default · manager · 5 nodes`. */
export function describeSwarm(info: EngineInfo): string {
  const s = info.swarm;
  switch (s.state) {
    case 'active':
      return s.role === 'manager' ? `manager · ${s.nodes ?? '?'} node${s.nodes === 1 ? '' : 's'}` : 'worker';
    case 'inactive':
      return 'not in a swarm';
    case 'pending':
      return 'joining a swarm';
    case 'locked':
      return 'swarm locked';
    case 'error':
      return 'swarm error';
  }
}
