// Parsers that accept exactly what dockerd's Go code accepts (strconv, go-units, time.ParseDuration), so the
// linter agrees with the engine on edge cases like "10mib", "1e3", "T" or "1h30m".

/** Result of a parse: the value, or the error text dockerd would print. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** strconv.ParseBool */
export function parseGoBool(s: string): Parsed<boolean> {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return ok(true);
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return ok(false);
  return fail(`strconv.ParseBool: parsing "${s}": invalid syntax`);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** strconv.Atoi / ParseInt(s, 10, 64): optional sign, decimal digits, int64 range. */
export function parseGoInt(s: string): Parsed<number> {
  if (!/^[+-]?\d+$/.test(s)) return fail(`strconv.Atoi: parsing "${s}": invalid syntax`);
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) return fail(`strconv.Atoi: parsing "${s}": value out of range`);
  return ok(Number(big));
}

/** strconv.ParseFloat for the decimal forms people write (including exponents). */
function parseGoFloat(s: string): Parsed<number> {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return fail(`strconv.ParseFloat: parsing "${s}": invalid syntax`);
  return ok(Number(s));
}

const DECIMAL: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };
const BINARY: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };

function parseSize(s: string, units: Record<string, number>): Parsed<number> {
  let sep = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(s[i])) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return fail(`invalid size: '${s}'`);
  const num = s[sep] === ' ' ? s.slice(0, sep) : s.slice(0, sep + 1);
  let sfx = s.slice(sep + 1);
  const n = parseGoFloat(num);
  if (!n.ok) return n;
  if (n.value < 0) return fail(`invalid size: '${s}'`);
  if (sfx.length === 0) return ok(Math.trunc(n.value));
  const badSuffix = (): Parsed<number> => fail(`invalid suffix: '${sfx}'`);
  if (sfx.length > 3) return badSuffix();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') return sfx.length > 1 ? badSuffix() : ok(Math.trunc(n.value));
  const mul = units[sfx[0]];
  if (mul === undefined) return badSuffix();
  if (sfx.length === 2 && sfx[1] !== 'b') return badSuffix();
  if (sfx.length === 3 && sfx.slice(1) !== 'ib') return badSuffix();
  return ok(Math.trunc(n.value * mul));
}

/** go-units FromHumanSize: decimal multiples, "10mib" is still 10×10⁶ (json-file max-size). */
export function parseHumanSize(s: string): Parsed<number> {
  return parseSize(s, DECIMAL);
}

/** go-units RAMInBytes: binary multiples (local max-size, max-buffer-size, fluentd-buffer-limit, default-shm-size). */
export function parseRamInBytes(s: string): Parsed<number> {
  return parseSize(s, BINARY);
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1e3,
  m: 60e3,
  h: 3600e3,
};

/** time.ParseDuration, in milliseconds. */
export function parseGoDuration(s: string): Parsed<number> {
  const bad = (): Parsed<number> => fail(`time: invalid duration "${s}"`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return ok(0);
  if (rest === '') return bad();
  let total = 0;
  while (rest.length > 0) {
    const m = /^(\d*)(\.\d*)?/.exec(rest);
    const numText = m ? m[0] : '';
    if (numText === '' || numText === '.') return bad();
    rest = rest.slice(numText.length);
    const u = /^[^\d.]+/.exec(rest);
    if (!u) return fail(`time: missing unit in duration "${s}"`);
    const mul = DURATION_UNITS[u[0]];
    if (mul === undefined) return fail(`time: unknown unit "${u[0]}" in duration "${s}"`);
    total += Number(numText) * mul;
    rest = rest.slice(u[0].length);
  }
  return ok(sign * total);
}

/** Splits "scheme://rest"; scheme is lower-cased like net/url does. */
export function splitScheme(addr: string): { scheme: string; rest: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(addr);
  return m ? { scheme: m[1].toLowerCase(), rest: m[2] } : undefined;
}

/** host:port with a numeric port in 0..65535 (IPv6 hosts in brackets). */
export function splitHostPort(hp: string): { host: string; port: string } | undefined {
  const m = /^(\[[^\]]*\]|[^:/[\]]*):(\d+)$/.exec(hp);
  if (!m) return undefined;
  return { host: m[1], port: m[2] };
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const all = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/** net.ParseCIDR */
export function parseCidr(s: string): { ip: string; bits: number; v6: boolean } | undefined {
  const m = /^(.+)\/(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const bits = Number(m[2]);
  if (isIPv4(m[1]) && bits <= 32) return { ip: m[1], bits, v6: false };
  if (isIPv6(m[1]) && bits <= 128) return { ip: m[1], bits, v6: true };
  return undefined;
}
