/**
 * A private OpenSSH server on 127.0.0.1 for the ssh:// transport tests: its own host key, one client key loaded into
 * its own ssh-agent, and `SetEnv DOCKER_HOST=…` so that `docker system dial-stdio` (what docker-modem runs over
 * ssh, as the docker CLI does) reaches the sandbox engine. Needs /usr/sbin/sshd (Debian's openssh-server; .ci/run
 * installs it) and runs as root, like the rest of the harness.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { until } from './wait';

const execFileAsync = promisify(execFile);
const SSHD = '/usr/sbin/sshd';

export interface SshServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  /** The ssh-agent socket holding the client key (for SSH_AUTH_SOCK). */
  agentSocket: string;
  /** The server's public host key: `ssh-ed25519 AAAA…`. */
  hostPublicKey: string;
  /** A second key pair's public key, for "changed key" cases. */
  otherPublicKey: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function keyPair(file: string): Promise<string> {
  await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'swarmscope-test', '-f', file]);
  return fs.readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startSshd(opts: { dir: string; dockerHost: string }): Promise<SshServer> {
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (apt-get install openssh-server)`);
  fs.mkdirSync(opts.dir, { recursive: true });
  // sshd's privilege-separation directory.
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostPublicKey = await keyPair(path.join(opts.dir, 'host_ed25519'));
  const clientPublicKey = await keyPair(path.join(opts.dir, 'client_ed25519'));
  const otherPublicKey = await keyPair(path.join(opts.dir, 'other_ed25519'));
  fs.writeFileSync(path.join(opts.dir, 'authorized_keys'), `${clientPublicKey}\n`, { mode: 0o600 });
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(opts.dir, 'host_ed25519')}`,
    `PidFile ${path.join(opts.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(opts.dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'StrictModes no',
    'UsePAM no',
    `SetEnv DOCKER_HOST=${opts.dockerHost}`,
    '',
  ].join('\n');
  const configFile = path.join(opts.dir, 'sshd_config');
  fs.writeFileSync(configFile, config);

  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  try {
    const log = fs.openSync(path.join(opts.dir, 'sshd.log'), 'a');
    const sshd = spawn(SSHD, ['-D', '-e', '-f', configFile], { stdio: ['ignore', log, log] });
    children.push(sshd);
    await until('sshd to listen', async () => (sshd.exitCode !== null ? Promise.reject(new Error(`sshd exited ${sshd.exitCode}: ${fs.readFileSync(path.join(opts.dir, 'sshd.log'), 'utf8')}`)) : portOpen(port)), 15_000, 100);

    const agentSocket = path.join(opts.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
    children.push(agent);
    await until('ssh-agent to listen', async () => fs.existsSync(agentSocket), 10_000, 50);
    await execFileAsync('ssh-add', ['-q', path.join(opts.dir, 'client_ed25519')], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
    return { host: '127.0.0.1', port, user: 'root', agentSocket, hostPublicKey, otherPublicKey, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
