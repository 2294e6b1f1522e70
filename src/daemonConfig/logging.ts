// log-driver and log-opts, in the order of moby's ValidateLogOpts plus the checks drivers make when a container
// starts. dockerd runs ValidateLogOpts at start only when log-opts is non-empty; otherwise the same errors
// surface when a container using the default driver is created.
import type { Node } from 'jsonc-parser';
import { availableIn, formatEngineVersion } from './engineVersion';
import { GENERIC_LOG_OPTS, LOG_DRIVERS, findLogDriver, logDriversFor, logOptsFor, type LogDriverSpec, type LogOptSpec } from './knowledge';
import { checkLogOptFormat } from './logOptFormats';
import { parseGoBool, parseGoInt, splitScheme } from './goFormats';
import type { Fix } from './problem';
import { Reporter, keyOf, valueOf } from './reporter';
import { closest } from './suggest';

const REFUSES = 'dockerd refuses to start';
const PLUGIN_REF = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

/** Placeholders inserted by the "add required option" quick fix. */
const PLACEHOLDERS: Record<string, string> = {
  'gelf-address': 'udp://127.0.0.1:12201',
  'awslogs-group': 'my-log-group',
  'splunk-url': 'https://splunk.example.com:8088',
  'splunk-token': '00000000-0000-0000-0000-000000000000',
  'logentries-token': 'your-token',
};

interface Opt {
  readonly name: string;
  readonly prop: Node;
  readonly key: Node;
  readonly value: Node;
  readonly text: string;
}

export function checkLogging(r: Reporter, driverProp: Node | undefined, optsProp: Node | undefined, root: Node): void {
  const driverNode = driverProp ? valueOf(driverProp) : undefined;
  const driverName = driverNode?.type === 'string' ? String(driverNode.value) : 'json-file';
  const optsNode = optsProp ? valueOf(optsProp) : undefined;
  const opts = collectOpts(optsNode);
  const hasOpts = (optsNode?.type === 'object' && (optsNode.children?.length ?? 0) > 0) || false;
  const whenStart: 'start' | 'create' = hasOpts ? 'start' : 'create';
  const consequence = hasOpts ? REFUSES : 'dockerd starts, but containers using the default log driver fail to be created';

  if (driverNode && driverNode.type !== 'string') return; // reported as a type mismatch
  if (driverName === 'none') {
    if (driverNode) r.report('log-driver-none', 'warning', driverNode, 'With the "none" log driver, "docker logs" and "docker service logs" show nothing for any container.');
    if (hasOpts && optsProp) r.report('log-opts-ignored', 'hint', keyOf(optsProp), 'log-opts are ignored with the "none" log driver.');
    return;
  }

  const driver = findLogDriver(driverName);
  const builtIn = driver && !driver.windowsOnly && availableIn(r.target, driver.since, driver.removedIn) ? driver : undefined;
  if (driverNode && !builtIn) classifyNonBuiltIn(r, driverNode, driverName, driver, hasOpts, consequence, whenStart);

  // (2)–(4): generic options, checked for every driver, plugins included.
  checkGenericOpts(r, opts);
  if (!builtIn) return;

  const allowed = logOptsFor(builtIn, r.target);
  const allowedNames = new Set(allowed.map((o) => o.name));
  for (const opt of opts.values()) {
    if (!allowedNames.has(opt.name)) reportUnknownOpt(r, builtIn, opt, allowed);
  }
  for (const spec of builtIn.options) {
    if (!allowedNames.has(spec.name)) continue;
    const opt = opts.get(spec.name);
    if (opt) checkOptValue(r, builtIn, spec, opt);
  }
  const tag = opts.get('tag');
  const tagSpec = allowed.find((o) => o.name === 'tag');
  if (tag && tagSpec) checkOptValue(r, builtIn, tagSpec, tag);
  checkRequired(r, builtIn, opts, optsProp, optsNode, driverNode, root, hasOpts);
  checkCrossRules(r, builtIn, opts);
}

function collectOpts(optsNode: Node | undefined): Map<string, Opt> {
  const m = new Map<string, Opt>();
  if (optsNode?.type !== 'object') return m;
  for (const prop of optsNode.children ?? []) {
    const key = keyOf(prop);
    const value = valueOf(prop);
    if (!value) continue;
    const text = value.type === 'string' ? String(value.value) : value.type === 'null' ? '' : String(value.value);
    m.set(String(key.value), { name: String(key.value), prop, key, value, text });
  }
  return m;
}

function classifyNonBuiltIn(r: Reporter, node: Node, name: string, known: LogDriverSpec | undefined, hasOpts: boolean, consequence: string, stage: 'start' | 'create'): void {
  const builtins = logDriversFor(r.target).map((d) => d.name);
  const fixTo = (to: string): Fix => r.replaceFix(`Use "${to}"`, node, JSON.stringify(to));
  if (known?.windowsOnly) {
    r.report('log-driver-windows-only', 'error', node, `The "${name}" log driver exists only on Windows: ${consequence} ("no log driver named '${name}' is registered").`, { stage });
    return;
  }
  if (known && known.removedIn && !availableIn(r.target, known.since, known.removedIn)) {
    r.report('log-driver-removed', 'error', node, `The "${name}" log driver was removed in Engine ${known.removedIn} (target ${formatEngineVersion(r.target)}): ${consequence} ("no log driver named '${name}' is registered").`, { stage });
    return;
  }
  if (known && known.since) {
    r.report('log-driver-removed', 'error', node, `The "${name}" log driver needs Engine ${known.since}: ${consequence}.`, { stage });
    return;
  }
  const plain = !name.includes('/') && !name.includes(':');
  const suggestion = plain ? closest(name, builtins) : undefined;
  if (!PLUGIN_REF.test(name)) {
    r.report('log-driver-invalid', 'error', node, `"${name}" is neither a built-in log driver (${builtins.join(', ')}) nor a plugin reference "name[:tag]": ${consequence}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, {
      stage,
      fix: suggestion ? [fixTo(suggestion)] : [],
    });
    return;
  }
  if (suggestion) {
    r.report('log-driver-unknown', 'warning', node, `"${name}" is not a built-in log driver. Did you mean "${suggestion}"? Unless a logging plugin named "${name}" is installed, ${consequence} ("error looking up logging plugin ${name}").`, {
      stage,
      fix: [fixTo(suggestion)],
    });
    return;
  }
  const optsNote = hasOpts ? ' Only the generic options (mode, max-buffer-size, cache-*) are checked;' : '';
  r.report('log-driver-plugin', 'info', node, `"${name}" is not a built-in driver, so dockerd treats it as a logging plugin.${optsNote} its own options cannot be checked here. If the plugin is not installed, ${consequence}.`);
}

function checkGenericOpts(r: Reporter, opts: Map<string, Opt>): void {
  const mode = opts.get('mode');
  if (mode && !['', 'blocking', 'non-blocking'].includes(mode.text)) {
    const suggestion = closest(mode.text, ['blocking', 'non-blocking']);
    r.report('log-opt-value', 'error', mode.value, `Log mode "${mode.text}" is not supported (blocking or non-blocking): ${REFUSES} ("logger: logging mode not supported: ${mode.text}").`, {
      stage: 'start',
      fix: suggestion ? [r.replaceFix(`Use "${suggestion}"`, mode.value, JSON.stringify(suggestion))] : [],
    });
  }
  const mbs = opts.get('max-buffer-size');
  if (mbs) {
    if (mode?.text !== 'non-blocking') {
      const fix: Fix[] = mode ? [r.replaceFix('Set "mode": "non-blocking"', mode.value, '"non-blocking"')] : [];
      r.report('log-opt-conflict', 'error', mbs.key, `max-buffer-size needs "mode": "non-blocking": ${REFUSES} ("logger: max-buffer-size option is only supported with 'mode=non-blocking'").`, { stage: 'start', fix });
    }
    const err = checkLogOptFormat('max-buffer-size', { f: 'binarySize' }, mbs.text);
    if (err) r.report('log-opt-value', 'error', mbs.value, `Invalid max-buffer-size "${mbs.text}": ${REFUSES} (${err}).`, { stage: 'start' });
  }
  for (const spec of GENERIC_LOG_OPTS) {
    if (spec.name === 'mode' || spec.name === 'max-buffer-size') continue;
    const opt = opts.get(spec.name);
    if (!opt) continue;
    const err = checkLogOptFormat(spec.name, spec.format, opt.text);
    if (!err) continue;
    if (spec.checkedAt === 'validate') {
      r.report('log-opt-value', 'error', opt.value, `Invalid ${spec.name} "${opt.text}": ${REFUSES} ("invalid value for option ${spec.name}: ${opt.text}").`, { stage: 'start' });
    } else {
      r.report('log-opt-value', 'warning', opt.value, `Invalid ${spec.name} "${opt.text}" (${err}); dockerd does not check it, but it cannot work.`);
    }
  }
}

function reportUnknownOpt(r: Reporter, driver: LogDriverSpec, opt: Opt, allowed: LogOptSpec[]): void {
  const engineMessage = driver.unknownOptMessage.replace('%s', opt.name);
  const ownSpec = driver.options.find((o) => o.name === opt.name);
  if (ownSpec) {
    const when = ownSpec.since && !availableIn(r.target, ownSpec.since) ? `needs Engine ${ownSpec.since}` : `was removed in Engine ${ownSpec.removedIn ?? '?'}`;
    r.report('log-opt-not-in-version', 'error', opt.key, `"${opt.name}" ${when} (target ${formatEngineVersion(r.target)}): ${REFUSES} ("${engineMessage}").`, {
      stage: 'start',
      fix: [r.removeFix(`Remove "${opt.name}"`, opt.prop)],
    });
    return;
  }
  const owner = LOG_DRIVERS.find((d) => d.options.some((o) => o.name === opt.name));
  const suggestion = closest(opt.name, allowed.map((o) => o.name));
  const elsewhere = owner ? ` "${opt.name}" is an option of the ${owner.name} driver.` : '';
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  r.report('log-opt-unknown', 'error', opt.key, `The ${driver.name} log driver has no option "${opt.name}": ${REFUSES} ("${engineMessage}").${elsewhere}${hint}`, {
    stage: 'start',
    fix: [...(suggestion ? [r.replaceFix(`Rename to "${suggestion}"`, opt.key, JSON.stringify(suggestion))] : []), r.removeFix(`Remove "${opt.name}"`, opt.prop)],
  });
}

function checkOptValue(r: Reporter, driver: LogDriverSpec, spec: LogOptSpec, opt: Opt): void {
  if (opt.value.type !== 'string' && opt.value.type !== 'null') return; // reported as log-opts-not-string
  const err = checkLogOptFormat(spec.name, spec.format, opt.text);
  if (!err) return;
  const suggestion = spec.format.f === 'enum' ? closest(opt.text, spec.format.values.filter((v) => v !== '')) : undefined;
  const fix = suggestion ? [r.replaceFix(`Use "${suggestion}"`, opt.value, JSON.stringify(suggestion))] : [];
  if (spec.checkedAt === 'validate') {
    r.report('log-opt-value', 'error', opt.value, `Invalid ${spec.name} "${opt.text}": ${REFUSES} (${err}).`, { stage: 'start', fix });
  } else if (spec.checkedAt === 'create') {
    r.report('log-opt-value', 'error', opt.value, `Invalid ${spec.name} "${opt.text}" (${err}): dockerd starts, but every container using the ${driver.name} driver fails to start.`, { stage: 'create', fix });
  } else {
    r.report('log-opt-value', 'warning', opt.value, `Invalid ${spec.name} "${opt.text}" (${err}).`, { fix });
  }
}

function checkRequired(r: Reporter, driver: LogDriverSpec, opts: Map<string, Opt>, optsProp: Node | undefined, optsNode: Node | undefined, driverNode: Node | undefined, root: Node, hasOpts: boolean): void {
  for (const spec of logOptsFor(driver, r.target)) {
    if (!spec.required || opts.get(spec.name)?.text) continue;
    const placeholder = JSON.stringify(PLACEHOLDERS[spec.name] ?? '');
    const fix: Fix[] = [];
    if (optsNode?.type === 'object') fix.push(r.insertPropertyFix(`Add "${spec.name}"`, optsNode, spec.name, placeholder));
    else if (!optsProp) fix.push(r.insertPropertyFix(`Add "log-opts" with "${spec.name}"`, root, 'log-opts', `{ ${JSON.stringify(spec.name)}: ${placeholder} }`));
    const at = optsProp ? keyOf(optsProp) : driverNode ?? { offset: root.offset, length: 1 };
    const atStart = spec.checkedAt === 'validate' && hasOpts;
    const consequence = atStart
      ? `${REFUSES} ("${requiredMessage(spec.name)}")`
      : `dockerd starts, but containers using the default log driver without their own ${spec.name} fail to ${spec.checkedAt === 'validate' ? 'be created' : 'start'}`;
    r.report('log-opt-required', 'error', at, `The ${driver.name} log driver needs "${spec.name}": ${consequence}.`, { stage: atStart ? 'start' : 'create', fix });
  }
}

function requiredMessage(name: string): string {
  if (name === 'gelf-address') return 'gelf-address is a required parameter';
  if (name === 'awslogs-group') return "must specify a value for log opt 'awslogs-group'";
  return `${name} is required`;
}

function checkCrossRules(r: Reporter, driver: LogDriverSpec, opts: Map<string, Opt>): void {
  const get = (n: string): Opt | undefined => opts.get(n);
  const createMsg = (what: string, engine: string): string => `${what}: dockerd starts, but every container using the ${driver.name} driver fails to start ("${engine}").`;
  switch (driver.name) {
    case 'json-file': {
      const compress = get('compress');
      const maxFile = get('max-file');
      const maxSize = get('max-size');
      const fileCount = maxFile ? parseGoInt(maxFile.text) : { ok: true as const, value: 1 };
      if (compress && isTrue(compress.text)) {
        if (!maxSize || (fileCount.ok && fileCount.value < 2)) {
          r.report('log-opt-conflict', 'error', compress.value, createMsg('compress needs max-size and max-file ≥ 2', 'compress cannot be true when max-file is less than 2 or max-size is not set'), { stage: 'create' });
        }
      }
      if (maxFile && !maxSize) r.report('log-opt-no-effect', 'info', maxFile.key, 'max-file has no effect without max-size: json-file logs are not rotated.');
      break;
    }
    case 'local': {
      const compress = get('compress');
      const maxFile = get('max-file');
      const compressOn = compress ? isTrue(compress.text) : true;
      const n = maxFile ? parseGoInt(maxFile.text) : undefined;
      if (maxFile && n?.ok && n.value >= 0 && n.value <= 1 && compressOn) {
        r.report('log-opt-conflict', 'error', maxFile.value, createMsg(`max-file ${n.value} with compression on (the local driver compresses by default; add "compress": "false")`, 'compression cannot be enabled when max file count is 1'), {
          stage: 'create',
          fix: compress ? [] : [r.insertPropertyFix('Add "compress": "false"', maxFile.prop.parent ?? maxFile.prop, 'compress', '"false"')],
        });
      }
      break;
    }
    case 'gelf': {
      const addr = get('gelf-address');
      const scheme = addr ? splitScheme(addr.text)?.scheme : undefined;
      if (scheme !== 'udp' && scheme !== 'tcp') break;
      for (const spec of driver.options) {
        const opt = get(spec.name);
        if (!opt || !spec.onlyFor || spec.onlyFor === scheme) continue;
        const engine = spec.onlyFor === 'udp' ? 'compression is only supported on UDP' : `"${spec.name}" is only valid for TCP`;
        r.report('log-opt-conflict', 'error', opt.key, `"${spec.name}" works only with a ${spec.onlyFor.toUpperCase()} gelf-address: ${REFUSES} ("${engine}").`, {
          stage: 'start',
          fix: [r.removeFix(`Remove "${spec.name}"`, opt.prop)],
        });
      }
      break;
    }
    case 'awslogs': {
      const dt = get('awslogs-datetime-format');
      const ml = get('awslogs-multiline-pattern');
      const fmt = get('awslogs-format');
      if (dt && ml) {
        r.report('log-opt-conflict', 'error', ml.key, `awslogs-datetime-format and awslogs-multiline-pattern cannot both be set: ${REFUSES} ("you cannot configure log opt 'awslogs-datetime-format' and 'awslogs-multiline-pattern' at the same time").`, {
          stage: 'start',
          fix: [r.removeFix('Remove "awslogs-multiline-pattern"', ml.prop)],
        });
      }
      if (fmt?.text === 'json/emf') {
        for (const other of [dt, ml]) {
          if (other) r.report('log-opt-conflict', 'error', other.key, `"${other.name}" cannot be combined with "awslogs-format": "json/emf": ${REFUSES}.`, { stage: 'start', fix: [r.removeFix(`Remove "${other.name}"`, other.prop)] });
        }
      }
      break;
    }
    case 'fluentd': {
      const ri = get('fluentd-async-reconnect-interval');
      const asyncOn = ['fluentd-async', 'fluentd-async-connect'].some((n) => {
        const o = get(n);
        return o !== undefined && isTrue(o.text);
      });
      if (ri && !asyncOn) r.report('log-opt-no-effect', 'info', ri.key, 'fluentd-async-reconnect-interval only matters with "fluentd-async": "true".');
      break;
    }
    case 'syslog': {
      const addr = get('syslog-address');
      const scheme = addr ? splitScheme(addr.text)?.scheme : undefined;
      for (const n of ['syslog-tls-ca-cert', 'syslog-tls-cert', 'syslog-tls-key', 'syslog-tls-skip-verify']) {
        const o = get(n);
        if (o && scheme !== 'tcp+tls') r.report('log-opt-no-effect', 'info', o.key, `"${n}" is used only with a tcp+tls:// syslog-address.`);
      }
      break;
    }
    default:
      break;
  }
}

function isTrue(text: string): boolean {
  const b = parseGoBool(text);
  return b.ok && b.value;
}
