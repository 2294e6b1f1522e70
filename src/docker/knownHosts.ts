/**
 * SSH host-key checking against OpenSSH's known_hosts files, as `ssh` does for the docker CLI: a host whose key is
 * listed is trusted; an unknown host or a changed key is refused (Swarmscope cannot ask interactively the way ssh
 * does, so the user adds the host once with `ssh`). Understands plain and hashed (`|1|salt|hash`) host fields,
 * `[host]:port` for other ports, `*`/`?` wildcards, `!` negation, `@revoked`; `@cert-authority` lines are skipped.
 * Pure apart from readKnownHostsFiles.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface KnownHostLine {
  marker?: 'revoked' | 'cert-authority';
  /** The comma-separated host patterns, or one hashed entry. */
  hosts: string;
  keyType: string;
  /** The key blob, base64 as in the file. */
  key: string;
}

export type HostKeyStatus = 'trusted' | 'unknown' | 'changed' | 'revoked';

export interface HostKeyVerdict {
  status: HostKeyStatus;
  /** The key type the server presented (`ssh-ed25519`, …). */
  keyType: string;
  /** The key types known_hosts lists for this host. */
  knownTypes: string[];
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostLine['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    if (fields.length < 3) continue;
    out.push({ marker, hosts: fields[0], keyType: fields[1], key: fields[2] });
  }
  return out;
}

/** How known_hosts names a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number | undefined): string {
  return port === undefined || port === 22 ? host : `[${host}]:${port}`;
}

function wildcardMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (const ch of pattern) re += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${re}$`, 'i').test(name);
}

/** Whether a known_hosts host field names `name` (`host` or `[host]:port`). */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), name)) return false;
    } else if (wildcardMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** The key type stored in an SSH public key blob (its first length-prefixed string). */
export function keyBlobType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const n = blob.readUInt32BE(0);
  return n > 0 && 4 + n <= blob.length ? blob.subarray(4, 4 + n).toString('latin1') : '';
}

/** Checks the key a server presented against known_hosts lines. */
export function checkHostKey(lines: readonly KnownHostLine[], host: string, port: number | undefined, blob: Buffer): HostKeyVerdict {
  const name = knownHostName(host, port);
  const key = blob.toString('base64');
  const keyType = keyBlobType(blob);
  const forHost = lines.filter((l) => l.marker !== 'cert-authority' && hostFieldMatches(l.hosts, name));
  const knownTypes = [...new Set(forHost.filter((l) => l.marker === undefined).map((l) => l.keyType))];
  if (forHost.some((l) => l.marker === 'revoked' && l.key === key)) return { status: 'revoked', keyType, knownTypes };
  if (forHost.some((l) => l.marker === undefined && l.key === key)) return { status: 'trusted', keyType, knownTypes };
  // A listed key of the same type that differs is a changed host key (ssh's "REMOTE HOST IDENTIFICATION HAS
  // CHANGED"); keys of other types only mean this type is not known yet.
  if (forHost.some((l) => l.marker === undefined && l.keyType === keyType)) return { status: 'changed', keyType, knownTypes };
  return { status: 'unknown', keyType, knownTypes };
}

/** The key types known_hosts lists (not revoked) for a host. */
export function knownKeyTypes(lines: readonly KnownHostLine[], host: string, port: number | undefined): string[] {
  const name = knownHostName(host, port);
  return [...new Set(lines.filter((l) => l.marker === undefined && hostFieldMatches(l.hosts, name)).map((l) => l.keyType))];
}

/** Host-key algorithms the ssh2 client understands (an unknown name in its config is an error). */
const SSH2_HOST_KEY_ALGORITHMS = new Set([
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
  'ssh-dss',
]);

/**
 * ssh2's host-key algorithm names for the key types known_hosts lists, so the server offers a key ssh knows; empty
 * (ssh2's own preference) when none of them is one ssh2 understands.
 */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of knownTypes) {
    if (t === 'ssh-rsa') out.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else out.push(t);
  }
  return [...new Set(out)].filter((a) => SSH2_HOST_KEY_ALGORITHMS.has(a));
}

/** The user-facing explanation of a refused host key. */
export function hostKeyMessage(v: HostKeyVerdict, host: string, port: number | undefined, user: string | undefined): string {
  const name = knownHostName(host, port);
  const sshCommand = `ssh ${port !== undefined && port !== 22 ? `-p ${port} ` : ''}${user ? `${user}@` : ''}${host}`;
  switch (v.status) {
    case 'trusted':
      return `The SSH host key of ${name} is known.`;
    case 'unknown':
      return `The SSH host key of ${name} (${v.keyType}) is not in known_hosts. Check it and add it by connecting once with "${sshCommand}", then retry.`;
    case 'changed':
      return `The SSH host key of ${name} has CHANGED since it was added to known_hosts (${v.keyType}): someone may be intercepting the connection, or the host was reinstalled. Swarmscope refuses to connect; check the key and update known_hosts (ssh-keygen -R "${name}").`;
    case 'revoked':
      return `The SSH host key of ${name} is marked @revoked in known_hosts. Swarmscope refuses to connect.`;
  }
}

/** The known_hosts files ssh reads by default: the user's, then the system's. */
export function knownHostsFiles(home = os.homedir()): string[] {
  return [path.join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

/** Reads and parses the files that exist (unreadable ones count as empty). */
export function readKnownHostsFiles(files: readonly string[] = knownHostsFiles()): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    out.push(...parseKnownHosts(text));
  }
  return out;
}
