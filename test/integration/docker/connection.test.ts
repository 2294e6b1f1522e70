import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from '../../../src/docker/client';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { ConnectionError, describeConnectionError } from '../../../src/docker/errors';
import { DockerConnection, nodeFileReader } from '../../../src/docker/connection';
import { contextDirName } from '../../../src/docker/contexts';
import { startEngine, SandboxEngine } from '../../harness/engine';

const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-conn-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function envFor(vars: NodeJS.ProcessEnv) {
  return { env: { DOCKER_CONFIG: path.join(scratch, 'cfg'), ...vars }, homeDir: scratch, platform: 'linux' as const, fs: nodeFileReader };
}

describe('connection to real engines', () => {
  test('the sandbox swarm: manager, API negotiated, seeded services visible', async () => {
    assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    const ep = await resolveEndpoint({}, envFor({ DOCKER_HOST: host }));
    const client = await connect(ep);
    assert.equal(client.info.swarm.state, 'active');
    assert.equal(client.info.swarm.role, 'manager');
    assert.equal(client.info.swarm.nodes, 1);
    assert.match(client.info.engineVersion, /^\d+\.\d+/);
    assert.equal(client.info.negotiatedApiVersion, client.info.apiVersion <= '1.47' ? client.info.apiVersion : '1.47');
    const services = await client.docker.listServices();
    const names = services.map((s) => s.Spec?.Name);
    for (const expected of ['demo_web', 'demo_worker', 'crashloop']) assert.ok(names.includes(expected), `${expected} in ${names.join(',')}`);
  });

  test('the same engine through a docker context in a temporary DOCKER_CONFIG', async () => {
    assert.ok(host);
    const cfg = path.join(scratch, 'ctxcfg');
    const dir = path.join(cfg, 'contexts', 'meta', contextDirName('sandbox'));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ Name: 'sandbox', Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
    fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ currentContext: 'sandbox' }));
    const conn = new DockerConnection(() => ({}), () => ({ env: { DOCKER_CONFIG: cfg }, homeDir: scratch, platform: 'linux', fs: nodeFileReader }), silent);
    const client = await conn.client();
    assert.equal(client.endpoint.contextName, 'sandbox');
    assert.equal(client.endpoint.source, 'config:currentContext');
    assert.equal(conn.current.status, 'connected');
    assert.ok(conn.counter.count >= 2, 'version and info were requested');
  });

  test('the docker CLI agrees on the engine version', async () => {
    assert.ok(host);
    const { stdout } = await promisify(execFile)('docker', ['-H', host, 'version', '--format', '{{.Server.Version}}']);
    const client = await connect(await resolveEndpoint({ host }, envFor({})));
    assert.equal(client.info.engineVersion, stdout.trim());
  });

  test('a missing socket gives the short socket message and the state records it', async () => {
    const missing = `unix://${path.join(scratch, 'nope.sock')}`;
    const conn = new DockerConnection(() => ({ host: missing }), () => envFor({}), silent);
    await assert.rejects(conn.client(), (e: unknown) => e instanceof ConnectionError && e.kind === 'socket-missing' && e.message === `Cannot reach Docker at ${missing}: the socket does not exist. Is dockerd running?`);
    assert.equal(conn.current.status, 'error');
  });

  test('a socket file nobody listens on is "refused"', async () => {
    const net = await import('node:net');
    const sock = path.join(scratch, 'dead.sock');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    await new Promise<void>((r) => server.close(() => r()));
    fs.writeFileSync(sock, '');
    const ep = await resolveEndpoint({ host: `unix://${sock}` }, envFor({}));
    await assert.rejects(connect(ep), (e: unknown) => e instanceof ConnectionError && ['refused', 'socket-missing'].includes(e.kind));
  });

  test('an HTTP server that never answers times out with a clear message', async () => {
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as import('node:net').AddressInfo).port;
    try {
      const ep = await resolveEndpoint({ host: `tcp://127.0.0.1:${port}` }, envFor({}));
      await assert.rejects(connect(ep, { timeoutMs: 500 }), (e: unknown) => e instanceof ConnectionError && e.kind === 'timeout' && /did not answer within/.test(e.message));
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});

describe('a non-swarm engine', () => {
  let engine: SandboxEngine | undefined;
  after(async () => engine?.stop());

  test('is reported as "not in a swarm", and swarm calls give the engine\'s not-a-manager message', async () => {
    engine = await startEngine({ name: 'noswarm', swarm: false, importBusybox: false });
    const client = await connect(await resolveEndpoint({ host: engine.dockerHost }, envFor({})));
    assert.equal(client.info.swarm.state, 'inactive');
    assert.equal(client.info.swarm.role, 'none');
    let caught: unknown;
    try {
      await client.docker.listServices();
    } catch (err) {
      caught = err;
    }
    const e = describeConnectionError(caught, engine.dockerHost);
    assert.equal(e.kind, 'not-manager');
    assert.match(e.message, /^This node is not a swarm manager\./);
  });
});
