/**
 * Swarm membership and cluster-wide settings: init, join, leave, join tokens and commands, token rotation,
 * autolock, unlock and the unlock key. No vscode here. Unlock keys and join tokens are credentials: they are
 * returned to the caller and never put into error messages.
 */
import type Dockerode from 'dockerode';
import { OperationError, engineRequest, listNodes, swarmInspect } from './engineApi';
import { quorumWarning } from './quorum';
import { parseManagerAddress, validateAdvertiseAddress, validateJoinToken, validateUnlockKey } from './validate';

export interface InitOptions {
  /** IP or interface, optional port. Empty: the engine picks (it fails when the host has several addresses). */
  advertiseAddr?: string;
  /** Default `0.0.0.0:2377`. */
  listenAddr?: string;
  /** Turn on autolock (`--autolock`). */
  autolock?: boolean;
}

export async function initSwarm(docker: Dockerode, opts: InitOptions): Promise<{ nodeId: string }> {
  for (const a of [opts.advertiseAddr, opts.listenAddr]) {
    if (a) {
      const problem = validateAdvertiseAddress(a);
      if (problem) throw new OperationError(problem);
    }
  }
  const nodeId = await engineRequest<string>(docker, {
    method: 'POST',
    path: '/swarm/init',
    body: {
      ListenAddr: opts.listenAddr || '0.0.0.0:2377',
      AdvertiseAddr: opts.advertiseAddr ?? '',
      ForceNewCluster: false,
      Spec: opts.autolock ? { EncryptionConfig: { AutoLockManagers: true } } : {},
    },
  });
  return { nodeId: String(nodeId) };
}

export interface JoinOptions {
  token: string;
  /** A manager's host:port (2377 when no port). */
  managerAddr: string;
  advertiseAddr?: string;
  listenAddr?: string;
}

/** Joins the connected engine to a swarm; the token decides whether it joins as a worker or a manager. */
export async function joinSwarm(docker: Dockerode, opts: JoinOptions): Promise<void> {
  const tokenProblem = validateJoinToken(opts.token);
  if (tokenProblem) throw new OperationError(tokenProblem);
  const remote = parseManagerAddress(opts.managerAddr);
  if (!remote.ok) throw new OperationError(remote.error);
  for (const a of [opts.advertiseAddr, opts.listenAddr]) {
    if (a) {
      const problem = validateAdvertiseAddress(a);
      if (problem) throw new OperationError(problem);
    }
  }
  await engineRequest(docker, {
    method: 'POST',
    path: '/swarm/join',
    body: {
      ListenAddr: opts.listenAddr || '0.0.0.0:2377',
      AdvertiseAddr: opts.advertiseAddr ?? '',
      RemoteAddrs: [remote.value],
      JoinToken: opts.token.trim(),
    },
  });
}

export interface LeavePlan {
  nodeId?: string;
  hostname: string;
  role: 'manager' | 'worker' | 'none';
  /** For managers: the quorum arithmetic of leaving. */
  warning?: string;
  /** The engine refuses to let a manager leave without force. */
  needsForce: boolean;
}

interface InfoSwarm {
  Name?: string;
  Swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean; Managers?: number };
}

/** What leaving means for the connected engine, with the quorum warning for a manager. */
export async function planLeave(docker: Dockerode): Promise<LeavePlan> {
  const info = (await docker.info()) as InfoSwarm;
  const state = info.Swarm?.LocalNodeState ?? 'inactive';
  const hostname = info.Name ?? 'this node';
  if (state === 'inactive') throw new OperationError(`${hostname} is not part of a swarm.`);
  if (!info.Swarm?.ControlAvailable) return { nodeId: info.Swarm?.NodeID, hostname, role: state === 'active' ? 'worker' : 'none', needsForce: false };
  const nodes = await listNodes(docker);
  const managers = nodes.filter((n) => n.Spec.Role === 'manager');
  const reachable = managers.filter((n) => n.ManagerStatus?.Reachability === 'reachable').length;
  return {
    nodeId: info.Swarm?.NodeID,
    hostname,
    role: 'manager',
    warning: quorumWarning(hostname, { managers: managers.length, reachable }, 'leave'),
    needsForce: true,
  };
}

export async function leaveSwarm(docker: Dockerode, force: boolean): Promise<void> {
  await engineRequest(docker, { method: 'POST', path: '/swarm/leave', query: { force } });
}

export type JoinRole = 'worker' | 'manager';

/** The command another machine runs to join: `docker swarm join --token SWMTKN-… 10.0.0.1:2377`. */
export async function joinCommand(docker: Dockerode, role: JoinRole): Promise<string> {
  const swarm = await swarmInspect(docker);
  const token = role === 'manager' ? swarm.JoinTokens.Manager : swarm.JoinTokens.Worker;
  const info = (await docker.info()) as { Swarm?: { NodeID?: string; RemoteManagers?: { NodeID: string; Addr: string }[] | null } };
  const self = info.Swarm?.RemoteManagers?.find((m) => m.NodeID === info.Swarm?.NodeID);
  const addr = self?.Addr ?? info.Swarm?.RemoteManagers?.[0]?.Addr;
  if (!addr) throw new OperationError('The engine did not report a manager address.');
  return `docker swarm join --token ${token} ${addr}`;
}

export async function rotateJoinToken(docker: Dockerode, role: JoinRole): Promise<void> {
  const swarm = await swarmInspect(docker);
  await engineRequest(docker, {
    method: 'POST',
    path: '/swarm/update',
    query: { version: swarm.Version.Index, rotateWorkerToken: role === 'worker', rotateManagerToken: role === 'manager' },
    body: swarm.Spec,
  });
}

export async function setAutolock(docker: Dockerode, enabled: boolean): Promise<void> {
  const swarm = await swarmInspect(docker);
  const spec = { ...swarm.Spec, EncryptionConfig: { ...swarm.Spec.EncryptionConfig, AutoLockManagers: enabled } };
  await engineRequest(docker, { method: 'POST', path: '/swarm/update', query: { version: swarm.Version.Index }, body: spec });
}

/** The current unlock key (`SWMKEY-1-…`); an empty string when autolock is off. */
export async function unlockKey(docker: Dockerode): Promise<string> {
  const r = await engineRequest<{ UnlockKey?: string }>(docker, { method: 'GET', path: '/swarm/unlockkey' });
  return r.UnlockKey ?? '';
}

export async function unlockSwarm(docker: Dockerode, key: string): Promise<void> {
  const problem = validateUnlockKey(key);
  if (problem) throw new OperationError(problem);
  await engineRequest(docker, { method: 'POST', path: '/swarm/unlock', body: { UnlockKey: key.trim() } });
}
