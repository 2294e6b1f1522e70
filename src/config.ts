/** Typed getters for Swarmscope's settings (VS Code edge). */
import * as vscode from 'vscode';
import { ConnectionSettings } from './docker/endpoint';

export const SECTION = 'swarmscope';

function str(c: vscode.WorkspaceConfiguration, key: string): string | undefined {
  const v = c.get<unknown>(key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function connectionSettings(): ConnectionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const verify = c.get<unknown>('tls.verify');
  const enabled = c.get<unknown>('tls.enabled');
  return {
    host: str(c, 'host'),
    context: str(c, 'context'),
    tls: {
      enabled: enabled === true,
      verify: verify !== false,
      caCert: str(c, 'tls.caCert'),
      cert: str(c, 'tls.cert'),
      key: str(c, 'tls.key'),
    },
  };
}

export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return ['host', 'context', 'tls'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
