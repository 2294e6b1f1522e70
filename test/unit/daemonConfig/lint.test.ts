// The headless linter: output formats, exit codes, usage and IO errors.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { runLint } from '../../../src/cli/lint';

const FILES: Record<string, string> = {
  'good.json': '{"debug": true}',
  'bad.json': '{\n  "log-opts": {"max-file": 3}\n}',
  'warn.json': '{"registry-mirror": ["https://m"]}',
  'old.json': '{"cluster-store": "consul://x"}',
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runLint(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: async (p) => {
      if (!(p in FILES)) throw new Error(`ENOENT: no such file, open '${p}'`);
      return FILES[p];
    },
  });
  return { code, out, err };
}

void test('lint: a good file exits 0 and prints nothing', async () => {
  const r = await run(['good.json']);
  assert.equal(r.code, 0);
  assert.equal(r.out, '');
});

void test('lint: errors exit 1 with file:line:col: severity: message [rule]', async () => {
  const r = await run(['bad.json']);
  assert.equal(r.code, 1);
  assert.match(r.out, /^bad\.json:2:28: error: log-opts values must be strings.* \[log-opts-not-string\]$/m);
});

void test('lint: json format has 1-based positions', async () => {
  const r = await run(['--format', 'json', 'bad.json', 'good.json']);
  assert.equal(r.code, 1);
  const records = JSON.parse(r.out) as { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; severity: string }[];
  const rec = records.find((x) => x.ruleId === 'log-opts-not-string');
  assert.deepEqual(rec && { file: rec.file, line: rec.line, column: rec.column, endLine: rec.endLine, endColumn: rec.endColumn, severity: rec.severity }, { file: 'bad.json', line: 2, column: 28, endLine: 2, endColumn: 29, severity: 'error' });
});

void test('lint: warnings pass unless --max-warnings is exceeded', async () => {
  assert.equal((await run(['warn.json'])).code, 0);
  assert.equal((await run(['--max-warnings', '0', 'warn.json'])).code, 1);
  assert.equal((await run(['--max-warnings=1', 'warn.json'])).code, 0);
});

void test('lint: --engine-version changes the verdict', async () => {
  assert.equal((await run(['old.json'])).code, 1);
  assert.equal((await run(['--engine-version', '20.10', 'old.json'])).code, 0);
});

void test('lint: usage errors exit 2', async () => {
  for (const argv of [[], ['--format', 'xml', 'good.json'], ['--bogus', 'good.json'], ['--max-warnings', 'x', 'good.json'], ['--engine-version', 'latest', 'good.json']]) {
    const r = await run(argv);
    assert.equal(r.code, 2, JSON.stringify(argv));
    assert.match(r.err, /Usage: swarmscope lint/);
  }
});

void test('lint: an unreadable file exits 2 with a message, other files still linted', async () => {
  const r = await run(['missing.json', 'bad.json']);
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read missing\.json: ENOENT/);
  assert.match(r.out, /bad\.json:2:28/);
});

void test('lint: --help exits 0', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /--format text\|json/);
});
