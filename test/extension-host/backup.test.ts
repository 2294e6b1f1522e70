// Backup Swarm…, Restore Swarm… and Export Swarm as Stack File…, driven with arguments instead of UI input, against
// the sandbox swarm (a single manager that must keep running: no engine is stopped here).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackupSwarmResult, RestoreSwarmResult } from '../../src/commands/backup';
import type { ExportStackFileResult } from '../../src/commands/export';
import { parseManifest } from '../../src/backup/manifest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-bk-ext-'));

async function activeText(): Promise<string> {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'a document was opened');
  return editor.document.getText();
}

suite('backup, restore and export commands', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension('swarmscope.swarmscope');
    assert.ok(ext, 'the extension is installed');
    if (!ext.isActive) await ext.activate();
  });
  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('Backup Swarm… opens the runbook for the only manager, with the single-manager warning', async () => {
    const result = (await vscode.commands.executeCommand('swarmscope.backupSwarm', { node: 'sandbox-main', archiveDir: dir })) as BackupSwarmResult;
    assert.ok(result?.assessment, 'the command returns its assessment');
    assert.equal(result.assessment.verdict, 'warn');
    assert.ok(result.assessment.findings.some((f) => f.code === 'single-manager'));
    const text = await activeText();
    assert.match(text, /^# Back up the swarm on sandbox-main/);
    assert.match(text, /sudo systemctl stop docker\.socket docker\.service/);
    assert.ok(text.includes(`-C ${result.runbook?.steps[2].argv[4]} swarm`), 'the runbook archives this engine\'s data root');
  });

  test('Backup Swarm… with an archive verifies the node and writes the manifest next to it', async () => {
    const archive = path.join(dir, 'swarm-sandbox-main-20250101T000000Z.tar.gz');
    fs.writeFileSync(archive, 'not really a tar, but it has a checksum');
    const result = (await vscode.commands.executeCommand('swarmscope.backupSwarm', { node: 'sandbox-main', archivePath: archive })) as BackupSwarmResult;
    assert.equal(result?.manifestPath, path.join(dir, 'swarm-sandbox-main-20250101T000000Z.manifest.json'));
    const manifest = parseManifest(fs.readFileSync(result.manifestPath, 'utf8'));
    assert.equal(manifest.node.hostname, 'sandbox-main');
    assert.equal(manifest.archive.size, 39);
    assert.ok(manifest.inventory.services.some((s) => s.name === 'demo_web'));
    assert.ok(manifest.inventory.secrets.some((s) => s.name === 'demo_db_password'));
  });

  test('Restore Swarm… is blocked on an engine that is still in the swarm, and on a version mismatch', async () => {
    const manifestPath = path.join(dir, 'swarm-sandbox-main-20250101T000000Z.manifest.json');
    const manifest = parseManifest(fs.readFileSync(manifestPath, 'utf8'));
    const result = (await vscode.commands.executeCommand('swarmscope.restoreSwarm', { manifestPath })) as RestoreSwarmResult;
    assert.equal(result?.assessment?.verdict, 'refuse');
    assert.ok(result.assessment.findings.some((f) => f.code === 'in-swarm'));
    const old = path.join(dir, 'old.manifest.json');
    fs.writeFileSync(old, JSON.stringify({ ...manifest, node: { ...manifest.node, engineVersion: '19.03.15' } }));
    const mismatch = (await vscode.commands.executeCommand('swarmscope.restoreSwarm', { manifestPath: old })) as RestoreSwarmResult;
    assert.match(mismatch.assessment?.findings[0].message ?? '', /^Engine version mismatch: the backup was taken on Docker Engine 19\.03\.15/);
  });

  test('Restore Swarm… compares the swarm with the manifest inventory', async () => {
    const manifestPath = path.join(dir, 'swarm-sandbox-main-20250101T000000Z.manifest.json');
    const same = (await vscode.commands.executeCommand('swarmscope.restoreSwarm', { manifestPath, compareOnly: true })) as RestoreSwarmResult;
    assert.equal(same?.comparison?.missingCount, 0);
    assert.match(await activeText(), /Everything in the backup is present/);
    const manifest = parseManifest(fs.readFileSync(manifestPath, 'utf8'));
    const ghost = path.join(dir, 'ghost.manifest.json');
    fs.writeFileSync(ghost, JSON.stringify({ ...manifest, inventory: { ...manifest.inventory, services: [...manifest.inventory.services, { id: 'g', name: 'ghost-service' }] } }));
    const missing = (await vscode.commands.executeCommand('swarmscope.restoreSwarm', { manifestPath: ghost, compareOnly: true })) as RestoreSwarmResult;
    assert.equal(missing?.comparison?.missingCount, 1);
    assert.match(await activeText(), /missing: ghost-service/);
  });

  test('Export Swarm as Stack File… opens the demo stack as compose YAML with external secrets', async () => {
    const result = (await vscode.commands.executeCommand('swarmscope.exportStackFile', { stack: 'demo' })) as ExportStackFileResult;
    assert.ok(result?.yaml);
    const text = await activeText();
    assert.equal(text, result.yaml);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'yaml');
    assert.match(text, /^services:\n {2}agent:/m);
    assert.match(text, /demo_db_password:\n {4}external: true/);
    const file = path.join(dir, 'demo.yml');
    await vscode.commands.executeCommand('swarmscope.exportStackFile', { stack: 'demo', outputPath: file });
    assert.match(fs.readFileSync(file, 'utf8'), /^version: "3\.9"$/m);
  });
});
