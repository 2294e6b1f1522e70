/**
 * Node operations: promote, demote (with the quorum arithmetic), availability, labels, and removal of nodes that
 * are down. No vscode here.
 */
import type Dockerode from 'dockerode';
import { NodeSpec, OperationError, engineRequest, SwarmNodeInfo, inspectNode, listNodes, listTasks, updateNodeSpec } from './engineApi';
import { quorumWarning } from './quorum';
import { parseLabel } from './validate';

export type Availability = NodeSpec['Availability'];
export const AVAILABILITIES: readonly Availability[] = ['active', 'pause', 'drain'];

export function hostnameOf(node: SwarmNodeInfo): string {
  return node.Description?.Hostname || node.Spec.Name || node.ID.slice(0, 12);
}

export interface RoleChangePlan {
  node: SwarmNodeInfo;
  hostname: string;
  change: 'promote' | 'demote';
  /** Nothing to do: the node already has that role. */
  noop: boolean;
  warning: string;
}

/** The quorum warning for promoting or demoting a node, from the live node list. */
export async function planRoleChange(docker: Dockerode, idOrName: string, change: 'promote' | 'demote'): Promise<RoleChangePlan> {
  const nodes = await listNodes(docker);
  const node = nodes.find((n) => n.ID === idOrName || hostnameOf(n) === idOrName || n.Spec.Name === idOrName);
  if (!node) throw new OperationError(`No node ${idOrName} in this swarm.`);
  const hostname = hostnameOf(node);
  const wanted = change === 'promote' ? 'manager' : 'worker';
  const managers = nodes.filter((n) => n.Spec.Role === 'manager');
  const reachable = managers.filter((n) => n.ManagerStatus?.Reachability === 'reachable').length;
  const targetReachable = node.ManagerStatus?.Reachability === 'reachable';
  const noop = node.Spec.Role === wanted;
  return {
    node,
    hostname,
    change,
    noop,
    warning: noop
      ? `${hostname} is already a ${wanted}.`
      : quorumWarning(hostname, { managers: managers.length, reachable }, change, change === 'demote' ? targetReachable : true),
  };
}

async function changeNodeSpec(docker: Dockerode, idOrName: string, change: (spec: NodeSpec, node: SwarmNodeInfo) => void): Promise<SwarmNodeInfo> {
  const node = await inspectNode(docker, idOrName);
  const spec: NodeSpec = { ...node.Spec, Labels: { ...(node.Spec.Labels ?? {}) } };
  change(spec, node);
  await updateNodeSpec(docker, node, spec);
  return node;
}

export async function setNodeRole(docker: Dockerode, idOrName: string, role: 'manager' | 'worker'): Promise<SwarmNodeInfo> {
  return changeNodeSpec(docker, idOrName, (spec) => {
    spec.Role = role;
  });
}

/** What setting the availability means, in one sentence: drain explains that tasks move. */
export function availabilityExplanation(hostname: string, availability: Availability, runningTasks: number): string {
  switch (availability) {
    case 'drain':
      return `Draining ${hostname} stops its ${runningTasks} running task${runningTasks === 1 ? '' : 's'}; the swarm reschedules replicated tasks on other nodes (global services stop there), and no new task is placed on it.`;
    case 'pause':
      return `Pausing ${hostname} keeps its ${runningTasks} running task${runningTasks === 1 ? '' : 's'} but places no new task on it.`;
    case 'active':
      return `${hostname} becomes active: the scheduler may place new tasks on it (existing tasks elsewhere do not move back).`;
  }
}

export async function runningTasksOnNode(docker: Dockerode, nodeId: string): Promise<number> {
  const tasks = await listTasks(docker, { node: [nodeId], 'desired-state': ['running'] });
  return tasks.filter((t) => t.Status?.State === 'running').length;
}

export async function setNodeAvailability(docker: Dockerode, idOrName: string, availability: Availability): Promise<SwarmNodeInfo> {
  if (!AVAILABILITIES.includes(availability)) throw new OperationError(`Availability is active, pause or drain, not "${String(availability)}".`);
  return changeNodeSpec(docker, idOrName, (spec) => {
    spec.Availability = availability;
  });
}

export async function addNodeLabel(docker: Dockerode, idOrName: string, label: string): Promise<SwarmNodeInfo> {
  const p = parseLabel(label);
  if (!p.ok) throw new OperationError(p.error);
  return changeNodeSpec(docker, idOrName, (spec) => {
    spec.Labels = { ...spec.Labels, [p.value.key]: p.value.value };
  });
}

export async function removeNodeLabel(docker: Dockerode, idOrName: string, key: string): Promise<SwarmNodeInfo> {
  return changeNodeSpec(docker, idOrName, (spec, node) => {
    if (!(key in (spec.Labels ?? {}))) throw new OperationError(`${hostnameOf(node)} has no label ${key}.`);
    const labels = { ...spec.Labels };
    delete labels[key];
    spec.Labels = labels;
  });
}

export type NodeRemovalCheck = { ok: true; hostname: string } | { ok: false; hostname: string; reason: string };

/** Only nodes that are down can be removed from here; anything else gets the reason and the way to do it. */
export function checkNodeRemoval(node: SwarmNodeInfo): NodeRemovalCheck {
  const hostname = hostnameOf(node);
  const state = node.Status?.State ?? 'unknown';
  if (node.Spec.Role === 'manager') {
    return { ok: false, hostname, reason: `${hostname} is a manager. Demote it first; then, once it is down, it can be removed.` };
  }
  if (state !== 'down') {
    return {
      ok: false,
      hostname,
      reason: `${hostname} is ${state}, not down. Only nodes that are down can be removed: drain it, run "docker swarm leave" on it (or stop its engine), then remove it.`,
    };
  }
  return { ok: true, hostname };
}

export async function removeNode(docker: Dockerode, idOrName: string): Promise<NodeRemovalCheck> {
  const node = await inspectNode(docker, idOrName);
  const check = checkNodeRemoval(node);
  if (!check.ok) return check;
  await engineRequest(docker, { method: 'DELETE', path: `/nodes/${encodeURIComponent(node.ID)}` });
  return check;
}
