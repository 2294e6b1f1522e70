import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerHost, defaultHostForPlatform } from '../../../src/docker/hostString';
import { ConnectionError } from '../../../src/docker/errors';

const good: [string, boolean, unknown][] = [
  ['unix:///var/run/docker.sock', false, { scheme: 'unix', socketPath: '/var/run/docker.sock' }],
  ['unix:///tmp/a b/docker.sock', false, { scheme: 'unix', socketPath: '/tmp/a b/docker.sock' }],
  ['npipe:////./pipe/docker_engine', false, { scheme: 'npipe', socketPath: '//./pipe/docker_engine' }],
  ['tcp://10.0.0.5:2376', true, { scheme: 'tcp', host: '10.0.0.5', port: 2376 }],
  ['tcp://example.com', false, { scheme: 'tcp', host: 'example.com', port: 2375 }],
  ['tcp://example.com', true, { scheme: 'tcp', host: 'example.com', port: 2376 }],
  ['tcp://example.com/', false, { scheme: 'tcp', host: 'example.com', port: 2375 }],
  ['example.com:1234', false, { scheme: 'tcp', host: 'example.com', port: 1234 }],
  ['tcp://[::1]:2375', false, { scheme: 'tcp', host: '::1', port: 2375 }],
  ['  tcp://h:1  ', false, { scheme: 'tcp', host: 'h', port: 1 }],
  ['ssh://me@manager1', false, { scheme: 'ssh', host: 'manager1', port: 22, username: 'me' }],
  ['ssh://manager1:2222', false, { scheme: 'ssh', host: 'manager1', port: 2222, username: undefined }],
];

for (const [input, tls, expected] of good) {
  test(`parseDockerHost(${JSON.stringify(input)}, tls=${tls})`, () => {
    assert.deepEqual(parseDockerHost(input, tls), expected);
  });
}

const bad: [string, RegExp][] = [
  ['tcp//oops', /Invalid Docker host "tcp\/\/oops".*Did you mean "tcp:\/\/oops"\?/],
  ['', /it is empty/],
  ['unix://', /socket path is missing/],
  ['npipe://', /named pipe path is missing/],
  ['tcp://host:2375/path', /must not contain a path/],
  ['tcp://', /expected tcp:\/\/HOST:PORT/],
  ['ssh://me:secret@host', /passwords in ssh:\/\/ addresses are not supported/],
  ['ssh://host/path', /must not contain a path/],
  ['fd://', /unsupported scheme "fd:\/\/"/],
  ['tcp://host:99999', /expected tcp:\/\/HOST:PORT/],
];

for (const [input, re] of bad) {
  test(`parseDockerHost rejects ${JSON.stringify(input)}`, () => {
    assert.throws(
      () => parseDockerHost(input),
      (err: unknown) => err instanceof ConnectionError && err.kind === 'bad-host' && re.test(err.message),
    );
  });
}

test('ssh:// passwords are never echoed back', () => {
  assert.throws(
    () => parseDockerHost('ssh://me:hunter2@host'),
    (err: unknown) => err instanceof Error && !err.message.includes('hunter2') && err.message.includes('me:****@host'),
  );
});

test('default host per platform', () => {
  assert.equal(defaultHostForPlatform('linux'), 'unix:///var/run/docker.sock');
  assert.equal(defaultHostForPlatform('darwin'), 'unix:///var/run/docker.sock');
  assert.equal(defaultHostForPlatform('win32'), 'npipe:////./pipe/docker_engine');
});
