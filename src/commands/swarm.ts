/**
 * Swarm operations from the editor: the shared glue every operation command uses (targets from tree items or
 * explicit arguments, modal confirmations, engine errors as short notifications with details in the log, rollout
 * progress), the registration of all operation command groups, and the swarm membership commands (init, join,
 * leave, join command, token rotation, unlock, unlock key).
 *
 * Every command also runs with one explicit argument object and no UI (tests, keybindings): missing fields are
 * asked for, and a confirmation is skipped only when the object says `confirm: true` (or `false` to decline).
 */
import * as os from 'node:os';
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';
import { DockerConnection } from '../docker/connection';
import { OperationError, operationError } from '../operations/engineApi';
import { RolloutKind, RolloutOutcome, watchRollout } from '../operations/rollout';
import {
  JoinRole,
  initSwarm,
  joinCommand,
  joinSwarm,
  leaveSwarm,
  planLeave,
  rotateJoinToken,
  unlockKey,
  unlockSwarm,
} from '../operations/swarm';
import { parseManagerAddress, validateAdvertiseAddress, validateJoinToken, validateUnlockKey } from '../operations/validate';
import { Commands } from './ids';
import { registerNodeCommands } from './nodes';
import { registerResourceCommands } from './resources';
import { registerServiceCommands } from './services';

export interface OperationCommandDeps {
  connection: DockerConnection;
  log: vscode.LogOutputChannel;
}

/** What every operation command resolves to, so callers (tests, other commands) see the effect. */
export type CommandResult<T extends object = object> =
  | ({ status: 'done' } & T)
  | { status: 'declined' }
  | { status: 'dismissed' }
  | { status: 'failed'; error: string };

/** Rollout watching options a command's arguments may carry; `false` skips the progress notification. */
export type WatchArgs = false | { stableMs?: number; stuckMs?: number; timeoutMs?: number; pollMs?: number };

export interface ConfirmArgs {
  /** Pre-answers the confirmation: true proceeds, false declines. Absent: the modal asks. */
  confirm?: boolean;
}

/** A row of the Swarmscope explorer as commands receive it (views/explorer passes its ExplorerNode). */
export interface TreeItemLike {
  kind: string;
  contextValue: string;
  dockerId?: string;
  name?: string;
}

export function isTreeItem(value: unknown): value is TreeItemLike {
  return typeof value === 'object' && value !== null && typeof (value as TreeItemLike).contextValue === 'string' && typeof (value as TreeItemLike).kind === 'string';
}

/** Plain argument objects (not tree items, not URIs). */
export function argsOf<T extends object>(value: unknown): T | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isTreeItem(value) || value instanceof vscode.Uri) return undefined;
  return value as T;
}

/**
 * The Docker IDs or names a command targets: the multi-selection (second argument of a context-menu command),
 * else the clicked tree item, else `args[field]` (a string or an array), else a plain string argument.
 */
export function targetsOf(first: unknown, second: unknown, kinds: readonly string[], field: string, listField?: string): string[] | undefined {
  const fromItem = (item: unknown): string | undefined =>
    isTreeItem(item) && kinds.includes(item.kind) ? (item.dockerId ?? item.name) : undefined;
  if (Array.isArray(second) && second.length > 0) {
    const ids = second.map(fromItem).filter((id): id is string => id !== undefined);
    if (ids.length > 0) return ids;
  }
  const single = fromItem(first);
  if (single) return [single];
  if (typeof first === 'string' && first !== '') return [first];
  const args = argsOf<Record<string, unknown>>(first);
  if (args) {
    const list = listField ? args[listField] : undefined;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string') && list.length > 0) return list as string[];
    const one = args[field];
    if (typeof one === 'string' && one !== '') return [one];
  }
  return undefined;
}

const ROLLOUT_TITLE: Record<RolloutKind, string> = { create: 'Creating', scale: 'Scaling', update: 'Updating', rollback: 'Rolling back' };

/** Shared behaviour of the operation commands. */
export class OperationRunner {
  constructor(readonly deps: OperationCommandDeps) {}

  get log(): vscode.LogOutputChannel {
    return this.deps.log;
  }

  async docker(): Promise<Dockerode> {
    return (await this.deps.connection.client()).docker;
  }

  /** The engine's message in a short notification, the details in the log. Resolves to the result to return. */
  fail(what: string, err: unknown): { status: 'failed'; error: string } {
    const e = err instanceof OperationError ? err : operationError(err);
    const message = e.message;
    this.log.error(`${what} failed: ${message}`);
    if (e.cause instanceof Error && e.cause.stack) this.log.debug(e.cause.stack);
    this.deps.connection.reportFailure(e.cause ?? e);
    void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show(true);
    });
    return { status: 'failed', error: message };
  }

  /** Runs a command body: every error becomes a notification and a `failed` result, never an unhandled rejection. */
  async run<T extends object>(what: string, body: () => Promise<CommandResult<T>>): Promise<CommandResult<T>> {
    try {
      return await body();
    } catch (err) {
      return this.fail(what, err);
    }
  }

  /** A modal confirmation, or the pre-answer of explicit arguments. Logs what was decided. */
  async confirm(args: ConfirmArgs | undefined, message: string, detail: string | undefined, action: string): Promise<boolean> {
    if (args && typeof args.confirm === 'boolean') {
      this.log.info(`${message} — ${args.confirm ? 'confirmed' : 'declined'} by the command's arguments`);
      return args.confirm;
    }
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return choice === action;
  }

  info(message: string): void {
    this.log.info(message);
    void vscode.window.showInformationMessage(message);
  }

  warn(message: string): void {
    this.log.warn(message);
    void vscode.window.showWarningMessage(message, 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show(true);
    });
  }

  /**
   * A cancellable progress notification that follows the rollout to its outcome, then reports it. Cancelling
   * stops watching only, and says so.
   */
  async followRollout(serviceId: string, name: string, kind: RolloutKind, watch: WatchArgs | undefined): Promise<RolloutOutcome | undefined> {
    if (watch === false) return undefined;
    const docker = await this.docker();
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${ROLLOUT_TITLE[kind]} ${name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await watchRollout(docker, serviceId, {
            kind,
            signal: abort.signal,
            onProgress: (message) => progress.report({ message }),
            ...(watch ?? {}),
          });
        } finally {
          sub.dispose();
        }
      },
    );
    const line = `${ROLLOUT_TITLE[kind]} ${name}: ${outcome.kind} — ${outcome.message}`;
    switch (outcome.kind) {
      case 'converged':
      case 'cancelled':
        this.info(outcome.message);
        break;
      case 'removed':
        this.warn(outcome.message);
        break;
      default:
        this.log.error(line);
        void vscode.window.showErrorMessage(outcome.message, 'Show Log').then((choice) => {
          if (choice === 'Show Log') this.log.show(true);
        });
    }
    if (outcome.kind === 'converged' || outcome.kind === 'cancelled') this.log.info(line);
    return outcome;
  }

  /** An input box whose value is validated as typed; undefined when dismissed. */
  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  }
}

// ---- registration ---------------------------------------------------------------------------------------------

/** Registers every operation command (swarm, nodes, services, networks/secrets/configs). */
export function registerOperationCommands(context: vscode.ExtensionContext, deps: OperationCommandDeps): void {
  const runner = new OperationRunner(deps);
  registerSwarmCommands(context, runner);
  registerNodeCommands(context, runner);
  registerServiceCommands(context, runner);
  registerResourceCommands(context, runner);
}

// ---- swarm membership -----------------------------------------------------------------------------------------

export interface InitSwarmArgs extends ConfirmArgs {
  advertiseAddr?: string;
  listenAddr?: string;
  autolock?: boolean;
}

export interface JoinSwarmArgs extends ConfirmArgs {
  token?: string;
  managerAddr?: string;
  advertiseAddr?: string;
  listenAddr?: string;
}

export interface LeaveSwarmArgs extends ConfirmArgs {
  /** Ask to leave with force (a manager always needs it); still needs `confirmForce`. */
  force?: boolean;
  /** Pre-answers the second confirmation that force needs. */
  confirmForce?: boolean;
}

export interface RoleArgs extends ConfirmArgs {
  role?: JoinRole;
}

export interface UnlockArgs {
  key?: string;
}

export interface ShowUnlockKeyArgs {
  /** Copy the key to the clipboard without showing it. */
  copy?: boolean;
}

/** The host's own IPv4/IPv6 addresses, for the advertise address picker (useful when the engine is local). */
function hostAddresses(): { label: string; description: string }[] {
  const out: { label: string; description: string }[] = [];
  for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (!a.internal) out.push({ label: a.address, description: `${name} (${a.family})` });
    }
  }
  return out;
}

async function pickAdvertiseAddress(runner: OperationRunner): Promise<string | undefined> {
  const TYPE = 'Type an address or interface…';
  const items: vscode.QuickPickItem[] = [...hostAddresses(), { label: TYPE, description: 'for a remote engine, or another port' }];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Initialize Swarm: advertise address',
    placeHolder: 'The address other nodes use to reach this manager (addresses of this machine are listed)',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.label !== TYPE) return picked.label;
  return runner.input({ title: 'Initialize Swarm: advertise address', prompt: 'IP address or interface name, optionally with :port', validateInput: validateAdvertiseAddress });
}

async function pickRole(title: string): Promise<JoinRole | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'worker', description: 'runs tasks' },
      { label: 'manager', description: 'runs tasks and takes part in the Raft quorum' },
    ],
    { title, ignoreFocusOut: true },
  );
  return picked?.label as JoinRole | undefined;
}

function registerSwarmCommands(context: vscode.ExtensionContext, runner: OperationRunner): void {
  const { connection } = runner.deps;
  const reconnect = async (): Promise<void> => {
    await connection.reconnect();
  };

  const init = (arg?: unknown): Promise<CommandResult<{ nodeId: string }>> =>
    runner.run<{ nodeId: string }>('Initialize Swarm', async () => {
      const args = argsOf<InitSwarmArgs>(arg) ?? {};
      const advertiseAddr = args.advertiseAddr ?? (await pickAdvertiseAddress(runner));
      if (advertiseAddr === undefined) return { status: 'dismissed' };
      const endpoint = (await connection.client()).endpoint.host;
      const ok = await runner.confirm(
        args,
        `Initialize a new swarm on ${endpoint}, advertising ${advertiseAddr || 'the address the engine picks'}?`,
        'The engine becomes the first manager of a new single-node swarm.',
        'Initialize',
      );
      if (!ok) return { status: 'declined' };
      const docker = await runner.docker();
      const result = await initSwarm(docker, { advertiseAddr, listenAddr: args.listenAddr, autolock: args.autolock });
      runner.info(`Swarm initialized; this node (${result.nodeId.slice(0, 12)}) is its manager.`);
      await reconnect();
      return { status: 'done', nodeId: result.nodeId };
    });

  const join = (arg?: unknown): Promise<CommandResult> =>
    runner.run('Join Swarm', async () => {
      const args = argsOf<JoinSwarmArgs>(arg) ?? {};
      let token = args.token;
      if (token === undefined) {
        const role = await pickRole('Join Swarm as');
        if (!role) return { status: 'dismissed' };
        token = await runner.input({
          title: `Join Swarm as ${role}: join token`,
          prompt: `On a manager: docker swarm join-token -q ${role}`,
          password: true,
          validateInput: validateJoinToken,
        });
        if (token === undefined) return { status: 'dismissed' };
      }
      const managerAddr =
        args.managerAddr ??
        (await runner.input({
          title: 'Join Swarm: manager address',
          prompt: 'host:port of a manager (port 2377 when omitted)',
          validateInput: (v) => {
            const p = parseManagerAddress(v);
            return p.ok ? undefined : p.error;
          },
        }));
      if (managerAddr === undefined) return { status: 'dismissed' };
      const endpoint = (await connection.client()).endpoint.host;
      const ok = await runner.confirm(args, `Join the engine at ${endpoint} to the swarm managed at ${managerAddr}?`, undefined, 'Join');
      if (!ok) return { status: 'declined' };
      const docker = await runner.docker();
      // The token is a credential: it is sent, never logged.
      await joinSwarm(docker, { token, managerAddr, advertiseAddr: args.advertiseAddr, listenAddr: args.listenAddr });
      runner.info(`Joined the swarm at ${managerAddr}.`);
      await reconnect();
      return { status: 'done' };
    });

  const leave = (arg?: unknown): Promise<CommandResult<{ forced: boolean; warning?: string }>> =>
    runner.run<{ forced: boolean; warning?: string }>('Leave Swarm', async () => {
      const args = argsOf<LeaveSwarmArgs>(arg) ?? {};
      const docker = await runner.docker();
      const plan = await planLeave(docker);
      const question =
        plan.role === 'manager'
          ? `${plan.hostname} is a manager. Leave the swarm anyway?`
          : `Make ${plan.hostname} leave the swarm? Its tasks stop and are rescheduled elsewhere.`;
      const detail = plan.role === 'manager' ? `${plan.warning ?? ''}\n\nDemoting it first is the safer way.` : undefined;
      if (!(await runner.confirm(args, question, detail, 'Leave'))) return { status: 'declined' };
      let force = plan.needsForce || args.force === true;
      if (force) {
        const ok = await runner.confirm(
          args.confirmForce === undefined ? undefined : { confirm: args.confirmForce },
          `Force ${plan.hostname} to leave the swarm?`,
          plan.role === 'manager'
            ? `The engine only lets a manager leave with --force. ${plan.warning ?? ''}`
            : 'Forcing skips the engine\'s safety checks.',
          'Force Leave',
        );
        if (!ok) return { status: 'declined' };
      }
      try {
        await leaveSwarm(docker, force);
      } catch (err) {
        // A worker the engine refuses to let go: offer force, again only after its own confirmation.
        if (force) throw err;
        const message = operationError(err).message;
        const ok = await runner.confirm(
          args.confirmForce === undefined ? undefined : { confirm: args.confirmForce },
          `Leaving failed: ${message} Force it?`,
          undefined,
          'Force Leave',
        );
        if (!ok) return { status: 'declined' };
        force = true;
        await leaveSwarm(docker, true);
      }
      runner.info(`${plan.hostname} left the swarm${force ? ' (forced)' : ''}.`);
      await reconnect();
      return { status: 'done', forced: force, warning: plan.warning };
    });

  const showJoin = (arg?: unknown): Promise<CommandResult<{ command: string; role: JoinRole }>> =>
    runner.run<{ command: string; role: JoinRole }>('Show Join Command', async () => {
      const args = argsOf<RoleArgs>(arg) ?? (typeof arg === 'string' ? { role: arg as JoinRole } : {});
      const role = args.role ?? (await pickRole('Show the join command for'));
      if (!role) return { status: 'dismissed' };
      const command = await joinCommand(await runner.docker(), role);
      await vscode.env.clipboard.writeText(command);
      // The command holds the join token: it goes to the clipboard and the notification, never to the log.
      runner.log.info(`Copied the ${role} join command to the clipboard`);
      void vscode.window.showInformationMessage(`Copied to the clipboard: ${command}`);
      return { status: 'done', command, role };
    });

  const rotate = (arg?: unknown): Promise<CommandResult<{ role: JoinRole }>> =>
    runner.run<{ role: JoinRole }>('Rotate Join Token', async () => {
      const args = argsOf<RoleArgs>(arg) ?? {};
      const role = args.role ?? (await pickRole('Rotate the join token for'));
      if (!role) return { status: 'dismissed' };
      const ok = await runner.confirm(
        args,
        `Rotate the ${role} join token?`,
        `The old ${role} token stops working for new nodes; nodes already in the swarm are not affected.`,
        'Rotate',
      );
      if (!ok) return { status: 'declined' };
      await rotateJoinToken(await runner.docker(), role);
      runner.info(`The ${role} join token was rotated.`);
      return { status: 'done', role };
    });

  const unlock = (arg?: unknown): Promise<CommandResult> =>
    runner.run('Unlock Swarm', async () => {
      const args = argsOf<UnlockArgs>(arg) ?? {};
      const key =
        args.key ??
        (await runner.input({ title: 'Unlock Swarm', prompt: 'The unlock key (SWMKEY-1-…)', password: true, validateInput: validateUnlockKey }));
      if (key === undefined) return { status: 'dismissed' };
      await unlockSwarm(await runner.docker(), key);
      runner.info('The swarm is unlocked.');
      await reconnect();
      return { status: 'done' };
    });

  const showKey = (arg?: unknown): Promise<CommandResult<{ copied: boolean }>> =>
    runner.run<{ copied: boolean }>('Show Unlock Key', async () => {
      const args = argsOf<ShowUnlockKeyArgs>(arg) ?? {};
      const key = await unlockKey(await runner.docker());
      if (key === '') {
        runner.info('Autolock is off for this swarm: there is no unlock key.');
        return { status: 'done', copied: false };
      }
      let copy = args.copy === true;
      if (!copy) {
        const choice = await vscode.window.showInformationMessage(
          'Swarm unlock key',
          { modal: true, detail: `${key}\n\nKeep it safe: a locked manager cannot restart without it.` },
          'Copy',
        );
        copy = choice === 'Copy';
      }
      if (copy) await vscode.env.clipboard.writeText(key);
      runner.log.info(copy ? 'Copied the unlock key to the clipboard' : 'Showed the unlock key');
      return { status: 'done', copied: copy };
    });

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.initSwarm, init),
    vscode.commands.registerCommand(Commands.joinSwarm, join),
    vscode.commands.registerCommand(Commands.leaveSwarm, leave),
    vscode.commands.registerCommand(Commands.showJoinCommand, showJoin),
    vscode.commands.registerCommand(Commands.rotateJoinToken, rotate),
    vscode.commands.registerCommand(Commands.unlockSwarm, unlock),
    vscode.commands.registerCommand(Commands.showUnlockKey, showKey),
  );
}
