/**
 * daemon.json commands: Open daemon.json (the file dockerd reads, created as `{}` on request) and Validate with
 * dockerd (the local `dockerd --validate`, shown beside Swarmscope's own verdict).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './ids';
import { daemonJsonCandidates, DockerdVerdict, fileAccess, validateWithDockerd } from '../daemonConfig/locations';
import { validate } from '../daemonConfig/validate';

export interface OpenDaemonJsonArgs {
  /** open this file instead of looking for one */
  path?: string;
  /** create `{}` when the file is missing, without asking */
  create?: boolean;
}

export interface OpenDaemonJsonResult {
  status: 'opened' | 'created' | 'readonly' | 'dismissed' | 'failed';
  path?: string;
  message?: string;
}

export interface ValidateDaemonJsonResult {
  path: string;
  dockerd: DockerdVerdict;
  swarmscope: { errors: number; warnings: number };
}

export interface DaemonConfigCommandDeps {
  log: vscode.LogOutputChannel;
  connectedEngineVersion: () => string | undefined;
}

function configuredPath(): string | undefined {
  return vscode.workspace.getConfiguration('swarmscope.daemonJson').get<string>('path')?.trim() || undefined;
}

export function registerDaemonConfigCommands(context: vscode.ExtensionContext, deps: DaemonConfigCommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openDaemonJson, (args?: OpenDaemonJsonArgs) => openDaemonJson(args ?? {}, deps)),
    vscode.commands.registerCommand(Commands.validateDaemonJson, (arg?: vscode.Uri | { path?: string }) => validateDaemonJson(arg, deps)),
  );
}

async function openDaemonJson(args: OpenDaemonJsonArgs, deps: DaemonConfigCommandDeps): Promise<OpenDaemonJsonResult> {
  const candidates = args.path ? [args.path] : daemonJsonCandidates(process.env, os.homedir(), configuredPath());
  let file: string | undefined;
  for (const c of candidates) {
    if ((await fileAccess(c)).exists) {
      file = c;
      break;
    }
  }
  let status: OpenDaemonJsonResult['status'] = 'opened';
  if (!file) {
    const target = args.path ?? (await pickFileToCreate(candidates));
    if (!target) return { status: 'dismissed' };
    const ok = args.create === true || (await vscode.window.showInformationMessage(`${target} does not exist. Create it with "{}"?`, { modal: true }, 'Create')) === 'Create';
    if (!ok) return { status: 'dismissed' };
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, '{}\n', { flag: 'wx' });
      deps.log.info(`Created ${target}`);
      file = target;
      status = 'created';
    } catch (err) {
      const message = `Cannot create ${target}: ${(err as NodeJS.ErrnoException).code ?? String(err)}. Write it as root, or open an untitled daemon.json and save it with elevated rights.`;
      deps.log.error(message);
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', path: target, message };
    }
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  if (!(await fileAccess(file)).writable) {
    // VS Code cannot save it anyway: make that visible instead of failing on save.
    await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
    void vscode.window.showInformationMessage(`${file} is not writable for you; it is open read-only.`, 'Save As…').then(async (choice) => {
      if (choice === 'Save As…') await vscode.commands.executeCommand('workbench.action.files.saveAs');
    });
    return { status: 'readonly', path: file };
  }
  return { status, path: file };
}

async function pickFileToCreate(candidates: string[]): Promise<string | undefined> {
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: c, description: c.startsWith('/etc/') ? 'rootful dockerd' : c.includes('.config') ? 'rootless dockerd' : 'swarmscope.daemonJson.path' })),
    { title: 'No daemon.json found: create one', placeHolder: 'Which file does your dockerd read?' },
  );
  return picked?.label;
}

async function validateDaemonJson(arg: vscode.Uri | { path?: string } | undefined, deps: DaemonConfigCommandDeps): Promise<ValidateDaemonJsonResult | undefined> {
  const explicit = arg instanceof vscode.Uri ? arg.fsPath : arg?.path;
  const editorDoc = vscode.window.activeTextEditor?.document;
  const file = explicit ?? (editorDoc && path.basename(editorDoc.uri.fsPath) === 'daemon.json' ? editorDoc.uri.fsPath : undefined);
  if (!file) {
    void vscode.window.showWarningMessage('Open a daemon.json first (Swarmscope: Open daemon.json).');
    return undefined;
  }
  // Validate what the user sees: unsaved edits go through a temporary copy.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  const text = open ? open.getText() : await fs.promises.readFile(file, 'utf8');
  let checked = file;
  let tmpDir: string | undefined;
  if (open?.isDirty) {
    tmpDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'swarmscope-validate-'));
    checked = path.join(tmpDir, 'daemon.json');
    await fs.promises.writeFile(checked, text);
  }
  try {
    const dockerd = await validateWithDockerd(checked);
    const problems = validate(text, { engineVersion: vscode.workspace.getConfiguration('swarmscope.daemonJson').get<string>('engineVersion') || deps.connectedEngineVersion() });
    const swarmscope = {
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    };
    const ours = `Swarmscope: ${swarmscope.errors} error(s), ${swarmscope.warnings} warning(s)`;
    const theirs = dockerd.available ? `dockerd --validate: ${dockerd.message}` : dockerd.message;
    const note = dockerd.available && dockerd.ok && swarmscope.errors > 0 ? ' (dockerd --validate does not check log-opts or what fails only when a container starts)' : '';
    deps.log.info(`Validate ${file}: ${theirs} | ${ours}`);
    const show = dockerd.ok || !dockerd.available ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`${theirs} — ${ours}${note}`);
    return { path: file, dockerd, swarmscope };
  } finally {
    if (tmpDir) await fs.promises.rm(tmpDir, { recursive: true, force: true });
  }
}
