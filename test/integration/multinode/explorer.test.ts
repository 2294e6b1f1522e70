// The explorer's node and service mapping on a real 3-manager + 2-worker swarm (test/harness/multinode.ts): roles,
// the raft leader, availability, a stopped worker going Down, a demoted manager, and global services counted per
// eligible node. It takes over a minute (135 s measured on a loaded 2-core machine, ~400 MB), so it runs only with
// SWARMSCOPE_MULTINODE=1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Docker from 'dockerode';
import { fetchSnapshot } from '../../../src/views/swarmData';
import { NodeModel, ServiceModel, buildNodes, buildServices } from '../../../src/model/swarmModel';
import { nodesTree, servicesTree } from '../../../src/model/explorerTree';
import { dockerOfNode, multinodeSkip, MultiNodeSwarm, startMultiNodeSwarm } from '../../harness/multinode';
import { until } from '../../harness/wait';

const skip = multinodeSkip;

void describe('explorer on a multi-node swarm', { skip }, () => {
  let swarm: MultiNodeSwarm;
  let manager: Docker;
  const created: string[] = [];

  const models = async (): Promise<{ nodes: NodeModel[]; services: ServiceModel[] }> => {
    const snapshot = await fetchSnapshot(manager, ['nodes', 'tasks', 'services'], { includeLocalNetworks: false });
    return { nodes: buildNodes(snapshot, Date.now()), services: buildServices(snapshot, Date.now()) };
  };
  const byHost = (nodes: NodeModel[], hostname: string): NodeModel => {
    const n = nodes.find((x) => x.hostname === hostname);
    assert.ok(n, `node ${hostname}`);
    return n;
  };
  const updateNode = async (hostname: string, change: { Availability?: string; Role?: string }): Promise<void> => {
    const { nodes } = await models();
    const handle = manager.getNode(byHost(nodes, hostname).id);
    const current = (await handle.inspect()) as { Version: { Index: number }; Spec: object };
    await handle.update({ ...current.Spec, ...change, version: current.Version.Index });
  };
  const createService = async (name: string, mode: object): Promise<void> => {
    const res = (await manager.createService({
      Name: name,
      TaskTemplate: { ContainerSpec: { Image: 'demo/busybox:1', Command: ['sleep', '3600'], StopGracePeriod: 1e9 } as object },
      Mode: mode,
    } as Docker.CreateServiceOptions)) as { id: string };
    created.push(res.id);
  };

  before(async () => {
    swarm = await startMultiNodeSwarm({ name: 'mn-explorer' });
    // mgr-1 is never stopped or demoted here, so it always answers manager queries.
    const first = swarm.nodes.find((n) => n.hostname === 'mgr-1');
    assert.ok(first);
    manager = dockerOfNode(first);
  });

  after(async () => {
    for (const id of created) await manager?.getService(id).remove().catch(() => undefined);
    await swarm?.stop();
  });

  void test('nodes: roles, one leader, availability, state, reachability, addresses', async () => {
    const leader = await swarm.leader();
    const { nodes } = await until('5 ready nodes', async () => {
      const m = await models();
      return m.nodes.length === 5 && m.nodes.every((n) => n.state === 'ready') ? m : undefined;
    }, 30_000);
    assert.deepEqual(nodes.map((n) => [n.hostname, n.role]), [
      ['mgr-1', 'manager'],
      ['mgr-2', 'manager'],
      ['mgr-3', 'manager'],
      ['wkr-1', 'worker'],
      ['wkr-2', 'worker'],
    ]);
    assert.deepEqual(nodes.filter((n) => n.leader).map((n) => n.hostname), [leader.hostname]);
    for (const n of nodes) {
      assert.equal(n.availability, 'active');
      assert.equal(n.reachability, n.role === 'manager' ? 'reachable' : undefined);
      const harnessNode = swarm.nodes.find((h) => h.hostname === n.hostname);
      assert.equal(n.addr, harnessNode?.addr, `${n.hostname} address`);
      assert.match(n.engineVersion ?? '', /^20\.10\./);
    }
    const rows = nodesTree(nodes);
    const leaderRow = rows.find((r) => r.label === leader.hostname);
    assert.match(leaderRow?.description ?? '', /^manager \(leader\) · active · ready · /);
    assert.equal(leaderRow?.icon.id, 'star-full');
    assert.match(rows.find((r) => r.label === 'wkr-1')?.description ?? '', /^worker · active · ready · 20\.10\.\S+ · 10\.77\.0\.\d+$/);
  });

  void test('tasks spread over nodes with their hostnames; a global service counts one per eligible node', async () => {
    await createService('mn-web', { Replicated: { Replicas: 5 } });
    await createService('mn-agent', { Global: {} });
    const m = await until('mn-web 5/5 and mn-agent 5/5', async () => {
      const x = await models();
      const web = x.services.find((s) => s.name === 'mn-web');
      const agent = x.services.find((s) => s.name === 'mn-agent');
      return web?.running === 5 && agent?.running === 5 ? x : undefined;
    }, 60_000);
    const agent = m.services.find((s) => s.name === 'mn-agent')!;
    assert.equal(agent.desired, 5);
    assert.deepEqual(agent.tasks.map((t) => t.name).sort(), ['mgr-1', 'mgr-2', 'mgr-3', 'wkr-1', 'wkr-2'].map((h) => `mn-agent.${h}`));
    const web = m.services.find((s) => s.name === 'mn-web')!;
    const hosts = new Set(web.tasks.map((t) => t.nodeHostname));
    assert.ok(hosts.size >= 2, `tasks spread over ${[...hosts].join(', ')}`);
    for (const t of web.tasks) assert.match(t.nodeHostname ?? '', /^(mgr|wkr)-\d$/);
    const row = servicesTree(m.services, { grouped: true }).find((r) => r.label === 'mn-agent');
    assert.equal(row?.description, 'global 5/5 · demo/busybox:1');
    // The Nodes view's children agree with the Services view's placement.
    for (const n of m.nodes) {
      assert.deepEqual(
        n.tasks.filter((t) => t.serviceName === 'mn-web').map((t) => t.id).sort(),
        web.tasks.filter((t) => t.nodeHostname === n.hostname).map((t) => t.id).sort(),
      );
    }
  });

  void test('a drained node: availability shown, its tasks move away, the global service wants one fewer', async () => {
    await updateNode('wkr-1', { Availability: 'drain' });
    const m = await until('wkr-1 drained and empty', async () => {
      const x = await models();
      const w = byHost(x.nodes, 'wkr-1');
      const web = x.services.find((s) => s.name === 'mn-web');
      return w.availability === 'drain' && w.tasks.length === 0 && web?.running === 5 ? x : undefined;
    }, 60_000);
    const web = m.services.find((s) => s.name === 'mn-web')!;
    assert.ok(!web.tasks.some((t) => t.nodeHostname === 'wkr-1'));
    assert.ok(web.history.some((t) => t.nodeHostname === 'wkr-1' && t.desiredState === 'shutdown'), 'the moved task is in History');
    const agent = await until('mn-agent wants 4', async () => {
      const a = (await models()).services.find((s) => s.name === 'mn-agent');
      return a?.desired === 4 && a.running === 4 ? a : undefined;
    }, 30_000);
    assert.ok(!agent.tasks.some((t) => t.nodeHostname === 'wkr-1'));
    assert.match(nodesTree(m.nodes).find((r) => r.label === 'wkr-1')?.description ?? '', /^worker · drain · ready · /);
  });

  void test('a stopped worker turns Down after its heartbeat timeout, and Ready again when it returns', async () => {
    const w2 = swarm.nodes.find((n) => n.hostname === 'wkr-2');
    assert.ok(w2);
    await w2.stop();
    const m = await until('wkr-2 down', async () => {
      const x = await models();
      return byHost(x.nodes, 'wkr-2').state === 'down' ? x : undefined;
    }, 45_000);
    const row = nodesTree(m.nodes).find((r) => r.label === 'wkr-2');
    assert.match(row?.description ?? '', /^worker · active · down · /);
    assert.equal(row?.icon.color, 'charts.red');
    const agent = m.services.find((s) => s.name === 'mn-agent')!;
    assert.ok(agent.running <= 3, `the down node's task does not count as running (${agent.running})`);
    await w2.start();
    await until('wkr-2 ready', async () => byHost((await models()).nodes, 'wkr-2').state === 'ready', 30_000);
  });

  void test('a demoted manager is shown as a worker without reachability', async () => {
    await updateNode('mgr-3', { Role: 'worker' });
    const n = await until('mgr-3 a worker', async () => {
      const x = byHost((await models()).nodes, 'mgr-3');
      return x.role === 'worker' ? x : undefined;
    }, 30_000);
    assert.equal(n.leader, false);
    assert.equal(n.reachability, undefined);
    assert.equal(nodesTree([n])[0].contextValue, 'node.worker');
  });
});
