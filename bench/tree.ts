/**
 * `npm run bench:tree`: the explorer's cost as the swarm grows. In the sandbox engine (SWARMSCOPE_TEST_DOCKER_HOST)
 * it creates N services (N-20 with 0 replicas plus 20 with 3 replicas), and at N=50 and N=500 prints, side by side
 * in one run:
 *  - the Engine API requests one full refresh makes (all five views' data);
 *  - the time to fetch and build the whole tree model (Swarmscope's code path);
 *  - the time of the same raw list requests over the same socket (bytes + JSON.parse only, the floor);
 *  - the extra heap the built model holds.
 * Medians of several rounds. Nothing is asserted: these are figures to read.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import { DEMO_IMAGE, dockerFor } from '../test/harness/engine';
import { fetchSnapshot } from '../src/views/swarmData';
import { RESOURCE_KINDS } from '../src/model/raw';
import { buildNetworks, buildNodes, buildSecretsOrConfigs, buildServices } from '../src/model/swarmModel';
import { networksTree, nodesTree, secretsOrConfigsTree, servicesTree } from '../src/model/explorerTree';

const PREFIX = 'bench-tree-';
const ROUNDS = 15;
const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST ?? '';
const socketPath = host.replace(/^unix:\/\//, '');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function rawGet(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path, headers: { Host: 'docker' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const RAW_PATHS = [
  '/v1.41/services?status=true',
  '/v1.41/tasks',
  '/v1.41/nodes',
  `/v1.41/networks?filters=${encodeURIComponent(JSON.stringify({ scope: ['swarm'] }))}`,
  '/v1.41/secrets',
  '/v1.41/configs',
];

async function benchServices(docker: Dockerode): Promise<Dockerode.Service[]> {
  const all = await docker.listServices();
  return all.filter((s) => s.Spec?.Name?.startsWith(PREFIX)).map((s) => docker.getService(s.ID));
}

async function ensureServices(docker: Dockerode, n: number): Promise<void> {
  const existing = new Set((await docker.listServices()).map((s) => s.Spec?.Name ?? ''));
  const wanted: { name: string; replicas: number }[] = [];
  for (let i = 0; i < 20; i++) wanted.push({ name: `${PREFIX}busy-${i}`, replicas: 3 });
  for (let i = 0; i < n - 20; i++) wanted.push({ name: `${PREFIX}idle-${i}`, replicas: 0 });
  const missing = wanted.filter((w) => !existing.has(w.name));
  for (let i = 0; i < missing.length; i += 10) {
    await Promise.all(
      missing.slice(i, i + 10).map((w) =>
        docker.createService({
          Name: w.name,
          Labels: { 'com.docker.stack.namespace': `bench${w.replicas}` },
          TaskTemplate: {
            ContainerSpec: { Image: DEMO_IMAGE, Command: ['sleep', '86400'], StopGracePeriod: 1_000_000_000 },
          },
          Mode: { Replicated: { Replicas: w.replicas } },
        } as Dockerode.CreateServiceOptions),
      ),
    );
  }
}

interface Figures {
  n: number;
  requests: number;
  swarmscopeMs: number;
  fetchMs: number;
  modelMs: number;
  rawMs: number;
  heapKb: number;
  rows: number;
}

async function measure(docker: Dockerode, n: number): Promise<Figures> {
  const modem = docker.modem as { dial: (...a: unknown[]) => unknown };
  const dial = modem.dial.bind(modem);
  let requests = 0;
  modem.dial = (...a: unknown[]) => {
    requests++;
    return dial(...a);
  };
  const ours: number[] = [];
  const fetches: number[] = [];
  const models: number[] = [];
  const raw: number[] = [];
  let rows = 0;
  let heapKb = 0;
  let perRefresh = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so neither side always runs on a warmer engine.
      const runOurs = async () => {
        const before = requests;
        const t0 = process.hrtime.bigint();
        const snapshot = await fetchSnapshot(docker, RESOURCE_KINDS, { includeLocalNetworks: false });
        const t1 = process.hrtime.bigint();
        fetches.push(Number(t1 - t0) / 1e6);
        const now = Date.now();
        const trees = [
          servicesTree(buildServices(snapshot, now), { grouped: true }),
          nodesTree(buildNodes(snapshot, now)),
          networksTree(buildNetworks(snapshot, { includeLocal: false })),
          secretsOrConfigsTree(buildSecretsOrConfigs(snapshot.secrets, snapshot.services, 'secret', now)),
          secretsOrConfigsTree(buildSecretsOrConfigs(snapshot.configs, snapshot.services, 'config', now)),
        ];
        const t2 = process.hrtime.bigint();
        models.push(Number(t2 - t1) / 1e6);
        ours.push(Number(t2 - t0) / 1e6);
        perRefresh = requests - before;
        const count = (ns: { children?: unknown[] }[]): number =>
          ns.reduce((k, x) => k + 1 + count((x.children ?? []) as { children?: unknown[] }[]), 0);
        rows = trees.reduce((k, t) => k + count(t), 0);
        return trees;
      };
      const runRaw = async () => {
        const t0 = process.hrtime.bigint();
        await Promise.all(RAW_PATHS.map(rawGet));
        raw.push(Number(process.hrtime.bigint() - t0) / 1e6);
      };
      if (round % 2 === 0) {
        await runOurs();
        await runRaw();
      } else {
        await runRaw();
        await runOurs();
      }
    }
    // Extra heap held by one built model (after GC when exposed).
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const h0 = process.memoryUsage().heapUsed;
    const snapshot = await fetchSnapshot(docker, RESOURCE_KINDS, { includeLocalNetworks: false });
    const held = [snapshot, servicesTree(buildServices(snapshot, Date.now()), { grouped: true })];
    // For profiling the model offline: SWARMSCOPE_BENCH_DUMP=<folder> keeps each N's snapshot as JSON.
    const dump = process.env.SWARMSCOPE_BENCH_DUMP;
    if (dump) fs.writeFileSync(path.join(dump, `tree-snapshot-${n}.json`), JSON.stringify(snapshot));
    gc?.();
    heapKb = Math.round((process.memoryUsage().heapUsed - h0) / 1024);
    void held.length;
  } finally {
    modem.dial = dial;
  }
  return { n, requests: perRefresh, swarmscopeMs: median(ours), fetchMs: median(fetches), modelMs: median(models), rawMs: median(raw), heapKb, rows };
}

async function main(): Promise<void> {
  if (!socketPath) throw new Error('SWARMSCOPE_TEST_DOCKER_HOST (unix://…) is not set; run through `npm run bench:tree`.');
  const docker = dockerFor(host);
  (docker.modem as { version?: string }).version = 'v1.41';
  const results: Figures[] = [];
  try {
    for (const n of [50, 500]) {
      process.stderr.write(`creating services up to N=${n}…\n`);
      await ensureServices(docker, n);
      results.push(await measure(docker, n));
    }
  } finally {
    process.stderr.write('removing the benchmark services…\n');
    const services = await benchServices(docker);
    for (let i = 0; i < services.length; i += 20) await Promise.all(services.slice(i, i + 20).map((s) => s.remove().catch(() => undefined)));
  }
  console.log(`\nExplorer refresh, medians of ${ROUNDS} rounds (sandbox engine, one socket):`);
  console.log('  N    | requests/refresh | rows   | raw lists (ms) | Swarmscope fetch+model (ms) | of which fetch / model | model / raw | total vs raw | model heap (KiB)');
  for (const r of results) {
    const overhead = ((r.swarmscopeMs / r.rawMs - 1) * 100).toFixed(1);
    const modelShare = ((r.modelMs / r.rawMs) * 100).toFixed(1);
    console.log(
      `  ${String(r.n).padEnd(4)} | ${String(r.requests).padEnd(16)} | ${String(r.rows).padEnd(6)} | ${r.rawMs.toFixed(1).padStart(14)} | ${r.swarmscopeMs.toFixed(1).padStart(27)} | ${`${r.fetchMs.toFixed(1)} / ${r.modelMs.toFixed(1)}`.padStart(22)} | ${modelShare.padStart(10)}% | ${overhead.padStart(11)}% | ${String(r.heapKb).padStart(16)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
