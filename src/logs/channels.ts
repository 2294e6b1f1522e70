/**
 * VS Code glue for logs: one output channel per target (`Swarmscope: <name>`), reused when shown again,
 * appended in batches by a LogSession. Stopping a target ends its session; closing also disposes its channel.
 * Everything else (reading, merging, formatting) is in the vscode-free core beside this file.
 */
import * as vscode from 'vscode';
import type Dockerode from 'dockerode';
import { LogLine, LogSession, LogSessionOptions, LogSessionResult, LogTarget } from './session';

export interface LogChannelDeps {
  getDocker(): Promise<Dockerode>;
  log: vscode.LogOutputChannel;
  /**
   * Lines kept per channel for `recentLines()` (the extension-host tests read them); 0 keeps none. Bounded, so
   * memory does not grow with the log: the channel itself holds the text.
   */
  recentLineCapacity?: number;
}

export interface ShowLogsOptions extends Partial<LogSessionOptions> {
  /** Prefix stderr lines with a marker (setting `swarmscope.logs.markStderr`). */
  markStderr?: boolean;
}

/** A target and the name its channel carries (`web`, `web.1.k3j4h5g6f7d8`, `stack:demo`); the name is its key. */
export interface NamedLogTarget {
  target: LogTarget;
  name: string;
}

export interface LogRun {
  /** Settles when the stream ends: all lines read (no follow), stopped, closed, or failed to start. */
  readonly done: Promise<LogSessionResult>;
}

export interface LogChannels extends vscode.Disposable {
  /**
   * Shows the target's channel (created on first use, cleared when reused) and starts its stream, replacing a
   * stream already running there. Resolves once the stream has started; rejects when Docker cannot be reached.
   */
  show(target: NamedLogTarget, options?: ShowLogsOptions): Promise<LogRun>;
  /** Ends the named stream; the channel stays. False when nothing was running. */
  stop(name: string): boolean;
  /** Ends the stream and disposes the channel. False when there was no channel. */
  close(name: string): boolean;
  /** Ends every stream (the connection changed); channels stay, each saying why. */
  stopAll(reason: string): void;
  /** Names of targets whose stream is running. */
  running(): string[];
  /** Names of targets with an open channel. */
  open(): string[];
  /** The last lines appended to the named channel (bounded), or [] without a channel. */
  recentLines(name: string): string[];
  /** Fires when streams start or end and when channels open or close. */
  readonly onDidChange: vscode.Event<void>;
}

const STDERR_MARK = '[stderr] ';

/** Defaults from the `swarmscope.logs.*` settings. */
export function logOptionsFromSettings(): ShowLogsOptions {
  const cfg = vscode.workspace.getConfiguration('swarmscope.logs');
  const tail = cfg.get<unknown>('tail', 200);
  const window = cfg.get<unknown>('reorderWindowMs', 250);
  return {
    follow: cfg.get<boolean>('follow', true) !== false,
    tail: tail === 'all' ? 'all' : typeof tail === 'number' && Number.isInteger(tail) && tail >= 0 ? tail : 200,
    timestamps: cfg.get<boolean>('timestamps', false) === true,
    reorderWindowMs: typeof window === 'number' && window >= 0 ? window : 250,
    order: cfg.get<string>('order', 'chronological') === 'arrival' ? 'arrival' : 'chronological',
    runningOnly: cfg.get<boolean>('runningOnly', false) === true,
    markStderr: cfg.get<boolean>('markStderr', false) === true,
  };
}

/** A fixed-size ring of the last lines. */
class LineRing {
  private readonly items: string[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  push(line: string): void {
    if (this.capacity <= 0) return;
    if (this.items.length < this.capacity) {
      this.items.push(line);
    } else {
      this.items[this.start] = line;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  clear(): void {
    this.items.length = 0;
    this.start = 0;
  }

  toArray(): string[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}

interface Entry {
  channel: vscode.OutputChannel;
  recent: LineRing;
  session?: LogSession;
  /** Bumped by every show/stop/close, so a show that was overtaken while it awaited Docker does nothing. */
  generation: number;
}

export function registerLogChannels(context: vscode.ExtensionContext, deps: LogChannelDeps): LogChannels {
  const entries = new Map<string, Entry>();
  const changed = new vscode.EventEmitter<void>();
  const capacity = deps.recentLineCapacity ?? 0;

  const append = (entry: Entry, lines: string[]): void => {
    if (lines.length === 0) return;
    entry.channel.append(`${lines.join('\n')}\n`);
    for (const line of lines) entry.recent.push(line);
  };

  /** Ends the entry's session; `notice` is written to the channel when a stream was running. */
  const stopEntry = (entry: Entry, notice?: string): boolean => {
    entry.generation++;
    const session = entry.session;
    if (!session) return false;
    entry.session = undefined;
    session.stop();
    if (notice) append(entry, [notice]);
    changed.fire();
    return true;
  };

  const render = (batch: LogLine[], markStderr: boolean): string[] =>
    batch.map((line) => (markStderr && line.stream === 'stderr' && line.kind === 'log' ? STDERR_MARK + line.text : line.text));

  const api: LogChannels = {
    onDidChange: changed.event,

    async show({ target, name }, options = {}) {
      let entry = entries.get(name);
      if (!entry) {
        entry = {
          channel: vscode.window.createOutputChannel(`Swarmscope: ${name}`),
          recent: new LineRing(capacity),
          generation: 0,
        };
        entries.set(name, entry);
        changed.fire();
      }
      const current = entry;
      stopEntry(current);
      const generation = current.generation;
      current.channel.clear();
      current.recent.clear();
      current.channel.show(true);
      let docker: Dockerode;
      try {
        docker = await deps.getDocker();
      } catch (err) {
        if (current.generation === generation) append(current, [`Swarmscope: ${err instanceof Error ? err.message : String(err)}`]);
        throw err;
      }
      if (current.generation !== generation || entries.get(name) !== current) {
        // Stopped, closed or shown again while connecting.
        return { done: Promise.resolve({ ok: true, lines: 0 }) };
      }
      const { markStderr = false, ...sessionOptions } = { ...logOptionsFromSettings(), ...options };
      const session = new LogSession(docker, [target], { batchMs: 75, ...sessionOptions }, {
        lines: (batch) => {
          if (current.session === session) append(current, render(batch, markStderr));
        },
        debug: (m) => deps.log.debug(`[logs ${name}] ${m}`),
      });
      current.session = session;
      deps.log.info(`Logs of ${name}: ${sessionOptions.follow ? 'following' : 'reading'} (tail ${String(sessionOptions.tail)})`);
      changed.fire();
      const done = session.start().then((result) => {
        if (current.session === session) {
          current.session = undefined;
          changed.fire();
          if (!result.ok) append(current, [`Swarmscope: ${result.error ?? 'the logs could not be read'}`]);
        }
        if (!result.ok) deps.log.warn(`Logs of ${name}: ${result.error ?? 'failed'}`);
        return result;
      });
      return { done };
    },

    stop(name) {
      const entry = entries.get(name);
      return entry ? stopEntry(entry, 'Swarmscope: stream stopped') : false;
    },

    close(name) {
      const entry = entries.get(name);
      if (!entry) return false;
      stopEntry(entry);
      entry.channel.dispose();
      entries.delete(name);
      changed.fire();
      return true;
    },

    stopAll(reason) {
      for (const entry of entries.values()) stopEntry(entry, `Swarmscope: stream ended: ${reason}`);
    },

    running() {
      return [...entries].filter(([, e]) => e.session).map(([n]) => n);
    },

    open() {
      return [...entries.keys()];
    },

    recentLines(name) {
      return entries.get(name)?.recent.toArray() ?? [];
    },

    dispose() {
      for (const entry of entries.values()) {
        stopEntry(entry);
        entry.channel.dispose();
      }
      entries.clear();
      changed.dispose();
    },
  };
  context.subscriptions.push(api);
  return api;
}
