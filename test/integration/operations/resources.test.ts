/**
 * Networks, secrets and configs against the sandbox engine: create, remove, the explanation instead of the
 * engine's "in use" failure, and rotation moving a service to `name-v2`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { DEMO_IMAGE } from '../../harness/engine';
import { SEED_NAMES } from '../../harness/seed';
import { inspectService } from '../../../src/operations/engineApi';
import {
  createFileObject,
  createNetwork,
  planRotation,
  removeFileObject,
  removeNetwork,
  rotateFileObject,
} from '../../../src/operations/resources';
import { createService } from '../../../src/operations/services';
import { Cleanup, sandboxDocker, uniqueName } from './helpers';

let docker: Docker;
let cleanup: Cleanup;

before(() => {
  docker = sandboxDocker();
  cleanup = new Cleanup(docker);
});

after(async () => {
  await cleanup.run();
});

void test('an overlay network is created with its options, and removed', async () => {
  const name = uniqueName('net');
  const created = await createNetwork(docker, { name, attachable: true, encrypted: true, subnet: '10.231.7.0/24', gateway: '10.231.7.1', labels: ['team=ops'] });
  cleanup.add('network', created.id);
  const inspected = (await docker.getNetwork(created.id).inspect()) as {
    Driver: string; Scope: string; Attachable: boolean; Labels: Record<string, string>; Options: Record<string, string>;
    IPAM: { Config: { Subnet: string; Gateway: string }[] };
  };
  assert.equal(inspected.Driver, 'overlay');
  assert.equal(inspected.Scope, 'swarm');
  assert.equal(inspected.Attachable, true);
  assert.deepEqual(inspected.Labels, { team: 'ops' });
  assert.ok('encrypted' in inspected.Options);
  assert.deepEqual(inspected.IPAM.Config, [{ Subnet: '10.231.7.0/24', Gateway: '10.231.7.1' }]);
  assert.deepEqual(await removeNetwork(docker, name), { removed: true, name });
  await assert.rejects(docker.getNetwork(created.id).inspect(), (err: { statusCode?: number }) => err.statusCode === 404);
});

void test('removing a network in use explains which services use it', async () => {
  const result = await removeNetwork(docker, SEED_NAMES.network);
  assert.equal(result.removed, false);
  if (!result.removed) {
    assert.deepEqual(result.usedBy.map((u) => u.serviceName), [SEED_NAMES.web, SEED_NAMES.worker]);
    assert.equal(result.explanation, `Network ${SEED_NAMES.network} is used by ${SEED_NAMES.web} (with aliases web) and ${SEED_NAMES.worker} (with aliases worker). Disconnect those services or remove them first.`);
  }
  await assert.rejects(removeNetwork(docker, 'ingress'), /a network Docker manages itself/);
});

void test('a secret is created from a value that is zeroed afterwards; in use it is explained; free it is removed', async () => {
  const name = uniqueName('secret');
  const value = Buffer.from('s3cr3t-value-for-ops', 'utf8');
  const created = await createFileObject(docker, 'secret', { name, data: value, labels: ['purpose=test'] });
  cleanup.add('secret', created.id);
  assert.ok(value.every((b) => b === 0), 'the caller\'s buffer is zeroed');
  const inspected = (await docker.getSecret(created.id).inspect()) as { Spec: { Name: string; Labels: Record<string, string>; Data?: string } };
  assert.equal(inspected.Spec.Name, name);
  assert.deepEqual(inspected.Spec.Labels, { purpose: 'test' });
  assert.equal(inspected.Spec.Data, undefined, 'the engine never returns secret data');

  const service = await createService(docker, {
    image: DEMO_IMAGE, name: uniqueName('uses-secret'), mode: 'replicated', replicas: 0, command: ['sleep', '60'], stopGracePeriodSeconds: 1,
    secrets: [{ source: name, target: 'app_password' }],
  });
  cleanup.add('service', service.id);
  const inUse = await removeFileObject(docker, 'secret', name);
  assert.equal(inUse.removed, false);
  if (!inUse.removed) assert.equal(inUse.explanation, `Secret ${name} is used by ${service.name} (as app_password). Remove it from that service first, or rotate it.`);

  await docker.getService(service.id).remove();
  assert.deepEqual(await removeFileObject(docker, 'secret', created.id), { removed: true, name });
});

void test('rotation creates name-v2 and moves the services to it, keeping the target', async () => {
  const name = uniqueName('conf');
  const created = await createFileObject(docker, 'config', { name, data: Buffer.from('v1') });
  cleanup.add('config', created.id);
  const service = await createService(docker, {
    image: DEMO_IMAGE, name: uniqueName('uses-config'), mode: 'replicated', replicas: 0, command: ['sleep', '60'], stopGracePeriodSeconds: 1,
    configs: [{ source: name, target: '/etc/app.conf' }],
  });
  cleanup.add('service', service.id);
  const plan = await planRotation(docker, 'config', name);
  assert.equal(plan.toName, `${name}-v2`);
  assert.deepEqual(plan.preview, [
    `Create config ${name}-v2 with the new value.`,
    `Update service ${service.name}: config ${name} → ${name}-v2 (still mounted as /etc/app.conf); its tasks restart.`,
    `${name} itself is kept until you remove it.`,
  ]);
  const result = await rotateFileObject(docker, plan, Buffer.from('v2'));
  cleanup.add('config', result.created.id);
  assert.deepEqual(result.updated.map((u) => u.name), [service.name]);
  const refs = (await inspectService(docker, service.id)).Spec.TaskTemplate.ContainerSpec?.Configs;
  assert.deepEqual(refs?.map((r) => [r.ConfigName, r.ConfigID, r.File?.Name]), [[`${name}-v2`, result.created.id, '/etc/app.conf']]);
  const data = (await docker.getConfig(result.created.id).inspect()) as { Spec: { Data: string } };
  assert.equal(Buffer.from(data.Spec.Data, 'base64').toString(), 'v2');
  // The old config is free now.
  assert.deepEqual(await removeFileObject(docker, 'config', name), { removed: true, name });
});

void test('engine errors come back as the engine\'s message', async () => {
  const name = uniqueName('dup');
  const created = await createFileObject(docker, 'config', { name, data: Buffer.from('x') });
  cleanup.add('config', created.id);
  await assert.rejects(createFileObject(docker, 'config', { name, data: Buffer.from('y') }), (err: Error) => {
    assert.match(err.message, new RegExp(`${name}.*already exists|already exists.*${name}|AlreadyExists`, 'i'));
    assert.doesNotMatch(err.message, /HTTP code/);
    return true;
  });
  await assert.rejects(createFileObject(docker, 'secret', { name: 'bad/name', data: Buffer.from('x') }), /not a valid secret name/);
});
