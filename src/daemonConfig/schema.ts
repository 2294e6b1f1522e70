// The JSON schema shipped for daemon.json, derived from the knowledge table. It exists for completions and
// hovers only: it carries no `type`, `enum` or `additionalProperties: false`, because the validator reports
// every problem (with engine-version awareness and dockerd's consequence). A constraining schema would make
// VS Code's JSON service report the same problems a second time, and wrongly for older engines.
import { LATEST_KNOWN_ENGINE } from './engineVersion';
import { COMMON_LOG_OPTS, DAEMON_KEYS, GENERIC_LOG_OPTS, LOG_DRIVERS, type KeySpec, type LogDriverSpec, type LogOptSpec, type PropSpec, type Shape } from './knowledge';

type JsonSchema = { [key: string]: unknown };

function emptyValue(shape: Shape): unknown {
  switch (shape.t) {
    case 'boolean':
      return false;
    case 'integer':
      return 0;
    case 'string':
    case 'size':
      return '';
    case 'array':
      return [];
    case 'map':
    case 'object':
      return {};
  }
}

function versionNote(since?: string, removedIn?: string, deprecatedIn?: string): string {
  const parts: string[] = [];
  if (since) parts.push(`Engine ${since}+`);
  if (deprecatedIn) parts.push(`deprecated in ${deprecatedIn}`);
  if (removedIn) parts.push(`removed in ${removedIn}`);
  return parts.length ? ` *(${parts.join(', ')})*` : '';
}

function propSchema(spec: PropSpec, extraMarkdown = ''): JsonSchema {
  const s: JsonSchema = { description: spec.description, markdownDescription: spec.description + extraMarkdown };
  const value = spec.default ?? emptyValue(spec.shape);
  // One snippet makes VS Code insert a value of the right shape after the key.
  s.defaultSnippets = [{ body: value }];
  if (spec.default !== undefined) s.default = spec.default;
  const examples = shapeExamples(spec.shape);
  if (examples) s.examples = examples;
  const nested = nestedProperties(spec.shape);
  if (nested) Object.assign(s, nested);
  return s;
}

function shapeExamples(shape: Shape): unknown[] | undefined {
  if (shape.t === 'boolean') return [true, false];
  if (shape.t === 'string' && shape.enum) return shape.enum.filter((v) => v !== '');
  return undefined;
}

function nestedProperties(shape: Shape): JsonSchema | undefined {
  if (shape.t === 'object') {
    return { properties: Object.fromEntries(Object.entries(shape.props).map(([name, p]) => [name, propSchema(p)])) };
  }
  if (shape.t === 'map') {
    const inner = nestedProperties(shape.values);
    const values: JsonSchema = { defaultSnippets: [{ body: emptyValue(shape.values) }], ...(inner ?? {}) };
    const ex = shapeExamples(shape.values);
    if (ex) values.examples = ex;
    return { additionalProperties: values };
  }
  if (shape.t === 'array') {
    const inner = nestedProperties(shape.items);
    return inner ? { items: inner } : undefined;
  }
  return undefined;
}

function keySchema(k: KeySpec): JsonSchema {
  const def = k.default !== undefined ? `\n\nDefault: \`${JSON.stringify(k.default)}\`` : '';
  const reload = k.reloadable ? '\n\nApplied on reload (SIGHUP).' : '';
  const s = propSchema(k, `${versionNote(k.since, k.removedIn, k.deprecatedIn)}${def}${reload}\n\n[Documentation](${k.docs})`);
  if (k.name === 'log-driver') s.examples = LOG_DRIVERS.filter((d) => !d.windowsOnly).map((d) => d.name);
  if (k.name === 'log-level') s.examples = ['debug', 'info', 'warn', 'error', 'fatal'];
  return s;
}

function optSchema(o: LogOptSpec): JsonSchema {
  const def = o.default !== undefined ? `\n\nDefault: \`"${o.default}"\`` : '';
  const s: JsonSchema = {
    description: o.description,
    markdownDescription: `${o.description}${versionNote(o.since, o.removedIn)}${o.required ? '\n\n**Required.**' : ''}${def}\n\nValues are strings.`,
    defaultSnippets: [{ body: o.default ?? '' }],
  };
  if (o.format.f === 'enum') s.examples = o.format.values.filter((v) => v !== '');
  if (o.format.f === 'bool') s.examples = ['true', 'false'];
  return s;
}

function driverOptions(d: LogDriverSpec): JsonSchema {
  const common = COMMON_LOG_OPTS.filter((o) => d.commonOpts.includes(o.name));
  return Object.fromEntries([...d.options, ...common].map((o) => [o.name, optSchema(o)]));
}

function driverCondition(d: LogDriverSpec): JsonSchema {
  const when: JsonSchema =
    d.name === 'json-file'
      ? { anyOf: [{ required: ['log-driver'], properties: { 'log-driver': { const: 'json-file' } } }, { not: { required: ['log-driver'] } }] }
      : { required: ['log-driver'], properties: { 'log-driver': { const: d.name } } };
  return { if: when, then: { properties: { 'log-opts': { properties: driverOptions(d) } } } };
}

export function buildDaemonJsonSchema(): JsonSchema {
  const current = DAEMON_KEYS.filter((k) => k.removedIn === undefined);
  const properties: JsonSchema = Object.fromEntries(current.map((k) => [k.name, keySchema(k)]));
  const logOpts = properties['log-opts'] as JsonSchema;
  logOpts.properties = Object.fromEntries(GENERIC_LOG_OPTS.map((o) => [o.name, optSchema(o)]));
  const drivers = LOG_DRIVERS.filter((d) => !d.windowsOnly && d.name !== 'none');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://swarmscope.invalid/schemas/daemon.json',
    title: 'Docker daemon configuration (daemon.json)',
    description: `dockerd configuration file (Linux), up to Engine ${LATEST_KNOWN_ENGINE}. Problems are reported by the Swarmscope linter, not by this schema.`,
    properties,
    allOf: drivers.map(driverCondition),
  };
}
