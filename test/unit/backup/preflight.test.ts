import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SwarmFacts, SwarmNodeFacts } from '../../../src/backup/facts';
import { assessBackup, majorityOf } from '../../../src/backup/preflight';

function mgr(hostname: string, extra: Partial<SwarmNodeFacts> = {}): SwarmNodeFacts {
  return { id: `id-${hostname}`, hostname, role: 'manager', state: 'ready', availability: 'active', addr: '10.0.0.1', leader: false, reachability: 'reachable', engineVersion: '20.10.24', ...extra };
}
function facts(nodes: SwarmNodeFacts[], autolock = false): SwarmFacts {
  return { swarmId: 's', autolock, nodes, connectedNodeId: nodes[0].id, connectedDataRoot: '/var/lib/docker', connectedEngineVersion: '20.10.24' };
}
const worker: SwarmNodeFacts = { ...mgr('wkr-1'), role: 'worker', reachability: undefined };

void test('majority is ⌊N/2⌋+1', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 7].map(majorityOf), [1, 2, 2, 3, 3, 4]);
});

const cases: Array<{ name: string; nodes: SwarmNodeFacts[]; target: string; verdict: string; codes: string[]; recommended: string[] }> = [
  { name: 'healthy 3, non-leader', nodes: [mgr('m1', { leader: true }), mgr('m2'), mgr('m3')], target: 'm2', verdict: 'warn', codes: ['tolerance'], recommended: ['m2', 'm3'] },
  { name: 'healthy 3, leader', nodes: [mgr('m1', { leader: true }), mgr('m2'), mgr('m3')], target: 'm1', verdict: 'warn', codes: ['tolerance', 'leader'], recommended: ['m2', 'm3'] },
  { name: 'healthy 5, non-leader keeps one spare', nodes: [mgr('m1', { leader: true }), mgr('m2'), mgr('m3'), mgr('m4'), mgr('m5')], target: 'm5', verdict: 'ok', codes: ['tolerance'], recommended: ['m2', 'm3', 'm4', 'm5'] },
  { name: '3 with one down', nodes: [mgr('m1', { leader: true }), mgr('m2'), mgr('m3', { state: 'down', reachability: 'unreachable' })], target: 'm2', verdict: 'refuse', codes: ['quorum'], recommended: [] },
  { name: 'the down manager itself', nodes: [mgr('m1', { leader: true }), mgr('m2'), mgr('m3', { state: 'down', reachability: 'unreachable' })], target: 'm3', verdict: 'refuse', codes: ['target-down'], recommended: [] },
  { name: 'single manager', nodes: [mgr('m1', { leader: true })], target: 'm1', verdict: 'warn', codes: ['single-manager'], recommended: [] },
  { name: 'worker', nodes: [mgr('m1', { leader: true }), mgr('m2'), mgr('m3'), worker], target: 'wkr-1', verdict: 'refuse', codes: ['worker'], recommended: ['m2', 'm3'] },
  { name: 'unknown', nodes: [mgr('m1', { leader: true })], target: 'nope', verdict: 'refuse', codes: ['unknown-node'], recommended: [] },
  { name: 'by ID prefix', nodes: [mgr('m1', { leader: true }), mgr('m2'), mgr('m3')], target: 'id-m3', verdict: 'warn', codes: ['tolerance'], recommended: ['m2', 'm3'] },
];

for (const c of cases) {
  void test(`backup preflight: ${c.name}`, () => {
    const a = assessBackup(facts(c.nodes), c.target);
    assert.equal(a.verdict, c.verdict);
    assert.deepEqual(a.findings.map((f) => f.code), c.codes);
    assert.deepEqual(a.recommended.map((n) => n.hostname), c.recommended);
  });
}

void test('the quorum refusal explains the arithmetic', () => {
  const a = assessBackup(facts([mgr('m1', { leader: true }), mgr('m2'), mgr('m3', { state: 'down', reachability: 'unreachable' })]), 'm2');
  assert.equal(
    a.findings[0].message,
    'Stopping m2 would lose quorum: 3 managers need a majority of 2 (⌊3/2⌋+1) reachable, only 2 are reachable now (m3 is down), and 1 would remain while m2 is stopped. The swarm could not be managed until it is back. Bring the other managers back first.',
  );
  assert.deepEqual(a.quorum, { managers: 3, reachable: 2, majority: 2, reachableDuringBackup: 1 });
});

void test('autolock adds a warning about the unlock key', () => {
  const a = assessBackup(facts([mgr('m1', { leader: true }), mgr('m2'), mgr('m3')], true), 'm2');
  assert.ok(a.findings.some((f) => f.code === 'autolock' && /unlock key/.test(f.message)));
});
