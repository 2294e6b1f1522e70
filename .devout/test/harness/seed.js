"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
var seed_exports = {};
__export(seed_exports, {
  DEMO_STACK: () => DEMO_STACK,
  SEED_NAMES: () => SEED_NAMES,
  STACK_IMAGE_LABEL: () => STACK_IMAGE_LABEL,
  STACK_NAMESPACE_LABEL: () => STACK_NAMESPACE_LABEL,
  seedDemoSwarm: () => seedDemoSwarm
});
module.exports = __toCommonJS(seed_exports);
var import_engine = require("./engine");
const STACK_NAMESPACE_LABEL = "com.docker.stack.namespace";
const STACK_IMAGE_LABEL = "com.docker.stack.image";
const DEMO_STACK = "demo";
const SEED_NAMES = {
  network: "demo_backend",
  secret: "demo_db_password",
  config: "demo_nginx_conf",
  web: "demo_web",
  worker: "demo_worker",
  agent: "demo_agent",
  crashloop: "crashloop",
  pending: "pending"
};
const STOP_GRACE_NS = 1e9;
const stackLabels = { [STACK_NAMESPACE_LABEL]: DEMO_STACK };
const WEB_SCRIPT = [
  "httpd -f -p 8080 -h /www &",
  "i=0",
  'while true; do i=$((i+1)); echo "web $(hostname): served / (tick $i)"; sleep 1; done'
].join("\n");
const WORKER_SCRIPT = [
  "i=0",
  'while true; do i=$((i+1)); echo "worker: processed job $i"; echo "worker: warning $i" >&2; sleep 1; done'
].join("\n");
const AGENT_SCRIPT = 'while true; do echo "agent on $(hostname): ok"; sleep 5; done';
const CRASH_SCRIPT = 'echo "crashloop: starting"; sleep 1; echo "crashloop: fatal: cannot open /data/db" >&2; exit 1';
const NGINX_CONF = [
  "events {}",
  "http {",
  "  server {",
  "    listen 8080;",
  "    location / { proxy_pass http://demo_web:8080; }",
  "  }",
  "}",
  ""
].join("\n");
async function seedDemoSwarm(dockerHost, opts = {}) {
  const docker = (0, import_engine.dockerFor)(dockerHost);
  const network = await ensureNetwork(docker);
  const secret = await ensureSecret(docker);
  const config = await ensureConfig(docker);
  const stackService = (name, extra, script, template = {}) => ({
    Name: name,
    Labels: { ...stackLabels, [STACK_IMAGE_LABEL]: import_engine.DEMO_IMAGE },
    TaskTemplate: {
      ContainerSpec: {
        Image: import_engine.DEMO_IMAGE,
        Labels: stackLabels,
        Command: ["sh", "-c", script],
        StopGracePeriod: STOP_GRACE_NS,
        ...template.ContainerSpec ?? {}
      },
      ...omit(template, "ContainerSpec")
    },
    ...extra
  });
  const web = await ensureService(
    docker,
    stackService(
      SEED_NAMES.web,
      {
        Mode: { Replicated: { Replicas: 2 } },
        // Two replicas on one node cannot both bind host port 8080, so each task gets an engine-chosen host port;
        // dnsrr because this kernel has no IPVS for VIP load balancing.
        EndpointSpec: { Mode: "dnsrr", Ports: [{ Protocol: "tcp", TargetPort: 8080, PublishMode: "host" }] }
      },
      WEB_SCRIPT,
      {
        ContainerSpec: {
          Secrets: [
            {
              SecretID: secret.id,
              SecretName: secret.name,
              File: { Name: secret.name, UID: "0", GID: "0", Mode: 256 }
            }
          ],
          Configs: [
            {
              ConfigID: config.id,
              ConfigName: config.name,
              File: { Name: "/etc/nginx/nginx.conf", UID: "0", GID: "0", Mode: 292 }
            }
          ]
        },
        Networks: [{ Target: network.id, Aliases: ["web"] }],
        RestartPolicy: { Condition: "any", Delay: STOP_GRACE_NS }
      }
    )
  );
  const worker = await ensureService(
    docker,
    stackService(SEED_NAMES.worker, { Mode: { Replicated: { Replicas: 1 } } }, WORKER_SCRIPT, {
      Networks: [{ Target: network.id, Aliases: ["worker"] }]
    })
  );
  const agent = await ensureService(docker, stackService(SEED_NAMES.agent, { Mode: { Global: {} } }, AGENT_SCRIPT));
  const crashloop = await ensureService(docker, {
    Name: SEED_NAMES.crashloop,
    TaskTemplate: {
      ContainerSpec: { Image: import_engine.DEMO_IMAGE, Command: ["sh", "-c", CRASH_SCRIPT], StopGracePeriod: STOP_GRACE_NS },
      RestartPolicy: { Condition: "on-failure", Delay: 2 * STOP_GRACE_NS, MaxAttempts: 0 }
    },
    Mode: { Replicated: { Replicas: 1 } }
  });
  const pending = await ensureService(docker, {
    Name: SEED_NAMES.pending,
    TaskTemplate: {
      ContainerSpec: { Image: import_engine.DEMO_IMAGE, Command: ["sleep", "3600"], StopGracePeriod: STOP_GRACE_NS },
      Placement: { Constraints: ["node.labels.zone==nowhere"] }
    },
    Mode: { Replicated: { Replicas: 1 } }
  });
  const deadline = Date.now() + (opts.timeoutMs ?? 6e4);
  await waitFor(
    async () => (await tasksOf(docker, web.id)).filter((task) => task.Status?.State === "running").length >= 2,
    deadline,
    `${SEED_NAMES.web} did not reach 2 running tasks`
  );
  await waitFor(
    async () => (await tasksOf(docker, crashloop.id)).some((task) => task.Status?.State === "failed"),
    deadline,
    `${SEED_NAMES.crashloop} has no failed task yet`
  );
  return {
    stack: DEMO_STACK,
    network,
    secret,
    config,
    services: { web, worker, agent, crashloop, pending }
  };
}
function omit(value, key) {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
async function tasksOf(docker, serviceId) {
  return await docker.listTasks({ filters: { service: [serviceId] } });
}
async function waitFor(check, deadline, message) {
  for (; ; ) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`seed: ${message} in time`);
    await (0, import_engine.sleep)(250);
  }
}
async function ensureNetwork(docker) {
  const name = SEED_NAMES.network;
  const existing = (await docker.listNetworks({ filters: { name: [name] } })).find((net) => net.Name === name);
  if (existing) return { name, id: existing.Id };
  const created = await docker.createNetwork({
    Name: name,
    Driver: "overlay",
    Attachable: true,
    CheckDuplicate: true,
    Labels: stackLabels
  });
  return { name, id: created.id };
}
async function ensureSecret(docker) {
  const name = SEED_NAMES.secret;
  const existing = (await docker.listSecrets({ filters: { name: [name] } })).find((s) => s.Spec?.Name === name);
  if (existing) return { name, id: existing.ID };
  const created = await docker.createSecret({
    Name: name,
    Labels: stackLabels,
    Data: Buffer.from("s3cr3t-demo-password\n").toString("base64")
  });
  return { name, id: created.id };
}
async function ensureConfig(docker) {
  const name = SEED_NAMES.config;
  const existing = (await docker.listConfigs({ filters: { name: [name] } })).find((c) => c.Spec?.Name === name);
  if (existing) return { name, id: existing.ID };
  const created = await docker.createConfig({
    Name: name,
    Labels: stackLabels,
    Data: Buffer.from(NGINX_CONF).toString("base64")
  });
  return { name, id: created.id };
}
async function ensureService(docker, spec) {
  const name = spec.Name;
  const existing = (await docker.listServices({ filters: { name: [name] } })).find((s) => s.Spec?.Name === name);
  if (existing?.ID) return { name, id: existing.ID };
  const created = await docker.createService(spec);
  return { name, id: created.id };
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  DEMO_STACK,
  SEED_NAMES,
  STACK_IMAGE_LABEL,
  STACK_NAMESPACE_LABEL,
  seedDemoSwarm
});
