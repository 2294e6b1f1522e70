/**
 * Network, secret and config commands: Create Overlay Network, Remove Network; Create Secret / Config (input box —
 * password mode for secrets —, a file, or the editor selection), Remove, and Rotate… (create `name-v2` and move the
 * services to it, after a preview). Removal explains which services still use the object instead of failing.
 *
 * Secret values never reach the log, a notification or an error message, and are dropped right after the request.
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { engineRequest } from '../operations/engineApi';
import {
  FileObjectKind,
  NetworkForm,
  RemovalResult,
  createFileObject,
  createNetwork,
  findNetwork,
  planRotation,
  removeFileObject,
  removeNetwork,
  rotateFileObject,
  validateNetworkForm,
} from '../operations/resources';
import {
  parseLabel,
  parseSubnet,
  validateGateway,
  validateNetworkName,
  validateSecretOrConfigName,
} from '../operations/validate';
import { Commands } from './ids';
import { CommandResult, ConfirmArgs, argsOf, targetsOf } from './swarm';
import type { OperationRunner } from './swarm';

export interface CreateNetworkArgs extends ConfirmArgs {
  form?: NetworkForm;
}

export interface NetworkArgs extends ConfirmArgs {
  network?: string;
}

/** Where a secret's or config's value comes from: exactly one of value, file, fromSelection. */
export interface FileObjectValueArgs {
  value?: string;
  /** Path of a file whose bytes are the value. */
  file?: string;
  /** The active editor's selection. */
  fromSelection?: boolean;
}

export interface CreateFileObjectArgs extends FileObjectValueArgs {
  name?: string;
  labels?: string[];
}

export interface FileObjectArgs extends ConfirmArgs {
  secret?: string;
  config?: string;
}

export interface RotateArgs extends FileObjectArgs, FileObjectValueArgs {
  /** Name of the new object; default `<name>-v2` (or the next -vN). */
  newName?: string;
}

const NOUN: Record<FileObjectKind, string> = { secret: 'Secret', config: 'Config' };

function selectionBytes(): Buffer | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  return Buffer.from(editor.document.getText(editor.selection), 'utf8');
}

/** The value from the arguments, or asked for: input box (password mode for secrets), file, or the selection. */
async function readValue(runner: OperationRunner, kind: FileObjectKind, name: string, args: FileObjectValueArgs): Promise<Buffer | undefined> {
  if (args.value !== undefined) return Buffer.from(args.value, 'utf8');
  if (args.file !== undefined) return fs.readFile(args.file);
  if (args.fromSelection) {
    const bytes = selectionBytes();
    if (!bytes) throw new Error('There is no selected text in the active editor.');
    return bytes;
  }
  const choices = [
    { label: kind === 'secret' ? 'Type the value' : 'Type the content', source: 'input' },
    { label: 'From a file…', source: 'file' },
    ...(selectionBytes() ? [{ label: 'From the editor selection', source: 'selection' }] : []),
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: `${NOUN[kind]} ${name}: value`, ignoreFocusOut: true });
  if (!picked) return undefined;
  switch (picked.source) {
    case 'file': {
      const uris = await vscode.window.showOpenDialog({ canSelectMany: false, title: `${NOUN[kind]} ${name}: file` });
      return uris?.[0] ? Buffer.from(await vscode.workspace.fs.readFile(uris[0])) : undefined;
    }
    case 'selection':
      return selectionBytes();
    default: {
      const value = await runner.input({
        title: `${NOUN[kind]} ${name}: value`,
        prompt: kind === 'secret' ? 'The value is sent to the swarm only; it is never shown or logged.' : 'Content of the config',
        password: kind === 'secret',
        validateInput: (v) => (v === '' ? 'The value cannot be empty.' : undefined),
      });
      return value === undefined ? undefined : Buffer.from(value, 'utf8');
    }
  }
}

async function pickObject(runner: OperationRunner, kind: 'networks' | 'secrets' | 'configs', title: string): Promise<string | undefined> {
  const docker = await runner.docker();
  let items: { label: string; id: string; description?: string }[];
  if (kind === 'networks') {
    const list = await engineRequest<{ Id: string; Name: string; Scope?: string; Driver?: string }[]>(docker, { method: 'GET', path: '/networks' });
    items = list.filter((n) => n.Scope === 'swarm').map((n) => ({ label: n.Name, id: n.Id, description: n.Driver }));
  } else {
    const list = await engineRequest<{ ID: string; Spec: { Name: string } }[]>(docker, { method: 'GET', path: `/${kind}` });
    items = list.map((o) => ({ label: o.Spec.Name, id: o.ID }));
  }
  const picked = await vscode.window.showQuickPick(items.sort((a, b) => a.label.localeCompare(b.label)), { title, ignoreFocusOut: true });
  return picked?.id;
}

async function guidedNetworkForm(runner: OperationRunner): Promise<NetworkForm | undefined> {
  const name = await runner.input({ title: 'Create Overlay Network (1/5)', prompt: 'Network name', validateInput: validateNetworkName });
  if (name === undefined) return undefined;
  const options = await vscode.window.showQuickPick(
    [
      { label: 'attachable', description: 'standalone containers may connect too', picked: true },
      { label: 'encrypted', description: 'IPsec between nodes (data plane)' },
      { label: 'internal', description: 'no access to external networks' },
    ],
    { title: 'Create Overlay Network (2/5): options', canPickMany: true, ignoreFocusOut: true },
  );
  if (!options) return undefined;
  const has = (label: string): boolean => options.some((o) => o.label === label);
  const subnet = await runner.input({
    title: 'Create Overlay Network (3/5)',
    prompt: 'Subnet in CIDR form, e.g. 10.20.0.0/24 (empty: from the swarm address pool)',
    validateInput: (v) => {
      if (v.trim() === '') return undefined;
      const p = parseSubnet(v);
      return p.ok ? undefined : p.error;
    },
  });
  if (subnet === undefined) return undefined;
  let gateway: string | undefined = '';
  if (subnet.trim() !== '') {
    gateway = await runner.input({
      title: 'Create Overlay Network (4/5)',
      prompt: 'Gateway (empty: the first address of the subnet)',
      validateInput: (v) => (v.trim() === '' ? undefined : validateGateway(v, subnet)),
    });
    if (gateway === undefined) return undefined;
  }
  const labels: string[] = [];
  for (;;) {
    const label = await runner.input({
      title: 'Create Overlay Network (5/5)',
      prompt: `Label key=value${labels.length ? ` — so far: ${labels.join(', ')}` : ''}. Leave empty to continue.`,
      validateInput: (v) => {
        if (v.trim() === '') return undefined;
        const p = parseLabel(v);
        return p.ok ? undefined : p.error;
      },
    });
    if (label === undefined) return undefined;
    if (label.trim() === '') break;
    labels.push(label.trim());
  }
  return {
    name: name.trim(),
    attachable: has('attachable'),
    encrypted: has('encrypted'),
    internal: has('internal'),
    subnet: subnet.trim() || undefined,
    gateway: gateway.trim() || undefined,
    labels,
  };
}

export function registerResourceCommands(context: vscode.ExtensionContext, runner: OperationRunner): void {
  /** The removal outcome as a command result: "in use" is explained, not an engine error. */
  const removalResult = (kind: string, result: RemovalResult): CommandResult<{ removed: boolean; usedBy: string[] }> => {
    if (!result.removed) {
      runner.warn(result.explanation);
      return { status: 'done', removed: false, usedBy: result.usedBy.map((u) => u.serviceName) };
    }
    runner.info(`${kind} ${result.name} was removed.`);
    return { status: 'done', removed: true, usedBy: [] };
  };

  const createNet = (arg?: unknown): Promise<CommandResult<{ id: string; name: string }>> =>
    runner.run<{ id: string; name: string }>('Create Network', async () => {
      const args = argsOf<CreateNetworkArgs>(arg) ?? {};
      const form = args.form ?? (await guidedNetworkForm(runner));
      if (!form) return { status: 'dismissed' };
      const problems = validateNetworkForm(form);
      if (problems.length > 0) return runner.fail('Create Network', new Error(problems.join(' ')));
      const created = await createNetwork(await runner.docker(), form);
      runner.info(`Overlay network ${created.name} created.`);
      return { status: 'done', ...created };
    });

  const removeNet = (first?: unknown, second?: unknown): Promise<CommandResult<{ removed: boolean; usedBy: string[] }>> =>
    runner.run<{ removed: boolean; usedBy: string[] }>('Remove Network', async () => {
      const args = argsOf<NetworkArgs>(first);
      const id = targetsOf(first, second, ['network'], 'network')?.[0] ?? (await pickObject(runner, 'networks', 'Remove which network?'));
      if (!id) return { status: 'dismissed' };
      const docker = await runner.docker();
      const network = await findNetwork(docker, id);
      const ok = await runner.confirm(args, `Remove network ${network.name}?`, undefined, 'Remove');
      if (!ok) return { status: 'declined' };
      return removalResult('Network', await removeNetwork(docker, network.id));
    });

  const createObject = (kind: FileObjectKind, fromSelection: boolean) => (arg?: unknown): Promise<CommandResult<{ id: string; name: string }>> =>
    runner.run<{ id: string; name: string }>(`Create ${NOUN[kind]}`, async () => {
      const args = argsOf<CreateFileObjectArgs>(arg) ?? {};
      const name =
        args.name ?? (await runner.input({ title: `Create ${NOUN[kind]}`, prompt: `${NOUN[kind]} name`, validateInput: (v) => validateSecretOrConfigName(v.trim(), kind) }));
      if (name === undefined) return { status: 'dismissed' };
      const data = await readValue(runner, kind, name.trim(), fromSelection ? { ...args, fromSelection: true } : args);
      if (!data) return { status: 'dismissed' };
      const created = await createFileObject(await runner.docker(), kind, { name: name.trim(), data, labels: args.labels });
      runner.info(`${NOUN[kind]} ${created.name} created.`);
      return { status: 'done', ...created };
    });

  const removeObject = (kind: FileObjectKind) => (first?: unknown, second?: unknown): Promise<CommandResult<{ removed: boolean; usedBy: string[] }>> =>
    runner.run<{ removed: boolean; usedBy: string[] }>(`Remove ${NOUN[kind]}`, async () => {
      const args = argsOf<FileObjectArgs>(first);
      const id = targetsOf(first, second, [kind], kind)?.[0] ?? (await pickObject(runner, `${kind}s`, `Remove which ${kind}?`));
      if (!id) return { status: 'dismissed' };
      const docker = await runner.docker();
      const object = await engineRequest<{ ID: string; Spec: { Name: string } }>(docker, { method: 'GET', path: `/${kind}s/${encodeURIComponent(id)}` });
      const ok = await runner.confirm(args, `Remove ${kind} ${object.Spec.Name}?`, 'This cannot be undone.', 'Remove');
      if (!ok) return { status: 'declined' };
      return removalResult(NOUN[kind], await removeFileObject(docker, kind, object.ID));
    });

  const rotateObject = (kind: FileObjectKind) => (first?: unknown, second?: unknown): Promise<CommandResult<{ created: string; updated: string[] }>> =>
    runner.run<{ created: string; updated: string[] }>(`Rotate ${NOUN[kind]}`, async () => {
      const args = argsOf<RotateArgs>(first) ?? {};
      const id = targetsOf(first, second, [kind], kind)?.[0] ?? (await pickObject(runner, `${kind}s`, `Rotate which ${kind}?`));
      if (!id) return { status: 'dismissed' };
      const docker = await runner.docker();
      const plan = await planRotation(docker, kind, id, args.newName);
      const ok = await runner.confirm(args, `Rotate ${kind} ${plan.from.name} to ${plan.toName}?`, plan.preview.join('\n'), 'Rotate');
      if (!ok) return { status: 'declined' };
      const data = await readValue(runner, kind, plan.toName, args);
      if (!data) return { status: 'dismissed' };
      runner.log.info(`Rotating ${kind} ${plan.from.name} → ${plan.toName}: ${plan.services.map((s) => s.serviceName).join(', ') || 'no services'}`);
      const result = await rotateFileObject(docker, plan, data);
      runner.info(
        `${NOUN[kind]} ${result.created.name} created${result.updated.length ? `; ${result.updated.map((u) => u.name).join(', ')} now use${result.updated.length === 1 ? 's' : ''} it` : ''}. ${plan.from.name} is kept until you remove it.`,
      );
      return { status: 'done', created: result.created.name, updated: result.updated.map((u) => u.name) };
    });

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.createNetwork, createNet),
    vscode.commands.registerCommand(Commands.removeNetwork, removeNet),
    vscode.commands.registerCommand(Commands.createSecret, createObject('secret', false)),
    vscode.commands.registerCommand(Commands.createSecretFromSelection, createObject('secret', true)),
    vscode.commands.registerCommand(Commands.removeSecret, removeObject('secret')),
    vscode.commands.registerCommand(Commands.rotateSecret, rotateObject('secret')),
    vscode.commands.registerCommand(Commands.createConfig, createObject('config', false)),
    vscode.commands.registerCommand(Commands.createConfigFromSelection, createObject('config', true)),
    vscode.commands.registerCommand(Commands.removeConfig, removeObject('config')),
    vscode.commands.registerCommand(Commands.rotateConfig, rotateObject('config')),
  );
}
