/**
 * Merges the line streams of several tasks.
 *
 * Chronological order is a k-way merge over sources that are each (nearly) in time order: the earliest held
 * line is safe to release once every open source has a line waiting, or has ended. A source that is silent
 * (a quiet task while following) would block that forever, so a line is also released once it has been held
 * `windowMs` (the reorder window; Infinity for a non-follow read, where every source ends). `maxHeld` caps the
 * lines held in total: beyond it the earliest goes out at once. Per-source backpressure (`pause`/`resume` of
 * a source above `highWater` lines) keeps memory bounded while one fast source waits for a slow one.
 *
 * The engine does not keep one task's lines strictly in time order either: stdout and stderr are stamped by two
 * goroutines before they take the log file's lock, so a task's stderr line can follow a later stdout line by
 * microseconds (seen on json-file). `skewMs` tolerates that: a source counts as ready for the earliest held line
 * only once it has delivered a line at least `skewMs` later (or has ended, or is paused at its high-water mark,
 * where waiting longer could only deadlock). With `skewMs` 0 a source is ready as soon as it holds a line.
 *
 * Arrival order releases every line as soon as it is pushed.
 */

export type MergeOrder = 'chronological' | 'arrival';

export interface MergeItem {
  /** Sorts like the instant (see timestampSortKey). */
  sortKey: string;
}

/** Milliseconds since the epoch (sub-millisecond as a fraction) of a normalised sort key; NaN if it is not one. */
export function sortKeyMs(key: string): number {
  if (key.length !== 30 || key.charCodeAt(29) !== 0x5a /* Z */ || key.charCodeAt(19) !== 0x2e /* . */) return NaN;
  // Lines come many to a second: the whole-second part is parsed once per second, not once per line.
  const seconds = key.slice(0, 19);
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    lastSecondsMs = Date.parse(`${seconds}Z`);
  }
  return lastSecondsMs + Number(key.slice(20, 29)) / 1e6;
}

let lastSeconds = '';
let lastSecondsMs = NaN;

export interface MergeOptions<T extends MergeItem> {
  order: MergeOrder;
  /** Reorder window in ms; Infinity waits for every open source. */
  windowMs: number;
  release(item: T): void;
  maxHeld?: number;
  /** How far out of time order one source's own lines may come (ms); 0 trusts each source's order. */
  skewMs?: number;
  highWater?: number;
  lowWater?: number;
  now?: () => number;
}

export interface SourceControl {
  pause(): void;
  resume(): void;
}

interface Held<T> {
  item: T;
  source: string;
  seq: number;
  at: number;
  /** sortKeyMs of the item, computed once. */
  ms: number;
}

interface SourceState {
  held: number;
  /** The latest instant this source has delivered (NaN: none yet or not a time). */
  maxMs: number;
  ended: boolean;
  paused: boolean;
  control?: SourceControl;
}

export class LogMerger<T extends MergeItem> {
  private readonly heap: Held<T>[] = [];
  private readonly sources = new Map<string, SourceState>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private outputPaused = false;
  private closed = false;
  private readonly maxHeld: number;
  private readonly highWater: number;
  private readonly lowWater: number;
  private readonly skewMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: MergeOptions<T>) {
    this.maxHeld = opts.maxHeld ?? 20000;
    this.highWater = opts.highWater ?? 2000;
    this.lowWater = opts.lowWater ?? 500;
    this.skewMs = opts.skewMs ?? 0;
    this.now = opts.now ?? Date.now;
  }

  /** Registers a source before its first line; a registered source with nothing held holds back the merge. */
  addSource(id: string, control?: SourceControl): void {
    const existing = this.sources.get(id);
    if (existing) {
      existing.ended = false;
      existing.control = control ?? existing.control;
      return;
    }
    this.sources.set(id, { held: 0, maxMs: NaN, ended: false, paused: false, control });
  }

  push(id: string, item: T): void {
    if (this.closed) return;
    if (this.opts.order === 'arrival' && !this.outputPaused) {
      this.opts.release(item);
      return;
    }
    let src = this.sources.get(id);
    if (!src) {
      src = { held: 0, maxMs: NaN, ended: false, paused: false };
      this.sources.set(id, src);
    }
    const ms = this.skewMs > 0 ? sortKeyMs(item.sortKey) : NaN;
    this.insert({ item, source: id, seq: this.seq++, at: this.now(), ms });
    src.held++;
    if (!Number.isNaN(ms) && !(src.maxMs >= ms)) src.maxMs = ms;
    if (src.held >= this.highWater && !src.paused && src.control) {
      src.paused = true;
      src.control.pause();
    }
    this.drain();
  }

  /** The source will push nothing more (it may be added again later, e.g. a resumed stream). */
  endSource(id: string): void {
    const src = this.sources.get(id);
    if (!src) return;
    src.ended = true;
    if (src.held === 0) this.sources.delete(id);
    this.drain();
  }

  /** Stops releasing (the consumer is busy); sources fill up to highWater and pause. */
  pauseOutput(): void {
    this.outputPaused = true;
  }

  resumeOutput(): void {
    this.outputPaused = false;
    this.drain();
  }

  /** Releases everything held, in order (end of session). */
  flushAll(): void {
    while (this.heap.length > 0) this.releaseTop();
  }

  get heldCount(): number {
    return this.heap.length;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
    this.sources.clear();
  }

  private allSourcesReady(top: Held<T>): boolean {
    const skewed = this.skewMs > 0 && !Number.isNaN(top.ms);
    for (const src of this.sources.values()) {
      if (src.ended || src.paused) continue;
      if (skewed && !Number.isNaN(src.maxMs)) {
        if (src.maxMs - this.skewMs < top.ms) return false;
      } else if (src.held === 0) {
        return false;
      }
    }
    return true;
  }

  private drain(): void {
    if (this.closed) return;
    while (this.heap.length > 0 && !this.outputPaused) {
      const top = this.heap[0];
      if (
        this.heap.length > this.maxHeld ||
        this.allSourcesReady(top) ||
        this.now() - top.at >= this.opts.windowMs
      ) {
        this.releaseTop();
        continue;
      }
      this.schedule(top.at + this.opts.windowMs);
      return;
    }
  }

  private schedule(at: number): void {
    if (!Number.isFinite(at)) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.drain();
    }, Math.max(0, at - this.now()));
  }

  private releaseTop(): void {
    const top = this.extractTop();
    const src = this.sources.get(top.source);
    if (src) {
      src.held--;
      if (src.paused && src.held <= this.lowWater) {
        src.paused = false;
        src.control?.resume();
      }
      if (src.ended && src.held === 0) this.sources.delete(top.source);
    }
    this.opts.release(top.item);
  }

  private less(a: Held<T>, b: Held<T>): boolean {
    if (this.opts.order === 'arrival') return a.seq < b.seq;
    // Numbers first (cheap; NaN when unknown falls through), the keys decide within a microsecond.
    const d = a.ms - b.ms;
    if (d < -0.001) return true;
    if (d > 0.001) return false;
    if (a.item.sortKey !== b.item.sortKey) return a.item.sortKey < b.item.sortKey;
    return a.seq < b.seq;
  }

  private insert(h: Held<T>): void {
    const heap = this.heap;
    heap.push(h);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private extractTop(): Held<T> {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as Held<T>;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l], heap[m])) m = l;
        if (r < heap.length && this.less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}
