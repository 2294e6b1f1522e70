/**
 * Framing of Docker log streams.
 *
 * Without a TTY the Engine multiplexes stdout and stderr into frames, each with an 8-byte header
 * `[stream, 0, 0, 0, size (uint32 big-endian)]` followed by `size` bytes of payload (moby api/pkg/stdcopy).
 * Stream 0 and 1 are stdout, 2 is stderr, 3 carries an error from the daemon; any other value means the
 * framing is lost, which `docker` reports as `unrecognized stream: N`.
 *
 * With a TTY the stream is raw bytes with `\r\n` line endings.
 *
 * Both decoders accept chunks cut anywhere and hold at most one frame (or one line) at a time, capped at
 * `maxPayloadBytes`: longer payloads are cut there and the rest of that frame is dropped, so a hostile or
 * broken stream cannot grow memory without bound.
 */

export type FrameStream = 'stdout' | 'stderr' | 'system';

export interface DemuxHandlers {
  /** One complete frame (or, in raw mode, one line without its line ending). */
  frame(stream: FrameStream, payload: Buffer, truncatedBytes: number): void;
  /** The framing is broken; no more frames follow. */
  error(message: string): void;
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

const HEADER_BYTES = 8;

export interface LogDecoder {
  push(chunk: Buffer): void;
  /** The stream ended: flushes a pending raw line, reports a cut-off frame. */
  end(): void;
}

/** Decoder for `application/vnd.docker.multiplexed-stream` (non-TTY) bodies. */
export class MultiplexedDecoder implements LogDecoder {
  private header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private stream: FrameStream = 'stdout';
  /** Bytes of the current frame's payload still to come; -1 while reading a header. */
  private remaining = -1;
  private parts: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  private failed = false;

  constructor(
    private readonly handlers: DemuxHandlers,
    private readonly maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.failed) {
      if (this.remaining < 0) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < HEADER_BYTES) return;
        this.headerFill = 0;
        const kind = this.header[0];
        if (kind === 0 || kind === 1) this.stream = 'stdout';
        else if (kind === 2) this.stream = 'stderr';
        else if (kind === 3) this.stream = 'system';
        else {
          this.failed = true;
          this.handlers.error(`unrecognized stream: ${kind}`);
          return;
        }
        this.remaining = this.header.readUInt32BE(4);
        if (this.remaining === 0) this.finishFrame();
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      const room = this.maxPayloadBytes - this.kept;
      if (room > 0) {
        const keep = Math.min(room, take);
        this.parts.push(chunk.subarray(offset, offset + keep));
        this.kept += keep;
        this.dropped += take - keep;
      } else {
        this.dropped += take;
      }
      offset += take;
      this.remaining -= take;
      if (this.remaining === 0) this.finishFrame();
    }
  }

  end(): void {
    if (this.failed) return;
    if (this.remaining > 0 || this.headerFill > 0) {
      this.failed = true;
      this.handlers.error('log stream ended in the middle of a frame');
    }
  }

  private finishFrame(): void {
    const payload = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.kept);
    const dropped = this.dropped;
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    this.remaining = -1;
    // The payload may be a view into the caller's chunk; hand it over before the next chunk arrives.
    this.handlers.frame(this.stream, payload, dropped);
  }
}

/**
 * Decoder for TTY (`application/vnd.docker.raw-stream`) bodies: splits on `\n`, drops one `\r` before it.
 * Every line is reported as stdout (a TTY merges the streams). A last line without a newline is flushed at end().
 */
export class RawLineDecoder implements LogDecoder {
  private parts: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(
    private readonly handlers: DemuxHandlers,
    private readonly maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const nl = chunk.indexOf(0x0a, offset);
      const stop = nl < 0 ? chunk.length : nl;
      this.keep(chunk.subarray(offset, stop));
      if (nl < 0) return;
      this.flush();
      offset = nl + 1;
    }
  }

  end(): void {
    if (this.kept > 0 || this.dropped > 0) this.flush();
  }

  private keep(piece: Buffer): void {
    const room = this.maxPayloadBytes - this.kept;
    const keep = Math.max(0, Math.min(room, piece.length));
    if (keep > 0) {
      this.parts.push(piece.subarray(0, keep));
      this.kept += keep;
    }
    this.dropped += piece.length - keep;
  }

  private flush(): void {
    let line = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.kept);
    if (line.length > 0 && line[line.length - 1] === 0x0d && this.dropped === 0) line = line.subarray(0, line.length - 1);
    const dropped = this.dropped;
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    this.handlers.frame('stdout', line, dropped);
  }
}
