import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseConstraint,
  parseEnv,
  parseLabel,
  parseLabels,
  parseManagerAddress,
  parsePort,
  parsePorts,
  parseReplicas,
  parseSubnet,
  validateAdvertiseAddress,
  validateGateway,
  validateImage,
  validateJoinToken,
  validateNetworkName,
  validateSecretOrConfigName,
  validateServiceName,
  validateUnlockKey,
} from '../../../src/operations/validate';

void test('service names follow swarmkit (DNS label, letters/digits/-/_, at most 63)', () => {
  for (const ok of ['web', 'demo_web', 'a', 'api-v2', 'A1', 'x'.repeat(63)]) assert.equal(validateServiceName(ok), undefined, ok);
  const bad: [string, RegExp][] = [
    ['', /needs a name/],
    ['-web', /not a valid service name/],
    ['web-', /not a valid service name/],
    ['web.1', /not a valid service name/],
    ['my web', /not a valid service name/],
    ['x'.repeat(64), /at most 63/],
  ];
  for (const [name, re] of bad) assert.match(validateServiceName(name) ?? '', re, name);
});

void test('secret and config names allow dots, at most 64 characters', () => {
  assert.equal(validateSecretOrConfigName('db.password-v2', 'secret'), undefined);
  assert.equal(validateSecretOrConfigName('x'.repeat(64), 'config'), undefined);
  assert.match(validateSecretOrConfigName('x'.repeat(65), 'config') ?? '', /at most 64/);
  assert.match(validateSecretOrConfigName('.hidden', 'secret') ?? '', /not a valid secret name/);
  assert.match(validateSecretOrConfigName('a/b', 'config') ?? '', /not a valid config name/);
  assert.match(validateSecretOrConfigName('', 'secret') ?? '', /needs a name/);
});

void test('network names', () => {
  assert.equal(validateNetworkName('demo_backend'), undefined);
  assert.equal(validateNetworkName('my.net-1'), undefined);
  assert.match(validateNetworkName('_x') ?? '', /not a valid network name/);
  assert.match(validateNetworkName('') ?? '', /needs a name/);
});

void test('images', () => {
  for (const ok of ['nginx', 'nginx:1.27', 'demo/busybox:1', 'registry.example.com:5000/team/app:2', 'alpine@sha256:0123abcd']) {
    assert.equal(validateImage(ok), undefined, ok);
  }
  assert.match(validateImage('') ?? '', /required/);
  assert.match(validateImage('nginx 1.27') ?? '', /spaces/);
  assert.match(validateImage('Nginx') ?? '', /lower case/);
  assert.match(validateImage('nginx:') ?? '', /without a tag/);
});

void test('replicas', () => {
  assert.deepEqual(parseReplicas(' 3 '), { ok: true, value: 3 });
  assert.deepEqual(parseReplicas('0'), { ok: true, value: 0 });
  for (const bad of ['-1', '1.5', 'three', '']) assert.equal(parseReplicas(bad).ok, false, bad);
});

void test('ports in the short and the long --publish syntax', () => {
  const table: [string, unknown][] = [
    ['8080:80', { target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }],
    ['53:53/udp', { target: 53, published: 53, protocol: 'udp', mode: 'ingress' }],
    ['80', { target: 80, published: undefined, protocol: 'tcp', mode: 'ingress' }],
    ['published=8080,target=80,mode=host,protocol=sctp', { target: 80, published: 8080, protocol: 'sctp', mode: 'host' }],
    ['target=80,mode=host', { target: 80, published: undefined, protocol: 'tcp', mode: 'host' }],
  ];
  for (const [text, value] of table) assert.deepEqual(parsePort(text), { ok: true, value }, text);
  const bad: [string, RegExp][] = [
    ['70000:80', /outside 1–65535/],
    ['8080:80/icmp', /not tcp, udp or sctp/],
    ['published=8080', /no target port/],
    ['mode=bridge,target=80', /not ingress or host/],
    ['colour=red,target=80', /Unknown port field "colour"/],
    ['8080-8081:80', /is not a port/],
    ['', /Empty port/],
  ];
  for (const [text, re] of bad) {
    const p = parsePort(text);
    assert.equal(p.ok, false, text);
    if (!p.ok) assert.match(p.error, re, text);
  }
  const dup = parsePorts(['8080:80', 'published=8080,target=81']);
  assert.equal(dup.ok, false);
  assert.deepEqual(parsePorts(['8080:80', '8080:80/udp']).ok, true, 'same number, different protocol');
});

void test('placement constraints', () => {
  assert.deepEqual(parseConstraint('node.role==manager'), { ok: true, value: { key: 'node.role', operator: '==', value: 'manager' } });
  assert.deepEqual(parseConstraint(' node.labels.zone != eu-1 '), { ok: true, value: { key: 'node.labels.zone', operator: '!=', value: 'eu-1' } });
  assert.equal(parseConstraint('engine.labels.gpu==true').ok, true);
  assert.equal(parseConstraint('node.ip==10.0.0.0/8').ok, true);
  const bad: [string, RegExp][] = [
    ['node.role=manager', /is not a constraint/],
    ['node.role==boss', /manager or worker/],
    ['node.colour==red', /Unknown constraint key "node.colour"/],
    ['node.hostname==', /has no value/],
    ['node.ip==nowhere', /needs an IP address/],
  ];
  for (const [text, re] of bad) {
    const p = parseConstraint(text);
    assert.equal(p.ok, false, text);
    if (!p.ok) assert.match(p.error, re, text);
  }
});

void test('environment variables and labels', () => {
  assert.deepEqual(parseEnv('A=b=c'), { ok: true, value: { key: 'A', value: 'b=c' } });
  assert.deepEqual(parseEnv('EMPTY='), { ok: true, value: { key: 'EMPTY', value: '' } });
  assert.equal(parseEnv('NOVALUE').ok, false);
  assert.equal(parseEnv('=x').ok, false);
  assert.equal(parseEnv('MY VAR=1').ok, false);
  assert.deepEqual(parseLabel('zone=eu'), { ok: true, value: { key: 'zone', value: 'eu' } });
  assert.deepEqual(parseLabel('ssd'), { ok: true, value: { key: 'ssd', value: '' } });
  assert.deepEqual(parseLabels(['a=1', 'b']), { ok: true, value: { a: '1', b: '' } });
  assert.equal(parseLabels(['a=1', 'a=2']).ok, false);
});

void test('advertise addresses, manager addresses, tokens and keys', () => {
  for (const ok of ['10.0.0.1', '10.0.0.1:2377', 'eth0', 'eth0:4567', '::1', '[fe80::1]:2377']) assert.equal(validateAdvertiseAddress(ok), undefined, ok);
  for (const bad of ['', '10.0.0.1:99999', 'not an address', 'a-very-long-interface-name']) assert.notEqual(validateAdvertiseAddress(bad), undefined, bad);
  assert.deepEqual(parseManagerAddress('10.77.0.11'), { ok: true, value: '10.77.0.11:2377' });
  assert.deepEqual(parseManagerAddress('mgr.example.com:4000'), { ok: true, value: 'mgr.example.com:4000' });
  assert.deepEqual(parseManagerAddress('[fd00::1]:2377'), { ok: true, value: '[fd00::1]:2377' });
  assert.equal(parseManagerAddress('host:0').ok, false);
  assert.equal(validateJoinToken('SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx'), undefined);
  assert.match(validateJoinToken('SWMKEY-1-abc') ?? '', /SWMTKN-1/);
  assert.equal(validateUnlockKey('SWMKEY-1-7c37Cc8654o6p38HnroywCi19pllOnGtbdZEgtKxZu8'), undefined);
  assert.match(validateUnlockKey('SWMTKN-1-a-b') ?? '', /SWMKEY-1/);
});

void test('subnets and gateways', () => {
  assert.deepEqual(parseSubnet('10.20.0.0/24'), { ok: true, value: { address: '10.20.0.0', prefix: 24, family: 4 } });
  assert.equal(parseSubnet('fd00:1::/64').ok, true);
  const hostBits = parseSubnet('10.20.0.5/24');
  assert.equal(hostBits.ok, false);
  if (!hostBits.ok) assert.match(hostBits.error, /host bits set/);
  assert.equal(parseSubnet('10.20.0.0/33').ok, false);
  assert.equal(parseSubnet('10.20.0.0').ok, false);
  assert.equal(validateGateway('10.20.0.1', '10.20.0.0/24'), undefined);
  assert.match(validateGateway('10.21.0.1', '10.20.0.0/24') ?? '', /outside 10\.20\.0\.0\/24/);
  assert.match(validateGateway('fd00::1', '10.20.0.0/24') ?? '', /IPv6 but the subnet is IPv4/);
  assert.match(validateGateway('10.20.0.1', undefined) ?? '', /needs a subnet/);
});
