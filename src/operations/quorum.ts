/**
 * Raft quorum arithmetic for manager changes (leave, demote, promote, remove), and the warning text the commands
 * show before them. A swarm with N managers needs floor(N/2)+1 of them to agree, so it tolerates floor((N-1)/2)
 * manager failures: 3 managers tolerate 1, 4 still tolerate 1, 5 tolerate 2.
 */

export function quorumSize(managers: number): number {
  return managers <= 0 ? 0 : Math.floor(managers / 2) + 1;
}

export function faultTolerance(managers: number): number {
  return managers <= 0 ? 0 : Math.floor((managers - 1) / 2);
}

export interface ManagerCounts {
  /** Managers in the swarm (any reachability). */
  managers: number;
  /** Managers currently reachable (the leader counts). Defaults to all. */
  reachable?: number;
}

export type ManagerChange = 'leave' | 'demote' | 'remove' | 'promote';

export interface QuorumImpact {
  before: number;
  after: number;
  quorumBefore: number;
  quorumAfter: number;
  toleranceBefore: number;
  toleranceAfter: number;
  /** Reachable managers after the change. */
  reachableAfter: number;
  /** Too few reachable managers remain to form a quorum: the swarm cannot be managed until that is fixed. */
  losesQuorum: boolean;
  /** No manager remains at all. */
  lastManager: boolean;
}

/**
 * The effect of one manager change. `targetReachable` says whether the manager being removed (leave, demote,
 * remove) is currently reachable; promoting adds a reachable manager.
 */
export function quorumImpact(counts: ManagerCounts, change: ManagerChange, targetReachable = true): QuorumImpact {
  const before = counts.managers;
  const reachable = counts.reachable ?? before;
  const delta = change === 'promote' ? 1 : -1;
  const after = Math.max(0, before + delta);
  const reachableAfter = change === 'promote' ? reachable + 1 : Math.max(0, reachable - (targetReachable ? 1 : 0));
  return {
    before,
    after,
    quorumBefore: quorumSize(before),
    quorumAfter: quorumSize(after),
    toleranceBefore: faultTolerance(before),
    toleranceAfter: faultTolerance(after),
    reachableAfter,
    losesQuorum: after > 0 && reachableAfter < quorumSize(after),
    lastManager: after === 0,
  };
}

function managers(n: number): string {
  return `${n} manager${n === 1 ? '' : 's'}`;
}

function failures(n: number): string {
  return `${n} manager failure${n === 1 ? '' : 's'}`;
}

const VERB: Record<ManagerChange, string> = { leave: 'leaves', demote: 'is demoted', remove: 'is removed', promote: 'is promoted' };

/**
 * The warning shown before a manager change, e.g. "The swarm has 3 managers and tolerates 1 manager failure. After
 * mgr-3 is demoted, 2 managers remain: a quorum needs 2, so the swarm tolerates 0 manager failures."
 */
export function quorumWarning(nodeName: string, counts: ManagerCounts, change: ManagerChange, targetReachable = true): string {
  const i = quorumImpact(counts, change, targetReachable);
  const head = `The swarm has ${managers(i.before)} and tolerates ${failures(i.toleranceBefore)}.`;
  if (i.lastManager) {
    return `${head} ${nodeName} is the last manager: after it ${VERB[change]}, nothing can manage the swarm and its state is lost unless it is recreated with --force-new-cluster.`;
  }
  const remain = change === 'promote' ? `the swarm has ${managers(i.after)}` : `${managers(i.after)} remain`;
  let text = `${head} After ${nodeName} ${VERB[change]}, ${remain}: a quorum needs ${i.quorumAfter}, so the swarm tolerates ${failures(i.toleranceAfter)}.`;
  if (i.losesQuorum) {
    text += ` Only ${i.reachableAfter} of them ${i.reachableAfter === 1 ? 'is' : 'are'} reachable, which is less than a quorum: the swarm can no longer be managed.`;
  } else if (i.toleranceAfter < i.toleranceBefore) {
    text += ` The swarm becomes less fault tolerant.`;
  } else if (i.after % 2 === 0) {
    text += ` An even number of managers adds no fault tolerance; an odd number (3, 5, 7) is recommended.`;
  }
  return text;
}
