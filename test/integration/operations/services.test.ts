/**
 * Service operations and the rollout watcher against the sandbox engine: create and converge, an impossible
 * constraint ending with the scheduler's text, scale, image update and rollback, a failing update that the engine
 * pauses, force redeploy, environment changes, removal, and cancelling a watch (which leaves the rollout alone).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { DEMO_IMAGE } from '../../harness/engine';
import { inspectService, listTasks } from '../../../src/operations/engineApi';
import { watchRollout } from '../../../src/operations/rollout';
import { ServiceForm } from '../../../src/operations/serviceForm';
import {
  addServiceEnv,
  createService,
  forceRedeploy,
  removeService,
  removeServiceEnv,
  rollbackService,
  scaleService,
  summarizeServices,
  updateServiceImage,
} from '../../../src/operations/services';
import { Cleanup, sandboxDocker, uniqueName } from './helpers';

let docker: Docker;
let cleanup: Cleanup;
const SECOND_IMAGE = 'demo/busybox:ops2';
const FAST = { stableMs: 1000, pollMs: 300, stuckMs: 4000, timeoutMs: 90_000 };

function form(name: string, extra: Partial<ServiceForm> = {}): ServiceForm {
  return { image: DEMO_IMAGE, name, mode: 'replicated', replicas: 1, command: ['sleep', '3600'], stopGracePeriodSeconds: 1, ...extra };
}

async function running(serviceId: string): Promise<number> {
  const tasks = await listTasks(docker, { service: [serviceId], 'desired-state': ['running'] });
  return tasks.filter((t) => t.Status?.State === 'running').length;
}

before(async () => {
  docker = sandboxDocker();
  cleanup = new Cleanup(docker);
  // A second tag of the demo image, so an image update has somewhere real to go.
  await docker.getImage(DEMO_IMAGE).tag({ repo: 'demo/busybox', tag: 'ops2' });
});

after(async () => {
  await cleanup.run();
  await docker.getImage(SECOND_IMAGE).remove().catch(() => undefined);
});

void test('create: the service reaches its replicas and the watch ends converged', async () => {
  const created = await createService(docker, form(uniqueName('create'), { replicas: 2 }));
  cleanup.add('service', created.id);
  const progress: string[] = [];
  const outcome = await watchRollout(docker, created.id, { kind: 'create', ...FAST, onProgress: (m) => progress.push(m) });
  assert.equal(outcome.kind, 'converged', outcome.message);
  assert.equal(outcome.message, `${created.name} converged: 2/2 tasks running.`);
  assert.equal(await running(created.id), 2);
  assert.ok(progress.some((p) => p.startsWith('Verifying that tasks are stable')), progress.join(' | '));
});

void test('an impossible constraint ends with the scheduler\'s error text', async () => {
  const created = await createService(docker, form(uniqueName('nowhere'), { constraints: ['node.labels.ops-nowhere==yes'] }));
  cleanup.add('service', created.id);
  const outcome = await watchRollout(docker, created.id, { kind: 'create', ...FAST });
  assert.equal(outcome.kind, 'failed', outcome.message);
  assert.deepEqual(outcome.errors, ['no suitable node (scheduling constraints not satisfied on 1 node)']);
  assert.equal(outcome.message, `${created.name} did not converge (0/1 task running): no suitable node (scheduling constraints not satisfied on 1 node)`);
});

void test('scale up and down, and a global service cannot be scaled', async () => {
  const created = await createService(docker, form(uniqueName('scale')));
  cleanup.add('service', created.id);
  await watchRollout(docker, created.id, { kind: 'create', ...FAST });
  await scaleService(docker, created.name, 3);
  const up = await watchRollout(docker, created.id, { kind: 'scale', ...FAST });
  assert.equal(up.kind, 'converged', up.message);
  assert.equal(await running(created.id), 3);
  await scaleService(docker, created.id, 0);
  const down = await watchRollout(docker, created.id, { kind: 'scale', ...FAST });
  assert.equal(down.kind, 'converged', down.message);
  assert.equal(down.desired, 0);

  const global = await createService(docker, form(uniqueName('global'), { mode: 'global', replicas: undefined }));
  cleanup.add('service', global.id);
  await assert.rejects(scaleService(docker, global.id, 2), /is not a replicated service/);
});

void test('update image, then roll back to the previous spec', async () => {
  const created = await createService(docker, form(uniqueName('image')));
  cleanup.add('service', created.id);
  await watchRollout(docker, created.id, { kind: 'create', ...FAST });
  await updateServiceImage(docker, created.id, SECOND_IMAGE);
  const updated = await watchRollout(docker, created.id, { kind: 'update', ...FAST });
  assert.equal(updated.kind, 'converged', updated.message);
  assert.equal((await inspectService(docker, created.id)).Spec.TaskTemplate.ContainerSpec?.Image, SECOND_IMAGE);

  await rollbackService(docker, created.id);
  const rolled = await watchRollout(docker, created.id, { kind: 'rollback', ...FAST });
  assert.equal(rolled.kind, 'converged', rolled.message);
  const after = await inspectService(docker, created.id);
  assert.equal(after.Spec.TaskTemplate.ContainerSpec?.Image, DEMO_IMAGE);
  assert.equal(after.UpdateStatus?.State, 'rollback_completed');
});

void test('an update to a missing image ends with the failing tasks\' error text', async () => {
  const created = await createService(docker, form(uniqueName('badimage')));
  cleanup.add('service', created.id);
  await watchRollout(docker, created.id, { kind: 'create', ...FAST });
  await updateServiceImage(docker, created.id, 'demo/busybox:does-not-exist');
  const outcome = await watchRollout(docker, created.id, { kind: 'update', ...FAST, stuckMs: 30_000 });
  assert.ok(['paused', 'failed'].includes(outcome.kind), `${outcome.kind}: ${outcome.message}`);
  assert.ok(outcome.errors.length > 0, outcome.message);
  assert.match(outcome.message, /does-not-exist|No such image|pull access denied/i);
});

void test('force redeploy replaces the tasks with the same spec', async () => {
  const created = await createService(docker, form(uniqueName('redeploy')));
  cleanup.add('service', created.id);
  await watchRollout(docker, created.id, { kind: 'create', ...FAST });
  const before = (await listTasks(docker, { service: [created.id], 'desired-state': ['running'] })).map((t) => t.ID);
  await forceRedeploy(docker, created.id);
  const outcome = await watchRollout(docker, created.id, { kind: 'update', ...FAST });
  assert.equal(outcome.kind, 'converged', outcome.message);
  const service = await inspectService(docker, created.id);
  assert.equal(service.Spec.TaskTemplate.ForceUpdate, 1);
  const now = (await listTasks(docker, { service: [created.id], 'desired-state': ['running'] })).map((t) => t.ID);
  assert.equal(now.length, 1);
  assert.ok(!before.includes(now[0]), 'a new task runs');
});

void test('environment variables are added, replaced and removed', async () => {
  const created = await createService(docker, form(uniqueName('env'), { env: ['KEEP=1', 'MODE=dev'] }));
  cleanup.add('service', created.id);
  await addServiceEnv(docker, created.id, ['MODE=prod', 'NEW=a=b']);
  let env = (await inspectService(docker, created.id)).Spec.TaskTemplate.ContainerSpec?.Env;
  assert.deepEqual(env, ['KEEP=1', 'MODE=prod', 'NEW=a=b']);
  await removeServiceEnv(docker, created.id, ['MODE']);
  env = (await inspectService(docker, created.id)).Spec.TaskTemplate.ContainerSpec?.Env;
  assert.deepEqual(env, ['KEEP=1', 'NEW=a=b']);
  await assert.rejects(removeServiceEnv(docker, created.id, ['ABSENT']), /does not set ABSENT/);
});

void test('cancelling the watch stops watching, not the rollout', async () => {
  const created = await createService(docker, form(uniqueName('cancel'), { replicas: 2 }));
  cleanup.add('service', created.id);
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 200);
  const outcome = await watchRollout(docker, created.id, { kind: 'create', ...FAST, signal: abort.signal });
  assert.equal(outcome.kind, 'cancelled');
  assert.equal(outcome.message, `Stopped watching ${created.name}; the rollout continues in the swarm.`);
  const finished = await watchRollout(docker, created.id, { kind: 'create', ...FAST });
  assert.equal(finished.kind, 'converged', 'the service still converges');
});

void test('removal summary counts running tasks, then the service is gone', async () => {
  const created = await createService(docker, form(uniqueName('remove'), { replicas: 2 }));
  cleanup.add('service', created.id);
  await watchRollout(docker, created.id, { kind: 'create', ...FAST });
  assert.deepEqual(await summarizeServices(docker, [created.name]), [{ id: created.id, name: created.name, runningTasks: 2 }]);
  await removeService(docker, created.id);
  await assert.rejects(inspectService(docker, created.id), (err: Error & { statusCode?: number }) => err.statusCode === 404);
});

void test('invalid forms and missing references are refused before reaching the engine', async () => {
  await assert.rejects(createService(docker, form('-bad')), /not a valid service name/);
  await assert.rejects(createService(docker, form(uniqueName('missing'), { secrets: [{ source: 'ops-no-such-secret' }] })), /Not found on the swarm: secret ops-no-such-secret\./);
});
