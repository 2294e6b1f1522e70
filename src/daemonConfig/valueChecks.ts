// Checks dockerd makes on values after decoding (config.Validate and friends), run once the type is right.
import type { Node } from 'jsonc-parser';
import { engineAtLeast, formatEngineVersion } from './engineVersion';
import { isIP, isIPv4, isIPv6, parseCidr, parseRamInBytes, splitScheme } from './goFormats';
import type { KeySpec } from './knowledge';
import { Reporter, keyOf, valueOf } from './reporter';
import { closest } from './suggest';

const REFUSES = 'dockerd refuses to start';
const LOG_LEVELS = ['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace'];
/** Engine version from which unknown exec-opts stop dockerd (older engines ignore them). */
const EXEC_OPTS_STRICT_SINCE = '23.0';
const MIN_API = { min: [1, 24], max: [1, 52] } as const;

function strings(node: Node): Node[] {
  return node.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : node.type === 'string' ? [node] : [];
}

export function checkKeyValue(r: Reporter, spec: KeySpec, node: Node): void {
  const enumFix = (n: Node, values: readonly string[]) => {
    const s = closest(String(n.value), values);
    return s ? [r.replaceFix(`Use "${s}"`, n, JSON.stringify(s))] : [];
  };
  switch (spec.check) {
    case undefined:
    case 'logDriver':
      return;
    case 'logLevel': {
      if (!LOG_LEVELS.includes(String(node.value).toLowerCase())) {
        r.report('invalid-log-level', 'error', node, `Unknown log level "${String(node.value)}" (debug, info, warn, error, fatal, panic, trace): ${REFUSES} ("invalid logging level").`, { stage: 'start', fix: enumFix(node, LOG_LEVELS) });
      }
      return;
    }
    case 'logFormat':
      if (!['text', 'json'].includes(String(node.value))) r.report('invalid-log-format', 'error', node, `Unknown log format "${String(node.value)}" (text or json): ${REFUSES}.`, { stage: 'start', fix: enumFix(node, ['text', 'json']) });
      return;
    case 'labels': {
      const seen = new Map<string, string>();
      for (const item of strings(node)) {
        const s = String(item.value);
        const eq = s.indexOf('=');
        if (eq < 0) {
          r.report('invalid-label', 'error', item, `Label "${s}" is not key=value: ${REFUSES} ("bad attribute format: ${s}").`, { stage: 'start' });
          continue;
        }
        const key = s.slice(0, eq);
        const val = s.slice(eq + 1);
        const prev = seen.get(key);
        if (prev !== undefined && prev !== val) {
          r.report('conflicting-labels', 'error', item, `Label "${key}" is set twice with different values ("${prev}" and "${val}"): ${REFUSES} ("conflict labels for ${s}").`, { stage: 'start', fix: [r.removeFix('Remove this label', item)] });
        }
        seen.set(key, val);
      }
      return;
    }
    case 'execOpts': {
      const strict = engineAtLeast(r.target, EXEC_OPTS_STRICT_SINCE);
      for (const item of strings(node)) {
        const s = String(item.value);
        const eq = s.indexOf('=');
        const key = eq < 0 ? s : s.slice(0, eq).trim().toLowerCase();
        const val = eq < 0 ? '' : s.slice(eq + 1).trim();
        if (eq < 0 || key !== 'native.cgroupdriver') {
          const why = eq < 0 ? `"${s}" is not key=value` : `"${key}" is not an exec option on Linux (only native.cgroupdriver)`;
          if (strict) r.report('invalid-exec-opt', 'error', item, `${why}: ${REFUSES}.`, { stage: 'start' });
          else r.report('invalid-exec-opt', 'warning', item, `${why}; dockerd ${formatEngineVersion(r.target)} ignores it (Engine ${EXEC_OPTS_STRICT_SINCE}+ refuses to start).`);
        } else if (val !== 'cgroupfs' && val !== 'systemd') {
          r.report('invalid-exec-opt', 'error', item, `native.cgroupdriver must be cgroupfs or systemd, not "${val}": ${REFUSES}.`, { stage: 'start' });
        }
      }
      return;
    }
    case 'registryMirrors':
      for (const item of strings(node)) {
        const s = String(item.value);
        const parts = splitScheme(s);
        if (!parts) r.report('invalid-mirror', 'error', item, `Mirror "${s}" needs a scheme (https:// or http://): ${REFUSES} ("invalid mirror").`, { stage: 'start', fix: [r.replaceFix('Add https://', item, JSON.stringify(`https://${s}`))] });
        else if (parts.scheme !== 'http' && parts.scheme !== 'https') r.report('invalid-mirror', 'error', item, `Mirror "${s}" uses the unsupported scheme "${parts.scheme}" (only http and https): ${REFUSES}.`, { stage: 'start' });
        else if (/[?#]/.test(parts.rest) || parts.rest.replace(/\/$/, '').includes('/')) r.report('invalid-mirror', 'error', item, `Mirror "${s}" must not have a path, query or fragment: ${REFUSES}.`, { stage: 'start' });
      }
      return;
    case 'nonNegative':
      if (node.type === 'number' && Number(node.value) < 0) r.report('negative-value', 'error', node, `"${spec.name}" must not be negative: ${REFUSES}.`, { stage: 'start', fix: spec.default !== undefined ? [r.replaceFix(`Use the default ${String(spec.default)}`, node, String(spec.default))] : [] });
      return;
    case 'port':
      if (node.type === 'number' && (Number(node.value) < 0 || Number(node.value) > 65535)) r.report('port-out-of-range', 'error', node, `"${spec.name}" must be a port number 0…65535: ${REFUSES}.`, { stage: 'start' });
      return;
    case 'ipcMode':
      if (!['shareable', 'private'].includes(String(node.value))) r.report('invalid-ipc-mode', 'error', node, `default-ipc-mode must be "shareable" or "private": ${REFUSES}.`, { stage: 'start', fix: enumFix(node, ['shareable', 'private']) });
      return;
    case 'cgroupnsMode':
      if (!['host', 'private'].includes(String(node.value))) r.report('invalid-cgroupns-mode', 'error', node, `default-cgroupns-mode must be "host" or "private": ${REFUSES}.`, { stage: 'start', fix: enumFix(node, ['host', 'private']) });
      return;
    case 'firewallBackend':
      if (!['', 'iptables', 'nftables'].includes(String(node.value))) r.report('invalid-firewall-backend', 'error', node, `firewall-backend must be "iptables" or "nftables": ${REFUSES}.`, { stage: 'start', fix: enumFix(node, ['iptables', 'nftables']) });
      return;
    case 'fwmark': {
      const s = String(node.value);
      const ok = /^(0x[0-9a-fA-F]+|\d+)(\/(0x[0-9a-fA-F]+|\d+))?$/.test(s) && s.split('/').every((p) => Number(p) <= 0xffffffff);
      if (!ok) r.report('invalid-fwmark', 'error', node, `bridge-accept-fwmark must be "mark[/mask]" with 32-bit unsigned numbers: ${REFUSES}.`, { stage: 'start' });
      return;
    }
    case 'cidr4':
    case 'cidr6': {
      const s = String(node.value);
      if (s === '') return;
      const c = parseCidr(s);
      const want6 = spec.check === 'cidr6';
      if (!c || c.v6 !== want6) r.report('invalid-cidr', 'error', node, `"${s}" is not a valid ${want6 ? 'IPv6' : 'IPv4'} CIDR (address/prefix): ${REFUSES}.`, { stage: 'start' });
      return;
    }
    case 'minApiVersion': {
      const s = String(node.value);
      const m = /^(\d+)\.(\d+)$/.exec(s);
      const n = m ? [Number(m[1]), Number(m[2])] : undefined;
      const inRange = n && (n[0] > MIN_API.min[0] || (n[0] === MIN_API.min[0] && n[1] >= MIN_API.min[1])) && (n[0] < MIN_API.max[0] || (n[0] === MIN_API.max[0] && n[1] <= MIN_API.max[1]));
      if (!inRange) {
        const fix = /^v\d+\.\d+$/.test(s) ? [r.replaceFix('Remove the "v"', node, JSON.stringify(s.slice(1)))] : [];
        r.report('invalid-min-api-version', 'error', node, `min-api-version must be an API version like "1.24" (no "v", from 1.24 up to the daemon's own version): ${REFUSES}.`, { stage: 'start', fix });
      }
      return;
    }
    case 'ip':
      for (const item of strings(node)) {
        const s = String(item.value);
        if (s !== '' && !isIP(s)) r.report('invalid-ip', 'error', item, `"${s}" is not an IP address: ${REFUSES}.`, { stage: 'start' });
      }
      return;
    case 'ip6': {
      const s = String(node.value);
      if (s !== '' && !isIPv6(s)) r.report('invalid-ip', 'error', node, `"${s}" is not an IPv6 address: ${REFUSES}.`, { stage: 'start' });
      return;
    }
    case 'hostGatewayIps': {
      let v4 = 0;
      let v6 = 0;
      for (const item of strings(node)) {
        const s = String(item.value);
        if (isIPv4(s)) v4++;
        else if (isIPv6(s)) v6++;
        else {
          r.report('invalid-ip', 'error', item, `"${s}" is not an IP address: ${REFUSES}.`, { stage: 'start' });
          continue;
        }
        if (v4 > 1 || v6 > 1) r.report('invalid-host-gateway-ips', 'error', item, `host-gateway-ips takes at most one IPv4 and one IPv6 address: ${REFUSES}.`, { stage: 'start', fix: [r.removeFix('Remove this address', item)] });
      }
      return;
    }
    case 'hosts':
      for (const item of strings(node)) {
        const s = String(item.value);
        const parts = splitScheme(s);
        if (!parts) continue; // host:port forms default to tcp
        if (!['tcp', 'unix', 'fd', 'npipe', 'ssh'].includes(parts.scheme)) r.report('invalid-host', 'error', item, `Unsupported scheme "${parts.scheme}" in hosts (unix://, tcp://, fd://): ${REFUSES}.`, { stage: 'start' });
        else if (parts.scheme === 'tcp' && /\/./.test(parts.rest)) r.report('invalid-host', 'error', item, `tcp hosts must not have a path ("${s}"): ${REFUSES}.`, { stage: 'start' });
      }
      return;
    case 'nodeGenericResources':
      for (const item of strings(node)) {
        const s = String(item.value);
        if (!/^[^=\s]+=[^=\s]+$/.test(s)) r.report('invalid-generic-resource', 'error', item, `"${s}" is not NAME=value: ${REFUSES}.`, { stage: 'start' });
      }
      return;
    case 'userlandProxyPath': {
      const s = String(node.value);
      if (s !== '' && !s.startsWith('/')) r.report('invalid-userland-proxy-path', 'error', node, `userland-proxy-path must be an absolute path: ${REFUSES}.`, { stage: 'start' });
      return;
    }
    case 'ramSize': {
      const s = node.type === 'number' ? r.text.slice(node.offset, node.offset + node.length) : String(node.value);
      const parsed = parseRamInBytes(s);
      if (!parsed.ok) r.report('invalid-size', 'error', node, `"${s}" is not a size (${parsed.error}): ${REFUSES}.`, { stage: 'start' });
      return;
    }
    case 'dnsSearch':
      for (const item of strings(node)) {
        const s = String(item.value);
        const domain = s.replace(/\.$/, '');
        const valid = s === '.' || (domain.length <= 255 && /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(domain) && !/^\d+(\.\d+)*$/.test(domain));
        if (!valid) r.report('invalid-dns-search', 'error', item, `"${s}" is not a valid DNS search domain: ${REFUSES}.`, { stage: 'start' });
      }
      return;
    case 'addressPools':
      for (const pool of node.type === 'array' ? node.children ?? [] : []) {
        if (pool.type !== 'object') continue;
        const fields = new Map((pool.children ?? []).map((p) => [String(keyOf(p).value).toLowerCase(), valueOf(p)]));
        const base = fields.get('base');
        const size = fields.get('size');
        const cidr = base?.type === 'string' ? parseCidr(String(base.value)) : undefined;
        if (!cidr) r.report('invalid-address-pool', 'error', base ?? pool, 'Each default address pool needs "base" as a CIDR such as "10.10.0.0/16": dockerd refuses to start.', { stage: 'start' });
        else if (size?.type !== 'number') r.report('invalid-address-pool', 'error', pool, 'Each default address pool needs a "size" (prefix length): dockerd refuses to start.', { stage: 'start' });
        else if (Number(size.value) < cidr.bits || Number(size.value) > (cidr.v6 ? 128 : 32)) r.report('invalid-address-pool', 'error', size, `"size" must be between the base prefix (/${cidr.bits}) and ${cidr.v6 ? 128 : 32}: dockerd refuses to start.`, { stage: 'start' });
      }
      return;
  }
}
