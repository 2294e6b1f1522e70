/** Commands of the Swarm explorer: the Services view's stack/flat toggle (Refresh is the connection's command). */
import * as vscode from 'vscode';
import { Commands } from './ids';
import { SwarmExplorer } from '../views/explorer';

export function registerExplorerCommands(context: vscode.ExtensionContext, explorer: SwarmExplorer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showServicesFlat, () => explorer.setGroupedByStack(false)),
    vscode.commands.registerCommand(Commands.showServicesByStack, () => explorer.setGroupedByStack(true)),
  );
}
