/**
 * The one place that owns the Docker connection for a process (the extension or the CLI): resolves the endpoint
 * lazily, connects on first use, remembers the last state, and tells listeners when it changes.
 * Nothing here runs until someone asks for a client.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import { ConnectionError, describeConnectionError } from './errors';
import { FileReader } from './contexts';
import { ConnectionSettings, ResolveEnvironment, ResolvedEndpoint, resolveEndpoint } from './endpoint';
import { DockerClient, RequestCounter, connect, releaseDocker } from './client';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  debug(message: string): void;
}

export type ConnectionState =
  | { status: 'idle' }
  | { status: 'connecting'; endpoint?: ResolvedEndpoint }
  | { status: 'connected'; client: DockerClient }
  | { status: 'error'; error: ConnectionError; endpoint?: ResolvedEndpoint };

export const nodeFileReader: FileReader = {
  readFile: (p) => fsp.readFile(p),
  readDir: (p) => fsp.readdir(p),
};

export function processEnvironment(): ResolveEnvironment {
  return { env: process.env, homeDir: os.homedir(), platform: process.platform, fs: nodeFileReader };
}

export class DockerConnection {
  private state: ConnectionState = { status: 'idle' };
  private pending: Promise<DockerClient> | undefined;
  private generation = 0;
  private readonly listeners = new Set<(s: ConnectionState) => void>();
  readonly counter: RequestCounter = { count: 0 };

  constructor(
    private readonly settings: () => ConnectionSettings,
    private readonly environment: () => ResolveEnvironment,
    private readonly log: Logger,
    private readonly timeoutMs = 10_000,
  ) {}

  get current(): ConnectionState {
    return this.state;
  }

  onDidChange(listener: (s: ConnectionState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private set(state: ConnectionState): void {
    const previous = this.state;
    // A client being replaced lets go of its pooled connections (SSH connections and their remote processes).
    if (previous.status === 'connected' && !(state.status === 'connected' && state.client === previous.client)) {
      releaseClient(previous.client);
    }
    this.state = state;
    for (const l of [...this.listeners]) l(state);
  }

  /** Resolves the endpoint without connecting (cheap; no Docker call). */
  async resolve(): Promise<ResolvedEndpoint> {
    return resolveEndpoint(this.settings(), this.environment());
  }

  /** A connected client, connecting first if needed. Rejects with a ConnectionError. */
  client(): Promise<DockerClient> {
    if (this.state.status === 'connected') return Promise.resolve(this.state.client);
    if (!this.pending) {
      const gen = this.generation;
      this.pending = this.doConnect(gen).finally(() => {
        if (gen === this.generation) this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** Forget the current client (settings changed, or the user asked to retry) and connect again on next use. */
  reset(): void {
    this.generation++;
    this.pending = undefined;
    this.set({ status: 'idle' });
  }

  /** Reset and connect now; resolves to the new state (never rejects). */
  async reconnect(): Promise<ConnectionState> {
    this.reset();
    try {
      await this.client();
    } catch {
      // the state carries the error
    }
    return this.state;
  }

  /** Callers report failures of later requests here so a dead engine moves the state to error. */
  reportFailure(err: unknown): ConnectionError {
    const endpoint = this.state.status === 'connected' ? this.state.client.endpoint : undefined;
    const error = describeConnectionError(err, endpoint?.host ?? 'Docker');
    const transportDown = ['socket-missing', 'refused', 'timeout', 'permission', 'tls', 'ssh', 'dns'].includes(error.kind);
    if (transportDown) {
      this.generation++;
      this.pending = undefined;
      this.log.error(`Lost the connection: ${error.message}`);
      this.set({ status: 'error', error, endpoint });
    }
    return error;
  }

  private async doConnect(gen: number): Promise<DockerClient> {
    let endpoint: ResolvedEndpoint | undefined;
    try {
      this.set({ status: 'connecting' });
      endpoint = await this.resolve();
      for (const w of endpoint.warnings) this.log.warn(w);
      this.log.info(`Connecting to ${endpoint.host} (context ${endpoint.contextName}, from ${endpoint.source})`);
      const client = await connect(endpoint, { timeoutMs: this.timeoutMs, counter: this.counter });
      if (gen !== this.generation) return client;
      const i = client.info;
      this.log.info(
        `Connected: Engine ${i.engineVersion}, API ${i.apiVersion} (using ${i.negotiatedApiVersion}), swarm ${i.swarm.state}/${i.swarm.role}`,
      );
      this.set({ status: 'connected', client });
      return client;
    } catch (err) {
      const error = describeConnectionError(err, endpoint?.host ?? 'Docker');
      this.log.error(error.message);
      if (error.detail) this.log.debug(`Details: ${detailText(error.detail)}`);
      if (gen === this.generation) this.set({ status: 'error', error, endpoint });
      throw error;
    }
  }
}

export function detailText(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? detail.message;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/** Closes the HTTP connections a client's agent keeps alive (its SSH connections for ssh://). */
export function releaseClient(client: DockerClient): void {
  releaseDocker(client.docker);
}
