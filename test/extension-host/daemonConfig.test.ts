// daemon.json in real VS Code: diagnostics, a quick fix, schema completion inside log-opts, and no problem reported
// twice by the JSON language service and Swarmscope. Assumes the extension is active (registerDaemonConfigEditor)
// and package.json contributes the jsonValidation for daemon.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { until } from './helpers';

/** Polls until `probe` returns something other than undefined. */
function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  return until(what, async () => {
    const value = await probe();
    return value === undefined ? undefined : { value };
  }, timeoutMs).then((box) => box.value);
}

suite('daemon.json editor', () => {
  let dir: string;

  suiteSetup(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-daemon-json-'));
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'swarmscope');
    await ext?.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, text: string): Promise<vscode.TextDocument> {
    const sub = path.join(dir, `${Date.now()}-${Math.random().toString(16).slice(2)}`);
    fs.mkdirSync(sub);
    const file = path.join(sub, name);
    fs.writeFileSync(file, text);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'swarmscope');

  test('diagnostics appear for a daemon.json', async () => {
    const doc = await open('daemon.json', '{\n  "log-driver": "journald",\n  "log-opts": { "max-size": "10m" }\n}\n');
    const diags = await waitFor('the unknown log opt diagnostic', () => {
      const d = ours(doc.uri).filter((x) => x.code === 'log-opt-unknown');
      return d.length ? d : undefined;
    });
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(diags[0].range), '"max-size"');
    assert.match(diags[0].message, /refuses to start/);
  });

  test('a file with another name gets no Swarmscope diagnostics', async () => {
    const doc = await open('other.json', '{"log-opts": {"max-file": 3}}');
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(ours(doc.uri), []);
  });

  test('the quote quick fix applies and the diagnostic goes away', async () => {
    const doc = await open('daemon.json', '{"log-opts": {"max-size": "10m", "max-file": 3}}');
    const diag = await waitFor('log-opts-not-string', () => ours(doc.uri).find((d) => d.code === 'log-opts-not-string'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const quote = actions.find((a) => /Quote the value/.test(a.title));
    assert.ok(quote?.edit, `no quote action among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(quote.edit));
    assert.equal(doc.getText(), '{"log-opts": {"max-size": "10m", "max-file": "3"}}');
    await waitFor('the diagnostic to go away', () => (ours(doc.uri).some((d) => d.code === 'log-opts-not-string') ? undefined : true));
  });

  test('completion inside log-opts after "log-driver": "gelf" offers gelf options', async () => {
    const text = '{\n  "log-driver": "gelf",\n  "log-opts": {\n    \n  }\n}\n';
    const doc = await open('daemon.json', text);
    const position = new vscode.Position(3, 4);
    const labels = await waitFor('gelf completions from the schema', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
      return names.includes('gelf-address') ? names : undefined;
    });
    assert.ok(labels.includes('gelf-compression-type'));
    assert.ok(labels.includes('mode'), 'generic options are offered too');
    assert.ok(!labels.includes('max-size'), 'json-file options are not offered for gelf');
  });

  test('no problem is reported twice by the JSON service and Swarmscope', async () => {
    const doc = await open('daemon.json', '{\n  "tls-verify": true,\n  "debug": "yes",\n  "log-opts": {"max-file": 3},\n  "mtu": -1,\n}\n');
    // Wait until both sources have spoken: the JSON service reports the trailing comma, Swarmscope the rest.
    const all = await waitFor('diagnostics from both sources', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.some((x) => x.source === 'swarmscope') && d.some((x) => x.source !== 'swarmscope') ? d : undefined;
    });
    await new Promise((r) => setTimeout(r, 800));
    const settled = vscode.languages.getDiagnostics(doc.uri);
    assert.ok(settled.length >= all.length);
    const byRange = new Map<string, string[]>();
    for (const d of settled) {
      const key = `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
      byRange.set(key, [...(byRange.get(key) ?? []), `${d.source}: ${d.message}`]);
    }
    for (const [range, messages] of byRange) assert.equal(messages.length, 1, `${range} reported ${messages.length} times: ${messages.join(' | ')}`);
    const codes = settled.filter((d) => d.source === 'swarmscope').map((d) => String(d.code)).sort();
    // max-file without max-size also gets its info hint (json-file logs are not rotated).
    assert.deepEqual(codes, ['log-opt-no-effect', 'log-opts-not-string', 'negative-value', 'type-mismatch', 'unknown-key']);
    const service = settled.filter((d) => d.source !== 'swarmscope');
    assert.ok(service.some((d) => /trailing comma/i.test(d.message)), 'the JSON service reports the trailing comma');
    // The schema constrains nothing, so the JSON service must not report types, enums or unknown properties.
    for (const d of service) assert.doesNotMatch(d.message, /Incorrect type|not allowed|Value is not accepted/i);
  });
});
