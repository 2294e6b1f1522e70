/**
 * `--since` parsing like the Docker CLI (moby api/types/time GetTimestamp): a Go duration (now − d, whole
 * seconds), an RFC 3339 time (with or without fraction / zone; without a zone in the reference time's zone),
 * `2006-01-02T15`, `2006-01-02T15:04`, `2006-01-02`, or unix seconds[.nanos] passed through unchanged.
 * The result is the string the Engine's `since` parameter takes.
 */

const NS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5 micro sign
  'μs': 1000n, // U+03BC Greek mu
  ms: 1000000n,
  s: 1000000000n,
  m: 60n * 1000000000n,
  h: 3600n * 1000000000n,
};

/** Go's time.ParseDuration, in nanoseconds; undefined when the text is not a duration. */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  const re = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (s !== '') {
    const m = re.exec(s);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return undefined;
    const unit = NS_PER_UNIT[m[3]];
    if (unit === undefined) return undefined;
    const whole = BigInt(m[1] === '' ? '0' : m[1]);
    let value = whole * unit;
    if (m[2]) {
      const scale = 10n ** BigInt(m[2].length);
      value += (BigInt(m[2]) * unit) / scale;
    }
    total += value;
    if (total > 9223372036854775807n) return undefined;
    s = s.slice(m[0].length);
  }
  return negative ? -total : total;
}

export class SinceError extends Error {}

interface Layout {
  name: string;
  re: RegExp;
  local: boolean;
}

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const ZONE = String.raw`(Z|[+-]\d{2}:\d{2})`;

const LAYOUTS: Record<string, Layout> = {
  rfc3339Nano: { name: '2006-01-02T15:04:05.999999999Z07:00', re: new RegExp(`^${DATE}T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?${ZONE}$`), local: false },
  rfc3339NanoLocal: { name: '2006-01-02T15:04:05.999999999', re: new RegExp(`^${DATE}T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?$`), local: true },
  rfc3339: { name: '2006-01-02T15:04:05Z07:00', re: new RegExp(`^${DATE}T(\\d{2}):(\\d{2}):(\\d{2})()${ZONE}$`), local: false },
  rfc3339Local: { name: '2006-01-02T15:04:05', re: new RegExp(`^${DATE}T(\\d{2}):(\\d{2}):(\\d{2})()$`), local: true },
  hourMinuteZone: { name: '2006-01-02T15:04Z07:00', re: new RegExp(`^${DATE}T(\\d{2}):(\\d{2})()()${ZONE}$`), local: false },
  hourMinuteLocal: { name: '2006-01-02T15:04', re: new RegExp(`^${DATE}T(\\d{2}):(\\d{2})()()$`), local: true },
  hourZone: { name: '2006-01-02T15Z07:00', re: new RegExp(`^${DATE}T(\\d{2})()()()${ZONE}$`), local: false },
  hourLocal: { name: '2006-01-02T15', re: new RegExp(`^${DATE}T(\\d{2})()()()$`), local: true },
  dateZone: { name: '2006-01-02Z07:00', re: new RegExp(`^${DATE}()()()()${ZONE}$`), local: false },
  dateLocal: { name: '2006-01-02', re: new RegExp(`^${DATE}()()()()$`), local: true },
};

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** Picks the layout like GetTimestamp does (by the presence of `.`, `T`, colons, zone markers). */
function chooseLayout(value: string): Layout {
  const inLocation = !/[zZ+]/.test(value) && count(value, '-') !== 3;
  if (value.includes('.')) return inLocation ? LAYOUTS.rfc3339NanoLocal : LAYOUTS.rfc3339Nano;
  if (value.includes('T')) {
    let colons = count(value, ':');
    if (!inLocation && !/[zZ]/.test(value) && colons > 0) colons--;
    if (colons === 0) return inLocation ? LAYOUTS.hourLocal : LAYOUTS.hourZone;
    if (colons === 1) return inLocation ? LAYOUTS.hourMinuteLocal : LAYOUTS.hourMinuteZone;
    return inLocation ? LAYOUTS.rfc3339Local : LAYOUTS.rfc3339;
  }
  return inLocation ? LAYOUTS.dateLocal : LAYOUTS.dateZone;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses with a layout; returns [unix seconds, nanos] or an error text in Go's style. */
function parseWithLayout(value: string, layout: Layout, reference: Date): [number, number] | string {
  const m = layout.re.exec(value);
  if (!m) return `parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout.name)}: cannot parse`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0)];
  if (month < 1 || month > 12) return `parsing time ${JSON.stringify(value)}: month out of range`;
  if (day < 1 || day > daysIn(year, month)) return `parsing time ${JSON.stringify(value)}: day out of range`;
  if (hour > 23) return `parsing time ${JSON.stringify(value)}: hour out of range`;
  if (minute > 59) return `parsing time ${JSON.stringify(value)}: minute out of range`;
  if (second > 59) return `parsing time ${JSON.stringify(value)}: second out of range`;
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  let offsetMinutes: number;
  if (layout.local) {
    // Go parses in time.FixedZone(reference.Zone()): the reference's offset, whatever the date.
    offsetMinutes = -reference.getTimezoneOffset();
  } else {
    const zone = m[8];
    if (zone === 'Z') offsetMinutes = 0;
    else {
      const sign = zone[0] === '-' ? -1 : 1;
      const zh = Number(zone.slice(1, 3));
      const zm = Number(zone.slice(4, 6));
      if (zh > 23 || zm > 59) return `parsing time ${JSON.stringify(value)}: time zone offset out of range`;
      offsetMinutes = sign * (zh * 60 + zm);
    }
  }
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60000;
  return [Math.floor(utcMs / 1000), nanos];
}

/**
 * Converts a `--since` value to the Engine's `since` parameter. Throws SinceError with the CLI's message when
 * the value is neither a time, a duration nor a unix timestamp. An empty value returns undefined (no filter).
 */
export function parseSince(value: string, reference: Date = new Date()): string | undefined {
  if (value === '') return undefined;
  const duration = value !== '0' ? parseGoDuration(value) : undefined;
  if (duration !== undefined) {
    const refNs = BigInt(reference.getTime()) * 1000000n;
    const ns = refNs - duration;
    // Go's Time.Unix() floors towards negative infinity.
    const sec = ns >= 0n ? ns / 1000000000n : -((-ns + 999999999n) / 1000000000n);
    return sec.toString();
  }
  const parsed = parseWithLayout(value, chooseLayout(value), reference);
  if (typeof parsed !== 'string') return `${parsed[0]}.${String(parsed[1]).padStart(9, '0')}`;
  if (value.includes('-')) throw new SinceError(parsed);
  if (!/^[+-]?\d+(\.[+-]?\d+)?$/.test(value)) throw new SinceError(`failed to parse value as time or duration: ${JSON.stringify(value)}`);
  return value;
}
