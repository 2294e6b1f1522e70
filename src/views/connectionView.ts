/**
 * The first view of the Swarmscope container. Until it has content of its own it is empty, so VS Code shows the
 * welcome content that matches the `swarmscope.connection` context key; the view's message carries the error text.
 * Becoming visible is what triggers the first connection.
 */
import * as vscode from 'vscode';

export class ConnectionView implements vscode.TreeDataProvider<never>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<never>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(viewId: string, private readonly onNeedConnection: () => void) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this });
    this.disposables.push(this.view, this.emitter);
  }

  set message(text: string | undefined) {
    this.view.message = text;
  }

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    this.onNeedConnection();
    return [];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
