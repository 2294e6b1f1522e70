import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allCommandIds } from '../../../src/commands/ids';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string; category?: string }[]; menus?: Record<string, { command?: string }[]> };
};
const contributed = manifest.contributes.commands.map((c) => c.command);

test('every command in the typed map is contributed in package.json, and vice versa', () => {
  assert.deepEqual([...contributed].sort(), [...allCommandIds].sort());
});

test('command IDs follow swarmscope.<verb><Noun> and carry the Swarmscope category', () => {
  for (const c of manifest.contributes.commands) {
    assert.match(c.command, /^swarmscope\.[a-z]+[A-Za-z]*$/, c.command);
    assert.equal(c.category, 'Swarmscope', c.command);
  }
});

test('menus only reference contributed commands', () => {
  for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
    for (const e of entries) if (e.command) assert.ok(contributed.includes(e.command), `${menu}: ${e.command}`);
  }
});
