// Runs a folder of mocha TDD test files and reports through console.log, which is the channel that reaches the
// test runner from every host: code-server forwards the extension host's console to the page
// (codeAutomationLog), VS Code desktop prints it on stdout. Mocha's own reporters write to process.stdout,
// which in the web setup ends up in the server's log instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteRunOptions {
  /** Folder whose `*.test.js` files are loaded (not recursive). */
  dir: string;
  /** Printed as the summary line's prefix: `<name>: N passed, N failed`. */
  name: string;
  timeoutMs?: number;
  /** Only tests whose full title matches (mocha `grep`). */
  grep?: string;
}

export interface SuiteResult {
  passed: number;
  failed: number;
}

function fullTitle(test: Mocha.Runnable): string {
  return test.titlePath().join(' › ');
}

/** Runs the suite, prints one line per test and the summary line, and resolves with the counts. */
export async function runMochaSuite(options: SuiteRunOptions): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: options.timeoutMs ?? 60_000, reporter: 'base' });
  if (options.grep) mocha.grep(options.grep);
  const files = fs
    .readdirSync(options.dir)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(path.join(options.dir, name));

  let passed = 0;
  let failed = 0;
  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve());
      runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
        passed++;
        console.log(`  ✔ ${fullTitle(test)} (${test.duration ?? 0} ms)`);
      });
      runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, error: Error) => {
        failed++;
        console.log(`  ✘ ${fullTitle(test)}`);
        console.log(`      ${(error.stack ?? String(error)).split('\n').join('\n      ')}`);
      });
      runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
        console.log(`  - ${fullTitle(test)} (skipped)`);
      });
    } catch (error) {
      // A test file that throws while loading lands here.
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  }).catch((error: Error) => {
    failed++;
    console.log(`  ✘ loading the ${options.name} test files: ${error.stack ?? error.message}`);
  });
  console.log(`${options.name}: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}
