// Log channels in real VS Code against the sandbox swarm: Show Logs (explicit arguments, tree rows, the palette's
// quick picks, settings), Stop, Close, stacks, and streams ending when the connection changes. Line texts are
// compared with what the installed docker CLI prints for the same options.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import Dockerode from 'dockerode';
import type { SwarmscopeTestApi } from '../../src/extension';
import { api, dockerFor, sleep, until as untilWithin } from './helpers';

const DOCKER_CLI = '/usr/local/bin/docker';
const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST ?? '';
const docker = dockerFor(host);
const LINES_PER_TASK = 30;

/** Streams take longer than most: 30 s unless told. */
const until = <T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> =>
  untilWithin(what, check, timeoutMs);

/** `docker service logs ARGS`: its stdout and stderr lines (the CLI writes a task's stderr lines to stderr). */
function cliLogs(args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(DOCKER_CLI, ['-H', host, 'service', 'logs', ...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker service logs ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve([...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l !== ''));
    });
  });
}

const sorted = (lines: string[]): string[] => [...lines].sort();

interface Row {
  id: string;
  kind: string;
  dockerId?: string;
  label: string;
}

/** Finds a row of the Services view by label at the root or under a stack, refreshing until it shows. */
async function serviceRow(a: SwarmscopeTestApi, label: string): Promise<Row> {
  return until(`the ${label} row`, async () => {
    await vscode.commands.executeCommand('swarmscope.refresh');
    const roots = await a.explorerItems('services');
    const found = roots.find((r) => r.kind === 'service' && r.label === label);
    if (found) return found;
    for (const stack of roots.filter((r) => r.kind === 'stack')) {
      const child = (await a.explorerItems('services', stack.id)).find((r) => r.label === label);
      if (child) return child;
    }
    return undefined;
  });
}

/** Presses Enter in whatever quick input is open, until `done` holds (the quick input may open late on a busy host). */
async function acceptQuickInputsUntil(what: string, done: () => boolean, timeoutMs = 30_000): Promise<void> {
  await until(what, async () => {
    if (done()) return true;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(300);
    return done();
  }, timeoutMs);
}

suite('logs', () => {
  const name = `logs-eh-${randomBytes(3).toString('hex')}`;
  let serviceId = '';

  suiteSetup(async () => {
    assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST is set');
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.refresh');
    await until('connected', () => a.connectionKey() === 'connected');
    // Two tasks, each printing LINES_PER_TASK numbered lines on stdout and as many on stderr, then idling.
    const script = `i=0; while [ $i -lt ${LINES_PER_TASK} ]; do i=$((i+1)); echo "out $i of $(hostname)"; echo "err $i of $(hostname)" >&2; done; sleep 3600`;
    const created = (await docker.createService({
      Name: name,
      TaskTemplate: {
        ContainerSpec: { Image: 'demo/busybox:1', Command: ['sh', '-c', script], StopGracePeriod: 1_000_000_000 },
        RestartPolicy: { Condition: 'none' },
      },
      Mode: { Replicated: { Replicas: 2 } },
    } as Dockerode.CreateServiceOptions)) as { id?: string; ID?: string };
    serviceId = created.id ?? created.ID ?? '';
    await until('all lines of both tasks', async () => (await cliLogs([name])).length === 2 * 2 * LINES_PER_TASK, 120_000);
  });

  suiteTeardown(async () => {
    if (serviceId) await docker.getService(serviceId).remove().catch(() => undefined);
  });

  teardown(async () => {
    const a = await api();
    for (const n of a.openLogs()) await vscode.commands.executeCommand('swarmscope.closeLogs', n);
    await vscode.workspace.getConfiguration('swarmscope.logs').update('tail', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('swarmscope.logs').update('markStderr', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('Show Logs with explicit arguments fills the channel with the CLI\'s lines and ends (no follow)', async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.showLogs', { kind: 'service', ref: name, options: { follow: false, tail: 5 } });
    assert.ok(a.openLogs().includes(name), `a channel for ${name} in ${a.openLogs().join(', ')}`);
    await until('the stream to end', () => !a.runningLogs().includes(name) && a.logLines(name).length > 0);
    const expected = await cliLogs(['--tail', '5', name]);
    assert.equal(expected.length, 10, 'the CLI prints 5 lines per task');
    assert.deepEqual(sorted(a.logLines(name)), sorted(expected));
  });

  test('Show Logs With Options (explicit): timestamps and no task IDs as the CLI prints them, in time order', async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.showLogsWithOptions', {
      kind: 'service',
      ref: name,
      options: { follow: false, tail: 4, timestamps: true, noTaskIds: true },
    });
    await until('the stream to end', () => !a.runningLogs().includes(name) && a.logLines(name).length > 0);
    const lines = a.logLines(name);
    assert.deepEqual(sorted(lines), sorted(await cliLogs(['--tail', '4', '--timestamps', '--no-task-ids', name])));
    const stamps = lines.map((l) => l.slice(0, l.indexOf(' ')));
    assert.deepEqual(stamps, [...stamps].sort(), 'chronological across tasks');
  });

  test('Show Logs on a service row follows with the settings\' defaults; Stop on the row ends it', async () => {
    const a = await api();
    const row = await serviceRow(a, name);
    await vscode.commands.executeCommand('swarmscope.showLogs', row);
    const expected = sorted(await cliLogs(['--tail', '200', name]));
    await until('every line in the channel', () => JSON.stringify(sorted(a.logLines(name))) === JSON.stringify(expected));
    assert.ok(a.runningLogs().includes(name), 'following (swarmscope.logs.follow defaults to true)');
    assert.match(a.logsStatusText() ?? '', new RegExp(name), 'the status bar lists the stream');
    await vscode.commands.executeCommand('swarmscope.stopLogs', row);
    assert.ok(!a.runningLogs().includes(name), 'stopped');
    assert.equal(a.logsStatusText(), undefined, 'the status-bar item is hidden with no stream running');
    assert.equal(a.logLines(name).at(-1), 'Swarmscope: stream stopped');
  });

  test('Stop stops a followed stream: no new lines after it', async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.showLogs', { kind: 'service', ref: 'demo_worker', options: { tail: 1 } });
    // demo_worker prints two lines a second: more than the tail proves the stream follows.
    await until('followed lines', () => a.logLines('demo_worker').length >= 5);
    assert.match(a.logLines('demo_worker')[0], /^demo_worker\.1\.[a-z0-9]{12}@\S+ +\| worker: (processed job|warning) \d+$/);
    await vscode.commands.executeCommand('swarmscope.stopLogs', { kind: 'service', ref: 'demo_worker' });
    assert.deepEqual(a.runningLogs().filter((n) => n === 'demo_worker'), []);
    const after = a.logLines('demo_worker');
    assert.equal(after.at(-1), 'Swarmscope: stream stopped');
    await sleep(3000);
    assert.deepEqual(a.logLines('demo_worker'), after, 'nothing appended after Stop');
    assert.ok(a.openLogs().includes('demo_worker'), 'the channel stays open');
  });

  test('Close stops the stream and disposes the channel', async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.showLogs', { kind: 'service', ref: 'demo_worker', options: { tail: 1 } });
    await until('followed lines', () => a.logLines('demo_worker').length >= 3);
    assert.ok(a.runningLogs().includes('demo_worker'));
    await vscode.commands.executeCommand('swarmscope.closeLogs', 'demo_worker');
    assert.ok(!a.runningLogs().includes('demo_worker'), 'stopped');
    assert.ok(!a.openLogs().includes('demo_worker'), 'the channel is gone');
    await sleep(2000);
    assert.deepEqual(a.logLines('demo_worker'), [], 'no channel came back');
    assert.ok(!a.openLogs().includes('demo_worker'));
  });

  test('a stack target includes the lines of each of its services, with the CLI\'s prefixes', async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.showLogs', { kind: 'stack', ref: 'demo', options: { follow: false, tail: 2 } });
    await until('the stream to end', () => !a.runningLogs().includes('stack:demo') && a.logLines('stack:demo').length > 0);
    const lines = a.logLines('stack:demo');
    const services = (await docker.listServices({ filters: { label: ['com.docker.stack.namespace=demo'] } })).map((s) => s.Spec?.Name ?? '');
    assert.ok(services.length >= 3, `the demo stack has its services: ${services.join(', ')}`);
    const prefix = (l: string): string => l.slice(0, l.indexOf(' | '));
    for (const svc of services) {
      const ours = new Set(lines.filter((l) => l.startsWith(`${svc}.`)).map(prefix));
      assert.ok(ours.size > 0, `lines of ${svc} in ${lines.length} lines`);
      const cli = new Set((await cliLogs(['--tail', '2', svc])).map(prefix));
      assert.deepEqual([...ours].sort(), [...cli].sort(), `prefixes of ${svc}`);
    }
    for (const l of lines) assert.ok(services.some((svc) => l.startsWith(`${svc}.`)), `a line of the stack: ${l}`);
  });

  test('a task row: its own channel with the CLI\'s lines for that task', async () => {
    const a = await api();
    const svc = await serviceRow(a, name);
    const task = (await a.explorerItems('services', svc.id)).find((r) => r.kind === 'task');
    assert.ok(task?.dockerId, 'a task row with its ID');
    await vscode.commands.executeCommand('swarmscope.showLogs', task);
    const channel = `${task.label}.${task.dockerId.slice(0, 12)}`;
    const expected = sorted(await cliLogs(['--tail', '200', task.dockerId]));
    assert.equal(expected.length, 2 * LINES_PER_TASK);
    await until('the task\'s lines', () => JSON.stringify(sorted(a.logLines(channel))) === JSON.stringify(expected));
    assert.ok(a.logLines(channel).every((l) => l.startsWith(`${name}.`) && l.includes(`.${task.dockerId!.slice(0, 12)}@`)));
  });

  test('settings: tail and markStderr apply to Show Logs', async () => {
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('swarmscope.logs');
    await cfg.update('tail', 3, vscode.ConfigurationTarget.Global);
    await cfg.update('markStderr', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('swarmscope.showLogs', { kind: 'service', ref: name, options: { follow: false } });
    await until('the stream to end', () => !a.runningLogs().includes(name) && a.logLines(name).length > 0);
    const cli = await cliLogs(['--tail', '3', name]);
    const marked = cli.map((l) => (/\| err \d+ of /.test(l) ? `[stderr] ${l}` : l));
    assert.ok(marked.some((l) => l.startsWith('[stderr] ')), 'the tail has stderr lines');
    assert.deepEqual(sorted(a.logLines(name)), sorted(marked));
  });

  test('Show Logs With Options… from a row: the quick picks start from the settings', async () => {
    const a = await api();
    const row = await serviceRow(a, name);
    const command = vscode.commands.executeCommand('swarmscope.showLogsWithOptions', row);
    // Four steps (flags, tail, since, order), each accepted as offered.
    await acceptQuickInputsUntil('the options to be accepted', () => a.runningLogs().includes(name));
    await command;
    const expected = sorted(await cliLogs(['--tail', '200', name]));
    await until('every line in the channel', () => JSON.stringify(sorted(a.logLines(name))) === JSON.stringify(expected));
  });

  test('Show Logs from the palette: a quick pick of stacks and services', async () => {
    const a = await api();
    const command = vscode.commands.executeCommand('swarmscope.showLogs');
    // Stacks come first; the sandbox has one, demo.
    await acceptQuickInputsUntil('the pick', () => a.openLogs().includes('stack:demo'));
    await command;
    await until('stack lines', () => a.logLines('stack:demo').some((l) => l.startsWith('demo_worker.')));
  });

  test('a connection change ends the running streams', async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.showLogs', { kind: 'service', ref: 'demo_worker', options: { tail: 1 } });
    await until('following', () => a.runningLogs().includes('demo_worker') && a.logLines('demo_worker').length > 0);
    await vscode.commands.executeCommand('swarmscope.retryConnection');
    assert.ok(!a.runningLogs().includes('demo_worker'), 'stopped');
    assert.equal(a.logLines('demo_worker').at(-1), 'Swarmscope: stream ended: the Docker connection changed');
    await until('connected again', () => a.connectionKey() === 'connected');
  });
});
