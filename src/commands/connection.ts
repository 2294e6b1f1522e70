/** Commands about the connection itself: refresh/retry, the log, choosing a docker context, settings. */
import * as vscode from 'vscode';
import { Commands } from './ids';
import { DockerConnection, processEnvironment } from '../docker/connection';
import { listContexts } from '../docker/contexts';
import { dockerConfigDir } from '../docker/endpoint';
import { redactHost } from '../docker/hostString';
import { SECTION } from '../config';

export interface ConnectionCommandDeps {
  connection: DockerConnection;
  log: vscode.LogOutputChannel;
}

export function registerConnectionCommands(context: vscode.ExtensionContext, deps: ConnectionCommandDeps): void {
  const { connection, log } = deps;
  const reconnect = async (): Promise<void> => {
    const state = await connection.reconnect();
    // The notification is not awaited: the command finishes when the connection attempt does.
    if (state.status === 'error') void offerConnectionHelp(state.error.message, log);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.refresh, reconnect),
    vscode.commands.registerCommand(Commands.retryConnection, reconnect),
    vscode.commands.registerCommand(Commands.showLog, () => log.show(true)),
    vscode.commands.registerCommand(Commands.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:swarmscope.swarmscope`),
    ),
    vscode.commands.registerCommand(Commands.chooseContext, async (name?: string) => {
      const target = typeof name === 'string' ? name : await pickContext(log);
      if (target === undefined) return;
      const config = vscode.workspace.getConfiguration(SECTION);
      // "default" clears the override, so DOCKER_HOST / DOCKER_CONTEXT / currentContext apply again.
      // Choosing a context replaces a host override (both set is refused, as the CLI refuses --host with --context).
      if (config.inspect<string>('host')?.globalValue) {
        await config.update('host', undefined, vscode.ConfigurationTarget.Global);
        log.info(`Cleared the swarmscope.host override to use the docker context "${target}"`);
      }
      await config.update('context', target === 'default' ? undefined : target, vscode.ConfigurationTarget.Global);
      if (config.get<string>('host')) {
        void vscode.window.showWarningMessage('swarmscope.host is also set in this workspace\'s settings; clear it there to use the context.');
      }
    }),
  );
}

async function offerConnectionHelp(message: string, log: vscode.LogOutputChannel): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Retry', 'Choose Context', 'Open Log');
  if (choice === 'Retry') await vscode.commands.executeCommand(Commands.retryConnection);
  else if (choice === 'Choose Context') await vscode.commands.executeCommand(Commands.chooseContext);
  else if (choice === 'Open Log') log.show(true);
}

const OVERRIDE = '\u0000override';

async function pickContext(log: vscode.LogOutputChannel): Promise<string | undefined> {
  const env = processEnvironment();
  const { contexts, problems } = await listContexts(dockerConfigDir(env.env, env.homeDir), env.fs);
  for (const p of problems) log.warn(p);
  const config = vscode.workspace.getConfiguration(SECTION);
  const hostOverride = config.get<string>('host')?.trim();
  const current = config.get<string>('context')?.trim() || 'default';
  const mark = (name: string) => (!hostOverride && name === current ? ' (current)' : '');
  const items: (vscode.QuickPickItem & { name: string })[] = [
    ...(hostOverride
      ? [{ name: OVERRIDE, label: `$(settings-gear) ${redactHost(hostOverride)}`, description: 'swarmscope.host (current override)', detail: 'Keep using the host set in settings' }]
      : []),
    { name: 'default', label: `default${mark('default')}`, description: 'DOCKER_HOST or the default socket' },
    ...contexts.map((c) => ({ name: c.name, label: `${c.name}${mark(c.name)}`, description: redactHost(c.host), detail: c.description })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Choose Docker Context', placeHolder: 'Context to connect to' });
  return picked?.name === OVERRIDE ? undefined : picked?.name;
}
