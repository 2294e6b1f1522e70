// The backup/restore scenario on a real 3-manager + 2-worker swarm (test/harness/multinode.ts). The harness plays the
// node's service manager: the runbook's stop/start steps stop and start that node's dockerd; every other step's argv
// runs as-is (no shell). Gated behind SWARMSCOPE_MULTINODE=1: it starts 5 engines (~400 MB) and takes ~2 minutes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { readSwarmFacts } from '../../../src/backup/facts';
import { buildManifest, collectInventory, compareInventory, hashFile, parseManifest, writeManifest } from '../../../src/backup/manifest';
import { assessBackup } from '../../../src/backup/preflight';
import { assessRestore, forceNewCluster, readRestoreTarget } from '../../../src/backup/restore';
import { Runbook, backupRunbook, restoreRunbook } from '../../../src/backup/runbook';
import { DEMO_IMAGE } from '../../harness/engine';
import { MultiNodeSwarm, SwarmNode, startMultiNodeSwarm } from '../../harness/multinode';

const execFileAsync = promisify(execFile);
const enabled = process.env.SWARMSCOPE_MULTINODE === '1';
const skip = enabled ? false : 'multi-node backup/restore skipped: set SWARMSCOPE_MULTINODE=1 (5 dockerds, ~400 MB, ~2 min)';

let swarm: MultiNodeSwarm;
let root = '';

const dockerOf = (node: SwarmNode): Docker => new Docker({ socketPath: node.dockerHost.replace(/^unix:\/\//, ''), timeout: 20_000 });
const dataRootOf = (node: SwarmNode): string => path.join(swarm.dir, node.name, 'data');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** Follows a runbook as a person would, with the harness as the node's service manager. */
async function follow(book: Runbook, node: SwarmNode, apiSteps: Record<string, () => Promise<void>> = {}): Promise<Record<string, string>> {
  const outputs: Record<string, string> = {};
  for (const step of book.steps) {
    if (step.id === 'stop-engine') await node.stop();
    else if (step.id === 'start-engine') await node.start();
    else if (step.viaApi) {
      const run = apiSteps[step.id];
      assert.ok(run, `the test knows how to perform ${step.id}`);
      await run();
    } else {
      outputs[step.id] = (await execFileAsync(step.argv[0], step.argv.slice(1))).stdout;
    }
  }
  return outputs;
}

async function reachability(leader: SwarmNode, hostname: string): Promise<string> {
  const facts = await readSwarmFacts(dockerOf(leader));
  return facts.nodes.find((n) => n.hostname === hostname)?.reachability ?? 'gone';
}

before(async () => {
  if (!enabled) return;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-bk-'));
  swarm = await startMultiNodeSwarm({ root });
});

after(async () => {
  if (swarm) await swarm.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

void test('preflight: the leader is not recommended, non-leaders are, workers are refused', { skip }, async () => {
  const leader = await swarm.leader();
  const facts = await readSwarmFacts(dockerOf(leader));
  const onLeader = assessBackup(facts, leader.hostname);
  assert.equal(onLeader.verdict, 'warn');
  assert.ok(onLeader.findings.some((f) => f.code === 'leader' && f.message.includes('forces a leader election')));
  const managers = swarm.nodes.filter((n) => n.role === 'manager' && n !== leader).map((n) => n.hostname).sort();
  assert.deepEqual(onLeader.recommended.map((n) => n.hostname), managers);
  const onOther = assessBackup(facts, managers[0]);
  assert.notEqual(onOther.verdict, 'refuse');
  assert.ok(!onOther.findings.some((f) => f.code === 'leader'));
  assert.deepEqual(onOther.quorum, { managers: 3, reachable: 3, majority: 2, reachableDuringBackup: 2 });
  const onWorker = assessBackup(facts, 'wkr-1');
  assert.equal(onWorker.verdict, 'refuse');
  assert.equal(onWorker.findings[0].code, 'worker');
});

void test('preflight: with one manager down, backing up another is refused with the quorum arithmetic', { skip }, async () => {
  const leader = await swarm.leader();
  const [down, other] = swarm.nodes.filter((n) => n.role === 'manager' && n !== leader);
  await down.stop();
  try {
    await until(`${down.hostname} unreachable`, async () => ((await reachability(leader, down.hostname)) === 'unreachable' ? true : undefined), 60_000);
    const assessment = assessBackup(await readSwarmFacts(dockerOf(leader)), other.hostname);
    assert.equal(assessment.verdict, 'refuse');
    const quorum = assessment.findings.find((f) => f.code === 'quorum');
    assert.ok(quorum, JSON.stringify(assessment.findings));
    assert.match(quorum.message, new RegExp(`Stopping ${other.hostname} would lose quorum: 3 managers need a majority of 2`));
    assert.match(quorum.message, new RegExp(`${down.hostname} is down`));
    assert.deepEqual(assessment.recommended, []);
  } finally {
    await down.start();
  }
  await until(`${down.hostname} reachable again`, async () => ((await reachability(leader, down.hostname)) === 'reachable' ? true : undefined), 60_000);
});

void test('back up a non-leader manager by its runbook, wipe every node, restore with --force-new-cluster, nothing missing', { skip, timeout: 400_000 }, async () => {
  const leader = await swarm.leader();
  const ld = dockerOf(leader);
  const network = await ld.createNetwork({ Name: 'Unimatrix-01', Driver: 'overlay', Attachable: true, CheckDuplicate: true });
  const secret = (await ld.createSecret({ Name: 'missing_drones', Data: Buffer.from('Seven of Nine').toString('base64') })) as { id: string };
  await ld.createService({
    Name: 'borg-cube',
    TaskTemplate: {
      ContainerSpec: {
        Image: DEMO_IMAGE,
        Command: ['sleep', '3600'],
        StopGracePeriod: 1_000_000_000,
        Secrets: [{ SecretID: secret.id, SecretName: 'missing_drones', File: { Name: 'missing_drones', UID: '0', GID: '0', Mode: 0o400 } }],
      },
      Networks: [{ Target: network.id }],
    },
    Mode: { Replicated: { Replicas: 2 } },
    EndpointSpec: { Mode: 'dnsrr' },
  } as unknown as Docker.CreateServiceOptions);

  // 1. Preflight and runbook for the recommended (non-leader) manager.
  const facts = await readSwarmFacts(ld);
  const recommended = assessBackup(facts, leader.hostname).recommended[0];
  assert.ok(recommended && !recommended.leader);
  const node = swarm.nodes.find((n) => n.hostname === recommended.hostname)!;
  assert.notEqual(assessBackup(facts, node.hostname).verdict, 'refuse');
  const archiveDir = path.join(root, 'backups');
  const book = backupRunbook({ node: recommended, dataRoot: dataRootOf(node), archiveDir });
  assert.deepEqual(book.steps.map((s) => s.id), ['stop-engine', 'make-dir', 'archive', 'start-engine', 'checksum']);
  const outputs = await follow(book, node);

  // 2. The node rejoins; the manifest is written next to the archive.
  await until(`${node.hostname} ready and reachable`, async () => {
    const back = (await readSwarmFacts(ld)).nodes.find((n) => n.id === recommended.id);
    return back?.state === 'ready' && back.reachability === 'reachable' ? true : undefined;
  });
  const after = await readSwarmFacts(ld);
  const archive = { file: book.archivePath, ...(await hashFile(book.archivePath)) };
  assert.ok(outputs.checksum.startsWith(archive.sha256), 'the runbook checksum matches the manifest');
  const manifestPath = await writeManifest(
    book.archivePath,
    buildManifest({ facts: after, node: after.nodes.find((n) => n.id === recommended.id)!, dataRoot: dataRootOf(node), archive, inventory: await collectInventory(ld) }),
  );
  const manifest = parseManifest(fs.readFileSync(manifestPath, 'utf8'));
  assert.equal(manifest.node.addr, node.addr);
  assert.equal(manifest.swarm.id, facts.swarmId);
  assert.ok(manifest.inventory.networks.some((n) => n.name === 'Unimatrix-01'));
  assert.ok(manifest.inventory.secrets.some((s) => s.name === 'missing_drones'));
  assert.ok(manifest.inventory.services.some((s) => s.name === 'borg-cube'));
  assert.equal(manifest.inventory.nodes.length, 5);
  assert.doesNotMatch(fs.readFileSync(manifestPath, 'utf8'), /Seven of Nine/);

  // 3. Disaster: every node's swarm state is wiped.
  await Promise.all(swarm.nodes.map((n) => n.stop()));
  for (const n of swarm.nodes) fs.rmSync(path.join(dataRootOf(n), 'swarm'), { recursive: true, force: true });
  await Promise.all(swarm.nodes.map((n) => n.start()));
  const target = dockerOf(node);
  const others = swarm.nodes.filter((n) => n !== node).map((n) => ({ name: n.hostname, docker: dockerOf(n) }));

  // 4. Restore preflight: a version or address mismatch blocks, the real target passes.
  const readTarget = (addresses: string[]) => readRestoreTarget(target, { local: true, dataRoot: dataRootOf(node), addresses, others });
  const good = assessRestore(manifest, await readTarget([node.addr]));
  assert.notEqual(good.verdict, 'refuse', JSON.stringify(good.findings));
  const wrongVersion = assessRestore({ ...manifest, node: { ...manifest.node, engineVersion: '19.03.15' } }, await readTarget([node.addr]));
  assert.equal(wrongVersion.verdict, 'refuse');
  assert.match(wrongVersion.findings.find((f) => f.code === 'version')!.message, /backup was taken on Docker Engine 19\.03\.15, this engine is 20\./);
  const wrongAddress = assessRestore(manifest, await readTarget(['10.77.0.99']));
  assert.equal(wrongAddress.verdict, 'refuse');
  assert.match(wrongAddress.findings.find((f) => f.code === 'address')!.message, new RegExp(`at ${node.addr.replace(/\./g, '\\.')}, and this engine's address is 10\\.77\\.0\\.99`));

  // 5. Restore by its runbook; force-new-cluster through the API.
  const restore = restoreRunbook({ hostname: node.hostname, archivePath: book.archivePath, advertiseAddr: manifest.node.advertiseAddr, dataRoot: dataRootOf(node) });
  await follow(restore, node, {
    'force-new-cluster': async () => {
      await until('the restored engine to answer', async () => (await target.info()) as unknown);
      await forceNewCluster(target, manifest);
    },
  });
  const info = await until('the restored manager', async () => {
    const i = (await target.info()) as { Swarm: { LocalNodeState: string; ControlAvailable: boolean; Cluster?: { ID: string } } };
    return i.Swarm.LocalNodeState === 'active' && i.Swarm.ControlAvailable ? i : undefined;
  });
  assert.equal(info.Swarm.Cluster?.ID, manifest.swarm.id, 'the same swarm came back');

  // 6. Everything in the manifest is there again.
  const comparison = compareInventory(manifest.inventory, await collectInventory(target));
  assert.equal(comparison.missingCount, 0, JSON.stringify(comparison.kinds));
  const secrets = (await target.listSecrets({ filters: { name: ['missing_drones'] } })) as Array<{ Spec: { Name: string; Data?: string } }>;
  assert.equal(secrets.length, 1);
  assert.equal(secrets[0].Spec.Data, undefined, 'secret data stays unreadable');
  const nets = (await target.listNetworks({ filters: { name: ['Unimatrix-01'] } })) as Array<{ Name: string }>;
  assert.ok(nets.some((n) => n.Name === 'Unimatrix-01'));
  const services = (await target.listServices()) as Array<{ Spec: { Name: string } }>;
  assert.ok(services.some((s) => s.Spec.Name === 'borg-cube'));
});
