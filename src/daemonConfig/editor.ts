// VS Code glue for daemon.json: diagnostics from the validator and quick fixes. The only file of this folder
// that imports vscode. Completions and hovers come from the JSON schema contributed in package.json.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { JSON_SERVICE_RULES, type Problem } from './problem';
import { validate } from './validate';

const DEBOUNCE_MS = 300;
const SOURCE = 'swarmscope';

export interface DaemonConfigEditorOptions {
  /** Version of the connected engine, when known; the setting swarmscope.daemonJson.engineVersion wins. */
  readonly connectedEngineVersion?: () => string | undefined;
}

function isDaemonJson(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git') return false;
  if (path.posix.basename(doc.uri.path) === 'daemon.json') return true;
  const globs = vscode.workspace.getConfiguration('swarmscope.daemonJson', doc.uri).get<string[]>('globs', []);
  return globs.some((pattern) => typeof pattern === 'string' && pattern !== '' && vscode.languages.match({ pattern }, doc) > 0);
}

function toSeverity(s: Problem['severity']): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

/** Drop what VS Code's own JSON service already reports for this document (syntax, comments, duplicates). */
function withoutJsonServiceDuplicates(doc: vscode.TextDocument, problems: Problem[]): Problem[] {
  const jsonServiceOn = (doc.languageId === 'json' || doc.languageId === 'jsonc') && vscode.workspace.getConfiguration('json', doc.uri).get<boolean>('validate.enable', true);
  if (!jsonServiceOn) return problems;
  return problems.filter((p) => !JSON_SERVICE_RULES.has(p.ruleId) || (doc.languageId === 'jsonc' && p.ruleId === 'json-comment'));
}

class DaemonConfigDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('swarmscope-daemon-json');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly problems = new Map<string, { version: number; problems: Problem[] }>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly options: DaemonConfigEditorOptions,
  ) {}

  schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!isDaemonJson(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lint(doc);
      }, delay),
    );
  }

  lint(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const engineVersion = vscode.workspace.getConfiguration('swarmscope.daemonJson', doc.uri).get<string>('engineVersion', '') || this.options.connectedEngineVersion?.() || undefined;
    const problems = withoutJsonServiceDuplicates(doc, validate(doc.getText(), { engineVersion }));
    this.problems.set(doc.uri.toString(), { version: doc.version, problems });
    this.collection.set(
      doc.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.range.start), doc.positionAt(p.range.end)), p.message, toSeverity(p.severity));
        d.source = SOURCE;
        d.code = p.ruleId;
        return d;
      }),
    );
    this.log.debug(`daemon.json lint ${doc.uri.fsPath}: ${problems.length} problem(s) for engine ${engineVersion ?? 'latest'}`);
  }

  forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.problems.delete(key);
    this.collection.delete(doc.uri);
  }

  relintAll(): void {
    this.collection.clear();
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.problems.get(doc.uri.toString());
    if (!entry || entry.version !== doc.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const problem = entry.problems.find(
        (p) => p.ruleId === diagnostic.code && p.message === diagnostic.message && doc.offsetAt(diagnostic.range.start) === p.range.start,
      );
      problem?.fix?.forEach((fix, i) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = i === 0;
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
        actions.push(action);
      });
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
  }
}

export function registerDaemonConfigEditor(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, options: DaemonConfigEditorOptions = {}): void {
  const diagnostics = new DaemonConfigDiagnostics(log, options);
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument((doc) => diagnostics.schedule(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => diagnostics.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.forget(doc)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('swarmscope.daemonJson') || e.affectsConfiguration('json.validate.enable')) diagnostics.relintAll();
    }),
    vscode.languages.registerCodeActionsProvider([{ language: 'json' }, { language: 'jsonc' }, { pattern: '**/daemon.json' }], diagnostics, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
  for (const doc of vscode.workspace.textDocuments) diagnostics.schedule(doc, 0);
}
