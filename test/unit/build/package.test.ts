// Builds the production .vsix with the project's own script and checks what ships.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(__dirname, '../../../..');
const vsix = path.join(root, 'swarmscope.vsix');

/** Entry names from a zip's central directory. */
function zipEntries(buf: Buffer): { name: string; size: number }[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(offset), 0x02014b50, 'central directory header');
    const size = buf.readUInt32LE(offset + 24);
    const nameLen = buf.readUInt16LE(offset + 28);
    const extraLen = buf.readUInt16LE(offset + 30);
    const commentLen = buf.readUInt16LE(offset + 32);
    entries.push({ name: buf.toString('utf8', offset + 46, offset + 46 + nameLen), size });
    offset += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

after(() => {
  // Put the development build (with sourcemaps) back for the suites that follow.
  execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'ignore' });
});

test('npm run package ships only dist/, media/, package.json, README.md, LICENSE, with a minified bundle under 1.5 MB', () => {
  fs.rmSync(vsix, { force: true });
  execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'pipe', timeout: 300_000 });
  const entries = zipEntries(fs.readFileSync(vsix));
  const shipped = entries.map((e) => e.name).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  const allowed = /^(dist\/(extension|cli)\.js|media\/[^/]+|package\.json|readme\.md|LICENSE\.txt|changelog\.md)$/i;
  const unexpected = shipped.filter((n) => !allowed.test(n));
  assert.deepEqual(unexpected, [], 'nothing else is packaged');
  for (const required of ['dist/extension.js', 'dist/cli.js', 'package.json', 'readme.md', 'LICENSE.txt']) {
    assert.ok(shipped.some((n) => n.toLowerCase() === required.toLowerCase()), `${required} is packaged`);
  }
  const ext = entries.find((e) => e.name === 'extension/dist/extension.js')!;
  assert.ok(ext.size < 1.5 * 1024 * 1024, `dist/extension.js is ${ext.size} bytes`);
  const text = fs.readFileSync(path.join(root, 'dist/extension.js'), 'utf8');
  const lines = text.split('\n').length;
  // Minified code keeps only the newlines inside template literals: thousands of characters per line on average.
  assert.ok(text.length / lines > 2000, `minified: ${lines} lines for ${text.length} characters`);
  assert.ok(!text.includes('sourceMappingURL'), 'no sourcemap reference in the production bundle');
});
