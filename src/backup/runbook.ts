/**
 * Node-specific runbooks for backing up and restoring a swarm manager. Each step is an argv array (what a test or a
 * careful operator runs without a shell) plus the same command quoted for display and for typing into a terminal.
 * Nothing here executes anything.
 */
import * as path from 'node:path';
import type { SwarmNodeFacts } from './facts';

export type ServiceManager = 'systemd' | 'openrc' | 'sysvinit' | 'snap';
export const SERVICE_MANAGERS: readonly ServiceManager[] = ['systemd', 'openrc', 'sysvinit', 'snap'];

export type StepId = 'stop-engine' | 'make-dir' | 'archive' | 'checksum' | 'start-engine' | 'extract' | 'force-new-cluster' | 'unlock';

export interface RunbookStep {
  id: StepId;
  title: string;
  /** The command as an argv array; empty for steps Swarmscope performs through the Engine API. */
  argv: string[];
  /** Needs root (prefixed with `sudo` in the displayed line). */
  sudo: boolean;
  /** The command as typed in a shell, every argument quoted. */
  line: string;
  /** Performed by Swarmscope through the Engine API rather than typed by the user. */
  viaApi?: boolean;
}

export interface Runbook {
  title: string;
  host: string;
  steps: RunbookStep[];
}

export interface BackupRunbook extends Runbook {
  archivePath: string;
}

export interface BackupRunbookOptions {
  node: Pick<SwarmNodeFacts, 'hostname' | 'addr' | 'id'>;
  /** The node's Docker data root; the swarm directory is `<dataRoot>/swarm`. Default /var/lib/docker. */
  dataRoot?: string;
  /** Where the archive goes on the node. Default /var/backups/docker-swarm. */
  archiveDir?: string;
  serviceManager?: ServiceManager;
  now?: Date;
}

export const DEFAULT_DATA_ROOT = '/var/lib/docker';
export const DEFAULT_ARCHIVE_DIR = '/var/backups/docker-swarm';

const SAFE_WORD = /^[A-Za-z0-9_\-.,:/@=+%]+$/;

/** Quotes one argument for a POSIX shell. Control characters are refused: they have no business in a runbook. */
export function shellQuote(arg: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(arg)) throw new Error(`refusing to put a control character into a runbook command: ${JSON.stringify(arg)}`);
  if (arg !== '' && SAFE_WORD.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(argv: readonly string[], sudo: boolean): string {
  return (sudo ? 'sudo ' : '') + argv.map(shellQuote).join(' ');
}

function step(id: StepId, title: string, argv: string[], sudo = true): RunbookStep {
  return { id, title, argv, sudo, line: commandLine(argv, sudo) };
}

export function engineStopArgv(manager: ServiceManager): string[] {
  switch (manager) {
    case 'systemd':
      // docker.socket would start the engine again on the next client request.
      return ['systemctl', 'stop', 'docker.socket', 'docker.service'];
    case 'openrc':
      return ['rc-service', 'docker', 'stop'];
    case 'sysvinit':
      return ['service', 'docker', 'stop'];
    case 'snap':
      return ['snap', 'stop', 'docker'];
  }
}

export function engineStartArgv(manager: ServiceManager): string[] {
  switch (manager) {
    case 'systemd':
      return ['systemctl', 'start', 'docker.socket', 'docker.service'];
    case 'openrc':
      return ['rc-service', 'docker', 'start'];
    case 'sysvinit':
      return ['service', 'docker', 'start'];
    case 'snap':
      return ['snap', 'start', 'docker'];
  }
}

/** `20250102T030405Z`: sortable, and free of characters that need quoting. */
export function archiveTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Host names come from the engine: keep only characters that are safe in a file name. */
export function safeFileComponent(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+/, '').slice(0, 63) || 'node';
}

function requireAbsolute(p: string, what: string): string {
  if (!path.posix.isAbsolute(p)) throw new Error(`${what} must be an absolute path, not ${JSON.stringify(p)}`);
  return path.posix.normalize(p);
}

export function backupRunbook(opts: BackupRunbookOptions): BackupRunbook {
  const manager = opts.serviceManager ?? 'systemd';
  const dataRoot = requireAbsolute(opts.dataRoot ?? DEFAULT_DATA_ROOT, 'The data root');
  const archiveDir = requireAbsolute(opts.archiveDir ?? DEFAULT_ARCHIVE_DIR, 'The archive folder');
  const archivePath = path.posix.join(
    archiveDir,
    `swarm-${safeFileComponent(opts.node.hostname)}-${archiveTimestamp(opts.now ?? new Date())}.tar.gz`,
  );
  return {
    title: `Back up the swarm on ${opts.node.hostname}`,
    host: opts.node.hostname,
    archivePath,
    steps: [
      step('stop-engine', `Stop Docker on ${opts.node.hostname} (${manager})`, engineStopArgv(manager)),
      step('make-dir', 'Create the archive folder', ['mkdir', '-p', archiveDir]),
      step('archive', `Archive ${path.posix.join(dataRoot, 'swarm')}`, ['tar', '-czpf', archivePath, '-C', dataRoot, 'swarm']),
      step('start-engine', `Start Docker on ${opts.node.hostname}`, engineStartArgv(manager)),
      step('checksum', 'Print the archive checksum (the manifest records it too)', ['sha256sum', archivePath]),
    ],
  };
}

export interface RestoreRunbookOptions {
  hostname: string;
  archivePath: string;
  advertiseAddr: string;
  dataRoot?: string;
  serviceManager?: ServiceManager;
  autolock?: boolean;
}

export function restoreRunbook(opts: RestoreRunbookOptions): Runbook {
  const manager = opts.serviceManager ?? 'systemd';
  const dataRoot = requireAbsolute(opts.dataRoot ?? DEFAULT_DATA_ROOT, 'The data root');
  const archivePath = requireAbsolute(opts.archivePath, 'The archive');
  const steps: RunbookStep[] = [
    step('stop-engine', `Stop Docker on ${opts.hostname} (${manager})`, engineStopArgv(manager)),
    step('extract', `Extract the archive into ${path.posix.join(dataRoot, 'swarm')}`, ['tar', '-xzpf', archivePath, '-C', dataRoot]),
    step('start-engine', `Start Docker on ${opts.hostname}`, engineStartArgv(manager)),
  ];
  if (opts.autolock) {
    steps.push({ ...step('unlock', 'Unlock the swarm with the unlock key stored with the backup', ['docker', 'swarm', 'unlock'], false), viaApi: true });
  }
  steps.push({
    ...step(
      'force-new-cluster',
      `Re-initialise a one-manager swarm from the restored state (Swarmscope does this through the Engine API)`,
      ['docker', 'swarm', 'init', '--force-new-cluster', '--advertise-addr', opts.advertiseAddr],
      false,
    ),
    viaApi: true,
  });
  return { title: `Restore the swarm on ${opts.hostname}`, host: opts.hostname, steps };
}

/** The runbook as a Markdown document: what is opened in an editor and printed by the CLI. */
export function renderRunbook(book: Runbook, preface: string[] = []): string {
  const lines = [`# ${book.title}`, ''];
  if (preface.length) lines.push(...preface, '');
  lines.push(`Run these on **${book.host}**, in order. Nothing runs until you do; type any password yourself.`, '');
  book.steps.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.title}${s.viaApi ? ' — Swarmscope does this step' : ''}`, '', '   ```sh', `   ${s.line}`, '   ```', '');
  });
  return lines.join('\n');
}

/** The lines to type into a terminal: the user-run steps only. */
export function terminalLines(book: Runbook): string[] {
  return book.steps.filter((s) => !s.viaApi).map((s) => s.line);
}
