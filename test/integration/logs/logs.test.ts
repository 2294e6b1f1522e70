/**
 * Service/task logs against the real engine (SWARMSCOPE_TEST_DOCKER_HOST): line counts, parity with the
 * installed docker CLI, chronological merge, task discovery while following, TTY, the `none` driver, the
 * headless command, and a followed stream that survives a dockerd restart.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { DEMO_IMAGE, dockerFor, startEngine } from '../../harness/engine';
import { LogLine, LogSession, LogSessionOptions, LogTarget } from '../../../src/logs/session';
import { runLogs } from '../../../src/cli/logs';

const DOCKER_CLI = '/usr/local/bin/docker';
const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
let docker: Docker;
const created: { docker: Docker; id: string }[] = [];

function uniqueName(purpose: string): string {
  return `logs-${purpose}-${randomBytes(3).toString('hex')}`;
}

interface ServiceSpec {
  name: string;
  script: string;
  replicas?: number;
  global?: boolean;
  tty?: boolean;
  logDriver?: { Name: string; Options?: Record<string, string> };
  labels?: Record<string, string>;
  env?: string[];
  /** Default 'none' so finished test tasks are not restarted. */
  restart?: 'none' | 'any';
}

async function createService(spec: ServiceSpec, on: Docker = docker): Promise<string> {
  const res = (await on.createService({
    Name: spec.name,
    TaskTemplate: {
      ContainerSpec: {
        Image: DEMO_IMAGE,
        Command: ['sh', '-c', spec.script],
        TTY: spec.tty ?? false,
        StopGracePeriod: 1_000_000_000,
        Labels: spec.labels,
        Env: spec.env,
      },
      LogDriver: spec.logDriver,
      RestartPolicy: { Condition: spec.restart ?? 'none', Delay: 100_000_000 },
    },
    Mode: spec.global ? { Global: {} } : { Replicated: { Replicas: spec.replicas ?? 1 } },
  } as Docker.CreateServiceOptions)) as { id?: string; ID?: string };
  const id = (res.id ?? res.ID) as string;
  created.push({ docker: on, id });
  return id;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function collect(target: LogTarget, options: Partial<LogSessionOptions>, on: Docker = docker): Promise<{ ok: boolean; error?: string; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const session = new LogSession(on, [target], options, { lines: (b) => lines.push(...b) });
  const result = await session.start();
  return { ok: result.ok, error: result.error, lines };
}

/** Non-follow reads until the service shows `count` log lines (its tasks may still be writing). */
async function waitForLines(name: string, count: number): Promise<LogLine[]> {
  return waitFor(`${count} lines from ${name}`, async () => {
    const r = await collect({ kind: 'service', ref: name }, {});
    const logs = r.lines.filter((l) => l.kind === 'log');
    return logs.length >= count ? logs : undefined;
  });
}

function cli(args: string[], timeoutMs = 30_000): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(DOCKER_CLI, ['-H', host as string, ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

void before(() => {
  assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST must point at the sandbox engine');
  docker = dockerFor(host);
});

void after(async () => {
  for (const { docker: on, id } of created.reverse()) {
    try {
      await on.getService(id).remove();
    } catch {
      // Already gone (or its engine was stopped).
    }
  }
});

const KNOWN = 'i=1; while [ $i -le 50 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done; sleep 100000';

void test('non-follow: exact line count, stdout and stderr kept apart', async () => {
  const name = uniqueName('known');
  await createService({ name, script: KNOWN, replicas: 2 });
  const lines = await waitForLines(name, 200);
  await new Promise((r) => setTimeout(r, 500));
  const again = (await collect({ kind: 'service', ref: name }, {})).lines.filter((l) => l.kind === 'log');
  assert.equal(again.length, 200);
  assert.equal(lines.length, 200);
  assert.equal(again.filter((l) => l.stream === 'stdout' && /\| out \d+$/.test(l.text)).length, 100);
  assert.equal(again.filter((l) => l.stream === 'stderr' && /\| err \d+$/.test(l.text)).length, 100);
  assert.equal(new Set(again.map((l) => l.taskId)).size, 2);
});

void test('follow with --tail: exactly tail lines per task, then only new lines', async () => {
  const name = uniqueName('tail');
  await createService({ name, script: KNOWN, replicas: 2 });
  await waitForLines(name, 200);
  const lines: LogLine[] = [];
  const session = new LogSession(docker, [{ kind: 'service', ref: name }], { follow: true, tail: 3 }, { lines: (b) => lines.push(...b) });
  const done = session.start();
  await waitFor('6 lines', async () => (lines.length >= 6 ? true : undefined), 20_000);
  await new Promise((r) => setTimeout(r, 1500));
  session.stop();
  await done;
  assert.equal(lines.length, 6);
  const cliOut = await cli(['service', 'logs', '--tail', '3', name]);
  assert.equal(splitLines(cliOut.stdout).length + splitLines(cliOut.stderr).length, 6);
});

void test('every line equals the docker CLI output for the same options', async () => {
  const name = uniqueName('parity');
  await createService({
    name,
    script: 'i=1; while [ $i -le 8 ]; do echo "out $i  two  spaces"; echo "err $i" >&2; i=$((i+1)); done; sleep 100000',
    replicas: 10,
    logDriver: { Name: 'json-file', Options: { labels: 'team', env: 'FOO' } },
    labels: { team: 'a b,c=d' },
    env: ['FOO=x%y'],
  });
  await waitForLines(name, 160);
  const combos: { args: string[]; opts: Partial<LogSessionOptions> }[] = [
    { args: [], opts: {} },
    { args: ['-t'], opts: { timestamps: true } },
    { args: ['--details'], opts: { details: true } },
    { args: ['--details', '-t'], opts: { details: true, timestamps: true } },
    { args: ['--no-task-ids'], opts: { noTaskIds: true } },
    { args: ['--no-trunc'], opts: { noTrunc: true } },
    { args: ['--no-resolve'], opts: { noResolve: true } },
    { args: ['--raw'], opts: { raw: true } },
    { args: ['--raw', '--details', '-t'], opts: { raw: true, details: true, timestamps: true } },
  ];
  for (const { args, opts } of combos) {
    const ref = await cli(['service', 'logs', '--tail', '4', ...args, name]);
    assert.equal(ref.code, 0, `docker ${args.join(' ')}: ${ref.stderr}`);
    const ours = (await collect({ kind: 'service', ref: name }, { ...opts, tail: 4 })).lines;
    const out = ours.filter((l) => l.stream === 'stdout').map((l) => l.text).sort();
    const err = ours.filter((l) => l.stream === 'stderr').map((l) => l.text).sort();
    assert.deepEqual(out, splitLines(ref.stdout).sort(), `stdout with ${args.join(' ') || 'no options'}`);
    assert.deepEqual(err, splitLines(ref.stderr).sort(), `stderr with ${args.join(' ') || 'no options'}`);
    assert.equal(out.length + err.length, 40);
  }
  // A task target: its own slot sets the padding.
  const tasks = (await docker.listTasks({ filters: { service: [name] } })) as { ID: string; Slot: number }[];
  const task = tasks.find((t) => t.Slot === 3) ?? tasks[0];
  const ref = await cli(['service', 'logs', '--tail', '2', task.ID]);
  const ours = (await collect({ kind: 'auto', ref: task.ID }, { tail: 2 })).lines;
  assert.deepEqual(ours.filter((l) => l.stream === 'stdout').map((l) => l.text).sort(), splitLines(ref.stdout).sort());
  assert.ok(ours.length > 0);
});

void test('global service: slot 0 and node name like the CLI', async () => {
  const name = uniqueName('global');
  await createService({ name, script: 'echo "hello from global"; sleep 100000', global: true });
  await waitForLines(name, 1);
  // The CLI reads the service-level stream, which can lag behind the task's own log: wait until it has the line.
  const ref = await waitFor('the docker CLI to show the line', async () => {
    const r = await cli(['service', 'logs', name]);
    return splitLines(r.stdout).length > 0 ? r : undefined;
  }, 20_000);
  const ours = (await collect({ kind: 'service', ref: name }, {})).lines;
  assert.deepEqual(ours.map((l) => l.text), splitLines(ref.stdout));
  assert.match(ours[0].text, new RegExp(`^${name}\\.0\\.[a-z0-9]{12}@\\S+ {4}\\| hello from global$`));
});

void test('chronological order across tasks (non-follow and follow)', async () => {
  const name = uniqueName('order');
  await createService({ name, script: 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo "n $i"; sleep 0.05; done; sleep 100000', replicas: 3 });
  const lines = await waitForLines(name, 60);
  const ts = lines.map((l) => l.timestamp as string);
  assert.deepEqual(ts, [...ts].sort(), 'non-follow output is in timestamp order');
  assert.equal(new Set(lines.map((l) => l.taskId)).size, 3);

  const followed: LogLine[] = [];
  const session = new LogSession(docker, [{ kind: 'service', ref: name }], { follow: true, timestamps: true }, { lines: (b) => followed.push(...b) });
  const done = session.start();
  await waitFor('60 followed lines', async () => (followed.length >= 60 ? true : undefined), 20_000);
  session.stop();
  await done;
  const fts = followed.map((l) => l.timestamp as string);
  assert.deepEqual(fts, [...fts].sort(), 'follow output is in timestamp order');
});

void test('a scaled-up task joins a followed stream', async () => {
  const name = uniqueName('scale');
  const id = await createService({ name, script: 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.2; done', replicas: 1 });
  await waitForLines(name, 1);
  const lines: LogLine[] = [];
  const session = new LogSession(docker, [{ kind: 'service', ref: name }], { follow: true, tail: 1, pollMs: 1000 }, { lines: (b) => lines.push(...b) });
  const done = session.start();
  await waitFor('slot 1 lines', async () => (lines.some((l) => l.text.startsWith(`${name}.1.`)) ? true : undefined), 20_000);
  const service = docker.getService(id);
  const spec = (await service.inspect()) as { Version: { Index: number }; Spec: Docker.ServiceSpec };
  await service.update({ ...spec.Spec, version: spec.Version.Index, Mode: { Replicated: { Replicas: 2 } } } as unknown as Docker.ServiceSpec);
  await waitFor('slot 2 lines', async () => (lines.some((l) => l.text.startsWith(`${name}.2.`) && / \| tick 0$/.test(l.text)) ? true : undefined), 30_000);
  session.stop();
  await done;
  const slot2 = lines.filter((l) => l.text.startsWith(`${name}.2.`)).map((l) => l.text.replace(/^.*\| /, ''));
  assert.deepEqual(slot2, slot2.map((_, i) => `tick ${i}`), 'the new task is read from its first line, without gaps');
});

void test('TTY service: refused without raw (CLI text), raw lines equal the CLI', async () => {
  const name = uniqueName('tty');
  await createService({ name, script: 'echo out; echo err >&2; echo "third line"; sleep 100000', tty: true });
  await waitFor('tty lines', async () => {
    const r = await collect({ kind: 'service', ref: name }, { raw: true });
    return r.lines.length >= 3 ? true : undefined;
  });
  const refused = await collect({ kind: 'service', ref: name }, {});
  assert.equal(refused.ok, false);
  assert.equal(refused.error, 'tty service logs only supported with --raw');
  const cliRefused = await cli(['service', 'logs', name]);
  assert.match(cliRefused.stderr, /tty service logs only supported with --raw/);
  const ours = await collect({ kind: 'service', ref: name }, { raw: true, tail: 10 });
  const ref = await cli(['service', 'logs', '--raw', '--tail', '10', name]);
  assert.deepEqual(ours.lines.map((l) => l.text), splitLines(ref.stdout.replace(/\r\n/g, '\n')));
  assert.deepEqual(ours.lines.map((l) => l.text), ['out', 'err', 'third line']);
});

void test('a none-driver service gives one clear line naming the driver', async () => {
  const name = uniqueName('none');
  const id = await createService({ name, script: 'echo hidden; sleep 100000', replicas: 2, logDriver: { Name: 'none' } });
  await waitFor('running tasks', async () => {
    const tasks = (await docker.listTasks({ filters: { service: [id], 'desired-state': ['running'] } })) as { Status: { State: string } }[];
    return tasks.length === 2 && tasks.every((t) => t.Status.State === 'running') ? true : undefined;
  });
  const r = await collect({ kind: 'service', ref: name }, {});
  assert.equal(r.ok, true);
  assert.equal(r.lines.length, 1);
  assert.equal(r.lines[0].kind, 'notice');
  assert.match(r.lines[0].text, /"none" log driver/);
  assert.match(r.lines[0].text, new RegExp(name));
});

void test('headless command: stdout/stderr split, exit codes', async () => {
  const name = uniqueName('cli');
  await createService({ name, script: KNOWN, replicas: 1 });
  await waitForLines(name, 100);
  const io = () => {
    const buf = { out: '', err: '' };
    return {
      buf,
      io: {
        stdout: { write: (s: string) => ((buf.out += s), true), once: () => undefined },
        stderr: { write: (s: string) => ((buf.err += s), true), once: () => undefined },
        onInterrupt: () => () => undefined,
      },
    };
  };
  const a = io();
  assert.equal(await runLogs([name, '--no-task-ids'], a.io, docker), 0);
  assert.equal(splitLines(a.buf.out).length, 50);
  assert.equal(splitLines(a.buf.err).length, 50);
  assert.ok(splitLines(a.buf.out).every((l) => /^logs-cli-[0-9a-f]{6}\.1@\S+ {4}\| out \d+$/.test(l)));
  const ref = await cli(['service', 'logs', '--no-task-ids', name]);
  assert.deepEqual(splitLines(a.buf.out).sort(), splitLines(ref.stdout).sort());
  const b = io();
  assert.equal(await runLogs(['no-such-thing-xyz'], b.io, docker), 1);
  assert.equal(b.buf.err, 'no such task or service: no-such-thing-xyz\n');
  const c = io();
  assert.equal(await runLogs([name, '--tail', '-1'], c.io, docker), 2);
  const d = io();
  assert.equal(await runLogs([name, '--since', 'yesterday'], d.io, docker), 1);
  assert.match(d.buf.err, /failed to parse value as time or duration: "yesterday"/);
});

void test('a followed stream survives a dockerd restart with no gaps and no duplicates', async (t) => {
  const engine = await startEngine({ name: 'logs-restart' });
  const own = dockerFor(engine.dockerHost);
  try {
    const name = uniqueName('restart');
    await createService({ name, script: 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.1; done', replicas: 1, restart: 'any' }, own);
    await waitFor('first lines', async () => ((await collect({ kind: 'service', ref: name }, {}, own)).lines.length > 5 ? true : undefined));
    const lines: LogLine[] = [];
    const debug: string[] = [];
    const session = new LogSession(own, [{ kind: 'service', ref: name }], { follow: true, pollMs: 1000 }, {
      lines: (b) => lines.push(...b),
      debug: (m) => debug.push(m),
    });
    const done = session.start();
    // A failing assertion below must not leave the follow streams running.
    t.after(() => session.stop());
    await waitFor('followed lines', async () => (lines.length > 20 ? true : undefined), 20_000);
    // Taken before the restart: under load the replacement task can start streaming before restart() returns.
    const before = new Set(lines.map((l) => l.taskId));
    await engine.restart();
    // New lines after the restart: from a new task (or the old one if it survived).
    await waitFor('lines after restart', async () => {
      const fresh = lines.filter((l) => l.kind === 'log' && !before.has(l.taskId));
      return fresh.length > 10 ? true : undefined;
    }, 90_000).catch((err: Error) => {
      throw new Error(`${err.message}; session log: ${debug.join(' | ')}; tasks seen: ${[...new Set(lines.map((l) => l.taskId))].join(',')}`);
    });
    await new Promise((r) => setTimeout(r, 2000));
    session.stop();
    await done;
    const logs = lines.filter((l) => l.kind === 'log');
    const notices = lines.filter((l) => l.kind !== 'log');
    assert.ok(notices.length <= 1, `at most one notice line: ${JSON.stringify(notices)}`);
    // Per task, what was followed equals the task's complete log (a prefix of it for a task still running).
    const complete = await collect({ kind: 'service', ref: name }, {}, own);
    let compared = 0;
    for (const taskId of new Set(logs.map((l) => l.taskId))) {
      const followed = logs.filter((l) => l.taskId === taskId).map((l) => `${l.timestamp} ${l.text}`);
      // The script counts from 0 in each container: any gap or duplicate breaks the sequence.
      const ticks = followed.map((t) => Number(/tick (\d+)$/.exec(t)?.[1]));
      assert.deepEqual(ticks, ticks.map((_, i) => i), `task ${taskId}: consecutive ticks from 0`);
      // Tasks whose container survived the restart can be read again in full: the followed lines are a prefix.
      const full = complete.lines.filter((l) => l.taskId === taskId).map((l) => `${l.timestamp} ${l.text}`);
      if (full.length === 0) continue;
      assert.deepEqual(followed, full.slice(0, followed.length), `task ${taskId}: no gaps, no duplicates`);
      compared++;
    }
    assert.ok(compared >= 1, 'at least one task compared with its complete log');
    assert.ok(new Set(logs.map((l) => l.taskId)).size >= 2, 'lines before and after the restart');
  } finally {
    await engine.stop();
  }
});
