// Value checks of log options, returning the reason dockerd would give, or undefined when the value is fine.
import { parseGoBool, parseGoDuration, parseGoInt, parseHumanSize, parseRamInBytes, splitHostPort, splitScheme } from './goFormats';
import type { LogOptFormat } from './knowledge';

const SYSLOG_FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];
const TAG_FIELDS = ['ID', 'FullID', 'Name', 'Command', 'ImageID', 'ImageFullID', 'ImageName', 'Hostname', 'DaemonName', 'Config', 'ContainerLabels', 'ContainerEnv', 'ContainerArgs', 'ContainerEntrypoint', 'ContainerCreated', 'ContainerImageID', 'ContainerImageName', 'ContainerID', 'ContainerName', 'DaemonID', 'LogPath'];
const TAG_FUNCS = ['json', 'split', 'join', 'title', 'lower', 'upper', 'pad', 'truncate', 'printf', 'len', 'index', 'print', 'println', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'slice', 'html', 'js', 'urlquery', 'call'];

export const SYSLOG_FACILITY_NAMES: readonly string[] = SYSLOG_FACILITIES;

function checkPort(port: string): string | undefined {
  const n = Number(port);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? undefined : `invalid port "${port}"`;
}

export function checkLogOptFormat(name: string, format: LogOptFormat, value: string): string | undefined {
  switch (format.f) {
    case 'any':
    case 'path':
      return undefined;
    case 'bool':
      return parseGoBool(value).ok ? undefined : `invalid value for ${name}: "${value}" is not a boolean (true, false, 1, 0, t, f)`;
    case 'int': {
      const n = parseGoInt(value);
      if (!n.ok) return `invalid value for ${name}: "${value}" is not an integer`;
      if (format.min !== undefined && n.value < format.min) return `${name} must be at least ${format.min}, got ${n.value}`;
      if (format.max !== undefined && n.value > format.max) return `${name} must be at most ${format.max}, got ${n.value}`;
      return undefined;
    }
    case 'enum':
      return format.values.includes(value) ? undefined : `unknown value "${value}" for ${name} (expected ${format.values.filter((v) => v !== '').join(', ')})`;
    case 'decimalSize': {
      const s = parseHumanSize(value);
      if (!s.ok) return s.error;
      return s.value <= 0 ? `${name} must be a positive number` : undefined;
    }
    case 'binarySize': {
      const s = parseRamInBytes(value);
      return s.ok ? undefined : `error parsing option ${name}: ${s.error}`;
    }
    case 'duration': {
      const d = parseGoDuration(value);
      if (!d.ok) return d.error;
      if (d.value < 0) return `${name} must not be negative`;
      if (name === 'fluentd-async-reconnect-interval' && d.value !== 0 && (d.value < 100 || d.value > 10_000)) {
        return `invalid value for fluentd-async-reconnect-interval: ${value} (must be 0 or between 100ms and 10s)`;
      }
      return undefined;
    }
    case 'tagTemplate':
      return checkTagTemplate(value);
    case 'syslogAddress':
      return checkSyslogAddress(value);
    case 'syslogFacility': {
      if (SYSLOG_FACILITIES.includes(value)) return undefined;
      const n = parseGoInt(value);
      return n.ok && n.value >= 0 && n.value <= 23 ? undefined : `invalid syslog facility "${value}" (a name such as daemon or local0…local7, or 0…23)`;
    }
    case 'gelfAddress':
      return checkGelfAddress(value);
    case 'fluentdAddress':
      return checkFluentdAddress(value);
    case 'splunkUrl':
      return checkSplunkUrl(value);
  }
}

function checkSyslogAddress(value: string): string | undefined {
  if (value === '') return undefined;
  const parts = splitScheme(value);
  if (!parts) return `syslog-address should be in form proto://address, got ${value}`;
  if (!['udp', 'tcp', 'tcp+tls', 'unix', 'unixgram'].includes(parts.scheme)) return `unsupported scheme: '${parts.scheme}' (udp, tcp, tcp+tls, unix, unixgram)`;
  if (parts.scheme === 'unix' || parts.scheme === 'unixgram') return parts.rest.startsWith('/') ? undefined : `${parts.scheme} address needs an absolute socket path`;
  const hostPort = parts.rest.replace(/\/$/, '');
  if (hostPort === '') return `syslog-address needs a host: ${value}`;
  const hp = splitHostPort(hostPort);
  if (hp) return checkPort(hp.port);
  return /[:/]/.test(hostPort) && !/^\[[^\]]+\]$/.test(hostPort) ? `invalid syslog-address ${value}: expected ${parts.scheme}://host[:port]` : undefined;
}

function checkGelfAddress(value: string): string | undefined {
  const parts = splitScheme(value);
  if (!parts || (parts.scheme !== 'udp' && parts.scheme !== 'tcp')) return 'gelf: endpoint needs to be TCP or UDP';
  const hp = splitHostPort(parts.rest);
  if (!hp || hp.host === '') return 'gelf: please provide gelf-address as proto://host:port';
  return checkPort(hp.port);
}

function checkFluentdAddress(value: string): string | undefined {
  if (value === '') return undefined;
  const withScheme = value.includes('://') ? value : `tcp://${value}`;
  const parts = splitScheme(withScheme);
  if (!parts) return `invalid fluentd-address (${value}): cannot parse`;
  const wrap = (why: string): string => `invalid fluentd-address (${value}): ${why}`;
  if (parts.scheme === 'unix') return parts.rest.startsWith('/') ? undefined : wrap('path is empty');
  if (parts.scheme !== 'tcp' && parts.scheme !== 'tls') return wrap(`unsupported scheme: '${parts.scheme}'`);
  const slash = parts.rest.indexOf('/');
  const hostPort = slash >= 0 ? parts.rest.slice(0, slash) : parts.rest;
  const path = slash >= 0 ? parts.rest.slice(slash) : '';
  if (path !== '' && path !== '/') return wrap('should not contain a path element');
  const hp = splitHostPort(hostPort);
  if (hp) {
    const n = Number(hp.port);
    return n <= 65535 ? undefined : wrap(`invalid port ${hp.port}`);
  }
  return hostPort.includes(':') && !/^\[[^\]]+\]$/.test(hostPort) ? wrap('invalid host:port') : undefined;
}

function checkSplunkUrl(value: string): string | undefined {
  const bad = 'splunk: expected format scheme://dns_name_or_ip:port for splunk-url';
  const parts = splitScheme(value);
  if (!parts || (parts.scheme !== 'http' && parts.scheme !== 'https')) return bad;
  if (/[?#]/.test(parts.rest)) return bad;
  const slash = parts.rest.indexOf('/');
  const host = slash >= 0 ? parts.rest.slice(0, slash) : parts.rest;
  const path = slash >= 0 ? parts.rest.slice(slash) : '';
  if (host === '' || (path !== '' && path !== '/')) return bad;
  const hp = splitHostPort(host);
  if (hp) return checkPort(hp.port);
  return undefined;
}

/** A light check of text/template syntax and of the fields and functions dockerd's tag context provides. */
function checkTagTemplate(value: string): string | undefined {
  let rest = value;
  while (true) {
    const open = rest.indexOf('{{');
    if (open < 0) return undefined;
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) return `template: log-tag: unclosed action in "${value}"`;
    const action = rest.slice(open + 2, close).replace(/^-\s|\s-$/g, '').trim();
    for (const m of action.matchAll(/(^|[\s(|])\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (!TAG_FIELDS.includes(m[2])) return `template: log-tag: can't evaluate field ${m[2]} (fields: .ID .FullID .Name .ImageName .ImageID .Command .Hostname .DaemonName)`;
    }
    for (const m of action.matchAll(/(^|[\s(|])([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (!TAG_FUNCS.includes(m[2]) && !['if', 'else', 'end', 'range', 'with', 'nil', 'true', 'false'].includes(m[2])) {
        return `template: log-tag: function "${m[2]}" not defined`;
      }
    }
    rest = rest.slice(close + 2);
  }
}

