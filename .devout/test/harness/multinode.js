"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
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
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
var multinode_exports = {};
__export(multinode_exports, {
  startMultiNodeSwarm: () => startMultiNodeSwarm,
  teardownClusterDir: () => teardownClusterDir
});
module.exports = __toCommonJS(multinode_exports);
var import_node_child_process = require("node:child_process");
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));
var import_node_util = require("node:util");
var import_dockerode = __toESM(require("dockerode"));
var import_engine = require("./engine");
const execFileAsync = (0, import_node_util.promisify)(import_node_child_process.execFile);
const SUBNET_PREFIX = "10.77.0.";
const READY_TIMEOUT_MS = 3e4;
async function ip(args) {
  await execFileAsync("ip", args);
}
function netnsExists(name) {
  return fs.existsSync(path.join("/run/netns", name));
}
async function startMultiNodeSwarm(opts = {}) {
  const managers = opts.managers ?? 3;
  const workers = opts.workers ?? 2;
  if (managers < 1 || managers + workers > 20) throw new Error("need 1+ managers and at most 20 nodes");
  await (0, import_engine.ensureDockerInstalled)();
  const dir = path.join(path.resolve(opts.root ?? (0, import_engine.defaultRoot)()), opts.name ?? "mn");
  await teardownClusterDir(dir);
  fs.mkdirSync(dir, { recursive: true });
  const prefix = `ss${(0, import_engine.shortHash)(dir).slice(0, 6)}`;
  const hub = `${prefix}-hub`;
  const specs = [
    ...Array.from({ length: managers }, (_, i) => ({ name: `m${i + 1}`, hostname: `mgr-${i + 1}`, role: "manager" })),
    ...Array.from({ length: workers }, (_, i) => ({ name: `w${i + 1}`, hostname: `wkr-${i + 1}`, role: "worker" }))
  ].map((spec, i) => ({ ...spec, addr: `${SUBNET_PREFIX}${11 + i}`, netns: `${prefix}-${spec.name}` }));
  const record = { netns: [...specs.map((spec) => spec.netns), hub], nodes: specs.map((spec) => spec.name) };
  fs.writeFileSync(path.join(dir, import_engine.CLUSTER_FILE), JSON.stringify(record, null, 2) + "\n");
  const swarm = new Cluster(dir, []);
  try {
    await ip(["netns", "add", hub]);
    await ip(["-n", hub, "link", "set", "lo", "up"]);
    await ip(["-n", hub, "link", "add", "br0", "type", "bridge"]);
    await ip(["-n", hub, "link", "set", "br0", "up"]);
    for (const spec of specs) {
      await ip(["netns", "add", spec.netns]);
      await ip(["-n", spec.netns, "link", "set", "lo", "up"]);
      await ip(["-n", hub, "link", "add", `v-${spec.name}`, "type", "veth", "peer", "name", "eth0", "netns", spec.netns]);
      await ip(["-n", hub, "link", "set", `v-${spec.name}`, "master", "br0", "up"]);
      await ip(["-n", spec.netns, "addr", "add", `${spec.addr}/24`, "dev", "eth0"]);
      await ip(["-n", spec.netns, "link", "set", "eth0", "up"]);
    }
    const nodes = specs.map((spec) => {
      const layout = (0, import_engine.engineLayout)(path.join(dir, spec.name), spec.name);
      layout.hostname = spec.hostname;
      return new ClusterNode(spec.name, spec.hostname, spec.role, spec.addr, layout, `/run/netns/${spec.netns}`);
    });
    swarm.nodes.push(...nodes);
    await Promise.all(nodes.map((node) => node.start()));
    const [first, ...others] = nodes;
    const firstDocker = first.docker();
    await firstDocker.swarmInit({
      ListenAddr: `${first.addr}:2377`,
      AdvertiseAddr: first.addr,
      DefaultAddrPool: ["10.200.0.0/16"],
      SubnetSize: 24,
      ForceNewCluster: false,
      Spec: {}
    });
    const tokens = (await firstDocker.swarmInspect()).JoinTokens;
    const join = (node) => node.docker().swarmJoin({
      ListenAddr: `${node.addr}:2377`,
      AdvertiseAddr: node.addr,
      RemoteAddrs: [`${first.addr}:2377`],
      JoinToken: node.role === "manager" ? tokens.Manager : tokens.Worker
    });
    for (const node of others.filter((n) => n.role === "manager")) await join(node);
    await Promise.all(others.filter((n) => n.role === "worker").map(join));
    await Promise.all(nodes.map((node) => (0, import_engine.ensureBusyboxImage)(node.docker())));
    return swarm;
  } catch (err) {
    await swarm.stop();
    throw err;
  }
}
class ClusterNode {
  constructor(name, hostname, role, addr, layout, netnsPath) {
    this.name = name;
    this.hostname = hostname;
    this.role = role;
    this.addr = addr;
    this.layout = layout;
    this.netnsPath = netnsPath;
    this.dockerHost = `unix://${layout.socketPath}`;
  }
  name;
  hostname;
  role;
  addr;
  layout;
  netnsPath;
  dockerHost;
  docker() {
    return new import_dockerode.default({ socketPath: this.layout.socketPath });
  }
  async start() {
    await (0, import_engine.stopRecorded)(this.layout.dir);
    const result = await (0, import_engine.launchDockerd)(
      { layout: this.layout, name: this.name, netnsPath: this.netnsPath },
      READY_TIMEOUT_MS
    );
    if (!result.started) {
      throw new Error(`node ${this.name} did not start (exit ${result.exitCode}):
${result.log.slice(-3e3)}`);
    }
  }
  async stop() {
    await (0, import_engine.stopRecorded)(this.layout.dir);
  }
}
class Cluster {
  constructor(dir, nodes) {
    this.dir = dir;
    this.nodes = nodes;
  }
  dir;
  nodes;
  async leader() {
    let lastError;
    for (const manager of this.nodes.filter((node) => node.role === "manager")) {
      try {
        const list = await manager.docker().listNodes();
        const leader = list.find((node) => node.ManagerStatus?.Leader);
        const found = this.nodes.find((node) => node.hostname === leader?.Description?.Hostname);
        if (found) return found;
      } catch (err) {
        lastError = err;
      }
    }
    throw new Error(`no manager reports a leader${lastError instanceof Error ? `: ${lastError.message}` : ""}`);
  }
  async stop() {
    await teardownClusterDir(this.dir);
  }
}
async function teardownClusterDir(dir) {
  const engineDirs = (0, import_engine.recordedEngineDirs)(dir);
  await Promise.all(
    engineDirs.map(async (engineDir) => {
      const socketPath = (0, import_engine.readRecord)(engineDir)?.socketPath;
      if (!socketPath || !fs.existsSync(socketPath)) return;
      await new import_dockerode.default({ socketPath, timeout: 5e3 }).swarmLeave({ force: true }).catch(() => void 0);
    })
  );
  await Promise.all(engineDirs.map((engineDir) => (0, import_engine.stopRecorded)(engineDir)));
  await (0, import_engine.deleteRecordedNetns)(path.join(dir, import_engine.CLUSTER_FILE));
  const prefix = `ss${(0, import_engine.shortHash)(dir).slice(0, 6)}-`;
  if (fs.existsSync("/run/netns")) {
    for (const name of fs.readdirSync("/run/netns")) {
      if (name.startsWith(prefix) && netnsExists(name)) await ip(["netns", "del", name]).catch(() => void 0);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  startMultiNodeSwarm,
  teardownClusterDir
});
