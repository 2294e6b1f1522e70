import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameStream, MultiplexedDecoder, RawLineDecoder } from '../../../src/logs/demux';
import { prng } from '../../support/prng';

function frame(stream: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

interface Collected {
  frames: [FrameStream, string, number][];
  errors: string[];
}

function collect(): { out: Collected; handlers: ConstructorParameters<typeof MultiplexedDecoder>[0] } {
  const out: Collected = { frames: [], errors: [] };
  return {
    out,
    handlers: {
      frame: (s, p, dropped) => out.frames.push([s, p.toString('utf8'), dropped]),
      error: (m) => out.errors.push(m),
    },
  };
}


function splitRandomly(data: Buffer, rand: () => number): Buffer[] {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < data.length) {
    const n = rand() < 0.2 ? 1 : 1 + Math.floor(rand() * 40);
    parts.push(data.subarray(i, i + n));
    i += n;
  }
  return parts;
}

void test('streams 0 and 1 are stdout, 2 stderr, 3 the daemon', () => {
  const { out, handlers } = collect();
  const d = new MultiplexedDecoder(handlers);
  d.push(Buffer.concat([frame(1, 'a\n'), frame(2, 'b\n'), frame(0, 'c\n'), frame(3, 'Error grabbing logs: x')]));
  d.end();
  assert.deepEqual(out.frames, [
    ['stdout', 'a\n', 0],
    ['stderr', 'b\n', 0],
    ['stdout', 'c\n', 0],
    ['system', 'Error grabbing logs: x', 0],
  ]);
  assert.deepEqual(out.errors, []);
});

void test('an unknown stream stops decoding with the CLI text', () => {
  const { out, handlers } = collect();
  const d = new MultiplexedDecoder(handlers);
  d.push(Buffer.concat([frame(1, 'ok\n'), frame(7, 'bad'), frame(1, 'never\n')]));
  assert.deepEqual(out.frames.map((f) => f[1]), ['ok\n']);
  assert.deepEqual(out.errors, ['unrecognized stream: 7']);
});

void test('a header split in every position and a frame across chunks', () => {
  const data = Buffer.concat([frame(1, 'hello world\n'), frame(2, 'second\n')]);
  for (let cut = 0; cut <= data.length; cut++) {
    const { out, handlers } = collect();
    const d = new MultiplexedDecoder(handlers);
    d.push(data.subarray(0, cut));
    d.push(data.subarray(cut));
    d.end();
    assert.deepEqual(out.frames, [['stdout', 'hello world\n', 0], ['stderr', 'second\n', 0]], `cut at ${cut}`);
  }
});

void test('empty frames, frames without newline, multi-line frames', () => {
  const { out, handlers } = collect();
  const d = new MultiplexedDecoder(handlers);
  d.push(Buffer.concat([frame(1, ''), frame(1, 'no newline'), frame(2, 'one\ntwo\n')]));
  d.end();
  assert.deepEqual(out.frames.map((f) => f[1]), ['', 'no newline', 'one\ntwo\n']);
});

void test('a stream cut inside a frame is reported at end()', () => {
  const { out, handlers } = collect();
  const d = new MultiplexedDecoder(handlers);
  d.push(frame(1, 'complete\n'));
  d.push(frame(1, 'cut off').subarray(0, 10));
  d.end();
  assert.equal(out.frames.length, 1);
  assert.deepEqual(out.errors, ['log stream ended in the middle of a frame']);
});

void test('very long payloads are cut at the cap and the rest of the frame skipped', () => {
  const { out, handlers } = collect();
  const d = new MultiplexedDecoder(handlers, 100);
  const long = 'x'.repeat(1000);
  const data = Buffer.concat([frame(1, long), frame(2, 'after\n')]);
  for (let i = 0; i < data.length; i += 7) d.push(data.subarray(i, i + 7));
  assert.deepEqual(out.frames, [['stdout', 'x'.repeat(100), 900], ['stderr', 'after\n', 0]]);
});

void test('fuzz: random splits of many frames decode to the same frames (seeded)', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const rand = prng(seed);
    const expected: [FrameStream, string, number][] = [];
    const frames: Buffer[] = [];
    const count = 1 + Math.floor(rand() * 60);
    for (let i = 0; i < count; i++) {
      const stream = rand() < 0.5 ? 1 : 2;
      const len = Math.floor(rand() * (rand() < 0.1 ? 3000 : 60));
      let text = '';
      for (let j = 0; j < len; j++) text += String.fromCharCode(0x20 + Math.floor(rand() * 95));
      text += rand() < 0.8 ? '\n' : '';
      frames.push(frame(stream, text));
      expected.push([stream === 1 ? 'stdout' : 'stderr', text, 0]);
    }
    const { out, handlers } = collect();
    const d = new MultiplexedDecoder(handlers);
    for (const part of splitRandomly(Buffer.concat(frames), rand)) d.push(part);
    d.end();
    assert.deepEqual(out.frames, expected, `seed ${seed}`);
    assert.deepEqual(out.errors, [], `seed ${seed}`);
  }
});

void test('fuzz: multi-byte UTF-8 split across chunks survives (payload decoded whole)', () => {
  const text = 'héllo → 世界 🐳\n';
  const data = frame(1, text);
  const rand = prng(99);
  for (let round = 0; round < 20; round++) {
    const { out, handlers } = collect();
    const d = new MultiplexedDecoder(handlers);
    for (const part of splitRandomly(data, rand)) d.push(part);
    assert.deepEqual(out.frames, [['stdout', text, 0]]);
  }
});

void test('raw (TTY) lines split on \\n, drop \\r, and flush the last line at end', () => {
  const data = Buffer.from('out\r\nerr\r\n\r\nlast without newline');
  const rand = prng(7);
  for (let round = 0; round < 30; round++) {
    const { out, handlers } = collect();
    const d = new RawLineDecoder(handlers);
    for (const part of splitRandomly(data, rand)) d.push(part);
    d.end();
    assert.deepEqual(out.frames.map((f) => f[1]), ['out', 'err', '', 'last without newline']);
    assert.ok(out.frames.every((f) => f[0] === 'stdout'));
  }
});

void test('raw lines longer than the cap are truncated, memory stays bounded', () => {
  const { out, handlers } = collect();
  const d = new RawLineDecoder(handlers, 10);
  d.push(Buffer.from('0123456789abcdef\nshort\n'));
  assert.deepEqual(out.frames, [['stdout', '0123456789', 6], ['stdout', 'short', 0]]);
});
