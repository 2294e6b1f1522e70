// Starts private Docker Engines for tests: each dockerd gets its own data-root, exec-root, pidfile and unix socket,
// and runs in its own network, mount and UTS namespaces so that several engines (and other people's daemons) never
// share a bridge, iptables chains, port 2377/7946/8080 or /run/docker. The socket lives on the shared filesystem, so
// it is reachable from the root namespace. Processes are stopped only by the PIDs recorded in each engine's folder.
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const execFileAsync = promisify(execFile);

export const DEMO_IMAGE = 'demo/busybox:1';

export interface SandboxEngine {
  name: string;
  dir: string;
  socketPath: string;
  dockerHost: string;
  pid: number;
  logFile: string;
  /** SIGTERM by recorded pid, wait for exit, SIGKILL after a timeout. */
  stop(): Promise<void>;
  /** Stop, then start again on the same data-root and socket (same swarm state). */
  restart(): Promise<void>;
}

export interface StartEngineOptions {
  name: string;
  /** Folder holding one sub-folder per engine; default `<repo>/.sandbox`. */
  root?: string;
  /** `swarm init --advertise-addr 127.0.0.1` (through the Engine API); default true. */
  swarm?: boolean;
  /** Content of the daemon.json passed with `--config-file` (an object is serialised); default `{}`. */
  daemonJson?: object | string;
  extraArgs?: string[];
  /** Import `demo/busybox:1`; default true. */
  importBusybox?: boolean;
  /** How long to wait for the API to answer; default 120 s (a loaded 2-core machine can take 30 s+ after a crash). */
  readyTimeoutMs?: number;
}

/** What the harness writes to `<dir>/engine.json`; `stopAll` and a second start read it back. */
export interface EngineRecord {
  name: string;
  dir: string;
  socketPath: string;
  execRoot: string;
  cgroupParent: string | null;
  pid: number;
  containerdPid: number | null;
  args: string[];
  hostname: string;
  startedAt: string;
}

const RECORD_FILE = 'engine.json';
/** Unix socket paths are limited to 108 bytes; containerd adds `/containerd/containerd.sock.ttrpc` to the exec-root. */
const MAX_EXEC_ROOT_LENGTH = 60;
const MAX_SOCKET_PATH_LENGTH = 100;

/**
 * Runs inside the fresh namespaces (argv: dir hostname dockerd-path dockerd-args...). It keeps the host's cgroup
 * mounts under a sysfs that belongs to the new network namespace (`ip netns exec` would drop them), hides the host's
 * /run/docker and /run/containerd behind private tmpfs mounts and gives the engine its own /etc/docker (key.json).
 * The text is constant: every variable part arrives as a positional argument.
 */
const NAMESPACE_WRAPPER = [
  'set -eu',
  'dir=$1; host=$2; shift 2',
  'mkdir -p "$dir/cg" "$dir/etc-docker" /run/docker /run/containerd /etc/docker',
  'mount --rbind /sys/fs/cgroup "$dir/cg"',
  'mount -t sysfs sysfs /sys',
  'mount --rbind "$dir/cg" /sys/fs/cgroup',
  'umount -l "$dir/cg"',
  'mount -t tmpfs tmpfs /run/docker',
  'mount -t tmpfs tmpfs /run/containerd',
  'mount --bind "$dir/etc-docker" /etc/docker',
  'ip link set lo up',
  'hostname "$host"',
  'exec env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 "$@"',
].join('\n');

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (parsed.name === 'swarmscope') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the swarmscope package.json above ${__dirname}`);
    dir = parent;
  }
}

export function defaultRoot(): string {
  return path.join(repoRoot(), '.sandbox');
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function findOnPath(binary: string, preferred: string[]): string | null {
  for (const candidate of preferred) if (isExecutable(candidate)) return candidate;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && isExecutable(path.join(dir, binary))) return path.join(dir, binary);
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A dynamically linked busybox cannot run in a rootfs without libc, so the static one is required. */
function isStaticElf(file: string): boolean {
  try {
    const buf = fs.readFileSync(file);
    if (buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2) return false; // 64-bit ELF only
    const phoff = Number(buf.readBigUInt64LE(0x20));
    const phentsize = buf.readUInt16LE(0x36);
    const phnum = buf.readUInt16LE(0x38);
    for (let i = 0; i < phnum; i++) {
      if (buf.readUInt32LE(phoff + i * phentsize) === 3) return false; // PT_INTERP
    }
    return true;
  } catch {
    return false;
  }
}

export function dockerdPath(): string {
  const found = findOnPath('dockerd', ['/usr/sbin/dockerd', '/usr/bin/dockerd']);
  if (!found) throw new Error('dockerd not found; run ensureDockerInstalled() first');
  return found;
}

export function busyboxPath(): string {
  return '/bin/busybox';
}

/** Installs Debian's docker.io and busybox-static with apt-get when dockerd, a static busybox or `ip` are missing. */
export async function ensureDockerInstalled(): Promise<void> {
  const packages: string[] = [];
  if (!findOnPath('dockerd', ['/usr/sbin/dockerd', '/usr/bin/dockerd'])) packages.push('docker.io');
  if (!isStaticElf(busyboxPath())) packages.push('busybox-static');
  if (!findOnPath('ip', ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip'])) packages.push('iproute2');
  if (!findOnPath('unshare', ['/usr/bin/unshare'])) packages.push('util-linux');
  if (packages.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`the test engine needs ${packages.join(', ')}: run as root or install them with apt-get`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await execFileAsync('apt-get', ['update'], { env, maxBuffer: 64 * 1024 * 1024 });
  await execFileAsync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

// ---- processes ----------------------------------------------------------------------------------------------

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers kill(0) until its parent reaps it; for our purposes it is gone.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** The PID is ours only if it is alive and its command line still names our folder (PIDs get reused). */
export function isOurProcess(pid: number | null | undefined, marker: string): pid is number {
  return typeof pid === 'number' && pid > 0 && isAlive(pid) && cmdlineOf(pid).includes(marker);
}

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
}

export function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const rest = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(entry), ppid: Number(rest[1]), comm });
    } catch {
      // the process ended while we were reading
    }
  }
  return out;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Ends a recorded process: SIGTERM, wait, SIGKILL. Does nothing if the PID is no longer ours. */
export async function terminate(pid: number | null | undefined, marker: string, timeoutMs: number): Promise<void> {
  if (!isOurProcess(pid, marker)) return;
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, timeoutMs)) return;
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 5000);
}

/** Kills what a SIGKILLed daemon leaves behind: its containerd, shims, and container processes in its cgroup. */
export async function killLeftovers(record: Pick<EngineRecord, 'execRoot' | 'containerdPid' | 'cgroupParent'>): Promise<void> {
  const containerdSocket = path.join(record.execRoot, 'containerd', 'containerd.sock');
  if (isOurProcess(record.containerdPid, record.execRoot)) {
    // containerd normally exits on its own once dockerd is gone.
    if (!(await waitForExit(record.containerdPid, 3000))) signal(record.containerdPid, 'SIGKILL');
  }
  for (const proc of listProcesses()) {
    if (proc.comm.startsWith('containerd-shim') && cmdlineOf(proc.pid).includes(`-address ${containerdSocket} `)) {
      signal(proc.pid, 'SIGKILL');
    }
  }
  if (record.cgroupParent) {
    for (const base of ['/sys/fs/cgroup/pids', '/sys/fs/cgroup']) {
      const parent = path.join(base, record.cgroupParent);
      for (const procsFile of listFiles(parent, 'cgroup.procs')) {
        for (const line of readLines(procsFile)) signal(Number(line), 'SIGKILL');
      }
    }
    await sleep(100);
    removeCgroupDirs(record.cgroupParent);
  }
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((line) => /^\d+$/.test(line));
  } catch {
    return [];
  }
}

function listFiles(dir: string, fileName: string): string[] {
  const found: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) found.push(...listFiles(path.join(dir, entry.name), fileName));
    else if (entry.name === fileName) found.push(path.join(dir, entry.name));
  }
  return found;
}

function removeCgroupDirs(cgroupParent: string): void {
  let controllers: string[] = [];
  try {
    controllers = fs.readdirSync('/sys/fs/cgroup');
  } catch {
    return;
  }
  const removeDepthFirst = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) removeDepthFirst(path.join(dir, entry.name));
    try {
      fs.rmdirSync(dir);
    } catch {
      // still busy, or not a cgroup folder we may remove
    }
  };
  for (const controller of controllers) removeDepthFirst(path.join('/sys/fs/cgroup', controller, cgroupParent));
  removeDepthFirst(path.join('/sys/fs/cgroup', cgroupParent));
}

// ---- engine lifecycle ---------------------------------------------------------------------------------------

export function readRecord(dir: string): EngineRecord | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, RECORD_FILE), 'utf8')) as EngineRecord;
  } catch {
    return null;
  }
}

function writeRecord(record: EngineRecord): void {
  fs.writeFileSync(path.join(record.dir, RECORD_FILE), JSON.stringify(record, null, 2) + '\n');
  fs.writeFileSync(path.join(record.dir, 'dockerd.pid'), `${record.pid}\n`);
  fs.writeFileSync(path.join(record.dir, 'containerd.pid'), record.containerdPid ? `${record.containerdPid}\n` : '');
}

/** Stops the daemon recorded in `dir` (if any) and everything it left behind. */
export async function stopRecorded(dir: string, timeoutMs = 30000): Promise<void> {
  const record = readRecord(dir) ?? recordFromPidfile(dir);
  if (!record) return;
  // dockerd deletes its --pidfile on exit, so the record (written at start) is what we trust.
  await terminate(record.pid, path.join(record.dir, 'data'), timeoutMs);
  await killLeftovers(record);
  fs.rmSync(record.socketPath, { force: true });
  fs.rmSync(path.join(dir, 'dockerd.pid'), { force: true });
  fs.rmSync(path.join(dir, 'containerd.pid'), { force: true });
  fs.rmSync(path.join(dir, RECORD_FILE), { force: true });
}

/** A run that died between spawning dockerd and writing engine.json still left dockerd's own --pidfile. */
function recordFromPidfile(dir: string): EngineRecord | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dir, 'docker.pid'), 'utf8').trim());
  } catch {
    return null;
  }
  if (!isOurProcess(pid, path.join(dir, 'data'))) return null;
  const layout = engineLayout(dir, path.basename(dir));
  const containerd = listProcesses().find((proc) => proc.ppid === pid && proc.comm === 'containerd');
  return {
    name: path.basename(dir),
    dir,
    socketPath: layout.socketPath,
    execRoot: layout.execRoot,
    cgroupParent: layout.cgroupParent,
    pid,
    containerdPid: containerd?.pid ?? null,
    args: [],
    hostname: layout.hostname,
    startedAt: '',
  };
}

export function validateEngineName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(name)) {
    throw new Error(`invalid engine name ${JSON.stringify(name)}: use 1-31 lowercase letters, digits and dashes`);
  }
}

export interface EngineLayout {
  dir: string;
  socketPath: string;
  execRoot: string;
  cgroupParent: string;
  hostname: string;
}

export function engineLayout(dir: string, name: string): EngineLayout {
  const hash = shortHash(dir);
  let execRoot = path.join(dir, 'exec');
  if (execRoot.length > MAX_EXEC_ROOT_LENGTH) execRoot = path.join('/tmp', `swarmscope-${hash}`);
  const socketPath = path.join(dir, 'docker.sock');
  if (socketPath.length > MAX_SOCKET_PATH_LENGTH) {
    throw new Error(`socket path too long for a unix socket (${socketPath.length} bytes): use a shorter root`);
  }
  return { dir, socketPath, execRoot, cgroupParent: `/swarmscope-${hash}`, hostname: `sandbox-${name}`.slice(0, 63) };
}

function parseDaemonJsonKeys(daemonJson: object | string | undefined): Set<string> {
  if (daemonJson === undefined) return new Set();
  if (typeof daemonJson === 'object') return new Set(Object.keys(daemonJson));
  try {
    const parsed: unknown = JSON.parse(daemonJson);
    return new Set(parsed && typeof parsed === 'object' ? Object.keys(parsed) : []);
  } catch {
    return new Set();
  }
}

export interface LaunchSpec {
  layout: EngineLayout;
  name: string;
  daemonJson?: object | string;
  extraArgs?: string[];
  /** Optional flags (`--cgroup-parent`, `--shutdown-timeout`) are left out when daemon.json sets the same key. */
  optionalFlags?: boolean;
  /** Network namespace to enter (path such as /run/netns/x); default: a new anonymous one. */
  netnsPath?: string;
}

export type LaunchResult =
  | { started: true; record: EngineRecord; log: string }
  | { started: false; exitCode: number | null; log: string };

/** Builds the argv for dockerd: the private paths always, the rest only when daemon.json does not set them. */
export function dockerdArgs(spec: LaunchSpec, configFile: string): string[] {
  const { layout } = spec;
  const keys = parseDaemonJsonKeys(spec.daemonJson);
  const args = [
    '--data-root', path.join(layout.dir, 'data'),
    '--exec-root', layout.execRoot,
    '--pidfile', path.join(layout.dir, 'docker.pid'),
    '--host', `unix://${layout.socketPath}`,
    '--config-file', configFile,
  ];
  if (spec.optionalFlags !== false) {
    if (!keys.has('cgroup-parent')) args.push('--cgroup-parent', layout.cgroupParent);
    if (!keys.has('shutdown-timeout')) args.push('--shutdown-timeout', '3');
  }
  return [...args, ...(spec.extraArgs ?? [])];
}

/** Starts dockerd in new namespaces and waits until it answers /_ping or exits. */
export async function launchDockerd(spec: LaunchSpec, timeoutMs: number): Promise<LaunchResult> {
  const { layout } = spec;
  fs.mkdirSync(layout.dir, { recursive: true });
  fs.mkdirSync(layout.execRoot, { recursive: true });
  const configFile = path.join(layout.dir, 'daemon.json');
  const daemonJson = spec.daemonJson ?? {};
  fs.writeFileSync(configFile, typeof daemonJson === 'string' ? daemonJson : JSON.stringify(daemonJson, null, 2) + '\n');
  fs.rmSync(layout.socketPath, { force: true });
  const logFile = path.join(layout.dir, 'dockerd.log');
  fs.writeFileSync(logFile, '');
  const logFd = fs.openSync(logFile, 'a');

  const args = dockerdArgs(spec, configFile);
  const nsArgs = spec.netnsPath
    ? ['--mount', '--uts', '--propagation', 'slave', '--', 'nsenter', `--net=${spec.netnsPath}`, '--']
    : ['--mount', '--uts', '--net', '--propagation', 'slave', '--'];
  // detached: the daemon gets its own session (setsid) and outlives this process.
  const child = spawn(
    'unshare',
    [...nsArgs, '/bin/sh', '-c', NAMESPACE_WRAPPER, 'swarmscope-dockerd', layout.dir, layout.hostname, dockerdPath(), ...args],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  let exitCode: number | null | undefined;
  child.on('exit', (code, sig) => {
    exitCode = code ?? (sig ? 128 : null);
  });
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
  let failure: Error | undefined;
  void spawnError.then((err) => (failure = err));

  const docker = new Docker({ socketPath: layout.socketPath, timeout: 2000 });
  const deadline = Date.now() + timeoutMs;
  let answered = false;
  while (Date.now() < deadline && exitCode === undefined && !failure) {
    if (fs.existsSync(layout.socketPath)) {
      try {
        await docker.ping();
        answered = true;
        break;
      } catch {
        // not yet
      }
    }
    await sleep(100);
  }
  const readLog = (): string => fs.readFileSync(logFile, 'utf8');
  if (failure) return { started: false, exitCode: null, log: `${readLog()}\nspawn failed: ${failure.message}` };
  if (!answered || child.pid === undefined) {
    if (exitCode === undefined && child.pid !== undefined) {
      // Timed out while still running: do not leave it behind.
      await terminate(child.pid, path.join(layout.dir, 'data'), 10000);
      await killLeftovers({ execRoot: layout.execRoot, containerdPid: null, cgroupParent: layout.cgroupParent });
    }
    child.unref();
    return { started: false, exitCode: exitCode ?? null, log: readLog() };
  }
  child.unref();
  const pid = child.pid;
  const containerd = listProcesses().find((proc) => proc.ppid === pid && proc.comm === 'containerd');
  const record: EngineRecord = {
    name: spec.name,
    dir: layout.dir,
    socketPath: layout.socketPath,
    execRoot: layout.execRoot,
    cgroupParent: args.includes('--cgroup-parent') ? layout.cgroupParent : null,
    pid,
    containerdPid: containerd?.pid ?? null,
    args,
    hostname: layout.hostname,
    startedAt: new Date().toISOString(),
  };
  writeRecord(record);
  return { started: true, record, log: readLog() };
}

export function dockerFor(dockerHost: string): Docker {
  if (!dockerHost.startsWith('unix://')) throw new Error(`unsupported harness DOCKER_HOST ${dockerHost}`);
  return new Docker({ socketPath: dockerHost.slice('unix://'.length) });
}

/** `swarm init` through the Engine API unless the node is already part of a swarm. */
export async function ensureSwarm(docker: Docker, addr = '127.0.0.1', timeoutMs = 30000): Promise<void> {
  // Right after a restart the node may still be 'pending' while it reloads its raft state.
  const deadline = Date.now() + timeoutMs;
  let state: string | undefined;
  for (;;) {
    state = ((await docker.info()) as { Swarm?: { LocalNodeState?: string } }).Swarm?.LocalNodeState;
    if (state === 'active') return;
    if (state === 'inactive' || state === 'error' || Date.now() > deadline) break;
    await sleep(200);
  }
  if (state !== 'inactive') throw new Error(`swarm state is ${state ?? 'unknown'}; expected active or inactive`);
  await docker.swarmInit({ ListenAddr: `${addr}:2377`, AdvertiseAddr: addr, ForceNewCluster: false, Spec: {} });
}

/** Imports `demo/busybox:1` (busybox + applet symlinks, `CMD ["/bin/sh"]`) unless it is already there. */
export async function ensureBusyboxImage(docker: Docker): Promise<void> {
  try {
    await docker.getImage(DEMO_IMAGE).inspect();
    return;
  } catch {
    // not there yet
  }
  const tar = await buildBusyboxTar(busyboxPath());
  const [repo, tag] = DEMO_IMAGE.split(':');
  const stream = await docker.importImage(Readable.from([tar]), { repo, tag, changes: ['CMD ["/bin/sh"]'] });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((event) => event.error);
      if (err) reject(err);
      else if (failed) reject(new Error(`image import failed: ${failed.error}`));
      else resolve();
    });
  });
  await docker.getImage(DEMO_IMAGE).inspect();
}

class RunningEngine implements SandboxEngine {
  readonly name: string;
  readonly dir: string;
  readonly socketPath: string;
  readonly dockerHost: string;
  readonly logFile: string;
  pid: number;

  constructor(
    record: EngineRecord,
    private readonly relaunch: () => Promise<EngineRecord>,
  ) {
    this.name = record.name;
    this.dir = record.dir;
    this.socketPath = record.socketPath;
    this.dockerHost = `unix://${record.socketPath}`;
    this.logFile = path.join(record.dir, 'dockerd.log');
    this.pid = record.pid;
  }

  async stop(): Promise<void> {
    await stopRecorded(this.dir);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.pid = (await this.relaunch()).pid;
  }
}

async function answers(socketPath: string): Promise<boolean> {
  try {
    await new Docker({ socketPath, timeout: 2000 }).ping();
    return true;
  } catch {
    return false;
  }
}

export async function startEngine(opts: StartEngineOptions): Promise<SandboxEngine> {
  validateEngineName(opts.name);
  await ensureDockerInstalled();
  const root = path.resolve(opts.root ?? defaultRoot());
  const layout = engineLayout(path.join(root, opts.name), opts.name);
  const spec: LaunchSpec = { layout, name: opts.name, daemonJson: opts.daemonJson, extraArgs: opts.extraArgs };
  const timeoutMs = opts.readyTimeoutMs ?? 120000;

  const launch = async (): Promise<EngineRecord> => {
    const result = await launchDockerd(spec, timeoutMs);
    if (!result.started) {
      throw new Error(`dockerd ${opts.name} did not start (exit ${result.exitCode}):\n${result.log.slice(-4000)}`);
    }
    const docker = new Docker({ socketPath: layout.socketPath });
    if (opts.swarm !== false) await ensureSwarm(docker);
    if (opts.importBusybox !== false) await ensureBusyboxImage(docker);
    return result.record;
  };

  // A second start of the same name reuses a healthy engine started with the same arguments; otherwise the
  // stale one is stopped first.
  const existing = readRecord(layout.dir);
  if (existing) {
    const sameArgs =
      JSON.stringify(existing.args) === JSON.stringify(dockerdArgs(spec, path.join(layout.dir, 'daemon.json'))) &&
      sameDaemonJson(layout.dir, opts.daemonJson);
    if (sameArgs && isOurProcess(existing.pid, path.join(layout.dir, 'data')) && (await answers(existing.socketPath))) {
      const docker = new Docker({ socketPath: layout.socketPath });
      if (opts.swarm !== false) await ensureSwarm(docker);
      if (opts.importBusybox !== false) await ensureBusyboxImage(docker);
      return new RunningEngine(existing, launch);
    }
  }
  await stopRecorded(layout.dir);
  return new RunningEngine(await launch(), launch);
}

function sameDaemonJson(dir: string, daemonJson: object | string | undefined): boolean {
  const wanted = daemonJson ?? {};
  const text = typeof wanted === 'string' ? wanted : JSON.stringify(wanted, null, 2) + '\n';
  try {
    return fs.readFileSync(path.join(dir, 'daemon.json'), 'utf8') === text;
  } catch {
    return false;
  }
}

/** Folders under `root` (up to three levels) holding an engine record. */
export function recordedEngineDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (fs.existsSync(path.join(dir, RECORD_FILE)) || fs.existsSync(path.join(dir, 'docker.pid'))) found.push(dir);
    if (depth === 0) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // data/ holds the engine's own files (possibly huge); never descend into it.
    for (const entry of entries) {
      if (entry.isDirectory() && !['data', 'exec', 'etc-docker', 'cg'].includes(entry.name)) {
        walk(path.join(dir, entry.name), depth - 1);
      }
    }
  };
  walk(root, 3);
  return found;
}

/** Stops every engine the harness recorded under `root`, and deletes network namespaces recorded by clusters. */
export async function stopAll(root?: string): Promise<void> {
  const base = path.resolve(root ?? defaultRoot());
  if (!fs.existsSync(base)) return;
  await Promise.all(recordedEngineDirs(base).map((dir) => stopRecorded(dir)));
  for (const clusterFile of listClusterFiles(base)) {
    await deleteRecordedNetns(clusterFile);
  }
}

/** A multi-node cluster writes `cluster.json` with the network namespaces it created. */
export const CLUSTER_FILE = 'cluster.json';

function listClusterFiles(root: string): string[] {
  const found: string[] = [];
  try {
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      const file = path.join(root, entry.name, CLUSTER_FILE);
      if (entry.isDirectory() && fs.existsSync(file)) found.push(file);
    }
  } catch {
    // no root
  }
  return found;
}

export async function deleteRecordedNetns(clusterFile: string): Promise<void> {
  let netns: string[] = [];
  try {
    netns = (JSON.parse(fs.readFileSync(clusterFile, 'utf8')) as { netns?: string[] }).netns ?? [];
  } catch {
    return;
  }
  for (const name of netns) {
    if (fs.existsSync(path.join('/run/netns', name))) {
      await execFileAsync('ip', ['netns', 'del', name]).catch(() => undefined);
    }
  }
  fs.rmSync(clusterFile, { force: true });
}

// ---- busybox image ------------------------------------------------------------------------------------------

interface TarEntry {
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  data?: Buffer;
  linkTarget?: string;
}

function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(512, 0);
  const put = (text: string, offset: number, length: number): void => {
    header.write(text, offset, Math.min(Buffer.byteLength(text), length), 'utf8');
  };
  const octal = (value: number, offset: number, length: number): void => {
    put(value.toString(8).padStart(length - 1, '0'), offset, length - 1);
  };
  if (Buffer.byteLength(entry.name) > 100) throw new Error(`tar entry name too long: ${entry.name}`);
  put(entry.name, 0, 100);
  octal(entry.mode, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(entry.type === 'file' ? (entry.data?.length ?? 0) : 0, 124, 12);
  octal(Math.floor(Date.UTC(2024, 0, 1) / 1000), 136, 12);
  header.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  put(entry.type === 'file' ? '0' : entry.type === 'dir' ? '5' : '2', 156, 1);
  if (entry.linkTarget) put(entry.linkTarget, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('root', 265, 32);
  put('root', 297, 32);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return header;
}

/** A tar (ustar) of a minimal rootfs: /bin/busybox, a symlink per applet, /etc/passwd, /tmp and /www for httpd. */
export async function buildBusyboxTar(busybox: string): Promise<Buffer> {
  const { stdout } = await execFileAsync(busybox, ['--list']);
  const applets = stdout.split('\n').map((line) => line.trim()).filter((name) => /^[a-z0-9_.[-]+$/.test(name) && name !== 'busybox');
  const entries: TarEntry[] = [
    ...['bin/', 'etc/', 'dev/', 'proc/', 'sys/', 'root/', 'www/'].map((name): TarEntry => ({ name, type: 'dir', mode: 0o755 })),
    { name: 'tmp/', type: 'dir', mode: 0o1777 },
    { name: 'bin/busybox', type: 'file', mode: 0o755, data: fs.readFileSync(busybox) },
    ...applets.map((name): TarEntry => ({ name: `bin/${name}`, type: 'symlink', mode: 0o777, linkTarget: 'busybox' })),
    { name: 'etc/passwd', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n') },
    { name: 'etc/group', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:\nnogroup:x:65534:\n') },
    { name: 'www/index.html', type: 'file', mode: 0o644, data: Buffer.from('<h1>Swarmscope demo</h1>\n') },
  ];
  const chunks: Buffer[] = [];
  for (const entry of entries) {
    chunks.push(tarHeader(entry));
    if (entry.type === 'file' && entry.data) {
      chunks.push(entry.data);
      const pad = (512 - (entry.data.length % 512)) % 512;
      if (pad) chunks.push(Buffer.alloc(pad, 0));
    }
  }
  chunks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(chunks);
}
