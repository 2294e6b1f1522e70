// `swarmscope lint`: the daemon.json linter for CI. Same validator as the editor.
import { readFile } from 'node:fs/promises';
import { validate } from '../daemonConfig/validate';
import type { Problem } from '../daemonConfig/problem';

export interface LintIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => Promise<string>;
}

export const LINT_USAGE = `Usage: swarmscope lint [--format text|json] [--engine-version X] [--max-warnings N] <file...>

Checks Docker daemon.json files the way dockerd reads them.
  --format text|json    text: "file:line:col: severity: message [rule-id]" (default); json: an array of problems
  --engine-version X    target engine, e.g. 20.10 or 27.5 (default: the newest the linter knows)
  --max-warnings N      also fail when there are more than N warnings
Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable file.
`;

export interface LintRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Problem['severity'];
  message: string;
  ruleId: string;
}

interface Args {
  format: 'text' | 'json';
  engineVersion?: string;
  maxWarnings?: number;
  files: string[];
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { format: 'text', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') return `--format must be text or json, not ${v ?? 'nothing'}`;
      args.format = v;
    } else if (flag === '--engine-version') {
      const v = value();
      if (!v || !/^v?\d+\.\d+/.test(v)) return `--engine-version needs a version such as 20.10, not ${v ?? 'nothing'}`;
      args.engineVersion = v;
    } else if (flag === '--max-warnings') {
      const v = value();
      if (!v || !/^\d+$/.test(v)) return `--max-warnings needs a non-negative integer, not ${v ?? 'nothing'}`;
      args.maxWarnings = Number(v);
    } else if (flag === '--') {
      args.files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option ${a}`;
    } else {
      args.files.push(a);
    }
  }
  if (args.files.length === 0) return 'no file given';
  return args;
}

/** 1-based line and column (UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export async function runLint(argv: string[], io: LintIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`swarmscope lint: ${args}\n${LINT_USAGE}`);
    return 2;
  }
  const records: LintRecord[] = [];
  let unreadable = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (err) {
      io.stderr(`swarmscope lint: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
      unreadable = true;
      continue;
    }
    for (const p of validate(text, { engineVersion: args.engineVersion })) {
      const start = lineColumn(text, p.range.start);
      const end = lineColumn(text, p.range.end);
      records.push({ file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: p.severity, message: p.message, ruleId: p.ruleId });
    }
  }
  if (args.format === 'json') io.stdout(JSON.stringify(records, null, 2) + '\n');
  else for (const r of records) io.stdout(`${r.file}:${r.line}:${r.column}: ${r.severity}: ${r.message} [${r.ruleId}]\n`);
  if (unreadable) return 2;
  const errors = records.filter((r) => r.severity === 'error').length;
  const warnings = records.filter((r) => r.severity === 'warning').length;
  if (args.format === 'text' && records.length > 0) io.stderr(`${errors} error(s), ${warnings} warning(s)\n`);
  if (errors > 0) return 1;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr(`swarmscope lint: ${warnings} warnings exceed --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** Reads a file as dockerd does: UTF-8, or UTF-16LE when it starts with that byte-order mark. */
export async function readDaemonJsonFile(path: string): Promise<string> {
  const bytes = await readFile(path);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8');
}

/** The io the real CLI uses. */
export const processLintIo: LintIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: readDaemonJsonFile,
};
