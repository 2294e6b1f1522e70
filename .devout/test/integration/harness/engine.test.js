"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var import_node_test = require("node:test");
var import_strict = __toESM(require("node:assert/strict"));
var fs = __toESM(require("node:fs"));
var os = __toESM(require("node:os"));
var path = __toESM(require("node:path"));
var import_dockerode = __toESM(require("dockerode"));
var import_engine = require("../../harness/engine");
var import_seed = require("../../harness/seed");
var import_daemonProbe = require("../../harness/daemonProbe");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "ss-harness-"));
(0, import_node_test.after)(async () => {
  await (0, import_engine.stopAll)(root);
  fs.rmSync(root, { recursive: true, force: true });
});
function dockerAt(dockerHost) {
  return new import_dockerode.default({ socketPath: dockerHost.replace(/^unix:\/\//, "") });
}
async function swarmNodeId(docker) {
  const info = await docker.info();
  import_strict.default.equal(info.Swarm.LocalNodeState, "active");
  return info.Swarm.NodeID;
}
function demux(buffer) {
  const out = { stdout: "", stderr: "" };
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    const chunk = buffer.subarray(offset + 8, offset + 8 + size).toString("utf8");
    if (buffer[offset] === 2) out.stderr += chunk;
    else out.stdout += chunk;
    offset += 8 + size;
  }
  return out;
}
async function runToCompletion(docker, cmd, extra = {}) {
  const container = await docker.createContainer({ Image: import_engine.DEMO_IMAGE, Cmd: cmd, ...extra });
  try {
    await container.start();
    const status = await container.wait();
    const logs = demux(await container.logs({ stdout: true, stderr: true, follow: false }));
    import_strict.default.equal(status.StatusCode, 0, logs.stderr);
    return logs.stdout;
  } finally {
    await container.remove({ force: true });
  }
}
void (0, import_node_test.describe)("sandbox engine lifecycle", () => {
  void (0, import_node_test.test)("start, start again, restart and stop twice are safe and keep the swarm", async () => {
    const first = await (0, import_engine.startEngine)({ name: "twice", root });
    const docker = dockerAt(first.dockerHost);
    const nodeId = await swarmNodeId(docker);
    await docker.getImage(import_engine.DEMO_IMAGE).inspect();
    import_strict.default.equal(await runToCompletion(docker, ["sh", "-c", "echo hello; ls /bin/httpd /bin/seq"]), "hello\n/bin/httpd\n/bin/seq\n");
    const again = await (0, import_engine.startEngine)({ name: "twice", root });
    import_strict.default.equal(again.pid, first.pid, "a healthy engine with the same arguments is reused");
    import_strict.default.equal(await swarmNodeId(dockerAt(again.dockerHost)), nodeId);
    const oldPid = again.pid;
    await again.restart();
    import_strict.default.notEqual(again.pid, oldPid);
    import_strict.default.equal((0, import_engine.isAlive)(oldPid), false, "the old dockerd is gone after restart");
    import_strict.default.equal(await swarmNodeId(dockerAt(again.dockerHost)), nodeId, "restart keeps the swarm state");
    const pid = again.pid;
    await again.stop();
    import_strict.default.equal((0, import_engine.isAlive)(pid), false);
    import_strict.default.equal((0, import_engine.readRecord)(again.dir), null, "the record is removed on stop");
    import_strict.default.equal(fs.existsSync(again.socketPath), false);
    await again.stop();
    await first.stop();
    const third = await (0, import_engine.startEngine)({ name: "twice", root });
    import_strict.default.notEqual(third.pid, pid);
    import_strict.default.equal(await swarmNodeId(dockerAt(third.dockerHost)), nodeId, "a fresh start reuses the data-root");
    await third.stop();
  });
  void (0, import_node_test.test)("two engines run at once, each with its own network (both publish port 8080)", async () => {
    const [a, b] = await Promise.all([(0, import_engine.startEngine)({ name: "left", root }), (0, import_engine.startEngine)({ name: "right", root })]);
    import_strict.default.notEqual(a.pid, b.pid);
    const [da, db] = [dockerAt(a.dockerHost), dockerAt(b.dockerHost)];
    import_strict.default.notEqual(await swarmNodeId(da), await swarmNodeId(db));
    const publish = (docker) => docker.createContainer({
      Image: import_engine.DEMO_IMAGE,
      Cmd: ["httpd", "-f", "-p", "8080", "-h", "/www"],
      StopTimeout: 1,
      HostConfig: { PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] } }
    });
    const containers = await Promise.all([publish(da), publish(db)]);
    try {
      await Promise.all(containers.map((c) => c.start()));
      for (const c of containers) import_strict.default.equal((await c.inspect()).State.Running, true);
    } finally {
      await Promise.all(containers.map((c) => c.remove({ force: true })));
    }
    await (0, import_engine.stopAll)(root);
    import_strict.default.equal((0, import_engine.isAlive)(a.pid), false);
    import_strict.default.equal((0, import_engine.isAlive)(b.pid), false);
    await (0, import_engine.stopAll)(root);
    await (0, import_engine.stopAll)(path.join(root, "does-not-exist"));
  });
});
void (0, import_node_test.describe)("seeded demo swarm (SWARMSCOPE_TEST_DOCKER_HOST)", () => {
  const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
  void (0, import_node_test.test)("has the stack, the network, the secret, the config and the five services", async () => {
    import_strict.default.ok(host, "SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner");
    const docker = dockerAt(host);
    const seeded = await (0, import_seed.seedDemoSwarm)(host);
    import_strict.default.deepEqual(await (0, import_seed.seedDemoSwarm)(host), seeded);
    const network = await docker.getNetwork(seeded.network.id).inspect();
    import_strict.default.equal(network.Name, import_seed.SEED_NAMES.network);
    import_strict.default.equal(network.Driver, "overlay");
    import_strict.default.equal(network.Attachable, true);
    import_strict.default.equal(network.Labels[import_seed.STACK_NAMESPACE_LABEL], "demo");
    const secret = await docker.getSecret(seeded.secret.id).inspect();
    import_strict.default.equal(secret.Spec.Name, import_seed.SEED_NAMES.secret);
    const config = await docker.getConfig(seeded.config.id).inspect();
    import_strict.default.match(Buffer.from(config.Spec.Data, "base64").toString(), /listen 8080/);
    const services = await docker.listServices();
    const byName = new Map(services.map((s) => [s.Spec.Name, s]));
    for (const name of [import_seed.SEED_NAMES.web, import_seed.SEED_NAMES.worker, import_seed.SEED_NAMES.agent, import_seed.SEED_NAMES.crashloop, import_seed.SEED_NAMES.pending]) {
      const service = byName.get(name);
      import_strict.default.ok(service, `${name} exists`);
      import_strict.default.equal(service.Spec.TaskTemplate.ContainerSpec.Image, import_engine.DEMO_IMAGE);
      import_strict.default.equal(service.Spec.TaskTemplate.ContainerSpec.StopGracePeriod, 1e9);
    }
    for (const name of [import_seed.SEED_NAMES.web, import_seed.SEED_NAMES.worker, import_seed.SEED_NAMES.agent]) {
      const labels = byName.get(name)?.Spec.Labels;
      import_strict.default.equal(labels[import_seed.STACK_NAMESPACE_LABEL], "demo", `${name} is in stack demo`);
      import_strict.default.equal(labels[import_seed.STACK_IMAGE_LABEL], import_engine.DEMO_IMAGE);
    }
    import_strict.default.equal(byName.get(import_seed.SEED_NAMES.crashloop)?.Spec.Labels?.[import_seed.STACK_NAMESPACE_LABEL], void 0);
    const web = byName.get(import_seed.SEED_NAMES.web)?.Spec;
    import_strict.default.equal(web?.Mode.Replicated.Replicas, 2);
    import_strict.default.equal(web?.TaskTemplate.ContainerSpec.Secrets[0].SecretName, import_seed.SEED_NAMES.secret);
    import_strict.default.equal(web?.TaskTemplate.ContainerSpec.Configs[0].ConfigName, import_seed.SEED_NAMES.config);
    import_strict.default.equal(web?.TaskTemplate.Networks[0].Target, seeded.network.id);
    import_strict.default.deepEqual(
      web?.EndpointSpec.Ports.map((p) => [p.TargetPort, p.PublishMode]),
      [[8080, "host"]]
    );
    import_strict.default.ok("Global" in byName.get(import_seed.SEED_NAMES.agent).Spec.Mode, "demo_agent is global");
  });
  void (0, import_node_test.test)("tasks: web runs 2, crashloop fails with exit 1, pending has no suitable node, worker logs both streams", async () => {
    import_strict.default.ok(host, "SWARMSCOPE_TEST_DOCKER_HOST must be set by the test runner");
    const docker = dockerAt(host);
    const seeded = await (0, import_seed.seedDemoSwarm)(host);
    const tasks = await docker.listTasks();
    const of = (id) => tasks.filter((t) => t.ServiceID === id);
    import_strict.default.equal(of(seeded.services.web.id).filter((t) => t.Status.State === "running").length, 2);
    import_strict.default.ok(
      of(seeded.services.crashloop.id).some((t) => t.Status.State === "failed" && t.Status.Err === "task: non-zero exit (1)"),
      JSON.stringify(of(seeded.services.crashloop.id).map((t) => t.Status))
    );
    const pending = of(seeded.services.pending.id);
    import_strict.default.equal(pending.length, 1);
    import_strict.default.equal(pending[0].Status.State, "pending");
    import_strict.default.match(pending[0].Status.Err ?? "", /no suitable node/);
    import_strict.default.equal(of(seeded.services.agent.id).filter((t) => t.Status.State === "running").length, 1);
    const worker = of(seeded.services.worker.id).find((t) => t.Status.State === "running");
    import_strict.default.ok(worker?.Status.ContainerStatus?.ContainerID, "worker has a running container");
    let logs = { stdout: "", stderr: "" };
    for (let i = 0; i < 20 && !logs.stderr; i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 250));
      const raw = await docker.getContainer(worker.Status.ContainerStatus.ContainerID).logs({ stdout: true, stderr: true, follow: false });
      logs = demux(raw);
    }
    import_strict.default.match(logs.stdout, /worker: processed job \d+/);
    import_strict.default.match(logs.stderr, /worker: warning \d+/);
  });
});
void (0, import_node_test.describe)("daemon.json probe", () => {
  void (0, import_node_test.test)("refuses an unknown key with dockerd's own message", async () => {
    const result = await (0, import_daemonProbe.probeDaemonConfig)('{"bogus-key": 1}', { root });
    import_strict.default.equal(result.started, false);
    import_strict.default.equal(result.engine, void 0);
    import_strict.default.notEqual(result.exitCode, 0);
    import_strict.default.match(result.log, /don't match any configuration option: bogus-key/);
  });
  void (0, import_node_test.test)("starts with {} and can run a container, then stops cleanly", async () => {
    const result = await (0, import_daemonProbe.probeDaemonConfig)("{}", { root });
    import_strict.default.equal(result.started, true, result.log.slice(-2e3));
    import_strict.default.ok(result.engine);
    const docker = dockerAt(result.engine.dockerHost);
    const info = await docker.info();
    import_strict.default.equal(info.Swarm.LocalNodeState, "inactive");
    import_strict.default.equal(await runToCompletion(docker, ["echo", "probe ok"]), "probe ok\n");
    const { pid, dir } = result.engine;
    await result.engine.stop();
    import_strict.default.equal((0, import_engine.isAlive)(pid), false);
    import_strict.default.equal(fs.existsSync(dir), false, "the probe folder is removed");
  });
});
