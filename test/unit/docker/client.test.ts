import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SshDialAgent } from '../../../src/docker/sshAgent';
import { compareApiVersions, negotiateApiVersion, swarmFromInfo, describeSwarm, dockerodeOptions, EngineInfo } from '../../../src/docker/client';
import { ConnectionError } from '../../../src/docker/errors';
import { parseDockerHost } from '../../../src/docker/hostString';
import { ResolvedEndpoint } from '../../../src/docker/endpoint';

test('compareApiVersions', () => {
  assert.equal(compareApiVersions('1.41', '1.41'), 0);
  assert.equal(compareApiVersions('1.9', '1.41'), -1);
  assert.equal(compareApiVersions('1.52', '1.47'), 1);
});

test('negotiateApiVersion: engine 20.10 uses 1.41, newer engines are capped, older are refused', () => {
  assert.equal(negotiateApiVersion('1.41'), '1.41');
  assert.equal(negotiateApiVersion('1.45'), '1.45');
  assert.equal(negotiateApiVersion('1.52'), '1.47');
  assert.throws(() => negotiateApiVersion('1.40'), (e: unknown) => e instanceof ConnectionError && e.kind === 'api-too-old' && /API 1\.40.*1\.41 \(Engine 20\.10\)/.test(e.message));
});

const info = (Swarm: object) => swarmFromInfo({ Swarm } as never);

test('swarmFromInfo: manager, worker, inactive, locked, error, pending', () => {
  assert.deepEqual(info({ LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n1', Nodes: 5, Managers: 3, Cluster: { ID: 'c' } }), {
    state: 'active', role: 'manager', nodeId: 'n1', nodeAddr: undefined, clusterId: 'c', nodes: 5, managers: 3, error: undefined,
  });
  assert.equal(info({ LocalNodeState: 'active', ControlAvailable: false, Nodes: 0 }).role, 'worker');
  assert.equal(info({ LocalNodeState: 'active', ControlAvailable: false, Nodes: 0 }).nodes, undefined);
  assert.equal(info({ LocalNodeState: 'inactive' }).role, 'none');
  assert.equal(info({ LocalNodeState: 'locked' }).state, 'locked');
  assert.equal(info({ LocalNodeState: 'error', Error: 'bad' }).error, 'bad');
  assert.equal(info({ LocalNodeState: 'pending' }).state, 'pending');
  assert.equal(info({ LocalNodeState: '' }).state, 'inactive');
});

test('describeSwarm', () => {
  const mk = (swarm: EngineInfo['swarm']): EngineInfo => ({ engineVersion: '', apiVersion: '', negotiatedApiVersion: '', os: '', arch: '', name: '', swarm });
  assert.equal(describeSwarm(mk({ state: 'active', role: 'manager', nodes: 5 })), 'manager · 5 nodes');
  assert.equal(describeSwarm(mk({ state: 'active', role: 'manager', nodes: 1 })), 'manager · 1 node');
  assert.equal(describeSwarm(mk({ state: 'active', role: 'worker' })), 'worker');
  assert.equal(describeSwarm(mk({ state: 'inactive', role: 'none' })), 'not in a swarm');
  assert.equal(describeSwarm(mk({ state: 'locked', role: 'none' })), 'swarm locked');
});

const endpoint = (host: string, tls?: ResolvedEndpoint['tls']): ResolvedEndpoint => ({
  source: 'default', contextName: 'default', host, transport: parseDockerHost(host, tls !== undefined), tls, warnings: [],
});

test('dockerodeOptions: unix, tcp, tcp+TLS with and without verification, ssh via agent', () => {
  assert.deepEqual(dockerodeOptions(endpoint('unix:///s.sock')), { socketPath: '/s.sock' });
  assert.deepEqual(dockerodeOptions(endpoint('tcp://h:1')), { protocol: 'http', host: 'h', port: 1 });
  const verified = dockerodeOptions(endpoint('tcp://h', { verify: true, ca: Buffer.from('CA') })) as { protocol: string; port: number; agent: { options: { rejectUnauthorized: boolean; ca: Buffer } } };
  assert.equal(verified.protocol, 'https');
  assert.equal(verified.port, 2376);
  assert.equal(verified.agent.options.rejectUnauthorized, true);
  assert.equal(verified.agent.options.ca.toString(), 'CA');
  const unverified = dockerodeOptions(endpoint('tcp://h', { verify: false })) as { agent: { options: { rejectUnauthorized: boolean } } };
  assert.equal(unverified.agent.options.rejectUnauthorized, false);
  // ssh: plain HTTP through Swarmscope's SSH agent (one kept-alive connection, dial-stdio channels).
  const ssh = dockerodeOptions(endpoint('ssh://ops@m1:2222')) as { protocol: string; host: string; port: number; agent: unknown };
  assert.deepEqual([ssh.protocol, ssh.host, ssh.port], ['http', 'm1', 2222]);
  assert.ok(ssh.agent instanceof SshDialAgent);
  (ssh.agent as SshDialAgent).destroy();
});
