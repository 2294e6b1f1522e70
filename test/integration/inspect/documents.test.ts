// Task and network documents, and the headless `swarmscope inspect`, against the real sandbox engine.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Dockerode from 'dockerode';
import { parse as parseYaml } from 'yaml';
import { fetchInspectable } from '../../../src/inspect/fetch';
import { runInspect } from '../../../src/cli/inspect';

const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const unique = (name: string): string => `insp-${name}-${suffix}`;

function dockerFor(hostUrl: string): Dockerode {
  if (hostUrl.startsWith('unix://')) return new Dockerode({ socketPath: hostUrl.slice('unix://'.length) });
  const url = new URL(hostUrl.replace(/^tcp:/, 'http:'));
  return new Dockerode({ host: url.hostname, port: Number(url.port || 2375) });
}

function captureIo(): { io: { stdout: (s: string) => void; stderr: (s: string) => void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (s) => (out += s), stderr: (s) => (err += s) }, out: () => out, err: () => err };
}

void describe('task and network documents, headless inspect', () => {
  const docker = host ? dockerFor(host) : (undefined as unknown as Dockerode);
  let networkId = '';
  let serviceId = '';
  let taskId = '';
  let hostname = '';

  before(async () => {
    assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    networkId = (await docker.createNetwork({ Name: unique('net'), Driver: 'overlay', Attachable: true })).id;
    const created = (await docker.createService({
      Name: unique('web'),
      TaskTemplate: {
        ContainerSpec: { Image: 'demo/busybox:1', Args: ['sleep', '3600'], StopGracePeriod: 1_000_000_000 } as Dockerode.ContainerSpec,
        Networks: [{ Target: networkId }],
      },
      Mode: { Replicated: { Replicas: 1 } },
    })) as unknown as { id: string };
    serviceId = created.id;
    for (let i = 0; i < 150 && !taskId; i++) {
      const tasks = (await docker.listTasks({ filters: JSON.stringify({ service: [serviceId] }) })) as { ID: string; Status?: { State?: string } }[];
      const running = tasks.find((t) => t.Status?.State === 'running');
      if (running) taskId = running.ID;
      else await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(taskId, 'the service has a running task');
    const info = (await docker.info()) as { Name: string; Swarm: { NodeID: string } };
    const node = (await docker.getNode(info.Swarm.NodeID).inspect()) as { Description: { Hostname: string } };
    hostname = node.Description.Hostname;
  });

  after(async () => {
    if (!host) return;
    if (serviceId) await docker.getService(serviceId).remove().catch(() => undefined);
    for (let i = 0; i < 50; i++) {
      const tasks = await docker.listTasks({ filters: JSON.stringify({ service: [serviceId] }) }).catch(() => []);
      if (tasks.length === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (networkId) await docker.getNetwork(networkId).remove().catch(() => undefined);
  });

  void test('task: service name, node hostname and network resolved and linked; address shown', async () => {
    const doc = await fetchInspectable(docker, 'task', taskId);
    assert.equal(doc.id, taskId);
    assert.equal(doc.name, `${unique('web')}.1`);
    const links = doc.links.map((l) => `${l.kind}:${doc.pretty.slice(l.start, l.end)}->${l.target}`);
    assert.ok(links.includes(`service:${unique('web')}->${serviceId}`), links.join(', '));
    assert.ok(links.some((l) => l.startsWith(`node:${hostname}->`)), links.join(', '));
    assert.ok(links.includes(`network:${unique('net')}->${networkId}`), links.join(', '));
    assert.match(doc.pretty, new RegExp(`\\n ${unique('net')}:\\t\\t\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+\\n`));
    assert.match(doc.pretty, /\n Current State:\t\tRunning\n/);
  });

  void test('task by unique ID prefix', async () => {
    const doc = await fetchInspectable(docker, 'task', taskId.slice(0, 10));
    assert.equal(doc.id, taskId);
  });

  void test('network: by name, with its service, VIP and the running task linked', async () => {
    const doc = await fetchInspectable(docker, 'network', unique('net'));
    assert.equal(doc.id, networkId);
    assert.match(doc.pretty, /\nDriver:\t\t\toverlay\nScope:\t\t\tswarm\n/);
    assert.match(doc.pretty, /\nIPAM:\n Driver:\t\tdefault\n Subnet:\t\t\d+\.\d+\.\d+\.\d+\/\d+\n/);
    const links = doc.links.map((l) => `${l.kind}:${doc.pretty.slice(l.start, l.end)}->${l.target}`);
    assert.ok(links.includes(`service:${unique('web')}->${serviceId}`), links.join(', '));
    assert.ok(links.includes(`task:${unique('web')}.1->${taskId}`), links.join(', '));
  });

  void test('headless: pretty, yaml and json print the same object', async () => {
    const pretty = captureIo();
    assert.equal(await runInspect(['service', unique('web')], pretty.io, docker), 0);
    assert.equal(pretty.out(), (await fetchInspectable(docker, 'service', serviceId)).pretty);
    const json = captureIo();
    assert.equal(await runInspect(['service', unique('web'), '--format', 'json'], json.io, docker), 0);
    assert.equal((JSON.parse(json.out()) as { ID: string }).ID, serviceId);
    const yaml = captureIo();
    assert.equal(await runInspect(['network', unique('net'), '--format=yaml'], yaml.io, docker), 0);
    assert.equal((parseYaml(yaml.out()) as { Id: string }).Id, networkId);
  });

  void test('headless: a missing object exits 1 with the engine message; bad usage exits 2', async () => {
    const missing = captureIo();
    assert.equal(await runInspect(['service', unique('missing')], missing.io, docker), 1);
    assert.equal(missing.out(), '');
    assert.match(missing.err(), new RegExp(`^Error: .*${unique('missing')}.*not found\\n$`));
    const usage = captureIo();
    assert.equal(await runInspect(['volume', 'x'], usage.io, docker), 2);
    assert.equal(await runInspect(['service', 'x', '--format', 'xml'], usage.io, docker), 2);
  });
});
