/**
 * Where dockerd reads daemon.json from, and `dockerd --validate` as a second opinion. No vscode import.
 */
import { execFile } from 'node:child_process';
import { promises as fsp, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';

/** Candidate files in dockerd's order: a configured path, the rootful default, the rootless default. */
export function daemonJsonCandidates(env: NodeJS.ProcessEnv, homeDir: string, configured?: string): string[] {
  const rootless = path.join(env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : path.join(homeDir, '.config'), 'docker', 'daemon.json');
  const list = [configured?.trim() || undefined, '/etc/docker/daemon.json', rootless].filter((p): p is string => Boolean(p));
  return [...new Set(list)];
}

export interface FileAccess {
  exists: boolean;
  writable: boolean;
}

export async function fileAccess(file: string): Promise<FileAccess> {
  try {
    await fsp.access(file, fsConstants.F_OK);
  } catch {
    return { exists: false, writable: false };
  }
  try {
    await fsp.access(file, fsConstants.W_OK);
    return { exists: true, writable: true };
  } catch {
    return { exists: true, writable: false };
  }
}

export interface DockerdVerdict {
  /** false when no usable `dockerd --validate` exists here */
  available: boolean;
  ok: boolean;
  /** dockerd's own words, or why there is no verdict */
  message: string;
  dockerd?: string;
}

/** Interprets what `dockerd --validate --config-file F` printed. Engines before 23.0 have no --validate. */
export function interpretDockerdValidate(exitCode: number | null, output: string, dockerd: string): DockerdVerdict {
  const text = output.trim();
  if (/unknown flag: --validate/.test(text)) {
    return { available: false, ok: false, dockerd, message: `${dockerd} has no --validate (it came with Engine 23.0); only Swarmscope's checks apply.` };
  }
  if (exitCode === 0) return { available: true, ok: true, dockerd, message: lastLine(text) || 'configuration OK' };
  return { available: true, ok: false, dockerd, message: lastLine(text) || `dockerd --validate exited with ${exitCode}` };
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^time="[^"]*" level=\w+ msg=/, '').trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

const DOCKERD_PATHS = ['/usr/bin/dockerd', '/usr/sbin/dockerd', '/usr/local/bin/dockerd'];

export async function findDockerd(): Promise<string | undefined> {
  for (const p of DOCKERD_PATHS) {
    if ((await fileAccess(p)).exists) return p;
  }
  return undefined;
}

/** Runs the local dockerd's validator on a file (argument array, no shell). */
export async function validateWithDockerd(file: string, dockerd?: string): Promise<DockerdVerdict> {
  const binary = dockerd ?? (await findDockerd());
  if (!binary) return { available: false, ok: false, message: 'dockerd is not installed on this machine; only Swarmscope\'s checks apply.' };
  return new Promise((resolve) => {
    execFile(binary, ['--validate', '--config-file', file], { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve(interpretDockerdValidate(code, `${stdout}\n${stderr}`, binary));
    });
  });
}
