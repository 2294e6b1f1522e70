/**
 * Commands of the Swarm explorer: the Services view's stack/flat toggle and Copy ID / Copy Name on rows (Refresh is
 * the connection's command).
 */
import * as vscode from 'vscode';
import { Commands } from './ids';
import { clipboardText, ExplorerNode } from '../model/explorerTree';
import { SwarmExplorer } from '../views/explorer';

/** The rows a context-menu command acts on: the multi-selection when the clicked row is part of it, else the row. */
function rowsOf(clicked: unknown, selected: unknown): ExplorerNode[] {
  const isRow = (x: unknown): x is ExplorerNode => typeof x === 'object' && x !== null && typeof (x as ExplorerNode).kind === 'string' && typeof (x as ExplorerNode).id === 'string';
  const rows = Array.isArray(selected) ? selected.filter(isRow) : [];
  if (isRow(clicked) && !rows.some((r) => r.id === clicked.id)) return [clicked];
  return rows.length > 0 ? rows : isRow(clicked) ? [clicked] : [];
}

async function copy(clicked: unknown, selected: unknown, what: 'id' | 'name'): Promise<string | undefined> {
  const text = clipboardText(rowsOf(clicked, selected), what);
  if (!text) return undefined;
  await vscode.env.clipboard.writeText(text);
  const count = text.split('\n').length;
  vscode.window.setStatusBarMessage(`$(copy) Copied ${count === 1 ? text : `${count} ${what === 'id' ? 'IDs' : 'names'}`}`, 3000);
  return text;
}

export function registerExplorerCommands(context: vscode.ExtensionContext, explorer: SwarmExplorer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showServicesFlat, () => explorer.setGroupedByStack(false)),
    vscode.commands.registerCommand(Commands.showServicesByStack, () => explorer.setGroupedByStack(true)),
    vscode.commands.registerCommand(Commands.copyId, (clicked: unknown, selected: unknown) => copy(clicked, selected, 'id')),
    vscode.commands.registerCommand(Commands.copyName, (clicked: unknown, selected: unknown) => copy(clicked, selected, 'name')),
  );
}
