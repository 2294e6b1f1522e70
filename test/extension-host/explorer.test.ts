// The Swarm explorer inside real VS Code against real engines: the seeded demo in every view, live updates from
// the event stream, the error item when the daemon goes away and the recovery when it returns, context switching.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import * as vscode from 'vscode';
import { contextDirName } from '../../src/docker/contexts';
import type { ExplorerItemSnapshot } from '../../src/views/explorer';
import type { ExplorerViewKind } from '../../src/model/explorerTree';
import { SandboxEngine, startEngine } from '../harness/engine';
import { api, dockerFor, setSetting, until } from './helpers';
import type { SwarmscopeTestApi } from '../../src/extension';

function row(items: ExplorerItemSnapshot[], label: string): ExplorerItemSnapshot {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no row "${label}" among ${items.map((i) => i.label).join(', ')}`);
  return found;
}

async function createProbe(docker: Docker, name: string, replicas: number): Promise<string> {
  const created = (await docker.createService({
    Name: name,
    TaskTemplate: { ContainerSpec: { Image: 'demo/busybox:1', Command: ['sleep', '3600'], StopGracePeriod: 1e9 } as object },
    Mode: { Replicated: { Replicas: replicas } },
  } as Docker.CreateServiceOptions)) as { id: string };
  return created.id;
}

suite('explorer: views, live refresh, errors, contexts', function () {
  this.timeout(180_000);
  let a: SwarmscopeTestApi;
  const mainHost = process.env.SWARMSCOPE_TEST_DOCKER_HOST ?? '';

  suiteSetup(async () => {
    assert.ok(mainHost, 'SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner');
    a = await api();
    await vscode.commands.executeCommand('workbench.view.extension.swarmscope');
    await until('the explorer visible', () => a.explorerVisible());
    await until('connected', () => a.connectionKey() === 'connected');
  });

  test('every view lists the seeded objects with their descriptions', async () => {
    const services = await until('services listed', async () => {
      const items = await a.explorerItems('services');
      return items.some((i) => i.label === 'demo') ? items : undefined;
    });
    const stack = row(services, 'demo');
    assert.equal(stack.kind, 'stack');
    assert.equal(stack.collapsible, 'expanded');
    const stackChildren = await a.explorerItems('services', stack.id);
    assert.deepEqual(stackChildren.map((i) => i.label), ['demo_agent', 'demo_web', 'demo_worker']);
    const web = row(stackChildren, 'demo_web');
    assert.equal(web.description, 'replicated 2/2 · demo/busybox:1 · *:8080/tcp (host)');
    assert.equal(web.contextValue, 'service.replicated');
    assert.equal(web.icon, 'pass-filled');
    assert.match(web.tooltip, /Image: `demo\/busybox:1`/);
    assert.equal(web.tooltipDeferred, true, 'service tooltips are made on hover');
    assert.equal(row(stackChildren, 'demo_agent').description, 'global 1/1 · demo/busybox:1');
    // A loaded machine may have restarted a task: History may follow the two current tasks.
    const webTasks = (await a.explorerItems('services', web.id)).filter((t) => t.kind === 'task');
    assert.deepEqual(webTasks.map((t) => t.label), ['demo_web.1', 'demo_web.2']);
    for (const t of webTasks) assert.match(t.description ?? '', /^running .* ago · sandbox-main$/);

    const crash = row(services, 'crashloop');
    assert.match(crash.description ?? '', /^replicated [01]\/1 · demo\/busybox:1$/);
    const history = row(await a.explorerItems('services', crash.id), 'History');
    const failed = await a.explorerItems('services', history.id);
    assert.ok(failed.length >= 1);
    assert.match(failed[0].description ?? '', /^task: non-zero exit \(1\) · failed /);
    assert.match(failed[0].tooltip, /Error: \*\*task: non\\-zero exit \\\(1\\\)\*\*/);
    const pending = row(services, 'pending');
    assert.equal(pending.description, 'replicated 0/1 · demo/busybox:1');
    assert.match((await a.explorerItems('services', pending.id))[0].description ?? '', /^no suitable node/);

    const nodes = await a.explorerItems('nodes');
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0].label, 'sandbox-main');
    assert.match(nodes[0].description ?? '', /^manager \(leader\) · active · ready · 20\.10\.\S+ · 127\.0\.0\.1$/);
    assert.equal(nodes[0].contextValue, 'node.manager');
    const onNode = (await a.explorerItems('nodes', nodes[0].id)).map((t) => t.label);
    for (const t of ['demo_web.1', 'demo_web.2', 'demo_worker.1', 'demo_agent.sandbox-main']) assert.ok(onNode.includes(t), `${t} on the node`);

    const networks = await a.explorerItems('networks');
    assert.deepEqual(networks.map((n) => n.label), ['demo_backend', 'ingress']);
    assert.match(row(networks, 'demo_backend').description ?? '', /^overlay · swarm · attachable · \S+\/\d+$/);
    assert.deepEqual((await a.explorerItems('networks', row(networks, 'demo_backend').id)).map((s) => [s.label, s.description]), [
      ['demo_web', 'web'],
      ['demo_worker', 'worker'],
    ]);

    const secrets = await a.explorerItems('secrets');
    assert.match(row(secrets, 'demo_db_password').description ?? '', /^created .* ago · 1 service$/);
    assert.deepEqual((await a.explorerItems('secrets', row(secrets, 'demo_db_password').id)).map((s) => [s.label, s.description]), [['demo_web', 'demo_db_password']]);
    const configs = await a.explorerItems('configs');
    assert.deepEqual((await a.explorerItems('configs', row(configs, 'demo_nginx_conf').id)).map((s) => [s.label, s.description]), [['demo_web', '/etc/nginx/nginx.conf']]);
  });

  test('Copy ID and Copy Name put the selected rows\' IDs or names on the clipboard', async () => {
    await vscode.commands.executeCommand('swarmscope.showServicesFlat');
    try {
      const flat = await a.explorerItems('services');
      const web = row(flat, 'demo_web');
      const worker = row(flat, 'demo_worker');
      const engine = dockerFor(mainHost);
      const ids = new Map((await engine.listServices()).map((s) => [s.Spec?.Name, s.ID]));
      // Right-click on one row of a two-row selection: both.
      assert.equal(await vscode.commands.executeCommand('swarmscope.copyId', web, [web, worker]), `${ids.get('demo_web')}\n${ids.get('demo_worker')}`);
      assert.equal(await vscode.env.clipboard.readText(), `${ids.get('demo_web')}\n${ids.get('demo_worker')}`);
      // Right-click outside the selection: only the clicked row.
      assert.equal(await vscode.commands.executeCommand('swarmscope.copyName', worker, [web]), 'demo_worker');
      assert.equal(await vscode.env.clipboard.readText(), 'demo_worker');
      const task = (await a.explorerItems('services', web.id)).find((t) => t.kind === 'task');
      assert.ok(task);
      assert.equal(await vscode.commands.executeCommand('swarmscope.copyName', task), task.label);
    } finally {
      await vscode.commands.executeCommand('swarmscope.showServicesByStack');
    }
  });

  test('the flat-list toggle and back', async () => {
    await vscode.commands.executeCommand('swarmscope.showServicesFlat');
    const flat = await a.explorerItems('services');
    assert.ok(flat.every((i) => i.kind === 'service'), 'no stack rows');
    assert.ok(flat.some((i) => i.label === 'demo_web'));
    await vscode.commands.executeCommand('swarmscope.showServicesByStack');
    assert.equal((await a.explorerItems('services'))[0].label, 'demo');
  });

  test('a service scaled from outside through the API updates its row within 2 s', async () => {
    await until('the event stream live', () => a.eventStreamStatus() === 'live');
    const docker = dockerFor(mainHost);
    const name = `explorer-scale-${Date.now() % 100000}`;
    const id = await createProbe(docker, name, 1);
    try {
      const first = await until('the new service listed', async () => (await a.explorerItems('services')).find((i) => i.label === name), 5000, 50);
      assert.match(first.description ?? '', /^replicated \d\/1 /);
      const service = docker.getService(id);
      const current = (await service.inspect()) as { Version: { Index: number }; Spec: object };
      const requestsBefore = a.explorerListRequests();
      const t0 = Date.now();
      await service.update({ ...current.Spec, Mode: { Replicated: { Replicas: 3 } }, version: current.Version.Index } as object);
      const updated = await until(
        'the row showing 3 desired',
        async () => (await a.explorerItems('services')).find((i) => i.label === name && /^replicated \d\/3 /.test(i.description ?? '')),
        2000,
        50,
      );
      const elapsed = Date.now() - t0;
      assert.ok(elapsed <= 2000, `updated after ${elapsed} ms`);
      assert.match(updated.description ?? '', /^replicated \d\/3 · demo\/busybox:1$/);
      const extra = a.explorerListRequests() - requestsBefore;
      assert.ok(extra >= 1 && extra <= 12, `${extra} list requests for the update (one per kind per refresh)`);
    } finally {
      await docker.getService(id).remove().catch(() => undefined);
    }
  });

  suite('with a second engine', function () {
    this.timeout(240_000);
    let engine: SandboxEngine;
    let probeName: string;

    suiteSetup(async function () {
      this.timeout(180_000);
      engine = await startEngine({ name: 'explorer-restart' });
      probeName = `restart-probe-${Date.now() % 100000}`;
      await createProbe(dockerFor(engine.dockerHost), probeName, 0);
    });

    suiteTeardown(async function () {
      this.timeout(120_000);
      await setSetting('host', undefined);
      await setSetting('context', undefined);
      await engine?.stop();
      await until('back on the main engine', async () => (await a.explorerItems('services')).some((i) => i.label === 'demo'), 30_000);
    });

    test('switching context switches the data', async () => {
      const cfg = process.env.DOCKER_CONFIG;
      assert.ok(cfg, 'the runner gives the extension host a private DOCKER_CONFIG');
      const dir = path.join(cfg, 'contexts', 'meta', contextDirName('explorer-second'));
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'meta.json'),
        JSON.stringify({ Name: 'explorer-second', Metadata: { Description: 'explorer test' }, Endpoints: { docker: { Host: engine.dockerHost, SkipTLSVerify: false } } }),
      );
      try {
        await vscode.commands.executeCommand('swarmscope.chooseContext', 'explorer-second');
        const items = await until('the second engine\'s services', async () => {
          const list = await a.explorerItems('services');
          return list.some((i) => i.label === probeName) ? list : undefined;
        });
        assert.ok(!items.some((i) => i.label === 'demo' || i.label === 'crashloop'), 'no rows of the first engine');
        const nodes = await a.explorerItems('nodes');
        assert.deepEqual(nodes.map((n) => n.label), ['sandbox-explorer-restart']);
        await vscode.commands.executeCommand('swarmscope.chooseContext', 'default');
        await until('the main engine\'s services again', async () => (await a.explorerItems('services')).some((i) => i.label === 'demo'));
        assert.equal((await a.explorerItems('nodes'))[0].label, 'sandbox-main');
      } finally {
        await setSetting('context', undefined);
        fs.rmSync(path.join(cfg, 'contexts'), { recursive: true, force: true });
      }
    });

    test('stopping the engine shows the error item; restarting it recovers by itself', async () => {
      await setSetting('host', engine.dockerHost);
      await until('the second engine listed', async () => (await a.explorerItems('services')).some((i) => i.label === probeName));
      await until('the event stream live', () => a.eventStreamStatus() === 'live');
      await engine.stop();
      const errorRows = await until('the error item', async () => {
        const list = await a.explorerItems('services');
        return list[0]?.kind === 'error' ? list : undefined;
      });
      assert.equal(errorRows[0].label, 'Cannot reach Docker');
      assert.match(errorRows[0].description ?? '', /explorer-restart\/docker\.sock/);
      assert.deepEqual(errorRows.slice(1).map((r) => r.label), ['Retry', 'Switch Docker Context…']);
      assert.equal(a.viewMessage(), undefined, 'the error is said once, in the row, not again as the view message');
      for (const view of ['nodes', 'networks', 'secrets', 'configs'] as ExplorerViewKind[]) {
        assert.equal((await a.explorerItems(view))[0]?.kind, 'error', `${view} shows the error too`);
      }
      assert.equal(a.connectionKey(), 'error');
      await engine.restart();
      await until('recovered without a reload', async () => (await a.explorerItems('services')).some((i) => i.label === probeName), 60_000, 250);
      assert.equal(a.connectionKey(), 'connected');
    });
  });
});
