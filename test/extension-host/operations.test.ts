// Swarm operations in real VS Code against the sandbox engine: every command runs with explicit arguments (no UI)
// and the effect is checked on the engine with dockerode. Names are unique; everything created is removed.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SwarmscopeTestApi } from '../../src/extension';
import { EXTENSION_ID, sandboxDocker } from './helpers';

const IMAGE = 'demo/busybox:1';
const SECOND_IMAGE = 'demo/busybox:ops-eh';
const WATCH = { stableMs: 1000, pollMs: 300, stuckMs: 4000, timeoutMs: 90_000 };

interface Result {
  status: 'done' | 'declined' | 'dismissed' | 'failed';
  error?: string;
  [key: string]: unknown;
}

interface Outcome {
  kind: string;
  message: string;
  errors: string[];
}

function unique(purpose: string): string {
  return `eh-${purpose}-${randomBytes(3).toString('hex')}`;
}

const engine = sandboxDocker;

async function run(command: string, ...args: unknown[]): Promise<Result> {
  const result = await vscode.commands.executeCommand<Result>(`swarmscope.${command}`, ...args);
  assert.ok(result, `${command} returned a result`);
  return result;
}

function expectDone(result: Result, what: string): void {
  assert.equal(result.status, 'done', `${what}: ${result.status}${result.error ? ` — ${result.error}` : ''}`);
}

function serviceArgs(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { image: IMAGE, name, mode: 'replicated', replicas: 1, command: ['sleep', '3600'], stopGracePeriodSeconds: 1, ...extra };
}

interface ServiceJson {
  ID: string;
  Spec: { Name: string; Mode: { Replicated?: { Replicas: number } }; TaskTemplate: { ForceUpdate?: number; ContainerSpec: { Image: string; Env?: string[] } } };
  UpdateStatus?: { State: string };
}

async function inspect(name: string): Promise<ServiceJson> {
  return (await engine().getService(name).inspect()) as ServiceJson;
}

async function exists(kind: 'service' | 'secret' | 'config' | 'network', id: string): Promise<boolean> {
  const d = engine();
  const obj = kind === 'service' ? d.getService(id) : kind === 'secret' ? d.getSecret(id) : kind === 'config' ? d.getConfig(id) : d.getNetwork(id);
  try {
    await obj.inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

/** The Swarmscope log channel's file (code-server: <user-data>/logs/<ts>/exthost1/swarmscope.swarmscope/Swarmscope.log). */
function findLogFiles(marker: string): string[] {
  const roots = [os.tmpdir(), path.resolve(__dirname, '../../../.vscode-test')];
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isFile() && e.name === 'Swarmscope.log' && path.basename(dir) === EXTENSION_ID) {
        if (fs.readFileSync(p, 'utf8').includes(marker)) found.push(p);
      } else if (e.isDirectory() && depth > 0 && !['node_modules', 'extensions', 'data', 'CachedData'].includes(e.name)) {
        if (depth === 6 && !e.name.startsWith('swarmscope-code-server-') && e.name !== 'user-data') continue;
        walk(p, depth - 1);
      }
    }
  };
  for (const r of roots) walk(r, 6);
  return found;
}

const cleanup: { kind: 'service' | 'secret' | 'config' | 'network'; id: string }[] = [];

suite('operations: commands with arguments against the sandbox engine', function () {
  this.timeout(180_000);

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<SwarmscopeTestApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = ext.isActive ? ext.exports : await ext.activate();
    await vscode.commands.executeCommand('swarmscope.retryConnection');
    const state = api.connection.current;
    assert.equal(state.status, 'connected', 'connected to the sandbox');
    if (state.status === 'connected') assert.equal(state.client.endpoint.host, process.env.SWARMSCOPE_TEST_DOCKER_HOST);
    await engine().getImage(IMAGE).tag({ repo: 'demo/busybox', tag: 'ops-eh' });
  });

  suiteTeardown(async () => {
    const d = engine();
    const order = ['service', 'secret', 'config', 'network'];
    for (const item of [...cleanup].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
      for (let i = 0; i < 20; i++) {
        try {
          if (!(await exists(item.kind, item.id))) break;
          const obj = item.kind === 'service' ? d.getService(item.id) : item.kind === 'secret' ? d.getSecret(item.id) : item.kind === 'config' ? d.getConfig(item.id) : d.getNetwork(item.id);
          await obj.remove();
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
    await d.getImage(SECOND_IMAGE).remove().catch(() => undefined);
  });

  test('Create Service reaches its replicas and the progress ends converged; the preview is the CLI command', async () => {
    const name = unique('web');
    const result = await run('createService', { form: serviceArgs(name, { replicas: 2, env: ['MODE=one'] }), confirm: true, watch: WATCH });
    expectDone(result, 'createService');
    cleanup.push({ kind: 'service', id: String(result.id) });
    assert.equal(result.command, `docker service create --name ${name} --replicas 2 --env MODE=one --stop-grace-period 1s ${IMAGE} sleep 3600`);
    const outcome = result.outcome as Outcome;
    assert.equal(outcome.kind, 'converged', outcome.message);
    assert.equal(outcome.message, `${name} converged: 2/2 tasks running.`);
    const tasks = (await engine().listTasks({ filters: JSON.stringify({ service: [name], 'desired-state': ['running'] }) })) as { Status: { State: string } }[];
    assert.equal(tasks.filter((t) => t.Status.State === 'running').length, 2);
  });

  test('a service with an impossible constraint ends with the scheduling error text', async () => {
    const name = unique('nowhere');
    const result = await run('createService', { form: serviceArgs(name, { constraints: ['node.labels.eh-nowhere==yes'] }), confirm: true, watch: WATCH });
    expectDone(result, 'createService');
    cleanup.push({ kind: 'service', id: String(result.id) });
    const outcome = result.outcome as Outcome;
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.message, /no suitable node \(scheduling constraints not satisfied on 1 node\)/);
  });

  test('Create Service declined by the argument creates nothing', async () => {
    const name = unique('declined');
    const result = await run('createService', { form: serviceArgs(name), confirm: false });
    assert.equal(result.status, 'declined');
    assert.equal(await exists('service', name), false);
  });

  test('scale several services at once, update image, force redeploy, env changes, rollback', async () => {
    const a = unique('a');
    const b = unique('b');
    for (const name of [a, b]) {
      const created = await run('createService', { form: serviceArgs(name), confirm: true, watch: false });
      expectDone(created, 'createService');
      cleanup.push({ kind: 'service', id: String(created.id) });
    }
    const scaled = await run('scaleService', { services: [a, b], replicas: 2, watch: WATCH });
    expectDone(scaled, 'scaleService');
    assert.equal(scaled.converged, true);
    assert.equal((await inspect(a)).Spec.Mode.Replicated?.Replicas, 2);
    assert.equal((await inspect(b)).Spec.Mode.Replicated?.Replicas, 2);

    const updated = await run('updateServiceImage', { service: a, image: SECOND_IMAGE, watch: WATCH });
    expectDone(updated, 'updateServiceImage');
    assert.equal(updated.converged, true);
    assert.equal((await inspect(a)).Spec.TaskTemplate.ContainerSpec.Image, SECOND_IMAGE);

    const rolled = await run('rollbackService', { service: a, confirm: true, watch: WATCH });
    expectDone(rolled, 'rollbackService');
    assert.equal(rolled.converged, true);
    const afterRollback = await inspect(a);
    assert.equal(afterRollback.Spec.TaskTemplate.ContainerSpec.Image, IMAGE);
    assert.equal(afterRollback.UpdateStatus?.State, 'rollback_completed');

    // The tree's multi-selection arrives as the second argument.
    const item = (name: string): object => ({ kind: 'service', contextValue: 'service.replicated', name, dockerId: name });
    const redeployed = await run('redeployService', item(b), [item(b)]);
    expectDone(redeployed, 'redeployService');
    assert.equal((await inspect(b)).Spec.TaskTemplate.ForceUpdate, 1);

    expectDone(await run('addServiceEnv', { service: b, env: ['FOO=bar', 'LEVEL=2'], watch: false }), 'addServiceEnv');
    assert.deepEqual((await inspect(b)).Spec.TaskTemplate.ContainerSpec.Env, ['FOO=bar', 'LEVEL=2']);
    expectDone(await run('removeServiceEnv', { service: b, keys: ['FOO'], watch: false }), 'removeServiceEnv');
    assert.deepEqual((await inspect(b)).Spec.TaskTemplate.ContainerSpec.Env, ['LEVEL=2']);
  });

  test('Remove Service: declined keeps the services; confirmed removes every selected one', async () => {
    const names = [unique('rm1'), unique('rm2')];
    for (const name of names) {
      const created = await run('createService', { form: serviceArgs(name), confirm: true, watch: false });
      expectDone(created, 'createService');
      cleanup.push({ kind: 'service', id: String(created.id) });
    }
    const declined = await run('removeService', { services: names, confirm: false });
    assert.equal(declined.status, 'declined');
    for (const name of names) assert.equal(await exists('service', name), true, `${name} is kept`);
    const removed = await run('removeService', { services: names, confirm: true });
    expectDone(removed, 'removeService');
    assert.deepEqual(removed.removed, names);
    for (const name of names) assert.equal(await exists('service', name), false, `${name} is gone`);
  });

  test('networks are created and removed; a network in use is explained', async () => {
    const name = unique('net');
    const created = await run('createNetwork', { form: { name, attachable: true, labels: ['by=eh'] } });
    expectDone(created, 'createNetwork');
    cleanup.push({ kind: 'network', id: String(created.id) });
    const svc = await run('createService', { form: serviceArgs(unique('onnet'), { replicas: 0, networks: [name] }), confirm: true, watch: false });
    expectDone(svc, 'createService');
    cleanup.push({ kind: 'service', id: String(svc.id) });
    const inUse = await run('removeNetwork', { network: name, confirm: true });
    expectDone(inUse, 'removeNetwork');
    assert.equal(inUse.removed, false);
    assert.deepEqual(inUse.usedBy, [svc.name]);
    assert.equal(await exists('network', String(created.id)), true);
    await engine().getService(String(svc.id)).remove();
    const removed = await run('removeNetwork', { network: name, confirm: true });
    assert.equal(removed.removed, true);
    assert.equal(await exists('network', String(created.id)), false);
  });

  test('secrets: created from a value, removal of an in-use secret explains which services use it, the value never reaches the log', async () => {
    const name = unique('secret');
    const value = `eh-secret-value-${randomBytes(8).toString('hex')}`;
    const created = await run('createSecret', { name, value, labels: ['by=eh'] });
    expectDone(created, 'createSecret');
    cleanup.push({ kind: 'secret', id: String(created.id) });
    assert.equal(await exists('secret', String(created.id)), true);

    const svc = await run('createService', { form: serviceArgs(unique('usesecret'), { replicas: 0, secrets: [{ source: name, target: 'pw' }] }), confirm: true, watch: false });
    expectDone(svc, 'createService');
    cleanup.push({ kind: 'service', id: String(svc.id) });
    const inUse = await run('removeSecret', { secret: name, confirm: true });
    assert.equal(inUse.removed, false);
    assert.deepEqual(inUse.usedBy, [svc.name]);

    // Rotation moves the service to name-v2 (value from a file this time).
    const file = path.join(os.tmpdir(), `${unique('value')}.txt`);
    fs.writeFileSync(file, `${value}-rotated`);
    try {
      const rotated = await run('rotateSecret', { secret: name, file, confirm: true });
      expectDone(rotated, 'rotateSecret');
      assert.equal(rotated.created, `${name}-v2`);
      assert.deepEqual(rotated.updated, [svc.name]);
    } finally {
      fs.rmSync(file, { force: true });
    }
    const v2 = (await engine().getSecret(`${name}-v2`).inspect()) as { ID: string };
    cleanup.push({ kind: 'secret', id: v2.ID });

    const declined = await run('removeSecret', { secret: name, confirm: false });
    assert.equal(declined.status, 'declined');
    const removed = await run('removeSecret', { secret: name, confirm: true });
    assert.equal(removed.removed, true, 'the old secret is free after rotation');
    assert.equal(await exists('secret', String(created.id)), false);

    // The log channel mentions the secret by name but never its value.
    let files: string[] = [];
    for (let i = 0; i < 50 && files.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      files = findLogFiles(`${name}-v2`);
    }
    assert.ok(files.length > 0, 'found the Swarmscope log file');
    for (const f of files) assert.ok(!fs.readFileSync(f, 'utf8').includes(value), `${f} does not contain the secret value`);
  });

  test('configs are created and removed', async () => {
    const name = unique('config');
    const created = await run('createConfig', { name, value: 'listen 8080;\n' });
    expectDone(created, 'createConfig');
    cleanup.push({ kind: 'config', id: String(created.id) });
    const data = (await engine().getConfig(String(created.id)).inspect()) as { Spec: { Data: string } };
    assert.equal(Buffer.from(data.Spec.Data, 'base64').toString(), 'listen 8080;\n');
    const declined = await run('removeConfig', { config: name, confirm: false });
    assert.equal(declined.status, 'declined');
    assert.equal(await exists('config', String(created.id)), true);
    const removed = await run('removeConfig', { config: name, confirm: true });
    assert.equal(removed.removed, true);
    assert.equal(await exists('config', String(created.id)), false);
  });

  test('nodes: label add/remove, availability, promote of a manager is a no-op, remove explains a ready node', async () => {
    const nodes = (await engine().listNodes()) as { ID: string; Description: { Hostname: string }; Spec: { Labels?: Record<string, string>; Availability: string } }[];
    const node = nodes[0];
    expectDone(await run('addNodeLabel', { node: node.ID, label: 'eh-zone=test' }), 'addNodeLabel');
    let spec = ((await engine().getNode(node.ID).inspect()) as { Spec: { Labels: Record<string, string>; Availability: string } }).Spec;
    assert.equal(spec.Labels['eh-zone'], 'test');
    expectDone(await run('removeNodeLabel', { node: node.ID, key: 'eh-zone' }), 'removeNodeLabel');
    spec = ((await engine().getNode(node.ID).inspect()) as { Spec: { Labels: Record<string, string>; Availability: string } }).Spec;
    assert.equal('eh-zone' in spec.Labels, false);

    const paused = await run('setNodeAvailability', { node: node.ID, availability: 'pause' });
    expectDone(paused, 'setNodeAvailability');
    assert.match(String(paused.explanation), /places no new task on it/);
    try {
      spec = ((await engine().getNode(node.ID).inspect()) as { Spec: { Labels: Record<string, string>; Availability: string } }).Spec;
      assert.equal(spec.Availability, 'pause');
    } finally {
      expectDone(await run('setNodeAvailability', { node: node.ID, availability: 'active' }), 'setNodeAvailability active');
    }
    const promote = await run('promoteNode', { node: node.ID, confirm: true });
    expectDone(promote, 'promoteNode');
    assert.match(String(promote.warning), /is already a manager/);
    const remove = await run('removeNode', { node: node.ID, confirm: true });
    assert.equal(remove.status, 'failed');
    assert.match(String(remove.error), /is a manager\. Demote it first/);
  });

  test('swarm: the join command is copied to the clipboard; rotation changes the token', async () => {
    const shown = await run('showJoinCommand', { role: 'worker' });
    expectDone(shown, 'showJoinCommand');
    const clip = await vscode.env.clipboard.readText();
    assert.equal(clip, shown.command);
    const swarm = (await engine().swarmInspect()) as { JoinTokens: { Worker: string } };
    assert.match(clip, new RegExp(`^docker swarm join --token ${swarm.JoinTokens.Worker} \\S+:2377$`));
    expectDone(await run('rotateJoinToken', { role: 'worker', confirm: true }), 'rotateJoinToken');
    const after = (await engine().swarmInspect()) as { JoinTokens: { Worker: string } };
    assert.notEqual(after.JoinTokens.Worker, swarm.JoinTokens.Worker);
    const leave = await run('leaveSwarm', { confirm: false });
    assert.equal(leave.status, 'declined', 'the sandbox stays in its swarm');
    const key = await run('showUnlockKey', { copy: true });
    expectDone(key, 'showUnlockKey');
    assert.equal(key.copied, false, 'the sandbox has no autolock');
  });

  test('engine errors are returned as the engine says them', async () => {
    const result = await run('scaleService', { service: 'eh-no-such-service', replicas: 1, watch: false });
    assert.equal(result.status, 'failed');
    assert.match(String(result.error), /service eh-no-such-service not found/);
  });
});
