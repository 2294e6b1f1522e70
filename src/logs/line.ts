/**
 * The payload of one log message as the Engine writes it (daemon/server/httputils/logstream):
 * `[<timestamp> ][<details> ]<message>[\n]`, where the timestamp uses the layout
 * `2006-01-02T15:04:05.000000000Z07:00` and details are `k=v` pairs joined by `,`, both sides query-escaped.
 * Swarmscope always asks for timestamps (to merge and to resume) and asks for details when the CLI would.
 */

export interface ParsedPayload {
  /** The engine's timestamp, as sent. */
  timestamp: string;
  /** The details string as sent (escaped), when details were requested. */
  rawDetails?: string;
  /** The message without its trailing newline (may contain inner newlines). */
  message: string;
  /** False when the engine sent no trailing newline: a partial message that the next one continues. */
  complete: boolean;
}

export class LogFormatError extends Error {}

/**
 * Splits a payload like the CLI's logWriter does (split on the first space, or first two with details);
 * the error texts are the CLI's.
 */
export function parsePayload(payload: string, withDetails: boolean): ParsedPayload {
  const complete = payload.endsWith('\n');
  const body = complete ? payload.slice(0, -1) : payload;
  const first = body.indexOf(' ');
  if (first < 0) throw new LogFormatError(`invalid context in log message: ${payload}`);
  const timestamp = body.slice(0, first);
  if (!withDetails) return { timestamp, message: body.slice(first + 1), complete };
  const second = body.indexOf(' ', first + 1);
  if (second < 0) throw new LogFormatError(`invalid context in log message: ${payload}`);
  return { timestamp, rawDetails: body.slice(first + 1, second), message: body.slice(second + 1), complete };
}

/**
 * Parses a details string like docker/cli `logs.ParseLogDetails`: pairs split on `,`, key and value split on the
 * first `=`, both unescaped with Go's `url.QueryUnescape`. Order of the input is kept (later duplicates win).
 */
export function parseLogDetails(details: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of details.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new LogFormatError('invalid details format');
    map.set(queryUnescape(pair.slice(0, eq)), queryUnescape(pair.slice(eq + 1)));
  }
  return map;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Go's `url.QueryUnescape`: `+` is a space, `%XX` a byte; a bad escape fails with Go's message. */
export function queryUnescape(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  const bytes: number[] = [];
  const src = Buffer.from(s, 'utf8');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x25) {
      if (i + 2 >= src.length || !isHex(src[i + 1]) || !isHex(src[i + 2])) {
        const bad = src.subarray(i, Math.min(i + 3, src.length)).toString('utf8');
        throw new LogFormatError(`invalid URL escape ${JSON.stringify(bad)}`);
      }
      bytes.push(parseInt(String.fromCharCode(src[i + 1], src[i + 2]), 16));
      i += 2;
    } else if (c === 0x2b) {
      bytes.push(0x20);
    } else {
      bytes.push(c);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const SWARM_KEYS = ['com.docker.swarm.node.id', 'com.docker.swarm.service.id', 'com.docker.swarm.task.id'] as const;

export interface SwarmContext {
  nodeId: string;
  serviceId: string;
  taskId: string;
  /** The remaining (user) details, unescaped. */
  others: Map<string, string>;
}

/** Takes the swarm keys out of parsed details, with the CLI's errors when one is missing. */
export function splitSwarmContext(details: Map<string, string>): SwarmContext {
  const others = new Map(details);
  const values: string[] = [];
  const names = ['node', 'service', 'task'];
  SWARM_KEYS.forEach((key, i) => {
    const v = others.get(key);
    if (v === undefined) throw new LogFormatError(`missing ${names[i]} id in details: ${goMapString(others)}`);
    others.delete(key);
    values.push(v);
  });
  return { nodeId: values[0], serviceId: values[1], taskId: values[2], others };
}

/** Go's `%v` of a map[string]string: `map[k:v k2:v2]`, keys sorted. */
function goMapString(m: Map<string, string>): string {
  return `map[${[...m.keys()].sort(compareBytes).map((k) => `${k}:${m.get(k)}`).join(' ')}]`;
}

/** Byte-wise (UTF-8) comparison, as Go's sort.Strings orders. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * A key that sorts like the instant: the canonical UTC form `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
 * Engine timestamps are normally already in that form, so this is usually the identity.
 */
export function timestampSortKey(ts: string): string {
  if (ts.length === 30 && ts.charCodeAt(29) === 0x5a /* Z */) return ts;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!m) return ts;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return ts;
  const frac = (m[2] ?? '').padEnd(9, '0');
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}Z`;
}

/** Converts an engine timestamp to the `seconds.nanoseconds` form the API's `since` takes. */
export function timestampToSince(ts: string): string | undefined {
  const key = timestampSortKey(ts);
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{9})Z$/.exec(key);
  if (!m) return undefined;
  const seconds = Math.floor(Date.parse(`${m[1]}Z`) / 1000);
  return `${seconds}.${m[2]}`;
}
