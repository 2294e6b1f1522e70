import { test } from 'node:test';
import assert from 'node:assert/strict';
import { faultTolerance, quorumImpact, quorumSize, quorumWarning } from '../../../src/operations/quorum';

void test('quorum size and fault tolerance follow floor(N/2)+1 and floor((N-1)/2)', () => {
  const table: [number, number, number][] = [
    // managers, quorum, tolerated failures
    [0, 0, 0],
    [1, 1, 0],
    [2, 2, 0],
    [3, 2, 1],
    [4, 3, 1],
    [5, 3, 2],
    [6, 4, 2],
    [7, 4, 3],
  ];
  for (const [n, q, f] of table) {
    assert.equal(quorumSize(n), q, `quorum of ${n}`);
    assert.equal(faultTolerance(n), f, `tolerance of ${n}`);
  }
});

void test('demoting one of three managers leaves two that tolerate no failure', () => {
  const i = quorumImpact({ managers: 3 }, 'demote');
  assert.deepEqual(
    { after: i.after, quorumAfter: i.quorumAfter, toleranceBefore: i.toleranceBefore, toleranceAfter: i.toleranceAfter, losesQuorum: i.losesQuorum },
    { after: 2, quorumAfter: 2, toleranceBefore: 1, toleranceAfter: 0, losesQuorum: false },
  );
  assert.equal(
    quorumWarning('mgr-3', { managers: 3 }, 'demote'),
    'The swarm has 3 managers and tolerates 1 manager failure. After mgr-3 is demoted, 2 managers remain: a quorum needs 2, so the swarm tolerates 0 manager failures. The swarm becomes less fault tolerant.',
  );
});

void test('leaving when another manager is unreachable loses the quorum', () => {
  const i = quorumImpact({ managers: 3, reachable: 2 }, 'leave');
  assert.equal(i.reachableAfter, 1);
  assert.equal(i.losesQuorum, true);
  assert.match(quorumWarning('mgr-1', { managers: 3, reachable: 2 }, 'leave'), /Only 1 of them is reachable, which is less than a quorum: the swarm can no longer be managed\./);
});

void test('removing an unreachable manager does not count it as reachable', () => {
  const i = quorumImpact({ managers: 3, reachable: 2 }, 'remove', false);
  assert.equal(i.reachableAfter, 2);
  assert.equal(i.losesQuorum, false);
});

void test('the last manager is called out', () => {
  const text = quorumWarning('solo', { managers: 1 }, 'leave');
  assert.match(text, /^The swarm has 1 manager and tolerates 0 manager failures\. solo is the last manager: after it leaves, nothing can manage the swarm/);
  assert.equal(quorumImpact({ managers: 1 }, 'leave').lastManager, true);
});

void test('promoting to an even count says it adds no fault tolerance', () => {
  const text = quorumWarning('wkr-1', { managers: 3 }, 'promote');
  assert.match(text, /After wkr-1 is promoted, the swarm has 4 managers: a quorum needs 3, so the swarm tolerates 1 manager failure\./);
  assert.match(text, /An even number of managers adds no fault tolerance/);
  const five = quorumWarning('wkr-2', { managers: 4 }, 'promote');
  assert.match(five, /5 managers: a quorum needs 3, so the swarm tolerates 2 manager failures\.$/);
});
