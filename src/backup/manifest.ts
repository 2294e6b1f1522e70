/**
 * The backup manifest written next to the archive: which swarm, which node, which engine, the archive's size and
 * SHA-256, the autolock state and an inventory of the swarm's objects. The restore reads it back, checks the target
 * against it and compares the restored swarm with its inventory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import type { SwarmFacts, SwarmNodeFacts } from './facts';
import { nodeFacts, RawNode } from './facts';

export const MANIFEST_KIND = 'swarmscope.swarm-backup';
export const MANIFEST_VERSION = 1;

export interface InventoryEntry {
  id: string;
  name: string;
}

export const INVENTORY_KINDS = ['services', 'networks', 'secrets', 'configs', 'nodes'] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];
export type Inventory = Record<InventoryKind, InventoryEntry[]>;

export interface BackupManifest {
  kind: typeof MANIFEST_KIND;
  version: typeof MANIFEST_VERSION;
  createdAt: string;
  swarm: { id: string; autolock: boolean; managers: number; nodes: number };
  node: {
    id: string;
    hostname: string;
    /** The node's address (Status.Addr): a restore must happen on a node with this address. */
    addr: string;
    /** The raft address the manager advertised (`ip:port`). */
    advertiseAddr: string;
    engineVersion: string;
    dataRoot: string;
  };
  archive: { file: string; size: number; sha256: string };
  inventory: Inventory;
}

export class ManifestError extends Error {}

const byName = (a: InventoryEntry, b: InventoryEntry): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** Lists the swarm's objects by name and ID (no secret or config data is read). */
export async function collectInventory(docker: Dockerode): Promise<Inventory> {
  const [services, networks, secrets, configs, nodes] = await Promise.all([
    docker.listServices() as Promise<Array<{ ID?: string; Spec?: { Name?: string } }>>,
    docker.listNetworks({ filters: { scope: ['swarm'] } }) as Promise<Array<{ Id: string; Name: string; Scope?: string }>>,
    docker.listSecrets() as Promise<Array<{ ID: string; Spec?: { Name?: string } }>>,
    docker.listConfigs() as Promise<Array<{ ID: string; Spec?: { Name?: string } }>>,
    docker.listNodes() as Promise<RawNode[]>,
  ]);
  const entries = (list: Array<{ id: string; name: string }>): InventoryEntry[] => list.map((e) => ({ id: e.id, name: e.name })).sort(byName);
  return {
    services: entries(services.map((s) => ({ id: s.ID ?? '', name: s.Spec?.Name ?? s.ID ?? '' }))),
    networks: entries(networks.filter((n) => (n.Scope ?? 'swarm') === 'swarm').map((n) => ({ id: n.Id, name: n.Name }))),
    secrets: entries(secrets.map((s) => ({ id: s.ID, name: s.Spec?.Name ?? s.ID }))),
    configs: entries(configs.map((c) => ({ id: c.ID, name: c.Spec?.Name ?? c.ID }))),
    nodes: entries(nodes.map(nodeFacts).map((n) => ({ id: n.id, name: n.hostname }))),
  };
}

/** Size and SHA-256 of a file, streamed. */
export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .on('data', (chunk: Buffer | string) => {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += buf.length;
        hash.update(buf);
      })
      .on('end', () => resolve())
      .on('error', reject);
  });
  return { size, sha256: hash.digest('hex') };
}

export interface ManifestInput {
  facts: SwarmFacts;
  node: SwarmNodeFacts;
  dataRoot: string;
  archive: { file: string; size: number; sha256: string };
  inventory: Inventory;
  now?: Date;
}

export function buildManifest(input: ManifestInput): BackupManifest {
  const { facts, node } = input;
  return {
    kind: MANIFEST_KIND,
    version: MANIFEST_VERSION,
    createdAt: (input.now ?? new Date()).toISOString(),
    swarm: {
      id: facts.swarmId,
      autolock: facts.autolock,
      managers: facts.nodes.filter((n) => n.role === 'manager').length,
      nodes: facts.nodes.length,
    },
    node: {
      id: node.id,
      hostname: node.hostname,
      addr: node.addr,
      advertiseAddr: node.managerAddr ?? node.addr,
      engineVersion: node.engineVersion,
      dataRoot: input.dataRoot,
    },
    archive: { ...input.archive, file: path.basename(input.archive.file) },
    inventory: input.inventory,
  };
}

/** `…/swarm-mgr-2-20250102T030405Z.tar.gz` → `…/swarm-mgr-2-20250102T030405Z.manifest.json` */
export function manifestPathFor(archivePath: string): string {
  const dir = path.dirname(archivePath);
  const base = path.basename(archivePath).replace(/(\.tar\.gz|\.tgz|\.tar)$/, '');
  return path.join(dir, `${base}.manifest.json`);
}

export function serializeManifest(m: BackupManifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

export async function writeManifest(archivePath: string, m: BackupManifest): Promise<string> {
  const file = manifestPathFor(archivePath);
  await fsp.writeFile(file, serializeManifest(m), { mode: 0o600 });
  return file;
}

function need(cond: boolean, what: string): void {
  if (!cond) throw new ManifestError(`Not a Swarmscope backup manifest: ${what}.`);
}

function isEntryList(v: unknown): v is InventoryEntry[] {
  return Array.isArray(v) && v.every((e) => e && typeof e === 'object' && typeof (e as InventoryEntry).name === 'string' && typeof (e as InventoryEntry).id === 'string');
}

/** Parses and checks a manifest; every problem is a ManifestError with a short message. */
export function parseManifest(text: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`The manifest is not valid JSON: ${err instanceof Error ? err.message : String(err)}.`);
  }
  need(!!raw && typeof raw === 'object', 'expected a JSON object');
  const m = raw as Partial<BackupManifest>;
  need(m.kind === MANIFEST_KIND, `"kind" must be "${MANIFEST_KIND}"`);
  need(m.version === MANIFEST_VERSION, `unsupported version ${JSON.stringify(m.version)} (this Swarmscope reads version ${MANIFEST_VERSION})`);
  need(!!m.swarm && typeof m.swarm.id === 'string' && typeof m.swarm.autolock === 'boolean', '"swarm" needs "id" and "autolock"');
  const n = m.node;
  need(
    !!n && ['id', 'hostname', 'addr', 'advertiseAddr', 'engineVersion', 'dataRoot'].every((k) => typeof (n as Record<string, unknown>)[k] === 'string'),
    '"node" needs id, hostname, addr, advertiseAddr, engineVersion and dataRoot',
  );
  const a = m.archive;
  need(!!a && typeof a.file === 'string' && typeof a.size === 'number' && /^[0-9a-f]{64}$/.test(a.sha256 ?? ''), '"archive" needs file, size and a SHA-256');
  need(!!m.inventory && INVENTORY_KINDS.every((k) => isEntryList((m.inventory as Record<string, unknown>)[k])), '"inventory" needs services, networks, secrets, configs and nodes');
  return m as BackupManifest;
}

export interface KindComparison {
  kind: InventoryKind;
  present: string[];
  missing: string[];
  /** In the swarm now, not in the backup. */
  added: string[];
}

export interface InventoryComparison {
  kinds: KindComparison[];
  missingCount: number;
}

/** Compares by name (IDs survive a restore, but a re-created object keeps only its name). */
export function compareInventory(expected: Inventory, actual: Inventory): InventoryComparison {
  const kinds = INVENTORY_KINDS.map((kind): KindComparison => {
    const want = new Set(expected[kind].map((e) => e.name));
    const have = new Set(actual[kind].map((e) => e.name));
    return {
      kind,
      present: [...want].filter((n) => have.has(n)).sort(),
      missing: [...want].filter((n) => !have.has(n)).sort(),
      added: [...have].filter((n) => !want.has(n)).sort(),
    };
  });
  return { kinds, missingCount: kinds.reduce((sum, k) => sum + k.missing.length, 0) };
}

export function renderComparison(c: InventoryComparison): string {
  const lines = [c.missingCount === 0 ? 'Everything in the backup is present.' : `${c.missingCount} object(s) from the backup are missing.`];
  for (const k of c.kinds) {
    lines.push(`${k.kind}: ${k.present.length} present${k.missing.length ? `, missing: ${k.missing.join(', ')}` : ''}${k.added.length ? `, new since the backup: ${k.added.join(', ')}` : ''}`);
  }
  return lines.join('\n') + '\n';
}
