import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presentConnection } from '../../../src/views/connectionStatus';
import { ConnectionError } from '../../../src/docker/errors';
import { parseDockerHost } from '../../../src/docker/hostString';
import { ResolvedEndpoint } from '../../../src/docker/endpoint';
import { DockerClient, EngineInfo } from '../../../src/docker/client';

const ep: ResolvedEndpoint = { source: 'env:DOCKER_CONTEXT', contextName: 'prod', host: 'tcp://h:2376', transport: parseDockerHost('tcp://h:2376'), warnings: [] };
const client = (swarm: EngineInfo['swarm']): DockerClient => ({
  docker: undefined as never,
  endpoint: ep,
  info: { engineVersion: '20.10.24', apiVersion: '1.41', negotiatedApiVersion: '1.41', os: 'linux', arch: 'amd64', name: 'n', swarm },
});

test('idle shows the endpoint label without contacting Docker', () => {
  const p = presentConnection({ status: 'idle' }, ep);
  assert.equal(p.key, 'idle');
  assert.match(p.statusText, /Swarm: prod$/);
});

test('connected manager', () => {
  const p = presentConnection({ status: 'connected', client: client({ state: 'active', role: 'manager', nodes: 5 }) });
  assert.equal(p.key, 'connected');
  assert.match(p.statusText, /Swarm: prod · manager · 5 nodes$/);
  assert.equal(p.viewMessage, undefined);
});

test('worker, not in a swarm, locked, swarm error', () => {
  assert.equal(presentConnection({ status: 'connected', client: client({ state: 'active', role: 'worker' }) }).key, 'worker');
  assert.equal(presentConnection({ status: 'connected', client: client({ state: 'inactive', role: 'none' }) }).key, 'notSwarm');
  assert.equal(presentConnection({ status: 'connected', client: client({ state: 'locked', role: 'none' }) }).key, 'locked');
  assert.equal(presentConnection({ status: 'connected', client: client({ state: 'error', role: 'none', error: 'raft broke' }) }).viewMessage, 'Swarm error: raft broke');
});

test('error puts the message in the view and the tooltip', () => {
  const error = new ConnectionError('refused', 'Docker at tcp://h:2376 refused the connection.');
  const p = presentConnection({ status: 'error', error, endpoint: ep }, ep);
  assert.equal(p.key, 'error');
  assert.equal(p.viewMessage, error.message);
  assert.match(p.statusTooltip, /refused the connection/);
  assert.match(p.statusText, /disconnected/);
});
