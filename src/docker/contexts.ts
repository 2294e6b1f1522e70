/**
 * Reads the docker CLI's context store: `$DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json` and the TLS
 * material under `contexts/tls/<sha256(name)>/docker/`.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { ConnectionError } from './errors';

export interface FileReader {
  readFile(p: string): Promise<Buffer>;
  readDir(p: string): Promise<string[]>;
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface DockerContext {
  name: string;
  description?: string;
  host: string;
  skipTlsVerify: boolean;
  tls?: TlsMaterial;
  /** where the context was read from, for messages */
  metaPath: string;
}

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export function contextMetaPath(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'meta', contextDirName(name), 'meta.json');
}

export function contextTlsDir(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
}

interface MetaJson {
  Name?: unknown;
  Metadata?: { Description?: unknown } | null;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } | null } | null;
}

function isNotFound(err: unknown): boolean {
  return (err as { code?: string } | undefined)?.code === 'ENOENT';
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code ?? e?.message ?? String(err);
}

/** Reads one context by name. Throws ConnectionError('context') with a readable message on any problem. */
export async function readContext(configDir: string, name: string, fs: FileReader): Promise<DockerContext> {
  const metaPath = contextMetaPath(configDir, name);
  let text: string;
  try {
    text = (await fs.readFile(metaPath)).toString('utf8');
  } catch (err) {
    if (isNotFound(err)) {
      throw new ConnectionError('context', `Docker context "${name}" does not exist (no ${metaPath}).`, err);
    }
    throw new ConnectionError('context', `Cannot read docker context "${name}" (${metaPath}): ${reason(err)}.`, err);
  }
  return parseContextMeta(text, metaPath, name, await readTlsMaterial(contextTlsDir(configDir, name), fs, name));
}

export function parseContextMeta(text: string, metaPath: string, expectedName: string, tls?: TlsMaterial): DockerContext {
  let meta: MetaJson;
  try {
    meta = JSON.parse(text) as MetaJson;
  } catch (err) {
    throw new ConnectionError('context', `Docker context "${expectedName}" is not valid JSON (${metaPath}).`, err);
  }
  if (!meta || typeof meta !== 'object') {
    throw new ConnectionError('context', `Docker context "${expectedName}" is malformed (${metaPath}).`);
  }
  const docker = meta.Endpoints?.docker;
  const host = docker?.Host;
  if (typeof host !== 'string' || host === '') {
    throw new ConnectionError('context', `Docker context "${expectedName}" has no Docker endpoint host (${metaPath}).`);
  }
  const description = meta.Metadata?.Description;
  return {
    name: typeof meta.Name === 'string' ? meta.Name : expectedName,
    description: typeof description === 'string' && description !== '' ? description : undefined,
    host,
    skipTlsVerify: docker?.SkipTLSVerify === true,
    tls,
    metaPath,
  };
}

async function readTlsMaterial(dir: string, fs: FileReader, contextName: string): Promise<TlsMaterial | undefined> {
  const tls: TlsMaterial = {};
  let found = false;
  for (const [field, file] of [['ca', 'ca.pem'], ['cert', 'cert.pem'], ['key', 'key.pem']] as const) {
    try {
      tls[field] = await fs.readFile(path.join(dir, file));
      found = true;
    } catch (err) {
      if (!isNotFound(err)) {
        throw new ConnectionError(
          'tls-material',
          `Cannot read ${file} of docker context "${contextName}" (${dir}): ${reason(err)}.`,
          err,
        );
      }
    }
  }
  if (found && (tls.cert === undefined) !== (tls.key === undefined)) {
    throw new ConnectionError('tls-material', `Docker context "${contextName}" has a TLS ${tls.cert ? 'certificate without its key' : 'key without its certificate'} (${dir}).`);
  }
  return found ? tls : undefined;
}

/** Lists the contexts in the store (name, host), skipping unreadable ones but reporting them. */
export async function listContexts(
  configDir: string,
  fs: FileReader,
): Promise<{ contexts: DockerContext[]; problems: string[] }> {
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  let dirs: string[];
  try {
    dirs = await fs.readDir(metaRoot);
  } catch (err) {
    if (isNotFound(err)) return { contexts: [], problems: [] };
    return { contexts: [], problems: [`Cannot list docker contexts in ${metaRoot}: ${reason(err)}`] };
  }
  const contexts: DockerContext[] = [];
  const problems: string[] = [];
  for (const dir of dirs.sort()) {
    const metaPath = path.join(metaRoot, dir, 'meta.json');
    try {
      const text = (await fs.readFile(metaPath)).toString('utf8');
      let name: unknown;
      try {
        name = (JSON.parse(text) as MetaJson | null)?.Name;
      } catch {
        // parseContextMeta below reports the syntax error with its path
      }
      contexts.push(parseContextMeta(text, metaPath, typeof name === 'string' ? name : dir));
    } catch (err) {
      problems.push(err instanceof ConnectionError ? err.message : `Cannot read ${metaPath}: ${reason(err)}`);
    }
  }
  contexts.sort((a, b) => a.name.localeCompare(b.name));
  return { contexts, problems };
}
