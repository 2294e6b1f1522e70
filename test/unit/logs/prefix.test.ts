import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogFormatError, parseLogDetails, parsePayload, queryUnescape, timestampSortKey, timestampToSince } from '../../../src/logs/line';
import { DEFAULT_FORMAT_OPTIONS, FormatOptions, TTY_NEEDS_RAW, checkTty, formatLine, slotWidth, taskLabel, wantsDetails } from '../../../src/logs/prefix';

const TS = '2024-05-06T07:08:09.123456789Z';
const SWARM = 'com.docker.swarm.node.id=node1,com.docker.swarm.service.id=svc1,com.docker.swarm.task.id=abcdefghijklmnopqrstuvwxy';

void test('label and padding rules (table)', () => {
  const cases: { width: number; slot: number; opts?: Partial<FormatOptions>; want: string }[] = [
    { width: 1, slot: 1, want: 'web.1.abcdefghijkl@n1' },
    { width: 2, slot: 1, want: 'web.1.abcdefghijkl@n1 ' },
    { width: 2, slot: 10, want: 'web.10.abcdefghijkl@n1' },
    { width: 3, slot: 7, want: 'web.7.abcdefghijkl@n1  ' },
    { width: 1, slot: 0, want: 'web.0.abcdefghijkl@n1' }, // global service
    { width: 1, slot: 12, want: 'web.12.abcdefghijkl@n1' }, // slot wider than width: no padding
    { width: 2, slot: 3, opts: { noTaskIds: true }, want: 'web.3@n1 ' },
    { width: 1, slot: 3, opts: { noTrunc: true }, want: 'web.3.abcdefghijklmnopqrstuvwxy@n1' },
    { width: 1, slot: 3, opts: { noTrunc: true, noTaskIds: true }, want: 'web.3@n1' },
  ];
  for (const c of cases) {
    const got = taskLabel({ service: 'web', slot: c.slot, taskId: 'abcdefghijklmnopqrstuvwxy', node: 'n1', width: c.width }, { ...DEFAULT_FORMAT_OPTIONS, ...c.opts });
    assert.equal(got, c.want, JSON.stringify(c));
  }
});

void test('slot width follows replicas, global services and task targets', () => {
  assert.equal(slotWidth({ kind: 'service', replicas: 1 }), 1);
  assert.equal(slotWidth({ kind: 'service', replicas: 9 }), 1);
  assert.equal(slotWidth({ kind: 'service', replicas: 10 }), 2);
  assert.equal(slotWidth({ kind: 'service', replicas: 100 }), 3);
  assert.equal(slotWidth({ kind: 'service', replicas: 0 }), 1);
  assert.equal(slotWidth({ kind: 'service' }), 1);
  assert.equal(slotWidth({ kind: 'task', slot: 12 }), 2);
  // The CLI's example: 10 replicas, slot 1 → one space, then the 4-space separator.
  const label = taskLabel({ service: 'web', slot: 1, taskId: 'abcdef1234567890', node: 'n1', width: 2 }, DEFAULT_FORMAT_OPTIONS);
  assert.equal(formatLine(parsePayload(`${TS} ${SWARM} x\n`, true), label, DEFAULT_FORMAT_OPTIONS), 'web.1.abcdef123456@n1     | x');
});

void test('formatLine for every option (table)', () => {
  const label = 'web.1.abcdefghijkl@n1';
  const userDetails = `zeta=last,asdf=test+1,${SWARM},k%2Cey=v%3Dx`;
  const cases: { opts: Partial<FormatOptions>; details: string | undefined; want: string }[] = [
    { opts: {}, details: SWARM, want: `${label}    | hello world` },
    { opts: { timestamps: true }, details: SWARM, want: `${TS} ${label}    | hello world` },
    { opts: { details: true }, details: SWARM, want: `${label}    |  hello world` },
    { opts: { details: true }, details: userDetails, want: `${label}    | asdf=test 1,k,ey=v=x,zeta=last hello world` },
    { opts: { details: true, timestamps: true }, details: userDetails, want: `${TS} ${label}    | asdf=test 1,k,ey=v=x,zeta=last hello world` },
    { opts: { raw: true }, details: undefined, want: 'hello world' },
    { opts: { raw: true, timestamps: true }, details: undefined, want: `${TS} hello world` },
    { opts: { raw: true, details: true }, details: userDetails, want: `${userDetails} hello world` },
    { opts: { raw: true, details: true, timestamps: true }, details: SWARM, want: `${TS} ${SWARM} hello world` },
  ];
  for (const c of cases) {
    const opts = { ...DEFAULT_FORMAT_OPTIONS, ...c.opts };
    assert.equal(wantsDetails(opts), c.details !== undefined, `request details for ${JSON.stringify(c.opts)}`);
    const payload = c.details === undefined ? `${TS} hello world\n` : `${TS} ${c.details} hello world\n`;
    assert.equal(formatLine(parsePayload(payload, wantsDetails(opts)), label, opts), c.want, JSON.stringify(c.opts));
  }
});

void test('message keeps inner spaces and newlines; an empty message stays empty', () => {
  const p = parsePayload(`${TS} ${SWARM}   two  spaces\nand a line\n`, true);
  assert.equal(p.message, '  two  spaces\nand a line');
  assert.equal(p.complete, true);
  assert.equal(parsePayload(`${TS} ${SWARM} \n`, true).message, '');
  assert.equal(parsePayload(`${TS} partial`, false).complete, false);
});

void test('CLI error texts for malformed payloads and details', () => {
  assert.throws(() => parsePayload('nospace', false), new LogFormatError('invalid context in log message: nospace'));
  assert.throws(() => parsePayload(`${TS} onlydetails`, true), /^Error: invalid context in log message/);
  assert.throws(() => parseLogDetails('errors'), /invalid details format/);
  assert.throws(() => parseLogDetails('=nothing'), /invalid details format/);
  assert.throws(() => parseLogDetails('key=,=nothing'), /invalid details format/);
  assert.throws(() => queryUnescape('a%zzb'), { message: 'invalid URL escape "%zz"' });
  assert.throws(() => queryUnescape('a%4'), { message: 'invalid URL escape "%4"' });
  const opts = { ...DEFAULT_FORMAT_OPTIONS, details: true };
  assert.throws(() => formatLine(parsePayload(`${TS} a=b msg\n`, true), 'l', opts), { message: 'missing node id in details: map[a:b]' });
  assert.throws(
    () => formatLine(parsePayload(`${TS} com.docker.swarm.node.id=n msg\n`, true), 'l', opts),
    { message: 'missing service id in details: map[]' },
  );
});

void test('details unescape like url.QueryUnescape', () => {
  assert.deepEqual([...parseLogDetails('key+with+spaces=value%3Dequals,asdf%2C=')], [['key with spaces', 'value=equals'], ['asdf,', '']]);
  assert.deepEqual([...parseLogDetails('key=,key2=')], [['key', ''], ['key2', '']]);
  assert.equal(queryUnescape('%E4%B8%96'), '世');
});

void test('TTY services need raw', () => {
  assert.equal(checkTty(true, false), TTY_NEEDS_RAW);
  assert.equal(TTY_NEEDS_RAW, 'tty service logs only supported with --raw');
  assert.equal(checkTty(true, true), undefined);
  assert.equal(checkTty(false, false), undefined);
});

void test('timestamps sort and convert to since', () => {
  assert.equal(timestampSortKey(TS), TS);
  assert.equal(timestampSortKey('2024-05-06T09:08:09.123456789+02:00'), TS);
  assert.equal(timestampToSince(TS), `${Date.UTC(2024, 4, 6, 7, 8, 9) / 1000}.123456789`);
});
