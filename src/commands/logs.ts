/**
 * Log commands: Show Logs (with the settings' options, or With Options… through a few quick picks), Stop Logs and
 * Close Logs, from tree rows (stack, service, task), explicit arguments, or the palette. The streams live in
 * LogChannels (src/logs/channels.ts); a status-bar item lists the running ones while there are any.
 */
import * as vscode from 'vscode';
import type Dockerode from 'dockerode';
import { Commands } from './ids';
import { setContextKey } from '../views/contextKeys';
import { DockerConnection } from '../docker/connection';
import { ConnectionError } from '../docker/errors';
import { LogChannels, NamedLogTarget, ShowLogsOptions, logOptionsFromSettings, registerLogChannels } from '../logs/channels';
import { SinceError, parseSince } from '../logs/since';

const STACK_LABEL = 'com.docker.stack.namespace';
/** Lines kept per channel for the extension-host tests; nothing is kept in production. */
const TEST_RECENT_LINES = 5000;

export interface LogCommandDeps {
  connection: DockerConnection;
  log: vscode.LogOutputChannel;
}

/** Explicit arguments (tests, other commands): a stack by name, a service or task by name or ID. */
export interface LogCommandArgs {
  kind: 'service' | 'task' | 'stack';
  ref: string;
  options?: ShowLogsOptions;
}

/** What a tree row passes (ExplorerNode, or the test API's snapshot of it). */
interface TreeRowArg {
  kind: string;
  dockerId?: string;
  name?: string;
  label?: string | vscode.TreeItemLabel;
}

type CommandArg = LogCommandArgs | TreeRowArg | string | undefined;

function labelText(label: TreeRowArg['label']): string | undefined {
  return typeof label === 'string' ? label : label?.label;
}

/** Maps a command argument to its target and channel name; undefined when it names nothing usable. */
export function logTargetOf(arg: CommandArg): NamedLogTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const explicit = 'ref' in arg && typeof arg.ref === 'string' && arg.ref !== '' ? arg.ref : undefined;
  const row = arg as TreeRowArg;
  switch (arg.kind) {
    case 'stack': {
      const name = explicit ?? row.name ?? labelText(row.label);
      return name ? { target: { kind: 'stack', name }, name: `stack:${name}` } : undefined;
    }
    case 'service':
    case 'serviceRef': {
      const ref = explicit ?? row.dockerId ?? row.name;
      if (!ref) return undefined;
      return { target: { kind: 'service', ref }, name: explicit ?? row.name ?? labelText(row.label) ?? ref };
    }
    case 'task': {
      const ref = explicit ?? row.dockerId;
      if (!ref) return undefined;
      // Tree labels (`web.1`) repeat across a slot's history; the ID suffix keeps one channel per task.
      const label = labelText(row.label);
      return { target: { kind: 'task', ref }, name: explicit ?? (label ? `${label}.${ref.slice(0, 12)}` : ref) };
    }
    default:
      return undefined;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What the extension keeps of the log commands (its test API reads them). */
export interface LogCommands {
  readonly channels: LogChannels;
  recentLines(name: string): string[];
  running(): string[];
  open(): string[];
  /** The status-bar item's text, or undefined while it is hidden. */
  statusText(): string | undefined;
}

export function registerLogCommands(context: vscode.ExtensionContext, deps: LogCommandDeps): LogCommands {
  const getDocker = async (): Promise<Dockerode> => (await deps.connection.client()).docker;
  const channels = registerLogChannels(context, {
    getDocker,
    log: deps.log,
    recentLineCapacity: context.extensionMode === vscode.ExtensionMode.Production ? 0 : TEST_RECENT_LINES,
  });

  const statusItem = vscode.window.createStatusBarItem('swarmscope.logs', vscode.StatusBarAlignment.Left, 9);
  statusItem.name = 'Swarmscope Logs';
  statusItem.command = Commands.stopLogs;
  const updateState = (): void => {
    const running = channels.running();
    if (running.length === 0) {
      statusItem.hide();
    } else {
      statusItem.text = `$(output) ${running.length === 1 ? running[0] : `${running.length} log streams`}`;
      statusItem.tooltip = `Swarmscope log streams:\n${running.map((n) => `• ${n}`).join('\n')}\n\nClick to stop one.`;
      statusItem.show();
    }
    // Not in views/contextKeys.ts's key list (owned elsewhere); the keys only gate the Stop/Close menu entries.
    void setContextKey('swarmscope.logsRunning', running.length > 0);
    void setContextKey('swarmscope.logsOpen', channels.open().length > 0);
  };

  const start = async (target: NamedLogTarget, options: ShowLogsOptions | undefined): Promise<void> => {
    try {
      const run = await channels.show(target, options);
      void run.done.then((result) => {
        if (!result.ok) void vscode.window.showErrorMessage(`Logs of ${target.name}: ${result.error ?? 'the logs could not be read'}`);
      });
    } catch (err) {
      const message = err instanceof ConnectionError ? err.message : `Show Logs failed: ${errorText(err)}`;
      deps.log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  };

  const chooseTarget = async (arg: CommandArg, title: string): Promise<NamedLogTarget | undefined> => {
    const given = logTargetOf(arg);
    if (given) return given;
    try {
      return await pickTarget(await getDocker(), title);
    } catch (err) {
      const message = err instanceof ConnectionError ? err.message : `${title} failed: ${errorText(err)}`;
      deps.log.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };

  /** The channel a Stop/Close argument names, or a pick among `names` (none needed when there is one). */
  const chooseName = async (arg: CommandArg, names: string[], title: string): Promise<string | undefined> => {
    if (typeof arg === 'string') return arg;
    const given = logTargetOf(arg);
    if (given) return given.name;
    if (names.length <= 1) return names[0];
    return vscode.window.showQuickPick(names, { title, placeHolder: 'Log stream' });
  };

  context.subscriptions.push(
    statusItem,
    channels.onDidChange(updateState),
    // A new endpoint (settings, context, retry) ends every stream; drops of the same engine are resumed by the session.
    deps.connection.onDidChange((state) => {
      if (state.status === 'idle') channels.stopAll('the Docker connection changed');
    }),
    vscode.commands.registerCommand(Commands.showLogs, async (arg?: CommandArg) => {
      const target = await chooseTarget(arg, 'Show Logs');
      if (target) await start(target, (arg as LogCommandArgs | undefined)?.options);
    }),
    vscode.commands.registerCommand(Commands.showLogsWithOptions, async (arg?: CommandArg) => {
      const target = await chooseTarget(arg, 'Show Logs With Options');
      if (!target) return;
      const explicit = (arg as LogCommandArgs | undefined)?.options;
      const options = explicit ?? (await pickOptions(target.name, logOptionsFromSettings()));
      if (options) await start(target, options);
    }),
    vscode.commands.registerCommand(Commands.stopLogs, async (arg?: CommandArg) => {
      const name = await chooseName(arg, channels.running(), 'Stop Logs');
      if (name !== undefined && !channels.stop(name)) deps.log.info(`Stop Logs: no stream is running for ${name}`);
    }),
    vscode.commands.registerCommand(Commands.closeLogs, async (arg?: CommandArg) => {
      const name = await chooseName(arg, channels.open(), 'Close Logs');
      if (name !== undefined) channels.close(name);
    }),
  );
  updateState();
  return {
    channels,
    recentLines: (name) => channels.recentLines(name),
    running: () => channels.running(),
    open: () => channels.open(),
    statusText: () => (channels.running().length > 0 ? statusItem.text : undefined),
  };
}

type TargetItem = vscode.QuickPickItem & { target: NamedLogTarget };

/** Palette flow: one list request, stacks first, then services. */
async function pickTarget(docker: Dockerode, title: string): Promise<NamedLogTarget | undefined> {
  const items = docker.listServices().then((services) => {
    const stacks = new Map<string, number>();
    const serviceItems: TargetItem[] = [];
    for (const s of services) {
      const name = s.Spec?.Name ?? s.ID;
      const stack = s.Spec?.Labels?.[STACK_LABEL];
      if (stack) stacks.set(stack, (stacks.get(stack) ?? 0) + 1);
      serviceItems.push({
        label: `$(symbol-class) ${name}`,
        description: stack ? `service · stack ${stack}` : 'service',
        target: { target: { kind: 'service', ref: s.ID }, name },
      });
    }
    const stackItems: TargetItem[] = [...stacks].map(([stack, n]) => ({
      label: `$(layers) ${stack}`,
      description: `stack · ${n} service${n === 1 ? '' : 's'}`,
      target: { target: { kind: 'stack', name: stack }, name: `stack:${stack}` },
    }));
    const byLabel = (a: TargetItem, b: TargetItem): number => a.label.localeCompare(b.label);
    return [...stackItems.sort(byLabel), ...serviceItems.sort(byLabel)];
  });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Service or stack', matchOnDescription: true });
  return picked?.target;
}

type FlagKey = 'follow' | 'timestamps' | 'details' | 'raw' | 'noTaskIds' | 'noTrunc' | 'noResolve' | 'runningOnly';

const FLAGS: { key: FlagKey; label: string; detail: string }[] = [
  { key: 'follow', label: 'Follow', detail: 'Keep streaming new lines, and pick up new tasks (--follow)' },
  { key: 'timestamps', label: 'Timestamps', detail: 'Show timestamps (--timestamps)' },
  { key: 'details', label: 'Details', detail: 'Show extra details provided to logs (--details)' },
  { key: 'raw', label: 'Raw', detail: 'Do not neatly format logs: no task prefix (--raw)' },
  { key: 'noTaskIds', label: 'No task IDs', detail: 'Do not include task IDs in the prefix (--no-task-ids)' },
  { key: 'noTrunc', label: 'No trunc', detail: 'Do not truncate task IDs (--no-trunc)' },
  { key: 'noResolve', label: 'No resolve', detail: 'Show service and node IDs, not names (--no-resolve)' },
  { key: 'runningOnly', label: 'Running tasks only', detail: 'Skip history tasks (stopped, failed, replaced)' },
];

const STEPS = 4;

/** Show Logs With Options…: flags, tail, since, order; defaults from the settings. Undefined when cancelled. */
async function pickOptions(name: string, defaults: ShowLogsOptions): Promise<ShowLogsOptions | undefined> {
  const title = (step: number): string => `Logs of ${name} (${step}/${STEPS})`;
  const flagItems = FLAGS.map((f) => ({ ...f, picked: defaults[f.key] === true }));
  const flags = await vscode.window.showQuickPick(flagItems, { title: title(1), placeHolder: 'Options (Enter to continue)', canPickMany: true });
  if (!flags) return undefined;
  const options: ShowLogsOptions = { ...defaults };
  for (const f of FLAGS) options[f.key] = flags.some((p) => p.key === f.key);

  const tail = await vscode.window.showInputBox({
    title: title(2),
    prompt: 'Lines to show from the end of each task’s log, or "all"',
    value: String(defaults.tail ?? 200),
    validateInput: (v) => (/^(all|\d+)$/.test(v.trim()) ? undefined : 'A number of lines, or "all"'),
  });
  if (tail === undefined) return undefined;
  options.tail = tail.trim() === 'all' ? 'all' : Number(tail.trim());

  const since = await vscode.window.showInputBox({
    title: title(3),
    prompt: 'Show lines since: a duration (10m, 1h30m), an RFC 3339 time, or unix seconds. Empty: from the tail',
    value: defaults.since ?? '',
    validateInput: (v) => {
      if (v.trim() === '') return undefined;
      try {
        parseSince(v.trim());
        return undefined;
      } catch (err) {
        if (err instanceof SinceError) return err.message;
        throw err;
      }
    },
  });
  if (since === undefined) return undefined;
  options.since = since.trim() === '' ? undefined : since.trim();

  const orders = [
    { label: 'Chronological', detail: 'Merge the tasks by the engine’s timestamps', value: 'chronological' as const },
    { label: 'Arrival', detail: 'Show lines as they arrive, like docker service logs', value: 'arrival' as const },
  ];
  if (defaults.order === 'arrival') orders.reverse();
  const order = await vscode.window.showQuickPick(orders, { title: title(4), placeHolder: 'Order of lines across tasks' });
  if (!order) return undefined;
  options.order = order.value;
  return options;
}
