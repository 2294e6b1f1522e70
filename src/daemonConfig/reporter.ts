// Collects problems and builds the text edits of quick fixes from jsonc-parser nodes.
import type { Node } from 'jsonc-parser';
import type { EngineVersion } from './engineVersion';
import type { Fix, Problem, Severity, TextEdit } from './problem';

export class Reporter {
  readonly problems: Problem[] = [];

  constructor(
    readonly text: string,
    readonly target: EngineVersion | undefined,
  ) {}

  report(ruleId: string, severity: Severity, node: Node | { offset: number; length: number }, message: string, extra: { fix?: Fix[]; stage?: 'start' | 'create' } = {}): void {
    const start = Math.max(0, Math.min(node.offset, this.text.length));
    const end = Math.max(start, Math.min(node.offset + node.length, this.text.length));
    const problem: Problem = { ruleId, severity, message, range: { start, end } };
    // A partial tree after a syntax error can describe nodes past the end of the text; drop such fixes.
    const fixes = (extra.fix ?? []).filter((f) => f.edits.every((e) => e.start >= 0 && e.start <= e.end && e.end <= this.text.length));
    this.problems.push({
      ...problem,
      ...(extra.stage ? { stage: extra.stage } : {}),
      ...(fixes.length > 0 ? { fix: fixes } : {}),
    });
  }

  /** Replace a node's text. */
  replaceFix(title: string, node: Node, newText: string): Fix {
    return { title, edits: [{ start: node.offset, end: node.offset + node.length, newText }] };
  }

  /** Remove a property (or array element) together with the comma that separates it from a neighbour. */
  removeFix(title: string, node: Node): Fix {
    return { title, edits: [this.removalEdit(node)] };
  }

  private removalEdit(node: Node): TextEdit {
    const siblings = node.parent?.children ?? [];
    const i = siblings.indexOf(node);
    if (i >= 0 && i < siblings.length - 1) return { start: node.offset, end: siblings[i + 1].offset, newText: '' };
    if (i > 0) {
      const prev = siblings[i - 1];
      return { start: prev.offset + prev.length, end: node.offset + node.length, newText: '' };
    }
    return { start: node.offset, end: node.offset + node.length, newText: '' };
  }

  /** Insert `"name": value` as the last member of an object node. */
  insertPropertyFix(title: string, objectNode: Node, name: string, valueJson: string): Fix {
    const members = objectNode.children ?? [];
    const member = `${JSON.stringify(name)}: ${valueJson}`;
    if (members.length === 0) {
      return { title, edits: [{ start: objectNode.offset + 1, end: objectNode.offset + 1, newText: member }] };
    }
    const last = members[members.length - 1];
    const at = last.offset + last.length;
    return { title, edits: [{ start: at, end: at, newText: `, ${member}` }] };
  }
}

/** The key node and the value node of a property node. */
export function keyOf(prop: Node): Node {
  return prop.children?.[0] ?? prop;
}
export function valueOf(prop: Node): Node | undefined {
  return prop.children?.[1];
}

export function jsonTypeName(node: Node): string {
  return node.type === 'number' && Number.isInteger(node.value) ? 'number' : node.type;
}
