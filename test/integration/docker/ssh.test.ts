/**
 * The ssh:// transport against a real OpenSSH server (test/harness/sshd.ts) in front of the sandbox engine: the
 * whole API over `docker system dial-stdio`, authentication through an ssh-agent only, and the host key checked
 * against known_hosts like ssh does (plain and hashed entries trusted; unknown and changed keys refused with a
 * message that says what to do).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { connect, DockerClient } from '../../../src/docker/client';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { ConnectionError } from '../../../src/docker/errors';
import { nodeFileReader, releaseClient } from '../../../src/docker/connection';
import { CHANNELS_PER_CONNECTION, SshDialAgent } from '../../../src/docker/sshAgent';
import { SshServer, startSshd } from '../../harness/sshd';
import { until } from '../../harness/wait';

const execFileAsync = promisify(execFile);
const dockerHost = process.env.SWARMSCOPE_TEST_DOCKER_HOST ?? '';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-ssh-'));
const home = path.join(dir, 'home');
const knownHostsFile = path.join(home, '.ssh', 'known_hosts');
let server: SshServer;
const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };

function writeKnownHosts(text: string): void {
  fs.mkdirSync(path.dirname(knownHostsFile), { recursive: true });
  fs.writeFileSync(knownHostsFile, text);
}

/** A second ssh-agent holding only `keyFile` (a key the server does not authorize). */
async function startAgentWith(keyFile: string): Promise<{ socket: string; stop(): void }> {
  const socket = path.join(dir, `agent-${Date.now()}.sock`);
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  await until('the second agent', async () => fs.existsSync(socket), 10_000, 50);
  await execFileAsync('ssh-add', ['-q', keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
  return { socket, stop: () => agent.kill('SIGTERM') };
}

const clients: DockerClient[] = [];

async function connectOverSsh(): Promise<DockerClient> {
  const env = { DOCKER_HOST: `ssh://${server.user}@${server.host}:${server.port}`, DOCKER_CONFIG: path.join(dir, 'cfg') };
  const ep = await resolveEndpoint({}, { env, homeDir: home, platform: 'linux', fs: nodeFileReader });
  const client = await connect(ep, { timeoutMs: 30_000 });
  clients.push(client);
  return client;
}

describe('ssh:// through a real sshd', () => {
  before(async () => {
    assert.ok(dockerHost, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    server = await startSshd({ dir: path.join(dir, 'sshd'), dockerHost });
    // known_hosts is read from the user's home, as ssh does; the agent is the only way to authenticate.
    process.env.HOME = home;
    process.env.SSH_AUTH_SOCK = server.agentSocket;
  });

  after(async () => {
    for (const c of clients) releaseClient(c);
    await server?.stop();
    process.env.HOME = saved.HOME;
    process.env.SSH_AUTH_SOCK = saved.SSH_AUTH_SOCK;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a host listed in known_hosts: the whole API over ssh, the sandbox swarm seen as from a manager', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    const client = await connectOverSsh();
    assert.equal(client.endpoint.transport.scheme, 'ssh');
    assert.equal(client.info.swarm.role, 'manager');
    const names = (await client.docker.listServices()).map((s) => s.Spec?.Name);
    assert.ok(names.includes('demo_web'), names.join(','));
    assert.equal((await client.docker.listNodes()).length, 1, 'a second request over a second ssh channel');
  });

  test('requests share kept-alive SSH connections: sequential ones one channel, many at once spread over connections', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    const client = await connectOverSsh();
    const agent = (client.docker.modem as unknown as { agent: SshDialAgent }).agent;
    assert.ok(agent instanceof SshDialAgent);
    const opened = agent.connectionsOpened;
    // Sequential requests reuse one kept-alive channel: no new SSH connection.
    for (let i = 0; i < 5; i++) await client.docker.listServices();
    assert.equal(agent.connectionsOpened, opened, 'no new SSH connection for sequential requests');
    // 12 at once need more channels than one connection may carry (CHANNELS_PER_CONNECTION).
    const results = await Promise.all(Array.from({ length: 12 }, () => client.docker.listNodes()));
    assert.ok(results.every((r) => r.length === 1));
    assert.ok(agent.connectionsOpened >= 12 / CHANNELS_PER_CONNECTION, `${agent.connectionsOpened} connections for 12 concurrent requests`);
    agent.destroy();
  });

  test('the headless CLI over ssh:// prints the swarm and exits by itself', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    const cli = path.resolve(__dirname, '../../../src/cli.js');
    const started = Date.now();
    const { stdout } = await execFileAsync(process.execPath, [cli, 'info', '-H', `ssh://root@127.0.0.1:${server.port}`], {
      env: { ...process.env, HOME: home, SSH_AUTH_SOCK: server.agentSocket, DOCKER_CONFIG: path.join(dir, 'cfg') },
      timeout: 60_000,
    });
    assert.match(stdout, /ssh:\/\/root@127\.0\.0\.1:\d+/);
    assert.match(stdout, /manager/);
    assert.ok(Date.now() - started < 60_000);
  });

  test('logs over ssh://: the CLI reads every task stream through the agent and exits', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    const cli = path.resolve(__dirname, '../../../src/cli.js');
    const { stdout, stderr } = await execFileAsync(process.execPath, [cli, 'logs', '-H', `ssh://root@127.0.0.1:${server.port}`, '--tail', '3', 'demo_worker'], {
      env: { ...process.env, HOME: home, SSH_AUTH_SOCK: server.agentSocket, DOCKER_CONFIG: path.join(dir, 'cfg') },
      timeout: 60_000,
    });
    const out = stdout.split('\n').filter(Boolean);
    const err = stderr.split('\n').filter(Boolean);
    // The task's last three entries (the tail counts stdout and stderr together), each on its own stream, with the
    // CLI's prefixes.
    assert.equal(out.length + err.length, 3, `${stdout}${stderr}`);
    for (const l of out) assert.match(l, /^demo_worker\.1\.\w+@\S+\s+\| worker: processed job \d+$/);
    for (const l of err) assert.match(l, /^demo_worker\.1\.\w+@\S+\s+\| worker: warning \d+$/);
  });

  test('a hashed known_hosts entry (ssh-keygen -H) is trusted too', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    await execFileAsync('ssh-keygen', ['-q', '-H', '-f', knownHostsFile]);
    assert.match(fs.readFileSync(knownHostsFile, 'utf8'), /^\|1\|/, 'the file now holds only hashed names');
    const client = await connectOverSsh();
    assert.equal(client.info.swarm.role, 'manager');
  });

  test('an unknown host is refused, with the ssh command that adds it', async () => {
    writeKnownHosts('');
    await assert.rejects(connectOverSsh(), (err: unknown) => {
      assert.ok(err instanceof ConnectionError);
      assert.equal(err.kind, 'ssh');
      assert.equal(
        err.message,
        `The SSH host key of [127.0.0.1]:${server.port} (ssh-ed25519) is not in known_hosts. Check it and add it by connecting once with "ssh -p ${server.port} root@127.0.0.1", then retry.`,
      );
      return true;
    });
  });

  test('a changed host key is refused as a possible interception', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.otherPublicKey}\n`);
    await assert.rejects(connectOverSsh(), (err: unknown) => {
      assert.ok(err instanceof ConnectionError);
      assert.match(err.message, /^The SSH host key of \[127\.0\.0\.1\]:\d+ has CHANGED since it was added to known_hosts/);
      return true;
    });
  });

  test('no agent at SSH_AUTH_SOCK, or none at all: a clear message, not a hang or a password prompt', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    try {
      process.env.SSH_AUTH_SOCK = path.join(dir, 'no-agent.sock');
      await assert.rejects(connectOverSsh(), (err: unknown) => {
        assert.ok(err instanceof ConnectionError);
        assert.equal(err.kind, 'ssh', err.message);
        assert.match(err.message, /^SSH connection for ssh:\/\/root@127\.0\.0\.1:\d+ failed: no ssh agent answers at SSH_AUTH_SOCK\./);
        return true;
      });
      delete process.env.SSH_AUTH_SOCK;
      await assert.rejects(connectOverSsh(), (err: unknown) => {
        assert.ok(err instanceof ConnectionError);
        assert.match(err.message, /needs an ssh agent: SSH_AUTH_SOCK is not set/);
        return true;
      });
    } finally {
      process.env.SSH_AUTH_SOCK = server.agentSocket;
    }
  });

  test('an agent whose keys the server does not accept: said so', async () => {
    writeKnownHosts(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    const other = await startAgentWith(path.join(dir, 'sshd', 'other_ed25519'));
    try {
      process.env.SSH_AUTH_SOCK = other.socket;
      await assert.rejects(connectOverSsh(), (err: unknown) => {
        assert.ok(err instanceof ConnectionError);
        assert.match(err.message, /failed: the server accepted none of the keys in your ssh agent/);
        return true;
      });
    } finally {
      process.env.SSH_AUTH_SOCK = server.agentSocket;
      other.stop();
    }
  });
});
