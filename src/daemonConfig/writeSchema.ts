// Writes media/daemon.schema.json from the knowledge table: `node out/src/daemonConfig/writeSchema.js`.
// A unit test fails when the committed file differs from this output.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildDaemonJsonSchema } from './schema';

export const SCHEMA_RELATIVE_PATH = join('media', 'daemon.schema.json');

export function daemonSchemaText(): string {
  return JSON.stringify(buildDaemonJsonSchema(), null, 2) + '\n';
}

/** The repository root: the nearest folder above `from` holding package.json, else the working directory. */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'media'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

if (require.main === module) {
  const target = join(findRepoRoot(), SCHEMA_RELATIVE_PATH);
  writeFileSync(target, daemonSchemaText());
  process.stdout.write(`wrote ${target}\n`);
}
