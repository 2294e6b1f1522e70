/**
 * An http.Agent that carries Engine API requests over SSH as `docker -H ssh://…` does, through
 * `docker system dial-stdio` on the remote host, one SSH exec channel per HTTP connection.
 *
 * docker-modem's own ssh transport opens a new SSH connection and a new remote process for every request (measured
 * here: ~0.8 s each against a local sshd, 5 s for one explorer refresh). This agent keeps SSH connections open and
 * HTTP connections alive instead, so a refresh pays for the handshakes once. An SSH connection carries at most
 * CHANNELS_PER_CONNECTION channels: requests in parallel on one connection were measured to wait for each other
 * (6 lists: ~1 s on 8 channels of one connection, ~0.2 s on one channel each, with OpenSSH 9.2 on this machine;
 * probably sshd not setting TCP_NODELAY for sessions without a tty), so concurrent requests and streams are spread
 * over a few connections, opened one after another. A connection with no request in flight does not keep the
 * process alive (its socket is unref'd), so the headless CLI exits when it is done.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, ClientChannel, ConnectConfig } from 'ssh2';

export const CHANNELS_PER_CONNECTION = 2;
const DIAL_COMMAND = 'docker system dial-stdio';

interface SshConnection {
  client: Client;
  /** Set when its handshake starts (handshakes wait for each other). */
  sock: net.Socket | undefined;
  ready: Promise<void>;
  /** Channels open or being opened. */
  reserved: number;
  /** Channels carrying a request now (not idle in the agent's free pool). */
  busy: Set<ClientChannel>;
  closed: boolean;
}

export interface SshDialAgentOptions {
  host: string;
  port: number;
  username?: string;
  /** SSH_AUTH_SOCK. */
  agent?: string;
  hostVerifier: (key: Buffer) => boolean;
  serverHostKeyAlgorithms?: string[];
}

type Callback = (err: Error | null, socket?: Duplex) => void;

export class SshDialAgent extends http.Agent {
  private readonly connections: SshConnection[] = [];
  private readonly owner = new WeakMap<ClientChannel, SshConnection>();
  private handshakes: Promise<void> = Promise.resolve();
  /** SSH connections and channels opened so far (for tests and benchmarks). */
  connectionsOpened = 0;
  channelsOpened = 0;

  constructor(private readonly options: SshDialAgentOptions) {
    // Up to 8 idle channels stay open: a refresh's six parallel lists find them ready (opening one costs sshd a session).
    super({ keepAlive: true, maxFreeSockets: 8 });
    // http.Agent's hooks, set as own properties (not all are in @types/node).
    const self = this as unknown as {
      createConnection: (opts: unknown, cb: Callback) => undefined;
      keepSocketAlive: (socket: Duplex) => boolean;
      reuseSocket: (socket: Duplex, req: http.ClientRequest) => void;
    };
    const proto = http.Agent.prototype as unknown as {
      keepSocketAlive: (this: http.Agent, socket: Duplex) => boolean;
      reuseSocket: (this: http.Agent, socket: Duplex, req: http.ClientRequest) => void;
    };
    self.createConnection = (_opts, cb) => {
      this.openChannel().then(
        (channel) => cb(null, channel),
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
      );
      return undefined;
    };
    self.keepSocketAlive = (socket) => {
      const keep = proto.keepSocketAlive.call(this, socket);
      this.setBusy(socket as ClientChannel, false);
      return keep;
    };
    self.reuseSocket = (socket, req) => {
      proto.reuseSocket.call(this, socket, req);
      this.setBusy(socket as ClientChannel, true);
    };
  }

  /** Closes every SSH connection (and so every channel). */
  override destroy(): void {
    super.destroy();
    for (const c of this.connections.splice(0)) {
      c.closed = true;
      c.client.end();
    }
  }

  /** SSH connections open now. */
  get openConnections(): number {
    return this.connections.filter((c) => !c.closed).length;
  }

  private async openChannel(): Promise<ClientChannel> {
    let conn = this.connections.find((c) => !c.closed && c.reserved < CHANNELS_PER_CONNECTION);
    if (!conn) conn = this.connect();
    conn.reserved++;
    let channel: ClientChannel;
    try {
      await conn.ready;
      const c = conn;
      channel = await new Promise<ClientChannel>((resolve, reject) => {
        c.client.exec(DIAL_COMMAND, (err, stream) => (err ? reject(err) : resolve(stream)));
      });
    } catch (err) {
      conn.reserved--;
      throw err;
    }
    // What http.Agent and http.ClientRequest call on a socket; a channel has no TCP options of its own.
    Object.assign(channel, {
      setKeepAlive: () => channel,
      setNoDelay: () => channel,
      setTimeout: () => channel,
      ref: () => channel,
      unref: () => channel,
    });
    this.channelsOpened++;
    this.owner.set(channel, conn);
    this.setBusy(channel, true);
    const owner = conn;
    channel.once('close', () => {
      owner.reserved--;
      owner.busy.delete(channel);
      this.updateRef(owner);
    });
    return channel;
  }

  private connect(): SshConnection {
    const client = new Client();
    const conn: SshConnection = { client, sock: undefined, ready: Promise.resolve(), reserved: 0, busy: new Set(), closed: false };
    // Handshakes run one at a time: many streams opening at once (followed logs of many tasks) must not exceed
    // sshd's MaxStartups (10 unauthenticated connections by default), beyond which it drops connections.
    conn.ready = this.handshakes.then(() => this.handshake(conn));
    this.handshakes = conn.ready.catch(() => undefined);
    // A failed handshake is reported through `ready`; later errors close the connection.
    conn.ready.catch(() => undefined);
    client.on('error', () => {
      conn.closed = true;
    });
    client.once('close', () => {
      conn.closed = true;
      const i = this.connections.indexOf(conn);
      if (i >= 0) this.connections.splice(i, 1);
    });
    this.connections.push(conn);
    this.connectionsOpened++;
    return conn;
  }

  private handshake(conn: SshConnection): Promise<void> {
    const { host, port, username, agent, hostVerifier, serverHostKeyAlgorithms } = this.options;
    if (conn.closed) return Promise.reject(new Error('The SSH connection was closed.'));
    const sock = net.connect(port, host);
    // ssh2 sets this only on sockets it opens itself; without it small requests wait for Nagle's algorithm.
    sock.setNoDelay(true);
    conn.sock = sock;
    const ready = new Promise<void>((resolve, reject) => {
      conn.client.once('ready', () => resolve());
      conn.client.once('error', (err) => reject(err));
    });
    const config: ConnectConfig = {
      sock,
      username,
      agent,
      hostVerifier,
      // No keepalive timer: it would keep an idle process (the CLI) alive; a dead connection fails its next request.
      keepaliveInterval: 0,
      readyTimeout: 20_000,
      ...(serverHostKeyAlgorithms && serverHostKeyAlgorithms.length > 0
        ? { algorithms: { serverHostKey: serverHostKeyAlgorithms as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] } }
        : {}),
    };
    conn.client.connect(config);
    return ready;
  }

  private setBusy(channel: ClientChannel, busy: boolean): void {
    const conn = this.owner.get(channel);
    if (!conn) return;
    if (busy) conn.busy.add(channel);
    else conn.busy.delete(channel);
    this.updateRef(conn);
  }

  /** Only a connection with a request in flight keeps the process alive. */
  private updateRef(conn: SshConnection): void {
    if (conn.busy.size > 0) conn.sock?.ref();
    else conn.sock?.unref();
  }
}
