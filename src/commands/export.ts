/** Export Swarm as Stack File…: the live services as a compose file for `docker stack deploy -c`. */
import * as vscode from 'vscode';
import { Commands } from './ids';
import type { DockerConnection } from '../docker/connection';
import { exportSwarm, stacksOf } from '../export/fetch';
import type { Service } from '../export/spec';

export interface ExportStackFileArgs {
  stack?: string;
  services?: string[];
  /** Write the file here (and open it) instead of opening an untitled document. */
  outputPath?: string;
}

export interface ExportStackFileResult {
  yaml: string;
  notExported: string[];
  uri: string;
}

export interface ExportCommandDeps {
  connection: DockerConnection;
  log: vscode.LogOutputChannel;
}

/** A Services-view row: a stack row exports that stack, a service row that service. */
function fromTreeItem(arg: unknown): ExportStackFileArgs | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const item = arg as { kind?: string; name?: string; label?: string };
  const name = item.name ?? item.label;
  if (item.kind === 'stack' && name) return { stack: name };
  if (item.kind === 'service' && name) return { services: [name] };
  if ('stack' in item || 'services' in item || 'outputPath' in item) return arg as ExportStackFileArgs;
  return undefined;
}

async function pickSelection(services: Service[]): Promise<ExportStackFileArgs | undefined> {
  type Choice = vscode.QuickPickItem & { value: ExportStackFileArgs | 'choose' };
  const items: Choice[] = [
    { label: 'All services', description: `${services.length}`, value: {} },
    ...stacksOf(services).map((s): Choice => ({ label: `Stack ${s}`, value: { stack: s } })),
    { label: 'Choose services…', value: 'choose' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Export Swarm as Stack File' });
  if (!picked) return undefined;
  if (picked.value !== 'choose') return picked.value;
  const chosen = await vscode.window.showQuickPick(
    services.map((s) => ({ label: s.Spec?.Name ?? s.ID ?? '' })),
    { title: 'Services to export', canPickMany: true },
  );
  return chosen?.length ? { services: chosen.map((c) => c.label) } : undefined;
}

export function registerExportCommands(context: vscode.ExtensionContext, deps: ExportCommandDeps): void {
  const { connection, log } = deps;
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.exportStackFile, async (arg?: unknown): Promise<ExportStackFileResult | undefined> => {
      try {
        const { docker } = await connection.client();
        let selection = fromTreeItem(arg);
        if (!selection) selection = await pickSelection((await docker.listServices()) as Service[]);
        if (!selection) return undefined;
        const result = await exportSwarm(docker, selection);
        log.info(`Exported ${Object.keys(result.serviceKeys).length} service(s); ${result.notExported.length} value(s) not expressible`);
        let doc: vscode.TextDocument;
        if (selection.outputPath) {
          const uri = vscode.Uri.file(selection.outputPath);
          await vscode.workspace.fs.writeFile(uri, Buffer.from(result.yaml, 'utf8'));
          doc = await vscode.workspace.openTextDocument(uri);
        } else {
          doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.yaml });
        }
        await vscode.window.showTextDocument(doc, { preview: false });
        if (result.notExported.length) {
          void vscode.window.showWarningMessage(
            `${result.notExported.length} value(s) cannot be expressed in a compose file; the file's header lists them.`,
          );
        }
        return { yaml: result.yaml, notExported: result.notExported, uri: doc.uri.toString() };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`Export failed: ${message}`);
        void vscode.window.showErrorMessage(`Export failed: ${message}`);
        return undefined;
      }
    }),
  );
}
