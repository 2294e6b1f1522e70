import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { DEMO_IMAGE, isAlive, readRecord, startEngine, stopAll } from '../../harness/engine';
import { SEED_NAMES, STACK_IMAGE_LABEL, STACK_NAMESPACE_LABEL, seedDemoSwarm } from '../../harness/seed';
import { probeDaemonConfig } from '../../harness/daemonProbe';

// Engines started here live under a private root so stopAll() never reaches the runner's engine.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-harness-'));
after(async () => {
  await stopAll(root);
  fs.rmSync(root, { recursive: true, force: true });
});

function dockerAt(dockerHost: string): Docker {
  return new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') });
}

async function swarmNodeId(docker: Docker): Promise<string> {
  const info = (await docker.info()) as { Swarm: { NodeID: string; LocalNodeState: string } };
  assert.equal(info.Swarm.LocalNodeState, 'active');
  return info.Swarm.NodeID;
}

/** Splits a non-TTY container log buffer into its stdout and stderr text. */
function demux(buffer: Buffer): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    const chunk = buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    if (buffer[offset] === 2) out.stderr += chunk;
    else out.stdout += chunk;
    offset += 8 + size;
  }
  return out;
}

async function runToCompletion(docker: Docker, cmd: string[], extra: object = {}): Promise<string> {
  const container = await docker.createContainer({ Image: DEMO_IMAGE, Cmd: cmd, ...extra });
  try {
    await container.start();
    const status = (await container.wait()) as { StatusCode: number };
    const logs = demux((await container.logs({ stdout: true, stderr: true, follow: false })) as Buffer);
    assert.equal(status.StatusCode, 0, logs.stderr);
    return logs.stdout;
  } finally {
    await container.remove({ force: true });
  }
}

void describe('sandbox engine lifecycle', () => {
  void test('start, start again, restart and stop twice are safe and keep the swarm', async () => {
    const first = await startEngine({ name: 'twice', root });
    const docker = dockerAt(first.dockerHost);
    const nodeId = await swarmNodeId(docker);
    await docker.getImage(DEMO_IMAGE).inspect();
    assert.equal(await runToCompletion(docker, ['sh', '-c', 'echo hello; ls /bin/httpd /bin/seq']), 'hello\n/bin/httpd\n/bin/seq\n');

    const again = await startEngine({ name: 'twice', root });
    assert.equal(again.pid, first.pid, 'a healthy engine with the same arguments is reused');
    assert.equal(await swarmNodeId(dockerAt(again.dockerHost)), nodeId);

    const oldPid = again.pid;
    await again.restart();
    assert.notEqual(again.pid, oldPid);
    assert.equal(isAlive(oldPid), false, 'the old dockerd is gone after restart');
    assert.equal(await swarmNodeId(dockerAt(again.dockerHost)), nodeId, 'restart keeps the swarm state');

    const pid = again.pid;
    await again.stop();
    assert.equal(isAlive(pid), false);
    assert.equal(readRecord(again.dir), null, 'the record is removed on stop');
    assert.equal(fs.existsSync(again.socketPath), false);
    await again.stop(); // a second stop is a no-op
    await first.stop();

    const third = await startEngine({ name: 'twice', root });
    assert.notEqual(third.pid, pid);
    assert.equal(await swarmNodeId(dockerAt(third.dockerHost)), nodeId, 'a fresh start reuses the data-root');
    await third.stop();
  });

  void test('a long root keeps the exec-root short (unix socket paths are limited to 108 bytes)', async () => {
    const longRoot = path.join(root, 'x'.repeat(100 - root.length - '/long/docker.sock'.length - 2));
    const engine = await startEngine({ name: 'long', root: longRoot, swarm: false, importBusybox: false });
    const record = readRecord(engine.dir);
    try {
      assert.ok(record);
      assert.match(record.execRoot, /^\/tmp\/swarmscope-[0-9a-f]{10}$/);
      await dockerAt(engine.dockerHost).ping();
    } finally {
      await engine.stop();
      if (record) fs.rmSync(record.execRoot, { recursive: true, force: true });
    }
  });

  void test('two engines run at once, each with its own network (both publish port 8080)', async () => {
    const [a, b] = await Promise.all([startEngine({ name: 'left', root }), startEngine({ name: 'right', root })]);
    assert.notEqual(a.pid, b.pid);
    const [da, db] = [dockerAt(a.dockerHost), dockerAt(b.dockerHost)];
    assert.notEqual(await swarmNodeId(da), await swarmNodeId(db));
    const publish = (docker: Docker): Promise<Docker.Container> =>
      docker.createContainer({
        Image: DEMO_IMAGE,
        Cmd: ['httpd', '-f', '-p', '8080', '-h', '/www'],
        StopTimeout: 1,
        HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } },
      });
    const containers = await Promise.all([publish(da), publish(db)]);
    try {
      await Promise.all(containers.map((c) => c.start()));
      for (const c of containers) assert.equal(((await c.inspect()) as { State: { Running: boolean } }).State.Running, true);
    } finally {
      await Promise.all(containers.map((c) => c.remove({ force: true })));
    }
    await stopAll(root);
    assert.equal(isAlive(a.pid), false);
    assert.equal(isAlive(b.pid), false);
    await stopAll(root); // nothing left to stop
    await stopAll(path.join(root, 'does-not-exist'));
  });
});

void describe('seeded demo swarm (SWARMSCOPE_TEST_DOCKER_HOST)', () => {
  const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;

  void test('has the stack, the network, the secret, the config and the five services', async () => {
    assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    const docker = dockerAt(host);
    const seeded = await seedDemoSwarm(host); // idempotent: returns what is there
    assert.deepEqual(await seedDemoSwarm(host), seeded);

    const network = (await docker.getNetwork(seeded.network.id).inspect()) as {
      Name: string; Driver: string; Attachable: boolean; Labels: Record<string, string>;
    };
    assert.equal(network.Name, SEED_NAMES.network);
    assert.equal(network.Driver, 'overlay');
    assert.equal(network.Attachable, true);
    assert.equal(network.Labels[STACK_NAMESPACE_LABEL], 'demo');
    const secret = (await docker.getSecret(seeded.secret.id).inspect()) as { Spec: { Name: string } };
    assert.equal(secret.Spec.Name, SEED_NAMES.secret);
    const config = (await docker.getConfig(seeded.config.id).inspect()) as { Spec: { Name: string; Data: string } };
    assert.match(Buffer.from(config.Spec.Data, 'base64').toString(), /listen 8080/);

    const services = (await docker.listServices()) as Array<{ ID: string; Spec: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw API JSON, checked field by field
    const byName = new Map(services.map((s) => [s.Spec.Name as string, s]));
    for (const name of [SEED_NAMES.web, SEED_NAMES.worker, SEED_NAMES.agent, SEED_NAMES.crashloop, SEED_NAMES.pending]) {
      const service = byName.get(name);
      assert.ok(service, `${name} exists`);
      assert.equal(service.Spec.TaskTemplate.ContainerSpec.Image, DEMO_IMAGE);
      assert.equal(service.Spec.TaskTemplate.ContainerSpec.StopGracePeriod, 1_000_000_000);
    }
    for (const name of [SEED_NAMES.web, SEED_NAMES.worker, SEED_NAMES.agent]) {
      const labels = byName.get(name)?.Spec.Labels as Record<string, string>;
      assert.equal(labels[STACK_NAMESPACE_LABEL], 'demo', `${name} is in stack demo`);
      assert.equal(labels[STACK_IMAGE_LABEL], DEMO_IMAGE);
    }
    assert.equal(byName.get(SEED_NAMES.crashloop)?.Spec.Labels?.[STACK_NAMESPACE_LABEL], undefined);
    const web = byName.get(SEED_NAMES.web)?.Spec;
    assert.equal(web?.Mode.Replicated.Replicas, 2);
    assert.equal(web?.TaskTemplate.ContainerSpec.Secrets[0].SecretName, SEED_NAMES.secret);
    assert.equal(web?.TaskTemplate.ContainerSpec.Configs[0].ConfigName, SEED_NAMES.config);
    assert.equal(web?.TaskTemplate.Networks[0].Target, seeded.network.id);
    assert.deepEqual(
      web?.EndpointSpec.Ports.map((p: { TargetPort: number; PublishMode: string }) => [p.TargetPort, p.PublishMode]),
      [[8080, 'host']],
    );
    assert.ok('Global' in byName.get(SEED_NAMES.agent)!.Spec.Mode, 'demo_agent is global');
  });

  void test('tasks: web runs 2, crashloop fails with exit 1, pending has no suitable node, worker logs both streams', async () => {
    assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    const docker = dockerAt(host);
    type Task = { ServiceID: string; Status: { State: string; Err?: string; ContainerStatus?: { ContainerID?: string } } };
    const seeded = await seedDemoSwarm(host);
    const tasks = (await docker.listTasks()) as Task[];
    const of = (id: string): Task[] => tasks.filter((t) => t.ServiceID === id);

    assert.equal(of(seeded.services.web.id).filter((t) => t.Status.State === 'running').length, 2);
    assert.ok(
      of(seeded.services.crashloop.id).some((t) => t.Status.State === 'failed' && t.Status.Err === 'task: non-zero exit (1)'),
      JSON.stringify(of(seeded.services.crashloop.id).map((t) => t.Status)),
    );
    const pending = of(seeded.services.pending.id);
    assert.equal(pending.length, 1);
    assert.equal(pending[0].Status.State, 'pending');
    assert.match(pending[0].Status.Err ?? '', /no suitable node/);
    assert.equal(of(seeded.services.agent.id).filter((t) => t.Status.State === 'running').length, 1);

    const worker = of(seeded.services.worker.id).find((t) => t.Status.State === 'running');
    assert.ok(worker?.Status.ContainerStatus?.ContainerID, 'worker has a running container');
    let logs = { stdout: '', stderr: '' };
    for (let i = 0; i < 20 && !logs.stderr; i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 250));
      const raw = await docker.getContainer(worker.Status.ContainerStatus.ContainerID).logs({ stdout: true, stderr: true, follow: false });
      logs = demux(raw as Buffer);
    }
    assert.match(logs.stdout, /worker: processed job \d+/);
    assert.match(logs.stderr, /worker: warning \d+/);
  });
});

void describe('daemon.json probe', () => {
  void test('refuses an unknown key with dockerd\'s own message', async () => {
    const result = await probeDaemonConfig('{"bogus-key": 1}', { root });
    assert.equal(result.started, false);
    assert.equal(result.engine, undefined);
    assert.notEqual(result.exitCode, 0);
    assert.match(result.log, /don't match any configuration option: bogus-key/);
  });

  void test('starts with {} and can run a container, then stops cleanly', async () => {
    const result = await probeDaemonConfig('{}', { root });
    assert.equal(result.started, true, result.log.slice(-2000));
    assert.ok(result.engine);
    const docker = dockerAt(result.engine.dockerHost);
    const info = (await docker.info()) as { Swarm: { LocalNodeState: string } };
    assert.equal(info.Swarm.LocalNodeState, 'inactive');
    assert.equal(await runToCompletion(docker, ['echo', 'probe ok']), 'probe ok\n');
    const { pid, dir } = result.engine;
    await result.engine.stop();
    assert.equal(isAlive(pid), false);
    assert.equal(fs.existsSync(dir), false, 'the probe folder is removed');
  });
});
