/**
 * Swarmscope's VS Code shell: creates the log channel, the connection, the status bar and the views, and registers
 * the commands. No Docker call happens here; the first one is made when a view becomes visible or a command runs.
 */
import * as vscode from 'vscode';
import { Commands } from './commands/ids';
import { registerConnectionCommands } from './commands/connection';
import { affectsConnection, connectionSettings } from './config';
import { ConnectionState, DockerConnection, processEnvironment } from './docker/connection';
import { ResolvedEndpoint } from './docker/endpoint';
import { ConnectionView } from './views/connectionView';
import { presentConnection } from './views/connectionStatus';
import { setContextKey } from './views/contextKeys';
import { SwarmStatusBar } from './views/statusBar';

/** What the extension exposes to its own extension-host tests. */
export interface SwarmscopeTestApi {
  readonly connection: DockerConnection;
  dockerRequestCount(): number;
  statusBarText(): string;
  connectionKey(): string;
}

export function activate(context: vscode.ExtensionContext): SwarmscopeTestApi {
  const log = vscode.window.createOutputChannel('Swarmscope', { log: true });
  context.subscriptions.push(log);

  const connection = new DockerConnection(connectionSettings, processEnvironment, log);
  const statusBar = new SwarmStatusBar();
  context.subscriptions.push(statusBar);

  let endpoint: ResolvedEndpoint | undefined;
  let connectionKey = 'idle';
  const view = new ConnectionView('swarmscope.services', () => {
    if (connection.current.status === 'idle') void connection.client().catch(() => undefined);
  });
  context.subscriptions.push(view);

  const render = (state: ConnectionState): void => {
    if (state.status === 'connected') endpoint = state.client.endpoint;
    else if ((state.status === 'error' || state.status === 'connecting') && state.endpoint) endpoint = state.endpoint;
    const p = presentConnection(state, endpoint);
    connectionKey = p.key;
    statusBar.show(p);
    view.message = p.viewMessage;
    void setContextKey('swarmscope.connection', p.key);
  };
  context.subscriptions.push(connection.onDidChange(render));

  // Resolving the endpoint reads settings and the context store only (no Docker call), for the status-bar label.
  const showResolved = (): void => {
    void connection.resolve().then(
      (ep) => {
        endpoint = ep;
        if (connection.current.status === 'idle') render(connection.current);
      },
      (err: unknown) => {
        // A bad setting: show it right away, without contacting Docker.
        void connection.reconnect();
        log.debug(`Endpoint resolution failed: ${String(err)}`);
      },
    );
  };
  render(connection.current);
  showResolved();

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsConnection(e)) return;
      log.info('Connection settings changed');
      connection.reset();
      endpoint = undefined;
      if (view.view.visible) void connection.client().catch(() => undefined);
      else showResolved();
    }),
  );

  registerConnectionCommands(context, { connection, log });

  return {
    connection,
    dockerRequestCount: () => connection.counter.count,
    statusBarText: () => statusBar.text,
    connectionKey: () => connectionKey,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}

export { Commands };
