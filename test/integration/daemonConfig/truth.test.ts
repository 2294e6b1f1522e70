// Truth against the real engine: for each daemon.json, what the linter predicts for the installed dockerd must be
// what that dockerd does. A 'start' error → dockerd refuses to start; no error → it starts; a 'create' error →
// it starts, and a container using the default log driver cannot be created or started.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { probeDaemonConfig } from '../../harness/daemonProbe';
import { validate } from '../../../src/daemonConfig/validate';
import type { Problem } from '../../../src/daemonConfig/problem';

type Verdict = 'ok' | 'start' | 'create';

interface TruthCase {
  name: string;
  json: string;
  /** What the case is meant to show; the linter must predict it and the engine must do it. */
  verdict: Verdict;
  /** For 'start': the engine log must match; for 'create': the create/start error must match. */
  engineSays?: RegExp;
  /** Only for this engine major.minor (behaviour that changed upstream). */
  onlyFor?: string;
}

const j = (o: object): string => JSON.stringify(o);

const CASES: TruthCase[] = [
  // dockerd refuses to start
  { name: 'log-opts number', json: j({ 'log-opts': { 'max-file': 3 } }), verdict: 'start', engineSays: /cannot unmarshal number/ },
  { name: 'unknown key (typo)', json: j({ 'tls-verify': true }), verdict: 'start', engineSays: /don't match any configuration option: tls-verify/ },
  { name: 'trailing comma', json: '{"debug": true,}', verdict: 'start', engineSays: /invalid character '}'/ },
  { name: 'comment', json: '// x\n{"debug": true}', verdict: 'start', engineSays: /invalid character '\/'/ },
  { name: 'top-level array', json: '[]', verdict: 'start', engineSays: /cannot unmarshal array/ },
  { name: 'bool as string', json: j({ debug: 'yes' }), verdict: 'start', engineSays: /cannot unmarshal string .* bool/ },
  { name: 'journald max-size', json: j({ 'log-driver': 'journald', 'log-opts': { 'max-size': '10m' } }), verdict: 'start', engineSays: /unknown log opt 'max-size' for journald/ },
  { name: 'gelf without address', json: j({ 'log-driver': 'gelf', 'log-opts': { tag: 'x' } }), verdict: 'start', engineSays: /gelf-address is a required parameter/ },
  { name: 'gelf compression on tcp', json: j({ 'log-driver': 'gelf', 'log-opts': { 'gelf-address': 'tcp://127.0.0.1:12201', 'gelf-compression-type': 'gzip' } }), verdict: 'start', engineSays: /compression is only supported on UDP/ },
  { name: 'log mode', json: j({ 'log-opts': { mode: 'async' } }), verdict: 'start', engineSays: /logging mode not supported/ },
  { name: 'max-buffer-size without non-blocking', json: j({ 'log-opts': { 'max-buffer-size': '4m' } }), verdict: 'start', engineSays: /only supported with 'mode=non-blocking'/ },
  { name: 'cache-disabled not a bool', json: j({ 'log-driver': 'syslog', 'log-opts': { 'cache-disabled': 'maybe' } }), verdict: 'start', engineSays: /invalid value for option cache-disabled/ },
  { name: 'syslog scheme', json: j({ 'log-driver': 'syslog', 'log-opts': { 'syslog-address': 'ftp://x' } }), verdict: 'start', engineSays: /syslog-address|unsupported scheme/ },
  { name: 'syslog facility', json: j({ 'log-driver': 'syslog', 'log-opts': { 'syslog-facility': 'local9' } }), verdict: 'start', engineSays: /invalid syslog facility/ },
  { name: 'awslogs without group', json: j({ 'log-driver': 'awslogs', 'log-opts': { 'awslogs-region': 'eu-west-1' } }), verdict: 'start', engineSays: /awslogs-group/ },
  { name: 'fluentd option newer than 20.10', json: j({ 'log-driver': 'fluentd', 'log-opts': { 'fluentd-async-reconnect-interval': '1s' } }), verdict: 'start', engineSays: /unknown log opt 'fluentd-async-reconnect-interval'/, onlyFor: '20.10' },
  { name: 'log-format newer than 20.10', json: j({ 'log-format': 'json' }), verdict: 'start', engineSays: /don't match any configuration option: log-format/, onlyFor: '20.10' },
  { name: 'log level', json: j({ 'log-level': 'verbose' }), verdict: 'start', engineSays: /logging level: verbose/ },
  { name: 'conflicting labels', json: j({ labels: ['a=b', 'a=c'] }), verdict: 'start', engineSays: /conflict labels/ },
  { name: 'label without =', json: j({ labels: ['one'] }), verdict: 'start', engineSays: /bad attribute format: one/ },
  { name: 'mirror scheme', json: j({ 'registry-mirrors': ['ftp://mirror'] }), verdict: 'start', engineSays: /unsupported scheme "ftp"/ },
  { name: 'negative downloads', json: j({ 'max-concurrent-downloads': -1 }), verdict: 'start', engineSays: /max concurrent downloads: -1/ },
  { name: 'ipc mode', json: j({ 'default-ipc-mode': 'host' }), verdict: 'start', engineSays: /IPC mode/ },
  // dockerd starts
  { name: 'valid json-file rotation', json: j({ debug: true, 'log-level': 'warn', labels: ['a=b'], 'log-opts': { 'max-size': '10m', 'max-file': '3', compress: 'true' } }), verdict: 'ok' },
  { name: 'none driver with any options', json: j({ 'log-driver': 'none', 'log-opts': { whatever: 'x' } }), verdict: 'ok' },
  { name: 'ignored key', json: j({ 'registry-mirror': ['https://mirror.example'] }), verdict: 'ok' },
  { name: 'api-cors-header still accepted by 20.10', json: j({ 'api-cors-header': '*' }), verdict: 'ok', onlyFor: '20.10' },
  { name: 'unknown exec-opt ignored by 20.10', json: j({ 'exec-opts': ['foo=bar'] }), verdict: 'ok', onlyFor: '20.10' },
  // dockerd starts, containers fail
  { name: 'json-file bad max-size', json: j({ 'log-opts': { 'max-size': '10 megs' } }), verdict: 'create', engineSays: /invalid (size|suffix)/ },
  { name: 'json-file compress with one file', json: j({ 'log-opts': { 'max-size': '1m', 'max-file': '1', compress: 'true' } }), verdict: 'create', engineSays: /compress cannot be true/ },
  { name: 'local compress with one file', json: j({ 'log-driver': 'local', 'log-opts': { 'max-file': '1' } }), verdict: 'create', engineSays: /compression cannot be enabled/ },
  { name: 'splunk without token', json: j({ 'log-driver': 'splunk', 'log-opts': { 'splunk-url': 'https://127.0.0.1:8088' } }), verdict: 'create', engineSays: /splunk-token/ },
  { name: 'log driver typo', json: j({ 'log-driver': 'jsonfile' }), verdict: 'create', engineSays: /jsonfile/ },
];

function predicted(problems: Problem[]): Verdict {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.some((p) => p.stage === 'start')) return 'start';
  if (errors.some((p) => p.stage === 'create') || problems.some((p) => p.ruleId === 'log-driver-unknown')) return 'create';
  return 'ok';
}

async function installedEngineVersion(): Promise<string> {
  const { stdout } = await promisify(execFile)('dockerd', ['--version']);
  const m = /version (\d+\.\d+)/.exec(stdout);
  assert.ok(m, `cannot read the dockerd version from ${stdout}`);
  return m[1];
}

async function containerError(dockerHost: string): Promise<string | undefined> {
  const docker = new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') });
  try {
    const container = await docker.createContainer({ Image: 'demo/busybox:1', Cmd: ['true'] });
    try {
      await container.start();
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

void test('daemon.json truth: the linter agrees with the installed dockerd', { timeout: 15 * 60_000 }, async (t) => {
  const version = await installedEngineVersion();
  for (const tc of CASES) {
    if (tc.onlyFor && tc.onlyFor !== version) continue;
    await t.test(tc.name, async () => {
      const problems = validate(tc.json, { engineVersion: version });
      assert.equal(predicted(problems), tc.verdict, `linter for ${version}: ${JSON.stringify(problems, null, 1)}`);
      const probe = await probeDaemonConfig(tc.json, { importBusybox: tc.verdict !== 'start' });
      try {
        if (tc.verdict === 'start') {
          assert.equal(probe.started, false, `dockerd ${version} started with ${tc.json}`);
          if (tc.engineSays) assert.match(probe.log, tc.engineSays);
          return;
        }
        assert.equal(probe.started, true, `dockerd ${version} refused ${tc.json}:\n${probe.log.slice(-1500)}`);
        assert.ok(probe.engine);
        assert.equal(probe.imageError, undefined);
        const err = await containerError(probe.engine.dockerHost);
        if (tc.verdict === 'ok') assert.equal(err, undefined, `a container failed with ${tc.json}: ${err}`);
        else {
          assert.ok(err, `a container started with ${tc.json}`);
          if (tc.engineSays) assert.match(err, tc.engineSays);
        }
      } finally {
        await probe.engine?.stop();
      }
    });
  }
});
