/**
 * One shared subscription to the engine's `/events` stream for every feature that wants to know when swarm objects
 * change. Subscribers call start() (ref-counted; the returned handle stops it again) and listen with onEvent().
 * The stream follows the connection: it is reopened when the endpoint changes, and when it drops it is reopened
 * with exponential backoff, reporting the failure to the connection so the UI can show that Docker went away.
 * No `vscode` import.
 */
import type { Readable } from 'node:stream';
import { ConnectionState, Logger } from './connection';
import { DockerClient } from './client';

export type SwarmEventType = 'service' | 'task' | 'node' | 'network' | 'secret' | 'config';

export interface SwarmEvent {
  type: SwarmEventType;
  /** The engine's action: create, update, remove; for tasks the container's start, die, destroy, health_status… */
  action: string;
  /** The object's ID (for `task`, the task ID from the container's labels). */
  id: string;
  name?: string;
  /** For `task`: the service the task belongs to. */
  serviceId?: string;
  attributes: Record<string, string>;
  /** Milliseconds since the epoch. */
  time: number;
}

/** stopped: no subscriber; connecting: opening; live: events flow; down: the stream failed and a retry is scheduled. */
export type EventStreamStatus = 'stopped' | 'connecting' | 'live' | 'down';

/** What SwarmEvents needs from DockerConnection. */
export interface EventConnection {
  client(): Promise<DockerClient>;
  reportFailure(err: unknown): unknown;
  onDidChange(listener: (s: ConnectionState) => void): { dispose(): void };
}

export interface Disposable {
  dispose(): void;
}

export interface SwarmEventsOptions {
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  scope?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

const STREAM_TYPES: ('service' | 'node' | 'network' | 'secret' | 'config' | 'container')[] = ['service', 'node', 'network', 'secret', 'config', 'container'];
/** Container actions that mean a task's state moved; exec_*, attach, resize… do not. */
const TASK_ACTIONS = new Set(['create', 'start', 'die', 'kill', 'oom', 'stop', 'destroy', 'health_status']);

/**
 * Maps one decoded `/events` message to a SwarmEvent, or undefined when it is of no interest (local containers,
 * container noise, network connect/disconnect). Containers of swarm tasks become `task` events.
 */
export function toSwarmEvent(raw: RawEvent): SwarmEvent | undefined {
  const attributes = raw.Actor?.Attributes ?? {};
  const time = raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000;
  const action = (raw.Action ?? '').split(':')[0];
  switch (raw.Type) {
    case 'service':
    case 'node':
    case 'secret':
    case 'config':
      return { type: raw.Type, action, id: raw.Actor?.ID ?? '', name: attributes.name, attributes, time };
    case 'network':
      if (action === 'connect' || action === 'disconnect') return undefined;
      return { type: 'network', action, id: raw.Actor?.ID ?? '', name: attributes.name, attributes, time };
    case 'container': {
      const taskId = attributes['com.docker.swarm.task.id'];
      if (!taskId || !TASK_ACTIONS.has(action)) return undefined;
      return {
        type: 'task',
        action,
        id: taskId,
        name: attributes['com.docker.swarm.task.name'],
        serviceId: attributes['com.docker.swarm.service.id'],
        attributes,
        time,
      };
    }
    default:
      return undefined;
  }
}

/** Splits a byte stream of newline-delimited JSON into objects; keeps a partial line for the next chunk. */
export class JsonLineDecoder {
  private buffer = '';

  push(chunk: Buffer | string): unknown[] {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    const out: unknown[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        // not JSON: skip the line rather than the stream
      }
    }
    return out;
  }
}

export class SwarmEvents implements Disposable {
  private refs = 0;
  private stream: Readable | undefined;
  private streamClient: DockerClient | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private backoffMs: number;
  private currentStatus: EventStreamStatus = 'stopped';
  private readonly eventListeners = new Set<(e: SwarmEvent) => void>();
  private readonly statusListeners = new Set<(s: EventStreamStatus) => void>();
  private readonly connectionSubscription: Disposable;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly connection: EventConnection,
    private readonly log: Logger,
    opts: SwarmEventsOptions = {},
  ) {
    this.minBackoffMs = opts.minBackoffMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 8000;
    this.backoffMs = this.minBackoffMs;
    this.connectionSubscription = connection.onDidChange((s) => this.onConnectionChange(s));
  }

  get status(): EventStreamStatus {
    return this.currentStatus;
  }

  get subscribers(): number {
    return this.refs;
  }

  onEvent(listener: (e: SwarmEvent) => void): Disposable {
    this.eventListeners.add(listener);
    return { dispose: () => this.eventListeners.delete(listener) };
  }

  onStatus(listener: (s: EventStreamStatus) => void): Disposable {
    this.statusListeners.add(listener);
    return { dispose: () => this.statusListeners.delete(listener) };
  }

  /** Adds a subscriber; the stream opens with the first. Dispose the handle (or call stop()) to remove it. */
  start(): Disposable {
    this.refs++;
    if (this.refs === 1) this.open();
    let done = false;
    return {
      dispose: () => {
        if (done) return;
        done = true;
        this.stop();
      },
    };
  }

  /** Removes a subscriber; the stream closes with the last. */
  stop(): void {
    if (this.refs === 0) return;
    this.refs--;
    if (this.refs === 0) {
      this.close();
      this.setStatus('stopped');
    }
  }

  dispose(): void {
    this.refs = 0;
    this.close();
    this.setStatus('stopped');
    this.connectionSubscription.dispose();
    this.eventListeners.clear();
    this.statusListeners.clear();
  }

  private setStatus(status: EventStreamStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const l of [...this.statusListeners]) l(status);
  }

  private onConnectionChange(state: ConnectionState): void {
    if (this.refs === 0) return;
    if (state.status === 'idle') {
      // Settings changed or a retry was asked for: follow the new endpoint now.
      this.close();
      this.open();
    } else if (state.status === 'connected' && this.streamClient && state.client !== this.streamClient) {
      this.close();
      this.open();
    } else if (state.status === 'error' && this.stream) {
      // Someone else saw the engine go away; our stream is on the dead connection.
      this.close();
      this.setStatus('down');
      this.scheduleRetry();
    }
  }

  private close(): void {
    this.attempt++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const stream = this.stream;
    this.stream = undefined;
    this.streamClient = undefined;
    stream?.removeAllListeners();
    stream?.on('error', () => undefined);
    stream?.destroy();
  }

  private scheduleRetry(): void {
    if (this.refs === 0) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.maxBackoffMs, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, delay);
  }

  private open(): void {
    const attempt = ++this.attempt;
    this.setStatus('connecting');
    void this.doOpen(attempt);
  }

  private async doOpen(attempt: number): Promise<void> {
    let client: DockerClient;
    try {
      client = await this.connection.client();
    } catch {
      // The connection reports and logs its own failure.
      if (attempt === this.attempt) this.fail();
      return;
    }
    if (attempt !== this.attempt || this.refs === 0) return;
    let stream: Readable;
    try {
      stream = (await client.docker.getEvents({ filters: { type: STREAM_TYPES } })) as unknown as Readable;
    } catch (err) {
      if (attempt !== this.attempt) return;
      this.connection.reportFailure(err);
      this.fail();
      return;
    }
    if (attempt !== this.attempt || this.refs === 0) {
      stream.on('error', () => undefined);
      stream.destroy();
      return;
    }
    this.stream = stream;
    this.streamClient = client;
    this.backoffMs = this.minBackoffMs;
    const decoder = new JsonLineDecoder();
    stream.on('data', (chunk: Buffer | string) => {
      for (const raw of decoder.push(chunk)) {
        const event = toSwarmEvent(raw as RawEvent);
        if (!event) continue;
        for (const l of [...this.eventListeners]) l(event);
      }
    });
    const dropped = (why: string): void => {
      if (this.stream !== stream) return;
      this.log.warn(`The Docker event stream ${why}; reconnecting`);
      this.stream = undefined;
      this.streamClient = undefined;
      this.fail();
    };
    stream.on('end', () => dropped('ended'));
    stream.on('close', () => dropped('closed'));
    stream.on('error', (err: Error) => dropped(`failed (${err.message})`));
    this.setStatus('live');
  }

  private fail(): void {
    this.setStatus('down');
    this.scheduleRetry();
  }
}
