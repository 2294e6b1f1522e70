/**
 * `npm run bench:ssh`: what the ssh:// transport costs per request. Against the sandbox engine
 * (SWARMSCOPE_TEST_DOCKER_HOST) directly and through a private sshd on 127.0.0.1 (test/harness/sshd.ts), in one run:
 *  - the time to connect (version + info, what `connect()` does);
 *  - sequential `GET /services` requests (what a refresh makes, one kind after another);
 *  - six list requests in parallel (one explorer refresh).
 * docker-modem opens one SSH connection per HTTP request (as the docker CLI runs one ssh per command), so the ssh
 * column is mostly handshakes; over a real network each also pays round trips. Nothing is asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import { connect } from '../src/docker/client';
import { resolveEndpoint } from '../src/docker/endpoint';
import { nodeFileReader } from '../src/docker/connection';
import { startSshd } from '../test/harness/sshd';

const ROUNDS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function ms(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function measure(dockerHost: string, home: string): Promise<{ connect: number; sequential: number; parallel: number }> {
  const env = { DOCKER_HOST: dockerHost, DOCKER_CONFIG: path.join(home, 'cfg') };
  const ep = await resolveEndpoint({}, { env, homeDir: home, platform: 'linux', fs: nodeFileReader });
  const connects: number[] = [];
  let docker: Dockerode | undefined;
  for (let i = 0; i < 5; i++) connects.push(await ms(async () => (docker = (await connect(ep, { timeoutMs: 30_000 })).docker)));
  const d = docker as Dockerode;
  const sequential: number[] = [];
  for (let i = 0; i < ROUNDS; i++) sequential.push(await ms(() => d.listServices()));
  const parallel: number[] = [];
  for (let i = 0; i < 5; i++) {
    parallel.push(await ms(() => Promise.all([d.listServices(), d.listTasks(), d.listNodes(), d.listNetworks(), d.listSecrets(), d.listConfigs()])));
  }
  process.stderr.write(`parallel rounds: ${parallel.map((x) => x.toFixed(0)).join(', ')} ms\n`);
  const agent = (d.modem as unknown as { agent?: { connectionsOpened?: number; channelsOpened?: number } }).agent;
  if (agent?.channelsOpened !== undefined) process.stderr.write(`ssh: ${agent.connectionsOpened} connections, ${agent.channelsOpened} channels for the last client\n`);
  return { connect: median(connects), sequential: median(sequential), parallel: median(parallel) };
}

async function main(): Promise<void> {
  const dockerHost = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
  if (!dockerHost) throw new Error('SWARMSCOPE_TEST_DOCKER_HOST is not set; run through `npm run bench:ssh`.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-bench-ssh-'));
  const home = path.join(dir, 'home');
  const server = await startSshd({ dir: path.join(dir, 'sshd'), dockerHost });
  const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
  try {
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
    fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    process.env.HOME = home;
    process.env.SSH_AUTH_SOCK = server.agentSocket;
    const direct = await measure(dockerHost, home);
    const ssh = await measure(`ssh://${server.user}@${server.host}:${server.port}`, home);
    console.log(`\nssh:// transport vs the engine's socket, medians (sshd on 127.0.0.1, same machine):`);
    console.log('  transport | connect (version+info) | GET /services, sequential | 6 lists in parallel');
    for (const [name, r] of [['unix', direct], ['ssh', ssh]] as const) {
      console.log(`  ${name.padEnd(9)} | ${`${r.connect.toFixed(1)} ms`.padStart(22)} | ${`${r.sequential.toFixed(1)} ms`.padStart(25)} | ${`${r.parallel.toFixed(1)} ms`.padStart(19)}`);
    }
    console.log(`  ssh / unix | ${`${(ssh.connect / direct.connect).toFixed(1)}x`.padStart(22)} | ${`${(ssh.sequential / direct.sequential).toFixed(1)}x`.padStart(25)} | ${`${(ssh.parallel / direct.parallel).toFixed(1)}x`.padStart(19)}`);
  } finally {
    process.env.HOME = saved.HOME;
    process.env.SSH_AUTH_SOCK = saved.SSH_AUTH_SOCK;
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
