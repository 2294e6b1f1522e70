// Inspect documents in real VS Code against the sandbox swarm.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { activeText, api, sandboxDocker, until } from './helpers';

const docker = sandboxDocker();

suite('inspect documents', () => {
  suiteSetup(async () => {
    const a = await api();
    await vscode.commands.executeCommand('swarmscope.refresh');
    await until('connected', () => a.connectionKey() === 'connected');
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Inspect on a tree item opens the pretty document, identical in shape to docker service inspect --pretty', async () => {
    const a = await api();
    const stacks = await a.explorerItems('services');
    const stack = stacks.find((i) => i.label === 'demo');
    assert.ok(stack, `a demo stack row in ${stacks.map((s) => s.label).join(', ')}`);
    const web = (await a.explorerItems('services', stack.id)).find((i) => i.label === 'demo_web');
    assert.ok(web?.dockerId, 'the demo_web row carries its Docker ID');
    await vscode.commands.executeCommand('swarmscope.inspect', web);
    const editor = await until('the document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'swarmscope' && vscode.window.activeTextEditor);
    assert.match(editor.document.uri.path, /^\/service\/.+\.pretty$/);
    const text = await until('content', () => activeText().includes('Name:') && activeText());
    assert.ok(text.startsWith(`\nID:\t\t${web.dockerId}\nName:\t\tdemo_web\n`), JSON.stringify(text.slice(0, 120)));
    assert.match(text, /\nEndpoint Mode:\t/);
  });

  test('the format buttons switch to YAML and JSON of the same object', async () => {
    await vscode.commands.executeCommand('swarmscope.inspect', { kind: 'service', ref: 'demo_worker' });
    await until('pretty', () => activeText().includes('Name:\t\tdemo_worker'));
    await vscode.commands.executeCommand('swarmscope.inspectAsYaml');
    await until('yaml document', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('.yaml'));
    const yamlText = await until('yaml content', () => activeText().includes('demo_worker') && activeText());
    assert.equal((parseYaml(yamlText) as { Spec: { Name: string } }).Spec.Name, 'demo_worker');
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'yaml');
    await vscode.commands.executeCommand('swarmscope.inspectAsJson');
    await until('json document', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('.json'));
    const jsonText = await until('json content', () => activeText().includes('demo_worker') && activeText());
    assert.equal((JSON.parse(jsonText) as { Spec: { Name: string } }).Spec.Name, 'demo_worker');
  });

  test('an open document follows its object: an update from outside changes it, removal is said', async () => {
    const name = `inspect-follow-${Date.now().toString(36)}`;
    const created = (await docker.createService({
      Name: name,
      TaskTemplate: { ContainerSpec: { Image: 'demo/busybox:1', Command: ['sleep', '3600'], StopGracePeriod: 1_000_000_000 } },
      Mode: { Replicated: { Replicas: 0 } },
    })) as { id?: string; ID?: string };
    const id = created.id ?? created.ID ?? '';
    try {
      await vscode.commands.executeCommand('swarmscope.inspect', { kind: 'service', ref: name });
      await until('pretty', () => activeText().includes(`Name:\t\t${name}`));
      assert.ok(!activeText().includes('followed=yes'));
      const svc = docker.getService(id);
      const spec = (await svc.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
      await svc.update({ ...spec.Spec, version: spec.Version.Index, Labels: { followed: 'yes' } });
      await until('the label to appear in the open document', () => activeText().includes(' followed=yes'));
      await svc.remove();
      await until('the removal notice', () => /was removed/.test(activeText()));
    } finally {
      await docker.getService(id).remove().catch(() => undefined);
    }
  });

  test('network, secret and config names in a pretty document are links to their documents', async () => {
    await vscode.commands.executeCommand('swarmscope.inspect', { kind: 'service', ref: 'demo_web' });
    const editor = await until('document', () => activeText().includes('Name:\t\tdemo_web') && vscode.window.activeTextEditor);
    const links = await until('links', async () => {
      const l = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
      return l && l.length > 0 && l;
    });
    const byKind = (kind: string) => links.filter((l) => l.target?.path.startsWith(`/${kind}/`));
    assert.ok(byKind('network').length > 0, 'a network link');
    assert.ok(byKind('secret').length > 0, 'a secret link');
    assert.ok(byKind('config').length > 0, 'a config link');
    const networkLink = byKind('network')[0];
    assert.equal(editor.document.getText(networkLink.range), 'demo_backend');
    const doc = await vscode.workspace.openTextDocument(networkLink.target!);
    await until('the network document', () => doc.getText().includes('demo_backend') || undefined, 10_000).catch(async () => {
      await vscode.window.showTextDocument(doc);
      return until('the network document', () => activeText().includes('demo_backend'));
    });
    const secretLink = byKind('secret')[0];
    assert.equal(editor.document.getText(secretLink.range), 'demo_db_password');
  });
});
