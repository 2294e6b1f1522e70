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
var import_multinode = require("../../harness/multinode");
const enabled = process.env.SWARMSCOPE_MULTINODE === "1";
const skip = enabled ? false : "multi-node swarm skipped: set SWARMSCOPE_MULTINODE=1 to run it (5 dockerds, ~400 MB, ~30 s)";
void (0, import_node_test.test)("a 3-manager + 2-worker swarm comes up, reports roles and a leader, and tears down", { skip, timeout: 24e4 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ss-mn-"));
  const swarm = await (0, import_multinode.startMultiNodeSwarm)({ root });
  const pids = [];
  try {
    import_strict.default.deepEqual(
      swarm.nodes.map((n) => [n.name, n.hostname, n.role]),
      [
        ["m1", "mgr-1", "manager"],
        ["m2", "mgr-2", "manager"],
        ["m3", "mgr-3", "manager"],
        ["w1", "wkr-1", "worker"],
        ["w2", "wkr-2", "worker"]
      ]
    );
    for (const node of swarm.nodes) {
      const record = (0, import_engine.readRecord)(path.join(swarm.dir, node.name));
      import_strict.default.ok(record && (0, import_engine.isAlive)(record.pid), `${node.name} dockerd is running`);
      pids.push(record.pid);
    }
    const docker = (host) => new import_dockerode.default({ socketPath: host.replace(/^unix:\/\//, "") });
    const nodes = await docker(swarm.nodes[0].dockerHost).listNodes();
    import_strict.default.equal(nodes.length, 5);
    for (const node of swarm.nodes) {
      const listed = nodes.find((n) => n.Description.Hostname === node.hostname);
      import_strict.default.ok(listed, `${node.hostname} is listed`);
      import_strict.default.equal(listed.Spec.Role, node.role);
      import_strict.default.equal(listed.Status.State, "ready");
      import_strict.default.equal(listed.Status.Addr, node.addr);
    }
    const leader = await swarm.leader();
    import_strict.default.equal(leader.role, "manager");
    import_strict.default.equal(nodes.filter((n) => n.ManagerStatus?.Leader).length, 1);
    for (const node of swarm.nodes) {
      const info = await docker(node.dockerHost).info();
      import_strict.default.equal(info.Name, node.hostname);
      import_strict.default.equal(info.Swarm.ControlAvailable, node.role === "manager");
    }
    const worker = swarm.nodes[4];
    await worker.stop();
    await worker.start();
    pids.push((0, import_engine.readRecord)(path.join(swarm.dir, worker.name)).pid);
    let state = "";
    for (let i = 0; i < 60 && state !== "ready"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const list = await docker(leader.dockerHost).listNodes();
      state = list.find((n) => n.Description.Hostname === worker.hostname)?.Status.State ?? "";
    }
    import_strict.default.equal(state, "ready");
  } finally {
    await swarm.stop();
  }
  for (const pid of pids) import_strict.default.equal((0, import_engine.isAlive)(pid), false, `pid ${pid} stopped`);
  import_strict.default.equal(fs.existsSync(swarm.dir), false);
  const leftovers = fs.existsSync("/run/netns") ? fs.readdirSync("/run/netns") : [];
  import_strict.default.deepEqual(leftovers.filter((n) => n.startsWith("ss") && n.includes("-hub")), []);
  fs.rmSync(root, { recursive: true, force: true });
});
