// Logs on a real multi-node swarm (test/harness/multinode.ts, 1 manager + 2 workers): the lines of tasks on
// different nodes carry their node names, and every line equals the installed docker CLI's for the same options.
// It takes about 30 s (3 nodes, measured at load average 12 on 2 cores), so unlike the 5-node explorer test it is
// not gated behind SWARMSCOPE_MULTINODE=1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { LogLine, LogSession, LogSessionOptions } from '../../../src/logs/session';
import { dockerOfNode, MultiNodeSwarm, startMultiNodeSwarm, SwarmNode } from '../../harness/multinode';
import { until as waitUntil } from '../../harness/wait';

const DOCKER_CLI = '/usr/local/bin/docker';
const LINES = 10;
const SCRIPT = `i=0; while [ $i -lt ${LINES} ]; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; done; sleep 100000`;

const until = <T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> =>
  waitUntil(what, check, timeoutMs, 500);

/** `docker service logs` on a node: stdout and stderr lines together. */
function cliLogs(node: SwarmNode, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(DOCKER_CLI, ['-H', node.dockerHost, 'service', 'logs', ...args], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker service logs ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve([...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l !== ''));
    });
  });
}

async function collect(on: Docker, ref: string, options: Partial<LogSessionOptions>): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const result = await new LogSession(on, [{ kind: 'service', ref }], options, { lines: (b) => lines.push(...b) }).start();
  assert.ok(result.ok, result.error);
  return lines;
}

/** The node part of a prefix: `svc.1.abc@wkr-1   | …` → `wkr-1`. */
function nodeOf(text: string): string {
  const m = /^\S+@(\S+?) *\| /.exec(text);
  assert.ok(m, `a prefixed line: ${text}`);
  return m[1];
}

const sorted = (lines: string[]): string[] => [...lines].sort();

void describe('logs on a multi-node swarm', () => {
  let swarm: MultiNodeSwarm;
  let managerNode: SwarmNode;
  let manager: Docker;
  const created: string[] = [];
  let hostnameById = new Map<string, string>();

  const createService = async (name: string, mode: object, placement?: object): Promise<void> => {
    const res = (await manager.createService({
      Name: name,
      TaskTemplate: {
        ContainerSpec: { Image: 'demo/busybox:1', Command: ['sh', '-c', SCRIPT], StopGracePeriod: 1e9 },
        RestartPolicy: { Condition: 'none' },
        Placement: placement,
      },
      Mode: mode,
    } as Docker.CreateServiceOptions)) as { id: string };
    created.push(res.id);
  };

  /** Waits until every task of the service has written all its lines, as the CLI shows them; returns its tasks. */
  const settle = async (name: string, tasks: number): Promise<{ ID: string; NodeID: string }[]> => {
    await until(`${tasks * 2 * LINES} lines of ${name}`, async () => (await cliLogs(managerNode, [name])).length === tasks * 2 * LINES, 120_000);
    return (await manager.listTasks({ filters: { service: [name], 'desired-state': ['running'] } })) as { ID: string; NodeID: string }[];
  };

  before(async () => {
    swarm = await startMultiNodeSwarm({ name: 'mn-logs', managers: 1, workers: 2 });
    managerNode = swarm.nodes.find((n) => n.role === 'manager')!;
    manager = dockerOfNode(managerNode);
    const nodes = (await manager.listNodes()) as { ID: string; Description?: { Hostname?: string } }[];
    hostnameById = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
    assert.deepEqual([...hostnameById.values()].sort(), ['mgr-1', 'wkr-1', 'wkr-2']);
  });

  after(async () => {
    for (const id of created) await manager?.getService(id).remove().catch(() => undefined);
    await swarm?.stop();
  });

  void test('a replicated service spread over the nodes: node names in the prefixes, lines equal to the CLI\'s', async () => {
    const name = `mnlogs-rep-${randomBytes(3).toString('hex')}`;
    await createService(name, { Replicated: { Replicas: 3 } }, { MaxReplicas: 1 });
    const tasks = await settle(name, 3);
    const lines = await collect(manager, name, {});
    assert.equal(lines.length, 3 * 2 * LINES);
    // Each task's lines name the node it runs on.
    for (const task of tasks) {
      const own = lines.filter((l) => l.taskId === task.ID);
      assert.equal(own.length, 2 * LINES);
      for (const l of own) assert.equal(nodeOf(l.text), hostnameById.get(task.NodeID), l.text);
    }
    assert.deepEqual([...new Set(lines.map((l) => nodeOf(l.text)))].sort(), ['mgr-1', 'wkr-1', 'wkr-2']);
    assert.deepEqual(sorted(lines.map((l) => l.text)), sorted(await cliLogs(managerNode, ['--tail', 'all', name])));
    // The same with a tail, and with IDs instead of names.
    const tail = await collect(manager, name, { tail: 3 });
    assert.deepEqual(sorted(tail.map((l) => l.text)), sorted(await cliLogs(managerNode, ['--tail', '3', name])));
    const ids = await collect(manager, name, { tail: 2, noResolve: true, noTrunc: true });
    assert.deepEqual(sorted(ids.map((l) => l.text)), sorted(await cliLogs(managerNode, ['--tail', '2', '--no-resolve', '--no-trunc', name])));
    for (const l of ids) assert.ok(hostnameById.has(nodeOf(l.text)), `a node ID in ${l.text}`);
  });

  void test('a global service: one task per node, each line names its node like the CLI', async () => {
    const name = `mnlogs-global-${randomBytes(3).toString('hex')}`;
    await createService(name, { Global: {} });
    const tasks = await settle(name, 3);
    assert.deepEqual(tasks.map((t) => hostnameById.get(t.NodeID)).sort(), ['mgr-1', 'wkr-1', 'wkr-2']);
    const lines = await collect(manager, name, { tail: 4, timestamps: true });
    assert.equal(lines.length, 3 * 4);
    assert.deepEqual(sorted(lines.map((l) => l.text)), sorted(await cliLogs(managerNode, ['--tail', '4', '--timestamps', name])));
    const stamps = lines.map((l) => l.text.slice(0, l.text.indexOf(' ')));
    assert.deepEqual(stamps, [...stamps].sort(), 'merged in time order across nodes');
    const byNode = new Set(lines.map((l) => nodeOf(l.text.slice(l.text.indexOf(' ') + 1))));
    assert.deepEqual([...byNode].sort(), ['mgr-1', 'wkr-1', 'wkr-2']);
  });
});
