/**
 * Backup Swarm… and Restore Swarm…: the VS Code glue over src/backup. Swarmscope never stops an engine itself: it
 * checks, writes the runbook into an editor, and on request types the commands into a terminal where the user sees
 * them and presses Enter. Only the steps that are Engine API calls (force-new-cluster) are performed directly, after
 * a confirmation.
 */
import * as vscode from 'vscode';
import { Commands } from './ids';
import { registerExportCommands } from './export';
import type { DockerConnection } from '../docker/connection';
import { SwarmFacts, findNode, readSwarmFacts, readUnlockKey } from '../backup/facts';
import {
  BackupManifest,
  InventoryComparison,
  buildManifest,
  collectInventory,
  compareInventory,
  hashFile,
  parseManifest,
  renderComparison,
  writeManifest,
} from '../backup/manifest';
import { BackupAssessment, assessBackup } from '../backup/preflight';
import { RestoreAssessment, afterRestoreReminders, assessRestore, forceNewCluster, readRestoreTarget, waitForNodeBack } from '../backup/restore';
import { Runbook, ServiceManager, backupRunbook, renderRunbook, restoreRunbook, shellQuote, terminalLines } from '../backup/runbook';

export interface BackupCommandDeps {
  connection: DockerConnection;
  log: vscode.LogOutputChannel;
}

export interface BackupSwarmArgs {
  /** Manager to back up: hostname or node ID. */
  node?: string;
  dataRoot?: string;
  archiveDir?: string;
  serviceManager?: ServiceManager;
  /** After the runbook ran: verify the node is back and write the manifest next to this archive. */
  archivePath?: string;
  /** Open the terminal with the commands typed (not run) without asking. */
  openTerminal?: boolean;
}

export interface BackupSwarmResult {
  assessment?: BackupAssessment;
  runbook?: Runbook;
  runbookUri?: string;
  manifestPath?: string;
  manifest?: BackupManifest;
}

export interface RestoreSwarmArgs {
  manifestPath?: string;
  /** Addresses the target host has (defaults: its swarm address, and this machine's when the engine is local). */
  addresses?: string[];
  local?: boolean;
  dataRoot?: string;
  archivePath?: string;
  serviceManager?: ServiceManager;
  /** Only compare the connected swarm with the manifest's inventory (after a restore). */
  compareOnly?: boolean;
}

export interface RestoreSwarmResult {
  assessment?: RestoreAssessment;
  comparison?: InventoryComparison;
  runbookUri?: string;
  reportUri?: string;
}

function settings(): { serviceManager?: ServiceManager; archiveDir?: string } {
  const c = vscode.workspace.getConfiguration('swarmscope.backup');
  const manager = c.get<string>('serviceManager');
  const dir = c.get<string>('archiveDirectory');
  return { serviceManager: manager ? (manager as ServiceManager) : undefined, archiveDir: dir || undefined };
}

async function openMarkdown(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

function nodeRefFrom(arg: unknown): BackupSwarmArgs {
  if (!arg || typeof arg !== 'object') return {};
  const item = arg as { kind?: string; dockerId?: string };
  if (item.kind === 'node' && item.dockerId) return { node: item.dockerId };
  return arg as BackupSwarmArgs;
}

async function pickManager(facts: SwarmFacts): Promise<string | undefined> {
  const recommended = new Set(assessBackup(facts, '').recommended.map((n) => n.id));
  const managers = facts.nodes
    .filter((n) => n.role === 'manager')
    .sort((a, b) => Number(recommended.has(b.id)) - Number(recommended.has(a.id)) || a.hostname.localeCompare(b.hostname));
  const picked = await vscode.window.showQuickPick(
    managers.map((n) => ({
      label: n.hostname,
      description: [n.leader ? 'leader' : '', n.reachability ?? '', recommended.has(n.id) ? 'recommended' : ''].filter(Boolean).join(' · '),
      detail: n.addr,
      id: n.id,
    })),
    { title: 'Backup Swarm: choose a manager to back up', placeHolder: 'A reachable non-leader manager is best' },
  );
  return picked?.id;
}

/** Opens a terminal and types the runbook's commands without pressing Enter: the user reads them and runs them. */
function offerTerminal(book: Runbook, remoteAddr: string | undefined): void {
  const terminal = vscode.window.createTerminal({ name: `Swarmscope: ${book.title}` });
  terminal.show();
  const commands = terminalLines(book).join(' && ');
  if (remoteAddr) {
    // Log in first (the user types any password); the commands are typed once they confirm they are on the host.
    terminal.sendText(`ssh ${shellQuote(remoteAddr)}`, false);
    void vscode.window
      .showInformationMessage(`Log in to ${book.host} in the terminal, then type the runbook commands.`, 'Type Commands')
      .then((choice) => choice === 'Type Commands' && terminal.sendText(commands, false));
  } else {
    terminal.sendText(commands, false);
  }
}

export function registerBackupCommands(context: vscode.ExtensionContext, deps: BackupCommandDeps): void {
  const { connection, log } = deps;

  const writeBackupManifest = async (facts: SwarmFacts, nodeRef: string, archivePath: string, dataRoot?: string): Promise<BackupSwarmResult> => {
    const { docker } = await connection.client();
    const node = findNode(facts.nodes, nodeRef);
    if (!node) throw new Error(`No node "${nodeRef}" in this swarm.`);
    await waitForNodeBack(docker, node.id, { timeoutMs: 60_000 });
    const fresh = await readSwarmFacts(docker);
    const archive = { file: archivePath, ...(await hashFile(archivePath)) };
    const manifest = buildManifest({
      facts: fresh,
      node: fresh.nodes.find((n) => n.id === node.id) ?? node,
      dataRoot: dataRoot ?? (node.id === fresh.connectedNodeId ? fresh.connectedDataRoot : '/var/lib/docker'),
      archive,
      inventory: await collectInventory(docker),
    });
    const manifestPath = await writeManifest(archivePath, manifest);
    log.info(`Backup manifest written: ${manifestPath}`);
    void vscode.window.showInformationMessage(`${node.hostname} is back (Ready, reachable). Manifest written next to the archive.`);
    if (fresh.autolock) {
      void vscode.window.showWarningMessage('Autolock is on: store the unlock key with this backup, separately and safely.', 'Show Unlock Key').then(async (c) => {
        if (c === 'Show Unlock Key') void vscode.window.showInformationMessage(`Unlock key: ${await readUnlockKey(docker)}`, { modal: true });
      });
    }
    return { manifestPath, manifest };
  };

  const backup = async (arg?: unknown): Promise<BackupSwarmResult | undefined> => {
    const args = nodeRefFrom(arg);
    const defaults = settings();
    try {
      const { docker } = await connection.client();
      const facts = await readSwarmFacts(docker);
      const nodeRef = args.node ?? (await pickManager(facts));
      if (!nodeRef) return undefined;
      if (args.archivePath) return await writeBackupManifest(facts, nodeRef, args.archivePath, args.dataRoot);

      const assessment = assessBackup(facts, nodeRef);
      const node = assessment.target;
      if (assessment.verdict === 'refuse' || !node) {
        const reason = assessment.findings.filter((f) => f.level === 'refuse').map((f) => f.message).join(' ');
        log.warn(`Backup refused: ${reason}`);
        void vscode.window.showErrorMessage(`Backup refused. ${reason}`);
        return { assessment };
      }
      const dataRoot = args.dataRoot ?? (node.id === facts.connectedNodeId ? facts.connectedDataRoot : undefined);
      const book = backupRunbook({ node, dataRoot, archiveDir: args.archiveDir ?? defaults.archiveDir, serviceManager: args.serviceManager ?? defaults.serviceManager });
      const preface = [
        ...assessment.findings.map((f) => `- **${f.level === 'warn' ? 'Warning' : 'Note'}:** ${f.message}`),
        '',
        `After the engine is back, run **Swarmscope: Backup Swarm…** again and choose *Write Manifest*: Swarmscope checks that ${node.hostname} rejoined and writes \`${book.archivePath.replace(/\.tar\.gz$/, '.manifest.json')}\` (swarm, node, engine version, archive size and SHA-256, autolock, inventory).`,
      ];
      const doc = await openMarkdown(renderRunbook(book, preface));
      const remote = node.id === facts.connectedNodeId ? undefined : node.addr;
      if (args.openTerminal) offerTerminal(book, remote);
      else {
        void vscode.window
          .showInformationMessage(`Runbook for ${node.hostname} opened.`, 'Open in Terminal', 'Write Manifest…')
          .then(async (choice) => {
            if (choice === 'Open in Terminal') offerTerminal(book, remote);
            if (choice === 'Write Manifest…') {
              const picked = await vscode.window.showOpenDialog({ title: 'The backup archive (copied to this machine)', filters: { Archives: ['gz', 'tgz', 'tar'] } });
              if (picked?.[0]) await writeBackupManifest(facts, node.id, picked[0].fsPath, dataRoot).catch((e: unknown) => void vscode.window.showErrorMessage(String(e)));
            }
          });
      }
      return { assessment, runbook: book, runbookUri: doc.uri.toString() };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Backup Swarm failed: ${message}`);
      void vscode.window.showErrorMessage(`Backup Swarm: ${message}`);
      return undefined;
    }
  };

  const restore = async (arg?: unknown): Promise<RestoreSwarmResult | undefined> => {
    const args = (arg && typeof arg === 'object' ? arg : {}) as RestoreSwarmArgs;
    try {
      let manifestPath = args.manifestPath;
      if (!manifestPath) {
        const picked = await vscode.window.showOpenDialog({ title: 'Backup manifest', filters: { 'Swarmscope manifest': ['json'] } });
        manifestPath = picked?.[0]?.fsPath;
      }
      if (!manifestPath) return undefined;
      const manifest = parseManifest(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(manifestPath))).toString('utf8'));
      const client = await connection.client();
      const { docker } = client;

      const compare = async (): Promise<RestoreSwarmResult> => {
        const comparison = compareInventory(manifest.inventory, await collectInventory(docker));
        const lines = ['# Restored swarm vs. backup inventory', '', '```', renderComparison(comparison).trimEnd(), '```', ''];
        if (comparison.missingCount === 0) lines.push(...afterRestoreReminders(manifest).map((r) => `- ${r}`));
        const report = await openMarkdown(lines.join('\n') + '\n');
        return { comparison, reportUri: report.uri.toString() };
      };
      if (args.compareOnly) return await compare();

      const local = args.local ?? client.endpoint.transport.scheme === 'unix';
      const target = await readRestoreTarget(docker, { addresses: args.addresses, local, dataRoot: args.dataRoot });
      const assessment = assessRestore(manifest, target);
      if (assessment.verdict === 'refuse') {
        const reason = assessment.findings.filter((f) => f.level === 'refuse').map((f) => f.message).join(' ');
        log.warn(`Restore blocked: ${reason}`);
        void vscode.window.showErrorMessage(`Restore blocked. ${reason}`);
        return { assessment };
      }
      const book = restoreRunbook({
        hostname: manifest.node.hostname,
        archivePath: args.archivePath ?? manifestPath.replace(/\.manifest\.json$/, '.tar.gz'),
        advertiseAddr: manifest.node.advertiseAddr,
        dataRoot: target.dataRoot,
        serviceManager: args.serviceManager ?? settings().serviceManager,
        autolock: manifest.swarm.autolock,
      });
      const preface = [
        ...assessment.findings.map((f) => `- **Warning:** ${f.message}`),
        `- Archive: \`${manifest.archive.file}\`, ${manifest.archive.size} bytes, SHA-256 \`${manifest.archive.sha256}\`: check it with \`sha256sum\` before extracting.`,
      ];
      const doc = await openMarkdown(renderRunbook(book, preface));
      void vscode.window
        .showInformationMessage('Restore runbook opened. When the engine runs on the restored directory:', 'Open in Terminal', 'Force New Cluster', 'Compare Inventory')
        .then(async (choice) => {
          if (choice === 'Open in Terminal') offerTerminal(book, undefined);
          if (choice === 'Force New Cluster') {
            const ok = await vscode.window.showWarningMessage(
              `Run "swarm init --force-new-cluster" on this engine, advertising ${manifest.node.advertiseAddr}?`,
              { modal: true },
              'Force New Cluster',
            );
            if (ok) {
              await forceNewCluster(docker, manifest).then(compare, (e: unknown) => void vscode.window.showErrorMessage(`Force new cluster failed: ${String(e)}`));
            }
          }
          if (choice === 'Compare Inventory') await compare();
        });
      return { assessment, runbookUri: doc.uri.toString() };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Restore Swarm failed: ${message}`);
      void vscode.window.showErrorMessage(`Restore Swarm: ${message}`);
      return undefined;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.backupSwarm, backup),
    vscode.commands.registerCommand(Commands.restoreSwarm, restore),
  );
  registerExportCommands(context, deps);
}
