import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { BackupManifest, ManifestError, buildManifest, compareInventory, hashFile, manifestPathFor, parseManifest, renderComparison, serializeManifest } from '../../../src/backup/manifest';
import { assessRestore, hostOf, RestoreTarget } from '../../../src/backup/restore';

const inventory = {
  services: [{ id: 's1', name: 'borg-cube' }],
  networks: [{ id: 'n1', name: 'Unimatrix-01' }, { id: 'n2', name: 'ingress' }],
  secrets: [{ id: 'x1', name: 'missing_drones' }],
  configs: [],
  nodes: [{ id: 'a', name: 'mgr-1' }, { id: 'b', name: 'mgr-2' }],
};
const node = { id: 'b', hostname: 'mgr-2', role: 'manager' as const, state: 'ready', availability: 'active', addr: '10.77.0.12', managerAddr: '10.77.0.12:2377', leader: false, reachability: 'reachable', engineVersion: '20.10.24' };
const manifest: BackupManifest = buildManifest({
  facts: { swarmId: 'swarm1', autolock: false, nodes: [node], connectedNodeId: 'b', connectedDataRoot: '/var/lib/docker', connectedEngineVersion: '20.10.24' },
  node,
  dataRoot: '/var/lib/docker',
  archive: { file: '/b/swarm-mgr-2-x.tar.gz', size: 3, sha256: 'a'.repeat(64) },
  inventory,
  now: new Date(0),
});

void test('the manifest records the node, archive and inventory, and parses back', () => {
  assert.equal(manifest.archive.file, 'swarm-mgr-2-x.tar.gz');
  assert.equal(manifest.node.advertiseAddr, '10.77.0.12:2377');
  assert.deepEqual(parseManifest(serializeManifest(manifest)), manifest);
  assert.equal(manifestPathFor('/b/swarm-mgr-2-x.tar.gz'), '/b/swarm-mgr-2-x.manifest.json');
});

void test('a broken manifest gets a short, specific message', () => {
  assert.throws(() => parseManifest('{'), (e: unknown) => e instanceof ManifestError && /not valid JSON/.test(e.message));
  assert.throws(() => parseManifest('{"kind":"x"}'), /"kind" must be/);
  assert.throws(() => parseManifest(JSON.stringify({ ...manifest, archive: { ...manifest.archive, sha256: 'nope' } })), /SHA-256/);
  assert.throws(() => parseManifest(JSON.stringify({ ...manifest, inventory: { services: [] } })), /inventory/);
});

void test('hashFile streams size and SHA-256', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-hash-')), 'a');
  fs.writeFileSync(file, 'Seven of Nine');
  assert.deepEqual(await hashFile(file), { size: 13, sha256: createHash('sha256').update('Seven of Nine').digest('hex') });
});

void test('the inventory comparison names what is missing and what is new', () => {
  const same = compareInventory(inventory, inventory);
  assert.equal(same.missingCount, 0);
  assert.match(renderComparison(same), /^Everything in the backup is present\./);
  const c = compareInventory(inventory, { ...inventory, secrets: [], services: [...inventory.services, { id: 'z', name: 'new' }] });
  assert.equal(c.missingCount, 1);
  assert.deepEqual(c.kinds.find((k) => k.kind === 'secrets')?.missing, ['missing_drones']);
  assert.deepEqual(c.kinds.find((k) => k.kind === 'services')?.added, ['new']);
});

const target: RestoreTarget = { engineVersion: '20.10.24', swarmState: 'inactive', addresses: ['10.77.0.12'], dataRoot: '/var/lib/docker', swarmDirEntries: [], others: [{ name: 'mgr-1', state: 'unreachable' }] };

void test('restore preflight: a matching target passes', () => {
  assert.equal(hostOf('10.1.2.3:2377'), '10.1.2.3');
  assert.equal(hostOf('[fe80::1]:2377'), 'fe80::1');
  assert.deepEqual(assessRestore(manifest, target), { verdict: 'ok', findings: [] });
});

void test('restore preflight: version, address, swarm state, directory and old nodes block with clear messages', () => {
  const v = assessRestore(manifest, { ...target, engineVersion: '24.0.7' });
  assert.equal(v.verdict, 'refuse');
  assert.match(v.findings[0].message, /^Engine version mismatch: the backup was taken on Docker Engine 20\.10\.24, this engine is 24\.0\.7\./);
  const a = assessRestore(manifest, { ...target, addresses: ['10.0.0.9'] });
  assert.match(a.findings[0].message, /^Address mismatch: the backup was taken on mgr-2 at 10\.77\.0\.12, and this engine's address is 10\.0\.0\.9\./);
  assert.equal(assessRestore(manifest, { ...target, swarmState: 'active' }).findings[0].code, 'in-swarm');
  assert.equal(assessRestore(manifest, { ...target, swarmDirEntries: ['raft', 'state.json'] }).findings[0].code, 'swarm-dir');
  assert.equal(assessRestore(manifest, { ...target, others: [{ name: 'mgr-1', state: 'active', clusterId: 'swarm1' }] }).findings[0].code, 'other-node');
  const unknown = assessRestore(manifest, { ...target, addresses: [], swarmDirEntries: undefined, others: [] });
  assert.equal(unknown.verdict, 'warn');
  assert.deepEqual(unknown.findings.map((f) => f.code), ['address-unknown', 'swarm-dir-unknown', 'others-unchecked']);
});
