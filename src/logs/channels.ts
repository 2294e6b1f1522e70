/**
 * VS Code glue for logs: one output channel per target (`Swarmscope: <name>`), reused when shown again,
 * appended in batches by a LogSession. Stopping a target ends its session; closing also disposes its channel.
 * Everything else (reading, merging, formatting) is in the vscode-free core beside this file.
 */
import * as vscode from 'vscode';
import type Dockerode from 'dockerode';
import { LogLine, LogSession, LogSessionOptions, LogTarget, targetDisplayName } from './session';

export interface LogChannelDeps {
  getDocker(): Promise<Dockerode>;
  log: vscode.LogOutputChannel;
}

export interface ShowLogsOptions extends Partial<LogSessionOptions> {
  /** Prefix stderr lines with a marker (setting `swarmscope.logs.markStderr`). */
  markStderr?: boolean;
}

export interface LogChannels extends vscode.Disposable {
  show(target: LogTarget, options?: ShowLogsOptions): Promise<void>;
  /** Ends the target's stream; the channel stays. */
  stop(target: LogTarget): void;
  /** Ends the stream and disposes the channel. */
  close(target: LogTarget): void;
  /** Names of targets whose stream is running. */
  running(): string[];
  readonly onDidChangeRunning: vscode.Event<void>;
}

/** Defaults from the `swarmscope.logs.*` settings. */
export function logOptionsFromSettings(): ShowLogsOptions {
  const cfg = vscode.workspace.getConfiguration('swarmscope.logs');
  const tail = cfg.get<string | number>('tail', 200);
  return {
    follow: cfg.get<boolean>('follow', true),
    tail: tail === 'all' ? 'all' : Number(tail),
    timestamps: cfg.get<boolean>('timestamps', false),
    reorderWindowMs: cfg.get<number>('reorderWindowMs', 250),
    order: cfg.get<'chronological' | 'arrival'>('order', 'chronological'),
    runningOnly: cfg.get<boolean>('runningOnly', false),
    markStderr: cfg.get<boolean>('markStderr', false),
  };
}

interface Entry {
  channel: vscode.OutputChannel;
  session?: LogSession;
}

export function registerLogChannels(context: vscode.ExtensionContext, deps: LogChannelDeps): LogChannels {
  const entries = new Map<string, Entry>();
  const changed = new vscode.EventEmitter<void>();

  function stopEntry(entry: Entry): void {
    const session = entry.session;
    entry.session = undefined;
    if (session) {
      session.stop();
      changed.fire();
    }
  }

  function render(batch: LogLine[], markStderr: boolean): string {
    let text = '';
    for (const line of batch) text += `${markStderr && line.stream === 'stderr' && line.kind === 'log' ? '[stderr] ' : ''}${line.text}\n`;
    return text;
  }

  const api: LogChannels = {
    onDidChangeRunning: changed.event,

    async show(target, options = {}) {
      const name = targetDisplayName(target);
      let entry = entries.get(name);
      if (!entry) {
        entry = { channel: vscode.window.createOutputChannel(`Swarmscope: ${name}`) };
        entries.set(name, entry);
      }
      stopEntry(entry);
      const current = entry;
      current.channel.clear();
      current.channel.show(true);
      const docker = await deps.getDocker();
      const { markStderr = false, ...sessionOptions } = { ...logOptionsFromSettings(), ...options };
      const session = new LogSession(docker, [target], { batchMs: 75, ...sessionOptions }, {
        lines: (batch) => current.channel.append(render(batch, markStderr)),
        debug: (m) => deps.log.debug(`[logs ${name}] ${m}`),
      });
      current.session = session;
      changed.fire();
      const result = await session.start();
      if (current.session === session) {
        current.session = undefined;
        changed.fire();
      }
      if (!result.ok) {
        current.channel.appendLine(`Swarmscope: ${result.error ?? 'the logs could not be read'}`);
        deps.log.warn(`logs of ${name}: ${result.error ?? 'failed'}`);
      }
    },

    stop(target) {
      const entry = entries.get(targetDisplayName(target));
      if (entry) stopEntry(entry);
    },

    close(target) {
      const name = targetDisplayName(target);
      const entry = entries.get(name);
      if (!entry) return;
      stopEntry(entry);
      entry.channel.dispose();
      entries.delete(name);
    },

    running() {
      return [...entries].filter(([, e]) => e.session).map(([n]) => n);
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
