/** The status-bar item: current endpoint/context and swarm role; opens Switch Docker Context on click. */
import * as vscode from 'vscode';
import { Commands } from '../commands/ids';
import { ConnectionPresentation } from './connectionStatus';

export class SwarmStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('swarmscope.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Swarmscope';
    // Clicking switches the docker context (the Swarmscope log is one click away in the views' menus).
    this.item.command = Commands.chooseContext;
  }

  show(p: ConnectionPresentation): void {
    this.item.text = p.statusText;
    this.item.tooltip = p.statusTooltip;
    this.item.backgroundColor = p.key === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
