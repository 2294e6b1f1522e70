/**
 * Backup preflight: may this manager's engine be stopped for a backup? Pure quorum arithmetic over the node list.
 *
 * A swarm of N managers needs a majority, ⌊N/2⌋+1, reachable to keep raft quorum. Stopping the chosen manager removes
 * one reachable manager; if fewer than a majority would remain, the swarm can no longer be managed until the engine
 * is back, so the backup is refused. Stopping the leader works but forces an election, so a non-leader is recommended.
 */
import { SwarmFacts, SwarmNodeFacts, findNode } from './facts';

export type Level = 'info' | 'warn' | 'refuse';

export interface Finding {
  level: Level;
  code: 'unknown-node' | 'worker' | 'target-down' | 'quorum' | 'single-manager' | 'leader' | 'autolock' | 'tolerance' | 'ok';
  message: string;
}

export interface QuorumArithmetic {
  managers: number;
  reachable: number;
  /** ⌊managers/2⌋+1 */
  majority: number;
  /** Reachable managers while the target is stopped. */
  reachableDuringBackup: number;
}

export interface BackupAssessment {
  /** The worst finding: ok (nothing to say), warn (allowed with care) or refuse. */
  verdict: 'ok' | 'warn' | 'refuse';
  target?: SwarmNodeFacts;
  quorum: QuorumArithmetic;
  /** Reachable, ready, non-leader managers whose stop keeps quorum, best first. */
  recommended: SwarmNodeFacts[];
  findings: Finding[];
}

export function majorityOf(managers: number): number {
  return Math.floor(managers / 2) + 1;
}

function isUp(node: SwarmNodeFacts): boolean {
  return node.state === 'ready' && node.reachability === 'reachable';
}

function names(nodes: readonly SwarmNodeFacts[]): string {
  return nodes.map((n) => n.hostname).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function assessBackup(facts: SwarmFacts, targetRef: string): BackupAssessment {
  const managers = facts.nodes.filter((n) => n.role === 'manager');
  const reachable = managers.filter(isUp);
  const majority = majorityOf(managers.length);
  const target = findNode(facts.nodes, targetRef);
  const targetUp = target !== undefined && target.role === 'manager' && isUp(target);
  const quorum: QuorumArithmetic = {
    managers: managers.length,
    reachable: reachable.length,
    majority,
    reachableDuringBackup: reachable.length - (targetUp ? 1 : 0),
  };
  const recommended =
    managers.length > 1 && reachable.length - 1 >= majority
      ? reachable.filter((n) => !n.leader).sort((a, b) => a.hostname.localeCompare(b.hostname))
      : [];
  const findings: Finding[] = [];
  const recommendation = recommended.length
    ? `Back up a non-leader manager instead: ${names(recommended)}.`
    : 'No other manager can be stopped safely right now.';

  if (!target) {
    findings.push({ level: 'refuse', code: 'unknown-node', message: `No node "${targetRef}" in this swarm. Managers: ${names(managers)}.` });
  } else if (target.role !== 'manager') {
    findings.push({
      level: 'refuse',
      code: 'worker',
      message: `${target.hostname} is a worker: a worker's swarm directory holds no raft log, secrets or service definitions. Back up a manager${recommended.length ? ` (${names(recommended)})` : ''}.`,
    });
  } else if (!targetUp) {
    findings.push({
      level: 'refuse',
      code: 'target-down',
      message: `${target.hostname} is ${target.state}/${target.reachability ?? 'unknown'}: its swarm directory may be stale. Back up a reachable manager. ${recommendation}`,
    });
  } else {
    if (managers.length === 1) {
      findings.push({
        level: 'warn',
        code: 'single-manager',
        message: `${target.hostname} is the swarm's only manager: while its engine is stopped the swarm cannot be managed (no service changes, no rescheduling; running tasks keep running). Add managers (3 or 5) so that backups do not interrupt management.`,
      });
    } else if (quorum.reachableDuringBackup < majority) {
      const down = managers.filter((n) => !isUp(n));
      findings.push({
        level: 'refuse',
        code: 'quorum',
        message:
          `Stopping ${target.hostname} would lose quorum: ${plural(managers.length, 'manager')} need a majority of ${majority} (⌊${managers.length}/2⌋+1) reachable, ` +
          `only ${reachable.length} ${reachable.length === 1 ? 'is' : 'are'} reachable now${down.length ? ` (${names(down)} ${down.length === 1 ? 'is' : 'are'} down)` : ''}, ` +
          `and ${quorum.reachableDuringBackup} would remain while ${target.hostname} is stopped. The swarm could not be managed until it is back. ` +
          `Bring the other managers back first.`,
      });
    } else {
      const spare = quorum.reachableDuringBackup - majority;
      findings.push({
        level: spare === 0 ? 'warn' : 'info',
        code: 'tolerance',
        message:
          `While ${target.hostname} is stopped, ${quorum.reachableDuringBackup} of ${managers.length} managers stay reachable (a majority is ${majority}); ` +
          `the swarm then tolerates ${plural(spare, 'more manager failure')}.`,
      });
    }
    if (target.leader && managers.length > 1) {
      findings.push({
        level: 'warn',
        code: 'leader',
        message: `${target.hostname} is the raft leader: stopping it forces a leader election. ${recommendation}`,
      });
    }
  }
  if (facts.autolock) {
    findings.push({
      level: 'warn',
      code: 'autolock',
      message:
        'Autolock is on: the archive is useless without the unlock key (`docker swarm unlock-key -q`). Store the key with the backup, but separately and safely (a password manager, not next to the archive).',
    });
  }
  const verdict = findings.some((f) => f.level === 'refuse') ? 'refuse' : findings.some((f) => f.level === 'warn') ? 'warn' : 'ok';
  return { verdict, target, quorum, recommended, findings };
}
