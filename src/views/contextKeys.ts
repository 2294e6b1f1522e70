/** The one helper that sets Swarmscope's `when`-clause context keys. */
import * as vscode from 'vscode';

export type ContextKey = 'swarmscope.connection' | 'swarmscope.servicesGrouped' | 'swarmscope.logsRunning' | 'swarmscope.logsOpen';

export function setContextKey(key: ContextKey, value: string | boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
