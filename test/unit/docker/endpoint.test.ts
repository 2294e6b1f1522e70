import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveEndpoint, ResolveEnvironment, endpointLabel } from '../../../src/docker/endpoint';
import { contextDirName, listContexts } from '../../../src/docker/contexts';
import { nodeFileReader } from '../../../src/docker/connection';
import { ConnectionError } from '../../../src/docker/errors';

let root: string;
let home: string;
let config: string;

function writeContext(name: string, host: string, opts: { skipTls?: boolean; tls?: Record<string, string>; raw?: string } = {}): void {
  const dir = path.join(config, 'contexts', 'meta', contextDirName(name));
  fs.mkdirSync(dir, { recursive: true });
  const meta = { Name: name, Metadata: { Description: `ctx ${name}` }, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipTls ?? false } } };
  fs.writeFileSync(path.join(dir, 'meta.json'), opts.raw ?? JSON.stringify(meta));
  if (opts.tls) {
    const tlsDir = path.join(config, 'contexts', 'tls', contextDirName(name), 'docker');
    fs.mkdirSync(tlsDir, { recursive: true });
    for (const [file, content] of Object.entries(opts.tls)) fs.writeFileSync(path.join(tlsDir, file), content);
  }
}

function env(vars: NodeJS.ProcessEnv, platform: NodeJS.Platform = 'linux'): ResolveEnvironment {
  return { env: { DOCKER_CONFIG: config, ...vars }, homeDir: home, platform, fs: nodeFileReader };
}

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-endpoint-'));
  home = path.join(root, 'home');
  config = path.join(root, 'docker-config');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(config, { recursive: true });
  writeContext('prod', 'ssh://ops@manager1');
  writeContext('tlsctx', 'tcp://10.1.2.3:2376', { tls: { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' } });
  writeContext('insecure', 'tcp://10.1.2.4:2376', { skipTls: true, tls: { 'ca.pem': 'CA2' } });
  writeContext('broken', '', { raw: '{not json' });
  writeContext('nohost', '', { raw: JSON.stringify({ Name: 'nohost', Endpoints: {} }) });
  fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'prod' }));
  const certs = path.join(root, 'certs');
  fs.mkdirSync(certs);
  fs.writeFileSync(path.join(certs, 'ca.pem'), 'ENVCA');
  fs.writeFileSync(path.join(certs, 'cert.pem'), 'ENVCERT');
  fs.writeFileSync(path.join(certs, 'key.pem'), 'ENVKEY');
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('resolution order', () => {
  test('the host setting wins over everything', async () => {
    const ep = await resolveEndpoint({ host: 'tcp://a:1' }, env({ DOCKER_HOST: 'tcp://b:2', DOCKER_CONTEXT: 'prod' }));
    assert.equal(ep.source, 'setting:host');
    assert.equal(ep.host, 'tcp://a:1');
    assert.equal(ep.contextName, 'default');
    assert.equal(endpointLabel(ep), 'tcp://a:1');
  });
  test('the context setting wins over DOCKER_HOST', async () => {
    const ep = await resolveEndpoint({ context: 'prod' }, env({ DOCKER_HOST: 'tcp://b:2' }));
    assert.equal(ep.source, 'setting:context');
    assert.equal(ep.host, 'ssh://ops@manager1');
    assert.deepEqual(ep.transport, { scheme: 'ssh', host: 'manager1', port: 22, username: 'ops' });
  });
  test('host and context settings together are refused', async () => {
    await assert.rejects(resolveEndpoint({ host: 'tcp://a:1', context: 'prod' }, env({})), (e: unknown) => e instanceof ConnectionError && e.kind === 'bad-setting');
  });
  test('DOCKER_HOST wins over DOCKER_CONTEXT and currentContext', async () => {
    const ep = await resolveEndpoint({}, env({ DOCKER_HOST: 'unix:///x.sock', DOCKER_CONTEXT: 'tlsctx' }));
    assert.equal(ep.source, 'env:DOCKER_HOST');
    assert.equal(ep.host, 'unix:///x.sock');
    assert.equal(ep.tls, undefined);
  });
  test('DOCKER_CONTEXT wins over currentContext', async () => {
    const ep = await resolveEndpoint({}, env({ DOCKER_CONTEXT: 'tlsctx' }));
    assert.equal(ep.source, 'env:DOCKER_CONTEXT');
    assert.equal(ep.contextName, 'tlsctx');
    assert.equal(endpointLabel(ep), 'tlsctx');
  });
  test('currentContext from config.json', async () => {
    const ep = await resolveEndpoint({}, env({}));
    assert.equal(ep.source, 'config:currentContext');
    assert.equal(ep.contextName, 'prod');
  });
  test('the platform default when nothing is set', async () => {
    const empty = fs.mkdtempSync(path.join(root, 'empty-'));
    const ep = await resolveEndpoint({}, { ...env({}), env: { DOCKER_CONFIG: empty } });
    assert.equal(ep.source, 'default');
    assert.equal(ep.host, 'unix:///var/run/docker.sock');
    assert.equal(endpointLabel(ep), 'default');
    const win = await resolveEndpoint({}, { ...env({}, 'win32'), env: { DOCKER_CONFIG: empty } });
    assert.equal(win.host, 'npipe:////./pipe/docker_engine');
  });
  test('DOCKER_CONFIG defaults to ~/.docker', async () => {
    fs.mkdirSync(path.join(home, '.docker'), { recursive: true });
    fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'default' }));
    const ep = await resolveEndpoint({}, { env: {}, homeDir: home, platform: 'linux', fs: nodeFileReader });
    assert.equal(ep.host, 'unix:///var/run/docker.sock');
  });
  test('context "default" means DOCKER_HOST or the default socket', async () => {
    const a = await resolveEndpoint({ context: 'default' }, env({}));
    assert.equal(a.host, 'unix:///var/run/docker.sock');
    const b = await resolveEndpoint({ context: 'default' }, env({ DOCKER_HOST: 'tcp://b:2' }));
    assert.equal(b.host, 'tcp://b:2');
  });
});

describe('config.json problems are warnings, as in the CLI', () => {
  test('malformed config.json', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'badcfg-'));
    fs.writeFileSync(path.join(dir, 'config.json'), '{oops');
    const ep = await resolveEndpoint({}, { ...env({}), env: { DOCKER_CONFIG: dir } });
    assert.equal(ep.source, 'default');
    assert.match(ep.warnings.join('\n'), /config\.json is not valid JSON; ignoring it/);
  });
});

describe('TLS material', () => {
  test('context TLS files are loaded and verification is on', async () => {
    const ep = await resolveEndpoint({ context: 'tlsctx' }, env({}));
    assert.equal(ep.tls?.verify, true);
    assert.equal(ep.tls?.ca?.toString(), 'CA');
    assert.equal(ep.tls?.cert?.toString(), 'CERT');
    assert.equal(ep.tls?.key?.toString(), 'KEY');
    assert.deepEqual(ep.transport, { scheme: 'tcp', host: '10.1.2.3', port: 2376 });
  });
  test('SkipTLSVerify in the context turns verification off', async () => {
    const ep = await resolveEndpoint({ context: 'insecure' }, env({}));
    assert.equal(ep.tls?.verify, false);
    assert.equal(ep.tls?.ca?.toString(), 'CA2');
  });
  test('a context without TLS files has no TLS', async () => {
    const ep = await resolveEndpoint({ context: 'prod' }, env({}));
    assert.equal(ep.tls, undefined);
  });
  test('DOCKER_TLS_VERIFY + DOCKER_CERT_PATH', async () => {
    const ep = await resolveEndpoint({}, env({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(root, 'certs') }));
    assert.equal(ep.tls?.verify, true);
    assert.equal(ep.tls?.ca?.toString(), 'ENVCA');
    assert.equal(ep.tls?.key?.toString(), 'ENVKEY');
    assert.equal(ep.transport.scheme === 'tcp' && ep.transport.port, 2376);
  });
  test('DOCKER_TLS without verify', async () => {
    const ep = await resolveEndpoint({}, env({ DOCKER_HOST: 'tcp://h:1', DOCKER_TLS: '1', DOCKER_CERT_PATH: path.join(root, 'certs') }));
    assert.equal(ep.tls?.verify, false);
  });
  test('DOCKER_TLS_VERIFY without ca.pem warns and uses the system store', async () => {
    const ep = await resolveEndpoint({}, env({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(root, 'nothing') }));
    assert.equal(ep.tls?.ca, undefined);
    assert.match(ep.warnings[0], /ca\.pem is missing/);
  });
  test('settings TLS paths are read, ~ expanded, verification on by default', async () => {
    fs.writeFileSync(path.join(home, 'my-ca.pem'), 'HOMECA');
    const ep = await resolveEndpoint({ host: 'tcp://h:2376', tls: { caCert: '~/my-ca.pem' } }, env({}));
    assert.equal(ep.tls?.ca?.toString(), 'HOMECA');
    assert.equal(ep.tls?.verify, true);
  });
  test('settings: tls.enabled with verify false', async () => {
    const ep = await resolveEndpoint({ host: 'tcp://h', tls: { enabled: true, verify: false } }, env({}));
    assert.equal(ep.tls?.verify, false);
    assert.equal(ep.transport.scheme === 'tcp' && ep.transport.port, 2376);
  });
  test('settings: a missing certificate file is a clear error naming the setting', async () => {
    await assert.rejects(
      resolveEndpoint({ host: 'tcp://h', tls: { caCert: path.join(root, 'missing.pem') } }, env({})),
      (e: unknown) => e instanceof ConnectionError && e.kind === 'tls-material' && /missing\.pem \(swarmscope\.tls\.caCert\): ENOENT/.test(e.message),
    );
  });
  test('settings: cert without key is refused', async () => {
    await assert.rejects(
      resolveEndpoint({ host: 'tcp://h', tls: { cert: '/x' } }, env({})),
      (e: unknown) => e instanceof ConnectionError && /both swarmscope\.tls\.cert and swarmscope\.tls\.key/.test(e.message),
    );
  });
  test('a context with a certificate but no key is refused', async () => {
    writeContext('halfcert', 'tcp://h:2376', { tls: { 'cert.pem': 'C' } });
    await assert.rejects(
      resolveEndpoint({ context: 'halfcert' }, env({})),
      (e: unknown) => e instanceof ConnectionError && e.kind === 'tls-material' && /certificate without its key/.test(e.message),
    );
  });
});

describe('context store problems', () => {
  test('a missing context', async () => {
    await assert.rejects(
      resolveEndpoint({ context: 'nope' }, env({})),
      (e: unknown) => e instanceof ConnectionError && e.kind === 'context' && /Docker context "nope" does not exist/.test(e.message),
    );
  });
  test('a malformed meta.json', async () => {
    await assert.rejects(
      resolveEndpoint({ context: 'broken' }, env({})),
      (e: unknown) => e instanceof ConnectionError && e.kind === 'context' && /"broken" is not valid JSON/.test(e.message),
    );
  });
  test('a context without a docker endpoint', async () => {
    await assert.rejects(
      resolveEndpoint({ context: 'nohost' }, env({})),
      (e: unknown) => e instanceof ConnectionError && /has no Docker endpoint host/.test(e.message),
    );
  });
  test('an unreadable meta.json (a directory in its place)', async () => {
    const dir = path.join(config, 'contexts', 'meta', contextDirName('unreadable'), 'meta.json');
    fs.mkdirSync(dir, { recursive: true });
    await assert.rejects(
      resolveEndpoint({ context: 'unreadable' }, env({})),
      (e: unknown) => e instanceof ConnectionError && e.kind === 'context' && /Cannot read docker context "unreadable".*EISDIR/.test(e.message),
    );
  });
  test('a malformed host inside a context', async () => {
    writeContext('badhost', 'tcp//oops');
    await assert.rejects(
      resolveEndpoint({ context: 'badhost' }, env({})),
      (e: unknown) => e instanceof ConnectionError && e.kind === 'bad-host',
    );
  });
  test('listContexts lists readable contexts and reports the rest', async () => {
    const { contexts, problems } = await listContexts(config, nodeFileReader);
    const names = contexts.map((c) => c.name);
    assert.ok(names.includes('prod') && names.includes('tlsctx') && names.includes('insecure'));
    assert.ok(!names.includes('broken'));
    assert.ok(problems.some((p) => /not valid JSON/.test(p)));
    assert.deepEqual([...names].sort((a, b) => a.localeCompare(b)), names);
  });
  test('listContexts on a store that does not exist', async () => {
    assert.deepEqual(await listContexts(path.join(root, 'none'), nodeFileReader), { contexts: [], problems: [] });
  });
  test('the context directory is the sha256 of its name', () => {
    assert.equal(contextDirName('default'), '37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
  });
});
