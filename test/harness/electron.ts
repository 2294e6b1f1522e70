// The extension-host suite under VS Code desktop through @vscode/test-electron, for machines that can download
// VS Code (and have a display, or xvfb-run on Linux CI). The same out/test/extension-host/index.js runs here and
// under code-server (vscodeHost.ts).
//   node out/test/harness/electron.js [--folder F]
import * as fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SilentReporter, downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { defaultCacheDir, repoRoot } from './vscodeHost';

export const ELECTRON_VSCODE_VERSION = '1.100.3';
/** Idle limit for the download: a machine that cannot reach update.code.visualstudio.com fails fast. */
const DOWNLOAD_IDLE_TIMEOUT_MS = 20_000;
/** Overall limit for the download, so a trickling connection cannot hang the run either. */
const DOWNLOAD_TOTAL_TIMEOUT_MS = 10 * 60_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim() || 'unknown error';
}

export async function runElectronTests(folder?: string): Promise<number> {
  const root = repoRoot();
  const extensionTestsPath = path.join(root, 'out', 'test', 'extension-host', 'index.js');
  if (!existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run \`npm run build:tests\` first`);

  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await withTimeout(
      downloadAndUnzipVSCode({
        version: ELECTRON_VSCODE_VERSION,
        cachePath: defaultCacheDir(),
        timeout: DOWNLOAD_IDLE_TIMEOUT_MS,
        reporter: new SilentReporter(),
      }),
      DOWNLOAD_TOTAL_TIMEOUT_MS,
      'the download',
    );
  } catch (error) {
    console.log(
      `electron: cannot download VS Code ${ELECTRON_VSCODE_VERSION} (${firstLine(error)}); ` +
        'use `npm run test:extension-host` (code-server) on machines without access to update.code.visualstudio.com',
    );
    return 1;
  }

  const workspace = folder ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'swarmscope-eh-workspace-')));
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      extensionTestsEnv: { SWARMSCOPE_TEST_WORKSPACE: workspace },
      launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (error) {
    console.log(`electron: VS Code ${ELECTRON_VSCODE_VERSION} failed to run the suite (${firstLine(error)})`);
    return 1;
  } finally {
    if (!folder) await fs.rm(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { folder: { type: 'string' } } });
  runElectronTests(values.folder ? path.resolve(values.folder) : undefined).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.log(`electron: ${firstLine(error)}`);
      process.exitCode = 1;
    },
  );
}
