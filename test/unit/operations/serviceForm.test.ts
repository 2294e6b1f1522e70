import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ServiceForm,
  createCommandWords,
  missingReferences,
  renderCreateCommand,
  shellQuote,
  toServiceSpec,
  validateServiceForm,
} from '../../../src/operations/serviceForm';

const refs = {
  networks: new Map([['backend', 'net123']]),
  secrets: new Map([['db_password', 'sec123']]),
  configs: new Map([['nginx_conf', 'cfg123']]),
};

const full: ServiceForm = {
  image: 'nginx:1.27',
  name: 'web',
  mode: 'replicated',
  replicas: 3,
  command: ['sh', '-c', "echo 'hi' && sleep 3600"],
  ports: ['8080:80', 'published=5353,target=53,mode=host,protocol=udp'],
  networks: ['backend'],
  env: ['MODE=prod', 'GREETING=hello world'],
  secrets: [{ source: 'db_password' }, { source: 'db_password', target: 'pw' }],
  configs: [{ source: 'nginx_conf', target: '/etc/nginx/nginx.conf' }],
  constraints: ['node.role==worker', 'node.labels.zone!=eu'],
  restartCondition: 'on-failure',
  restartMaxAttempts: 3,
  stopGracePeriodSeconds: 1,
  labels: ['team=web'],
};

void test('shell quoting keeps safe words bare and single-quotes the rest', () => {
  assert.equal(shellQuote('node.role==worker'), 'node.role==worker');
  assert.equal(shellQuote('published=8080,target=80'), 'published=8080,target=80');
  assert.equal(shellQuote('hello world'), "'hello world'");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('$HOME'), "'$HOME'");
});

void test('the preview renders every field as the CLI flag that sets it', () => {
  assert.equal(
    renderCreateCommand(full),
    [
      'docker service create --name web --replicas 3',
      '--publish 8080:80 --publish mode=host,target=53,published=5353,protocol=udp',
      '--network backend',
      "--env MODE=prod --env 'GREETING=hello world'",
      '--secret db_password --secret source=db_password,target=pw',
      '--config source=nginx_conf,target=/etc/nginx/nginx.conf',
      "--constraint node.role==worker --constraint 'node.labels.zone!=eu'",
      '--restart-condition on-failure --restart-max-attempts 3',
      '--stop-grace-period 1s',
      '--label team=web',
      `nginx:1.27 sh -c 'echo '\\''hi'\\'' && sleep 3600'`,
    ].join(' '),
  );
});

void test('defaults are left out of the preview, global mode is spelled out', () => {
  assert.equal(renderCreateCommand({ image: 'demo/busybox:1', name: 'one', mode: 'replicated' }), 'docker service create --name one demo/busybox:1');
  assert.equal(renderCreateCommand({ image: 'demo/busybox:1', name: 'one', mode: 'replicated', replicas: 1 }), 'docker service create --name one demo/busybox:1');
  assert.deepEqual(createCommandWords({ image: 'agent:2', name: 'agent', mode: 'global', stopGracePeriodSeconds: 0.5 }), [
    'docker', 'service', 'create', '--name', 'agent', '--mode', 'global', '--stop-grace-period', '500ms', 'agent:2',
  ]);
  assert.equal(renderCreateCommand({ image: 'x', name: 'x', mode: 'replicated', replicas: 0 }), 'docker service create --name x --replicas 0 x');
});

void test('the spec carries the same settings as the preview', () => {
  const spec = toServiceSpec(full, refs);
  assert.equal(spec.Name, 'web');
  assert.deepEqual(spec.Labels, { team: 'web' });
  assert.deepEqual(spec.Mode, { Replicated: { Replicas: 3 } });
  const c = spec.TaskTemplate.ContainerSpec!;
  assert.equal(c.Image, 'nginx:1.27');
  assert.deepEqual(c.Args, ['sh', '-c', "echo 'hi' && sleep 3600"]);
  assert.equal(c.Command, undefined, 'words after the image are Args, like the CLI');
  assert.deepEqual(c.Env, ['MODE=prod', 'GREETING=hello world']);
  assert.equal(c.StopGracePeriod, 1_000_000_000);
  assert.deepEqual(c.Secrets, [
    { SecretID: 'sec123', SecretName: 'db_password', File: { Name: 'db_password', UID: '0', GID: '0', Mode: 0o444 } },
    { SecretID: 'sec123', SecretName: 'db_password', File: { Name: 'pw', UID: '0', GID: '0', Mode: 0o444 } },
  ]);
  assert.deepEqual(c.Configs, [{ ConfigID: 'cfg123', ConfigName: 'nginx_conf', File: { Name: '/etc/nginx/nginx.conf', UID: '0', GID: '0', Mode: 0o444 } }]);
  assert.deepEqual(spec.TaskTemplate.Networks, [{ Target: 'net123' }]);
  assert.deepEqual(spec.TaskTemplate.Placement, { Constraints: ['node.role==worker', 'node.labels.zone!=eu'] });
  assert.deepEqual(spec.TaskTemplate.RestartPolicy, { Condition: 'on-failure', MaxAttempts: 3 });
  assert.deepEqual(spec.EndpointSpec, {
    Ports: [
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
      { Protocol: 'udp', TargetPort: 53, PublishedPort: 5353, PublishMode: 'host' },
    ],
  });
  const global = toServiceSpec({ image: 'a', name: 'a', mode: 'global' }, refs);
  assert.deepEqual(global.Mode, { Global: {} });
  assert.equal(global.EndpointSpec, undefined);
  assert.equal(global.TaskTemplate.RestartPolicy, undefined);
});

void test('validation lists every problem; references are checked against the engine', () => {
  assert.deepEqual(validateServiceForm(full), []);
  const problems = validateServiceForm({
    image: 'Bad Image',
    name: '-x',
    mode: 'global',
    replicas: 2,
    ports: ['99999:80'],
    env: ['NOEQUALS'],
    constraints: ['node.role==boss'],
    secrets: [{ source: 'bad/name' }],
  });
  assert.equal(problems.length, 7, problems.join('\n'));
  assert.deepEqual(missingReferences({ ...full, networks: ['backend', 'frontend'], secrets: [{ source: 'nope' }] }, refs), [
    'network frontend',
    'secret nope',
  ]);
});
