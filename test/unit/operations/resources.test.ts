import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service, SwarmNodeInfo } from '../../../src/operations/engineApi';
import { inUseExplanation, networkCreateBody, nextVersionName, servicesUsing, validateNetworkForm } from '../../../src/operations/resources';
import { availabilityExplanation, checkNodeRemoval } from '../../../src/operations/nodes';
import { removalQuestion } from '../../../src/operations/services';

function svc(id: string, name: string, container: Service['Spec']['TaskTemplate']['ContainerSpec'], networks: { Target: string; Aliases?: string[] }[] = []): Service {
  return { ID: id, Version: { Index: 1 }, Spec: { Name: name, TaskTemplate: { ContainerSpec: container, Networks: networks } } };
}

const services: Service[] = [
  svc('s1', 'web', { Secrets: [{ SecretID: 'sec1', SecretName: 'db', File: { Name: 'db' } }], Configs: [{ ConfigID: 'cfg1', ConfigName: 'conf', File: { Name: '/etc/app.conf' } }] }, [
    { Target: 'net1', Aliases: ['web', 'www'] },
  ]),
  svc('s2', 'api', { Secrets: [{ SecretID: 'sec1', SecretName: 'db', File: { Name: '/run/secrets/pw' } }] }, [{ Target: 'net1' }]),
  svc('s3', 'cron', {}),
];

void test('which services use a secret, config or network, with their targets', () => {
  assert.deepEqual(servicesUsing(services, 'secret', { id: 'sec1', name: 'db' }), [
    { serviceId: 's2', serviceName: 'api', target: '/run/secrets/pw' },
    { serviceId: 's1', serviceName: 'web', target: 'db' },
  ]);
  assert.deepEqual(servicesUsing(services, 'config', { id: 'cfg1', name: 'conf' }), [{ serviceId: 's1', serviceName: 'web', target: '/etc/app.conf' }]);
  assert.deepEqual(servicesUsing(services, 'network', { id: 'net1', name: 'backend' }).map((u) => [u.serviceName, u.target]), [
    ['api', undefined],
    ['web', 'web, www'],
  ]);
  assert.deepEqual(servicesUsing(services, 'secret', { id: 'other', name: 'other' }), []);
});

void test('the in-use explanation names every service', () => {
  const uses = servicesUsing(services, 'secret', { id: 'sec1', name: 'db' });
  assert.equal(inUseExplanation('secret', 'db', uses), 'Secret db is used by api (as /run/secrets/pw) and web (as db). Remove it from those services first, or rotate it.');
  assert.equal(
    inUseExplanation('network', 'backend', servicesUsing(services, 'network', { id: 'net1', name: 'backend' })),
    'Network backend is used by api and web (with aliases web, www). Disconnect those services or remove them first.',
  );
  assert.equal(inUseExplanation('config', 'conf', [{ serviceId: 's1', serviceName: 'web' }]), 'Config conf is used by web. Remove it from that service first, or rotate it.');
});

void test('rotation names', () => {
  assert.equal(nextVersionName('db_password'), 'db_password-v2');
  assert.equal(nextVersionName('db_password-v2'), 'db_password-v3');
  assert.equal(nextVersionName('tls-v9'), 'tls-v10');
});

void test('overlay network body and its validation', () => {
  assert.deepEqual(networkCreateBody({ name: 'front', attachable: true, encrypted: true, subnet: '10.30.0.0/24', gateway: '10.30.0.1', labels: ['team=web'] }), {
    Name: 'front',
    Driver: 'overlay',
    CheckDuplicate: true,
    Attachable: true,
    Internal: false,
    Labels: { team: 'web' },
    Options: { encrypted: '' },
    IPAM: { Driver: 'default', Config: [{ Subnet: '10.30.0.0/24', Gateway: '10.30.0.1' }] },
  });
  assert.equal(networkCreateBody({ name: 'plain' }).IPAM, undefined);
  assert.deepEqual(validateNetworkForm({ name: 'ok', subnet: '10.30.0.0/24', gateway: '10.31.0.1' }), ['The gateway 10.31.0.1 is outside 10.30.0.0/24.']);
});

function node(role: 'manager' | 'worker', state: string): SwarmNodeInfo {
  return { ID: 'n1', Version: { Index: 1 }, Spec: { Role: role, Availability: 'active' }, Description: { Hostname: 'wkr-1' }, Status: { State: state } };
}

void test('only down workers can be removed; the reason says what to do', () => {
  assert.deepEqual(checkNodeRemoval(node('worker', 'down')), { ok: true, hostname: 'wkr-1' });
  const ready = checkNodeRemoval(node('worker', 'ready'));
  assert.equal(ready.ok, false);
  if (!ready.ok) assert.match(ready.reason, /^wkr-1 is ready, not down\. Only nodes that are down can be removed/);
  const manager = checkNodeRemoval(node('manager', 'down'));
  assert.equal(manager.ok, false);
  if (!manager.ok) assert.match(manager.reason, /is a manager\. Demote it first/);
});

void test('drain explains that tasks move', () => {
  assert.match(availabilityExplanation('wkr-1', 'drain', 3), /^Draining wkr-1 stops its 3 running tasks; the swarm reschedules replicated tasks on other nodes/);
  assert.match(availabilityExplanation('wkr-1', 'pause', 1), /keeps its 1 running task but places no new task/);
});

void test('the removal question names each service and its running tasks', () => {
  assert.equal(removalQuestion([{ id: 'a', name: 'web', runningTasks: 3 }]), 'Remove service web (3 running tasks)? All its tasks stop.');
  assert.equal(
    removalQuestion([
      { id: 'a', name: 'web', runningTasks: 1 },
      { id: 'b', name: 'api', runningTasks: 0 },
    ]),
    'Remove 2 services: web (1 running task), api (0 running tasks)? All their tasks stop.',
  );
});
