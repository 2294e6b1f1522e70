import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ExplorerNode,
  clipboardText,
  errorNodes,
  md,
  networksTree,
  nodesTree,
  secretsOrConfigsTree,
  servicesTree,
  tooltipOf,
  tooltipText,
} from '../../../src/model/explorerTree';
import { buildNetworks, buildNodes, buildSecretsOrConfigs, buildServices } from '../../../src/model/swarmModel';
import { NOW, network, node, secretOrConfig, service, task } from './fixtures';

const nodes = [node('n1', 'mgr-1', { role: 'manager', leader: true, addr: '10.77.0.11' }), node('n2', 'wkr-1', { availability: 'drain', state: 'down' })];
const snapshot = {
  nodes,
  services: [
    service('s1', 'demo_web', { replicas: 2, stack: 'demo', networks: ['net1'], secrets: [['sec1', 'pw', 'pw']] }),
    service('s2', 'demo_agent', { global: true, stack: 'demo' }),
    service('s3', 'crashloop', { replicas: 1 }),
    service('s4', 'pending', { replicas: 1 }),
  ],
  tasks: [
    task('w1', 's1', { slot: 1, node: 'n1', secondsAgo: 300 }),
    task('w2', 's1', { slot: 2, node: 'n1', state: 'starting', secondsAgo: 2 }),
    task('a1', 's2', { node: 'n1' }),
    task('c1', 's3', { slot: 1, node: 'n1', state: 'failed', desired: 'shutdown', err: 'task: non-zero exit (1)', secondsAgo: 10 }),
    task('c2', 's3', { slot: 1, node: 'n1', state: 'starting', secondsAgo: 1 }),
    task('p1', 's4', { slot: 1, state: 'pending', err: 'no suitable node (scheduling constraints not satisfied on 2 nodes)', secondsAgo: 600 }),
  ],
  networks: [network('net1', 'demo_backend', { attachable: true, subnet: '10.0.1.0/24' })],
  secrets: [secretOrConfig('sec1', 'pw')],
};
const services = buildServices(snapshot, NOW);

function ids(nodes: ExplorerNode[]): string[] {
  const out: string[] = [];
  const walk = (list: ExplorerNode[]): void => {
    for (const n of list) {
      out.push(n.id);
      walk(n.children ?? []);
    }
  };
  walk(nodes);
  return out;
}

void describe('services tree', () => {
  const grouped = servicesTree(services, { grouped: true });

  void test('grouped: the stack first (expanded), loose services after it', () => {
    assert.deepEqual(grouped.map((n) => [n.kind, n.label]), [
      ['stack', 'demo'],
      ['service', 'crashloop'],
      ['service', 'pending'],
    ]);
    assert.equal(grouped[0].collapsible, 'expanded');
    assert.deepEqual(grouped[0].children!.map((n) => n.label), ['demo_agent', 'demo_web']);
    assert.equal(grouped[0].description, '2 services · 1 healthy');
  });

  void test('flat: services only, same ids', () => {
    const flat = servicesTree(services, { grouped: false });
    assert.deepEqual(flat.map((n) => n.label), ['crashloop', 'demo_agent', 'demo_web', 'pending']);
    const serviceIds = (list: ExplorerNode[]): string[] => ids(list).filter((id) => /^service:[^/]+$/.test(id)).sort();
    assert.deepEqual(serviceIds(flat), serviceIds(grouped));
  });

  void test('service rows: description, icon, contextValue, Docker id', () => {
    const web = grouped[0].children!.find((n) => n.label === 'demo_web')!;
    assert.equal(web.description, 'replicated 1/2 · demo/busybox:1');
    assert.deepEqual(web.icon, { id: 'warning', color: 'charts.yellow' });
    assert.equal(web.contextValue, 'service.replicated');
    assert.equal(web.dockerId, 's1');
    assert.equal(web.id, 'service:s1');
    const agent = grouped[0].children!.find((n) => n.label === 'demo_agent')!;
    assert.equal(agent.description, 'global 1/1 · demo/busybox:1');
    assert.equal(agent.contextValue, 'service.global');
    assert.equal(agent.icon.id, 'pass-filled');
    assert.match(tooltipOf(web), /Image: `demo\/busybox:1`/);
    assert.match(tooltipOf(web), /`com\.docker\.stack\.namespace` = `demo`/);
  });

  void test('task rows: name.slot, state and age, node; failed ones carry the engine error under History', () => {
    const web = grouped[0].children!.find((n) => n.label === 'demo_web')!;
    assert.deepEqual(web.children!.map((n) => [n.label, n.description]), [
      ['demo_web.1', 'running 5 minutes ago · mgr-1'],
      ['demo_web.2', 'starting 2 seconds ago · mgr-1'],
    ]);
    const crash = grouped.find((n) => n.label === 'crashloop')!;
    assert.deepEqual(crash.children!.map((n) => n.label), ['crashloop.1', 'History']);
    const history = crash.children![1];
    assert.equal(history.kind, 'taskHistory');
    assert.equal(history.collapsible, 'collapsed');
    assert.equal(history.description, '1 task');
    assert.equal(history.children![0].description, 'task: non-zero exit (1) · failed 10 seconds ago · mgr-1');
    assert.equal(history.children![0].contextValue, 'task.history');
    assert.match(tooltipOf(history.children![0]), /Error: \*\*task: non\\-zero exit \\\(1\\\)\*\*/);
    const pending = grouped.find((n) => n.label === 'pending')!;
    assert.equal(pending.children![0].description, 'no suitable node (scheduling constraints not satisfied on 2 nodes) · pending 10 minutes ago');
    assert.equal(pending.icon.id, 'error');
  });

  void test('global service tasks are named by node and do not repeat the node', () => {
    const agent = grouped[0].children!.find((n) => n.label === 'demo_agent')!;
    assert.deepEqual(agent.children!.map((n) => [n.label, n.description]), [['demo_agent.mgr-1', 'running 1 minute ago']]);
  });

  void test('every id is unique in the tree', () => {
    const all = ids(grouped);
    assert.equal(new Set(all).size, all.length);
  });
});

void describe('other views', () => {
  void test('nodes: leader marked, availability and state, children are tasks', () => {
    const tree = nodesTree(buildNodes(snapshot, NOW));
    assert.deepEqual(tree.map((n) => [n.label, n.description, n.contextValue, n.icon.id]), [
      ['mgr-1', 'manager (leader) · active · ready · 20.10.24 · 10.77.0.11', 'node.manager', 'star-full'],
      ['wkr-1', 'worker · drain · down · 20.10.24 · 10.0.0.1', 'node.worker', 'server'],
    ]);
    assert.equal(tree[1].icon.color, 'charts.red');
    assert.equal(tree[1].collapsible, 'none');
    assert.deepEqual(tree[0].children!.map((n) => n.label), ['crashloop.1', 'demo_agent.mgr-1', 'demo_web.1', 'demo_web.2']);
  });

  void test('networks: driver, scope, attachable, subnets; children are attached services', () => {
    const tree = networksTree(buildNetworks(snapshot, { includeLocal: false }));
    assert.equal(tree[0].description, 'overlay · swarm · attachable · 10.0.1.0/24');
    assert.deepEqual(tree[0].children!.map((n) => [n.kind, n.label, n.dockerId]), [['serviceRef', 'demo_web', 's1']]);
  });

  void test('secrets: ages and users, never a value', () => {
    const tree = secretsOrConfigsTree(buildSecretsOrConfigs(snapshot.secrets, snapshot.services, 'secret', NOW));
    assert.equal(tree[0].description, 'created 2 hours ago · 1 service');
    assert.deepEqual(tree[0].children!.map((n) => [n.label, n.description]), [['demo_web', 'pw']]);
    assert.match(tooltipOf(tree[0]), /never returns secret values/);
    assert.equal(tree[0].contextValue, 'secret');
  });

  void test('error rows: message, Retry and Switch Context with commands', () => {
    const rows = errorNodes('nodes', 'Docker at unix:///x refused the connection.', { retry: 'r', chooseContext: 'c', showLog: 'l' });
    assert.deepEqual(rows.map((r) => [r.kind, r.label, r.command?.command]), [
      ['error', 'Cannot reach Docker', 'l'],
      ['action', 'Retry', 'r'],
      ['action', 'Switch Docker Context…', 'c'],
    ]);
    assert.equal(rows[0].description, 'Docker at unix:///x refused the connection.');
  });
});

void test('md escapes Markdown in engine text; tooltipText keeps lines and paragraphs', () => {
  assert.equal(md('a_b *c* [d](e)'), 'a\\_b \\*c\\* \\[d\\]\\(e\\)');
  assert.equal(tooltipText(['a', 'b', '', 'c']), 'a  \nb\n\nc');
});

void test('clipboardText: IDs or names of the selected objects, one per line, no repeats, other rows skipped', () => {
  const services = servicesTree(buildServices(snapshot, NOW), { grouped: true });
  const stack = services.find((n) => n.kind === 'stack');
  assert.ok(stack?.children);
  const web = stack.children.find((n) => n.label === 'demo_web');
  assert.ok(web?.children);
  const firstTask = web.children.find((n) => n.kind === 'task');
  assert.ok(firstTask);
  assert.equal(clipboardText([web], 'id'), 's1');
  assert.equal(clipboardText([web], 'name'), 'demo_web');
  assert.equal(clipboardText([firstTask], 'name'), firstTask.label);
  assert.match(firstTask.label, /^demo_web\.\d$/);
  assert.equal(clipboardText([firstTask], 'id'), firstTask.dockerId);
  // A stack row is no Docker object; a repeated row is copied once.
  assert.equal(clipboardText([stack, web, web, firstTask], 'id'), `s1\n${firstTask.dockerId}`);
  const [mgr] = nodesTree(buildNodes(snapshot, NOW));
  assert.equal(clipboardText([mgr], 'name'), 'mgr-1');
  assert.equal(clipboardText(errorNodes('services', 'x', { retry: 'a', chooseContext: 'b', showLog: 'c' }), 'id'), '');
});
