// Formatting helpers that reproduce, byte for byte, how the docker CLI (Go) prints values in its
// `--pretty` templates: time.Duration.String(), go-units BytesSize/HumanDuration, time.Time.String(),
// the CLI's PrettyPrint, Go's `%v` of floats and string slices, and text/template's sorted map ranges.

const NS_PER_SECOND = 1_000_000_000n;

/** Go's `time.Duration.String()` for a duration given in nanoseconds ("1m30s", "500ms", "1.5µs", "0s"). */
export function goDuration(nanoseconds: number | bigint): string {
  let u = typeof nanoseconds === 'bigint' ? nanoseconds : BigInt(Math.trunc(nanoseconds));
  const negative = u < 0n;
  if (negative) u = -u;
  let text: string;
  if (u < NS_PER_SECOND) {
    if (u === 0n) return '0s';
    if (u < 1_000n) text = `${u}ns`;
    else if (u < 1_000_000n) text = withFraction(u, 3) + 'µs';
    else text = withFraction(u, 6) + 'ms';
  } else {
    const wholeSeconds = u / NS_PER_SECOND;
    const seconds = withFraction((wholeSeconds % 60n) * NS_PER_SECOND + (u % NS_PER_SECOND), 9) + 's';
    const minutes = wholeSeconds / 60n;
    if (minutes === 0n) text = seconds;
    else {
      const hours = minutes / 60n;
      text = (hours > 0n ? `${hours}h` : '') + `${minutes % 60n}m` + seconds;
    }
  }
  return negative ? '-' + text : text;
}

/** `value / 10^digits` with the fractional part's trailing zeros (and a lone dot) dropped, as Go's fmtFrac does. */
function withFraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const fraction = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${value / scale}${fraction ? '.' + fraction : ''}`;
}

/** go-units `HumanDuration`, the text before " ago" in `Started:`; `nanoseconds` is `now - then`. */
export function humanDuration(nanoseconds: number): string {
  const seconds = Math.trunc(nanoseconds / 1e9);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(nanoseconds / 6e10);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(nanoseconds / 3.6e12 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(nanoseconds / 3.6e12) / 24 / 365)} years`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/** go-units `BytesSize`: base 1024, `%.4g` ("10MiB", "1.5GiB", "512B"). */
export function bytesSize(size: number): string {
  let i = 0;
  while (size >= 1024 && i < BINARY_UNITS.length - 1) {
    size /= 1024;
    i++;
  }
  return formatGoFloat(size, 4) + BINARY_UNITS[i];
}

/**
 * Go's `%v` of a float64 (or float32 with `bits = 32`): the shortest digits that read back to the same
 * value, in `%e` form when the exponent is < -4 or >= 6 ("0.5", "100000", "1e+06", "1e-05").
 */
export function goFloat(value: number, bits: 32 | 64 = 64): string {
  if (bits === 32) {
    const single = Math.fround(value);
    for (let precision = 1; precision <= 9; precision++) {
      const candidate = Number(single.toPrecision(precision));
      if (Math.fround(candidate) === single) return formatGoFloat(candidate, -1);
    }
    return formatGoFloat(single, -1);
  }
  return formatGoFloat(value, -1);
}

/** Go's `%.<precision>g` (precision -1 = shortest, as `%v` uses), with Go's round-half-to-even on exact ties. */
export function formatGoFloat(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const { digits, pointPosition } = precision < 0 ? shortestDigits(Math.abs(value)) : roundedDigits(Math.abs(value), precision);
  // strconv 'g': %e when exp < -4 || exp >= eprec, where eprec is 6 for the shortest form and otherwise the
  // precision, lowered to the digit count when every digit is left of the point.
  let eprec = precision;
  if (eprec > digits.length && digits.length >= pointPosition) eprec = digits.length;
  if (precision < 0) eprec = 6;
  const exponent = pointPosition - 1;
  let body: string;
  if (digits === '0') body = '0';
  else if (exponent < -4 || exponent >= eprec) {
    const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const sign = exponent < 0 ? '-' : '+';
    body = `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  } else if (pointPosition <= 0) body = '0.' + '0'.repeat(-pointPosition) + digits;
  else if (pointPosition >= digits.length) body = digits + '0'.repeat(pointPosition - digits.length);
  else body = digits.slice(0, pointPosition) + '.' + digits.slice(pointPosition);
  return (negative ? '-' : '') + body;
}

interface DecimalDigits {
  /** Significant digits, no leading or trailing zeros ("0" for zero). */
  digits: string;
  /** The value is 0.<digits> × 10^pointPosition. */
  pointPosition: number;
}

function shortestDigits(value: number): DecimalDigits {
  if (value === 0) return { digits: '0', pointPosition: 1 };
  // toExponential() without an argument gives the shortest round-tripping digits, like strconv's 'g', -1.
  const [mantissa, exp] = value.toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, pointPosition: Number(exp) + 1 };
}

function roundedDigits(value: number, precision: number): DecimalDigits {
  if (value === 0) return { digits: '0', pointPosition: 1 };
  const exact = exactDecimal(value);
  let { digits, pointPosition } = exact;
  const keep = Math.max(precision, 1);
  if (digits.length > keep) {
    const head = digits.slice(0, keep);
    const rest = digits.slice(keep);
    const roundUp = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(head[head.length - 1]) % 2 === 1));
    digits = roundUp ? incrementDigits(head) : head;
    if (digits.length > keep) {
      pointPosition++;
      digits = digits.slice(0, keep);
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  return { digits, pointPosition };
}

/** The exact decimal expansion of a finite positive double (every double is a finite binary fraction). */
function exactDecimal(value: number): DecimalDigits {
  // Scale to an integer numerator over 2^k using BigInt, then expand.
  let k = 0;
  let scaled = value;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    k++;
  }
  let numerator = BigInt(scaled);
  // value = numerator / 2^k = numerator * 5^k / 10^k
  numerator *= 5n ** BigInt(k);
  const text = numerator.toString();
  const pointPosition = text.length - k;
  const digits = text.replace(/^0+/, '').replace(/0+$/, '');
  return { digits, pointPosition: pointPosition - (text.length - text.replace(/^0+/, '').length) };
}

function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') chars[i] = '0';
    else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/**
 * The docker CLI's `PrettyPrint` of a string: first byte upper-cased, the rest lower-cased (a one-byte string is
 * lower-cased), working on UTF-8 bytes as Go does, so a non-ASCII first character becomes U+FFFD like in Go.
 */
export function prettyPrint(text: string | undefined | null): string {
  if (text === undefined || text === null) return 'None';
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return '';
  if (bytes.length === 1) return goLower(text);
  if (bytes[0] < 0x80) return goUpper(text[0]) + goLower(bytes.subarray(1).toString('utf8'));
  // Go upper-cases string(s[0]) (one invalid byte -> U+FFFD) and lower-cases s[1:], whose leading continuation
  // bytes are invalid too and also become U+FFFD.
  return '\uFFFD' + goLower(new TextDecoder('utf-8').decode(bytes.subarray(1)));
}

/** unicode.ToLower per code point (simple case mapping: one code point in, one out). */
function goLower(text: string): string {
  let out = '';
  for (const ch of text) out += String.fromCodePoint(ch.toLowerCase().codePointAt(0) ?? 0);
  return out;
}

function goUpper(text: string): string {
  let out = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    out += [...upper].length === 1 ? upper : ch;
  }
  return out;
}

const RFC3339 = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Go's `time.Time.String()` ("2006-01-02 15:04:05.999999999 -0700 MST") of an RFC 3339 timestamp as the Engine
 * sends it. `Z` prints as "+0000 UTC"; another offset has no zone name in Go, so its offset is printed twice.
 * Text that is not RFC 3339 is returned unchanged.
 */
export function goTimeString(rfc3339: string): string {
  const m = RFC3339.exec(rfc3339);
  if (!m) return rfc3339;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = m;
  const trimmed = fraction.slice(0, 9).replace(/0+$/, '');
  const base = `${year}-${month}-${day} ${hour}:${minute}:${second}${trimmed ? '.' + trimmed : ''}`;
  if (zone.toUpperCase() === 'Z') return `${base} +0000 UTC`;
  const offset = zone.replace(':', '');
  return `${base} ${offset} ${offset}`;
}

/** PrettyPrint of a time, as the CLI prints `Joined at:`, `Created at:` ("2024-01-02 03:04:05.5 +0000 utc"). */
export function prettyTime(rfc3339: string | undefined): string {
  return prettyPrint(goTimeString(rfc3339 ?? '0001-01-01T00:00:00Z'));
}

/** Nanoseconds since the Unix epoch of an RFC 3339 timestamp (fractions beyond milliseconds kept). */
export function timestampNanos(rfc3339: string): number | undefined {
  const m = RFC3339.exec(rfc3339);
  if (!m) return undefined;
  const millis = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[8].toUpperCase() === 'Z' ? 'Z' : m[8]}`);
  if (Number.isNaN(millis)) return undefined;
  const fraction = Number((m[7] ?? '').slice(0, 9).padEnd(9, '0'));
  return millis * 1e6 + fraction;
}

/** Go's `%v` of a []string: "[a b c]". */
export function goSlice(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/** Go's string ordering (byte-wise on UTF-8), which text/template uses to range over a map. */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A map's entries in text/template's range order (keys sorted as Go strings). */
export function sortedEntries<V>(map: Readonly<Record<string, V>> | undefined | null): [string, V][] {
  if (!map) return [];
  return Object.entries(map).sort(([a], [b]) => compareGoStrings(a, b));
}

/** Whether a byte string is valid UTF-8 (config data is shown as text only then). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
