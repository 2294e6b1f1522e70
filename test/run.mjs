#!/usr/bin/env node
// The project's one test entry point (`npm test`) and the home of `npm run demo` / `npm run bench`.
//   node test/run.mjs [all|unit|integration|extension-host|electron|demo|bench]
// Every suite ends with `<suite>: N passed, N failed`; a full run ends with `total: N passed, N failed` and exits
// non-zero on any failure. The harness starts its own Docker engine and code-server; nothing else is touched.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const mode = process.argv[2] ?? 'all';
const results = [];
/** Process groups of running test suites (detached), so Ctrl-C reaches them too. */
const activeGroups = new Set();
const cleanups = [];

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      resolve(127);
    });
  });
}

async function step(name, cmd, args) {
  console.log(`\n=== ${name} ===`);
  const code = await run(cmd, args);
  console.log(`${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`}`);
  return code === 0;
}

function report(suite, passed, failed) {
  results.push({ suite, passed, failed });
  console.log(`${suite}: ${passed} passed, ${failed} failed`);
}

/** Wall-clock limits per suite (minutes, overridable with SWARMSCOPE_SUITE_LIMIT_MIN). */
function suiteLimitMs(suite) {
  const minutes = Number(process.env.SWARMSCOPE_SUITE_LIMIT_MIN ?? (suite === 'unit' ? 10 : 45));
  return minutes * 60_000;
}

/**
 * Runs compiled node:test files with the spec reporter, echoing its output live and reading the counts from its
 * summary (`ℹ pass N` / `ℹ fail N`). 
 */
async function nodeTestSuite(suite, dirs, env = {}, extraArgs = []) {
  console.log(`\n=== ${suite} ===`);
  const existing = dirs.filter((d) => fs.existsSync(path.join(root, d)));
  if (existing.length === 0) {
    report(suite, 0, 1);
    console.log(`${suite}: no compiled tests found in ${dirs.join(', ')}`);
    return;
  }
  // The spec reporter's summary (`ℹ pass N`…) comes before the failure details, which can be long: the summary lines
  // are picked out as they stream by, not searched for in a tail of the output.
  const summary = {};
  let pendingLine = '';
  let timedOut = false;
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [
      '--test',
      '--test-reporter=spec',
      // (Not --test-force-exit: it drops tests a file registers late, silently.)
      ...extraArgs,
      ...existing,
    ], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env }, detached: true });
    // A test that leaks a stream or timer keeps its file's process alive: the suite has a time limit, and running
    // over it is a failure, not a hang.
    const limitMs = suiteLimitMs(suite);
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`${suite}: still running after ${Math.round(limitMs / 60000)} min; stopping it (a leaked handle or a hang)`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limitMs);
    activeGroups.add(child.pid);
    child.on('exit', () => {
      clearTimeout(timer);
      activeGroups.delete(child.pid);
    });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pendingLine + chunk.toString('utf8')).split('\n');
      pendingLine = (lines.pop() ?? '').slice(-1000);
      for (const line of lines) {
        const m = /^ℹ (pass|fail|cancelled) (\d+)$/.exec(line);
        if (m) summary[m[1]] = Number(m[2]);
      }
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(`node --test: ${err.message}`);
      resolve(127);
    });
  });
  const passed = summary.pass ?? 0;
  let failed = (summary.fail ?? 0) + (summary.cancelled ?? 0);
  if (timedOut) failed += 1;
  if (code !== 0 && failed === 0) failed = 1; // the runner itself failed (crash, no summary)
  if (passed === 0 && failed === 0) failed = 1; // nothing ran: that is not a pass
  report(suite, passed, failed);
}

function harness() {
  return require(path.join(root, 'out/test/harness/engine.js'));
}

let mainEngine;
async function startMainEngine() {
  if (mainEngine) return mainEngine;
  const { ensureDockerInstalled, startEngine } = harness();
  const { seedDemoSwarm } = require(path.join(root, 'out/test/harness/seed.js'));
  await ensureDockerInstalled();
  const t0 = Date.now();
  mainEngine = await startEngine({ name: mode === 'demo' ? 'demo' : 'main' });
  cleanups.push(() => mainEngine.stop());
  await seedDemoSwarm(mainEngine.dockerHost);
  console.log(`sandbox swarm ready at ${mainEngine.dockerHost} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return mainEngine;
}

/** Environment for anything that should talk to the sandbox: its DOCKER_HOST and an empty docker config dir. */
function sandboxEnv(engine) {
  const dockerConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-dockercfg-'));
  cleanups.push(() => fs.rmSync(dockerConfig, { recursive: true, force: true }));
  return {
    // The multi-node tests (five dockerds in namespaces, ~4 min) are part of every full run unless turned off with 0.
    SWARMSCOPE_MULTINODE: process.env.SWARMSCOPE_MULTINODE ?? '1',
    DOCKER_HOST: engine.dockerHost,
    DOCKER_CONFIG: dockerConfig,
    DOCKER_CONTEXT: '',
    DOCKER_TLS_VERIFY: '',
    SWARMSCOPE_TEST_DOCKER_HOST: engine.dockerHost,
  };
}

async function build() {
  return (await step('build', process.execPath, ['esbuild.config.mjs'])) &&
    (await step('build tests', process.execPath, ['esbuild.config.mjs', '--tests']));
}

async function extensionHostSuite(env) {
  console.log('\n=== extension-host ===');
  try {
    const host = require(path.join(root, 'out/test/harness/vscodeHost.js'));
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-ws-'));
    cleanups.push(() => fs.rmSync(workspace, { recursive: true, force: true }));
    const result = await host.runExtensionTests({
      extensionPath: root,
      testsPath: path.join(root, 'out/test/extension-host/index.js'),
      folder: workspace,
      env: { ...process.env, ...env },
      timeoutMs: Number(process.env.SWARMSCOPE_EXTHOST_TIMEOUT_MS ?? 15 * 60_000),
      screenshotPath: process.env.SWARMSCOPE_SCREENSHOT,
    });
    let failed = result.failed;
    if (result.exitCode !== 0 && failed === 0) failed = 1;
    report('extension-host', result.passed, failed);
  } catch (err) {
    console.error(`extension-host: could not run: ${err?.stack ?? err}`);
    report('extension-host', 0, 1);
  }
}

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup: ${err?.message ?? err}`);
    }
  }
}

function summary() {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`\ntotal: ${passed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0;
}

async function main() {
  let ok = true;
  switch (mode) {
    case 'all': {
      if (!(await build())) return false;
      ok = (await step('typecheck', 'npx', ['tsc', '--noEmit'])) && ok;
      ok = (await step('lint', 'npx', ['eslint', 'src', 'test'])) && ok;
      await nodeTestSuite('unit', ['out/test/unit']);
      const engine = await startMainEngine();
      const env = sandboxEnv(engine);
      await nodeTestSuite('integration', ['out/test/integration'], env, ['--test-concurrency=1', '--test-timeout=600000']);
      await extensionHostSuite(env);
      return summary() && ok;
    }
    case 'unit':
      if (!(await build())) return false;
      await nodeTestSuite('unit', ['out/test/unit']);
      return summary();
    case 'integration': {
      if (!(await build())) return false;
      const engine = await startMainEngine();
      const only = process.argv.slice(3);
      await nodeTestSuite('integration', only.length ? only : ['out/test/integration'], sandboxEnv(engine), ['--test-concurrency=1', '--test-timeout=600000']);
      return summary();
    }
    case 'extension-host': {
      if (!(await build())) return false;
      const engine = await startMainEngine();
      await extensionHostSuite(sandboxEnv(engine));
      return summary();
    }
    case 'electron': {
      if (!(await build())) return false;
      const engine = await startMainEngine();
      const code = await run(process.execPath, [path.join(root, 'out/test/harness/electron.js')], { env: { ...process.env, ...sandboxEnv(engine) } });
      return code === 0;
    }
    case 'demo': {
      if (!(await build())) return false;
      const engine = await startMainEngine();
      const env = sandboxEnv(engine);
      console.log(`\nSandbox swarm: DOCKER_HOST=${engine.dockerHost}`);
      console.log('Starting code-server with Swarmscope loaded (Ctrl-C stops everything)…');
      const code = await run(process.execPath, [path.join(root, 'out/test/harness/vscodeHostCli.js'), 'serve', ...process.argv.slice(3)], {
        env: { ...process.env, ...env },
      });
      return code === 0 || code === 130;
    }
    case 'bench': {
      if (!(await build())) return false;
      const engine = await startMainEngine();
      const benchDir = path.join(root, 'out/bench');
      // `bench [name] [args…]`: one benchmark (bench/<name>.ts) or all of them.
      const only = process.argv[3] && !process.argv[3].startsWith('-') ? process.argv[3] : undefined;
      const args = process.argv.slice(only ? 4 : 3);
      const files = fs.existsSync(benchDir) ? fs.readdirSync(benchDir).filter((f) => f.endsWith('.js') && (!only || f === `${only}.js`)).sort() : [];
      if (files.length === 0) console.error(`no benchmark ${only ?? ''} in bench/`);
      ok = files.length > 0;
      for (const f of files) {
        console.log(`\n=== bench ${f.replace(/\.js$/, '')} ===`);
        const code = await run(process.execPath, ['--expose-gc', path.join(benchDir, f), ...args], { env: { ...process.env, ...sandboxEnv(engine) } });
        ok = code === 0 && ok;
      }
      return ok;
    }
    default:
      console.error(`unknown mode "${mode}"; use all, unit, integration, extension-host, electron, demo or bench`);
      return false;
  }
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${sig}: stopping the tests and the sandbox…`);
    for (const pid of activeGroups) {
      try {
        process.kill(-pid, sig);
      } catch {
        // already gone
      }
    }
  });
}

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (err) => {
    console.error(err?.stack ?? err);
    await cleanup();
    process.exit(1);
  });
