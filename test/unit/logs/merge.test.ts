import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogMerger, sortKeyMs } from '../../../src/logs/merge';

interface L {
  sortKey: string;
  text: string;
}

const l = (t: number, text: string): L => ({ sortKey: `2024-01-01T00:00:00.${String(t).padStart(9, '0')}Z`, text });

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

void test('non-follow: a full sort-merge of interleaved sources, whatever the arrival order', () => {
  const out: string[] = [];
  const m = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, release: (x) => out.push(x.text) });
  m.addSource('a');
  m.addSource('b');
  // a delivers everything first; nothing can go out until b has spoken.
  for (const t of [1, 4, 6, 9]) m.push('a', l(t, `a${t}`));
  assert.deepEqual(out, []);
  m.push('b', l(2, 'b2'));
  assert.deepEqual(out, ['a1', 'b2']);
  m.push('b', l(5, 'b5'));
  m.endSource('a');
  m.push('b', l(7, 'b7'));
  m.endSource('b');
  assert.deepEqual(out, ['a1', 'b2', 'a4', 'b5', 'a6', 'b7', 'a9']);
  assert.equal(m.heldCount, 0);
});

void test('equal timestamps keep arrival order', () => {
  const out: string[] = [];
  const m = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, release: (x) => out.push(x.text) });
  m.addSource('a');
  m.addSource('b');
  m.push('a', l(1, 'first'));
  m.push('b', l(1, 'second'));
  m.endSource('a');
  m.endSource('b');
  assert.deepEqual(out, ['first', 'second']);
});

void test('follow: a line waits for the reorder window, and a late earlier line still lands first', async () => {
  const out: string[] = [];
  let now = 1000;
  const m = new LogMerger<L>({ order: 'chronological', windowMs: 80, release: (x) => out.push(x.text), now: () => now });
  m.addSource('a');
  m.addSource('b');
  m.push('a', l(5, 'a5'));
  now += 20;
  await sleep(5);
  assert.deepEqual(out, [], 'held within the window');
  m.push('b', l(3, 'b3')); // arrives later but happened earlier
  assert.deepEqual(out, ['b3'], 'both sources have lines: the earliest is safe');
  now += 100;
  await sleep(120); // the window timer fires (real time) and sees the window passed (injected clock)
  assert.deepEqual(out, ['b3', 'a5'], 'released after the window');
  m.close();
});

void test('follow: a line older than the window is not held forever by a silent source', async () => {
  const out: string[] = [];
  let now = 0;
  const m = new LogMerger<L>({ order: 'chronological', windowMs: 50, release: (x) => out.push(x.text), now: () => now });
  m.addSource('quiet');
  m.addSource('busy');
  m.push('busy', l(1, 'x1'));
  now = 49;
  m.push('busy', l(2, 'x2'));
  assert.deepEqual(out, []);
  now = 50;
  m.push('busy', l(3, 'x3'));
  assert.deepEqual(out, ['x1']);
  now = 200;
  await sleep(60);
  assert.deepEqual(out, ['x1', 'x2', 'x3']);
  m.close();
});

void test('arrival order releases at once', () => {
  const out: string[] = [];
  const m = new LogMerger<L>({ order: 'arrival', windowMs: 250, release: (x) => out.push(x.text) });
  m.addSource('a');
  m.addSource('b');
  m.push('a', l(9, 'a9'));
  m.push('b', l(1, 'b1'));
  assert.deepEqual(out, ['a9', 'b1']);
});

void test('bounded: a source far ahead is paused and resumed; maxHeld forces release', () => {
  const out: string[] = [];
  const calls: string[] = [];
  const m = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, release: (x) => out.push(x.text), highWater: 10, lowWater: 2, maxHeld: 1000 });
  m.addSource('fast', { pause: () => calls.push('pause'), resume: () => calls.push('resume') });
  m.addSource('slow');
  for (let i = 0; i < 10; i++) m.push('fast', l(i * 2, `f${i}`));
  assert.deepEqual(calls, ['pause']);
  for (let i = 0; i < 10; i++) m.push('slow', l(i * 2 + 1, `s${i}`));
  assert.ok(calls.includes('resume'));
  m.endSource('fast');
  m.endSource('slow');
  assert.equal(out.length, 20);
  assert.deepEqual(out.slice(0, 4), ['f0', 's0', 'f1', 's1']);

  const capped: string[] = [];
  const c = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, release: (x) => capped.push(x.text), maxHeld: 5 });
  c.addSource('a');
  c.addSource('never');
  for (let i = 0; i < 8; i++) c.push('a', l(i, `a${i}`));
  assert.deepEqual(capped, ['a0', 'a1', 'a2']);
  assert.equal(c.heldCount, 5);
});

void test('output pause holds lines until resumed', () => {
  const out: string[] = [];
  const m = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, release: (x) => out.push(x.text) });
  m.addSource('a');
  m.pauseOutput();
  m.push('a', l(1, 'a1'));
  m.endSource('a');
  assert.deepEqual(out, []);
  m.resumeOutput();
  assert.deepEqual(out, ['a1']);
});

void test('fuzz: merging sorted sources in random arrival order yields the global sort (seeded)', () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let round = 0; round < 30; round++) {
    const sources = 1 + Math.floor(rand() * 5);
    const queues: L[][] = [];
    const all: L[] = [];
    for (let s = 0; s < sources; s++) {
      const n = Math.floor(rand() * 50);
      let t = 0;
      const q: L[] = [];
      for (let i = 0; i < n; i++) {
        t += Math.floor(rand() * 10);
        const item = l(t, `${s}:${i}`);
        q.push(item);
        all.push(item);
      }
      queues.push(q);
    }
    const out: L[] = [];
    const m = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, release: (x) => out.push(x), highWater: 5, lowWater: 1 });
    queues.forEach((_, s) => m.addSource(String(s)));
    const open = queues.map((q, s) => ({ q, s, i: 0 }));
    while (open.length > 0) {
      const k = Math.floor(rand() * open.length);
      const src = open[k];
      if (src.i < src.q.length) m.push(String(src.s), src.q[src.i++]);
      else {
        m.endSource(String(src.s));
        open.splice(k, 1);
      }
    }
    const keys = out.map((x) => x.sortKey);
    assert.deepEqual(keys, [...keys].sort(), `round ${round}`);
    assert.equal(out.length, all.length);
  }
});

void test('skew: one source\'s own lines slightly out of order are sorted before release', () => {
  const out: string[] = [];
  const ms = (t: number, text: string): L => ({ sortKey: `2024-01-01T00:00:00.${String(t).padStart(3, '0')}000000Z`, text });
  const m = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, skewMs: 50, release: (x) => out.push(x.text) });
  m.addSource('a');
  m.addSource('b');
  // a's stderr line stamped at 10 ms arrives after its stdout line stamped at 11 ms (the engine's own order).
  m.push('a', ms(11, 'a-out'));
  m.push('b', ms(12, 'b1'));
  assert.deepEqual(out, [], 'nothing is safe until every source is 50 ms past the earliest line');
  m.push('a', ms(10, 'a-err'));
  m.push('a', ms(70, 'a-late'));
  assert.deepEqual(out, [], 'b has not gone past 10 + 50 ms yet');
  m.push('b', ms(65, 'b2'));
  assert.deepEqual(out, ['a-err', 'a-out', 'b1'], 'released up to b\'s latest minus the skew');
  m.endSource('a');
  m.endSource('b');
  assert.deepEqual(out, ['a-err', 'a-out', 'b1', 'b2', 'a-late']);
});

void test('skew: a source paused at its high-water mark counts as ready, so nothing deadlocks', () => {
  const out: string[] = [];
  const calls: string[] = [];
  const ms = (t: number, text: string): L => ({ sortKey: `2024-01-01T00:00:00.${String(t).padStart(3, '0')}000000Z`, text });
  const m = new LogMerger<L>({ order: 'chronological', windowMs: Infinity, skewMs: 500, highWater: 4, lowWater: 1, release: (x) => out.push(x.text) });
  m.addSource('a', { pause: () => calls.push('pause a'), resume: () => calls.push('resume a') });
  m.addSource('b', { pause: () => calls.push('pause b'), resume: () => calls.push('resume b') });
  for (let i = 0; i < 3; i++) m.push('a', ms(i * 2, `a${i}`));
  for (let i = 0; i < 3; i++) m.push('b', ms(i * 2 + 1, `b${i}`));
  assert.deepEqual(out, [], 'all within the skew: held');
  m.push('a', ms(6, 'a3'));
  assert.deepEqual(calls, ['pause a']);
  // a is paused (ready); b holds lines but is not 500 ms on, so b still holds the merge back.
  assert.deepEqual(out, []);
  m.push('b', ms(7, 'b3'));
  assert.ok(out.length > 0, 'both paused: the earliest lines go out');
  assert.deepEqual(out, ['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3'].slice(0, out.length), 'in time order');
  m.endSource('a');
  m.endSource('b');
  assert.deepEqual(out, ['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
});

void test('sortKeyMs reads normalised keys to the microsecond and refuses anything else', () => {
  assert.equal(sortKeyMs('2024-01-01T00:00:00.000000000Z'), Date.UTC(2024, 0, 1));
  assert.equal(sortKeyMs('2024-01-01T00:00:01.250000000Z') - sortKeyMs('2024-01-01T00:00:01.000000000Z'), 250);
  assert.ok(sortKeyMs('2026-11-27T15:14:05.324217707Z') > sortKeyMs('2026-11-27T15:14:05.324166859Z'));
  assert.ok(Number.isNaN(sortKeyMs('not a time')));
  assert.ok(Number.isNaN(sortKeyMs('2024-01-01T00:00:00Z')));
});
