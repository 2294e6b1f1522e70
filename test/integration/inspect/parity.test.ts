// Parity: Swarmscope's pretty documents must equal `docker <kind> inspect --pretty` of the installed docker CLI,
// byte for byte, for the same objects on the real sandbox engine.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { fetchInspectable, InspectNotFoundError } from '../../../src/inspect/fetch';
import type { InspectKind } from '../../../src/inspect/model';
import { readableDiff } from '../../support/readableDiff';

const execFileAsync = promisify(execFile);
const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
const dockerCli = process.env.SWARMSCOPE_TEST_DOCKER_CLI ?? '/usr/local/bin/docker';
const IMAGE = 'demo/busybox:1';
const SECOND = 1_000_000_000;
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const unique = (name: string): string => `parity-${name}-${suffix}`;

function dockerFor(hostUrl: string): Dockerode {
  if (hostUrl.startsWith('unix://')) return new Dockerode({ socketPath: hostUrl.slice('unix://'.length) });
  const url = new URL(hostUrl.replace(/^tcp:/, 'http:'));
  return new Dockerode({ host: url.hostname, port: Number(url.port || 2375) });
}


async function cliPretty(kind: InspectKind, ref: string): Promise<string> {
  assert.ok(host);
  const { stdout } = await execFileAsync(dockerCli, ['-H', host, kind, 'inspect', '--pretty', ref], {
    env: { ...process.env, DOCKER_CONFIG: '/nonexistent-swarmscope-parity' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Renders before and after the CLI runs and accepts a match with either render: the CLI's `Started: … ago` uses
 * its own clock, which lies between the two. The object itself must not change in between (retried if it does).
 */
async function assertParity(docker: Dockerode, kind: InspectKind, ref: string): Promise<void> {
  let lastDiff = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await fetchInspectable(docker, kind, ref, { now: Date.now() });
    const cli = await cliPretty(kind, ref);
    const afterward = await fetchInspectable(docker, kind, ref, { now: Date.now() });
    if (JSON.stringify(before.raw) !== JSON.stringify(afterward.raw)) continue;
    if (cli === before.pretty || cli === afterward.pretty) return;
    lastDiff = readableDiff(cli, afterward.pretty);
    break;
  }
  assert.fail(`${kind} ${ref}: pretty output differs from the docker CLI\n${lastDiff || 'object kept changing'}`);
}

function baseSpec(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: unique(name),
    TaskTemplate: {
      ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND },
    },
    Mode: { Replicated: { Replicas: 0 } },
    ...extra,
  };
}

function withContainer(name: string, container: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return baseSpec(name, {
    TaskTemplate: { ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND, ...container } },
    ...extra,
  });
}

void describe('inspect --pretty parity with the docker CLI', () => {
  const docker = host ? dockerFor(host) : (undefined as unknown as Dockerode);
  const created = { services: [] as string[], networks: [] as string[], secrets: [] as string[], configs: [] as string[] };
  const ids: Record<string, string> = {};

  before(async () => {
    assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    for (const n of ['a', 'b']) {
      const net = await docker.createNetwork({ Name: unique(`net-${n}`), Driver: 'overlay', Attachable: true, CheckDuplicate: true });
      ids[`net-${n}`] = net.id;
      created.networks.push(net.id);
    }
    for (const [key, labels] of [['sec-plain', {}], ['sec-labelled', { b: '2', a: '', 'com.example.tier': 'db' }]] as const) {
      const s = await docker.createSecret({ Name: unique(key), Labels: labels, Data: Buffer.from('s3cret').toString('base64') });
      ids[key] = s.id;
      created.secrets.push(s.id);
    }
    const configs: [string, Record<string, string>, string][] = [
      ['cfg-plain', {}, 'key = "value"\nother = 1\n'],
      ['cfg-labelled', { z: 'last', a: '', 'com.example.app': 'web' }, 'no trailing newline'],
    ];
    for (const [key, labels, data] of configs) {
      const c = await docker.createConfig({ Name: unique(key), Labels: labels, Data: Buffer.from(data).toString('base64') });
      ids[key] = c.id;
      created.configs.push(c.id);
    }
  });

  after(async () => {
    if (!host) return;
    for (const id of created.services) await docker.getService(id).remove().catch(() => undefined);
    // Tasks must be gone before their networks, secrets and configs can be removed.
    for (let i = 0; i < 50; i++) {
      const tasks = await docker.listTasks({ filters: JSON.stringify({ service: created.services }) }).catch(() => []);
      if (created.services.length === 0 || tasks.length === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const id of created.secrets) await docker.getSecret(id).remove().catch(() => undefined);
    for (const id of created.configs) await docker.getConfig(id).remove().catch(() => undefined);
    for (const id of created.networks) await docker.getNetwork(id).remove().catch(() => undefined);
  });

  async function createService(spec: Record<string, unknown>): Promise<string> {
    const s = (await docker.createService(spec as Dockerode.CreateServiceOptions)) as unknown as { id: string };
    created.services.push(s.id);
    return s.id;
  }

  const serviceCases: [string, () => Record<string, unknown>][] = [
    ['labels, replicas 0', () => baseSpec('labels', { Labels: { b: '2', a: '', 'com.example.owner': 'team x', Z: 'upper' } })],
    ['replicated, many replicas', () => baseSpec('many', { Mode: { Replicated: { Replicas: 3 } } })],
    ['global', () => baseSpec('global', { Mode: { Global: {} } })],
    ['replicated job', () => withContainer('job', { Args: ['true'] }, { Mode: { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } } })],
    [
      'placement constraints, spread preferences, max replicas per node',
      () =>
        baseSpec('placement', {
          TaskTemplate: {
            ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND },
            Placement: {
              Constraints: ['node.role==manager', 'node.labels.zone!=nowhere'],
              Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }, { Spread: { SpreadDescriptor: 'node.labels.rack' } }],
              MaxReplicas: 2,
            },
          },
        }),
    ],
    [
      'update and rollback configs with every field',
      () =>
        baseSpec('update', {
          UpdateConfig: { Parallelism: 2, Delay: 10 * SECOND, FailureAction: 'rollback', Monitor: 90 * SECOND, MaxFailureRatio: 0.3, Order: 'start-first' },
          RollbackConfig: { Parallelism: 0, Delay: 1.5 * SECOND, FailureAction: 'continue', Monitor: 500_000_000, MaxFailureRatio: 0.25, Order: 'stop-first' },
        }),
    ],
    [
      'env, args, dir, user, init, capabilities, sysctls, ulimits',
      () =>
        withContainer('container', {
          Args: ['sh', '-c', 'echo "a b"; sleep 3600'],
          Env: ['A=1', 'B=two words', 'EMPTY='],
          Dir: '/tmp',
          User: 'nobody',
          Init: true,
          Hostname: 'box',
          CapabilityAdd: ['CAP_NET_ADMIN', 'CAP_SYS_TIME'],
          CapabilityDrop: ['CAP_MKNOD'],
          Sysctls: { 'net.ipv4.ip_forward': '1', 'net.core.somaxconn': '1024' },
          Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }, { Name: 'core', Soft: 0, Hard: 0 }],
        }),
    ],
    [
      'bind, volume and tmpfs mounts, read-only too',
      () =>
        withContainer('mounts', {
          Mounts: [
            { Type: 'bind', Source: '/tmp', Target: '/host-tmp', ReadOnly: true },
            { Type: 'volume', Source: unique('vol'), Target: '/data' },
            { Type: 'volume', Source: unique('vol-ro'), Target: '/ro', ReadOnly: true },
            { Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 1024 * 1024 } },
          ],
        }),
    ],
    [
      'secrets and configs with target names',
      () =>
        withContainer('refs', {
          Secrets: [
            { SecretID: ids['sec-plain'], SecretName: unique('sec-plain'), File: { Name: 'db-password', UID: '0', GID: '0', Mode: 0o400 } },
            { SecretID: ids['sec-labelled'], SecretName: unique('sec-labelled'), File: { Name: '/run/secrets/other', UID: '0', GID: '0', Mode: 0o444 } },
          ],
          Configs: [
            { ConfigID: ids['cfg-plain'], ConfigName: unique('cfg-plain'), File: { Name: '/etc/app.toml', UID: '0', GID: '0', Mode: 0o444 } },
            { ConfigID: ids['cfg-labelled'], ConfigName: unique('cfg-labelled'), File: { Name: 'note.txt', UID: '0', GID: '0', Mode: 0o444 } },
          ],
        }),
    ],
    [
      'log driver with options',
      () =>
        baseSpec('logs', {
          TaskTemplate: {
            ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND },
            LogDriver: { Name: 'json-file', Options: { 'max-size': '10m', 'max-file': '3', labels: '' } },
          },
        }),
    ],
    [
      'CPU and memory reservations and limits, PIDs limit',
      () =>
        baseSpec('resources', {
          TaskTemplate: {
            ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND },
            Resources: {
              Reservations: { NanoCPUs: 250_000_000, MemoryBytes: 64 * 1024 * 1024 },
              Limits: { NanoCPUs: 1_500_000_000, MemoryBytes: 1610612736, Pids: 100 },
            },
          },
        }),
    ],
    [
      'PIDs limit only, memory with a fraction',
      () =>
        baseSpec('pids', {
          TaskTemplate: {
            ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND },
            Resources: { Reservations: { MemoryBytes: 123456789 }, Limits: { Pids: 7 } },
          },
        }),
    ],
    [
      'several networks, endpoint mode dnsrr, host-mode ports',
      () =>
        baseSpec('dnsrr', {
          TaskTemplate: {
            ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND },
            Networks: [{ Target: ids['net-a'] }, { Target: ids['net-b'], Aliases: ['bee'] }],
          },
          EndpointSpec: {
            Mode: 'dnsrr',
            Ports: [
              { Protocol: 'tcp', TargetPort: 80, PublishedPort: 28081, PublishMode: 'host' },
              { Protocol: 'udp', TargetPort: 53, PublishedPort: 28053, PublishMode: 'host' },
            ],
          },
        }),
    ],
    [
      'endpoint mode vip, ingress and host ports, tcp and udp',
      () =>
        baseSpec('vip', {
          TaskTemplate: {
            ContainerSpec: { Image: IMAGE, Args: ['sleep', '3600'], StopGracePeriod: SECOND },
            Networks: [{ Target: ids['net-a'] }],
          },
          EndpointSpec: {
            Mode: 'vip',
            Ports: [
              { Protocol: 'tcp', TargetPort: 80, PublishedPort: 28090, PublishMode: 'ingress' },
              { Protocol: 'udp', TargetPort: 53, PublishedPort: 28091, PublishMode: 'ingress' },
              { Protocol: 'tcp', TargetPort: 81, PublishedPort: 28092, PublishMode: 'host' },
            ],
          },
        }),
    ],
    [
      'healthcheck',
      () =>
        withContainer('health', {
          Healthcheck: { Test: ['CMD-SHELL', 'test -e /tmp || exit 1'], Interval: 30 * SECOND, Timeout: 5 * SECOND, Retries: 3, StartPeriod: 60 * SECOND },
        }),
    ],
    ['healthcheck disabled', () => withContainer('nohealth', { Healthcheck: { Test: ['NONE'] } })],
  ];

  for (const [title, spec] of serviceCases) {
    void test(`service: ${title}`, async () => {
      const id = await createService(spec());
      await assertParity(docker, 'service', id);
    });
  }

  void test('service: after an update (UpdateStatus with Started and Completed)', async () => {
    // A rolling update needs a task to replace, so this service runs one.
    const id = await createService(baseSpec('updated', { Mode: { Replicated: { Replicas: 1 } } }));
    const service = docker.getService(id);
    type Spec = Record<string, unknown> & { TaskTemplate: { ContainerSpec: Record<string, unknown> } };
    const current = (await service.inspect()) as { Version: { Index: number }; Spec: Spec };
    const containerSpec = { ...current.Spec.TaskTemplate.ContainerSpec, Env: ['UPDATED=1'] };
    const spec = { ...current.Spec, TaskTemplate: { ...current.Spec.TaskTemplate, ContainerSpec: containerSpec } };
    await service.update({ ...spec, version: current.Version.Index });
    for (let i = 0; i < 150; i++) {
      const s = (await service.inspect()) as { UpdateStatus?: { State?: string } };
      if (s.UpdateStatus?.State === 'completed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const after = await fetchInspectable(docker, 'service', id);
    assert.match(after.pretty, /\nUpdateStatus:\n State:\t\tcompleted\n Started:\t.* ago\n Completed:\t.* ago\n Message:\t/);
    await assertParity(docker, 'service', id);
  });

  void test('service by name and by unique ID prefix resolve to the same object as the CLI', async () => {
    const id = await createService(baseSpec('lookup'));
    await assertParity(docker, 'service', unique('lookup'));
    await assertParity(docker, 'service', id.slice(0, 12));
  });

  void test('service: the network name is resolved and linked', async () => {
    const id = await createService(
      baseSpec('links', { TaskTemplate: { ContainerSpec: { Image: IMAGE, StopGracePeriod: SECOND }, Networks: [{ Target: ids['net-b'] }] } }),
    );
    const doc = await fetchInspectable(docker, 'service', id);
    const link = doc.links.find((l) => l.kind === 'network');
    assert.ok(link, 'a network link');
    assert.equal(doc.pretty.slice(link.start, link.end), unique('net-b'));
    assert.equal(link.target, ids['net-b']);
  });

  for (const key of ['sec-plain', 'sec-labelled']) {
    void test(`secret: ${key}`, async () => {
      await assertParity(docker, 'secret', ids[key]);
      await assertParity(docker, 'secret', unique(key));
      const doc = await fetchInspectable(docker, 'secret', ids[key]);
      assert.ok(!doc.pretty.includes('s3cret') && !JSON.stringify(doc.raw).includes(Buffer.from('s3cret').toString('base64')));
    });
  }

  for (const key of ['cfg-plain', 'cfg-labelled']) {
    void test(`config: ${key}`, async () => {
      await assertParity(docker, 'config', ids[key]);
      await assertParity(docker, 'config', unique(key));
    });
  }

  void test('config with data that is not UTF-8 shows its size instead', async () => {
    const c = await docker.createConfig({ Name: unique('cfg-binary'), Data: Buffer.from([0xff, 0xfe, 0x00, 0x80]).toString('base64') });
    created.configs.push(c.id);
    const doc = await fetchInspectable(docker, 'config', c.id);
    assert.match(doc.pretty, /\nData:\n<binary data, 4 bytes>\n$/);
  });

  void describe('nodes', () => {
    let nodeId = '';
    let original: { Version: { Index: number }; Spec: Record<string, unknown> } | undefined;

    before(async () => {
      const info = (await docker.info()) as { Swarm: { NodeID: string } };
      nodeId = info.Swarm.NodeID;
      original = (await docker.getNode(nodeId).inspect()) as typeof original;
    });

    after(async () => {
      if (!original) return;
      const now = (await docker.getNode(nodeId).inspect()) as { Version: { Index: number } };
      await docker.getNode(nodeId).update({ ...original.Spec, version: now.Version.Index });
    });

    void test('node: the manager, by ID, hostname and "self"', async () => {
      await assertParity(docker, 'node', nodeId);
      await assertParity(docker, 'node', 'self');
    });

    // Pause rather than drain: the engine is shared with other suites and draining would stop their tasks.
    // SWARMSCOPE_TEST_NODE_DRAIN=1 also checks a drained node.
    const availabilities = process.env.SWARMSCOPE_TEST_NODE_DRAIN === '1' ? ['pause', 'drain'] : ['pause'];
    for (const availability of availabilities) {
      void test(`node: ${availability}d, with a name and labels`, async () => {
        assert.ok(original);
        const current = (await docker.getNode(nodeId).inspect()) as { Version: { Index: number } };
        await docker.getNode(nodeId).update({
          ...original.Spec,
          Name: unique('node'),
          Labels: { zone: 'a', 'com.example.rack': '12', empty: '' },
          Availability: availability,
          version: current.Version.Index,
        });
        try {
          await assertParity(docker, 'node', nodeId);
        } finally {
          const now = (await docker.getNode(nodeId).inspect()) as { Version: { Index: number } };
          await docker.getNode(nodeId).update({ ...original.Spec, version: now.Version.Index });
        }
      });
    }
  });

  void test('a missing object fails with the engine message', async () => {
    for (const kind of ['service', 'node', 'secret', 'config', 'task', 'network'] as const) {
      await assert.rejects(fetchInspectable(docker, kind, unique('missing')), (err: unknown) => {
        assert.ok(err instanceof InspectNotFoundError, `${kind}: ${String(err)}`);
        assert.match(err.message, new RegExp(unique('missing')));
        return true;
      });
    }
  });
});
