/**
 * A log session: the lines of one or more services, tasks or stacks, read task by task, merged and formatted
 * like `docker service logs`.
 *
 * Why per task: the service-level endpoint (`GET /services/{id}/logs`) can stall forever without closing
 * (Engine 20.10, moby/moby#38640), so it is never used. Each task is read with `GET /tasks/{id}/logs`.
 * A followed task stream does not end when its task stops (seen on 20.10), so a task that reaches a terminal
 * state is given a short grace period, then its follow stream is closed and a final non-follow read from its
 * last timestamp catches up what is left.
 *
 * History tasks: like the CLI, a service's retained history tasks (stopped, failed, replaced) are included,
 * because their lines explain restarts and failures. `runningOnly` restricts the session to tasks whose desired
 * state is `running` (the current generation), and then tasks leave the session when they stop.
 *
 * Resume: when a stream drops (daemon restart, socket error) the task is looked up again; a live task is
 * reopened with `since` = its last timestamp, a finished one is read once more to its end. Lines at that
 * timestamp that were already delivered (same task, timestamp, stream and text) are dropped, so there are no
 * gaps and no duplicates. One notice line says the stream resumed.
 *
 * Memory: each task holds at most one frame; the merger holds a bounded number of lines and pauses sockets
 * of tasks that run ahead; output goes out in batches.
 */
import type Dockerode from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { DemuxHandlers, FrameStream, LogDecoder, MultiplexedDecoder, RawLineDecoder } from './demux';
import type { Identified, Service, Task } from '../docker/apiTypes';
import { ResumeWindow } from './resume';
import { LogFormatError, ParsedPayload, parsePayload, timestampSortKey, timestampToSince } from './line';
import { LogMerger, MergeOrder } from './merge';
import { FormatOptions, TTY_NEEDS_RAW, checkTty, formatLine, nodeDisplayName, slotWidth, taskLabel, wantsDetails } from './prefix';
import { SinceError, parseSince } from './since';

export type LogTarget =
  | { kind: 'service'; ref: string }
  | { kind: 'task'; ref: string }
  | { kind: 'stack'; name: string }
  /** A service or, failing that, a task — what `docker service logs <ref>` accepts. */
  | { kind: 'auto'; ref: string };

/** `stack:NAME` names a stack; anything else is a service or task reference. */
export function parseTargetRef(text: string): LogTarget {
  if (text.startsWith('stack:')) return { kind: 'stack', name: text.slice('stack:'.length) };
  return { kind: 'auto', ref: text };
}

export function targetDisplayName(target: LogTarget): string {
  return target.kind === 'stack' ? `stack:${target.name}` : target.ref;
}

export interface LogSessionOptions extends FormatOptions {
  follow: boolean;
  /** Lines per task from the end of its log; 'all' for everything. */
  tail: number | 'all';
  /** As the user wrote it (duration, RFC 3339, unix seconds); see parseSince. */
  since?: string;
  order: MergeOrder;
  /** How long a followed line may wait for earlier lines from other tasks. */
  reorderWindowMs: number;
  runningOnly: boolean;
  /** Output batching. */
  batchMs: number;
  maxBatchLines: number;
  /** Task list poll interval while following (events trigger earlier refreshes). */
  pollMs: number;
  /** How long a stopped task's follow stream may keep delivering before it is closed and caught up. */
  closeGraceMs: number;
}

/** How far back a resumed stream re-reads, to catch a task's lines that arrive out of time order (ms). */
const RESUME_WINDOW_MS = 1000;
/** How far one task's own lines may be out of time order, while following and in a finished read (ms). */
const SOURCE_SKEW_FOLLOW_MS = 20;
const SOURCE_SKEW_READ_MS = 50;

export const DEFAULT_SESSION_OPTIONS: LogSessionOptions = {
  timestamps: false,
  details: false,
  raw: false,
  noTaskIds: false,
  noTrunc: false,
  noResolve: false,
  follow: false,
  tail: 'all',
  order: 'chronological',
  reorderWindowMs: 250,
  runningOnly: false,
  batchMs: 50,
  maxBatchLines: 2000,
  pollMs: 2000,
  closeGraceMs: 1500,
};

export interface LogLine {
  /** The text as `docker service logs` prints it, without the final newline. */
  text: string;
  stream: 'stdout' | 'stderr';
  /** `log` lines come from the engine; `notice` and `error` lines from Swarmscope or the daemon. */
  kind: 'log' | 'notice' | 'error';
  taskId?: string;
  timestamp?: string;
}

export interface LogSessionHandlers {
  lines(batch: LogLine[]): void;
  /** Diagnostics for a log channel (raw errors, reconnects). */
  debug?(message: string): void;
}

export interface LogSessionResult {
  /** False when the session could not start (unknown target, TTY without raw, bad --since …). */
  ok: boolean;
  error?: string;
  lines: number;
}

/** Drivers the Engine can read back (Swagger: the endpoint works only with these). */
const READABLE_DRIVERS = new Set(['json-file', 'local', 'journald']);
const LIVE_STATES = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);

interface Item {
  sortKey: string;
  line: LogLine;
}

interface ServiceInfo {
  id: string;
  display: string;
  width: number;
  tty: boolean;
  driver?: string;
  /** Only this task (task target). */
  onlyTask?: string;
  noticed: Set<string>;
}

// Listed tasks and services always carry their IDs; a task always names its service.
type EngineTask = Identified<Task> & { ServiceID: string };
type EngineService = Identified<Service>;

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

/** The Engine's own message from a dockerode error, without the HTTP decoration. */
export function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; message?: string } | undefined;
  if (e?.json && typeof e.json === 'object' && typeof e.json.message === 'string') return e.json.message;
  const text = String(e?.message ?? err);
  const m = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(text);
  return (m ? m[1] : text).trim();
}

function isTerminal(task: EngineTask): boolean {
  return !LIVE_STATES.has(task.Status?.State ?? '');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type ReaderPhase = 'following' | 'catching-up' | 'reading' | 'done';

/** One task's stream, across reconnects. */
class TaskReader {
  phase: ReaderPhase = 'reading';
  /** Where to resume after a drop, and which re-sent lines to skip. */
  private readonly resume = new ResumeWindow(RESUME_WINDOW_MS);
  private abort: AbortController | undefined;
  private res: IncomingMessage | undefined;
  private partial: { parsed: ParsedPayload; stream: FrameStream } | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  lines = 0;
  private failures = 0;
  private resumed = false;
  private finishing = false;
  private pendingSystem: string | undefined;

  constructor(
    readonly session: LogSession,
    readonly task: EngineTask,
    readonly service: ServiceInfo,
    readonly label: string,
    private readonly initial: { tail: number | 'all'; since?: string },
  ) {}

  get id(): string {
    return this.task.ID;
  }

  start(follow: boolean): void {
    this.phase = follow ? 'following' : 'reading';
    this.session.merger.addSource(this.id, { pause: () => this.res?.pause(), resume: () => this.res?.resume() });
    void this.open(follow);
  }

  /** The task stopped or left the session: close the follow stream after a grace period and catch up. */
  finish(): void {
    if (this.phase !== 'following' || this.finishing) return;
    this.finishing = true;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = undefined;
      if (this.phase !== 'following') return;
      this.phase = 'catching-up';
      this.pendingSystem = undefined;
      this.abort?.abort();
      void this.open(false);
    }, this.session.options.closeGraceMs);
  }

  stop(): void {
    this.phase = 'done';
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.abort?.abort();
  }

  private query(follow: boolean, resumeFrom: string | undefined): Record<string, string> {
    const opts = this.session.options;
    const q: Record<string, string> = { stdout: '1', stderr: '1', timestamps: '1' };
    if (wantsDetails(opts)) q.details = '1';
    if (follow) q.follow = '1';
    if (resumeFrom !== undefined) {
      const since = timestampToSince(resumeFrom);
      if (since) q.since = since;
    } else {
      if (this.initial.since) q.since = this.initial.since;
      if (this.initial.tail !== 'all') q.tail = String(this.initial.tail);
    }
    return q;
  }

  private async open(follow: boolean): Promise<void> {
    const session = this.session;
    if (this.phase === 'done' || session.stopped) return;
    const resumeFrom = this.resume.resumeFrom();
    const abort = new AbortController();
    this.abort = abort;
    let res: IncomingMessage;
    try {
      res = await session.dial(`/tasks/${encodeURIComponent(this.id)}/logs?`, this.query(follow, resumeFrom), abort.signal);
    } catch (err) {
      if (abort.signal.aborted || session.stopped) return;
      if (statusCode(err) !== undefined) {
        // The engine answered: no point retrying (e.g. a driver that cannot be read, a vanished task).
        session.notice(this.service, `err:${this.id}`, this.describeReadError(engineMessage(err)), 'error');
        this.end();
        return;
      }
      session.debug(`logs of task ${this.id}: ${engineMessage(err)}`);
      this.scheduleRetry();
      return;
    }
    if (abort.signal.aborted || session.stopped) {
      res.destroy();
      return;
    }
    this.res = res;
    if (this.failures > 0 || this.resumed) {
      this.failures = 0;
      this.resumed = false;
      session.resumedTask(this);
    }
    const decoder: LogDecoder = this.service.tty
      ? new RawLineDecoder(this.handlers(true))
      : new MultiplexedDecoder(this.handlers(false));
    let ended = false;
    res.on('data', (chunk: Buffer) => {
      if (this.abort === abort) decoder.push(chunk);
    });
    res.on('end', () => {
      ended = true;
    });
    res.on('error', () => {
      // 'close' follows; an abort also lands here.
    });
    res.on('close', () => {
      if (this.abort !== abort) return;
      this.res = undefined;
      if (abort.signal.aborted || session.stopped || this.phase === 'done') return;
      if (ended) decoder.end();
      this.flushPartial();
      if (this.pendingSystem) {
        session.debug(`task ${this.id}: ${this.pendingSystem}`);
        this.pendingSystem = undefined;
      }
      if (ended && !follow) {
        this.end();
        return;
      }
      // A follow stream never ends on its own while the task runs, and a non-follow one that closes early was cut.
      this.resumed = true;
      this.scheduleRetry();
    });
  }

  private describeReadError(message: string): string {
    const driver = this.service.driver;
    const suffix = driver && !READABLE_DRIVERS.has(driver) ? ` (log driver "${driver}")` : '';
    return `Swarmscope: cannot read the logs of ${this.label.trimEnd()}: ${message}${suffix}`;
  }

  private scheduleRetry(): void {
    const session = this.session;
    if (this.phase === 'done' || session.stopped) return;
    this.failures++;
    const wait = Math.min(4000, 250 * 2 ** Math.min(this.failures - 1, 4));
    void delay(wait).then(async () => {
      if (this.phase === 'done' || session.stopped) return;
      let task: EngineTask | undefined;
      try {
        task = (await session.docker.getTask(this.id).inspect()) as EngineTask;
      } catch (err) {
        if (session.stopped || this.isDone()) return;
        if (statusCode(err) === 404) {
          this.end();
          return;
        }
        session.debug(`task ${this.id}: ${engineMessage(err)}; retrying`);
        this.scheduleRetry();
        return;
      }
      if (this.phase === 'following' && !isTerminal(task) && session.options.follow) {
        void this.open(true);
      } else {
        if (this.phase === 'following') this.phase = 'catching-up';
        void this.open(false);
      }
    });
  }

  /** A method, not a field test, so TypeScript does not narrow the phase across awaits. */
  private isDone(): boolean {
    return this.phase === 'done';
  }

  private end(): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.flushPartial();
    this.session.readerEnded(this);
  }

  private handlers(tty: boolean): DemuxHandlers {
    const withDetails = wantsDetails(this.session.options);
    return {
      frame: (stream, payload) => {
        if (stream === 'system') {
          const text = `error from daemon in stream: ${payload.toString('utf8').trimEnd()}`;
          // A daemon going down ends followed streams with an error frame; the stream resumes, so hold it back.
          if (this.phase === 'following') this.pendingSystem = text;
          else this.session.notice(this.service, undefined, text, 'error');
          return;
        }
        if (this.pendingSystem) {
          this.session.notice(this.service, undefined, this.pendingSystem, 'error');
          this.pendingSystem = undefined;
        }
        let parsed: ParsedPayload;
        try {
          parsed = parsePayload(payload.toString('utf8'), withDetails);
        } catch (err) {
          this.session.notice(this.service, undefined, (err as Error).message, 'error');
          return;
        }
        if (tty) parsed.complete = true;
        this.accept(stream, parsed);
      },
      error: (message) => this.session.notice(this.service, undefined, `error from daemon in stream: ${message}`, 'error'),
    };
  }

  /** Joins partial messages (long lines the engine split), then dedupes and hands the line on. */
  private accept(stream: FrameStream, parsed: ParsedPayload): void {
    if (this.partial) {
      if (this.partial.stream === stream && this.partial.parsed.message.length < 1024 * 1024) {
        this.partial.parsed.message += parsed.message;
        this.partial.parsed.complete = parsed.complete;
        if (!parsed.complete) return;
        parsed = this.partial.parsed;
        this.partial = undefined;
      } else {
        this.flushPartial();
      }
    }
    if (!parsed.complete) {
      this.partial = { parsed, stream };
      return;
    }
    this.deliver(stream, parsed);
  }

  private flushPartial(): void {
    if (!this.partial) return;
    const { stream, parsed } = this.partial;
    this.partial = undefined;
    this.deliver(stream, parsed);
  }

  private deliver(stream: FrameStream, parsed: ParsedPayload): void {
    const key = timestampSortKey(parsed.timestamp);
    const identity = `${stream}\u0000${parsed.message}`;
    if (!this.resume.accept(key, identity)) return;
    let text: string;
    try {
      text = formatLine(parsed, this.label, this.session.options);
    } catch (err) {
      if (!(err instanceof LogFormatError)) throw err;
      text = err.message;
    }
    this.lines++;
    this.session.merger.push(this.id, {
      sortKey: key,
      line: { text, stream: stream === 'stderr' ? 'stderr' : 'stdout', kind: 'log', taskId: this.id, timestamp: parsed.timestamp },
    });
  }
}

export class LogSession {
  readonly options: LogSessionOptions;
  readonly merger: LogMerger<Item>;
  stopped = false;
  private readonly services = new Map<string, ServiceInfo>();
  private readonly readers = new Map<string, TaskReader>();
  private readonly nodeNames = new Map<string, Promise<string>>();
  private batch: LogLine[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private emitted = 0;
  private sinceParam: string | undefined;
  private defaultDriver: Promise<string | undefined> | undefined;
  private stacks: string[] = [];
  private pollTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private eventsAbort: AbortController | undefined;
  private resumeNotice: { timer: NodeJS.Timeout; tasks: Set<string> } | undefined;
  private finish: ((r: LogSessionResult) => void) | undefined;
  private started = false;
  /** Set once every initial task has its reader, so an early-finishing reader cannot end the session. */
  private ready = false;

  constructor(
    readonly docker: Dockerode,
    private readonly targets: LogTarget[],
    options: Partial<LogSessionOptions>,
    private readonly handlers: LogSessionHandlers,
  ) {
    this.options = { ...DEFAULT_SESSION_OPTIONS, ...options };
    this.merger = new LogMerger<Item>({
      order: this.options.order,
      windowMs: this.options.follow ? this.options.reorderWindowMs : Infinity,
      // One task's stdout and stderr lines can come a little out of order (microseconds seen; see LogMerger). Held
      // lines cost heap work, so the tolerance is generous but small: 50 ms in a finished read, 20 ms (at most the
      // reorder window) while following.
      skewMs: this.options.follow ? Math.min(SOURCE_SKEW_FOLLOW_MS, this.options.reorderWindowMs) : SOURCE_SKEW_READ_MS,
      release: (item) => this.output(item.line),
    });
  }

  /** Runs the session; resolves when every stream ended (non-follow) or after stop(). */
  start(): Promise<LogSessionResult> {
    if (this.started) throw new Error('LogSession.start() called twice');
    this.started = true;
    return new Promise<LogSessionResult>((resolve) => {
      this.finish = resolve;
      this.run().catch((err: unknown) => this.done({ ok: false, error: err instanceof Error ? err.message : String(err) }));
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const reader of this.readers.values()) reader.stop();
    this.eventsAbort?.abort();
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.resumeNotice) clearTimeout(this.resumeNotice.timer);
    this.merger.close();
    this.flushBatch();
    this.done({ ok: true });
  }

  /** Holds output (the consumer is slow); task sockets pause as the merger fills. */
  pauseOutput(): void {
    this.merger.pauseOutput();
  }

  resumeOutput(): void {
    this.merger.resumeOutput();
  }

  get lineCount(): number {
    return this.emitted;
  }

  private done(partial: Omit<LogSessionResult, 'lines'>): void {
    const finish = this.finish;
    this.finish = undefined;
    if (!finish) return;
    if (!partial.ok) {
      this.stopped = true;
      for (const reader of this.readers.values()) reader.stop();
      this.eventsAbort?.abort();
      if (this.pollTimer) clearInterval(this.pollTimer);
      this.merger.close();
    }
    finish({ ...partial, lines: this.emitted });
  }

  private async run(): Promise<void> {
    try {
      this.sinceParam = this.options.since !== undefined ? parseSince(this.options.since) : undefined;
    } catch (err) {
      if (err instanceof SinceError) return this.done({ ok: false, error: `invalid value for "since": ${err.message}` });
      throw err;
    }
    const single = this.targets.length === 1 && this.targets[0].kind !== 'stack';
    const initialTasks: { task: EngineTask; service: ServiceInfo }[] = [];
    for (const target of this.targets) {
      const error = await this.resolveTarget(target, single, initialTasks);
      if (error) return this.done({ ok: false, error });
      if (this.stopped) return;
    }
    // Register every initial task with the merger first: readers start one by one (each waits for lookups), and a
    // task that is not registered yet cannot hold back the lines of one that already finished.
    for (const { task } of initialTasks) this.merger.addSource(task.ID);
    for (const { task, service } of initialTasks) {
      await this.addTask(task, service, { tail: this.options.tail, since: this.sinceParam });
      if (!this.readers.has(task.ID)) this.merger.endSource(task.ID);
      if (this.stopped) return;
    }
    this.ready = true;
    if (this.options.follow) {
      this.pollTimer = setInterval(() => this.requestRefresh(0), this.options.pollMs);
      void this.watchEvents();
    } else {
      this.checkAllDone();
    }
  }

  /** Resolves one target into services and its initial tasks; returns a fatal error text. */
  private async resolveTarget(
    target: LogTarget,
    single: boolean,
    out: { task: EngineTask; service: ServiceInfo }[],
  ): Promise<string | undefined> {
    if (target.kind === 'stack') {
      this.stacks.push(target.name);
      const list = (await this.docker.listServices({
        filters: { label: [`com.docker.stack.namespace=${target.name}`] },
      })) as unknown as EngineService[];
      if (list.length === 0) return `nothing found in stack: ${target.name}`;
      for (const svc of list) await this.addService(svc, false, out);
      return undefined;
    }
    let service: EngineService | undefined;
    if (target.kind !== 'task') {
      try {
        service = (await this.docker.getService(target.ref).inspect()) as EngineService;
      } catch (err) {
        if (statusCode(err) !== 404) return engineMessage(err);
        if (target.kind === 'service') return engineMessage(err);
      }
    }
    if (service) return this.addService(service, single, out);
    let task: EngineTask;
    try {
      task = (await this.docker.getTask(target.ref).inspect()) as EngineTask;
    } catch (err) {
      if (statusCode(err) === 404) return `no such task or service: ${target.ref}`;
      return engineMessage(err);
    }
    const tty = task.Spec?.ContainerSpec?.TTY === true;
    const ttyError = checkTty(tty, this.options.raw);
    if (ttyError) return ttyError;
    let display = task.ServiceID;
    if (!this.options.noResolve) {
      try {
        const svc = (await this.docker.getService(task.ServiceID).inspect()) as EngineService;
        display = svc.Spec?.Name ?? task.ServiceID;
      } catch {
        // The CLI's resolver shows the ID when the lookup fails.
      }
    }
    const info: ServiceInfo = {
      id: task.ServiceID,
      display,
      width: slotWidth({ kind: 'task', slot: task.Slot ?? 0 }),
      tty,
      driver: task.Spec?.LogDriver?.Name,
      onlyTask: task.ID,
      noticed: new Set(),
    };
    this.services.set(`task:${task.ID}`, info);
    out.push({ task, service: info });
    return undefined;
  }

  private async addService(
    svc: EngineService,
    single: boolean,
    out: { task: EngineTask; service: ServiceInfo }[],
  ): Promise<string | undefined> {
    if (this.services.has(svc.ID)) return undefined;
    const tty = svc.Spec?.TaskTemplate?.ContainerSpec?.TTY === true;
    const replicas = svc.Spec?.Mode?.Replicated?.Replicas ?? undefined;
    const info: ServiceInfo = {
      id: svc.ID,
      display: this.options.noResolve ? svc.ID : (svc.Spec?.Name ?? svc.ID),
      width: slotWidth({ kind: 'service', replicas: svc.Spec?.Mode?.Replicated ? replicas : undefined }),
      tty,
      driver: svc.Spec?.TaskTemplate?.LogDriver?.Name,
      noticed: new Set(),
    };
    this.services.set(svc.ID, info);
    const ttyError = checkTty(tty, this.options.raw);
    if (ttyError) {
      if (single) return ttyError;
      this.notice(info, 'tty', `Swarmscope: ${svc.Spec?.Name ?? svc.ID}: ${TTY_NEEDS_RAW}`, 'error');
      return undefined;
    }
    for (const task of await this.listTasks(svc.ID)) out.push({ task, service: info });
    return undefined;
  }

  private async listTasks(serviceId: string): Promise<EngineTask[]> {
    const tasks = (await this.docker.listTasks({ filters: { service: [serviceId] } })) as unknown as EngineTask[];
    return tasks.filter((t) => t.ServiceID === serviceId && this.wanted(t));
  }

  /** Tasks whose logs can exist (a node and a container), minus history tasks with runningOnly. */
  private wanted(task: EngineTask): boolean {
    if (!task.NodeID) return false;
    if (this.options.runningOnly && task.DesiredState !== 'running') return false;
    return Boolean(task.Status?.ContainerStatus?.ContainerID) || task.Status?.State === 'running';
  }

  private async driverOf(task: EngineTask, service: ServiceInfo): Promise<string | undefined> {
    const own = task.Spec?.LogDriver?.Name ?? service.driver;
    if (own) return own;
    this.defaultDriver ??= this.docker
      .info()
      .then((info: { LoggingDriver?: string }) => info.LoggingDriver)
      .catch(() => undefined);
    return this.defaultDriver;
  }

  private nodeName(nodeId: string): Promise<string> {
    if (this.options.noResolve) return Promise.resolve(nodeId);
    let name = this.nodeNames.get(nodeId);
    if (!name) {
      name = this.docker
        .getNode(nodeId)
        .inspect()
        .then((node: { ID?: string; Spec?: { Name?: string }; Description?: { Hostname?: string } }) => nodeDisplayName(node, nodeId))
        .catch(() => nodeId);
      this.nodeNames.set(nodeId, name);
    }
    return name;
  }

  private async addTask(task: EngineTask, service: ServiceInfo, initial: { tail: number | 'all'; since?: string }): Promise<void> {
    if (this.readers.has(task.ID) || this.stopped) return;
    const driver = await this.driverOf(task, service);
    if (driver === 'none') {
      this.notice(service, 'driver', `Swarmscope: ${service.display} uses the "none" log driver: its logs are not kept and cannot be shown`, 'notice');
      return;
    }
    const label = taskLabel(
      { service: service.display, slot: task.Slot ?? 0, taskId: task.ID, node: await this.nodeName(task.NodeID ?? ''), width: service.width },
      this.options,
    );
    if (this.readers.has(task.ID) || this.stopped) return;
    const reader = new TaskReader(this, task, { ...service, driver }, label, initial);
    this.readers.set(task.ID, reader);
    reader.start(this.options.follow && !isTerminal(task));
  }

  readerEnded(reader: TaskReader): void {
    this.merger.endSource(reader.id);
    const driver = reader.service.driver;
    if (reader.lines === 0 && driver && !READABLE_DRIVERS.has(driver)) {
      this.notice(reader.service, 'driver', `Swarmscope: no lines from ${reader.service.display}: the "${driver}" log driver may not support reading logs`, 'notice');
    }
    this.checkAllDone();
  }

  private checkAllDone(): void {
    if (this.options.follow || this.stopped || !this.ready) return;
    for (const reader of this.readers.values()) if (reader.phase !== 'done') return;
    this.merger.flushAll();
    this.flushBatch();
    this.done({ ok: true });
  }

  resumedTask(reader: TaskReader): void {
    if (this.resumeNotice) {
      this.resumeNotice.tasks.add(reader.id);
      return;
    }
    const tasks = new Set([reader.id]);
    const timer = setTimeout(() => {
      this.resumeNotice = undefined;
      const n = tasks.size;
      this.pushNotice({
        text: `Swarmscope: log stream resumed after a dropped connection (${n} task${n === 1 ? '' : 's'}, from the last line seen)`,
        stream: 'stdout',
        kind: 'notice',
      });
    }, 1000);
    this.resumeNotice = { timer, tasks };
  }

  /** A Swarmscope or daemon line, once per service and key when a key is given. */
  notice(service: ServiceInfo, key: string | undefined, text: string, kind: 'notice' | 'error'): void {
    if (key !== undefined) {
      if (service.noticed.has(key)) return;
      service.noticed.add(key);
    }
    this.pushNotice({ text, stream: 'stderr', kind });
  }

  private pushNotice(line: LogLine): void {
    if (this.stopped) return;
    this.output(line);
  }

  debug(message: string): void {
    this.handlers.debug?.(message);
  }

  dial(path: string, query: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path,
          method: 'GET',
          isStream: true,
          abortSignal: signal,
          statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such task', 500: 'server error', 503: 'node is not part of a swarm' },
          options: query,
        },
        (err: unknown, res: unknown) => (err ? reject(err) : resolve(res as IncomingMessage)),
      );
    });
  }

  private output(line: LogLine): void {
    this.batch.push(line);
    this.emitted++;
    if (this.batch.length >= this.options.maxBatchLines) this.flushBatch();
    else this.batchTimer ??= setTimeout(() => this.flushBatch(), this.options.batchMs);
  }

  private flushBatch(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.handlers.lines(batch);
  }

  // ---- following: task discovery ----

  private requestRefresh(delayMs: number): void {
    if (this.stopped || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, delayMs);
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = this.refreshOnce()
      .catch((err: unknown) => this.debug(`task refresh failed: ${engineMessage(err)}`))
      .finally(() => {
        this.refreshing = undefined;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          this.requestRefresh(0);
        }
      });
    await this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    for (const stack of this.stacks) {
      const list = (await this.docker.listServices({
        filters: { label: [`com.docker.stack.namespace=${stack}`] },
      })) as unknown as EngineService[];
      const fresh: { task: EngineTask; service: ServiceInfo }[] = [];
      for (const svc of list) if (!this.services.has(svc.ID)) await this.addService(svc, false, fresh);
      for (const { task, service } of fresh) await this.addTask(task, service, { tail: 'all', since: this.sinceParam });
    }
    for (const [key, service] of this.services) {
      if (this.stopped) return;
      if (service.tty && !this.options.raw) continue;
      let tasks: EngineTask[];
      if (service.onlyTask) {
        try {
          tasks = [(await this.docker.getTask(service.onlyTask).inspect()) as EngineTask];
        } catch (err) {
          if (statusCode(err) !== 404) throw err;
          tasks = [];
        }
      } else {
        try {
          tasks = await this.listTasks(service.id);
        } catch (err) {
          if (statusCode(err) !== 404) throw err;
          tasks = [];
        }
      }
      const seen = new Set<string>();
      for (const task of tasks) {
        seen.add(task.ID);
        const reader = this.readers.get(task.ID);
        if (!reader) {
          if (!service.onlyTask) await this.addTask(task, service, { tail: 'all', since: this.sinceParam });
        } else if (isTerminal(task) || (this.options.runningOnly && task.DesiredState !== 'running')) {
          reader.finish();
        }
      }
      for (const reader of this.readers.values()) {
        const owner = reader.service.onlyTask ? `task:${reader.service.onlyTask}` : reader.service.id;
        if (owner === key && !seen.has(reader.id)) reader.finish();
      }
    }
  }

  /** Engine events speed up discovery; the poll keeps working when they are unavailable. */
  private async watchEvents(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const abort = new AbortController();
      this.eventsAbort = abort;
      try {
        const res = await this.dial('/events?', { filters: JSON.stringify({ type: ['service', 'container'] }) }, abort.signal);
        failures = 0;
        this.requestRefresh(0);
        await new Promise<void>((resolve) => {
          let pending = '';
          res.on('data', (chunk: Buffer) => {
            pending += chunk.toString('utf8');
            let nl: number;
            while ((nl = pending.indexOf('\n')) >= 0) {
              const line = pending.slice(0, nl);
              pending = pending.slice(nl + 1);
              if (this.isRelevantEvent(line)) this.requestRefresh(100);
            }
            if (pending.length > 1024 * 1024) pending = '';
          });
          res.on('close', () => resolve());
          res.on('error', () => resolve());
        });
      } catch (err) {
        this.debug(`events: ${engineMessage(err)}`);
      }
      if (this.stopped) return;
      failures++;
      await delay(Math.min(5000, 250 * 2 ** Math.min(failures, 5)));
    }
  }

  private isRelevantEvent(line: string): boolean {
    try {
      const ev = JSON.parse(line) as { Type?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
      if (ev.Type === 'service') return true;
      const svc = ev.Actor?.Attributes?.['com.docker.swarm.service.id'];
      return svc !== undefined && this.services.has(svc);
    } catch {
      return false;
    }
  }
}
