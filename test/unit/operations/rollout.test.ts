import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service, Task } from '../../../src/operations/engineApi';
import { assessRollout, changeTime, taskErrors } from '../../../src/operations/rollout';

const T0 = '2025-01-01T10:00:00.123456789Z';
const T1 = '2025-01-01T10:00:05.5Z';
const BEFORE = '2025-01-01T09:59:00Z';

function service(over: Partial<Service> = {}, replicas: number | 'global' = 2): Service {
  return {
    ID: 'svc1',
    Version: { Index: 10 },
    CreatedAt: BEFORE,
    UpdatedAt: T0,
    Spec: { Name: 'web', TaskTemplate: {}, Mode: replicas === 'global' ? { Global: {} } : { Replicated: { Replicas: replicas } } },
    ...over,
  };
}

function task(id: string, state: string, over: Partial<Task> = {}, err?: string): Task {
  return { ID: id, ServiceID: 'svc1', Slot: Number(id.replace(/\D/g, '')) || 1, NodeID: 'n1', DesiredState: 'running', Status: { State: state, Timestamp: T1, Err: err }, ...over };
}

void test('timestamps with nanoseconds parse; the change time is the update start, else UpdatedAt', () => {
  assert.equal(changeTime(service()), Date.parse('2025-01-01T10:00:00.123Z'));
  assert.equal(changeTime(service({ UpdateStatus: { State: 'updating', StartedAt: T1 } })), Date.parse(T1));
  // A paused update bumps UpdatedAt after the failure; the failure still counts.
  assert.equal(changeTime(service({ UpdatedAt: '2025-01-01T11:00:00Z', UpdateStatus: { State: 'paused', StartedAt: T0 } })), Date.parse(T0));
});

void test('converged when every desired replica of the current spec runs', () => {
  const v = assessRollout({ service: service(), upToDate: [task('t1', 'running', { Slot: 1 }), task('t2', 'running', { Slot: 2 })], all: [] }, 'create');
  assert.equal(v.state, 'converged');
  assert.equal(v.message, '2/2 tasks running');
});

void test('still progressing while a replica is starting, or a replica of the old spec still runs', () => {
  const starting = assessRollout({ service: service(), upToDate: [task('t1', 'running', { Slot: 1 }), task('t2', 'starting', { Slot: 2 })], all: [] }, 'update');
  assert.equal(starting.state, 'progressing');
  assert.equal(starting.message, '1/2 tasks running');
  const twoSameSlot = assessRollout({ service: service(), upToDate: [task('t1', 'running', { Slot: 1 }), task('t3', 'running', { Slot: 1 })], all: [] }, 'update');
  assert.equal(twoSameSlot.state, 'progressing', 'two tasks of one slot count once');
});

void test('an unschedulable task gives its error text', () => {
  const pending = task('t1', 'pending', {}, 'no suitable node (scheduling constraints not satisfied on 1 node)');
  const v = assessRollout({ service: service({}, 1), upToDate: [pending], all: [pending] }, 'create');
  assert.equal(v.state, 'progressing');
  assert.deepEqual(v.errors, ['no suitable node (scheduling constraints not satisfied on 1 node)']);
});

void test('task errors: failed and rejected since the change, newest first, distinct; older ones are ignored', () => {
  const tasks: Task[] = [
    task('t1', 'failed', { Status: { State: 'failed', Timestamp: '2025-01-01T10:00:02Z', Err: 'task: non-zero exit (1)' } }),
    task('t2', 'failed', { Status: { State: 'failed', Timestamp: '2025-01-01T10:00:04Z', Err: 'task: non-zero exit (1)' } }),
    task('t3', 'rejected', { Status: { State: 'rejected', Timestamp: '2025-01-01T10:00:06Z', Err: 'No such image: nope:1' } }),
    task('t4', 'failed', { Status: { State: 'failed', Timestamp: BEFORE, Err: 'an old failure' } }),
    task('t5', 'running'),
    task('t6', 'shutdown', { DesiredState: 'shutdown', Status: { State: 'shutdown', Timestamp: T1 } }),
  ];
  assert.deepEqual(taskErrors(tasks, Date.parse(T0)), ['No such image: nope:1', 'task: non-zero exit (1)']);
});

void test('update states: paused, rolled back, rolling back, updating', () => {
  const running = [task('t1', 'running', { Slot: 1 }), task('t2', 'running', { Slot: 2 })];
  const paused = assessRollout(
    { service: service({ UpdateStatus: { State: 'paused', Message: 'update paused due to failure or early termination of task abc' } }), upToDate: running, all: [] },
    'update',
  );
  assert.equal(paused.state, 'paused');
  assert.equal(paused.message, 'Update paused: update paused due to failure or early termination of task abc');
  const rolledBack = assessRollout({ service: service({ UpdateStatus: { State: 'rollback_completed', Message: 'rollback completed' } }), upToDate: running, all: [] }, 'update');
  assert.equal(rolledBack.state, 'rolled-back');
  const manual = assessRollout({ service: service({ UpdateStatus: { State: 'rollback_completed' } }), upToDate: running, all: [] }, 'rollback');
  assert.equal(manual.state, 'converged', 'a requested rollback that completed is success');
  const rolling = assessRollout({ service: service({ UpdateStatus: { State: 'rollback_started', Message: 'manually requested rollback' } }), upToDate: running, all: [] }, 'rollback');
  assert.equal(rolling.state, 'progressing');
  assert.equal(rolling.message, 'Rolling back (2/2 tasks running): manually requested rollback');
  const updating = assessRollout({ service: service({ UpdateStatus: { State: 'updating' } }), upToDate: running, all: [] }, 'update');
  assert.equal(updating.state, 'progressing', 'the engine has not finished the update (monitor period)');
  const completed = assessRollout({ service: service({ UpdateStatus: { State: 'completed' } }), upToDate: running, all: [] }, 'update');
  assert.equal(completed.state, 'converged');
});

void test('global services count one task per node', () => {
  const tasks = [task('a', 'running', { NodeID: 'n1' }), task('b', 'running', { NodeID: 'n2' }), task('c', 'preparing', { NodeID: 'n3' })];
  const v = assessRollout({ service: service({}, 'global'), upToDate: tasks, all: tasks }, 'create');
  assert.equal(v.state, 'progressing');
  assert.equal(v.message, '2/3 tasks running');
  const done = assessRollout({ service: service({}, 'global'), upToDate: tasks.slice(0, 2), all: [] }, 'create');
  assert.equal(done.state, 'converged');
});

void test('scaled to zero converges once no task of the service should run', () => {
  const stopping = [task('t1', 'running', { DesiredState: 'shutdown' })];
  assert.equal(assessRollout({ service: service({}, 0), upToDate: stopping, all: [] }, 'scale').state, 'converged');
});
