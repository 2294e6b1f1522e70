import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkHostKey,
  hostFieldMatches,
  hostKeyAlgorithms,
  hostKeyMessage,
  keyBlobType,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
  readKnownHostsFiles,
} from '../../../src/docker/knownHosts';

// Two ed25519 keys made with ssh-keygen; the hashed lines are ssh-keygen -H output for "[127.0.0.1]:2222" and
// "manager1" with K1.
const K1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIGA2imHtflfOyX5ORgRhmnsQEMLfz0TeLGGlyKVORFDD';
const K2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIITpRcygxHg42/s+Xrf60Br9npysngSuOT1L75b9BpER';
const HASHED_PORT = '|1|/dpWLB302UUIj1YrnQi83nzVFRo=|6kuZMhpEBSoER75kUxFFY2xikPQ=';
const HASHED_MANAGER1 = '|1|Gmt0vWNRaQexfSpi184xRflPnm0=|uFVkALxguv4aLT/XWW1AOHewBug=';
const blob = (b64: string): Buffer => Buffer.from(b64, 'base64');

void test('known_hosts lines: markers, comments, blank and short lines', () => {
  const lines = parseKnownHosts(`# comment\n\nhost1,10.0.0.1 ssh-ed25519 ${K1} comment text\n@revoked host2 ssh-ed25519 ${K2}\n@cert-authority *.example ssh-ed25519 ${K1}\nbroken-line\n`);
  assert.deepEqual(lines, [
    { marker: undefined, hosts: 'host1,10.0.0.1', keyType: 'ssh-ed25519', key: K1 },
    { marker: 'revoked', hosts: 'host2', keyType: 'ssh-ed25519', key: K2 },
    { marker: 'cert-authority', hosts: '*.example', keyType: 'ssh-ed25519', key: K1 },
  ]);
});

void test('host fields: names, [host]:port, wildcards, negation and hashed entries', () => {
  assert.equal(knownHostName('m1', 22), 'm1');
  assert.equal(knownHostName('m1', 2222), '[m1]:2222');
  assert.equal(hostFieldMatches('m1,m2', 'm2'), true);
  assert.equal(hostFieldMatches('M1', 'm1'), true, 'host names are case-insensitive');
  assert.equal(hostFieldMatches('m1', '[m1]:2222'), false, 'another port is another host');
  assert.equal(hostFieldMatches('*.prod.example', 'mgr.prod.example'), true);
  assert.equal(hostFieldMatches('mgr-?', 'mgr-3'), true);
  assert.equal(hostFieldMatches('*.example,!bad.example', 'bad.example'), false);
  assert.equal(hostFieldMatches('m1.example', 'm1xexample'), false, 'a dot is a dot');
  assert.equal(hostFieldMatches(HASHED_PORT, '[127.0.0.1]:2222'), true);
  assert.equal(hostFieldMatches(HASHED_PORT, '127.0.0.1'), false);
  assert.equal(hostFieldMatches(HASHED_MANAGER1, 'manager1'), true);
  assert.equal(hostFieldMatches(HASHED_MANAGER1, 'manager2'), false);
  assert.equal(hostFieldMatches('|1|broken', 'manager1'), false);
});

void test('the key type is read from the blob', () => {
  assert.equal(keyBlobType(blob(K1)), 'ssh-ed25519');
  assert.equal(keyBlobType(Buffer.from([0, 0])), '');
  assert.equal(keyBlobType(Buffer.from([0, 0, 0, 99, 1])), '');
});

void test('verdicts: trusted, unknown, changed (same type), other types only, revoked', () => {
  const lines = parseKnownHosts(`${HASHED_MANAGER1} ssh-ed25519 ${K1}\nrsa-only ssh-rsa AAAAB3NzaC1yc2E=\n@revoked stolen ssh-ed25519 ${K2}\nstolen ssh-ed25519 ${K2}\n`);
  assert.deepEqual(checkHostKey(lines, 'manager1', 22, blob(K1)), { status: 'trusted', keyType: 'ssh-ed25519', knownTypes: ['ssh-ed25519'] });
  assert.equal(checkHostKey(lines, 'manager1', 22, blob(K2)).status, 'changed');
  assert.equal(checkHostKey(lines, 'manager1', 2222, blob(K1)).status, 'unknown', 'port 2222 is not listed');
  assert.equal(checkHostKey(lines, 'nowhere', 22, blob(K1)).status, 'unknown');
  assert.deepEqual(checkHostKey(lines, 'rsa-only', 22, blob(K1)), { status: 'unknown', keyType: 'ssh-ed25519', knownTypes: ['ssh-rsa'] });
  assert.equal(checkHostKey(lines, 'stolen', 22, blob(K2)).status, 'revoked', '@revoked wins over a plain line');
  assert.deepEqual(knownKeyTypes(lines, 'rsa-only', 22), ['ssh-rsa']);
  assert.deepEqual(hostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519']), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
  assert.deepEqual(hostKeyAlgorithms(['sk-ssh-ed25519@openssh.com', 'ecdsa-sha2-nistp256']), ['ecdsa-sha2-nistp256'], 'types ssh2 cannot use are left out');
  assert.deepEqual(hostKeyAlgorithms(['ssh-ed25519-cert-v01@openssh.com']), []);
});

void test('messages say what happened and what to do', () => {
  const v = (status: 'unknown' | 'changed' | 'revoked') => ({ status, keyType: 'ssh-ed25519', knownTypes: [] });
  assert.equal(
    hostKeyMessage(v('unknown'), '127.0.0.1', 2222, 'ops'),
    'The SSH host key of [127.0.0.1]:2222 (ssh-ed25519) is not in known_hosts. Check it and add it by connecting once with "ssh -p 2222 ops@127.0.0.1", then retry.',
  );
  assert.match(hostKeyMessage(v('changed'), 'm1', 22, undefined), /has CHANGED .* refuses to connect; .*ssh-keygen -R "m1"/);
  assert.match(hostKeyMessage(v('revoked'), 'm1', 22, undefined), /@revoked/);
});

void test('files: missing ones are skipped, present ones concatenated in order', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-kh-'));
  try {
    const a = path.join(dir, 'a');
    fs.writeFileSync(a, `m1 ssh-ed25519 ${K1}\n`);
    const lines = readKnownHostsFiles([path.join(dir, 'missing'), a]);
    assert.deepEqual(lines.map((l) => l.hosts), ['m1']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
