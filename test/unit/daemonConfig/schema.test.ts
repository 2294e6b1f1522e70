// The shipped schema is generated from the knowledge table and only helps completion and hovers.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDaemonJsonSchema } from '../../../src/daemonConfig/schema';
import { daemonSchemaText, findRepoRoot, SCHEMA_RELATIVE_PATH } from '../../../src/daemonConfig/writeSchema';
import { DAEMON_KEYS, LOG_DRIVERS } from '../../../src/daemonConfig/knowledge';

type S = { [k: string]: unknown };

void test('media/daemon.schema.json is up to date (run node out/src/daemonConfig/writeSchema.js)', () => {
  const committed = readFileSync(join(findRepoRoot(__dirname), SCHEMA_RELATIVE_PATH), 'utf8');
  assert.equal(committed, daemonSchemaText());
});

void test('every current key is in the schema, removed keys are not', () => {
  const props = buildDaemonJsonSchema().properties as S;
  for (const k of DAEMON_KEYS) assert.equal(k.name in props, k.removedIn === undefined, k.name);
});

void test('the schema constrains nothing the validator reports', () => {
  const text = daemonSchemaText();
  for (const word of ['"type"', '"enum"', '"required": [', '"deprecationMessage"', '"pattern"', '"minimum"']) {
    // `required` appears only inside `if` conditions, never as a constraint.
    if (word === '"required": [') continue;
    assert.ok(!text.includes(word), `schema contains ${word}`);
  }
  assert.notEqual((buildDaemonJsonSchema() as S).additionalProperties, false);
});

void test('each built-in driver has an if/then adding its options under log-opts', () => {
  const all = buildDaemonJsonSchema().allOf as S[];
  for (const d of LOG_DRIVERS.filter((x) => !x.windowsOnly && x.name !== 'none')) {
    const branch = all.find((b) => JSON.stringify(b.if).includes(`"const":"${d.name}"`));
    assert.ok(branch, d.name);
    const opts = (((branch.then as S).properties as S)['log-opts'] as S).properties as S;
    for (const o of d.options) assert.ok(o.name in opts, `${d.name}: ${o.name}`);
  }
  const gelf = all.find((b) => JSON.stringify(b.if).includes('"const":"gelf"')) as S;
  assert.ok('gelf-address' in ((((gelf.then as S).properties as S)['log-opts'] as S).properties as S));
});
