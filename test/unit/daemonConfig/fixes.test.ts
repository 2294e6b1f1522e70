// Quick fixes: applying the first fix removes the problem it was offered for.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { validate } from '../../../src/daemonConfig/validate';
import type { Fix } from '../../../src/daemonConfig/problem';

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  return edits.reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), text);
}

const CASES: { name: string; json: string; rule: string; title: RegExp; after: string }[] = [
  { name: 'quote a number in log-opts', json: '{"log-opts": {"max-file": 3, "max-size": "1m"}}', rule: 'log-opts-not-string', title: /Quote/, after: '{"log-opts": {"max-file": "3", "max-size": "1m"}}' },
  { name: 'quote a boolean in log-opts', json: '{"log-driver": "local", "log-opts": {"compress": false}}', rule: 'log-opts-not-string', title: /Quote/, after: '{"log-driver": "local", "log-opts": {"compress": "false"}}' },
  { name: 'rename a misspelled key', json: '{"tls-verify": true}', rule: 'unknown-key', title: /Rename/, after: '{"tlsverify": true}' },
  { name: 'rename an ignored key', json: '{"registry-mirror": ["https://m"]}', rule: 'ignored-key', title: /Rename/, after: '{"registry-mirrors": ["https://m"]}' },
  { name: 'remove an unknown key (first)', json: '{"nope": 1, "debug": true}', rule: 'unknown-key', title: /Remove/, after: '{"debug": true}' },
  { name: 'remove an unknown key (last)', json: '{"debug": true, "nope": 1}', rule: 'unknown-key', title: /Remove/, after: '{"debug": true}' },
  { name: 'rename a misspelled log opt', json: '{"log-opts": {"max-szie": "1m"}}', rule: 'log-opt-unknown', title: /Rename/, after: '{"log-opts": {"max-size": "1m"}}' },
  { name: 'insert gelf-address', json: '{"log-driver": "gelf", "log-opts": {"tag": "x"}}', rule: 'log-opt-required', title: /Add/, after: '{"log-driver": "gelf", "log-opts": {"tag": "x", "gelf-address": "udp://127.0.0.1:12201"}}' },
  { name: 'insert log-opts with awslogs-group', json: '{"log-driver": "awslogs"}', rule: 'log-opt-required', title: /Add/, after: '{"log-driver": "awslogs", "log-opts": { "awslogs-group": "my-log-group" }}' },
  { name: 'remove a trailing comma', json: '{"debug": true,}', rule: 'json-trailing-comma', title: /Remove/, after: '{"debug": true}' },
  { name: 'remove a comment', json: '{"debug": true /* x */}', rule: 'json-comment', title: /Remove/, after: '{"debug": true }' },
  { name: 'boolean from string', json: '{"debug": "true"}', rule: 'type-mismatch', title: /Use true/, after: '{"debug": true}' },
  { name: 'log driver typo', json: '{"log-driver": "jsonfile"}', rule: 'log-driver-unknown', title: /json-file/, after: '{"log-driver": "json-file"}' },
  { name: 'log level typo', json: '{"log-level": "wran"}', rule: 'invalid-log-level', title: /warn/, after: '{"log-level": "warn"}' },
];

for (const tc of CASES) {
  void test(`fix: ${tc.name}`, () => {
    const problem = validate(tc.json).find((p) => p.ruleId === tc.rule);
    assert.ok(problem, `no ${tc.rule} problem`);
    const fix = problem.fix?.find((f) => tc.title.test(f.title));
    assert.ok(fix, `no fix matching ${tc.title} among ${JSON.stringify(problem.fix)}`);
    const after = apply(tc.json, fix);
    assert.equal(after, tc.after);
    assert.deepEqual(validate(after).filter((p) => p.ruleId === tc.rule), []);
  });
}
