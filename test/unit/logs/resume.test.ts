import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResumeWindow } from '../../../src/logs/resume';
import { prng } from '../../support/prng';

/** A normalised timestamp `ms` milliseconds (with a microsecond part) after a fixed instant. */
function key(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const base = new Date(Date.UTC(2026, 10, 27, 12, 0, 0) + whole).toISOString().slice(0, 23);
  return `${base}${String(micros).padStart(3, '0')}000Z`;
}

interface Line {
  key: string;
  identity: string;
}

const line = (ms: number, identity: string): Line => ({ key: key(ms), identity });

/** What the engine sends for `since`: every line of the file at or after it, in file order. */
function engineFrom(file: readonly Line[], since: string | undefined): Line[] {
  return since === undefined ? [...file] : file.filter((l) => l.key >= since);
}

/** Reads `file` with drops after the given counts of arrived lines; returns what was delivered, in order. */
function readWithDrops(file: readonly Line[], drops: readonly number[], w = new ResumeWindow(1000)): Line[] {
  const delivered: Line[] = [];
  let stream = engineFrom(file, w.resumeFrom());
  let arrived = 0;
  const pending = [...drops].sort((a, b) => a - b);
  for (;;) {
    let dropped = false;
    for (const l of stream) {
      if (pending.length > 0 && arrived === pending[0]) {
        pending.shift();
        dropped = true;
        break;
      }
      arrived++;
      if (w.accept(l.key, l.identity)) delivered.push(l);
    }
    if (!dropped) return delivered;
    stream = engineFrom(file, w.resumeFrom());
  }
}

void test('nothing delivered yet: no resume point (the first read uses the user\'s tail and since)', () => {
  const w = new ResumeWindow();
  assert.equal(w.empty, true);
  assert.equal(w.resumeFrom(), undefined);
  assert.equal(w.accept(key(1), 'out\u0000a'), true);
  assert.equal(w.empty, false);
});

void test('a resume re-reads from a window before the earliest remembered line and skips what was delivered', () => {
  const file = [line(0, 'a'), line(10, 'b'), line(20, 'c'), line(30, 'd'), line(40, 'e')];
  assert.deepEqual(readWithDrops(file, [3]), file);
  const w = new ResumeWindow(1000);
  for (const l of file.slice(0, 3)) w.accept(l.key, l.identity);
  assert.equal(w.resumeFrom(), key(-1000), 'a window before the earliest line remembered (all three are)');
});

void test('a line stamped earlier than one already delivered, not yet arrived at the drop, is not lost', () => {
  // The engine's own order: stdout "c" (20 ms) reached the file before stderr "b" (19.99 ms).
  const file = [line(0, 'out a'), line(20, 'out c'), line(19.99, 'err b'), line(30, 'out d')];
  const delivered = readWithDrops(file, [2]);
  assert.deepEqual(delivered.map((l) => l.identity), ['out a', 'out c', 'err b', 'out d']);
});

void test('identical lines at one instant stay as many as they were', () => {
  const file = [line(5, 'tick'), line(5, 'tick'), line(5, 'tick'), line(6, 'tock')];
  for (const at of [1, 2, 3]) assert.deepEqual(readWithDrops(file, [at]), file, `drop after ${at}`);
});

void test('the window forgets lines older than windowMs; a resume starts at the last forgotten one and skips it', () => {
  const w = new ResumeWindow(100);
  for (let ms = 0; ms <= 1000; ms += 10) w.accept(key(ms), `l${ms}`);
  assert.ok(w.size <= 11, `remembers about 100 ms of lines, not ${w.size}`);
  const since = w.resumeFrom();
  // From the last forgotten line (890 ms), which is later than a window before the earliest remembered one.
  assert.equal(since, key(890));
  // The engine re-sends from `since`; a stray earlier line (forgotten instant) is skipped too.
  assert.equal(w.accept(key(890), 'l890'), false);
  assert.equal(w.accept(key(850), 'l850'), false);
  assert.equal(w.accept(key(950), 'l950'), false);
  assert.equal(w.accept(key(1010), 'l1010'), true);
});

void test('memory is bounded by lines and characters', () => {
  const byLines = new ResumeWindow(60_000, 50, 1_000_000);
  for (let i = 0; i < 500; i++) byLines.accept(key(i), `line ${i}`);
  assert.equal(byLines.size, 50);
  const byChars = new ResumeWindow(60_000, 1_000_000, 10_000);
  for (let i = 0; i < 500; i++) byChars.accept(key(i), 'x'.repeat(1000));
  assert.ok(byChars.size <= 10, `about 10 lines of 1000 characters, not ${byChars.size}`);
  // Resuming after the cap: nothing already delivered comes out again.
  const since = byChars.resumeFrom();
  assert.ok(since !== undefined);
  for (let i = 0; i < 500; i++) {
    if (key(i) >= since) assert.equal(byChars.accept(key(i), 'x'.repeat(1000)), false, `line ${i} again`);
  }
  assert.equal(byChars.accept(key(500), 'x'.repeat(1000)), true);
});

void test('a drop during a replay resumes again without gaps or repeats', () => {
  const file = Array.from({ length: 40 }, (_, i) => line(i * 7, `l${i}`));
  assert.deepEqual(readWithDrops(file, [10, 12, 13, 30]), file);
});

void test('fuzz: bounded disorder, repeated texts, several drops: every line exactly once (seeded)', () => {
  const random = prng(20261127);
  for (let run = 0; run < 300; run++) {
    const n = 5 + Math.floor(random() * 80);
    const file: Line[] = [];
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += random() < 0.2 ? 0 : random() * 50;
      // A stderr line stamped up to 30 ms before the stdout line written ahead of it.
      const skew = random() < 0.3 ? random() * 30 : 0;
      const text = random() < 0.2 ? 'same' : `m${i}`;
      file.push(line(Math.max(0, t - skew), `${skew > 0 ? 'err' : 'out'} ${text}`));
    }
    const drops = Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * n));
    const got = readWithDrops(file, drops);
    assert.deepEqual(got, file, `run ${run}: drops at ${drops.join(',')}`);
  }
});
