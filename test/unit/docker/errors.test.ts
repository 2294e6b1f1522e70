import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeConnectionError, ConnectionError, engineMessage } from '../../../src/docker/errors';

const ep = 'unix:///var/run/docker.sock';
const errno = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

const cases: [string, unknown, string, RegExp][] = [
  ['socket missing', errno('ENOENT'), 'socket-missing', /^Cannot reach Docker at unix:\/\/\/var\/run\/docker\.sock: the socket does not exist\. Is dockerd running\?$/],
  ['permission denied', errno('EACCES'), 'permission', /Permission denied connecting to .*"docker" group/],
  ['refused', errno('ECONNREFUSED'), 'refused', /refused the connection/],
  ['timeout', errno('ETIMEDOUT'), 'timeout', /did not answer in time/],
  ['dns', errno('ENOTFOUND'), 'dns', /Cannot resolve the host/],
  ['unreachable', errno('EHOSTUNREACH'), 'refused', /unreachable/],
  ['tls self-signed', errno('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls', /^TLS handshake with .* failed: self-signed certificate\./],
  ['tls openssl', errno('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), 'tls', /TLS handshake/],
  ['tls altname', errno('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'tls', /TLS handshake/],
  ['ssh auth', Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), 'ssh', /^SSH connection for .* failed: the server accepted none of the keys in your ssh agent \(ssh-add -l lists them\)\.$/],
  ['ssh agent missing', new Error('Failed to connect to agent'), 'ssh', /^SSH connection for .* failed: no ssh agent answers at SSH_AUTH_SOCK\. Start ssh-agent and add your key with ssh-add; Swarmscope authenticates only through the agent\.$/],
  ['ssh host key refused later', Object.assign(new Error('Host denied (verification failed)'), { level: 'client-socket' }), 'ssh', /^SSH host key verification for .* failed: its key is not the one known_hosts lists\.$/],
  ['ssh other', Object.assign(new Error('Connection lost before handshake'), { level: 'client-socket' }), 'ssh', /^SSH connection for .* failed: Connection lost before handshake$/],
  [
    'not a swarm manager',
    Object.assign(new Error('(HTTP code 503) unexpected - This node is not a swarm manager.'), {
      statusCode: 503,
      json: { message: 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.' },
    }),
    'not-manager',
    /^This node is not a swarm manager\. Use "docker swarm init"/,
  ],
  ['engine error', Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500, json: { message: 'boom\nmore' } }), 'engine', /answered 500: boom$/],
  ['anything else', new Error('weird\n at stack line'), 'unknown', /^Cannot talk to Docker at .*: weird$/],
];

for (const [name, err, kind, re] of cases) {
  test(`describeConnectionError: ${name}`, () => {
    const e = describeConnectionError(err, ep);
    assert.equal(e.kind, kind);
    assert.match(e.message, re);
    assert.ok(!/\n/.test(e.message), 'one line, no stack trace');
    assert.equal(e.detail, err, 'details are kept for the log');
  });
}

test('a ConnectionError passes through unchanged', () => {
  const original = new ConnectionError('bad-host', 'x');
  assert.equal(describeConnectionError(original, ep), original);
});

test('engineMessage reads the JSON body', () => {
  assert.equal(engineMessage({ json: { message: ' no such service: x ' } }), 'no such service: x');
  assert.equal(engineMessage({ json: null }), undefined);
  assert.equal(engineMessage(undefined), undefined);
});
