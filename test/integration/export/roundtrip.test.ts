// Export round trip: the seeded services (plus one service that sets nearly every carried field) are exported to a
// stack file, the file is deployed with the installed docker CLI's `docker stack deploy` onto a fresh sandbox swarm,
// and the deployed specs are compared with the originals on every field in CARRIED_FIELDS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { CARRIED_FIELDS } from '../../../src/export/compose';
import { exportSwarm } from '../../../src/export/fetch';
import { STACK_IMAGE_LABEL, STACK_NAMESPACE_LABEL, Service, ServiceSpec } from '../../../src/export/spec';
import { SandboxEngine, dockerFor, startEngine } from '../../harness/engine';
import { SEED_NAMES } from '../../harness/seed';

const execFileAsync = promisify(execFile);
const DOCKER_CLI = '/usr/local/bin/docker';
const sourceHost = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
const unique = `x${Date.now().toString(36)}`;
const richStack = `exp${unique}`;

let source: Docker;
let target: SandboxEngine;
let targetDocker: Docker;
let richNetworkId = '';
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-export-'));

type Obj = Record<string, unknown>;

/** Go's omitempty: empty values are the same as absent ones. */
function prune(v: unknown): unknown {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return undefined;
  if (Array.isArray(v)) {
    const items = v.map(prune).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v as Obj)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** The values at a CARRIED_FIELDS path (`[]` fans out over arrays). */
function valuesAt(spec: unknown, fieldPath: string): unknown[] {
  let current: unknown[] = [spec];
  for (const part of fieldPath.split('.')) {
    const isArray = part.endsWith('[]');
    const key = isArray ? part.slice(0, -2) : part;
    current = current.flatMap((c) => {
      const v = c && typeof c === 'object' ? (c as Obj)[key] : undefined;
      return isArray ? (Array.isArray(v) ? v : []) : [v];
    });
  }
  return current;
}

function withoutStackLabels(labels: unknown): unknown {
  if (!labels || typeof labels !== 'object') return labels;
  const out = { ...(labels as Obj) };
  delete out[STACK_NAMESPACE_LABEL];
  delete out[STACK_IMAGE_LABEL];
  return out;
}

async function networkNames(docker: Docker): Promise<Map<string, string>> {
  const list = (await docker.listNetworks()) as Array<{ Id: string; Name: string }>;
  return new Map(list.map((n) => [n.Id, n.Name]));
}

/** One comparable value per carried field; engine IDs become names and stack bookkeeping labels are dropped. */
function carried(spec: ServiceSpec, nets: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of CARRIED_FIELDS) {
    let values = valuesAt(spec, field);
    if (field === 'Labels' || field.endsWith('ContainerSpec.Labels') || field.endsWith('VolumeOptions.Labels')) values = values.map(withoutStackLabels);
    if (field === 'TaskTemplate.Networks[].Target') values = values.map((id) => nets.get(String(id)) ?? id);
    if (field === 'TaskTemplate.ContainerSpec.Env') values = values.map((env) => (Array.isArray(env) ? [...(env as string[])].sort() : env));
    if (field === 'TaskTemplate.Networks[].Aliases') values = values.map((a) => (Array.isArray(a) ? [...(a as string[])].sort() : a));
    // "IP a b" and the two lines "IP a", "IP b" are the same hosts entries; compose writes one name per line.
    if (field === 'TaskTemplate.ContainerSpec.Hosts') {
      values = values.map((h) => (Array.isArray(h) ? (h as string[]).flatMap((line) => { const [ip, ...names] = line.split(/\s+/); return names.map((n) => `${ip} ${n}`); }).sort() : h));
    }
    // vip is the engine's default endpoint mode; docker stack deploy always writes it.
    if (field === 'EndpointSpec.Mode') values = values.map((m) => m ?? 'vip');
    // Elements of arrays are compared as a multiset: docker stack deploy sorts ports, secrets, configs and networks.
    const normalized = values.map(prune);
    out[field] = field.includes('[]') ? normalized.map((v) => JSON.stringify(v)).sort() : normalized;
  }
  return out;
}

before(async () => {
  assert.ok(sourceHost, 'SWARMSCOPE_TEST_DOCKER_HOST must point at the seeded sandbox swarm');
  source = dockerFor(sourceHost);
  target = await startEngine({ name: 'export-target' });
  targetDocker = dockerFor(target.dockerHost);
  // A reused target engine may still hold an earlier run's stacks.
  for (const s of (await targetDocker.listServices()) as Service[]) await targetDocker.getService(s.ID ?? '').remove();

  const secret = ((await source.listSecrets({ filters: { name: [SEED_NAMES.secret] } })) as Array<{ ID: string }>)[0];
  const net = await source.createNetwork({ Name: `${richStack}_net`, Driver: 'overlay', Attachable: true, Labels: { [STACK_NAMESPACE_LABEL]: richStack, tier: 'back' } });
  richNetworkId = net.id;
  const spec = {
    Name: `${richStack}_rich`,
    Labels: { [STACK_NAMESPACE_LABEL]: richStack, [STACK_IMAGE_LABEL]: 'demo/busybox:1', 'com.example.team': 'drones', cost: '$5' },
    TaskTemplate: {
      ContainerSpec: {
        Image: 'demo/busybox:1',
        Command: ['sh', '-c'],
        Args: ['echo "$HOME"; sleep 3600'],
        Env: ['A=1', 'B=two words', 'PRICE=$5', 'EMPTY='],
        Labels: { [STACK_NAMESPACE_LABEL]: richStack, 'com.example.role': 'rich' },
        Hostname: '{{.Node.Hostname}}-rich',
        Dir: '/tmp',
        User: 'nobody',
        StopSignal: 'SIGINT',
        StopGracePeriod: 1_500_000_000,
        TTY: true,
        ReadOnly: true,
        Init: true,
        CapabilityAdd: ['CAP_NET_ADMIN'],
        CapabilityDrop: ['CAP_MKNOD'],
        Sysctls: { 'net.core.somaxconn': '1024' },
        Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
        Hosts: ['10.1.2.3 db.local db'],
        DNSConfig: { Nameservers: ['10.0.0.53'], Search: ['example.internal'] },
        Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 30e9, Timeout: 5e9, Retries: 3, StartPeriod: 10e9 },
        Mounts: [
          { Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 1048576 } },
          { Type: 'bind', Source: '/tmp', Target: '/host-tmp', ReadOnly: true, BindOptions: { Propagation: 'rslave' } },
          {
            Type: 'volume',
            Source: `${richStack}_data`,
            Target: '/data',
            VolumeOptions: { NoCopy: true, Labels: { [STACK_NAMESPACE_LABEL]: richStack, backup: 'daily' }, DriverConfig: { Name: 'local', Options: { type: 'tmpfs', device: 'tmpfs' } } },
          },
        ],
        Secrets: [{ SecretID: secret.ID, SecretName: SEED_NAMES.secret, File: { Name: 'db', UID: '0', GID: '0', Mode: 0o440 } }],
        // Not expressible in compose: must show up in the header, not vanish.
        Groups: ['wheel'],
      },
      Resources: { Limits: { NanoCPUs: 500_000_000, MemoryBytes: 67108864, Pids: 100 }, Reservations: { NanoCPUs: 100_000_000, MemoryBytes: 16777216 } },
      RestartPolicy: { Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3, Window: 60e9 },
      Placement: { Constraints: ['node.role==manager'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }], MaxReplicas: 2 },
      Networks: [{ Target: richNetworkId, Aliases: ['rich-alias', 'rich'] }],
      LogDriver: { Name: 'json-file', Options: { 'max-size': '10m' } },
    },
    Mode: { Replicated: { Replicas: 0 } },
    UpdateConfig: { Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 15e9, MaxFailureRatio: 0.25, Order: 'start-first' },
    RollbackConfig: { Parallelism: 0, FailureAction: 'pause', Monitor: 5e9, Order: 'stop-first' },
    EndpointSpec: { Mode: 'dnsrr', Ports: [{ Protocol: 'udp', TargetPort: 53, PublishedPort: 15353, PublishMode: 'host' }] },
  };
  await source.createService(spec as unknown as Docker.CreateServiceOptions);
});

after(async () => {
  if (source) {
    const leftovers = ((await source.listServices()) as Service[]).filter((s) => s.Spec?.Name?.startsWith(richStack));
    for (const s of leftovers) await source.getService(s.ID ?? '').remove().catch(() => undefined);
    if (richNetworkId) await source.getNetwork(richNetworkId).remove().catch(() => undefined);
  }
  if (target) await target.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function deploy(file: string, stack: string): Promise<void> {
  await execFileAsync(DOCKER_CLI, ['-H', target.dockerHost, 'stack', 'deploy', '--resolve-image', 'never', '-c', file, stack], {
    env: { ...process.env, DOCKER_CONFIG: workDir, DOCKER_CONTEXT: '' },
  });
}

async function servicesByName(docker: Docker): Promise<Map<string, ServiceSpec>> {
  const list = (await docker.listServices()) as Service[];
  return new Map(list.map((s) => [s.Spec?.Name ?? '', s.Spec ?? {}]));
}

function compareStack(originals: ServiceSpec[], deployed: Map<string, ServiceSpec>, srcNets: Map<string, string>, dstNets: Map<string, string>, stack: string): void {
  for (const original of originals) {
    const copy = deployed.get(original.Name ?? '');
    assert.ok(copy, `${original.Name} was deployed`);
    const want = carried(original, srcNets);
    const got = carried(copy, dstNets);
    if (!(original.TaskTemplate?.Networks ?? []).length) {
      // docker stack deploy attaches network-less services to <stack>_default (said in the file's header).
      assert.deepEqual(got['TaskTemplate.Networks[].Target'], [JSON.stringify(`${stack}_default`)]);
      delete want['TaskTemplate.Networks[].Target'];
      delete got['TaskTemplate.Networks[].Target'];
      delete want['TaskTemplate.Networks[].Aliases'];
      delete got['TaskTemplate.Networks[].Aliases'];
    }
    for (const field of Object.keys(want)) assert.deepEqual(got[field], want[field], `${original.Name}: ${field}`);
  }
}

void test('the seeded demo stack survives export → docker stack deploy, field by field', async () => {
  const result = await exportSwarm(source, { stack: 'demo' });
  assert.deepEqual(Object.keys(result.serviceKeys).sort(), [SEED_NAMES.agent, SEED_NAMES.web, SEED_NAMES.worker]);
  assert.match(result.yaml, /^# .*Secrets and configs are external references/m);
  assert.doesNotMatch(result.yaml, /s3cr3t/, 'no secret value in the file');
  // Secrets and configs are external: create them on the target (the values cannot be copied).
  const haveSecret = ((await targetDocker.listSecrets()) as Array<{ Spec?: { Name?: string } }>).some((x) => x.Spec?.Name === SEED_NAMES.secret);
  if (!haveSecret) await targetDocker.createSecret({ Name: SEED_NAMES.secret, Data: Buffer.from('other value').toString('base64') });
  const haveConfig = ((await targetDocker.listConfigs()) as Array<{ Spec?: { Name?: string } }>).some((x) => x.Spec?.Name === SEED_NAMES.config);
  if (!haveConfig) await targetDocker.createConfig({ Name: SEED_NAMES.config, Data: Buffer.from('other config').toString('base64') });
  const file = path.join(workDir, 'demo.yml');
  fs.writeFileSync(file, result.yaml);
  await deploy(file, 'demo');

  const originals = [...(await servicesByName(source)).values()].filter((s) => s.Labels?.[STACK_NAMESPACE_LABEL] === 'demo');
  assert.equal(originals.length, 3);
  compareStack(originals, await servicesByName(targetDocker), await networkNames(source), await networkNames(targetDocker), 'demo');
});

void test('the services outside any stack survive the round trip too (keyed by full name)', async () => {
  const result = await exportSwarm(source, { services: [SEED_NAMES.crashloop, SEED_NAMES.pending] });
  assert.deepEqual(result.serviceKeys, { [SEED_NAMES.crashloop]: SEED_NAMES.crashloop, [SEED_NAMES.pending]: SEED_NAMES.pending });
  const file = path.join(workDir, 'solo.yml');
  fs.writeFileSync(file, result.yaml);
  await deploy(file, 'solo');
  const deployed = await servicesByName(targetDocker);
  const originals = [...(await servicesByName(source)).values()].filter((s) => s.Name === SEED_NAMES.crashloop || s.Name === SEED_NAMES.pending);
  // Deployed under a stack, they get its prefix: compare them under their original names.
  const renamed = new Map([...deployed].filter(([n]) => n.startsWith('solo_')).map(([n, s]) => [n.slice(5), { ...s, Name: n.slice(5) }]));
  compareStack(originals, renamed, await networkNames(source), await networkNames(targetDocker), 'solo');
});

void test('a service setting nearly every carried field round-trips, and what compose cannot say is listed', async () => {
  const result = await exportSwarm(source, { stack: richStack });
  assert.ok(result.notExported.some((n) => n.includes('TaskTemplate.ContainerSpec.Groups = ["wheel"]')), result.notExported.join('\n'));
  assert.match(result.yaml, /NOT EXPORTED[\s\S]*ContainerSpec\.Groups/);
  assert.match(result.yaml, /PRICE=\$\$5/, 'dollar signs are escaped from interpolation');
  const file = path.join(workDir, 'rich.yml');
  fs.writeFileSync(file, result.yaml);
  await deploy(file, richStack);
  const originals = [...(await servicesByName(source)).values()].filter((s) => s.Labels?.[STACK_NAMESPACE_LABEL] === richStack);
  assert.equal(originals.length, 1);
  compareStack(originals, await servicesByName(targetDocker), await networkNames(source), await networkNames(targetDocker), richStack);
  // The stack's own network is defined in the file and re-created with its settings.
  const net = ((await targetDocker.listNetworks({ filters: { name: [`${richStack}_net`] } })) as Array<{ Name: string; Attachable: boolean; Labels: Obj }>).find((n) => n.Name === `${richStack}_net`);
  assert.ok(net, 'the stack network was created');
  assert.equal(net.Attachable, true);
  assert.equal(net.Labels.tier, 'back');
});
