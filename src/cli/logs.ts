/**
 * `swarmscope logs <service|task|stack:NAME> [options]`: the same lines as `docker service logs`, read per task,
 * merged in time order. Stdout lines go to stdout, stderr lines (and notices) to stderr.
 * Exits 0 when done (non-follow) or on Ctrl-C, 1 on an error, 2 on bad usage.
 */
import type Dockerode from 'dockerode';
import { LogSession, LogSessionOptions, parseTargetRef } from '../logs/session';

export interface WritableLike {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

export interface LogsIo {
  stdout: WritableLike;
  stderr: WritableLike;
  /** Registers a Ctrl-C handler; returns its removal. Defaults to process SIGINT. */
  onInterrupt?(handler: () => void): () => void;
}

export const LOGS_USAGE = `Usage: swarmscope logs [OPTIONS] SERVICE|TASK|stack:NAME

Fetch the logs of a service, a task or every service of a stack, read per task and merged in time order.

Options:
      --details            Show extra details provided to logs
  -f, --follow             Follow log output
      --no-resolve         Do not map IDs to Names in output
      --no-task-ids        Do not include task IDs in output
      --no-trunc           Do not truncate output
      --raw                Do not neatly format logs
      --since string       Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m")
  -n, --tail string        Number of lines to show from the end of the logs of each task (default "all")
  -t, --timestamps         Show timestamps
      --order string       chronological (default) or arrival
      --reorder-window ms  How long a followed line waits for earlier lines of other tasks (default 250)
      --running-only       Only tasks whose desired state is running (skip history tasks)
`;

export class UsageError extends Error {}

export interface ParsedLogsArgs {
  target: string;
  options: Partial<LogSessionOptions>;
}

const BOOL_FLAGS: Record<string, keyof LogSessionOptions> = {
  '--details': 'details',
  '-f': 'follow',
  '--follow': 'follow',
  '--no-resolve': 'noResolve',
  '--no-task-ids': 'noTaskIds',
  '--no-trunc': 'noTrunc',
  '--raw': 'raw',
  '-t': 'timestamps',
  '--timestamps': 'timestamps',
  '--running-only': 'runningOnly',
};

const VALUE_FLAGS = new Set(['--since', '-n', '--tail', '--order', '--reorder-window']);

/** Parses the argument list after `logs`. Throws UsageError. */
export function parseLogsArgs(argv: readonly string[]): ParsedLogsArgs {
  const options: Partial<LogSessionOptions> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const bool = BOOL_FLAGS[arg];
    if (bool) {
      if (value !== undefined && !/^(true|false|1|0)$/.test(value)) throw new UsageError(`invalid argument "${value}" for "${arg}" flag`);
      (options as Record<string, unknown>)[bool] = value === undefined || value === 'true' || value === '1';
      continue;
    }
    if (VALUE_FLAGS.has(arg)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: ${arg}`);
        value = argv[++i];
      }
      applyValue(options, arg, value);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown flag: ${arg}`);
    positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(`"swarmscope logs" requires exactly 1 argument.`);
  return { target: positional[0], options };
}

function applyValue(options: Partial<LogSessionOptions>, flag: string, value: string): void {
  switch (flag) {
    case '--since':
      options.since = value;
      return;
    case '-n':
    case '--tail':
      options.tail = parseTail(value);
      return;
    case '--order':
      if (value !== 'chronological' && value !== 'arrival') throw new UsageError(`--order must be "chronological" or "arrival", not "${value}"`);
      options.order = value;
      return;
    case '--reorder-window': {
      const ms = Number(value);
      if (!Number.isFinite(ms) || ms < 0) throw new UsageError(`--reorder-window must be a number of milliseconds, not "${value}"`);
      options.reorderWindowMs = ms;
      return;
    }
  }
}

/** `all`/empty → all; otherwise a non-negative integer (the Engine's rules and messages). */
export function parseTail(value: string): number | 'all' {
  if (value === '' || value === 'all') return 'all';
  if (!/^-?\d+$/.test(value)) throw new UsageError('tail value must be a positive integer or "all"');
  const n = Number(value);
  if (n < 0) throw new UsageError('negative tail values not supported');
  return n;
}

function defaultInterrupt(handler: () => void): () => void {
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

export async function runLogs(argv: readonly string[], io: LogsIo, docker: Dockerode): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(LOGS_USAGE);
    return 0;
  }
  let parsed: ParsedLogsArgs;
  try {
    parsed = parseLogsArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`${err.message}\nSee 'swarmscope logs --help'.\n`);
    return 2;
  }
  let waitingForDrain = 0;
  const session: LogSession = new LogSession(docker, [parseTargetRef(parsed.target)], { batchMs: 20, ...parsed.options }, {
    lines(batch) {
      let out = '';
      let err = '';
      for (const line of batch) {
        if (line.stream === 'stderr') err += `${line.text}\n`;
        else out += `${line.text}\n`;
      }
      // Backpressure: hold the session while a pipe is full, so memory stays bounded.
      for (const [text, stream] of [[out, io.stdout], [err, io.stderr]] as const) {
        if (text && !stream.write(text)) {
          if (waitingForDrain++ === 0) session.pauseOutput();
          stream.once('drain', () => {
            if (--waitingForDrain === 0) session.resumeOutput();
          });
        }
      }
    },
  });
  const removeInterrupt = (io.onInterrupt ?? defaultInterrupt)(() => session.stop());
  try {
    const result = await session.start();
    if (!result.ok) {
      io.stderr.write(`${result.error ?? 'error'}\n`);
      return 1;
    }
    return 0;
  } finally {
    removeInterrupt();
  }
}
