import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bytesSize,
  compareGoStrings,
  formatGoFloat,
  goDuration,
  goFloat,
  goSlice,
  goTimeString,
  humanDuration,
  isValidUtf8,
  prettyPrint,
  prettyTime,
  sortedEntries,
  timestampNanos,
} from '../../../src/inspect/format';

const S = 1e9;

void test('goDuration matches Go time.Duration.String()', () => {
  const cases: [number | bigint, string][] = [
    [0, '0s'],
    [1, '1ns'],
    [999, '999ns'],
    [1_000, '1µs'],
    [1_500, '1.5µs'],
    [1_000_000, '1ms'],
    [1_234_567, '1.234567ms'],
    [500_000_000, '500ms'],
    [S, '1s'],
    [1.5 * S, '1.5s'],
    [5 * S, '5s'],
    [60 * S, '1m0s'],
    [90 * S, '1m30s'],
    [3600 * S, '1h0m0s'],
    [100 * 3600 * S, '100h0m0s'],
    [3661n * 1_000_000_000n + 1n, '1h1m1.000000001s'],
    [-5 * S, '-5s'],
    [-1_500, '-1.5µs'],
  ];
  for (const [input, expected] of cases) assert.equal(goDuration(input), expected, `goDuration(${input})`);
});

void test('bytesSize matches go-units BytesSize (%.4g, base 1024, ties to even)', () => {
  const cases: [number, string][] = [
    [0, '0B'],
    [1, '1B'],
    [512, '512B'],
    [1023, '1023B'],
    [1024, '1KiB'],
    [1536, '1.5KiB'],
    [1048575, '1024KiB'],
    [10490000, '10MiB'],
    [10 * 1024 * 1024, '10MiB'],
    [123456789, '117.7MiB'],
    [1610612736, '1.5GiB'],
    [1024 ** 4 * 3, '3TiB'],
    [1024512, '1000KiB'], // 1000.5 KiB: an exact tie rounds to even, as strconv does
    [1025536, '1002KiB'], // 1001.5 KiB
    [25_283_000_000, '23.55GiB'],
  ];
  for (const [input, expected] of cases) assert.equal(bytesSize(input), expected, `bytesSize(${input})`);
});

void test('formatGoFloat with a precision matches Go %.Ng', () => {
  const cases: [number, number, string][] = [
    [10.0039, 4, '10'],
    [0.000012345, 4, '1.234e-05'],
    [12345, 4, '1.234e+04'],
    [12355, 4, '1.236e+04'],
    [1000, 4, '1000'],
    [0.5, 4, '0.5'],
  ];
  for (const [value, precision, expected] of cases) assert.equal(formatGoFloat(value, precision), expected, `%.${precision}g of ${value}`);
});

void test('goFloat matches Go %v of float64 and float32', () => {
  const cases: [number, 32 | 64, string][] = [
    [0, 64, '0'],
    [0.5, 64, '0.5'],
    [1, 64, '1'],
    [100, 64, '100'],
    [123456, 64, '123456'],
    [1e6, 64, '1e+06'],
    [1234567, 64, '1.234567e+06'],
    [0.0001, 64, '0.0001'],
    [0.00001, 64, '1e-05'],
    [1e-9, 64, '1e-09'],
    [1e21, 64, '1e+21'],
    [-2.5, 64, '-2.5'],
    [0.1, 32, '0.1'],
    [0.3, 32, '0.3'],
    [1 / 3, 32, '0.33333334'],
    [0.25, 32, '0.25'],
    [0, 32, '0'],
  ];
  for (const [value, bits, expected] of cases) assert.equal(goFloat(value, bits), expected, `goFloat(${value}, ${bits})`);
});

void test('humanDuration matches go-units HumanDuration', () => {
  const H = 3600 * S;
  const cases: [number, string][] = [
    [-5 * S, 'Less than a second'],
    [0, 'Less than a second'],
    [0.9 * S, 'Less than a second'],
    [S, '1 second'],
    [59.9 * S, '59 seconds'],
    [60 * S, 'About a minute'],
    [119 * S, 'About a minute'],
    [120 * S, '2 minutes'],
    [3599 * S, '59 minutes'],
    [H, 'About an hour'],
    [1.49 * H, 'About an hour'],
    [1.5 * H, '2 hours'],
    [47 * H, '47 hours'],
    [48 * H, '2 days'],
    [13 * 24 * H, '13 days'],
    [14 * 24 * H, '2 weeks'],
    [60 * 24 * H, '2 months'],
    [730 * 24 * H, '2 years'],
  ];
  for (const [input, expected] of cases) assert.equal(humanDuration(input), expected, `humanDuration(${input / S}s)`);
});

void test('goTimeString matches Go time.Time.String() of Engine timestamps', () => {
  const cases: [string, string][] = [
    ['2009-11-10T23:00:00Z', '2009-11-10 23:00:00 +0000 UTC'],
    ['2009-11-10T23:00:00.123456789Z', '2009-11-10 23:00:00.123456789 +0000 UTC'],
    ['2009-11-10T23:00:00.5Z', '2009-11-10 23:00:00.5 +0000 UTC'],
    ['2009-11-10T23:00:00.120Z', '2009-11-10 23:00:00.12 +0000 UTC'],
    ['2009-11-10T23:00:00.000000000Z', '2009-11-10 23:00:00 +0000 UTC'],
    ['0001-01-01T00:00:00Z', '0001-01-01 00:00:00 +0000 UTC'],
    ['2009-11-10T23:00:00.25+02:00', '2009-11-10 23:00:00.25 +0200 +0200'],
    ['not a time', 'not a time'],
  ];
  for (const [input, expected] of cases) assert.equal(goTimeString(input), expected, input);
  assert.equal(prettyTime('2026-11-27T12:26:55.886135954Z'), '2026-11-27 12:26:55.886135954 +0000 utc');
});

void test('prettyPrint upper-cases the first byte and lower-cases the rest, like the CLI', () => {
  const cases: [string | undefined, string][] = [
    ['ready', 'Ready'],
    ['READY', 'Ready'],
    ['drain', 'Drain'],
    ['a', 'a'],
    ['A', 'a'],
    ['', ''],
    [undefined, 'None'],
    ['heartbeat failure for node in "unknown" state', 'Heartbeat failure for node in "unknown" state'],
    ['élan', '\uFFFD\uFFFDlan'], // Go works on bytes: both bytes of é become U+FFFD
    ['xÉ', 'Xé'],
  ];
  for (const [input, expected] of cases) assert.equal(prettyPrint(input), expected, String(input));
});

void test('timestampNanos keeps nanoseconds', () => {
  assert.equal(timestampNanos('1970-01-01T00:00:01.5Z'), 1.5e9);
  assert.equal(timestampNanos('1970-01-01T00:00:00.000000250Z'), 250);
  assert.equal(timestampNanos('garbage'), undefined);
});

void test('goSlice prints like Go %v of []string', () => {
  assert.equal(goSlice(['node.role==manager', 'node.labels.a==b']), '[node.role==manager node.labels.a==b]');
  assert.equal(goSlice(['x']), '[x]');
  assert.equal(goSlice([]), '[]');
});

void test('sortedEntries orders map keys like text/template (byte-wise UTF-8)', () => {
  const map = { b: 1, a: 2, B: 3, é: 4, z: 5, '\u{1F600}': 6, '\uFF5E': 7, a1: 8, 'a-': 9 };
  assert.deepEqual(
    sortedEntries(map).map(([k]) => k),
    ['B', 'a', 'a-', 'a1', 'b', 'z', 'é', '\uFF5E', '\u{1F600}'],
  );
  assert.deepEqual(sortedEntries(undefined), []);
  assert.ok(compareGoStrings('\uFF5E', '\u{1F600}') < 0, 'UTF-16 order would put the emoji first');
});

void test('isValidUtf8', () => {
  assert.equal(isValidUtf8(Buffer.from('héllo', 'utf8')), true);
  assert.equal(isValidUtf8(Buffer.from([0xff, 0xfe, 0x00])), false);
  assert.equal(isValidUtf8(Buffer.alloc(0)), true);
});
