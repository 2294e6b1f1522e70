// Builds the extension and the CLI into dist/ (bundled), and with --tests transpiles src/ and test/ file by file
// into out/ so `node --test` and the extension-host runner can load them.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** @type {import('esbuild').BuildOptions} */
const bundle = {
  entryPoints: { extension: 'src/extension.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // cpu-features and ssh2's native crypto are optional (ssh2 falls back to pure JS when they fail to load).
  external: ['vscode', 'cpu-features', './build/Release/cpufeatures.node', './crypto/build/Release/sshcrypto.node'],
  // jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
};

/** @type {import('esbuild').BuildOptions} */
const transpile = {
  entryPoints: [...listTs('src'), ...listTs('test'), ...(existsSync('bench') ? listTs('bench') : [])],
  outdir: 'out',
  outbase: '.',
  bundle: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
};

const options = tests ? transpile : bundle;
if (tests) rmSync('out', { recursive: true, force: true });
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
