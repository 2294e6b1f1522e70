// What the extension-host test files share: the extension's test API, polling, settings, the active editor's text
// and a client for the sandbox engine the runner started (SWARMSCOPE_TEST_DOCKER_HOST).
import * as assert from 'node:assert/strict';
import Dockerode from 'dockerode';
import * as vscode from 'vscode';
import type { SwarmscopeTestApi } from '../../src/extension';
import { until as pollUntil } from '../harness/wait';

export const EXTENSION_ID = 'swarmscope.swarmscope';

/** The extension's test API, activating it if needed. */
export async function api(): Promise<SwarmscopeTestApi> {
  const ext = vscode.extensions.getExtension<SwarmscopeTestApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `check` until it returns a truthy value and returns that value (the harness's poller, with the extension-host
 * suites' default of 20 s in steps of 150 ms).
 */
export function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  stepMs = 150,
): Promise<T> {
  return pollUntil(what, check, timeoutMs, stepMs);
}

/** Sets a `swarmscope.*` setting in the user settings. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('swarmscope').update(key, value, vscode.ConfigurationTarget.Global);
}

/** The text of the active editor ('' when there is none). */
export function activeText(): string {
  return vscode.window.activeTextEditor?.document.getText() ?? '';
}

/** A dockerode client for a `unix://` host of the harness. */
export function dockerFor(dockerHost: string): Dockerode {
  return new Dockerode({ socketPath: dockerHost.replace(/^unix:\/\//, '') });
}

/** The sandbox engine's address, as the runner passes it. */
export function sandboxHost(): string {
  const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
  assert.ok(host, 'SWARMSCOPE_TEST_DOCKER_HOST is set by the test runner');
  return host;
}

/** A client for the sandbox engine. */
export function sandboxDocker(): Dockerode {
  return dockerFor(sandboxHost());
}
