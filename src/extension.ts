/**
 * Swarmscope's VS Code shell: creates the log channel, the connection, the status bar and the views, and registers
 * the commands. No Docker call happens here; the first one is made when a view becomes visible or a command runs.
 */
import * as vscode from 'vscode';
import { Commands } from './commands/ids';
import { registerConnectionCommands } from './commands/connection';
import { registerBackupCommands } from './commands/backup';
import { registerOperationCommands } from './commands/swarm';
import { registerInspectCommands } from './commands/inspect';
import { registerLogCommands } from './commands/logs';
import { registerDaemonConfigEditor } from './daemonConfig/editor';
import { registerDaemonConfigCommands } from './commands/daemonConfig';
import { affectsConnection, connectionSettings } from './config';
import { ConnectionState, DockerConnection, processEnvironment } from './docker/connection';
import { ResolvedEndpoint } from './docker/endpoint';
import { registerExplorerCommands } from './commands/explorer';
import { SwarmEvents } from './docker/events';
import { ExplorerItemSnapshot, SwarmExplorer } from './views/explorer';
import { ExplorerViewKind } from './model/explorerTree';
import { presentConnection } from './views/connectionStatus';
import { setContextKey } from './views/contextKeys';
import { SwarmStatusBar } from './views/statusBar';

/** What the extension exposes to its own extension-host tests. */
export interface SwarmscopeTestApi {
  readonly connection: DockerConnection;
  dockerRequestCount(): number;
  statusBarText(): string;
  connectionKey(): string;
  viewMessage(): string | undefined;
  /** The rows of an explorer view (its roots, or the children of the row with `parentId`), as the tree shows them. */
  explorerItems(view: ExplorerViewKind, parentId?: string): Promise<ExplorerItemSnapshot[]>;
  /** Refreshes of the explorer so far (events, polls, reconnects, Refresh). */
  explorerRefreshCount(): number;
  /** List requests the explorer's shared cache has made so far. */
  explorerListRequests(): number;
  /** The shared event stream's state: stopped, connecting, live or down. */
  eventStreamStatus(): string;
  explorerVisible(): boolean;
  /** The last lines (bounded) appended to the log channel `Swarmscope: <name>`; [] when it is not open. */
  logLines(name: string): string[];
  /** Names of log channels whose stream is running. */
  runningLogs(): string[];
  /** Names of open log channels. */
  openLogs(): string[];
  /** The logs status-bar item's text, or undefined while it is hidden. */
  logsStatusText(): string | undefined;
}

export function activate(context: vscode.ExtensionContext): SwarmscopeTestApi {
  const log = vscode.window.createOutputChannel('Swarmscope', { log: true });
  context.subscriptions.push(log);

  const connection = new DockerConnection(connectionSettings, processEnvironment, log);
  const statusBar = new SwarmStatusBar();
  context.subscriptions.push(statusBar);

  let endpoint: ResolvedEndpoint | undefined;
  let connectionKey = 'idle';
  const events = new SwarmEvents(connection, log);
  context.subscriptions.push(events);
  const explorer = new SwarmExplorer(connection, events, log, context.workspaceState);
  context.subscriptions.push(explorer);

  const render = (state: ConnectionState): void => {
    if (state.status === 'connected') endpoint = state.client.endpoint;
    else if ((state.status === 'error' || state.status === 'connecting') && state.endpoint) endpoint = state.endpoint;
    const p = presentConnection(state, endpoint);
    connectionKey = p.key;
    statusBar.show(p);
    // Once the explorer has shown data, a lost connection is its error row; the message would say it twice.
    explorer.servicesView.message = p.key === 'error' && explorer.showsErrorRows ? undefined : p.viewMessage;
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
      if (explorer.anyVisible) void connection.client().catch(() => undefined);
      else showResolved();
    }),
  );

  registerConnectionCommands(context, { connection, log });
  registerBackupCommands(context, { connection, log });
  registerOperationCommands(context, { connection, log });
  registerInspectCommands(context, { connection, log, events });
  const logs = registerLogCommands(context, { connection, log });
  const connectedEngineVersion = (): string | undefined =>
    connection.current.status === 'connected' ? connection.current.client.info.engineVersion : undefined;
  registerDaemonConfigEditor(context, log, { connectedEngineVersion });
  registerDaemonConfigCommands(context, { log, connectedEngineVersion });
  registerExplorerCommands(context, explorer);

  return {
    connection,
    dockerRequestCount: () => connection.counter.count,
    statusBarText: () => statusBar.text,
    connectionKey: () => connectionKey,
    viewMessage: () => explorer.servicesView.message,
    explorerItems: (v, parentId) => explorer.items(v, parentId),
    explorerRefreshCount: () => explorer.refreshCount,
    explorerListRequests: () => explorer.cache.requests,
    eventStreamStatus: () => events.status,
    explorerVisible: () => explorer.anyVisible,
    logLines: (name) => logs.recentLines(name),
    runningLogs: () => logs.running(),
    openLogs: () => logs.open(),
    logsStatusText: () => logs.statusText(),
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}

export { Commands };
