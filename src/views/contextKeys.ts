/** The one helper that sets Swarmscope's `when`-clause context keys. */
import * as vscode from 'vscode';

export type ContextKey = 'swarmscope.connection' | 'swarmscope.servicesGrouped';

export function setContextKey(key: ContextKey, value: string | boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
