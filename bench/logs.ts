/**
 * `npm run bench:logs`: a service with 2 tasks × N lines (default 100,000; `--lines N`) in the sandbox engine
 * (SWARMSCOPE_TEST_DOCKER_HOST), then, in one run, side by side:
 *  - raw per-task transfer: GET /tasks/{id}/logs for each task, bytes only (the floor);
 *  - Swarmscope: the headless `swarmscope logs <svc>` path (per task, merged, formatted), all lines;
 *  - the service-level endpoint GET /services/{id}/logs, with a time limit (it can stall);
 *  - `docker service logs <svc>` through the installed CLI, with a time limit.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { DEMO_IMAGE, dockerFor } from '../test/harness/engine';
import { runLogs } from '../src/cli/logs';

const DOCKER_CLI = '/usr/local/bin/docker';

interface Row {
  reader: string;
  seconds: number;
  lines: number;
  bytes: number;
  note: string;
}

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function dial(docker: Docker, path: string, query: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path, method: 'GET', isStream: true, abortSignal: signal, statusCodes: { 200: true, 404: 'not found', 500: 'server error' }, options: query },
      (err: unknown, res: unknown) => (err ? reject(err) : resolve(res as IncomingMessage)),
    );
  });
}

/** Reads a multiplexed body counting bytes and frames; resolves on end or at the time limit. */
function drain(res: IncomingMessage, abort: AbortController, limitMs: number): Promise<{ bytes: number; frames: number; finished: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let frames = 0;
    let need = 8;
    let inHeader = true;
    const header = Buffer.alloc(8);
    let fill = 0;
    const timer = setTimeout(() => {
      abort.abort();
      resolve({ bytes, frames, finished: false });
    }, limitMs);
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      let off = 0;
      while (off < chunk.length) {
        const take = Math.min(need, chunk.length - off);
        if (inHeader) chunk.copy(header, fill, off, off + take);
        fill += take;
        need -= take;
        off += take;
        if (need === 0) {
          if (inHeader) {
            need = header.readUInt32BE(4);
            inHeader = need === 0;
            if (inHeader) {
              frames++;
              need = 8;
            }
          } else {
            frames++;
            inHeader = true;
            need = 8;
          }
          fill = 0;
        }
      }
    });
    res.on('end', () => {
      clearTimeout(timer);
      resolve({ bytes, frames, finished: true });
    });
    res.on('error', () => undefined);
  });
}

async function main(): Promise<void> {
  const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
  if (!host) throw new Error('SWARMSCOPE_TEST_DOCKER_HOST is not set (run through `npm run bench`)');
  const perTask = argValue('--lines', 100_000);
  /** Time limit for the readers that can stall (service endpoint, docker CLI); `--limit S`. */
  const limitS = argValue('--limit', 30);
  const docker = dockerFor(host);
  const name = `bench-logs-${randomBytes(3).toString('hex')}`;
  const script = `i=1; while [ $i -le ${perTask} ]; do echo "line $i of the benchmark, some padding to look like a real log line"; i=$((i+1)); done; sleep 100000`;
  const created = (await docker.createService({
    Name: name,
    TaskTemplate: {
      ContainerSpec: { Image: DEMO_IMAGE, Command: ['sh', '-c', script], StopGracePeriod: 1_000_000_000 },
      RestartPolicy: { Condition: 'none' },
    },
    Mode: { Replicated: { Replicas: 2 } },
  } as Docker.CreateServiceOptions)) as { id?: string; ID?: string };
  const serviceId = (created.id ?? created.ID) as string;
  const rows: Row[] = [];
  try {
    process.stderr.write(`waiting for ${name} to write 2 × ${perTask} lines…\n`);
    let taskIds: string[] = [];
    const deadline = Date.now() + 300_000;
    for (;;) {
      const tasks = (await docker.listTasks({ filters: { service: [serviceId] } })) as { ID: string; Status: { State: string } }[];
      taskIds = tasks.filter((t) => t.Status.State === 'running').map((t) => t.ID);
      if (taskIds.length === 2) {
        // Cheap completeness probe: the last line of each task must be the last one written.
        const lastLines = await Promise.all(
          taskIds.map(async (id) => {
            const abort = new AbortController();
            const res = await dial(docker, `/tasks/${id}/logs?`, { stdout: '1', tail: '1' }, abort.signal);
            const chunks: Buffer[] = [];
            for await (const c of res) chunks.push(c as Buffer);
            return Buffer.concat(chunks).toString('utf8');
          }),
        );
        if (lastLines.every((l) => l.includes(`line ${perTask} of`))) break;
      }
      if (Date.now() > deadline) throw new Error('the benchmark service did not finish writing in time');
      await new Promise((r) => setTimeout(r, 1000));
    }

    // 1. Raw per-task transfer, one task after the other (the same bytes Swarmscope reads).
    {
      const t0 = process.hrtime.bigint();
      let bytes = 0;
      let frames = 0;
      for (const id of taskIds) {
        const abort = new AbortController();
        const res = await dial(docker, `/tasks/${id}/logs?`, { stdout: '1', stderr: '1', timestamps: '1', details: '1' }, abort.signal);
        // The floor we compare against: no time limit worth hitting (this endpoint ends).
        const r = await drain(res, abort, Math.max(300, 10 * limitS) * 1000);
        bytes += r.bytes;
        frames += r.frames;
      }
      rows.push({ reader: 'raw GET /tasks/{id}/logs (sequential)', seconds: Number(process.hrtime.bigint() - t0) / 1e9, lines: frames, bytes, note: 'transfer only' });
    }

    // 2. Swarmscope's headless command (per task, concurrent, merged chronologically, formatted).
    {
      let bytes = 0;
      let lines = 0;
      const sink = {
        write: (s: string) => {
          bytes += Buffer.byteLength(s);
          for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
          return true;
        },
        once: () => undefined,
      };
      const t0 = process.hrtime.bigint();
      const code = await runLogs([name], { stdout: sink, stderr: sink, onInterrupt: () => () => undefined }, docker);
      rows.push({ reader: 'swarmscope logs <svc>', seconds: Number(process.hrtime.bigint() - t0) / 1e9, lines, bytes, note: `exit ${code}` });
    }

    // 3. The service-level endpoint, with a time limit.
    {
      const abort = new AbortController();
      const t0 = process.hrtime.bigint();
      const res = await dial(docker, `/services/${serviceId}/logs?`, { stdout: '1', stderr: '1', details: '1' }, abort.signal);
      const r = await drain(res, abort, limitS * 1000);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      rows.push({ reader: 'GET /services/{id}/logs', seconds, lines: r.frames, bytes: r.bytes, note: r.finished ? 'finished' : `did not finish in ${limitS} s` });
    }

    // 4. The docker CLI, with a time limit.
    await new Promise<void>((resolve) => {
      const t0 = process.hrtime.bigint();
      let bytes = 0;
      let lines = 0;
      const child = execFile(DOCKER_CLI, ['-H', host, 'service', 'logs', name], { timeout: limitS * 1000, maxBuffer: 1024 * 1024 * 1024 });
      const count = (c: Buffer | string) => {
        const s = c.toString();
        bytes += Buffer.byteLength(s);
        for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
      };
      child.stdout?.on('data', count);
      child.stderr?.on('data', count);
      child.on('close', (code, signal) => {
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        rows.push({ reader: 'docker service logs <svc>', seconds, lines, bytes, note: signal ? `did not finish in ${limitS} s` : `exit ${code}` });
        resolve();
      });
    });
  } finally {
    await docker.getService(serviceId).remove().catch(() => undefined);
  }

  const expected = 2 * perTask;
  const raw = rows[0].seconds;
  const header = ['reader', 'time (s)', 'vs raw', 'lines', `of ${expected}`, 'MB', 'note'];
  const body = rows.map((r) => [
    r.reader,
    r.seconds.toFixed(2),
    `${(r.seconds / raw).toFixed(2)}x`,
    String(r.lines),
    `${((100 * r.lines) / expected).toFixed(1)}%`,
    (r.bytes / 1e6).toFixed(1),
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`service ${name}: 2 tasks × ${perTask} lines`);
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(fmt(b));
  const ours = rows[1];
  const goal = ours.lines === expected && ours.seconds <= 1.5 * raw;
  console.log(`goal (all ${expected} lines, ≤ 1.5x raw transfer): ${goal ? 'met' : 'NOT met'}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
