// The explorer's data path against the real sandbox swarm: one list request per kind, the seeded demo mapped to
// the expected rows, and the shared event stream (including its reconnect when an engine goes away and returns).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Docker from 'dockerode';
import { DockerConnection, nodeFileReader } from '../../../src/docker/connection';
import { EventStreamStatus, SwarmEvent, SwarmEvents } from '../../../src/docker/events';
import { ExplorerNode, networksTree, nodesTree, secretsOrConfigsTree, servicesTree } from '../../../src/model/explorerTree';
import { RESOURCE_KINDS } from '../../../src/model/raw';
import { buildNetworks, buildNodes, buildSecretsOrConfigs, buildServices } from '../../../src/model/swarmModel';
import { SwarmDataCache, fetchSnapshot } from '../../../src/views/swarmData';
import { startEngine } from '../../harness/engine';

const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
const silent = { info() {}, warn() {}, error() {}, debug() {} };

function dockerFor(dockerHost: string): Docker {
  return new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') });
}

function connectionTo(dockerHost: string): DockerConnection {
  return new DockerConnection(
    () => ({ host: dockerHost }),
    () => ({ env: {}, homeDir: '/nonexistent', platform: 'linux', fs: nodeFileReader }),
    silent,
    5000,
  );
}

function counted(docker: Docker): { docker: Docker; paths: string[] } {
  const paths: string[] = [];
  const modem = docker.modem as { dial: (opts: { path?: string }, cb: unknown) => unknown };
  const dial = modem.dial.bind(modem);
  modem.dial = (opts, cb) => {
    paths.push((opts.path ?? '').replace(/\?.*$/, ''));
    return dial(opts, cb);
  };
  return { docker, paths };
}

function find(nodes: ExplorerNode[], label: string): ExplorerNode {
  const found = nodes.find((n) => n.label === label);
  assert.ok(found, `no row "${label}" among ${nodes.map((n) => n.label).join(', ')}`);
  return found;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

void describe('explorer data on the sandbox swarm', () => {
  void test('one full refresh makes one list request per kind, and the seeded demo maps to the expected rows', async () => {
    assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    const { docker, paths } = counted(dockerFor(host));
    const snapshot = await fetchSnapshot(docker, RESOURCE_KINDS, { includeLocalNetworks: false });
    assert.deepEqual(paths.sort(), ['/configs', '/networks', '/nodes', '/secrets', '/services', '/tasks']);

    const now = Date.now();
    const services = servicesTree(buildServices(snapshot, now), { grouped: true });
    const stack = find(services, 'demo');
    assert.equal(stack.kind, 'stack');
    const web = find(stack.children ?? [], 'demo_web');
    assert.equal(web.description, 'replicated 2/2 · demo/busybox:1 · *:8080/tcp (host)');
    assert.equal(web.icon.id, 'pass-filled');
    assert.match(find(stack.children ?? [], 'demo_worker').description ?? '', /^replicated 1\/1 · demo\/busybox:1$/);
    assert.match(find(stack.children ?? [], 'demo_agent').description ?? '', /^global 1\/1 · demo\/busybox:1$/);
    const crash = find(services, 'crashloop');
    const history = find(crash.children ?? [], 'History');
    assert.ok((history.children ?? []).length >= 1);
    assert.match(history.children?.[0].description ?? '', /^task: non-zero exit \(1\) · failed /);
    const pending = find(services, 'pending');
    assert.equal(pending.description, 'replicated 0/1 · demo/busybox:1');
    assert.match(pending.children?.[0].description ?? '', /^no suitable node \(scheduling constraints not satisfied on 1 node\) · pending /);

    const nodes = nodesTree(buildNodes(snapshot, now));
    assert.equal(nodes.length, 1);
    assert.match(nodes[0].description ?? '', /^manager \(leader\) · active · ready · 20\.10\./);
    assert.ok((nodes[0].children ?? []).some((t) => t.label === 'demo_web.1'));

    const networks = networksTree(buildNetworks(snapshot, { includeLocal: false }));
    assert.deepEqual(networks.map((n) => n.label), ['demo_backend', 'ingress'], 'only swarm-scoped networks');
    assert.deepEqual(find(networks, 'demo_backend').children?.map((c) => c.label), ['demo_web', 'demo_worker']);
    assert.match(find(networks, 'demo_backend').description ?? '', /^overlay · swarm · attachable · \d+\.\d+\.\d+\.\d+\/\d+$/);

    const secrets = secretsOrConfigsTree(buildSecretsOrConfigs(snapshot.secrets, snapshot.services, 'secret', now));
    assert.deepEqual(find(secrets, 'demo_db_password').children?.map((c) => [c.label, c.description]), [['demo_web', 'demo_db_password']]);
    const configs = secretsOrConfigsTree(buildSecretsOrConfigs(snapshot.configs, snapshot.services, 'config', now));
    assert.deepEqual(find(configs, 'demo_nginx_conf').children?.map((c) => [c.label, c.description]), [['demo_web', '/etc/nginx/nginx.conf']]);
  });

  void test('the shared cache: overlapping views share requests; invalidation lists only what is stale', async () => {
    assert.ok(host);
    const { docker, paths } = counted(dockerFor(host));
    const cache = new SwarmDataCache(() => Promise.resolve(docker), () => ({ includeLocalNetworks: false }));
    await Promise.all([cache.get(['services', 'tasks', 'nodes']), cache.get(['nodes', 'tasks', 'services']), cache.get(['secrets', 'services'])]);
    assert.deepEqual(paths.slice().sort(), ['/nodes', '/secrets', '/services', '/tasks']);
    await cache.get(['services', 'tasks']);
    assert.equal(paths.length, 4, 'cached kinds are not listed again');
    cache.invalidate(['tasks']);
    await cache.get(['services', 'tasks', 'nodes']);
    assert.deepEqual(paths.slice(4), ['/tasks']);
    assert.equal(cache.requests, 5);
  });

  void test('the event stream reports service create, update and remove, and stops with its last subscriber', async () => {
    assert.ok(host);
    const connection = connectionTo(host);
    const events = new SwarmEvents(connection, silent);
    const seen: SwarmEvent[] = [];
    events.onEvent((e) => seen.push(e));
    const handle = events.start();
    const second = events.start();
    const docker = dockerFor(host);
    const name = `explorer-ev-${process.pid}-${Date.now() % 100000}`;
    let id: string | undefined;
    try {
      await until('live', () => events.status === 'live');
      const created = (await docker.createService({
        Name: name,
        TaskTemplate: { ContainerSpec: { Image: 'demo/busybox:1', Command: ['sleep', '3600'], StopGracePeriod: 1e9 } as object },
        Mode: { Replicated: { Replicas: 0 } },
      } as Docker.CreateServiceOptions)) as { id: string };
      id = created.id;
      const service = docker.getService(id);
      const spec = (await service.inspect()) as { Version: { Index: number }; Spec: { Mode: object } };
      await service.update({ ...spec.Spec, Mode: { Replicated: { Replicas: 1 } }, version: spec.Version.Index } as object);
      await until('create and update events', () => seen.filter((e) => e.type === 'service' && e.id === id).length >= 2);
      const forService = seen.filter((e) => e.id === id);
      assert.equal(forService[0].action, 'create');
      assert.equal(forService[0].name, name);
      assert.ok(forService.some((e) => e.action === 'update'));
      await until('a task event from the new container', () => seen.some((e) => e.type === 'task' && e.serviceId === id), 20_000);
      await service.remove();
      id = undefined;
      await until('remove event', () => seen.some((e) => e.type === 'service' && e.action === 'remove' && e.name === name));
      handle.dispose();
      handle.dispose();
      assert.equal(events.status, 'live', 'one subscriber is left');
      second.dispose();
      assert.equal(events.status, 'stopped');
    } finally {
      if (id) await docker.getService(id).remove().catch(() => undefined);
      events.dispose();
    }
  });

  void test('the event stream reconnects when its engine goes away and comes back; the connection reports the loss', async () => {
    const engine = await startEngine({ name: 'explorer-ev', importBusybox: false });
    after(() => engine.stop());
    const connection = connectionTo(engine.dockerHost);
    const events = new SwarmEvents(connection, silent, { minBackoffMs: 200, maxBackoffMs: 1000 });
    const statuses: EventStreamStatus[] = [];
    events.onStatus((s) => statuses.push(s));
    const handle = events.start();
    try {
      await until('live', () => events.status === 'live');
      await engine.stop();
      await until('down', () => events.status === 'down');
      await until('connection error', () => connection.current.status === 'error');
      await engine.restart();
      await until('live again', () => events.status === 'live', 30_000);
      assert.equal(connection.current.status, 'connected');
      assert.deepEqual(statuses.slice(0, 3), ['connecting', 'live', 'down']);
      const seen: SwarmEvent[] = [];
      events.onEvent((e) => seen.push(e));
      const docker = dockerFor(engine.dockerHost);
      const secret = (await docker.createSecret({ Name: `s${Date.now()}`, Data: Buffer.from('x').toString('base64') })) as { id: string };
      await until('a secret event on the new stream', () => seen.some((e) => e.type === 'secret' && e.id === secret.id));
      await docker.getSecret(secret.id).remove();
    } finally {
      handle.dispose();
      events.dispose();
      await engine.stop();
    }
  });
});
