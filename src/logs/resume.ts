/**
 * Where a task's log stream resumes after a drop, and which re-sent lines to skip.
 *
 * The engine's `since` is inclusive and coarse for this purpose: one task's lines do not come in strict time order
 * (stdout and stderr are stamped by two goroutines before they reach the log file), so resuming at the latest
 * timestamp seen could lose a line stamped a little earlier that had not arrived yet. The window remembers the lines
 * of the last `windowMs` (at most `maxEntries` of them); a resume asks the engine from `windowMs` before the earliest
 * of those (or from the last forgotten line, whichever is later) and skips every line the window already delivered (counted, so two identical lines at one instant stay two).
 * Lines at or before anything the window has forgotten are skipped too: they were delivered, or were later than
 * the window allows and cannot be told apart.
 *
 * Memory is bounded by `maxEntries` lines and `maxChars` characters of their text. Pure: no I/O, unit-tested.
 */
import { sortKeyMs } from './merge';

/** The sort key of an instant in ms since the epoch (sub-millisecond part kept to the nanosecond, rounded down). */
function keyAt(ms: number): string {
  const whole = Math.floor(ms);
  const nanos = Math.floor((ms - whole) * 1e6);
  return `${new Date(whole).toISOString().slice(0, 23)}${String(nanos).padStart(6, '0')}Z`;
}

interface Entry {
  key: string;
  ms: number;
  id: string;
}

interface Replay {
  /** Lines with a key at or below this are skipped. */
  floor: string;
  /** Lines already delivered, by `key\0identity`, with how many are still expected again. */
  seen: Map<string, number>;
  /** Past this instant no re-sent line can come any more: the replay ends. */
  endMs: number;
}

export class ResumeWindow {
  private readonly entries: Entry[] = [];
  private head = 0;
  private chars = 0;
  private lastMs = -Infinity;
  private forgotten = '';
  private delivered = false;
  private replay: Replay | undefined;

  constructor(
    private readonly windowMs = 1000,
    private readonly maxEntries = 2000,
    private readonly maxChars = 256 * 1024,
  ) {}

  /** True when nothing was delivered yet (a first read: use the user's tail and since instead). */
  get empty(): boolean {
    return !this.delivered;
  }

  /**
   * A line arrived (`key` is its normalised timestamp, `identity` its stream and text). Returns whether to deliver
   * it; false for a line a replay re-sent.
   */
  accept(key: string, identity: string): boolean {
    const parsed = sortKeyMs(key);
    const ms = Number.isNaN(parsed) ? this.lastMs : parsed;
    const id = `${key}\u0000${identity}`;
    const replay = this.replay;
    if (replay) {
      if (key <= replay.floor) return false;
      const left = replay.seen.get(id) ?? 0;
      if (left > 0) {
        replay.seen.set(id, left - 1);
        return false;
      }
      if (ms > replay.endMs) this.replay = undefined;
    }
    this.record(key, ms, id);
    return true;
  }

  /**
   * Starts a replay and returns the timestamp (a sort key) to ask the engine `since`; undefined when nothing was
   * delivered yet.
   */
  resumeFrom(): string | undefined {
    if (!this.delivered) return undefined;
    let earliest: string | undefined;
    for (let i = this.head; i < this.entries.length; i++) {
      const k = this.entries[i].key;
      if (earliest === undefined || k < earliest) earliest = k;
    }
    // The lines remembered, counted (built here, on the rare resume, not on every line).
    const seen = new Map<string, number>();
    for (let i = this.head; i < this.entries.length; i++) {
      const id = this.entries[i].id;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    this.replay = { floor: this.forgotten, seen, endMs: this.lastMs + this.windowMs };
    // A line stamped before the earliest delivered one may not have arrived yet: ask from a window earlier, unless
    // that reaches back into what was forgotten (skipped anyway).
    const back = earliest === undefined ? NaN : sortKeyMs(earliest) - this.windowMs;
    const from = Number.isNaN(back) ? earliest : keyAt(Math.max(0, back));
    if (from === undefined || (this.forgotten !== '' && this.forgotten > from)) return this.forgotten;
    return from;
  }

  /** Lines remembered now (for tests and the memory bound). */
  get size(): number {
    return this.entries.length - this.head;
  }

  private record(key: string, ms: number, id: string): void {
    this.delivered = true;
    if (ms > this.lastMs) this.lastMs = ms;
    this.entries.push({ key, ms, id });
    this.chars += id.length;
    const horizon = this.lastMs - this.windowMs;
    while (
      this.head < this.entries.length &&
      (this.entries.length - this.head > this.maxEntries || this.chars > this.maxChars || this.entries[this.head].ms < horizon)
    ) {
      this.forget(this.entries[this.head]);
      this.head++;
    }
    // Compact the queue now and then instead of shifting it on every line.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
  }

  private forget(e: Entry): void {
    this.chars -= e.id.length;
    if (e.key > this.forgotten) this.forgotten = e.key;
  }
}
