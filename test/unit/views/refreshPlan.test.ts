import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonLineDecoder, toSwarmEvent } from '../../../src/docker/events';
import { EXPLORER_VIEW_KINDS } from '../../../src/model/explorerTree';
import { kindsForViews, staleKinds, viewsShowing } from '../../../src/views/refreshPlan';

void test('all visible views together list each kind once', () => {
  assert.deepEqual([...kindsForViews(EXPLORER_VIEW_KINDS)].sort(), ['configs', 'networks', 'nodes', 'secrets', 'services', 'tasks']);
  assert.deepEqual([...kindsForViews(['secrets'])].sort(), ['secrets', 'services']);
});

void test('events make only what they touch stale, and only views showing it refresh', () => {
  assert.deepEqual([...staleKinds([{ type: 'secret' }])], ['secrets']);
  assert.deepEqual(viewsShowing(staleKinds([{ type: 'secret' }]), EXPLORER_VIEW_KINDS), ['secrets']);
  assert.deepEqual(viewsShowing(staleKinds([{ type: 'task' }]), EXPLORER_VIEW_KINDS), ['services', 'nodes']);
  assert.deepEqual(viewsShowing(staleKinds([{ type: 'service' }, { type: 'service' }]), EXPLORER_VIEW_KINDS), EXPLORER_VIEW_KINDS);
});

void test('engine events map to typed swarm events; noise is dropped', () => {
  const service = toSwarmEvent({
    Type: 'service',
    Action: 'update',
    Actor: { ID: 'svc1', Attributes: { name: 'web', 'replicas.new': '3', 'replicas.old': '2' } },
    scope: 'swarm',
    time: 1700000000,
    timeNano: 2 ** 60,
  });
  assert.deepEqual(service, {
    type: 'service',
    action: 'update',
    id: 'svc1',
    name: 'web',
    attributes: { name: 'web', 'replicas.new': '3', 'replicas.old': '2' },
    time: Math.floor(2 ** 60 / 1e6),
  });
  const task = toSwarmEvent({
    Type: 'container',
    Action: 'die',
    Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.task.id': 't1', 'com.docker.swarm.service.id': 'svc1', 'com.docker.swarm.task.name': 'web.1.t1' } },
    time: 1,
  });
  assert.equal(task?.type, 'task');
  assert.equal(task?.id, 't1');
  assert.equal(task?.serviceId, 'svc1');
  assert.equal(toSwarmEvent({ Type: 'container', Action: 'start', Actor: { ID: 'c2', Attributes: {} } }), undefined, 'a plain container');
  assert.equal(toSwarmEvent({ Type: 'container', Action: 'exec_start: sh', Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.task.id': 't1' } } }), undefined);
  assert.equal(toSwarmEvent({ Type: 'network', Action: 'connect', Actor: { ID: 'n' } }), undefined);
  assert.equal(toSwarmEvent({ Type: 'network', Action: 'create', Actor: { ID: 'n', Attributes: { name: 'x' } } })?.type, 'network');
  assert.equal(toSwarmEvent({ Type: 'image', Action: 'pull' }), undefined);
  assert.equal(toSwarmEvent({ Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.task.id': 't1' } } })?.action, 'health_status');
});

void test('the JSON line decoder survives split chunks and junk lines', () => {
  const d = new JsonLineDecoder();
  assert.deepEqual(d.push('{"a":1}\n{"b"'), [{ a: 1 }]);
  assert.deepEqual(d.push(Buffer.from(':2}\nnot json\n\n{"c":3}\n')), [{ b: 2 }, { c: 3 }]);
  assert.deepEqual(d.push(''), []);
});
