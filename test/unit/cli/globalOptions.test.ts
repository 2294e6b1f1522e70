import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGlobalOptions, UsageError } from '../../../src/cli/globalOptions';

test('global options are taken out, the rest is kept in order', () => {
  const { settings, rest } = parseGlobalOptions(['-H', 'tcp://h:1', 'inspect', 'service', 'web', '--format=yaml']);
  assert.equal(settings.host, 'tcp://h:1');
  assert.deepEqual(rest, ['inspect', 'service', 'web', '--format=yaml']);
});

test('--context=, --tlsverify and TLS paths', () => {
  const { settings } = parseGlobalOptions(['--context=prod', '--tlsverify', '--tlscacert', '/ca.pem', 'info']);
  assert.equal(settings.context, 'prod');
  assert.deepEqual(settings.tls, { enabled: true, verify: true, caCert: '/ca.pem' });
});

test('--tls alone does not verify', () => {
  assert.deepEqual(parseGlobalOptions(['--tls']).settings.tls, { enabled: true, verify: false });
});

test('a flag without its value is a usage error', () => {
  assert.throws(() => parseGlobalOptions(['info', '-H']), UsageError);
});
