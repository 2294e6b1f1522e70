// Random mutations of valid daemon.json files: the validator never throws, every range stays inside the
// document, and applying any quick fix yields text the validator still handles.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { validate } from '../../../src/daemonConfig/validate';
import { prng } from '../../support/prng';

const SEEDS = [
  '{\n  "debug": true,\n  "log-driver": "json-file",\n  "log-opts": { "max-size": "10m", "max-file": "3" }\n}',
  '{"log-driver": "gelf", "log-opts": {"gelf-address": "udp://g:12201", "tag": "{{.Name}}"}, "labels": ["a=b"]}',
  '{"registry-mirrors": ["https://m"], "runtimes": {"r": {"path": "/x"}}, "default-address-pools": [{"base": "10.0.0.0/8", "size": 24}]}',
  '\uFEFF{"hosts": ["unix:///s"], "features": {"buildkit": true}, "builder": {"gc": {"enabled": true}}, "mtu": 1400}',
];
const PIECES = ['{', '}', '[', ']', ',', ':', '"', '\\', '//', '/*', 'null', 'true', '3', '-1', '1e9', '"log-opts"', '"log-driver"', '"gelf"', '"none"', '{}', '[]', '\n', ' ', '\uFEFF', '"max-size"', '"mode"', '"x'];


function mutate(text: string, rnd: () => number): string {
  let s = text;
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = rnd();
    if (op < 0.35) s = s.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + s.slice(at);
    else if (op < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 6));
    else if (op < 0.85) s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + s.slice(at + 1);
    else {
      const from = Math.floor(rnd() * s.length);
      s = s.slice(0, at) + s.slice(from, from + Math.floor(rnd() * 20)) + s.slice(at);
    }
  }
  return s;
}

void test('fuzz: 4000 mutated files never throw and keep ranges inside the text', () => {
  const rnd = prng(20240611);
  let withProblems = 0;
  for (let run = 0; run < 4000; run++) {
    const text = mutate(SEEDS[run % SEEDS.length], rnd);
    const engineVersion = ['20.10', '25.0', undefined][run % 3];
    const problems = validate(text, { engineVersion });
    if (problems.length > 0) withProblems++;
    for (const p of problems) {
      assert.notEqual(p.ruleId, 'internal-error', `internal error for ${JSON.stringify(text)}: ${p.message}`);
      assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length, `range ${JSON.stringify(p.range)} outside ${text.length} for ${JSON.stringify(text)}`);
      for (const fix of p.fix ?? []) {
        for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `fix edit outside the text for ${JSON.stringify(text)}`);
      }
    }
  }
  // The mutations must actually break things, or the test proves nothing.
  assert.ok(withProblems > 2000, `only ${withProblems} mutated files had problems`);
});

void test('fuzz: the unmutated seeds are clean', () => {
  for (const seed of SEEDS) assert.deepEqual(validate(seed).filter((p) => p.severity === 'error'), []);
});
