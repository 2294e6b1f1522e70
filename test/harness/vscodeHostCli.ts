// Command line for the real-VS-Code host:
//   node out/test/harness/vscodeHostCli.js run-tests [--folder F] [--timeout SECONDS] [--screenshot FILE] [--grep G]
//   node out/test/harness/vscodeHostCli.js serve [--port P] [--folder F]
//   node out/test/harness/vscodeHostCli.js screenshot --out FILE [--folder F] [--wait SECONDS]
//   node out/test/harness/vscodeHostCli.js install
// The environment (DOCKER_HOST, SWARMSCOPE_TEST_DOCKER_HOST …) is passed on to code-server and so to the
// extension host.
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer, repoRoot, runExtensionTests, screenshotWorkbench, startCodeServer, workbenchUrl } from './vscodeHost';

const USAGE = `usage: vscodeHostCli.js run-tests [--folder F] [--timeout SECONDS] [--screenshot FILE] [--grep PATTERN]
       vscodeHostCli.js serve [--port P] [--folder F]
       vscodeHostCli.js screenshot --out FILE [--folder F] [--wait SECONDS]
       vscodeHostCli.js install`;

function requireBuilt(file: string, hint: string): void {
  if (!existsSync(file)) throw new Error(`${path.relative(process.cwd(), file) || file} is missing: ${hint}`);
}

/**
 * The engine the extension under test talks to by default: DOCKER_HOST if the runner set it, else the sandbox
 * engine's address, else a socket that does not exist, so that a test run never reaches the machine's own
 * daemon (/var/run/docker.sock) by accident.
 */
function testDockerHost(): string {
  return process.env.DOCKER_HOST || process.env.SWARMSCOPE_TEST_DOCKER_HOST || 'unix:///nonexistent/swarmscope-tests-have-no-engine.sock';
}

async function runTests(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      folder: { type: 'string' },
      timeout: { type: 'string' },
      screenshot: { type: 'string' },
      grep: { type: 'string' },
    },
  });
  const root = repoRoot();
  const testsPath = path.join(root, 'out', 'test', 'extension-host', 'index.js');
  requireBuilt(path.join(root, 'dist', 'extension.js'), 'run `npm run compile` first');
  requireBuilt(testsPath, 'run `npm run build:tests` first');
  // A fresh empty workspace unless told otherwise, so tests never see (or change) a developer's files.
  const folder = values.folder ? path.resolve(values.folder) : await fs.mkdtemp(path.join(os.tmpdir(), 'swarmscope-eh-workspace-'));
  const timeoutSeconds = values.timeout ? Number(values.timeout) : 600;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(`--timeout must be a positive number of seconds, got ${values.timeout}`);
  try {
    const result = await runExtensionTests({
      extensionPath: root,
      testsPath,
      folder,
      timeoutMs: timeoutSeconds * 1000,
      screenshotPath: values.screenshot ? path.resolve(values.screenshot) : undefined,
      env: {
        DOCKER_HOST: testDockerHost(),
        SWARMSCOPE_TEST_WORKSPACE: folder,
        ...(values.grep ? { SWARMSCOPE_TEST_GREP: values.grep } : {}),
      },
    });
    return result.exitCode;
  } finally {
    if (!values.folder) await fs.rm(folder, { recursive: true, force: true });
  }
}

async function serve(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, folder: { type: 'string' } } });
  const root = repoRoot();
  requireBuilt(path.join(root, 'dist', 'extension.js'), 'run `npm run compile` first');
  const port = values.port ? Number(values.port) : 8080;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a TCP port number, got ${values.port}`);
  const folder = path.resolve(values.folder ?? root);
  const server = await startCodeServer({ extensionPath: root, folder, port, echoServerOutput: true });
  // The extension is loaded as a development extension through the URL's payload, straight from this
  // repository: no install step, and a reload picks up a fresh `npm run compile`.
  const url = workbenchUrl(server, folder, { extensionDevelopmentPath: root });
  console.log(`\nOpen ${url}\n(Swarmscope is loaded from ${root}; press Ctrl-C to stop.)\n`);
  let onServerExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  const exitCode = await new Promise<number>((resolve) => {
    const shutdown = (signal: NodeJS.Signals): void => {
      console.log(`\n${signal}: stopping code-server`);
      resolve(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    onServerExit = (code, signal) => {
      console.log(`code-server exited on its own (${code ?? signal})`);
      resolve(1);
    };
    server.process.once('exit', onServerExit);
  });
  server.process.removeListener('exit', onServerExit);
  await server.stop();
  console.log('code-server stopped');
  return exitCode;
}

async function screenshot(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, folder: { type: 'string' }, wait: { type: 'string' } },
  });
  if (!values.out) throw new Error('screenshot needs --out FILE');
  const root = repoRoot();
  requireBuilt(path.join(root, 'dist', 'extension.js'), 'run `npm run compile` first');
  const waitSeconds = values.wait ? Number(values.wait) : 10;
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new Error(`--wait must be a number of seconds, got ${values.wait}`);
  const outFile = path.resolve(values.out);
  await screenshotWorkbench({
    extensionPath: root,
    folder: path.resolve(values.folder ?? root),
    outFile,
    actions: async (page) => {
      // Open the Swarmscope container and give its views time to load from the engine in DOCKER_HOST.
      await page.locator('.part.activitybar .action-item a[aria-label^="Swarmscope"]').first().click();
      await page.mouse.move(700, 450);
      await page.waitForTimeout(waitSeconds * 1000);
    },
  });
  console.log(`wrote ${outFile}`);
  return 0;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'run-tests':
      return runTests(rest);
    case 'serve':
      return serve(rest);
    case 'screenshot':
      return screenshot(rest);
    case 'install':
      console.log(await ensureCodeServer());
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`vscode-host: ${error.message}`);
    process.exitCode = 1;
  },
);
