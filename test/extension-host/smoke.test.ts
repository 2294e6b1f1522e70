import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

suite('smoke', () => {
  test('the Swarmscope extension is loaded from this repository', () => {
    const ids = vscode.extensions.all.map((extension) => extension.id);
    assert.ok(ids.includes(EXTENSION_ID), `${EXTENSION_ID} is not among ${ids.length} extensions`);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { publisher?: string; name?: string } | undefined;
    assert.equal(manifest?.publisher, 'swarmscope');
    assert.equal(manifest?.name, 'swarmscope');
  });

  test('the workspace API answers for the opened folder', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'the host opens exactly one folder');
    const expected = process.env.SWARMSCOPE_TEST_WORKSPACE;
    if (expected) assert.equal(folders[0].uri.fsPath, expected);
    const stat = await vscode.workspace.fs.stat(folders[0].uri);
    assert.equal(stat.type & vscode.FileType.Directory, vscode.FileType.Directory);
  });
});
