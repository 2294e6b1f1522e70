import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoDuration, parseSince } from '../../../src/logs/since';

const REF = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
const REF_S = Math.floor(REF.getTime() / 1000);
const LOCAL_OFFSET_S = -REF.getTimezoneOffset() * 60;

void test('--since values (table)', () => {
  const cases: [string, string | undefined][] = [
    ['', undefined],
    ['10m', String(REF_S - 600)],
    ['1h30m', String(REF_S - 5400)],
    ['1.5s', String(Math.floor((REF.getTime() - 1500) / 1000))],
    ['500ms', String(Math.floor((REF.getTime() - 500) / 1000))],
    ['-5m', String(REF_S + 300)],
    ['0', '0'],
    ['1136073600', '1136073600'],
    ['1136073600.000000001', '1136073600.000000001'],
    ['2013-01-02T13:23:37Z', `${Date.UTC(2013, 0, 2, 13, 23, 37) / 1000}.000000000`],
    ['2013-01-02T13:23:37.5Z', `${Date.UTC(2013, 0, 2, 13, 23, 37) / 1000}.500000000`],
    ['2013-01-02T13:23:37.123456789+02:00', `${Date.UTC(2013, 0, 2, 11, 23, 37) / 1000}.123456789`],
    ['2013-01-02T13:23:37-01:30', `${Date.UTC(2013, 0, 2, 14, 53, 37) / 1000}.000000000`],
    ['2013-01-02T13:23Z', `${Date.UTC(2013, 0, 2, 13, 23, 0) / 1000}.000000000`],
    ['2013-01-02T13Z', `${Date.UTC(2013, 0, 2, 13, 0, 0) / 1000}.000000000`],
    ['2013-01-02Z', `${Date.UTC(2013, 0, 2) / 1000}.000000000`],
    ['2013-01-02+01:00', `${Date.UTC(2013, 0, 1, 23) / 1000}.000000000`],
    ['2013-01-02T13:23:37', `${Date.UTC(2013, 0, 2, 13, 23, 37) / 1000 - LOCAL_OFFSET_S}.000000000`],
    ['2013-01-02T13:23:37.25', `${Date.UTC(2013, 0, 2, 13, 23, 37) / 1000 - LOCAL_OFFSET_S}.250000000`],
    ['2013-01-02', `${Date.UTC(2013, 0, 2) / 1000 - LOCAL_OFFSET_S}.000000000`],
  ];
  for (const [input, want] of cases) assert.equal(parseSince(input, REF), want, input);
});

void test('--since errors like the CLI', () => {
  assert.throws(() => parseSince('yesterday', REF), { message: 'failed to parse value as time or duration: "yesterday"' });
  assert.throws(() => parseSince('10x', REF), { message: 'failed to parse value as time or duration: "10x"' });
  assert.throws(() => parseSince('2013-13-02', REF), /month out of range/);
  assert.throws(() => parseSince('2013-02-30', REF), /day out of range/);
  assert.throws(() => parseSince('2013-01-02T25:00:00Z', REF), /hour out of range/);
  assert.throws(() => parseSince('2013-01-0x', REF), /parsing time "2013-01-0x"/);
});

void test('Go durations', () => {
  assert.equal(parseGoDuration('1h2m3s4ms5us6ns'), 3723004005006n);
  assert.equal(parseGoDuration('1µs'), 1000n);
  assert.equal(parseGoDuration('1μs'), 1000n);
  assert.equal(parseGoDuration('.5h'), 1800000000000n);
  assert.equal(parseGoDuration('+3s'), 3000000000n);
  assert.equal(parseGoDuration('3'), undefined);
  assert.equal(parseGoDuration('s'), undefined);
  assert.equal(parseGoDuration('1d'), undefined);
  assert.equal(parseGoDuration(''), undefined);
});
