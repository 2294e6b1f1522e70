/**
 * Parses a Docker host string (`unix://`, `tcp://`, `ssh://`, `npipe://`, or a bare `host:port`) the way the
 * docker CLI accepts it, and turns it into the transport part of dockerode's options.
 */
import { ConnectionError } from './errors';

export type HostTransport =
  | { scheme: 'unix'; socketPath: string }
  | { scheme: 'npipe'; socketPath: string }
  | { scheme: 'tcp'; host: string; port: number }
  | { scheme: 'ssh'; host: string; port: number; username?: string };

export const DEFAULT_UNIX_HOST = 'unix:///var/run/docker.sock';
export const DEFAULT_NPIPE_HOST = 'npipe:////./pipe/docker_engine';

export function defaultHostForPlatform(platform: NodeJS.Platform): string {
  return platform === 'win32' ? DEFAULT_NPIPE_HOST : DEFAULT_UNIX_HOST;
}

/** Hides a password in `scheme://user:password@host` so it never reaches a message or the log. */
export function redactHost(host: string): string {
  return host.replace(/^([a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:****@');
}

function badHost(rawHost: string, why: string): ConnectionError {
  const host = redactHost(rawHost);
  const suggestion = /^(tcp|unix|ssh|npipe):?\/\/?(?!\/)/.exec(host) && !host.includes('://')
    ? ` Did you mean "${host.replace(/^(tcp|unix|ssh|npipe):?\/?\/?/, '$1://')}"?`
    : '';
  return new ConnectionError('bad-host', `Invalid Docker host "${host}": ${why}.${suggestion}`);
}

/**
 * @param tls whether TLS is on; it only changes the default tcp port (2376 instead of 2375), as in the CLI.
 */
export function parseDockerHost(raw: string, tls = false): HostTransport {
  const host = raw.trim();
  if (host === '') throw badHost(raw, 'it is empty');
  const schemeMatch = /^([a-z0-9+.-]*):\/\/(.*)$/i.exec(host);
  const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : 'tcp';
  const rest = schemeMatch ? schemeMatch[2] : host;
  switch (scheme) {
    case 'unix': {
      if (rest === '') throw badHost(raw, 'a unix socket path is missing (for example unix:///var/run/docker.sock)');
      return { scheme: 'unix', socketPath: rest };
    }
    case 'npipe': {
      if (rest === '') throw badHost(raw, 'a named pipe path is missing (for example npipe:////./pipe/docker_engine)');
      return { scheme: 'npipe', socketPath: rest };
    }
    case 'tcp':
    case 'http':
    case 'https': {
      const url = tryUrl(`tcp://${rest}`);
      if (!url || url.hostname === '') throw badHost(raw, 'expected tcp://HOST:PORT');
      if (url.pathname !== '' && url.pathname !== '/') throw badHost(raw, 'a tcp address must not contain a path');
      if (url.search || url.hash) throw badHost(raw, 'a tcp address must not contain a query or fragment');
      const port = url.port === '' ? (tls ? 2376 : 2375) : Number(url.port);
      return { scheme: 'tcp', host: stripBrackets(url.hostname), port };
    }
    case 'ssh': {
      const url = tryUrl(`ssh://${rest}`);
      if (!url || url.hostname === '') throw badHost(raw, 'expected ssh://[USER@]HOST[:PORT]');
      if (url.pathname !== '' && url.pathname !== '/') throw badHost(raw, 'an ssh address must not contain a path');
      if (url.password) throw badHost(raw, 'passwords in ssh:// addresses are not supported; use an ssh agent');
      return {
        scheme: 'ssh',
        host: stripBrackets(url.hostname),
        port: url.port === '' ? 22 : Number(url.port),
        username: url.username ? decodeURIComponent(url.username) : undefined,
      };
    }
    default:
      throw badHost(raw, `unsupported scheme "${scheme}://"; use unix://, tcp://, ssh:// or npipe://`);
  }
}

function tryUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
