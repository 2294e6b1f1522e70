import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { escapeInterpolation, exportServices, formatCpus, formatGoDuration, uncoveredFields } from '../../../src/export/compose';
import { selectServices } from '../../../src/export/fetch';
import { parseExportArgs } from '../../../src/cli/export';
import type { Network, Service } from '../../../src/export/spec';

void test('durations print the way Go parses them', () => {
  const table: Array<[number, string]> = [[0, '0s'], [1e9, '1s'], [1.5e9, '1s500ms'], [90e9, '1m30s'], [3_600e9, '1h'], [250, '250ns'], [2e6, '2ms']];
  for (const [ns, text] of table) assert.equal(formatGoDuration(ns), text);
});

void test('NanoCPUs print as exact decimals', () => {
  assert.deepEqual([5e8, 2e9, 1, 1_250_000_000].map(formatCpus), ['0.5', '2', '0.000000001', '1.25']);
});

void test('every $ is escaped from compose interpolation, in nested values', () => {
  assert.deepEqual(escapeInterpolation({ a: ['$HOME', { b: 'x$$y' }], n: 1 }), { a: ['$$HOME', { b: 'x$$$$y' }], n: 1 });
});

void test('values the export does not carry are reported, empty and ID fields are not', () => {
  const spec = {
    Name: 'x',
    TaskTemplate: {
      ContainerSpec: { Image: 'i', Groups: ['wheel'], Isolation: 'default', Secrets: [{ SecretID: 'id', SecretName: 'n', File: { Name: 'n' } }], DNSConfig: { Options: ['ndots:2'] } },
      Placement: { Platforms: [{ OS: 'linux' }] },
      ForceUpdate: 3,
    },
  };
  assert.deepEqual(uncoveredFields(spec).sort(), [
    'TaskTemplate.ContainerSpec.DNSConfig.Options = ["ndots:2"]',
    'TaskTemplate.ContainerSpec.Groups = ["wheel"]',
    'TaskTemplate.Placement.Platforms[] = {"OS":"linux"}',
  ]);
});

const networks: Network[] = [
  { Id: 'n1', Name: 'shop_backend', Driver: 'overlay', Attachable: true, Labels: { 'com.docker.stack.namespace': 'shop' }, Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4097' } },
  { Id: 'n2', Name: 'shared', Driver: 'overlay' },
];
const services: Service[] = [
  {
    ID: 's1',
    Spec: {
      Name: 'shop_web',
      Labels: { 'com.docker.stack.namespace': 'shop', 'com.docker.stack.image': 'nginx:1', team: 'a' },
      TaskTemplate: {
        ContainerSpec: {
          Image: 'nginx:1',
          Args: ['nginx', '-g', 'daemon off;'],
          Env: ['PRICE=$5'],
          Secrets: [{ SecretID: 'x', SecretName: 'shop_key', File: { Name: 'key', UID: '0', GID: '0', Mode: 0o400 } }],
          Mounts: [{ Type: 'volume', Source: 'shop_data', Target: '/d', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'shop' } } }],
        },
        Networks: [{ Target: 'n1', Aliases: ['web', 'www'] }, { Target: 'n2', Aliases: ['web'] }],
        Resources: { Limits: { MemoryBytes: 1048576 } },
      },
      Mode: { Replicated: { Replicas: 3 } },
      EndpointSpec: { Mode: 'vip', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] },
      UpdateConfig: { Parallelism: 0, Order: 'start-first' },
    },
  },
  { ID: 's2', Spec: { Name: 'shop_cron', Labels: { 'com.docker.stack.namespace': 'shop' }, TaskTemplate: { ContainerSpec: { Image: 'busybox' } }, Mode: { GlobalJob: {} } } },
];

void test('a stack exports with relative keys, its own network defined and everything else external', () => {
  const r = exportServices(services, { networks, now: new Date(0) });
  assert.deepEqual(r.serviceKeys, { shop_cron: 'cron', shop_web: 'web' });
  const doc = parse(r.yaml) as Record<string, Record<string, Record<string, unknown>>>;
  assert.equal(doc.version as unknown, '3.9');
  const web = doc.services.web as Record<string, unknown>;
  assert.deepEqual(web.command, ['nginx', '-g', 'daemon off;']);
  assert.deepEqual(web.environment, ['PRICE=$$5']);
  assert.deepEqual(web.networks, { backend: { aliases: ['www'] }, shared: null });
  assert.deepEqual(web.secrets, [{ source: 'shop_key', target: 'key', uid: '0', gid: '0', mode: 256 }]);
  assert.deepEqual(web.volumes, [{ type: 'volume', source: 'data', target: '/d' }]);
  assert.deepEqual(web.ports, [{ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }]);
  assert.deepEqual(web.deploy, {
    mode: 'replicated',
    replicas: 3,
    endpoint_mode: 'vip',
    labels: { team: 'a' },
    resources: { limits: { memory: '1048576' } },
    update_config: { parallelism: 0, order: 'start-first' },
  });
  assert.deepEqual(doc.services.cron.deploy, { mode: 'global-job' });
  assert.deepEqual(doc.networks, { backend: { driver: 'overlay', attachable: true }, shared: { external: true, name: 'shared' } });
  assert.deepEqual(doc.secrets, { shop_key: { external: true, name: 'shop_key' } });
  assert.deepEqual(doc.volumes, { data: {} });
  assert.match(r.yaml, /^# Exported by Swarmscope on 1970-01-01T00:00:00\.000Z: 2 service\(s\) of stack "shop"\./);
  assert.match(r.yaml, /attaches services without networks \(cron\) to the stack's default network/);
  assert.deepEqual(r.notExported, []);
});

void test('services from different stacks keep their full names', () => {
  const other: Service = { Spec: { Name: 'solo', TaskTemplate: { ContainerSpec: { Image: 'x' } } } };
  const r = exportServices([services[0], other], { networks });
  assert.deepEqual(r.serviceKeys, { shop_web: 'shop_web', solo: 'solo' });
  assert.match(r.yaml, /Service keys are the full service names/);
  assert.deepEqual((parse(r.yaml) as { networks: unknown }).networks, { shop_backend: { external: true, name: 'shop_backend' }, shared: { external: true, name: 'shared' } });
});

void test('service selection by stack and by (relative) name', () => {
  assert.deepEqual(selectServices(services, { stack: 'shop', services: ['web'] }).map((s) => s.ID), ['s1']);
  assert.throws(() => selectServices(services, { stack: 'nope' }), /No services in stack "nope"/);
  assert.throws(() => selectServices(services, { services: ['ghost'] }), /No service "ghost"/);
});

void test('export CLI arguments', () => {
  assert.deepEqual(parseExportArgs(['--stack', 'demo', '--service=web', '--service', 'db', '-o', 'f.yml']), { stack: 'demo', services: ['web', 'db'], output: 'f.yml', fields: false });
  assert.throws(() => parseExportArgs(['--bogus']), /unknown argument/);
  assert.throws(() => parseExportArgs(['--stack']), /needs an argument/);
});
