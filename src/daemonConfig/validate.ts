// The daemon.json validator: follows dockerd's load pipeline (decode, flatten, unknown keys, typed decode,
// validation, log options) and reports every problem with a range, a rule id and what dockerd would do.
import { parseTree, printParseErrorCode, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { availableIn, engineAtLeast, formatEngineVersion, parseEngineVersion, type EngineVersion } from './engineVersion';
import { DAEMON_KEYS, IGNORED_KEYS, findIgnoredKey, findKey, findRejectedKey, keysFor, type KeySpec, type Shape } from './knowledge';
import { checkLogging } from './logging';
import type { Problem } from './problem';
import { Reporter, jsonTypeName, keyOf, valueOf } from './reporter';
import { closest } from './suggest';
import { checkKeyValue } from './valueChecks';

export interface ValidateOptions {
  /** Target engine ("20.10", "25.0.3"); unset or unparsable means the newest engine the table knows. */
  readonly engineVersion?: string;
}

export const REFUSES = 'dockerd refuses to start';

export function validate(text: string, opts: ValidateOptions = {}): Problem[] {
  const target = opts.engineVersion ? parseEngineVersion(opts.engineVersion) : undefined;
  const r = new Reporter(text, target);
  try {
    run(r, text);
  } catch (err) {
    r.report('internal-error', 'info', { offset: 0, length: 0 }, `Swarmscope could not finish checking this file: ${err instanceof Error ? err.message : String(err)}`);
  }
  return r.problems.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

function run(r: Reporter, rawText: string): void {
  // dockerd strips a UTF-8 BOM; a space keeps every offset unchanged.
  const text = rawText.startsWith('\uFEFF') ? ' ' + rawText.slice(1) : rawText;
  if (text.trim() === '') return;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  reportSyntax(r, text, errors);
  if (!root) return;
  if (root.type !== 'object') {
    r.report('not-an-object', 'error', root, `The top level must be a JSON object, not ${jsonTypeName(root) === 'array' ? 'an array' : `a ${jsonTypeName(root)}`}: ${REFUSES}.`, { stage: 'start' });
    return;
  }
  reportDuplicates(r, root);
  const props = lastByName(root);
  for (const prop of root.children ?? []) checkTopLevel(r, prop, props.get(keyOf(prop).value as string) === prop);
  checkLogging(r, props.get('log-driver'), props.get('log-opts'), root);
}

function reportSyntax(r: Reporter, text: string, errors: ParseError[]): void {
  const seen = new Set<number>();
  let reportedSyntax = false;
  for (const e of errors) {
    if (e.error === ParseErrorCode.InvalidCommentToken) {
      r.report('json-comment', 'error', e, `Comments are not allowed in daemon.json: ${REFUSES} (invalid JSON).`, {
        stage: 'start',
        fix: [{ title: 'Remove the comment', edits: [{ start: e.offset, end: e.offset + e.length, newText: '' }] }],
      });
      continue;
    }
    const comma = trailingCommaBefore(text, e.offset);
    if (comma !== undefined && (e.error === ParseErrorCode.PropertyNameExpected || e.error === ParseErrorCode.ValueExpected)) {
      if (seen.has(comma)) continue;
      seen.add(comma);
      r.report('json-trailing-comma', 'error', { offset: comma, length: 1 }, `Trailing comma: ${REFUSES} (invalid JSON).`, {
        stage: 'start',
        fix: [{ title: 'Remove the trailing comma', edits: [{ start: comma, end: comma + 1, newText: '' }] }],
      });
      continue;
    }
    // Later syntax errors are mostly echoes of the first one; dockerd also stops at the first.
    if (reportedSyntax) continue;
    reportedSyntax = true;
    r.report('json-syntax', 'error', { offset: e.offset, length: Math.max(e.length, 1) }, `Invalid JSON (${describeParseError(e.error)}): ${REFUSES}.`, { stage: 'start' });
  }
}

function describeParseError(code: ParseErrorCode): string {
  const names: Partial<Record<ParseErrorCode, string>> = {
    [ParseErrorCode.InvalidSymbol]: 'unexpected character',
    [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
    [ParseErrorCode.PropertyNameExpected]: 'property name expected',
    [ParseErrorCode.ValueExpected]: 'value expected',
    [ParseErrorCode.ColonExpected]: 'colon expected',
    [ParseErrorCode.CommaExpected]: 'comma expected',
    [ParseErrorCode.CloseBraceExpected]: 'closing brace expected',
    [ParseErrorCode.CloseBracketExpected]: 'closing bracket expected',
    [ParseErrorCode.EndOfFileExpected]: 'end of file expected',
    [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
    [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
    [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
    [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
    [ParseErrorCode.InvalidCharacter]: 'invalid character in string',
  };
  return names[code] ?? printParseErrorCode(code);
}

/** Offset of a comma directly before the `}` or `]` at `offset` (whitespace between), if any. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

function reportDuplicates(r: Reporter, node: Node): void {
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const key = keyOf(prop);
      const name = String(key.value);
      const earlier = seen.get(name);
      if (earlier) {
        r.report('json-duplicate-key', 'warning', key, `"${name}" appears more than once; dockerd uses the last value.`, {
          fix: [r.removeFix(`Remove the earlier "${name}"`, earlier)],
        });
      }
      seen.set(name, prop);
    }
  }
  for (const child of node.children ?? []) reportDuplicates(r, child);
}

function lastByName(obj: Node): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const prop of obj.children ?? []) m.set(String(keyOf(prop).value), prop);
  return m;
}

/** Names that would help as "did you mean" for a target engine. */
function suggestionPool(target: EngineVersion | undefined): string[] {
  return keysFor(target).map((k) => k.name);
}

function checkTopLevel(r: Reporter, prop: Node, effective: boolean): void {
  const keyNode = keyOf(prop);
  const name = String(keyNode.value);
  const value = valueOf(prop);
  const spec = findKey(name);
  const target = r.target;

  if (spec && availableIn(target, spec.since, spec.removedIn)) {
    if (spec.deprecatedIn && engineAtLeast(target, spec.deprecatedIn)) {
      const instead = spec.replacement ? `; use ${spec.replacement}` : '';
      r.report('deprecated-key', 'warning', keyNode, `"${name}" is deprecated since Engine ${spec.deprecatedIn}${spec.removedIn ? ` and removed in ${spec.removedIn}` : ''}${instead}.`);
    }
    if (value && effective) checkKnownValue(r, spec, value);
    return;
  }
  if (spec && spec.removedIn && engineAtLeast(target, spec.removedIn)) {
    const instead = spec.replacement ? ` Use ${spec.replacement} instead.` : '';
    r.report('removed-key', 'error', keyNode, `"${name}" was removed in Engine ${spec.removedIn}: ${REFUSES} (unknown directive).${instead}`, {
      stage: 'start',
      fix: [r.removeFix(`Remove "${name}"`, prop)],
    });
    return;
  }
  if (spec && spec.since) {
    r.report('key-not-in-version', 'error', keyNode, `"${name}" needs Engine ${spec.since} or later; dockerd ${formatEngineVersion(target)} does not know it and refuses to start.`, {
      stage: 'start',
      fix: [r.removeFix(`Remove "${name}"`, prop)],
    });
    return;
  }
  const ignored = findIgnoredKey(name);
  if (ignored && availableIn(target, ignored.since)) {
    if (value?.type === 'object') {
      // dockerd replaces the object by its members before the unknown-key check, then ignores it.
      checkFlattenedMembers(r, value);
    }
    const why = ignored.use ? `; use "${ignored.use}"` : ignored.note ? `: ${ignored.note}` : '';
    const fix = [...(ignored.use ? [r.replaceFix(`Rename to "${ignored.use}"`, keyNode, JSON.stringify(ignored.use))] : []), r.removeFix(`Remove "${name}"`, prop)];
    r.report('ignored-key', 'warning', keyNode, `dockerd accepts "${name}" but ignores it${why}.`, { fix });
    return;
  }
  const rejected = findRejectedKey(name);
  const suggestion = ignored?.use ?? rejected?.use ?? closest(name, suggestionPool(target));
  const fix = [
    ...(suggestion && findKey(suggestion) ? [r.replaceFix(`Rename to "${suggestion}"`, keyNode, JSON.stringify(suggestion))] : []),
    r.removeFix(`Remove "${name}"`, prop),
  ];
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  if (value?.type === 'object' && !rejected) {
    const unknownMembers = checkFlattenedMembers(r, value);
    if (unknownMembers === 0) {
      r.report('ignored-object', 'warning', keyNode, `"${name}" is not a daemon option: dockerd only checks that its members are option names, then ignores all of it.${hint}`, { fix });
    }
    // Otherwise dockerd names the unknown members, which were reported above.
    return;
  }
  const reason = rejected ? ` (${rejected.reason})` : '';
  r.report('unknown-key', 'error', keyNode, `Unknown key "${name}"${reason}: ${REFUSES} ("the following directives don't match any configuration option").${hint}`, {
    stage: 'start',
    fix,
  });
}

/** Members of a flattened object are checked as top-level names only; returns how many are unknown. */
function checkFlattenedMembers(r: Reporter, obj: Node): number {
  let unknown = 0;
  for (const member of obj.children ?? []) {
    const keyNode = keyOf(member);
    const name = String(keyNode.value);
    const spec = findKey(name);
    const known = (spec && availableIn(r.target, spec.since, spec.removedIn)) || (findIgnoredKey(name) && availableIn(r.target, findIgnoredKey(name)?.since));
    if (known) continue;
    unknown++;
    const suggestion = closest(name, suggestionPool(r.target));
    r.report('unknown-key', 'error', keyNode, `dockerd reads the members of this object as top-level keys, and "${name}" is not one: ${REFUSES}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, { stage: 'start' });
  }
  return unknown;
}

function checkKnownValue(r: Reporter, spec: KeySpec, value: Node): void {
  if (value.type === 'null') {
    r.report('null-value', 'hint', value, `null leaves "${spec.name}" at its default${spec.default !== undefined ? ` (${JSON.stringify(spec.default)})` : ''}.`);
    return;
  }
  if (spec.name === 'log-opts') {
    checkLogOptsTypes(r, value);
    return;
  }
  if (spec.name === 'proxies' && value.type === 'object') {
    checkFlattenedMembers(r, value);
  }
  if (!checkShape(r, spec.name, spec.shape, value)) return;
  checkKeyValue(r, spec, value);
}

function checkLogOptsTypes(r: Reporter, value: Node): void {
  if (value.type !== 'object') {
    typeMismatch(r, 'log-opts', { t: 'map', values: { t: 'string' } }, value);
    return;
  }
  for (const member of value.children ?? []) {
    const v = valueOf(member);
    if (!v || v.type === 'string' || v.type === 'null') continue;
    const optName = String(keyOf(member).value);
    const literal = r.text.slice(v.offset, v.offset + v.length);
    const quotable = v.type === 'number' || v.type === 'boolean';
    r.report('log-opts-not-string', 'error', v, `log-opts values must be strings: ${REFUSES} ("json: cannot unmarshal ${v.type} into Go struct field Config.log-opts of type string"). Write "${optName}": ${JSON.stringify(quotable ? literal : '…')}.`, {
      stage: 'start',
      fix: quotable ? [r.replaceFix(`Quote the value: ${JSON.stringify(literal)}`, v, JSON.stringify(literal))] : [],
    });
  }
}

export function goTypeName(shape: Shape): string {
  switch (shape.t) {
    case 'boolean':
      return 'bool';
    case 'integer':
      return 'int';
    case 'string':
      return 'string';
    case 'size':
      return 'string or number (a size)';
    case 'array':
      return `[]${goTypeName(shape.items)}`;
    case 'map':
      return `map[string]${goTypeName(shape.values)}`;
    case 'object':
      return 'object';
  }
}

function describeShape(shape: Shape): string {
  switch (shape.t) {
    case 'boolean':
      return 'a boolean (true or false)';
    case 'integer':
      return 'an integer';
    case 'string':
      return 'a string';
    case 'size':
      return 'a size (string such as "64M", or a number of bytes)';
    case 'array':
      return `an array of ${describeShape(shape.items).replace(/^an? /, '')}s`;
    case 'map':
      return 'an object';
    case 'object':
      return 'an object';
  }
}

function typeFixes(r: Reporter, shape: Shape, node: Node): ReturnType<Reporter['replaceFix']>[] {
  const literal = r.text.slice(node.offset, node.offset + node.length);
  if (shape.t === 'boolean' && node.type === 'string' && (node.value === 'true' || node.value === 'false')) return [r.replaceFix(`Use ${node.value}`, node, String(node.value))];
  if (shape.t === 'integer' && node.type === 'string' && /^-?\d+$/.test(String(node.value))) return [r.replaceFix(`Use ${node.value}`, node, String(node.value))];
  if (shape.t === 'string' && (node.type === 'number' || node.type === 'boolean')) return [r.replaceFix(`Quote the value: ${JSON.stringify(literal)}`, node, JSON.stringify(literal))];
  if (shape.t === 'array' && shape.items.t === 'string' && node.type === 'string') return [r.replaceFix('Wrap the value in an array', node, `[${literal}]`)];
  return [];
}

function typeMismatch(r: Reporter, path: string, shape: Shape, node: Node): void {
  const got = node.type === 'number' && !Number.isInteger(node.value) ? 'a fractional number' : node.type === 'array' ? 'an array' : node.type === 'object' ? 'an object' : `a ${node.type}`;
  r.report('type-mismatch', 'error', node, `"${path}" must be ${describeShape(shape)}, not ${got}: ${REFUSES} ("json: cannot unmarshal ${node.type} into Go value of type ${goTypeName(shape)}").`, {
    stage: 'start',
    fix: typeFixes(r, shape, node),
  });
}

/** Go encoding/json rules for one value; returns false after reporting a mismatch. */
function checkShape(r: Reporter, path: string, shape: Shape, node: Node): boolean {
  if (node.type === 'null') return true;
  switch (shape.t) {
    case 'boolean':
      if (node.type !== 'boolean') return typeMismatch(r, path, shape, node), false;
      return true;
    case 'integer': {
      const literal = r.text.slice(node.offset, node.offset + node.length);
      if (node.type !== 'number' || !/^-?\d+$/.test(literal)) return typeMismatch(r, path, shape, node), false;
      if (!Number.isSafeInteger(Number(literal)) && (BigInt(literal) > 2n ** 63n - 1n || BigInt(literal) < -(2n ** 63n))) return typeMismatch(r, path, shape, node), false;
      return true;
    }
    case 'string':
      if (node.type !== 'string') return typeMismatch(r, path, shape, node), false;
      return true;
    case 'size':
      if (node.type !== 'string' && node.type !== 'number') return typeMismatch(r, path, shape, node), false;
      return true;
    case 'array': {
      if (node.type !== 'array') return typeMismatch(r, path, shape, node), false;
      let ok = true;
      for (const item of node.children ?? []) ok = checkShape(r, `${path}[]`, shape.items, item) && ok;
      return ok;
    }
    case 'map': {
      if (node.type !== 'object') return typeMismatch(r, path, shape, node), false;
      let ok = true;
      for (const member of node.children ?? []) {
        const v = valueOf(member);
        if (v) ok = checkShape(r, `${path}.${String(keyOf(member).value)}`, shape.values, v) && ok;
      }
      return ok;
    }
    case 'object': {
      if (node.type !== 'object') return typeMismatch(r, path, shape, node), false;
      let ok = true;
      const names = Object.keys(shape.props);
      for (const member of node.children ?? []) {
        const keyNode = keyOf(member);
        const name = String(keyNode.value);
        const field = names.find((n) => n === name) ?? names.find((n) => n.toLowerCase() === name.toLowerCase());
        const v = valueOf(member);
        if (!field) {
          const suggestion = closest(name, names);
          r.report('unknown-property', 'warning', keyNode, `dockerd does not read "${name}" in "${path}"; it is ignored.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, {
            fix: [...(suggestion ? [r.replaceFix(`Rename to "${suggestion}"`, keyNode, JSON.stringify(suggestion))] : []), r.removeFix(`Remove "${name}"`, member)],
          });
          continue;
        }
        if (v) ok = checkShape(r, `${path}.${field}`, shape.props[field].shape, v) && ok;
      }
      return ok;
    }
  }
}

/** All key names any engine accepts (for tests and completion). */
export function allKnownKeyNames(): string[] {
  return [...DAEMON_KEYS.map((k) => k.name), ...IGNORED_KEYS.map((k) => k.name)];
}
