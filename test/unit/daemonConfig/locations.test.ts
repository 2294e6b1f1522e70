import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { daemonJsonCandidates, fileAccess, interpretDockerdValidate } from '../../../src/daemonConfig/locations';

test('candidates: configured path first, then /etc, then the rootless file under XDG_CONFIG_HOME or ~/.config', () => {
  assert.deepEqual(daemonJsonCandidates({}, '/home/u'), ['/etc/docker/daemon.json', '/home/u/.config/docker/daemon.json']);
  assert.deepEqual(daemonJsonCandidates({ XDG_CONFIG_HOME: '/x' }, '/home/u', ' /srv/d.json '), ['/srv/d.json', '/etc/docker/daemon.json', '/x/docker/daemon.json']);
  assert.deepEqual(daemonJsonCandidates({}, '/home/u', '/etc/docker/daemon.json'), ['/etc/docker/daemon.json', '/home/u/.config/docker/daemon.json']);
});

test('interpretDockerdValidate: OK, refusal, and engines without --validate', () => {
  assert.deepEqual(interpretDockerdValidate(0, 'configuration OK\n', '/usr/bin/dockerd'), { available: true, ok: true, dockerd: '/usr/bin/dockerd', message: 'configuration OK' });
  const refused = interpretDockerdValidate(1, 'unable to configure the Docker daemon with file /tmp/d.json: the following directives don\'t match any configuration option: bogus\n', 'd');
  assert.equal(refused.ok, false);
  assert.equal(refused.available, true);
  assert.match(refused.message, /don't match any configuration option: bogus$/);
  const old = interpretDockerdValidate(125, 'unknown flag: --validate\nSee \'dockerd --help\'.', '/usr/sbin/dockerd');
  assert.equal(old.available, false);
  assert.match(old.message, /has no --validate \(it came with Engine 23\.0\)/);
});

test('fileAccess tells missing, writable and read-only files apart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-loc-'));
  try {
    assert.deepEqual(await fileAccess(path.join(dir, 'none.json')), { exists: false, writable: false });
    const f = path.join(dir, 'daemon.json');
    fs.writeFileSync(f, '{}');
    assert.deepEqual(await fileAccess(f), { exists: true, writable: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
