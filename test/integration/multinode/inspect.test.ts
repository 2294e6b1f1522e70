// Node `inspect --pretty` parity on a real 3-manager + 2-worker swarm (test/harness/multinode.ts): a worker, the same
// worker drained and labelled, a manager that is not the leader, and a worker whose dockerd is stopped (Down). Each
// is rendered by Swarmscope and by the installed docker CLI against the leader, and must match byte for byte. It
// starts 5 dockerds (~400 MB) and takes over a minute; runs when SWARMSCOPE_MULTINODE=1 (the test runner's default).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { fetchInspectable } from '../../../src/inspect/fetch';
import { dockerOfNode, multinodeSkip, MultiNodeSwarm, startMultiNodeSwarm, SwarmNode } from '../../harness/multinode';
import { until } from '../../harness/wait';
import { readableDiff } from '../../support/readableDiff';

const execFileAsync = promisify(execFile);
const DOCKER_CLI = process.env.SWARMSCOPE_TEST_DOCKER_CLI ?? '/usr/local/bin/docker';

interface EngineNode {
  ID: string;
  Version: { Index: number };
  Spec: Record<string, unknown>;
  Description?: { Hostname?: string };
  Status?: { State?: string };
}

const skip = multinodeSkip;

void describe('node inspect --pretty parity on a multi-node swarm', { skip }, () => {
  let swarm: MultiNodeSwarm;
  let leader: SwarmNode;
  let docker: Docker;
  /** Undone in `after` if a test could not undo it itself. */
  const restore: (() => Promise<void>)[] = [];

  const harnessNode = (predicate: (n: SwarmNode) => boolean, what: string): SwarmNode => {
    const found = swarm.nodes.find(predicate);
    assert.ok(found, what);
    return found;
  };
  const engineNode = async (hostname: string): Promise<EngineNode> => {
    const list = (await docker.listNodes()) as EngineNode[];
    const found = list.find((n) => n.Description?.Hostname === hostname);
    assert.ok(found, `node ${hostname} in the leader's node list`);
    return found;
  };

  async function cliPretty(ref: string): Promise<string> {
    const { stdout } = await execFileAsync(DOCKER_CLI, ['-H', leader.dockerHost, 'node', 'inspect', '--pretty', ref], {
      env: { ...process.env, DOCKER_CONFIG: '/nonexistent-swarmscope-parity', DOCKER_CONTEXT: '' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  }

  /**
   * Renders before and after the CLI runs and accepts a match with either; the node must not change in between
   * (a heartbeat or status update can land during the CLI call), otherwise it retries. Returns the matching text.
   */
  async function assertParity(ref: string): Promise<string> {
    let lastDiff = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const first = await fetchInspectable(docker, 'node', ref);
      const cli = await cliPretty(ref);
      const second = await fetchInspectable(docker, 'node', ref);
      if (JSON.stringify(first.raw) !== JSON.stringify(second.raw)) continue;
      if (cli === first.pretty || cli === second.pretty) return cli;
      lastDiff = readableDiff(cli, second.pretty);
      break;
    }
    assert.fail(`node ${ref}: pretty output differs from the docker CLI\n${lastDiff || 'node kept changing'}`);
  }

  before(async () => {
    swarm = await startMultiNodeSwarm({ name: 'mn-inspect' });
    leader = await swarm.leader();
    docker = dockerOfNode(leader);
    await until('5 ready nodes', async () => {
      const list = (await docker.listNodes()) as EngineNode[];
      return list.length === 5 && list.every((n) => n.Status?.State === 'ready');
    }, 60_000);
  });

  after(async () => {
    for (const undo of restore.reverse()) await undo().catch(() => undefined);
    await swarm?.stop();
  });

  void test('worker, by ID and by hostname', async () => {
    const worker = harnessNode((n) => n.hostname === 'wkr-1', 'wkr-1');
    const node = await engineNode(worker.hostname);
    const text = await assertParity(node.ID);
    await assertParity(worker.hostname);
    // What this case is about: a ready, active worker with no Manager Status section.
    assert.match(text, /\nStatus:\n State:\t\t\tReady\n Availability: {9}\tActive\n/);
    assert.match(text, new RegExp(`\n Address:\t\t${worker.addr.replace(/\./g, '\\.')}\n`));
    assert.doesNotMatch(text, /Manager Status:/);
  });

  void test('worker drained, with two labels', async () => {
    const worker = harnessNode((n) => n.hostname === 'wkr-1', 'wkr-1');
    const original = await engineNode(worker.hostname);
    const handle = docker.getNode(original.ID);
    const undo = async (): Promise<void> => {
      const now = (await handle.inspect()) as EngineNode;
      await handle.update({ ...original.Spec, version: now.Version.Index });
    };
    restore.push(undo);
    await handle.update({
      ...original.Spec,
      Availability: 'drain',
      Labels: { 'com.example.zone': 'b', rack: '' },
      version: original.Version.Index,
    });
    const text = await assertParity(original.ID);
    // The CLI prints a label with an empty value as its key alone.
    assert.match(text, /\nLabels:\n - com\.example\.zone=b\n - rack\n/);
    assert.match(text, /\n Availability: {9}\tDrain\n/);
    await undo();
    restore.splice(restore.indexOf(undo), 1);
    const back = await assertParity(original.ID);
    assert.match(back, /\n Availability: {9}\tActive\n/);
    assert.doesNotMatch(back, /\nLabels:/);
  });

  void test('manager that is not the leader: Leader No and its raft address', async () => {
    const manager = harnessNode((n) => n.role === 'manager' && n.hostname !== leader.hostname, 'a non-leader manager');
    const node = await engineNode(manager.hostname);
    const text = await assertParity(node.ID);
    const addr = manager.addr.replace(/\./g, '\\.');
    assert.match(text, new RegExp(`\nManager Status:\n Address:\t\t${addr}:2377\n Raft Status:\t\tReachable\n Leader:\t\tNo\n`));
    // And the leader itself, for contrast.
    const leaderText = await assertParity((await engineNode(leader.hostname)).ID);
    assert.match(leaderText, /\n Leader:\t\tYes\n/);
  });

  void test('worker whose dockerd is stopped: State Down', async () => {
    const worker = harnessNode((n) => n.hostname === 'wkr-2', 'wkr-2');
    const { ID } = await engineNode(worker.hostname);
    const restart = async (): Promise<void> => {
      await worker.start();
      await until(`${worker.hostname} ready again`, async () => (await engineNode(worker.hostname)).Status?.State === 'ready', 60_000);
    };
    restore.push(restart);
    await worker.stop();
    await until(`${worker.hostname} down`, async () => (await engineNode(worker.hostname)).Status?.State === 'down', 60_000);
    const text = await assertParity(ID);
    assert.match(text, /\nStatus:\n State:\t\t\tDown\n/);
    await restart();
    restore.splice(restore.indexOf(restart), 1);
    assert.match(await assertParity(ID), /\nStatus:\n State:\t\t\tReady\n/);
  });
});
