import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archiveTimestamp, backupRunbook, renderRunbook, restoreRunbook, safeFileComponent, shellQuote, terminalLines } from '../../../src/backup/runbook';

void test('shellQuote leaves plain words alone and single-quotes the rest', () => {
  assert.equal(shellQuote('/var/lib/docker'), '/var/lib/docker');
  assert.equal(shellQuote('a b'), `'a b'`);
  assert.equal(shellQuote(`it's`), `'it'\\''s'`);
  assert.equal(shellQuote('$(reboot)'), `'$(reboot)'`);
  assert.equal(shellQuote(''), `''`);
  assert.throws(() => shellQuote('a\nb'), /control character/);
});

void test('archive names are timestamped and safe', () => {
  assert.equal(archiveTimestamp(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678))), '20250102T030405Z');
  assert.equal(safeFileComponent('mgr-1'), 'mgr-1');
  assert.equal(safeFileComponent('../evil host;rm'), 'evil-host-rm');
});

void test('the backup runbook stops the engine, tars the swarm directory, starts the engine', () => {
  const book = backupRunbook({ node: { id: 'n1', hostname: 'mgr-2', addr: '10.0.0.2' }, now: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)) });
  assert.equal(book.archivePath, '/var/backups/docker-swarm/swarm-mgr-2-20250102T030405Z.tar.gz');
  assert.deepEqual(terminalLines(book), [
    'sudo systemctl stop docker.socket docker.service',
    'sudo mkdir -p /var/backups/docker-swarm',
    'sudo tar -czpf /var/backups/docker-swarm/swarm-mgr-2-20250102T030405Z.tar.gz -C /var/lib/docker swarm',
    'sudo systemctl start docker.socket docker.service',
    'sudo sha256sum /var/backups/docker-swarm/swarm-mgr-2-20250102T030405Z.tar.gz',
  ]);
  assert.deepEqual(book.steps[2].argv, ['tar', '-czpf', book.archivePath, '-C', '/var/lib/docker', 'swarm']);
  const openrc = backupRunbook({ node: { id: 'n1', hostname: 'a', addr: '' }, serviceManager: 'openrc', dataRoot: '/data/docker root' });
  assert.equal(openrc.steps[0].line, 'sudo rc-service docker stop');
  assert.match(openrc.steps[2].line, /-C '\/data\/docker root' swarm$/);
  assert.throws(() => backupRunbook({ node: { id: 'n', hostname: 'a', addr: '' }, dataRoot: 'relative' }), /absolute path/);
});

void test('the restore runbook extracts, starts, and leaves force-new-cluster to the API', () => {
  const book = restoreRunbook({ hostname: 'mgr-2', archivePath: '/b/s.tar.gz', advertiseAddr: '10.0.0.2:2377', autolock: true });
  assert.deepEqual(book.steps.map((s) => [s.id, !!s.viaApi]), [['stop-engine', false], ['extract', false], ['start-engine', false], ['unlock', true], ['force-new-cluster', true]]);
  assert.equal(book.steps[4].line, 'docker swarm init --force-new-cluster --advertise-addr 10.0.0.2:2377');
  assert.equal(terminalLines(book).length, 3);
  assert.match(renderRunbook(book), /^# Restore the swarm on mgr-2\n/);
});
