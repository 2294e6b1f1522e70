/**
 * Line formatting identical to `docker service logs` (docker/cli cli/command/service/logs.go):
 * `[<ts> ]<svc>.<slot>[.<task>]@<node><pad>    | [<details> ]<msg>`, or in raw mode `[<ts> ][<details> ]<msg>`.
 */
import { LogFormatError, ParsedPayload, compareBytes, parseLogDetails, splitSwarmContext } from './line';

export interface FormatOptions {
  timestamps: boolean;
  details: boolean;
  raw: boolean;
  noTaskIds: boolean;
  noTrunc: boolean;
  noResolve: boolean;
}

export const DEFAULT_FORMAT_OPTIONS: FormatOptions = {
  timestamps: false,
  details: false,
  raw: false,
  noTaskIds: false,
  noTrunc: false,
  noResolve: false,
};

/** What the CLI asks the Engine for: details when `--details` or not `--raw` (it needs them for the prefix). */
export function wantsDetails(opts: Pick<FormatOptions, 'details' | 'raw'>): boolean {
  return opts.details || !opts.raw;
}

export const TTY_NEEDS_RAW = 'tty service logs only supported with --raw';

/** The CLI refuses to prettify TTY logs. Returns the CLI's error text, or undefined when allowed. */
export function checkTty(tty: boolean, raw: boolean): string | undefined {
  return tty && !raw ? TTY_NEEDS_RAW : undefined;
}

/** Number of decimal digits, like the CLI's getMaxLength (`len(strconv.Itoa(i))`, sign included). */
export function digitCount(n: number): number {
  return String(Math.trunc(n)).length;
}

/**
 * The width the CLI pads slots to: the digits of the replica count for a replicated service
 * with replicas set, 1 otherwise (global services, jobs); for a task target, the digits of its own slot.
 */
export function slotWidth(target: { kind: 'service'; replicas?: number } | { kind: 'task'; slot: number }): number {
  if (target.kind === 'task') return digitCount(target.slot);
  return target.replicas === undefined ? 1 : digitCount(target.replicas);
}

export interface TaskLabelInput {
  /** Service name (or its ID with --no-resolve). */
  service: string;
  /** Task.Slot; 0 for global services. */
  slot: number;
  taskId: string;
  /** Node name (or its ID with --no-resolve or when it cannot be resolved). */
  node: string;
  /** From slotWidth(). */
  width: number;
}

/** `<svc>.<slot>[.<task12>]@<node><pad>`. */
export function taskLabel(input: TaskLabelInput, opts: Pick<FormatOptions, 'noTaskIds' | 'noTrunc'>): string {
  let name = `${input.service}.${input.slot}`;
  if (!opts.noTaskIds) name += `.${opts.noTrunc ? input.taskId : input.taskId.slice(0, 12)}`;
  const pad = input.width - digitCount(input.slot);
  return `${name}@${input.node}${pad > 0 ? ' '.repeat(pad) : ''}`;
}

/** The node name the CLI's ID resolver shows: Spec.Name, else Description.Hostname, else the ID. */
export function nodeDisplayName(node: { ID?: string; Spec?: { Name?: string }; Description?: { Hostname?: string } }, id: string): string {
  return node.Spec?.Name || node.Description?.Hostname || node.ID || id;
}

// Details repeat for every line of a task: remember the last one parsed.
let lastRawDetails: string | undefined;
let lastFormattedDetails = '';

/**
 * Formats one parsed message. `label` comes from taskLabel() (unused in raw mode). Throws LogFormatError with the
 * CLI's texts when the details cannot be parsed.
 */
export function formatLine(parsed: ParsedPayload, label: string, opts: FormatOptions): string {
  const ts = opts.timestamps ? `${parsed.timestamp} ` : '';
  if (opts.raw) {
    const details = opts.details && parsed.rawDetails !== undefined ? `${parsed.rawDetails} ` : '';
    return `${ts}${details}${parsed.message}`;
  }
  if (parsed.rawDetails === undefined) throw new LogFormatError(`invalid context in log message: ${parsed.message}`);
  let details = '';
  if (opts.details) {
    if (parsed.rawDetails !== lastRawDetails) {
      const { others } = splitSwarmContext(parseLogDetails(parsed.rawDetails));
      lastFormattedDetails = `${formatOtherDetails(others)} `;
      lastRawDetails = parsed.rawDetails;
    }
    details = lastFormattedDetails;
  }
  return `${ts}${label}    | ${details}${parsed.message}`;
}

/** The user details as the CLI prints them: unescaped `k=v`, sorted as strings, joined by `,`. */
export function formatOtherDetails(others: Map<string, string>): string {
  return [...others].map(([k, v]) => `${k}=${v}`).sort(compareBytes).join(',');
}

/** Checks that a details string carries the swarm context the CLI requires (same errors). */
export function validateDetails(rawDetails: string): void {
  splitSwarmContext(parseLogDetails(rawDetails));
}
