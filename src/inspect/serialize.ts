// The YAML and JSON views of an inspected object: the Engine's object itself, unchanged.

import { stringify } from 'yaml';

/** JSON with a 2-space indent and a final newline. */
export function renderJson(obj: unknown): string {
  return JSON.stringify(obj, null, 2) + '\n';
}

/** YAML of the same object; keys keep the Engine's order, long strings are not folded. */
export function renderYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}
