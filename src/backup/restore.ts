/**
 * Restore preflight and the Engine API steps of a restore. A swarm backup restores only on a node with the same
 * engine version and the same address as the backed-up one, with an empty swarm directory, while the old swarm's
 * other nodes are stopped or gone; then `swarm init --force-new-cluster` makes it a one-manager swarm again.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import type { BackupManifest } from './manifest';
import { engineRequest } from './facts';
import type { Finding as BackupFinding } from './preflight';

export interface OtherNodeState {
  name: string;
  /** unreachable: no engine answers; inactive: not in a swarm; active: in a swarm (clusterId says which). */
  state: 'unreachable' | 'inactive' | 'active' | 'locked' | 'pending' | 'error';
  clusterId?: string;
}

export interface RestoreTarget {
  engineVersion: string;
  /** Info.Swarm.LocalNodeState */
  swarmState: string;
  clusterId?: string;
  /** The addresses the target node has, as far as Swarmscope can tell (may be empty: unknown). */
  addresses: string[];
  dataRoot: string;
  /** Entries of `<dataRoot>/swarm`, or undefined when that folder cannot be read from here. */
  swarmDirEntries?: string[];
  /** The old swarm's other nodes that could be checked. */
  others: OtherNodeState[];
}

export interface RestoreFinding {
  level: BackupFinding['level'];
  code: 'version' | 'address' | 'address-unknown' | 'in-swarm' | 'swarm-dir' | 'swarm-dir-unknown' | 'other-node' | 'others-unchecked' | 'autolock' | 'ok';
  message: string;
}

export interface RestoreAssessment {
  verdict: 'ok' | 'warn' | 'refuse';
  findings: RestoreFinding[];
}

/** The bare IP of `ip`, `ip:port` or `[ipv6]:port`. */
export function hostOf(addr: string): string {
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(addr);
  if (bracket) return bracket[1];
  const parts = addr.split(':');
  return parts.length === 2 ? parts[0] : addr;
}

export function assessRestore(manifest: BackupManifest, target: RestoreTarget): RestoreAssessment {
  const findings: RestoreFinding[] = [];
  const want = manifest.node;
  if (target.engineVersion !== want.engineVersion) {
    findings.push({
      level: 'refuse',
      code: 'version',
      message: `Engine version mismatch: the backup was taken on Docker Engine ${want.engineVersion}, this engine is ${target.engineVersion || 'unknown'}. A swarm backup restores only on the same version: install ${want.engineVersion} here or restore on another node.`,
    });
  }
  const wantAddr = hostOf(want.addr);
  if (target.addresses.length === 0) {
    findings.push({
      level: 'warn',
      code: 'address-unknown',
      message: `Swarmscope cannot tell this engine's address. The restore works only on a node with the backup's address ${wantAddr}: make sure this host has it.`,
    });
  } else if (!target.addresses.map(hostOf).includes(wantAddr)) {
    findings.push({
      level: 'refuse',
      code: 'address',
      message: `Address mismatch: the backup was taken on ${want.hostname} at ${wantAddr}, and this engine's address is ${target.addresses.map(hostOf).join(', ')}. The restored raft state names ${wantAddr}: restore on a node with that address.`,
    });
  }
  if (target.swarmState !== 'inactive') {
    findings.push({
      level: 'refuse',
      code: 'in-swarm',
      message: `This engine is still part of a swarm (state ${target.swarmState}${target.clusterId ? `, swarm ${target.clusterId}` : ''}). Run \`docker swarm leave --force\` on it first, so that its swarm directory is empty.`,
    });
  }
  const swarmDir = path.posix.join(target.dataRoot, 'swarm');
  if (target.swarmDirEntries === undefined) {
    findings.push({ level: 'warn', code: 'swarm-dir-unknown', message: `Swarmscope cannot read ${swarmDir} from here: make sure it is empty before extracting the archive.` });
  } else if (target.swarmDirEntries.length > 0) {
    findings.push({
      level: 'refuse',
      code: 'swarm-dir',
      message: `${swarmDir} is not empty (${target.swarmDirEntries.slice(0, 5).join(', ')}${target.swarmDirEntries.length > 5 ? ', …' : ''}). Leave the swarm (\`docker swarm leave --force\`) or stop the engine and empty it first.`,
    });
  }
  for (const other of target.others) {
    if ((other.state === 'active' || other.state === 'locked' || other.state === 'pending') && (!other.clusterId || other.clusterId === manifest.swarm.id)) {
      findings.push({
        level: 'refuse',
        code: 'other-node',
        message: `${other.name} still runs the backed-up swarm (${other.state}). Stop Docker there or run \`docker swarm leave --force\` on it: the restored swarm must not meet its old members.`,
      });
    }
  }
  const checked = new Set(target.others.map((o) => o.name));
  const unchecked = manifest.inventory.nodes.map((n) => n.name).filter((n) => n !== want.hostname && !checked.has(n));
  if (unchecked.length) {
    findings.push({ level: 'warn', code: 'others-unchecked', message: `Make sure the swarm's other nodes are stopped or have left the swarm: ${unchecked.join(', ')}.` });
  }
  if (manifest.swarm.autolock) {
    findings.push({ level: 'warn', code: 'autolock', message: 'The backed-up swarm had autolock on: you will need the unlock key that was stored with the backup.' });
  }
  const verdict = findings.some((f) => f.level === 'refuse') ? 'refuse' : findings.some((f) => f.level === 'warn') ? 'warn' : 'ok';
  return { verdict, findings };
}

interface RawInfo {
  ServerVersion?: string;
  DockerRootDir?: string;
  Swarm?: { LocalNodeState?: string; NodeAddr?: string; Cluster?: { ID?: string } | null };
}

/** The machine's own non-internal addresses: meaningful only when the engine runs on this machine. */
export function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal)
    .map((a) => a.address);
}

export interface ReadTargetOptions {
  /** Addresses the user says the target has; otherwise the swarm's NodeAddr (if any) and, when local, this machine's. */
  addresses?: string[];
  /** The engine's files are on this machine, so `<dataRoot>/swarm` and the interfaces can be read directly. */
  local?: boolean;
  /** Override of the engine's data root (DockerRootDir). */
  dataRoot?: string;
  /** Engines of the old swarm's other nodes to check, by name. */
  others?: Array<{ name: string; docker: Dockerode }>;
}

export async function readSwarmDirEntries(dataRoot: string): Promise<string[] | undefined> {
  try {
    return (await fsp.readdir(path.join(dataRoot, 'swarm'))).sort();
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? [] : undefined;
  }
}

async function otherState(name: string, docker: Dockerode): Promise<OtherNodeState> {
  try {
    const info = (await docker.info()) as RawInfo;
    const state = (info.Swarm?.LocalNodeState ?? 'inactive') as OtherNodeState['state'];
    return { name, state, clusterId: info.Swarm?.Cluster?.ID || undefined };
  } catch {
    return { name, state: 'unreachable' };
  }
}

export async function readRestoreTarget(docker: Dockerode, opts: ReadTargetOptions = {}): Promise<RestoreTarget> {
  const info = (await docker.info()) as RawInfo;
  const dataRoot = opts.dataRoot ?? info.DockerRootDir ?? '/var/lib/docker';
  const addresses = new Set<string>(opts.addresses ?? []);
  if (info.Swarm?.NodeAddr) addresses.add(info.Swarm.NodeAddr);
  if (!opts.addresses?.length && opts.local) for (const a of localAddresses()) addresses.add(a);
  return {
    engineVersion: info.ServerVersion ?? '',
    swarmState: info.Swarm?.LocalNodeState ?? 'inactive',
    clusterId: info.Swarm?.Cluster?.ID || undefined,
    addresses: [...addresses],
    dataRoot,
    swarmDirEntries: opts.local ? await readSwarmDirEntries(dataRoot) : undefined,
    others: await Promise.all((opts.others ?? []).map((o) => otherState(o.name, o.docker))),
  };
}

/** The port of the manager's raft address, 2377 unless the backup says otherwise. */
export function raftPort(advertiseAddr: string): number {
  const m = /:(\d+)$/.exec(advertiseAddr);
  return m ? Number(m[1]) : 2377;
}

/** `docker swarm unlock` through the API. */
export async function unlockSwarm(docker: Dockerode, unlockKey: string): Promise<void> {
  await engineRequest(docker, 'POST', '/swarm/unlock', { UnlockKey: unlockKey });
}

/**
 * `docker swarm init --force-new-cluster --advertise-addr <backup address>` through the API, on an engine started
 * on the restored swarm directory. Autolock is carried over from the backup.
 */
export async function forceNewCluster(docker: Dockerode, manifest: BackupManifest): Promise<string> {
  const addr = hostOf(manifest.node.addr);
  const port = raftPort(manifest.node.advertiseAddr);
  const id = await docker.swarmInit({
    ListenAddr: `0.0.0.0:${port}`,
    AdvertiseAddr: `${addr.includes(':') ? `[${addr}]` : addr}:${port}`,
    ForceNewCluster: true,
    AutoLockManagers: manifest.swarm.autolock,
    Spec: { EncryptionConfig: { AutoLockManagers: manifest.swarm.autolock } },
  });
  return typeof id === 'string' ? id.replace(/"/g, '').trim() : String(id);
}

/** What to do after a successful restore. */
export function afterRestoreReminders(manifest: BackupManifest): string[] {
  const oldNodes = manifest.inventory.nodes.map((n) => n.name).filter((n) => n !== manifest.node.hostname);
  return [
    'The swarm now has one manager: add managers again (`docker swarm join-token manager`) to regain fault tolerance.',
    ...(oldNodes.length ? [`Remove the old nodes that will not come back with \`docker node rm\`: ${oldNodes.join(', ')}.`] : []),
    'Take a fresh backup once the swarm is whole again.',
  ];
}

/** Polls until the node is Ready (and, for a manager, reachable) again, e.g. after its engine was restarted. */
export async function waitForNodeBack(
  docker: Dockerode,
  nodeId: string,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<{ state: string; reachability?: string }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let last: { state: string; reachability?: string } = { state: 'unknown' };
  for (;;) {
    try {
      const node = (await docker.getNode(nodeId).inspect()) as {
        Spec?: { Role?: string };
        Status?: { State?: string };
        ManagerStatus?: { Reachability?: string };
      };
      last = { state: node.Status?.State ?? 'unknown', reachability: node.ManagerStatus?.Reachability };
      if (last.state === 'ready' && (node.Spec?.Role !== 'manager' || last.reachability === 'reachable')) return last;
    } catch {
      // the engine may still be starting, or this manager may be the one that was stopped
    }
    if (Date.now() > deadline) {
      throw new Error(`The node did not come back in time (last seen ${last.state}${last.reachability ? `/${last.reachability}` : ''}).`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
}
