// Runs first (file order): the extension must activate without contacting Docker, then connect when asked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { allCommandIds } from '../../src/commands/ids';
import { contextDirName } from '../../src/docker/contexts';
import { EXTENSION_ID, api, setSetting, until } from './helpers';

suite('foundation: activation and connection', () => {
  test('activates without contacting Docker', async () => {
    const a = await api();
    assert.equal(a.dockerRequestCount(), 0, 'no Docker request during activation');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(a.dockerRequestCount(), 0, 'still none a second later, with no view visible');
    assert.match(a.statusBarText(), /Swarm: default$/);
  });

  test('every command in package.json is registered, and matches the typed map', async () => {
    await api();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, [...allCommandIds].sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'commands contributed but not registered');
  });

  test('Refresh connects, and the status bar reflects the sandbox swarm', async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.refresh');
    await until('connected', () => a.connectionKey() === 'connected');
    assert.ok(a.dockerRequestCount() >= 2);
    assert.match(a.statusBarText(), /Swarm: default · manager · 1 node$/);
    const state = a.connection.current;
    assert.equal(state.status, 'connected');
    if (state.status === 'connected') assert.equal(state.client.endpoint.host, process.env.SWARMSCOPE_TEST_DOCKER_HOST);
  });

  test('a bad host setting gives a clear message in the view and the status bar, never an unhandled error', async () => {
    const a = await api();
    try {
      await setSetting('host', 'tcp//oops');
      await vscode.commands.executeCommand('swarmscope.retryConnection');
      await until('error state', () => a.connectionKey() === 'error');
      assert.match(a.viewMessage() ?? '', /^Invalid Docker host "tcp\/\/oops": a tcp address must not contain a path\. Did you mean "tcp:\/\/oops"\?$/);
      assert.match(a.statusBarText(), /disconnected/);
    } finally {
      await setSetting('host', undefined);
    }
    await vscode.commands.executeCommand('swarmscope.refresh');
    await until('connected again', () => a.connectionKey() === 'connected');
  });

  test('an unreadable context file gives a clear message', async () => {
    const a = await api();
    const cfg = process.env.DOCKER_CONFIG;
    assert.ok(cfg, 'the runner gives the extension host a private DOCKER_CONFIG');
    const dir = path.join(cfg, 'contexts', 'meta', contextDirName('broken'));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'meta.json'), '{ this is not json');
    try {
      await setSetting('context', 'broken');
      await vscode.commands.executeCommand('swarmscope.retryConnection');
      await until('error state', () => a.connectionKey() === 'error');
      assert.match(a.viewMessage() ?? '', /^Docker context "broken" is not valid JSON \(.*meta\.json\)\.$/);
    } finally {
      await setSetting('context', undefined);
      fs.rmSync(path.join(cfg, 'contexts'), { recursive: true, force: true });
    }
    await vscode.commands.executeCommand('swarmscope.refresh');
    await until('connected again', () => a.connectionKey() === 'connected');
  });
});
