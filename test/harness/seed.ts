// Seeds the sandbox swarm with a small demo: a stack "demo" labelled the way `docker stack deploy` labels it, plus
// a service whose tasks keep failing and one whose task can never be placed. Idempotent: what exists is kept.
import type Docker from 'dockerode';
import { DEMO_IMAGE, dockerFor, sleep } from './engine';

export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';
export const DEMO_STACK = 'demo';

export const SEED_NAMES = {
  network: 'demo_backend',
  secret: 'demo_db_password',
  config: 'demo_nginx_conf',
  web: 'demo_web',
  worker: 'demo_worker',
  agent: 'demo_agent',
  crashloop: 'crashloop',
  pending: 'pending',
} as const;

export interface SeedObject {
  name: string;
  id: string;
}

export interface SeedResult {
  stack: string;
  network: SeedObject;
  secret: SeedObject;
  config: SeedObject;
  services: {
    web: SeedObject;
    worker: SeedObject;
    agent: SeedObject;
    crashloop: SeedObject;
    pending: SeedObject;
  };
}

export interface SeedOptions {
  /** Bounded wait for demo_web's 2 running tasks and crashloop's first failed task; default 120 s. */
  timeoutMs?: number;
}

const STOP_GRACE_NS = 1_000_000_000;
const stackLabels = { [STACK_NAMESPACE_LABEL]: DEMO_STACK };

const WEB_SCRIPT = [
  'httpd -f -p 8080 -h /www &',
  'i=0',
  'while true; do i=$((i+1)); echo "web $(hostname): served / (tick $i)"; sleep 1; done',
].join('\n');
const WORKER_SCRIPT = [
  'i=0',
  'while true; do i=$((i+1)); echo "worker: processed job $i"; echo "worker: warning $i" >&2; sleep 1; done',
].join('\n');
const AGENT_SCRIPT = 'while true; do echo "agent on $(hostname): ok"; sleep 5; done';
const CRASH_SCRIPT = 'echo "crashloop: starting"; sleep 1; echo "crashloop: fatal: cannot open /data/db" >&2; exit 1';

const NGINX_CONF = [
  'events {}',
  'http {',
  '  server {',
  '    listen 8080;',
  '    location / { proxy_pass http://demo_web:8080; }',
  '  }',
  '}',
  '',
].join('\n');

/** Creates (or finds) the demo objects on the swarm at `dockerHost` and waits for them to settle. */
export async function seedDemoSwarm(dockerHost: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const docker = dockerFor(dockerHost);
  const network = await ensureNetwork(docker);
  const secret = await ensureSecret(docker);
  const config = await ensureConfig(docker);

  const stackService = (name: string, extra: Record<string, unknown>, script: string, template: object = {}): object => ({
    Name: name,
    Labels: { ...stackLabels, [STACK_IMAGE_LABEL]: DEMO_IMAGE },
    TaskTemplate: {
      ContainerSpec: {
        Image: DEMO_IMAGE,
        Labels: stackLabels,
        Command: ['sh', '-c', script],
        StopGracePeriod: STOP_GRACE_NS,
        ...((template as { ContainerSpec?: object }).ContainerSpec ?? {}),
      },
      ...omit(template, 'ContainerSpec'),
    },
    ...extra,
  });

  const web = await ensureService(
    docker,
    stackService(
      SEED_NAMES.web,
      {
        Mode: { Replicated: { Replicas: 2 } },
        // Two replicas on one node cannot both bind host port 8080, so each task gets an engine-chosen host port;
        // dnsrr because this kernel has no IPVS for VIP load balancing.
        EndpointSpec: { Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 8080, PublishMode: 'host' }] },
      },
      WEB_SCRIPT,
      {
        ContainerSpec: {
          Secrets: [
            {
              SecretID: secret.id,
              SecretName: secret.name,
              File: { Name: secret.name, UID: '0', GID: '0', Mode: 0o400 },
            },
          ],
          Configs: [
            {
              ConfigID: config.id,
              ConfigName: config.name,
              File: { Name: '/etc/nginx/nginx.conf', UID: '0', GID: '0', Mode: 0o444 },
            },
          ],
        },
        Networks: [{ Target: network.id, Aliases: ['web'] }],
        RestartPolicy: { Condition: 'any', Delay: STOP_GRACE_NS },
      },
    ),
  );
  const worker = await ensureService(
    docker,
    stackService(SEED_NAMES.worker, { Mode: { Replicated: { Replicas: 1 } } }, WORKER_SCRIPT, {
      Networks: [{ Target: network.id, Aliases: ['worker'] }],
    }),
  );
  const agent = await ensureService(docker, stackService(SEED_NAMES.agent, { Mode: { Global: {} } }, AGENT_SCRIPT));
  const crashloop = await ensureService(docker, {
    Name: SEED_NAMES.crashloop,
    TaskTemplate: {
      ContainerSpec: { Image: DEMO_IMAGE, Command: ['sh', '-c', CRASH_SCRIPT], StopGracePeriod: STOP_GRACE_NS },
      RestartPolicy: { Condition: 'on-failure', Delay: 2 * STOP_GRACE_NS, MaxAttempts: 0 },
    },
    Mode: { Replicated: { Replicas: 1 } },
  });
  const pending = await ensureService(docker, {
    Name: SEED_NAMES.pending,
    TaskTemplate: {
      ContainerSpec: { Image: DEMO_IMAGE, Command: ['sleep', '3600'], StopGracePeriod: STOP_GRACE_NS },
      Placement: { Constraints: ['node.labels.zone==nowhere'] },
    },
    Mode: { Replicated: { Replicas: 1 } },
  });

  const deadline = Date.now() + (opts.timeoutMs ?? 120000);
  await waitFor(
    async () => (await tasksOf(docker, web.id)).filter((task) => task.Status?.State === 'running').length >= 2,
    deadline,
    `${SEED_NAMES.web} did not reach 2 running tasks`,
  );
  await waitFor(
    async () => (await tasksOf(docker, crashloop.id)).some((task) => task.Status?.State === 'failed'),
    deadline,
    `${SEED_NAMES.crashloop} has no failed task yet`,
  );

  return {
    stack: DEMO_STACK,
    network,
    secret,
    config,
    services: { web, worker, agent, crashloop, pending },
  };
}

function omit(value: object, key: string): object {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete copy[key];
  return copy;
}

interface TaskSummary {
  ID?: string;
  Status?: { State?: string; Err?: string };
}

async function tasksOf(docker: Docker, serviceId: string): Promise<TaskSummary[]> {
  return (await docker.listTasks({ filters: { service: [serviceId] } })) as TaskSummary[];
}

async function waitFor(check: () => Promise<boolean>, deadline: number, message: string): Promise<void> {
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`seed: ${message} in time`);
    await sleep(250);
  }
}

async function ensureNetwork(docker: Docker): Promise<SeedObject> {
  const name = SEED_NAMES.network;
  const existing = (await docker.listNetworks({ filters: { name: [name] } })).find((net) => net.Name === name);
  if (existing) return { name, id: existing.Id };
  const created = await docker.createNetwork({
    Name: name,
    Driver: 'overlay',
    Attachable: true,
    CheckDuplicate: true,
    Labels: stackLabels,
  });
  return { name, id: created.id };
}

async function ensureSecret(docker: Docker): Promise<SeedObject> {
  const name = SEED_NAMES.secret;
  const existing = (await docker.listSecrets({ filters: { name: [name] } })).find((s) => s.Spec?.Name === name);
  if (existing) return { name, id: existing.ID };
  const created = (await docker.createSecret({
    Name: name,
    Labels: stackLabels,
    Data: Buffer.from('s3cr3t-demo-password\n').toString('base64'),
  })) as { id: string };
  return { name, id: created.id };
}

async function ensureConfig(docker: Docker): Promise<SeedObject> {
  const name = SEED_NAMES.config;
  const existing = (await docker.listConfigs({ filters: { name: [name] } })).find((c) => c.Spec?.Name === name);
  if (existing) return { name, id: existing.ID };
  const created = (await docker.createConfig({
    Name: name,
    Labels: stackLabels,
    Data: Buffer.from(NGINX_CONF).toString('base64'),
  })) as { id: string };
  return { name, id: created.id };
}

async function ensureService(docker: Docker, spec: object): Promise<SeedObject> {
  const name = (spec as { Name: string }).Name;
  const existing = (await docker.listServices({ filters: { name: [name] } })).find((s) => s.Spec?.Name === name);
  if (existing?.ID) return { name, id: existing.ID };
  // dockerode's createService types lag behind the API (Configs, Global mode); the spec above follows API 1.41.
  const created = (await docker.createService(spec as Docker.CreateServiceOptions)) as { id: string };
  return { name, id: created.id };
}
