// Open daemon.json and Validate with dockerd, with explicit arguments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OpenDaemonJsonResult, ValidateDaemonJsonResult } from '../../src/commands/daemonConfig';

suite('daemon.json commands', () => {
  let dir: string;
  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-daemon-cmd-'));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Open daemon.json creates a missing file as {} when asked, then opens an existing one as it is', async () => {
    const file = path.join(dir, 'etc-docker', 'daemon.json');
    const created = await vscode.commands.executeCommand<OpenDaemonJsonResult>('swarmscope.openDaemonJson', { path: file, create: true });
    assert.equal(created.status, 'created');
    assert.equal(fs.readFileSync(file, 'utf8'), '{}\n');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
    fs.writeFileSync(file, '{"debug": true}\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const opened = await vscode.commands.executeCommand<OpenDaemonJsonResult>('swarmscope.openDaemonJson', { path: file });
    assert.equal(opened.status, 'opened');
    assert.equal(vscode.window.activeTextEditor?.document.getText(), '{"debug": true}\n');
  });

  test('Validate with dockerd gives dockerd\'s verdict (or says why there is none) beside Swarmscope\'s', async () => {
    const file = path.join(dir, 'check', 'daemon.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{\n  "bogus-key": 1,\n  "log-opts": {"max-size": "10m"}\n}\n');
    const result = await vscode.commands.executeCommand<ValidateDaemonJsonResult>('swarmscope.validateDaemonJson', { path: file });
    assert.equal(result.path, file);
    assert.equal(result.swarmscope.errors, 1, 'the unknown key');
    if (result.dockerd.available) {
      assert.equal(result.dockerd.ok, false);
      assert.match(result.dockerd.message, /bogus-key/);
    } else {
      // Debian's dockerd 20.10 here: --validate arrived in Engine 23.0.
      assert.match(result.dockerd.message, /no --validate|not installed/);
    }
  });
});
