/**
 * Turns every way of failing to talk to Docker into one short, specific message for the user.
 * Details (stack, raw response) stay on the error for the log channel.
 */

export type ConnectionErrorKind =
  | 'bad-host'
  | 'bad-setting'
  | 'context'
  | 'tls-material'
  | 'socket-missing'
  | 'permission'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'dns'
  | 'ssh'
  | 'api-too-old'
  | 'not-manager'
  | 'engine'
  | 'unknown';

export class ConnectionError extends Error {
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

interface ErrnoLike {
  code?: string;
  errno?: number;
  syscall?: string;
  statusCode?: number;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
  level?: string;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ECONNRESET_TLS',
]);

/** The engine's own message from a dockerode/docker-modem error (`{"message": "..."}` body), if any. */
export function engineMessage(err: unknown): string | undefined {
  const e = err as ErrnoLike | undefined;
  if (!e || typeof e !== 'object') return undefined;
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined;
  if (typeof fromJson === 'string' && fromJson !== '') return fromJson.trim();
  return undefined;
}

const NOT_MANAGER = /This node is not a swarm manager/i;

/** Maps any error met while talking to `endpoint` to a ConnectionError with a user-facing message. */
export function describeConnectionError(err: unknown, endpoint: string): ConnectionError {
  if (err instanceof ConnectionError) return err;
  const e = (err ?? {}) as ErrnoLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const raw = typeof e.message === 'string' ? e.message : String(err);
  const engine = engineMessage(err);

  if (engine && NOT_MANAGER.test(engine)) return new ConnectionError('not-manager', firstLine(engine), err);
  if (typeof e.statusCode === 'number') {
    const text = engine ?? e.reason ?? raw;
    return new ConnectionError('engine', `Docker at ${endpoint} answered ${e.statusCode}: ${firstLine(text)}`, err);
  }
  switch (code) {
    case 'ENOENT':
      return new ConnectionError(
        'socket-missing',
        `Cannot reach Docker at ${endpoint}: the socket does not exist. Is dockerd running?`,
        err,
      );
    case 'EACCES':
    case 'EPERM':
      return new ConnectionError(
        'permission',
        `Permission denied connecting to ${endpoint}. Add your user to the "docker" group (sudo usermod -aG docker $USER), then log in again.`,
        err,
      );
    case 'ECONNREFUSED':
      return new ConnectionError('refused', `Docker at ${endpoint} refused the connection. Is dockerd listening there?`, err);
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'ECONNABORTED':
      return new ConnectionError('timeout', `Docker at ${endpoint} did not answer in time.`, err);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConnectionError('dns', `Cannot resolve the host of ${endpoint}.`, err);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ConnectionError('refused', `The host of ${endpoint} is unreachable.`, err);
    default:
      break;
  }
  if ((code && (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) || /SSL|TLS|certificate/i.test(raw)) {
    return new ConnectionError(
      'tls',
      `TLS handshake with ${endpoint} failed: ${firstLine(raw)}. Check the TLS settings or the context's certificates.`,
      err,
    );
  }
  if (/Failed to connect to agent/i.test(raw)) {
    return new ConnectionError(
      'ssh',
      `SSH connection for ${endpoint} failed: no ssh agent answers at SSH_AUTH_SOCK. Start ssh-agent and add your key with ssh-add; Swarmscope authenticates only through the agent.`,
      err,
    );
  }
  if (/All configured authentication methods failed/i.test(raw)) {
    return new ConnectionError(
      'ssh',
      `SSH connection for ${endpoint} failed: the server accepted none of the keys in your ssh agent (ssh-add -l lists them).`,
      err,
    );
  }
  if (/Host denied|host key verification/i.test(raw)) {
    return new ConnectionError('ssh', `SSH host key verification for ${endpoint} failed: its key is not the one known_hosts lists.`, err);
  }
  if (e.level === 'client-authentication' || e.level === 'client-socket' || /ssh|handshake|authentication methods/i.test(raw)) {
    return new ConnectionError('ssh', `SSH connection for ${endpoint} failed: ${firstLine(raw)}`, err);
  }
  if (/timeout/i.test(raw)) return new ConnectionError('timeout', `Docker at ${endpoint} did not answer in time.`, err);
  if (engine) return new ConnectionError('engine', firstLine(engine), err);
  return new ConnectionError('unknown', `Cannot talk to Docker at ${endpoint}: ${firstLine(raw)}`, err);
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/, 1)[0].trim();
  return line.replace(/^\(HTTP code \d+\)\s*/, '');
}
