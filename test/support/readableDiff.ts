/** A diff that shows tabs and trailing spaces: every line as JSON, differing ones as expected (CLI) then actual. */
export function readableDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lines: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) lines.push(`   ${JSON.stringify(a[i])}`);
    else {
      if (i < a.length) lines.push(`-  ${JSON.stringify(a[i])}`);
      if (i < b.length) lines.push(`+  ${JSON.stringify(b[i])}`);
    }
  }
  return `--- docker CLI\n+++ Swarmscope\n${lines.join('\n')}`;
}
