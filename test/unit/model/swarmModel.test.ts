import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildNetworks,
  buildNodes,
  buildSecretsOrConfigs,
  buildServices,
  countReplicas,
  groupByStack,
  serviceHealth,
  splitTaskHistory,
} from '../../../src/model/swarmModel';
import { NOW, network, node, secretOrConfig, service, task } from './fixtures';

const nodes = [
  node('n1', 'mgr-1', { role: 'manager', leader: true, addr: '10.77.0.11' }),
  node('n2', 'mgr-2', { role: 'manager', reachability: 'unreachable', state: 'down', addr: '10.77.0.12' }),
  node('n3', 'wkr-1', { availability: 'drain', addr: '10.77.0.14' }),
  node('n4', 'wkr-2', { state: 'unknown', addr: '10.77.0.15' }),
];
const nodesById = new Map(nodes.map((n) => [n.ID ?? '', n]));

void describe('replica counting', () => {
  void test('replicated: desired from the spec, running counts running tasks that are still desired', () => {
    const s = service('s1', 'web', { replicas: 3 });
    const tasks = [
      task('t1', 's1', { slot: 1, node: 'n1' }),
      task('t2', 's1', { slot: 2, node: 'n4', state: 'starting' }),
      task('t3', 's1', { slot: 3, node: 'n1', state: 'running', desired: 'shutdown' }),
      task('t4', 's1', { slot: 2, node: 'n1', state: 'failed', desired: 'shutdown', err: 'task: non-zero exit (1)' }),
    ];
    assert.deepEqual(countReplicas(s, tasks, nodesById), { running: 1, desired: 3, completed: 0 });
  });

  void test('a running task on a node that is down does not count (like docker service ls)', () => {
    const s = service('s1', 'web', { replicas: 2 });
    const tasks = [task('t1', 's1', { slot: 1, node: 'n1' }), task('t2', 's1', { slot: 2, node: 'n2' })];
    assert.equal(countReplicas(s, tasks, nodesById).running, 1);
  });

  void test('global without ServiceStatus: one per live node that has a current task', () => {
    const s = service('g', 'agent', { global: true });
    const tasks = [
      task('a', 'g', { node: 'n1' }),
      task('b', 'g', { node: 'n2' }), // node down: neither desired nor running
      task('c', 'g', { node: 'n4', state: 'preparing' }),
      task('d', 'g', { node: 'n3', state: 'shutdown', desired: 'shutdown' }), // drained
    ];
    assert.deepEqual(countReplicas(s, tasks, nodesById), { running: 1, desired: 2, completed: 0 });
  });

  void test('global with ServiceStatus (status=true): desired is the engine\'s count of eligible nodes', () => {
    const s = service('g', 'agent', { global: true, status: { RunningTasks: 5, DesiredTasks: 5, CompletedTasks: 0 } });
    const tasks = ['n1', 'n4'].map((n, i) => task(`t${i}`, 'g', { node: n }));
    const c = countReplicas(s, tasks, nodesById);
    assert.equal(c.desired, 5);
    assert.equal(c.running, 2, 'running comes from the same task list the children show');
  });

  void test('health: all, some, none, updating, scaled to zero', () => {
    assert.equal(serviceHealth({ running: 2, desired: 2, completed: 0 }, 'replicated'), 'healthy');
    assert.equal(serviceHealth({ running: 1, desired: 2, completed: 0 }, 'replicated'), 'partial');
    assert.equal(serviceHealth({ running: 0, desired: 1, completed: 0 }, 'replicated'), 'down');
    assert.equal(serviceHealth({ running: 2, desired: 2, completed: 0 }, 'replicated', 'updating'), 'updating');
    assert.equal(serviceHealth({ running: 1, desired: 2, completed: 0 }, 'replicated', 'rollback_started'), 'updating');
    assert.equal(serviceHealth({ running: 2, desired: 2, completed: 0 }, 'replicated', 'completed'), 'healthy');
    assert.equal(serviceHealth({ running: 0, desired: 0, completed: 0 }, 'replicated'), 'idle');
    assert.equal(serviceHealth({ running: 0, desired: 3, completed: 3 }, 'replicated-job'), 'healthy');
  });
});

void describe('services', () => {
  const snapshot = {
    nodes,
    services: [
      service('s1', 'demo_web', { replicas: 2, stack: 'demo', image: 'nginx:1.25@sha256:0123456789abcdef0123456789abcdef', ports: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] } }),
      service('s2', 'crashloop', { replicas: 1 }),
      service('s3', 'demo_agent', { global: true, stack: 'demo' }),
      service('s4', 'other_db', { stack: 'other', update: { State: 'updating', Message: 'update in progress' } }),
    ],
    tasks: [
      task('w1', 's1', { slot: 1, node: 'n1' }),
      task('w2', 's1', { slot: 2, node: 'n4' }),
      task('c3', 's2', { slot: 1, node: 'n1', state: 'starting', secondsAgo: 1 }),
      task('c1', 's2', { slot: 1, node: 'n1', state: 'failed', desired: 'shutdown', err: 'task: non-zero exit (1)', secondsAgo: 300 }),
      task('c2', 's2', { slot: 1, node: 'n1', state: 'failed', desired: 'shutdown', err: 'task: non-zero exit (1)', secondsAgo: 30 }),
      task('g1', 's3', { node: 'n4' }),
      task('g2', 's3', { node: 'n1' }),
      task('d1', 's4', { slot: 1, node: 'n1' }),
    ],
  };
  const services = buildServices(snapshot, NOW);
  const byName = new Map(services.map((s) => [s.name, s]));

  void test('sorted by name, with mode, counts, image without digest, ports and stack', () => {
    assert.deepEqual(services.map((s) => s.name), ['crashloop', 'demo_agent', 'demo_web', 'other_db']);
    const web = byName.get('demo_web')!;
    assert.equal(web.mode, 'replicated');
    assert.equal(`${web.running}/${web.desired}`, '2/2');
    assert.equal(web.image, 'nginx:1.25');
    assert.equal(web.imageFull, 'nginx:1.25@sha256:0123456789abcdef0123456789abcdef');
    assert.deepEqual(web.ports, ['8080:80/tcp']);
    assert.equal(web.stack, 'demo');
    assert.equal(web.health, 'healthy');
    assert.equal(byName.get('other_db')!.health, 'updating');
    assert.equal(byName.get('other_db')!.updateMessage, 'update in progress');
  });

  void test('task history: the current task first, failed ones under history, newest first, with the engine error', () => {
    const crash = byName.get('crashloop')!;
    assert.deepEqual(crash.tasks.map((t) => t.id), ['c3']);
    assert.deepEqual(crash.history.map((t) => t.id), ['c2', 'c1']);
    assert.equal(crash.history[0].error, 'task: non-zero exit (1)');
    assert.equal(crash.history[0].age, '30 seconds ago');
    assert.equal(crash.history[0].name, 'crashloop.1');
    assert.equal(crash.health, 'down');
  });

  void test('task names: name.slot for replicated, name.hostname for global services; hostnames resolved', () => {
    assert.deepEqual(byName.get('demo_web')!.tasks.map((t) => [t.name, t.nodeHostname]), [['demo_web.1', 'mgr-1'], ['demo_web.2', 'wkr-2']]);
    assert.deepEqual(byName.get('demo_agent')!.tasks.map((t) => t.name), ['demo_agent.mgr-1', 'demo_agent.wkr-2']);
  });

  void test('splitTaskHistory orders current tasks by slot', () => {
    const split = splitTaskHistory(byName.get('demo_web')!.tasks.slice().reverse());
    assert.deepEqual(split.current.map((t) => t.slot), [1, 2]);
    assert.equal(split.history.length, 0);
  });

  void test('stack grouping: stacks in name order, loose services last', () => {
    const groups = groupByStack(services);
    assert.deepEqual(groups.map((g) => [g.stack, g.services.map((s) => s.name)]), [
      ['demo', ['demo_agent', 'demo_web']],
      ['other', ['other_db']],
      [undefined, ['crashloop']],
    ]);
    assert.deepEqual(groupByStack(services.filter((s) => !s.stack)).map((g) => g.stack), [undefined]);
  });
});

void describe('nodes', () => {
  const built = buildNodes(
    {
      nodes,
      services: [service('s1', 'web', { replicas: 2 }), service('g', 'agent', { global: true })],
      tasks: [
        task('t1', 's1', { slot: 1, node: 'n1' }),
        task('t2', 's1', { slot: 2, node: 'n4' }),
        task('t3', 's1', { slot: 2, node: 'n3', state: 'shutdown', desired: 'shutdown' }),
        task('t4', 'g', { node: 'n1' }),
      ],
    },
    NOW,
  );
  const byHost = new Map(built.map((n) => [n.hostname, n]));

  void test('managers first, then workers, each by hostname', () => {
    assert.deepEqual(built.map((n) => n.hostname), ['mgr-1', 'mgr-2', 'wkr-1', 'wkr-2']);
  });

  void test('roles, leader, availability, state, reachability, engine version, address', () => {
    const m1 = byHost.get('mgr-1')!;
    assert.deepEqual([m1.role, m1.leader, m1.availability, m1.state, m1.reachability, m1.engineVersion, m1.addr], ['manager', true, 'active', 'ready', 'reachable', '20.10.24', '10.77.0.11']);
    const m2 = byHost.get('mgr-2')!;
    assert.deepEqual([m2.role, m2.leader, m2.state, m2.reachability], ['manager', false, 'down', 'unreachable']);
    const w1 = byHost.get('wkr-1')!;
    assert.deepEqual([w1.role, w1.leader, w1.availability, w1.reachability, w1.addr], ['worker', false, 'drain', undefined, '10.77.0.14']);
    assert.equal(byHost.get('wkr-2')!.state, 'unknown');
  });

  void test('children are the current tasks placed on the node', () => {
    assert.deepEqual(byHost.get('mgr-1')!.tasks.map((t) => t.name), ['agent.mgr-1', 'web.1']);
    assert.deepEqual(byHost.get('wkr-1')!.tasks, [], 'a shut-down task on a drained node is not listed');
    assert.deepEqual(byHost.get('wkr-2')!.tasks.map((t) => t.name), ['web.2']);
  });
});

void describe('reverse references', () => {
  const services = [
    service('s1', 'web', { networks: ['net1'], secrets: [['sec1', 'db_password', 'db_password']], configs: [['cfg1', 'nginx_conf', '/etc/nginx/nginx.conf']] }),
    service('s2', 'api', { networks: ['backend'], secrets: [['sec1', 'db_password', '/run/secrets/pw'], ['sec2', 'api_key', 'api_key']] }),
    service('s3', 'lonely', {}),
  ];
  services[2].Endpoint = { VirtualIPs: [{ NetworkID: 'ingress1', Addr: '10.0.0.5/24' }] };

  void test('networks: services attached by ID, by name, and through a VIP; swarm scope only unless asked', () => {
    const networks = [
      network('net1', 'frontend', { attachable: true, subnet: '10.0.1.0/24' }),
      network('net2', 'backend'),
      network('ingress1', 'ingress', { ingress: true, subnet: '10.0.0.0/24' }),
      network('loc', 'bridge', { scope: 'local', driver: 'bridge' }),
    ];
    const built = buildNetworks({ networks, services }, { includeLocal: false });
    assert.deepEqual(built.map((n) => [n.name, n.services.map((s) => s.name)]), [
      ['backend', ['api']],
      ['frontend', ['web']],
      ['ingress', ['lonely']],
    ]);
    const frontend = built.find((n) => n.name === 'frontend')!;
    assert.deepEqual([frontend.driver, frontend.scope, frontend.attachable, frontend.ingress, frontend.subnets], ['overlay', 'swarm', true, false, ['10.0.1.0/24']]);
    assert.deepEqual(buildNetworks({ networks, services }, { includeLocal: true }).map((n) => n.name), ['backend', 'bridge', 'frontend', 'ingress']);
  });

  void test('secrets: services that use them with their target file names', () => {
    const built = buildSecretsOrConfigs([secretOrConfig('sec1', 'db_password'), secretOrConfig('sec2', 'api_key'), secretOrConfig('sec3', 'unused')], services, 'secret', NOW);
    const byName = new Map(built.map((s) => [s.name, s]));
    assert.deepEqual(byName.get('db_password')!.services, [
      { id: 's2', name: 'api', target: '/run/secrets/pw' },
      { id: 's1', name: 'web', target: 'db_password' },
    ]);
    assert.deepEqual(byName.get('api_key')!.services.map((s) => s.name), ['api']);
    assert.deepEqual(byName.get('unused')!.services, []);
    assert.equal(byName.get('unused')!.created, '2 hours ago');
    assert.deepEqual(byName.get('unused')!.labels, { team: 'ops' });
  });

  void test('configs: services that use them with their target file names', () => {
    const built = buildSecretsOrConfigs([secretOrConfig('cfg1', 'nginx_conf', 86400 * 3, 60)], services, 'config', NOW);
    assert.equal(built[0].kind, 'config');
    assert.deepEqual(built[0].services, [{ id: 's1', name: 'web', target: '/etc/nginx/nginx.conf' }]);
    assert.equal(built[0].created, '3 days ago');
    assert.equal(built[0].updated, '1 minute ago');
  });
});
