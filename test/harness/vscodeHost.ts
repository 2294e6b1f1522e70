// Real VS Code for extension-host tests: code-server 4.100.3 (VS Code 1.100.3 on Node 20) driven by headless
// Chromium through playwright-core. The recipe and the reasons behind each step are in
// shared/reference/test-hosts.md §3. Every child process is started with an argv array, never a shell string.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The one summary line `test/extension-host/index.ts` prints; runExtensionTests reads the counts from it. */
export const SUMMARY_PATTERN = /^extension-host: (\d+) passed, (\d+) failed$/;
/** The marks mochaRunner puts before each passed and failed test. */
const PASS_MARK = '✔';
const FAIL_MARK = '✘';

const APT_PACKAGES = ['libkrb5-dev', 'ripgrep', 'chromium'];
const MARKER_NAME = `code-server-${CODE_SERVER_VERSION}.installed.json`;

/** The repository root: the nearest folder above this file whose package.json is the swarmscope manifest. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (parsed.name === 'swarmscope') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no swarmscope package.json above ${__dirname}`);
    dir = parent;
  }
}

export function defaultCacheDir(): string {
  return path.join(repoRoot(), '.vscode-test');
}

function log(message: string): void {
  process.stdout.write(`[vscode-host] ${message}\n`);
}

interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs a program to completion; rejects with its last output lines when it fails. */
function run(file: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 30 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
          reject(new Error(`${file} ${args.join(' ')} failed: ${error.message.split('\n')[0]}\n${tail}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  log(`${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function missingAptPackages(): Promise<string[]> {
  const missing: string[] = [];
  for (const name of APT_PACKAGES) {
    const status = await run('dpkg-query', ['-W', '-f=${Status}', name]).catch(() => '');
    if (!status.includes('install ok installed')) missing.push(name);
  }
  return missing;
}

async function ensureAptPackages(): Promise<void> {
  const missing = await missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(' ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await timed(`apt-get install ${missing.join(' ')}`, async () => {
    await run('apt-get', ['update'], { env });
    await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  });
}

/**
 * Packages under `nodeModules` that carry a binding.gyp but have no compiled `.node` file under their own
 * folder. Some of them legitimately load a prebuilt binary from a sibling package (@parcel/watcher does), so
 * this is only the list of suspects; {@link nativeModulesThatFailToLoad} gives the verdict.
 */
export function nativeModulesWithoutBuild(nodeModules: string): string[] {
  const suspects: string[] = [];
  const visit = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const pkg = path.join(dir, name);
      if (name.startsWith('@')) {
        visit(pkg);
        continue;
      }
      if (existsSync(path.join(pkg, 'binding.gyp')) && !hasNodeBinary(pkg)) {
        suspects.push(path.relative(nodeModules, pkg).split(path.sep).join('/'));
      }
      visit(path.join(pkg, 'node_modules'));
    }
  };
  visit(nodeModules);
  return suspects;
}

function hasNodeBinary(dir: string): boolean {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'src') continue;
    const p = path.join(dir, name);
    if (name.endsWith('.node')) return true;
    if (statSync(p).isDirectory() && hasNodeBinary(p)) return true;
  }
  return false;
}

/** Of the suspects above, those that a plain `require` from `cwd` cannot load. */
async function nativeModulesThatFailToLoad(cwd: string): Promise<string[]> {
  const failing: string[] = [];
  for (const suspect of nativeModulesWithoutBuild(path.join(cwd, 'node_modules'))) {
    const modulePath = path.join(cwd, 'node_modules', suspect);
    await run(process.execPath, ['-e', 'require(process.argv[1])', modulePath], { cwd }).catch(() => failing.push(suspect));
  }
  return failing;
}

/**
 * `npm rebuild` (of `packages`, or of everything) that runs the native modules' build scripts whatever npm's
 * allowScripts policy says, then checks that every native module loads.
 */
async function npmRebuild(cwd: string, packages: string[] = []): Promise<void> {
  // npm 11 warns about (and with strict-allow-scripts refuses) dependency install scripts no allowScripts policy
  // covers. These folders are throwaway installs of one pinned package, so we approve their scripts for this
  // command only. node-gyp is fetched through npx, hence npm_config_yes.
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_yes: 'true', npm_config_dangerously_allow_all_scripts: 'true' };
  // node-gyp downloads Node's headers unless told where they are; the machine's Node package ships them.
  const nodeDir = path.resolve(path.dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && existsSync(path.join(nodeDir, 'include', 'node', 'node_api.h'))) env.npm_config_nodedir = nodeDir;
  await run('npm', ['rebuild', '--no-audit', '--no-fund', ...packages], { cwd, env });
  const failing = await nativeModulesThatFailToLoad(cwd);
  if (failing.length > 0) throw new Error(`npm rebuild in ${cwd} left native modules that do not load: ${failing.join(', ')}`);
}

function entryPath(cacheDir: string): string {
  return path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

interface InstallMarker {
  version: string;
  nodeAbi: string;
}

/**
 * Installs code-server into `cacheDir` (default `<repo>/.vscode-test`) unless a previous call finished, and
 * returns the path of its `entry.js`. A marker file written last records a completed install for this Node ABI.
 */
export async function ensureCodeServer(cacheDir: string = defaultCacheDir()): Promise<string> {
  const entry = entryPath(cacheDir);
  const marker = path.join(cacheDir, MARKER_NAME);
  const wanted: InstallMarker = { version: CODE_SERVER_VERSION, nodeAbi: process.versions.modules };
  const installed = (): boolean => {
    if (!existsSync(entry) || !existsSync(marker)) return false;
    const found = JSON.parse(readFileSync(marker, 'utf8')) as Partial<InstallMarker>;
    return found.version === wanted.version && found.nodeAbi === wanted.nodeAbi;
  };
  if (installed()) return entry;
  await fs.mkdir(cacheDir, { recursive: true });
  // Tests and the demo may start together on a fresh clone: one installs, the others wait for it.
  return withLock(path.join(cacheDir, 'install.lock'), async () => {
    if (!installed()) await installCodeServer(cacheDir, marker, wanted);
    return entry;
  });
}

/** Runs `work` while holding a lock folder; a lock whose recorded holder is no longer alive is taken over. */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  let announced = false;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      await fs.writeFile(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await fs.readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => 'NaN'));
      if (Number.isInteger(holder) && !isAlive(holder)) {
        await fs.rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`waiting for another install (${lockDir})`);
      announced = true;
      await delay(1000);
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function installCodeServer(cacheDir: string, marker: string, wanted: InstallMarker): Promise<void> {
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${cacheDir}`);
  await ensureAptPackages();
  await fs.rm(marker, { force: true });
  // Its own package.json keeps npm from climbing up to the extension's manifest.
  const cacheManifest = path.join(cacheDir, 'package.json');
  if (!existsSync(cacheManifest)) {
    await fs.writeFile(cacheManifest, `${JSON.stringify({ name: 'swarmscope-vscode-test', private: true }, null, 2)}\n`);
  }
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  await timed('npm install code-server', () =>
    run('npm', ['install', '--ignore-scripts', ...quiet, `code-server@${CODE_SERVER_VERSION}`], { cwd: cacheDir }),
  );
  const vscodeDir = path.join(cacheDir, 'node_modules', 'code-server', 'lib', 'vscode');
  await timed('npm install in lib/vscode', () =>
    run('npm', ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: vscodeDir }),
  );
  // @vscode/ripgrep's postinstall would download rg from GitHub; give it Debian's instead.
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  await fs.mkdir(rgDir, { recursive: true });
  await fs.copyFile('/usr/bin/rg', path.join(rgDir, 'rg'));
  await fs.chmod(path.join(rgDir, 'rg'), 0o755);
  await timed('npm rebuild in lib/vscode', () => npmRebuild(vscodeDir));
  // code-server resolves the workbench's node modules through the name the desktop build packs them under.
  const asar = path.join(vscodeDir, 'node_modules.asar');
  await fs.rm(asar, { recursive: true, force: true });
  await fs.symlink('node_modules', asar);
  // Only argon2 (code-server's password hashing) is native up here. A bare `npm rebuild` would also run
  // code-server's own postinstall, which repeats the steps above and refuses to run as root.
  await timed('npm rebuild argon2 in the cache folder', () => npmRebuild(cacheDir, ['argon2']));
  await fs.writeFile(marker, `${JSON.stringify(wanted)}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/**
 * Environment for code-server: ours (minus VS Code's own variables, in case we run inside a VS Code terminal)
 * plus `extra`. VSCODE_CLI=1 makes the server skip resolving a login shell's environment for the extension
 * host: that takes up to 10 s here, and could override the DOCKER_HOST the harness hands over.
 */
function childEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  return { ...env, VSCODE_CLI: '1', ...extra };
}

export interface CodeServerOptions {
  extensionPath: string;
  /** The folder the workbench opens. */
  folder: string;
  port?: number;
  /** Added to this process's environment; the extension host inherits it (DOCKER_HOST and friends). */
  env?: NodeJS.ProcessEnv;
  /** Default: a fresh temporary folder, removed by stop(). */
  userDataDir?: string;
  /** Forward the server's own output to our stdout (serve mode). Default: keep it for error reports only. */
  echoServerOutput?: boolean;
  cacheDir?: string;
  startTimeoutMs?: number;
}

export interface CodeServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** The server's recent output lines, for error reports. */
  serverOutput(): string[];
  stop(): Promise<void>;
}

/** Starts code-server with an isolated user-data and extensions folder and waits until it answers HTTP. */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const entry = await ensureCodeServer(opts.cacheDir);
  const port = opts.port ?? (await freePort());
  const ownsUserData = opts.userDataDir === undefined;
  const userDataDir = opts.userDataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'swarmscope-code-server-')));
  const extensionsDir = path.join(userDataDir, 'extensions');
  await fs.mkdir(extensionsDir, { recursive: true });
  await writeDefaultUserSettings(userDataDir);
  const args = [
    entry,
    // Its own config file: code-server otherwise writes one (with a generated password) into ~/.config.
    '--config', path.join(userDataDir, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--disable-update-check',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    opts.folder,
  ];
  const child = spawn(process.execPath, args, {
    env: childEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches the extension host and file watchers code-server forks.
    detached: true,
  });
  const output: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > 400) output.shift();
      if (opts.echoServerOutput) process.stdout.write(`[code-server] ${line}\n`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const stop = async (): Promise<void> => {
    if (!hasExited && child.pid !== undefined) {
      signalGroup(child.pid, 'SIGTERM');
      const killed = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
      if (!killed) {
        signalGroup(child.pid, 'SIGKILL');
        await exited;
      }
    }
    // Children of the group (the extension host) may outlive the leader by a moment.
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    if (ownsUserData) await fs.rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (hasExited) {
      await stop();
      throw new Error(`code-server exited before answering on ${url}:\n${output.slice(-20).join('\n')}`);
    }
    const status = await httpStatus(`${url}/healthz`).catch(() => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} in time:\n${output.slice(-20).join('\n')}`);
    }
    await delay(200);
  }
  return { url, port, process: child, serverOutput: () => [...output], stop };
}

/** Quiet, predictable workbench defaults; a settings file already in a caller's user-data dir is kept. */
async function writeDefaultUserSettings(userDataDir: string): Promise<void> {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (existsSync(file)) return;
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(settings, null, 2)}\n`);
}

/**
 * For runs that must not reach the network: an extensions gallery without a service URL switches the
 * Marketplace client off (code-server otherwise queries open-vsx.org at startup).
 */
const OFFLINE_GALLERY_ENV: NodeJS.ProcessEnv = { EXTENSIONS_GALLERY: '{}' };

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The workbench URL that opens `folder` and, through the payload, loads a development extension (and tests). */
export function workbenchUrl(server: { url: string; port: number }, folder: string, payload: Record<string, string>): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const entries = Object.entries(payload).map(([key, value]) => [key, remote(value)]);
  const query = new URLSearchParams({ folder: path.resolve(folder), payload: JSON.stringify(entries) });
  return `${server.url}/?${query.toString()}`;
}

async function launchBrowser(): Promise<import('playwright-core').Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface ExtensionTestOptions {
  extensionPath: string;
  /** Absolute path of the compiled tests module (its `run()` is called in the extension host). */
  testsPath: string;
  folder: string;
  env?: NodeJS.ProcessEnv;
  /** Whole-run limit; a suite still running then counts as failed. Default 10 minutes (generous: a busy 2-core machine can take minutes just to load the workbench). */
  timeoutMs?: number;
  screenshotPath?: string;
  cacheDir?: string;
}

export interface ExtensionTestResult {
  exitCode: number;
  passed: number;
  failed: number;
  log: string[];
}

/**
 * The workbench's own start-up messages, which arrive through the same log as the extension host's console
 * (with the same levels). They stay in the returned log but are not echoed unless
 * SWARMSCOPE_VSCODE_HOST_VERBOSE=1.
 */
const WORKBENCH_CHATTER: RegExp[] = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^Creation of workbench contribution '/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Updating additional builtin extensions cache$/,
  /^\[Service Worker\] registered$/,
  /^ChatSessionStore: /,
  /^No search provider registered for scheme: vscode-remote/,
];

/** Formats one `codeAutomationLog(level, message)` call: the workbench's log, which carries the extension host's console. */
function formatConsoleArgs(message: unknown): string {
  const list = Array.isArray(message) ? message : [message];
  return list.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' ');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Runs an extension-host test suite in real VS Code (code-server + headless Chromium) and reports its counts,
 * read from the `extension-host: N passed, N failed` line, which it prints last, once, after teardown. A run
 * that does not finish in time fails.
 */
export async function runExtensionTests(opts: ExtensionTestOptions): Promise<ExtensionTestResult> {
  const lines: string[] = [];
  const verbose = process.env.SWARMSCOPE_VSCODE_HOST_VERBOSE === '1';
  const emit = (line: string): void => {
    lines.push(line);
    // The suite's summary line is printed once, last, after teardown (see below).
    if (SUMMARY_PATTERN.test(line)) return;
    if (verbose || !WORKBENCH_CHATTER.some((pattern) => pattern.test(line))) process.stdout.write(`${line}\n`);
  };
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const server = await timed('code-server started', () =>
    startCodeServer({
      extensionPath: opts.extensionPath,
      folder: opts.folder,
      env: { ...OFFLINE_GALLERY_ENV, ...opts.env },
      cacheDir: opts.cacheDir,
    }),
  );
  let browser: import('playwright-core').Browser | undefined;
  let exitCode = 1;
  let timer: NodeJS.Timeout | undefined;
  try {
    browser = await timed('chromium launched', launchBrowser);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let settle: (code: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => {
      settle = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
      const text = formatConsoleArgs(message);
      for (const line of text.split('\n')) emit(level === 'error' ? `[error] ${line}` : line);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      settle(typeof code === 'number' ? code : 1);
    });
    page.on('pageerror', (error) => emit(`[page error] ${error.message}`));
    const url = workbenchUrl(server, opts.folder, {
      extensionDevelopmentPath: opts.extensionPath,
      extensionTestsPath: opts.testsPath,
    });
    const started = Date.now();
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    // The limit covers loading the workbench as well; navigation itself only waits for the first response.
    await Promise.race([page.goto(url, { waitUntil: 'commit', timeout: timeoutMs }), timedOut]);
    const outcome = await Promise.race([finished, timedOut]);
    if (outcome === 'timeout') {
      emit(`[vscode-host] the extension-host suite did not finish within ${Math.round(timeoutMs / 1000)} s`);
      exitCode = 1;
    } else {
      exitCode = outcome;
    }
    log(`suite finished with exit code ${exitCode} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (opts.screenshotPath) await page.screenshot({ path: opts.screenshotPath }).catch((error: Error) => emit(`[vscode-host] screenshot failed: ${error.message}`));
  } catch (error) {
    emit(`[vscode-host] ${(error as Error).message}`);
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    // The server's own log helps only when the suite never reported (a host problem, not a test failure).
    if (!lines.some((line) => SUMMARY_PATTERN.test(line))) {
      process.stdout.write(`[vscode-host] last code-server output:\n${server.serverOutput().slice(-30).join('\n')}\n`);
    }
    await timed('browser and code-server stopped', async () => {
      await browser?.close().catch(() => undefined);
      await server.stop();
    });
  }
  const result = summarize(lines, exitCode);
  process.stdout.write(`extension-host: ${result.passed} passed, ${result.failed} failed\n`);
  return result;
}

/**
 * Reads the counts from the suite's summary line. Without one the suite hung or never started: the per-test
 * lines printed so far (mochaRunner's format) are counted, plus one failure for the unfinished run, whatever
 * the exit code said.
 */
export function summarize(lines: string[], exitCode: number): ExtensionTestResult {
  const summary = [...lines].reverse().map((line) => SUMMARY_PATTERN.exec(line)).find((match) => match !== null);
  if (summary) return { exitCode, passed: Number(summary[1]), failed: Number(summary[2]), log: lines };
  const passed = lines.filter((line) => line.startsWith(`  ${PASS_MARK} `)).length;
  const failed = lines.filter((line) => line.startsWith(`  ${FAIL_MARK} `)).length + 1;
  return { exitCode: 1, passed, failed, log: lines };
}

export interface ScreenshotOptions {
  extensionPath: string;
  folder: string;
  env?: NodeJS.ProcessEnv;
  outFile: string;
  /** Runs on the loaded workbench before the screenshot (open a view, run a command…). */
  actions?: (page: Page) => Promise<void>;
  cacheDir?: string;
  /** Limit for the workbench to load. Default 3 minutes. */
  loadTimeoutMs?: number;
}

/** The title of the extension's first activity-bar view container, if it contributes one. */
function activityBarTitle(extensionPath: string): string | undefined {
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as {
    contributes?: { viewsContainers?: { activitybar?: Array<{ title?: string }> } };
  };
  const title = manifest.contributes?.viewsContainers?.activitybar?.[0]?.title;
  return title && !title.includes('"') ? title : undefined;
}

/** Opens the workbench with the extension loaded for development and saves a screenshot of it. */
export async function screenshotWorkbench(opts: ScreenshotOptions): Promise<void> {
  const server = await startCodeServer({
    extensionPath: opts.extensionPath,
    folder: opts.folder,
    env: { ...OFFLINE_GALLERY_ENV, ...opts.env },
    cacheDir: opts.cacheDir,
  });
  let browser: import('playwright-core').Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Generous limits: on a busy 2-core machine the workbench alone can take a minute to load.
    const loadTimeout = opts.loadTimeoutMs ?? 180_000;
    await page.goto(workbenchUrl(server, opts.folder, { extensionDevelopmentPath: opts.extensionPath }), {
      waitUntil: 'commit',
      timeout: loadTimeout,
    });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: loadTimeout });
    // The extension is in once its activity-bar container shows (that needs the extension host); without
    // one, give the extension host a fixed while.
    const container = activityBarTitle(opts.extensionPath);
    if (container) {
      await page.locator(`.part.activitybar .action-item a[aria-label^="${container}"]`).first().waitFor({ timeout: loadTimeout });
    } else {
      await delay(10_000);
    }
    await delay(2000);
    if (opts.actions) await opts.actions(page);
    await fs.mkdir(path.dirname(path.resolve(opts.outFile)), { recursive: true });
    await page.screenshot({ path: opts.outFile });
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}
