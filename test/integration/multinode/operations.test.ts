/**
 * Node and membership operations on a real 3-manager + 2-worker swarm (test/harness/multinode.ts): promote and
 * demote with the quorum warning, drain moving tasks off a node, a worker leaving and joining again, and removal of
 * its old (down) node entry, and a fresh engine that was never in the swarm joining with the copied join command,
 * running a task and leaving. Slow (5 dockerds): runs with SWARMSCOPE_MULTINODE=1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { DEMO_IMAGE } from '../../harness/engine';
import { dockerOfNode, MultiNodeSwarm, multinodeSkip, SwarmNode, startMultiNodeSwarm } from '../../harness/multinode';
import { inspectNode, listNodes, listTasks, swarmInspect } from '../../../src/operations/engineApi';
import { checkNodeRemoval, planRoleChange, removeNode, setNodeAvailability, setNodeRole } from '../../../src/operations/nodes';
import { watchRollout } from '../../../src/operations/rollout';
import { createService } from '../../../src/operations/services';
import { joinCommand, joinSwarm, leaveSwarm, planLeave } from '../../../src/operations/swarm';

const skip = multinodeSkip;
const enabled = skip === false;

let root: string;
let swarm: MultiNodeSwarm;
let docker: Docker;

function node(hostname: string): SwarmNode {
  const n = swarm.nodes.find((x) => x.hostname === hostname);
  assert.ok(n, hostname);
  return n;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

before(async () => {
  if (!enabled) return;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-mnops-'));
  swarm = await startMultiNodeSwarm({ root, name: 'mnops', spares: 1 });
  docker = dockerOfNode(await swarm.leader());
});

after(async () => {
  if (!enabled) return;
  await swarm?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

void test('demote and promote a manager, with the quorum warning', { skip, timeout: 120_000 }, async () => {
  const demote = await planRoleChange(docker, 'mgr-3', 'demote');
  assert.equal(
    demote.warning,
    'The swarm has 3 managers and tolerates 1 manager failure. After mgr-3 is demoted, 2 managers remain: a quorum needs 2, so the swarm tolerates 0 manager failures. The swarm becomes less fault tolerant.',
  );
  docker = dockerOfNode(await swarm.leader());
  await setNodeRole(docker, demote.node.ID, 'worker');
  await until('mgr-3 to be a worker', async () => ((await inspectNode(docker, demote.node.ID)).Spec.Role === 'worker' ? true : undefined));

  const promote = await planRoleChange(docker, 'mgr-3', 'promote');
  assert.equal(
    promote.warning,
    'The swarm has 2 managers and tolerates 0 manager failures. After mgr-3 is promoted, the swarm has 3 managers: a quorum needs 2, so the swarm tolerates 1 manager failure.',
  );
  await setNodeRole(docker, promote.node.ID, 'manager');
  await until('mgr-3 to be a reachable manager', async () => {
    const n = await inspectNode(docker, promote.node.ID);
    return n.Spec.Role === 'manager' && n.ManagerStatus?.Reachability === 'reachable' ? true : undefined;
  });
  const again = await planRoleChange(docker, 'mgr-3', 'promote');
  assert.equal(again.noop, true);
});

void test('draining a worker moves its tasks to other nodes', { skip, timeout: 180_000 }, async () => {
  const svc = await createService(docker, {
    image: DEMO_IMAGE, name: 'mnops-drain', mode: 'replicated', replicas: 5, command: ['sleep', '3600'], stopGracePeriodSeconds: 1,
  });
  const converged = await watchRollout(docker, svc.id, { kind: 'create', stableMs: 1000, timeoutMs: 120_000 });
  assert.equal(converged.kind, 'converged', converged.message);
  const nodes = await listNodes(docker);
  const wkr1 = nodes.find((n) => n.Description?.Hostname === 'wkr-1');
  assert.ok(wkr1);
  const runningOn = async (nodeId: string): Promise<number> =>
    (await listTasks(docker, { service: [svc.id], node: [nodeId], 'desired-state': ['running'] })).filter((t) => t.Status?.State === 'running').length;
  // Spread placement puts one task on every node.
  assert.ok((await runningOn(wkr1.ID)) >= 1, 'wkr-1 runs a task before the drain');

  await setNodeAvailability(docker, wkr1.ID, 'drain');
  await until('wkr-1 to have no running task', async () => ((await runningOn(wkr1.ID)) === 0 ? true : undefined));
  const after = await watchRollout(docker, svc.id, { kind: 'scale', stableMs: 1000, timeoutMs: 120_000 });
  assert.equal(after.kind, 'converged', after.message);
  assert.equal(after.running, 5, 'all 5 replicas run elsewhere');
  await setNodeAvailability(docker, wkr1.ID, 'active');
  await docker.getService(svc.id).remove();
});

void test('a worker leaves and joins again; its old entry, once down, can be removed', { skip, timeout: 180_000 }, async () => {
  const w2 = node('wkr-2');
  const w2docker = dockerOfNode(w2);
  const oldId = ((await w2docker.info()) as { Swarm: { NodeID: string } }).Swarm.NodeID;
  const plan = await planLeave(w2docker);
  assert.deepEqual({ role: plan.role, needsForce: plan.needsForce, warning: plan.warning }, { role: 'worker', needsForce: false, warning: undefined });
  const ready = checkNodeRemoval(await inspectNode(docker, oldId));
  assert.equal(ready.ok, false, 'a ready node cannot be removed');

  await leaveSwarm(w2docker, false);
  assert.equal(((await w2docker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState, 'inactive');
  await until('the old wkr-2 entry to be down', async () => ((await inspectNode(docker, oldId)).Status?.State === 'down' ? true : undefined));

  const tokens = (await swarmInspect(docker)).JoinTokens;
  const m1 = node('mgr-1');
  await joinSwarm(w2docker, { token: tokens.Worker, managerAddr: m1.addr, advertiseAddr: w2.addr });
  const info = (await w2docker.info()) as { Swarm: { LocalNodeState: string; NodeID: string; ControlAvailable: boolean } };
  assert.equal(info.Swarm.LocalNodeState, 'active');
  assert.equal(info.Swarm.ControlAvailable, false);
  assert.notEqual(info.Swarm.NodeID, oldId, 'it joins as a new node');
  await until('the new wkr-2 to be ready', async () => ((await inspectNode(docker, info.Swarm.NodeID)).Status?.State === 'ready' ? true : undefined));

  const removed = await removeNode(docker, oldId);
  assert.deepEqual(removed, { ok: true, hostname: 'wkr-2' });
  await assert.rejects(inspectNode(docker, oldId), (err: { statusCode?: number }) => err.statusCode === 404);
});

void test('a manager leaving is planned with the quorum warning and needs force', { skip, timeout: 60_000 }, async () => {
  const plan = await planLeave(dockerOfNode(node('mgr-2')));
  assert.equal(plan.role, 'manager');
  assert.equal(plan.needsForce, true);
  assert.equal(
    plan.warning,
    'The swarm has 3 managers and tolerates 1 manager failure. After mgr-2 leaves, 2 managers remain: a quorum needs 2, so the swarm tolerates 0 manager failures. The swarm becomes less fault tolerant.',
  );
});

void test('a fresh engine joins with the copied join command, runs a task, leaves, and its entry is removed', { skip, timeout: 180_000 }, async () => {
  const spare = node('spare-1');
  const spareDocker = dockerOfNode(spare);
  const before = (await spareDocker.info()) as { Swarm: { LocalNodeState: string } };
  assert.equal(before.Swarm.LocalNodeState, 'inactive', 'the spare engine has never been in a swarm');

  // What Copy Join Command puts on the clipboard, taken apart as a user pasting it into Join Swarm… would.
  const command = await joinCommand(docker, 'worker');
  const m = /^docker swarm join --token (SWMTKN-\S+) (\S+)$/.exec(command);
  assert.ok(m, command);
  await joinSwarm(spareDocker, { token: m[1], managerAddr: m[2], advertiseAddr: spare.addr });
  const info = (await spareDocker.info()) as { Swarm: { LocalNodeState: string; NodeID: string; ControlAvailable: boolean } };
  assert.equal(info.Swarm.LocalNodeState, 'active');
  assert.equal(info.Swarm.ControlAvailable, false, 'a worker token makes a worker');
  const id = info.Swarm.NodeID;
  await until('spare-1 to be ready', async () => ((await inspectNode(docker, id)).Status?.State === 'ready' ? true : undefined));
  assert.equal((await inspectNode(docker, id)).Description?.Hostname, 'spare-1');

  // A task placed on it runs there.
  const svc = await createService(docker, {
    image: DEMO_IMAGE, name: 'mnops-spare', mode: 'replicated', replicas: 1, command: ['sleep', '3600'], stopGracePeriodSeconds: 1,
    constraints: ['node.hostname==spare-1'],
  });
  const converged = await watchRollout(docker, svc.id, { kind: 'create', stableMs: 1000, timeoutMs: 120_000 });
  assert.equal(converged.kind, 'converged', converged.message);
  const tasks = await listTasks(docker, { service: [svc.id], 'desired-state': ['running'] });
  assert.deepEqual(tasks.map((t) => t.NodeID), [id]);
  await docker.getService(svc.id).remove();

  const plan = await planLeave(spareDocker);
  assert.deepEqual({ role: plan.role, needsForce: plan.needsForce }, { role: 'worker', needsForce: false });
  await leaveSwarm(spareDocker, false);
  assert.equal(((await spareDocker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState, 'inactive');
  await until('the spare-1 entry to be down', async () => ((await inspectNode(docker, id)).Status?.State === 'down' ? true : undefined));
  assert.deepEqual(await removeNode(docker, id), { ok: true, hostname: 'spare-1' });
  await assert.rejects(inspectNode(docker, id), (err: { statusCode?: number }) => err.statusCode === 404);
});
