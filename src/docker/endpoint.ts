/**
 * Resolves which Docker endpoint to talk to, in the docker CLI's order:
 * setting override → DOCKER_HOST (+ DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH) → DOCKER_CONTEXT →
 * `currentContext` in `$DOCKER_CONFIG/config.json` → the platform's default socket.
 */
import * as path from 'node:path';
import { ConnectionError } from './errors';
import { DockerContext, FileReader, TlsMaterial, readContext } from './contexts';
import { HostTransport, defaultHostForPlatform, parseDockerHost } from './hostString';

export interface TlsSettings {
  enabled?: boolean;
  verify?: boolean;
  caCert?: string;
  cert?: string;
  key?: string;
}

export interface ConnectionSettings {
  host?: string;
  context?: string;
  tls?: TlsSettings;
}

export interface ResolveEnvironment {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  platform: NodeJS.Platform;
  fs: FileReader;
}

export type EndpointSource =
  | 'setting:host'
  | 'setting:context'
  | 'env:DOCKER_HOST'
  | 'env:DOCKER_CONTEXT'
  | 'config:currentContext'
  | 'default';

export interface ResolvedTls extends TlsMaterial {
  verify: boolean;
}

export interface ResolvedEndpoint {
  source: EndpointSource;
  /** the docker context in use; "default" when none */
  contextName: string;
  host: string;
  transport: HostTransport;
  tls?: ResolvedTls;
  /** non-fatal problems met on the way (e.g. an unreadable config.json, as the CLI warns and goes on) */
  warnings: string[];
}

export function dockerConfigDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  return env.DOCKER_CONFIG && env.DOCKER_CONFIG !== '' ? env.DOCKER_CONFIG : path.join(homeDir, '.docker');
}

function expandHome(p: string, homeDir: string): string {
  return p === '~' ? homeDir : p.startsWith('~/') ? path.join(homeDir, p.slice(2)) : p;
}

function errCode(err: unknown): string {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code ?? e?.message ?? String(err);
}

async function readOptional(fs: FileReader, file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return undefined;
    throw new ConnectionError('tls-material', `Cannot read ${file}: ${errCode(err)}.`, err);
  }
}

async function readSettingFile(env: ResolveEnvironment, file: string, setting: string): Promise<Buffer> {
  const resolved = expandHome(file, env.homeDir);
  try {
    return await env.fs.readFile(resolved);
  } catch (err) {
    throw new ConnectionError('tls-material', `Cannot read ${resolved} (${setting}): ${errCode(err)}.`, err);
  }
}

function withTransport(
  base: Omit<ResolvedEndpoint, 'transport' | 'warnings'>,
  warnings: string[],
): ResolvedEndpoint {
  return { ...base, transport: parseDockerHost(base.host, base.tls !== undefined), warnings };
}

async function fromSettingsHost(s: ConnectionSettings, env: ResolveEnvironment, warnings: string[]): Promise<ResolvedEndpoint> {
  const t = s.tls ?? {};
  const anyPath = Boolean(t.caCert || t.cert || t.key);
  let tls: ResolvedTls | undefined;
  if (t.enabled || anyPath) {
    if (Boolean(t.cert) !== Boolean(t.key)) {
      throw new ConnectionError('bad-setting', 'Set both swarmscope.tls.cert and swarmscope.tls.key, or neither.');
    }
    tls = {
      verify: t.verify !== false,
      ca: t.caCert ? await readSettingFile(env, t.caCert, 'swarmscope.tls.caCert') : undefined,
      cert: t.cert ? await readSettingFile(env, t.cert, 'swarmscope.tls.cert') : undefined,
      key: t.key ? await readSettingFile(env, t.key, 'swarmscope.tls.key') : undefined,
    };
  }
  return withTransport({ source: 'setting:host', contextName: 'default', host: s.host!.trim(), tls }, warnings);
}

async function fromDockerHostEnv(env: ResolveEnvironment, warnings: string[]): Promise<ResolvedEndpoint> {
  const e = env.env;
  const verify = (e.DOCKER_TLS_VERIFY ?? '') !== '';
  const useTls = verify || (e.DOCKER_TLS ?? '') !== '';
  let tls: ResolvedTls | undefined;
  if (useTls) {
    const certDir = e.DOCKER_CERT_PATH && e.DOCKER_CERT_PATH !== '' ? e.DOCKER_CERT_PATH : dockerConfigDir(e, env.homeDir);
    tls = {
      verify,
      ca: await readOptional(env.fs, path.join(certDir, 'ca.pem')),
      cert: await readOptional(env.fs, path.join(certDir, 'cert.pem')),
      key: await readOptional(env.fs, path.join(certDir, 'key.pem')),
    };
    if (verify && !tls.ca) {
      warnings.push(`DOCKER_TLS_VERIFY is set but ${path.join(certDir, 'ca.pem')} is missing; using the system's CA store.`);
    }
  }
  return withTransport({ source: 'env:DOCKER_HOST', contextName: 'default', host: e.DOCKER_HOST!.trim(), tls }, warnings);
}

function fromContext(ctx: DockerContext, source: EndpointSource, warnings: string[]): ResolvedEndpoint {
  const tls = ctx.tls ? { ...ctx.tls, verify: !ctx.skipTlsVerify } : undefined;
  return withTransport({ source, contextName: ctx.name, host: ctx.host, tls }, warnings);
}

function defaultEndpoint(env: ResolveEnvironment, source: EndpointSource, warnings: string[]): ResolvedEndpoint {
  return withTransport({ source, contextName: 'default', host: defaultHostForPlatform(env.platform) }, warnings);
}

async function currentContextFromConfig(env: ResolveEnvironment, warnings: string[]): Promise<string | undefined> {
  const file = path.join(dockerConfigDir(env.env, env.homeDir), 'config.json');
  let text: string;
  try {
    text = (await env.fs.readFile(file)).toString('utf8');
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') warnings.push(`Cannot read ${file}: ${errCode(err)}; ignoring it.`);
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as { currentContext?: unknown } | null;
    const cur = parsed && typeof parsed === 'object' ? parsed.currentContext : undefined;
    return typeof cur === 'string' && cur !== '' ? cur : undefined;
  } catch {
    warnings.push(`${file} is not valid JSON; ignoring it.`);
    return undefined;
  }
}

async function namedContext(
  name: string,
  source: EndpointSource,
  env: ResolveEnvironment,
  warnings: string[],
): Promise<ResolvedEndpoint> {
  // The "default" context is the one built from DOCKER_HOST and the platform default, as in the CLI.
  if (name === 'default') {
    return (env.env.DOCKER_HOST ?? '') !== ''
      ? fromDockerHostEnv(env, warnings)
      : defaultEndpoint(env, source, warnings);
  }
  const ctx = await readContext(dockerConfigDir(env.env, env.homeDir), name, env.fs);
  return fromContext(ctx, source, warnings);
}

export async function resolveEndpoint(settings: ConnectionSettings, env: ResolveEnvironment): Promise<ResolvedEndpoint> {
  const warnings: string[] = [];
  const host = settings.host?.trim() ?? '';
  const context = settings.context?.trim() ?? '';
  if (host !== '' && context !== '') {
    throw new ConnectionError(
      'bad-setting',
      'Both swarmscope.host and swarmscope.context are set; set one of them (like the CLI, which refuses --host with --context).',
    );
  }
  if (host !== '') return fromSettingsHost({ ...settings, host }, env, warnings);
  if (context !== '') return namedContext(context, 'setting:context', env, warnings);
  if ((env.env.DOCKER_HOST ?? '') !== '') return fromDockerHostEnv(env, warnings);
  const envContext = env.env.DOCKER_CONTEXT ?? '';
  if (envContext !== '') return namedContext(envContext, 'env:DOCKER_CONTEXT', env, warnings);
  const current = await currentContextFromConfig(env, warnings);
  if (current) return namedContext(current, 'config:currentContext', env, warnings);
  return defaultEndpoint(env, 'default', warnings);
}

/**
 * A short label for the status bar: the docker context name (`default` for DOCKER_HOST and the default socket, as
 * `docker context ls` calls it), or the host itself when the swarmscope.host setting chose it.
 */
export function endpointLabel(ep: ResolvedEndpoint): string {
  return ep.source === 'setting:host' ? ep.host : ep.contextName;
}

export function describeSource(source: EndpointSource): string {
  switch (source) {
    case 'setting:host':
      return 'the swarmscope.host setting';
    case 'setting:context':
      return 'the swarmscope.context setting';
    case 'env:DOCKER_HOST':
      return 'DOCKER_HOST';
    case 'env:DOCKER_CONTEXT':
      return 'DOCKER_CONTEXT';
    case 'config:currentContext':
      return 'the current docker context';
    case 'default':
      return 'the default socket';
  }
}
