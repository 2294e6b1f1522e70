/**
 * Swarm membership operations. Join commands and token rotation run on the sandbox swarm; init, autolock,
 * unlock key and unlock run on a fresh engine that this test starts (not in a swarm) and stops.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SandboxEngine, dockerFor, startEngine } from '../../harness/engine';
import { swarmInspect } from '../../../src/operations/engineApi';
import { initSwarm, joinCommand, leaveSwarm, planLeave, rotateJoinToken, setAutolock, unlockKey, unlockSwarm } from '../../../src/operations/swarm';
import { sandboxDocker } from './helpers';

let fresh: SandboxEngine | undefined;
let freshRoot: string | undefined;

after(async () => {
  await fresh?.stop();
  if (freshRoot) fs.rmSync(freshRoot, { recursive: true, force: true });
});

void test('the join command carries the current token and a manager address, and rotation changes the token', async () => {
  const docker = sandboxDocker();
  const before = await swarmInspect(docker);
  const worker = await joinCommand(docker, 'worker');
  assert.match(worker, /^docker swarm join --token SWMTKN-1-[0-9a-z]+-[0-9a-z]+ [0-9.]+:2377$/);
  assert.ok(worker.includes(before.JoinTokens.Worker));
  const manager = await joinCommand(docker, 'manager');
  assert.ok(manager.includes(before.JoinTokens.Manager));

  await rotateJoinToken(docker, 'worker');
  const after = await swarmInspect(docker);
  assert.notEqual(after.JoinTokens.Worker, before.JoinTokens.Worker);
  assert.equal(after.JoinTokens.Manager, before.JoinTokens.Manager, 'only the worker token rotates');
  assert.ok((await joinCommand(docker, 'worker')).includes(after.JoinTokens.Worker));
});

void test('leaving a single-manager swarm is planned with the last-manager warning and needs force', async () => {
  const plan = await planLeave(sandboxDocker());
  assert.equal(plan.role, 'manager');
  assert.equal(plan.needsForce, true);
  assert.match(plan.warning ?? '', /The swarm has 1 manager and tolerates 0 manager failures\. .* is the last manager/);
});

void test('init on a fresh engine, autolock, unlock key, unlock after a restart, leave', { timeout: 240_000 }, async () => {
  freshRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-ops-'));
  fresh = await startEngine({ name: 'opsinit', root: freshRoot, swarm: false, importBusybox: false });
  const docker = dockerFor(fresh.dockerHost);
  assert.equal(((await docker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState, 'inactive');
  await assert.rejects(planLeave(docker), /is not part of a swarm/);

  const { nodeId } = await initSwarm(docker, { advertiseAddr: '127.0.0.1', listenAddr: '127.0.0.1:2377' });
  const info = (await docker.info()) as { Swarm: { LocalNodeState: string; NodeID: string; ControlAvailable: boolean } };
  assert.equal(info.Swarm.LocalNodeState, 'active');
  assert.equal(info.Swarm.ControlAvailable, true);
  assert.equal(info.Swarm.NodeID, nodeId);
  assert.equal(await unlockKey(docker), '', 'no key without autolock');

  await setAutolock(docker, true);
  const key = await unlockKey(docker);
  assert.match(key, /^SWMKEY-1-/);
  await fresh.restart();
  const locked = dockerFor(fresh.dockerHost);
  assert.equal(((await locked.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState, 'locked');
  await assert.rejects(unlockSwarm(locked, 'SWMKEY-1-d3JvbmdrZXl3cm9uZ2tleXdyb25na2V5d3Jvbmc='), (err: Error) => {
    assert.doesNotMatch(err.message, /SWMKEY/, 'the key is not echoed');
    return true;
  });
  await unlockSwarm(locked, key);
  assert.equal(((await locked.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState, 'active');

  await leaveSwarm(locked, true);
  assert.equal(((await locked.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState, 'inactive');
});
