/**
 * Input validation for the operations, with the engine's own rules where they are known (swarmkit's name
 * patterns, the CLI's --publish and --constraint syntax), so mistakes are caught in the input box with a clear
 * message instead of coming back from the engine. Validators return an error message or undefined (the shape
 * VS Code's `validateInput` wants); parsers return a Parsed value.
 */
import * as net from 'node:net';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

// ---- names ----------------------------------------------------------------------------------------------------

/** swarmkit: a service name is a DNS name component (letters, digits, `-`, `_`; starts and ends alphanumeric). */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
/** swarmkit: secret and config names, at most 64 characters of [a-zA-Z0-9-_.], alphanumeric at both ends. */
const SECRET_OR_CONFIG_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;
/** moby's restricted name pattern, which network names follow. */
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function validateServiceName(name: string): string | undefined {
  if (name === '') return 'A service needs a name.';
  if (name.length > 63) return `"${name.slice(0, 20)}…" is ${name.length} characters long; service names have at most 63.`;
  if (!SERVICE_NAME.test(name)) {
    return `"${name}" is not a valid service name: use letters, digits, "-" and "_", starting and ending with a letter or digit.`;
  }
  return undefined;
}

export function validateSecretOrConfigName(name: string, kind: 'secret' | 'config'): string | undefined {
  if (name === '') return `A ${kind} needs a name.`;
  if (name.length > 64) return `${kind === 'secret' ? 'Secret' : 'Config'} names have at most 64 characters (this one has ${name.length}).`;
  if (!SECRET_OR_CONFIG_NAME.test(name)) {
    return `"${name}" is not a valid ${kind} name: use letters, digits, "-", "_" and ".", starting and ending with a letter or digit.`;
  }
  return undefined;
}

export function validateNetworkName(name: string): string | undefined {
  if (name === '') return 'A network needs a name.';
  if (name.length > 63) return `Network names have at most 63 characters (this one has ${name.length}).`;
  if (!NETWORK_NAME.test(name)) return `"${name}" is not a valid network name: use letters, digits, "_", "." and "-", starting with a letter or digit.`;
  return undefined;
}

/** An image reference as the CLI accepts it (`name[:tag][@digest]`), checked for the usual typos only. */
export function validateImage(image: string): string | undefined {
  if (image === '') return 'An image is required, for example nginx:1.27 or registry.example.com/team/app:2.';
  if (/\s/.test(image)) return 'An image reference cannot contain spaces.';
  if (/[A-Z]/.test(image.split(/[:@]/, 1)[0].split('/').pop() ?? '')) return 'Image repository names must be lower case.';
  if (!/^[a-z0-9][a-zA-Z0-9._:/@+-]*$/.test(image)) return `"${image}" is not a valid image reference.`;
  if (image.endsWith(':') || image.endsWith('@')) return `"${image}" ends without a tag or digest.`;
  return undefined;
}

// ---- numbers --------------------------------------------------------------------------------------------------

export function parseReplicas(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return fail(`"${text}" is not a number of replicas (0 or more).`);
  const n = Number(t);
  if (n > 100_000) return fail(`${n} replicas is more than Swarmscope accepts at once (100000).`);
  return ok(n);
}

// ---- ports ----------------------------------------------------------------------------------------------------

export interface PortSpec {
  target: number;
  /** Undefined: the engine chooses (ingress) or the task's host port is dynamic (host). */
  published?: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  mode: 'ingress' | 'host';
}

function parsePortNumber(text: string, what: string): Parsed<number> {
  if (!/^\d+$/.test(text)) return fail(`${what} "${text}" is not a port number.`);
  const n = Number(text);
  if (n < 1 || n > 65535) return fail(`${what} ${n} is outside 1–65535.`);
  return ok(n);
}

function parseProtocol(text: string): Parsed<PortSpec['protocol']> {
  const p = text.toLowerCase();
  if (p === 'tcp' || p === 'udp' || p === 'sctp') return ok(p);
  return fail(`Protocol "${text}" is not tcp, udp or sctp.`);
}

/**
 * One published port in either of the CLI's forms: `8080:80`, `8080:80/udp`, `80` (target only), or
 * `published=8080,target=80,mode=host,protocol=udp`.
 */
export function parsePort(text: string): Parsed<PortSpec> {
  const t = text.trim();
  if (t === '') return fail('Empty port.');
  if (t.includes('=')) {
    const spec: Partial<PortSpec> & { protocol: PortSpec['protocol']; mode: PortSpec['mode'] } = { protocol: 'tcp', mode: 'ingress' };
    for (const field of t.split(',')) {
      const [key, value = ''] = field.split('=', 2).map((s) => s.trim());
      switch (key.toLowerCase()) {
        case 'target': {
          const p = parsePortNumber(value, 'Target port');
          if (!p.ok) return p;
          spec.target = p.value;
          break;
        }
        case 'published': {
          const p = parsePortNumber(value, 'Published port');
          if (!p.ok) return p;
          spec.published = p.value;
          break;
        }
        case 'protocol': {
          const p = parseProtocol(value);
          if (!p.ok) return p;
          spec.protocol = p.value;
          break;
        }
        case 'mode':
          if (value !== 'ingress' && value !== 'host') return fail(`Publish mode "${value}" is not ingress or host.`);
          spec.mode = value;
          break;
        default:
          return fail(`Unknown port field "${key}": use published, target, mode and protocol.`);
      }
    }
    if (spec.target === undefined) return fail(`"${t}" has no target port (target=<port in the container>).`);
    return ok({ target: spec.target, published: spec.published, protocol: spec.protocol, mode: spec.mode });
  }
  const m = /^(?:(\d+):)?(\d+)(?:\/([a-zA-Z]+))?$/.exec(t);
  if (!m) return fail(`"${t}" is not a port: use 8080:80, 8080:80/udp or published=8080,target=80,mode=host.`);
  const target = parsePortNumber(m[2], 'Target port');
  if (!target.ok) return target;
  let published: number | undefined;
  if (m[1] !== undefined) {
    const p = parsePortNumber(m[1], 'Published port');
    if (!p.ok) return p;
    published = p.value;
  }
  const protocol = m[3] === undefined ? ok<PortSpec['protocol']>('tcp') : parseProtocol(m[3]);
  if (!protocol.ok) return protocol;
  return ok({ target: target.value, published, protocol: protocol.value, mode: 'ingress' });
}

/** Several ports; also rejects two ports claiming the same published port and protocol. */
export function parsePorts(items: readonly string[]): Parsed<PortSpec[]> {
  const out: PortSpec[] = [];
  for (const item of items) {
    const p = parsePort(item);
    if (!p.ok) return p;
    const clash = out.find((o) => o.published !== undefined && o.published === p.value.published && o.protocol === p.value.protocol);
    if (clash) return fail(`Published port ${p.value.published}/${p.value.protocol} is listed twice.`);
    out.push(p.value);
  }
  return ok(out);
}

// ---- placement constraints ------------------------------------------------------------------------------------

export interface Constraint {
  key: string;
  operator: '==' | '!=';
  value: string;
}

const CONSTRAINT_KEYS = ['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch', 'node.ip'];
const LABEL_KEY = /^(node|engine)\.labels\.[^\s=!]+$/;

/** A placement constraint as `docker service create --constraint` takes it (`node.role==manager`). */
export function parseConstraint(text: string): Parsed<Constraint> {
  const t = text.trim();
  const m = /^([^=!\s]+)\s*(==|!=)\s*(.*)$/.exec(t);
  if (!m) return fail(`"${t}" is not a constraint: use <key>==<value> or <key>!=<value>, e.g. node.role==manager.`);
  const [, key, operator, rawValue] = m;
  const value = rawValue.trim();
  if (!CONSTRAINT_KEYS.includes(key) && !LABEL_KEY.test(key)) {
    return fail(`Unknown constraint key "${key}": use ${CONSTRAINT_KEYS.join(', ')}, node.labels.<label> or engine.labels.<label>.`);
  }
  if (value === '') return fail(`The constraint "${t}" has no value.`);
  if (key === 'node.role' && value !== 'manager' && value !== 'worker') return fail(`node.role is manager or worker, not "${value}".`);
  if (key === 'node.ip' && net.isIP(value.split('/')[0]) === 0) return fail(`node.ip needs an IP address or CIDR, not "${value}".`);
  return ok({ key, operator: operator as Constraint['operator'], value });
}

export function validateConstraint(text: string): string | undefined {
  const p = parseConstraint(text);
  return p.ok ? undefined : p.error;
}

// ---- environment and labels -----------------------------------------------------------------------------------

/** `KEY=VALUE` (the value may be empty or contain `=`). */
export function parseEnv(text: string): Parsed<{ key: string; value: string }> {
  const i = text.indexOf('=');
  if (i < 0) return fail(`"${text}" is not KEY=VALUE.`);
  const key = text.slice(0, i);
  if (key === '') return fail('The variable name before "=" is empty.');
  if (/\s/.test(key)) return fail(`The variable name "${key}" contains white space.`);
  return ok({ key, value: text.slice(i + 1) });
}

export function validateEnvKey(key: string): string | undefined {
  if (key === '') return 'A variable name is required.';
  if (key.includes('=')) return 'A variable name cannot contain "=".';
  if (/\s/.test(key)) return 'A variable name cannot contain white space.';
  return undefined;
}

/** `key=value` or `key` (empty value), as for `--label` and `node update --label-add`. */
export function parseLabel(text: string): Parsed<{ key: string; value: string }> {
  const t = text.trim();
  const i = t.indexOf('=');
  const key = i < 0 ? t : t.slice(0, i);
  if (key === '') return fail('A label needs a key (key=value).');
  if (/\s/.test(key)) return fail(`The label key "${key}" contains white space.`);
  return ok({ key, value: i < 0 ? '' : t.slice(i + 1) });
}

/** Several labels into one object; a key given twice is an error. */
export function parseLabels(items: readonly string[]): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const p = parseLabel(item);
    if (!p.ok) return p;
    if (p.value.key in out) return fail(`The label ${p.value.key} is given twice.`);
    out[p.value.key] = p.value.value;
  }
  return ok(out);
}

// ---- addresses ------------------------------------------------------------------------------------------------

function splitHostPort(text: string): { host: string; port?: string } {
  const bracket = /^\[([^\]]+)\](?::(\d*))?$/.exec(text);
  if (bracket) return { host: bracket[1], port: bracket[2] };
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':');
    return { host, port };
  }
  return { host: text };
}

/** `--advertise-addr` / `--listen-addr`: an IP or an interface name, with an optional port. */
export function validateAdvertiseAddress(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'An address or interface name is required (e.g. 192.168.1.10 or eth0).';
  const { host, port } = splitHostPort(t);
  if (port !== undefined) {
    const p = parsePortNumber(port, 'Port');
    if (!p.ok) return p.error;
  }
  if (net.isIP(host) !== 0) return undefined;
  if (/^[a-zA-Z][a-zA-Z0-9_.@-]{0,14}$/.test(host)) return undefined; // an interface name (IFNAMSIZ 16)
  return `"${t}" is neither an IP address nor an interface name.`;
}

/** A manager's `host:port` for `swarm join` (port 2377 when omitted). */
export function parseManagerAddress(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return fail('The address of a manager is required (host:2377).');
  const { host, port } = splitHostPort(t);
  if (host === '' || /\s/.test(host)) return fail(`"${t}" is not host:port.`);
  if (net.isIP(host) === 0 && !/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(host)) return fail(`"${host}" is not a host name or IP address.`);
  const p = parsePortNumber(port ?? '2377', 'Port');
  if (!p.ok) return p;
  const h = net.isIP(host) === 6 ? `[${host}]` : host;
  return ok(`${h}:${p.value}`);
}

/** A swarm join token: `SWMTKN-1-<cluster CA digest>-<secret>`. */
export function validateJoinToken(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'A join token is required (docker swarm join-token worker|manager on a manager prints it).';
  if (!/^SWMTKN-1-[0-9a-z]+-[0-9a-z]+$/.test(t)) return 'A join token looks like SWMTKN-1-<digits and letters>-<digits and letters>.';
  return undefined;
}

/** A swarm unlock key: `SWMKEY-1-<base64>`. */
export function validateUnlockKey(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'The unlock key is required (docker swarm unlock-key on an unlocked manager prints it).';
  if (!/^SWMKEY-1-[A-Za-z0-9+/=]+$/.test(t)) return 'An unlock key looks like SWMKEY-1-<base64>.';
  return undefined;
}

// ---- subnets --------------------------------------------------------------------------------------------------

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function parseSubnet(text: string): Parsed<{ address: string; prefix: number; family: 4 | 6 }> {
  const t = text.trim();
  const m = /^([^/]+)\/(\d{1,3})$/.exec(t);
  if (!m) return fail(`"${t}" is not a subnet in CIDR form (e.g. 10.10.0.0/24).`);
  const family = net.isIP(m[1]);
  if (family === 0) return fail(`"${m[1]}" is not an IP address.`);
  const prefix = Number(m[2]);
  if (prefix > (family === 4 ? 32 : 128)) return fail(`Prefix /${prefix} is too long for IPv${family}.`);
  if (family === 4) {
    const bits = ipv4ToNumber(m[1]);
    const hostBits = prefix === 0 ? bits : bits % 2 ** (32 - prefix);
    if (hostBits !== 0) return fail(`${t} has host bits set; did you mean the network address of that subnet?`);
  }
  return ok({ address: m[1], prefix, family: family as 4 | 6 });
}

/** The gateway must be an address of the same family inside the subnet (checked for IPv4). */
export function validateGateway(gateway: string, subnet: string | undefined): string | undefined {
  const g = gateway.trim();
  const family = net.isIP(g);
  if (family === 0) return `"${g}" is not an IP address.`;
  if (!subnet) return 'A gateway needs a subnet.';
  const s = parseSubnet(subnet);
  if (!s.ok) return s.error;
  if (s.value.family !== family) return `The gateway ${g} is IPv${family} but the subnet is IPv${s.value.family}.`;
  if (family === 4) {
    const size = 2 ** (32 - s.value.prefix);
    const base = ipv4ToNumber(s.value.address);
    const n = ipv4ToNumber(g);
    if (n < base || n >= base + size) return `The gateway ${g} is outside ${subnet}.`;
  }
  return undefined;
}
