// Asks a real dockerd whether it accepts a daemon.json: starts a throwaway, non-swarm engine with
// `--config-file` pointing at exactly that text and reports whether it answered /_ping or exited (with its log).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import {
  type SandboxEngine,
  defaultRoot,
  engineLayout,
  ensureBusyboxImage,
  ensureDockerInstalled,
  launchDockerd,
  stopRecorded,
} from './engine';

export interface DaemonProbeResult {
  started: boolean;
  exitCode: number | null;
  log: string;
  /** Present when it started: the caller may create a container with it, then must call `engine.stop()`. */
  engine?: SandboxEngine;
  /** Set when the daemon started but importing `demo/busybox:1` into it failed. */
  imageError?: string;
}

export interface DaemonProbeOptions {
  /** How long to wait for /_ping before giving up (the daemon is then stopped); default 60 s. */
  timeoutMs?: number;
  /** Folder for the probe's private engine folder; default `<repo>/.sandbox`. */
  root?: string;
  /** Import `demo/busybox:1` into a probe that started; default true. */
  importBusybox?: boolean;
}

/**
 * The private paths are always given as flags (data-root, exec-root, pidfile, host, config-file), so a daemon.json
 * setting one of those keys is refused exactly as a real dockerd refuses a flag/file conflict; `--cgroup-parent`
 * and `--shutdown-timeout` are added only when the file does not set them. The probe runs in its own network
 * namespace, so bridge, iptables and port settings touch nothing outside it.
 */
export async function probeDaemonConfig(daemonJson: string, opts: DaemonProbeOptions = {}): Promise<DaemonProbeResult> {
  await ensureDockerInstalled();
  const name = `probe-${randomBytes(4).toString('hex')}`;
  const root = path.resolve(opts.root ?? defaultRoot());
  const layout = engineLayout(path.join(root, name), name);
  const result = await launchDockerd({ layout, name, daemonJson }, opts.timeoutMs ?? 60000);
  if (!result.started) {
    removeProbeDir(layout.dir, layout.execRoot);
    return { started: false, exitCode: result.exitCode, log: result.log };
  }
  const record = result.record;
  const engine: SandboxEngine = {
    name,
    dir: layout.dir,
    socketPath: layout.socketPath,
    dockerHost: `unix://${layout.socketPath}`,
    pid: record.pid,
    logFile: path.join(layout.dir, 'dockerd.log'),
    async stop(): Promise<void> {
      await stopRecorded(layout.dir, 15000);
      removeProbeDir(layout.dir, layout.execRoot);
    },
    async restart(): Promise<void> {
      throw new Error('a daemon.json probe cannot be restarted; start a new probe');
    },
  };
  let imageError: string | undefined;
  if (opts.importBusybox !== false) {
    try {
      await ensureBusyboxImage(new Docker({ socketPath: layout.socketPath }));
    } catch (err) {
      // An accepted daemon.json can still break image storage (a storage-driver that does not work here, say).
      imageError = (err as Error).message;
    }
  }
  return { started: true, exitCode: null, log: readLog(engine.logFile, result.log), engine, imageError };
}

function readLog(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function removeProbeDir(dir: string, execRoot: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(execRoot, { recursive: true, force: true });
}
