import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { isAlive, readRecord } from '../../harness/engine';
import { startMultiNodeSwarm } from '../../harness/multinode';

const enabled = process.env.SWARMSCOPE_MULTINODE === '1';
const skip = enabled ? false : 'multi-node swarm skipped: set SWARMSCOPE_MULTINODE=1 to run it (5 dockerds, ~400 MB, ~30 s)';

interface NodeJson {
  Description: { Hostname: string };
  Spec: { Role: string };
  Status: { State: string; Addr: string };
  ManagerStatus?: { Leader?: boolean; Reachability: string };
}

void test('a 3-manager + 2-worker swarm comes up, reports roles and a leader, and tears down', { skip, timeout: 240_000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-mn-'));
  const swarm = await startMultiNodeSwarm({ root });
  const pids: number[] = [];
  try {
    assert.deepEqual(
      swarm.nodes.map((n) => [n.name, n.hostname, n.role]),
      [
        ['m1', 'mgr-1', 'manager'], ['m2', 'mgr-2', 'manager'], ['m3', 'mgr-3', 'manager'],
        ['w1', 'wkr-1', 'worker'], ['w2', 'wkr-2', 'worker'],
      ],
    );
    for (const node of swarm.nodes) {
      const record = readRecord(path.join(swarm.dir, node.name));
      assert.ok(record && isAlive(record.pid), `${node.name} dockerd is running`);
      pids.push(record.pid);
    }
    const docker = (host: string): Docker => new Docker({ socketPath: host.replace(/^unix:\/\//, '') });
    const nodes = (await docker(swarm.nodes[0].dockerHost).listNodes()) as NodeJson[];
    assert.equal(nodes.length, 5);
    for (const node of swarm.nodes) {
      const listed = nodes.find((n) => n.Description.Hostname === node.hostname);
      assert.ok(listed, `${node.hostname} is listed`);
      assert.equal(listed.Spec.Role, node.role);
      assert.equal(listed.Status.State, 'ready');
      assert.equal(listed.Status.Addr, node.addr);
    }
    const leader = await swarm.leader();
    assert.equal(leader.role, 'manager');
    assert.equal(nodes.filter((n) => n.ManagerStatus?.Leader).length, 1);
    // Every node's socket answers from the root namespace; workers refuse manager-only calls.
    for (const node of swarm.nodes) {
      const info = (await docker(node.dockerHost).info()) as { Name: string; Swarm: { ControlAvailable: boolean } };
      assert.equal(info.Name, node.hostname);
      assert.equal(info.Swarm.ControlAvailable, node.role === 'manager');
    }

    // A worker that stops and starts again comes back as ready.
    const worker = swarm.nodes[4];
    await worker.stop();
    await worker.start();
    pids.push(readRecord(path.join(swarm.dir, worker.name))!.pid);
    let state = '';
    for (let i = 0; i < 60 && state !== 'ready'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const list = (await docker(leader.dockerHost).listNodes()) as NodeJson[];
      state = list.find((n) => n.Description.Hostname === worker.hostname)?.Status.State ?? '';
    }
    assert.equal(state, 'ready');
  } finally {
    await swarm.stop();
  }
  for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} stopped`);
  assert.equal(fs.existsSync(swarm.dir), false);
  const leftovers = fs.existsSync('/run/netns') ? fs.readdirSync('/run/netns') : [];
  assert.deepEqual(leftovers.filter((n) => n.startsWith('ss') && n.includes('-hub')), []);
  fs.rmSync(root, { recursive: true, force: true });
});
