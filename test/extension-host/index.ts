// Entry point of the extension-host suite: VS Code (code-server or desktop) loads this module in the extension
// host and calls run(); a rejection marks the run as failed.
import { runMochaSuite } from './mochaRunner';

export async function run(): Promise<void> {
  const { passed, failed } = await runMochaSuite({
    dir: __dirname,
    name: 'extension-host',
    timeoutMs: 60_000,
    grep: process.env.SWARMSCOPE_TEST_GREP || undefined,
  });
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
  if (passed === 0) throw new Error('no extension-host test ran');
}
