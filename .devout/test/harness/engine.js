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
var engine_exports = {};
__export(engine_exports, {
  CLUSTER_FILE: () => CLUSTER_FILE,
  DEMO_IMAGE: () => DEMO_IMAGE,
  buildBusyboxTar: () => buildBusyboxTar,
  busyboxPath: () => busyboxPath,
  cmdlineOf: () => cmdlineOf,
  defaultRoot: () => defaultRoot,
  deleteRecordedNetns: () => deleteRecordedNetns,
  dockerFor: () => dockerFor,
  dockerdArgs: () => dockerdArgs,
  dockerdPath: () => dockerdPath,
  engineLayout: () => engineLayout,
  ensureBusyboxImage: () => ensureBusyboxImage,
  ensureDockerInstalled: () => ensureDockerInstalled,
  ensureSwarm: () => ensureSwarm,
  isAlive: () => isAlive,
  isOurProcess: () => isOurProcess,
  killLeftovers: () => killLeftovers,
  launchDockerd: () => launchDockerd,
  listProcesses: () => listProcesses,
  readRecord: () => readRecord,
  recordedEngineDirs: () => recordedEngineDirs,
  repoRoot: () => repoRoot,
  shortHash: () => shortHash,
  sleep: () => sleep,
  startEngine: () => startEngine,
  stopAll: () => stopAll,
  stopRecorded: () => stopRecorded,
  terminate: () => terminate,
  validateEngineName: () => validateEngineName,
  waitForExit: () => waitForExit
});
module.exports = __toCommonJS(engine_exports);
var import_node_child_process = require("node:child_process");
var import_node_crypto = require("node:crypto");
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));
var import_node_stream = require("node:stream");
var import_node_util = require("node:util");
var import_dockerode = __toESM(require("dockerode"));
const execFileAsync = (0, import_node_util.promisify)(import_node_child_process.execFile);
const DEMO_IMAGE = "demo/busybox:1";
const RECORD_FILE = "engine.json";
const MAX_EXEC_ROOT_LENGTH = 60;
const MAX_SOCKET_PATH_LENGTH = 100;
const NAMESPACE_WRAPPER = [
  "set -eu",
  "dir=$1; host=$2; shift 2",
  'mkdir -p "$dir/cg" "$dir/etc-docker" /run/docker /run/containerd /etc/docker',
  'mount --rbind /sys/fs/cgroup "$dir/cg"',
  "mount -t sysfs sysfs /sys",
  'mount --rbind "$dir/cg" /sys/fs/cgroup',
  'umount -l "$dir/cg"',
  "mount -t tmpfs tmpfs /run/docker",
  "mount -t tmpfs tmpfs /run/containerd",
  'mount --bind "$dir/etc-docker" /etc/docker',
  "ip link set lo up",
  'hostname "$host"',
  'exec env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 "$@"'
].join("\n");
function repoRoot() {
  let dir = __dirname;
  for (; ; ) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, "utf8"));
      if (parsed.name === "swarmscope") return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the swarmscope package.json above ${__dirname}`);
    dir = parent;
  }
}
function defaultRoot() {
  return path.join(repoRoot(), ".sandbox");
}
function shortHash(text) {
  return (0, import_node_crypto.createHash)("sha256").update(text).digest("hex").slice(0, 10);
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function findOnPath(binary, preferred) {
  for (const candidate of preferred) if (isExecutable(candidate)) return candidate;
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && isExecutable(path.join(dir, binary))) return path.join(dir, binary);
  }
  return null;
}
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
function isStaticElf(file) {
  try {
    const buf = fs.readFileSync(file);
    if (buf.readUInt32BE(0) !== 2135247942 || buf[4] !== 2) return false;
    const phoff = Number(buf.readBigUInt64LE(32));
    const phentsize = buf.readUInt16LE(54);
    const phnum = buf.readUInt16LE(56);
    for (let i = 0; i < phnum; i++) {
      if (buf.readUInt32LE(phoff + i * phentsize) === 3) return false;
    }
    return true;
  } catch {
    return false;
  }
}
function dockerdPath() {
  const found = findOnPath("dockerd", ["/usr/sbin/dockerd", "/usr/bin/dockerd"]);
  if (!found) throw new Error("dockerd not found; run ensureDockerInstalled() first");
  return found;
}
function busyboxPath() {
  return "/bin/busybox";
}
async function ensureDockerInstalled() {
  const packages = [];
  if (!findOnPath("dockerd", ["/usr/sbin/dockerd", "/usr/bin/dockerd"])) packages.push("docker.io");
  if (!isStaticElf(busyboxPath())) packages.push("busybox-static");
  if (!findOnPath("ip", ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"])) packages.push("iproute2");
  if (!findOnPath("unshare", ["/usr/bin/unshare"])) packages.push("util-linux");
  if (packages.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`the test engine needs ${packages.join(", ")}: run as root or install them with apt-get`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await execFileAsync("apt-get", ["update"], { env, maxBuffer: 64 * 1024 * 1024 });
  await execFileAsync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
    env,
    maxBuffer: 64 * 1024 * 1024
  });
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
function cmdlineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}
function isOurProcess(pid, marker) {
  return typeof pid === "number" && pid > 0 && isAlive(pid) && cmdlineOf(pid).includes(marker);
}
function listProcesses() {
  const out = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const rest = stat.slice(close + 2).split(" ");
      out.push({ pid: Number(entry), ppid: Number(rest[1]), comm });
    } catch {
    }
  }
  return out;
}
async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
  }
}
async function terminate(pid, marker, timeoutMs) {
  if (!isOurProcess(pid, marker)) return;
  signal(pid, "SIGTERM");
  if (await waitForExit(pid, timeoutMs)) return;
  signal(pid, "SIGKILL");
  await waitForExit(pid, 5e3);
}
async function killLeftovers(record) {
  const containerdSocket = path.join(record.execRoot, "containerd", "containerd.sock");
  if (isOurProcess(record.containerdPid, record.execRoot)) {
    if (!await waitForExit(record.containerdPid, 3e3)) signal(record.containerdPid, "SIGKILL");
  }
  for (const proc of listProcesses()) {
    if (proc.comm.startsWith("containerd-shim") && cmdlineOf(proc.pid).includes(`-address ${containerdSocket} `)) {
      signal(proc.pid, "SIGKILL");
    }
  }
  if (record.cgroupParent) {
    for (const base of ["/sys/fs/cgroup/pids", "/sys/fs/cgroup"]) {
      const parent = path.join(base, record.cgroupParent);
      for (const procsFile of listFiles(parent, "cgroup.procs")) {
        for (const line of readLines(procsFile)) signal(Number(line), "SIGKILL");
      }
    }
    await sleep(100);
    removeCgroupDirs(record.cgroupParent);
  }
}
function readLines(file) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").filter((line) => /^\d+$/.test(line));
  } catch {
    return [];
  }
}
function listFiles(dir, fileName) {
  const found = [];
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) found.push(...listFiles(path.join(dir, entry.name), fileName));
    else if (entry.name === fileName) found.push(path.join(dir, entry.name));
  }
  return found;
}
function removeCgroupDirs(cgroupParent) {
  let controllers = [];
  try {
    controllers = fs.readdirSync("/sys/fs/cgroup");
  } catch {
    return;
  }
  const removeDepthFirst = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) removeDepthFirst(path.join(dir, entry.name));
    try {
      fs.rmdirSync(dir);
    } catch {
    }
  };
  for (const controller of controllers) removeDepthFirst(path.join("/sys/fs/cgroup", controller, cgroupParent));
  removeDepthFirst(path.join("/sys/fs/cgroup", cgroupParent));
}
function readRecord(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, RECORD_FILE), "utf8"));
  } catch {
    return null;
  }
}
function writeRecord(record) {
  fs.writeFileSync(path.join(record.dir, RECORD_FILE), JSON.stringify(record, null, 2) + "\n");
  fs.writeFileSync(path.join(record.dir, "dockerd.pid"), `${record.pid}
`);
  fs.writeFileSync(path.join(record.dir, "containerd.pid"), record.containerdPid ? `${record.containerdPid}
` : "");
}
async function stopRecorded(dir, timeoutMs = 3e4) {
  const record = readRecord(dir);
  if (!record) return;
  await terminate(record.pid, path.join(record.dir, "data"), timeoutMs);
  await killLeftovers(record);
  fs.rmSync(record.socketPath, { force: true });
  fs.rmSync(path.join(dir, "dockerd.pid"), { force: true });
  fs.rmSync(path.join(dir, "containerd.pid"), { force: true });
  fs.rmSync(path.join(dir, RECORD_FILE), { force: true });
}
function validateEngineName(name) {
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(name)) {
    throw new Error(`invalid engine name ${JSON.stringify(name)}: use 1-31 lowercase letters, digits and dashes`);
  }
}
function engineLayout(dir, name) {
  const hash = shortHash(dir);
  let execRoot = path.join(dir, "exec");
  if (execRoot.length > MAX_EXEC_ROOT_LENGTH) execRoot = path.join("/tmp", `swarmscope-${hash}`);
  const socketPath = path.join(dir, "docker.sock");
  if (socketPath.length > MAX_SOCKET_PATH_LENGTH) {
    throw new Error(`socket path too long for a unix socket (${socketPath.length} bytes): use a shorter root`);
  }
  return { dir, socketPath, execRoot, cgroupParent: `/swarmscope-${hash}`, hostname: `sandbox-${name}`.slice(0, 63) };
}
function parseDaemonJsonKeys(daemonJson) {
  if (daemonJson === void 0) return /* @__PURE__ */ new Set();
  if (typeof daemonJson === "object") return new Set(Object.keys(daemonJson));
  try {
    const parsed = JSON.parse(daemonJson);
    return new Set(parsed && typeof parsed === "object" ? Object.keys(parsed) : []);
  } catch {
    return /* @__PURE__ */ new Set();
  }
}
function dockerdArgs(spec, configFile) {
  const { layout } = spec;
  const keys = parseDaemonJsonKeys(spec.daemonJson);
  const args = [
    "--data-root",
    path.join(layout.dir, "data"),
    "--exec-root",
    layout.execRoot,
    "--pidfile",
    path.join(layout.dir, "docker.pid"),
    "--host",
    `unix://${layout.socketPath}`,
    "--config-file",
    configFile
  ];
  if (spec.optionalFlags !== false) {
    if (!keys.has("cgroup-parent")) args.push("--cgroup-parent", layout.cgroupParent);
    if (!keys.has("shutdown-timeout")) args.push("--shutdown-timeout", "3");
  }
  return [...args, ...spec.extraArgs ?? []];
}
async function launchDockerd(spec, timeoutMs) {
  const { layout } = spec;
  fs.mkdirSync(layout.dir, { recursive: true });
  fs.mkdirSync(layout.execRoot, { recursive: true });
  const configFile = path.join(layout.dir, "daemon.json");
  const daemonJson = spec.daemonJson ?? {};
  fs.writeFileSync(configFile, typeof daemonJson === "string" ? daemonJson : JSON.stringify(daemonJson, null, 2) + "\n");
  fs.rmSync(layout.socketPath, { force: true });
  const logFile = path.join(layout.dir, "dockerd.log");
  fs.writeFileSync(logFile, "");
  const logFd = fs.openSync(logFile, "a");
  const args = dockerdArgs(spec, configFile);
  const nsArgs = spec.netnsPath ? ["--mount", "--uts", "--propagation", "slave", "--", "nsenter", `--net=${spec.netnsPath}`, "--"] : ["--mount", "--uts", "--net", "--propagation", "slave", "--"];
  const child = (0, import_node_child_process.spawn)(
    "unshare",
    [...nsArgs, "/bin/sh", "-c", NAMESPACE_WRAPPER, "swarmscope-dockerd", layout.dir, layout.hostname, dockerdPath(), ...args],
    { detached: true, stdio: ["ignore", logFd, logFd] }
  );
  fs.closeSync(logFd);
  let exitCode;
  child.on("exit", (code, sig) => {
    exitCode = code ?? (sig ? 128 : null);
  });
  const spawnError = new Promise((resolve) => child.on("error", resolve));
  let failure;
  void spawnError.then((err) => failure = err);
  const docker = new import_dockerode.default({ socketPath: layout.socketPath, timeout: 2e3 });
  const deadline = Date.now() + timeoutMs;
  let answered = false;
  while (Date.now() < deadline && exitCode === void 0 && !failure) {
    if (fs.existsSync(layout.socketPath)) {
      try {
        await docker.ping();
        answered = true;
        break;
      } catch {
      }
    }
    await sleep(100);
  }
  const readLog = () => fs.readFileSync(logFile, "utf8");
  if (failure) return { started: false, exitCode: null, log: `${readLog()}
spawn failed: ${failure.message}` };
  if (!answered || child.pid === void 0) {
    if (exitCode === void 0 && child.pid !== void 0) {
      await terminate(child.pid, path.join(layout.dir, "data"), 1e4);
      await killLeftovers({ execRoot: layout.execRoot, containerdPid: null, cgroupParent: layout.cgroupParent });
    }
    child.unref();
    return { started: false, exitCode: exitCode ?? null, log: readLog() };
  }
  child.unref();
  const pid = child.pid;
  const containerd = listProcesses().find((proc) => proc.ppid === pid && proc.comm === "containerd");
  const record = {
    name: spec.name,
    dir: layout.dir,
    socketPath: layout.socketPath,
    execRoot: layout.execRoot,
    cgroupParent: args.includes("--cgroup-parent") ? layout.cgroupParent : null,
    pid,
    containerdPid: containerd?.pid ?? null,
    args,
    hostname: layout.hostname,
    startedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  writeRecord(record);
  return { started: true, record, log: readLog() };
}
function dockerFor(dockerHost) {
  if (!dockerHost.startsWith("unix://")) throw new Error(`unsupported harness DOCKER_HOST ${dockerHost}`);
  return new import_dockerode.default({ socketPath: dockerHost.slice("unix://".length) });
}
async function ensureSwarm(docker, addr = "127.0.0.1") {
  const info = await docker.info();
  if (info.Swarm?.LocalNodeState === "active") return;
  await docker.swarmInit({ ListenAddr: `${addr}:2377`, AdvertiseAddr: addr, ForceNewCluster: false, Spec: {} });
}
async function ensureBusyboxImage(docker) {
  try {
    await docker.getImage(DEMO_IMAGE).inspect();
    return;
  } catch {
  }
  const tar = await buildBusyboxTar(busyboxPath());
  const [repo, tag] = DEMO_IMAGE.split(":");
  const stream = await docker.importImage(import_node_stream.Readable.from([tar]), { repo, tag, changes: ['CMD ["/bin/sh"]'] });
  await new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err, output) => {
      const failed = output?.find((event) => event.error);
      if (err) reject(err);
      else if (failed) reject(new Error(`image import failed: ${failed.error}`));
      else resolve();
    });
  });
  await docker.getImage(DEMO_IMAGE).inspect();
}
class RunningEngine {
  constructor(record, relaunch) {
    this.relaunch = relaunch;
    this.name = record.name;
    this.dir = record.dir;
    this.socketPath = record.socketPath;
    this.dockerHost = `unix://${record.socketPath}`;
    this.logFile = path.join(record.dir, "dockerd.log");
    this.pid = record.pid;
  }
  relaunch;
  name;
  dir;
  socketPath;
  dockerHost;
  logFile;
  pid;
  async stop() {
    await stopRecorded(this.dir);
  }
  async restart() {
    await this.stop();
    this.pid = (await this.relaunch()).pid;
  }
}
async function answers(socketPath) {
  try {
    await new import_dockerode.default({ socketPath, timeout: 2e3 }).ping();
    return true;
  } catch {
    return false;
  }
}
async function startEngine(opts) {
  validateEngineName(opts.name);
  await ensureDockerInstalled();
  const root = path.resolve(opts.root ?? defaultRoot());
  const layout = engineLayout(path.join(root, opts.name), opts.name);
  const spec = { layout, name: opts.name, daemonJson: opts.daemonJson, extraArgs: opts.extraArgs };
  const timeoutMs = opts.readyTimeoutMs ?? 3e4;
  const launch = async () => {
    const result = await launchDockerd(spec, timeoutMs);
    if (!result.started) {
      throw new Error(`dockerd ${opts.name} did not start (exit ${result.exitCode}):
${result.log.slice(-4e3)}`);
    }
    const docker = new import_dockerode.default({ socketPath: layout.socketPath });
    if (opts.swarm !== false) await ensureSwarm(docker);
    if (opts.importBusybox !== false) await ensureBusyboxImage(docker);
    return result.record;
  };
  const existing = readRecord(layout.dir);
  if (existing) {
    const sameArgs = JSON.stringify(existing.args) === JSON.stringify(dockerdArgs(spec, path.join(layout.dir, "daemon.json"))) && sameDaemonJson(layout.dir, opts.daemonJson);
    if (sameArgs && isOurProcess(existing.pid, path.join(layout.dir, "data")) && await answers(existing.socketPath)) {
      const docker = new import_dockerode.default({ socketPath: layout.socketPath });
      if (opts.swarm !== false) await ensureSwarm(docker);
      if (opts.importBusybox !== false) await ensureBusyboxImage(docker);
      return new RunningEngine(existing, launch);
    }
    await stopRecorded(layout.dir);
  }
  return new RunningEngine(await launch(), launch);
}
function sameDaemonJson(dir, daemonJson) {
  const wanted = daemonJson ?? {};
  const text = typeof wanted === "string" ? wanted : JSON.stringify(wanted, null, 2) + "\n";
  try {
    return fs.readFileSync(path.join(dir, "daemon.json"), "utf8") === text;
  } catch {
    return false;
  }
}
function recordedEngineDirs(root) {
  const found = [];
  const walk = (dir, depth) => {
    if (fs.existsSync(path.join(dir, RECORD_FILE))) found.push(dir);
    if (depth === 0) return;
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !["data", "exec", "etc-docker", "cg"].includes(entry.name)) {
        walk(path.join(dir, entry.name), depth - 1);
      }
    }
  };
  walk(root, 3);
  return found;
}
async function stopAll(root) {
  const base = path.resolve(root ?? defaultRoot());
  if (!fs.existsSync(base)) return;
  await Promise.all(recordedEngineDirs(base).map((dir) => stopRecorded(dir)));
  for (const clusterFile of listClusterFiles(base)) {
    await deleteRecordedNetns(clusterFile);
  }
}
const CLUSTER_FILE = "cluster.json";
function listClusterFiles(root) {
  const found = [];
  try {
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      const file = path.join(root, entry.name, CLUSTER_FILE);
      if (entry.isDirectory() && fs.existsSync(file)) found.push(file);
    }
  } catch {
  }
  return found;
}
async function deleteRecordedNetns(clusterFile) {
  let netns = [];
  try {
    netns = JSON.parse(fs.readFileSync(clusterFile, "utf8")).netns ?? [];
  } catch {
    return;
  }
  for (const name of netns) {
    if (fs.existsSync(path.join("/run/netns", name))) {
      await execFileAsync("ip", ["netns", "del", name]).catch(() => void 0);
    }
  }
  fs.rmSync(clusterFile, { force: true });
}
function tarHeader(entry) {
  const header = Buffer.alloc(512, 0);
  const put = (text, offset, length) => {
    header.write(text, offset, Math.min(Buffer.byteLength(text), length), "utf8");
  };
  const octal = (value, offset, length) => {
    put(value.toString(8).padStart(length - 1, "0"), offset, length - 1);
  };
  if (Buffer.byteLength(entry.name) > 100) throw new Error(`tar entry name too long: ${entry.name}`);
  put(entry.name, 0, 100);
  octal(entry.mode, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(entry.type === "file" ? entry.data?.length ?? 0 : 0, 124, 12);
  octal(Math.floor(Date.UTC(2024, 0, 1) / 1e3), 136, 12);
  header.fill(32, 148, 156);
  put(entry.type === "file" ? "0" : entry.type === "dir" ? "5" : "2", 156, 1);
  if (entry.linkTarget) put(entry.linkTarget, 157, 100);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  put("root", 265, 32);
  put("root", 297, 32);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return header;
}
async function buildBusyboxTar(busybox) {
  const { stdout } = await execFileAsync(busybox, ["--list"]);
  const applets = stdout.split("\n").map((line) => line.trim()).filter((name) => /^[a-z0-9_.[-]+$/.test(name) && name !== "busybox");
  const entries = [
    ...["bin/", "etc/", "dev/", "proc/", "sys/", "root/", "www/"].map((name) => ({ name, type: "dir", mode: 493 })),
    { name: "tmp/", type: "dir", mode: 1023 },
    { name: "bin/busybox", type: "file", mode: 493, data: fs.readFileSync(busybox) },
    ...applets.map((name) => ({ name: `bin/${name}`, type: "symlink", mode: 511, linkTarget: "busybox" })),
    { name: "etc/passwd", type: "file", mode: 420, data: Buffer.from("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n") },
    { name: "etc/group", type: "file", mode: 420, data: Buffer.from("root:x:0:\nnogroup:x:65534:\n") },
    { name: "www/index.html", type: "file", mode: 420, data: Buffer.from("<h1>Swarmscope demo</h1>\n") }
  ];
  const chunks = [];
  for (const entry of entries) {
    chunks.push(tarHeader(entry));
    if (entry.type === "file" && entry.data) {
      chunks.push(entry.data);
      const pad = (512 - entry.data.length % 512) % 512;
      if (pad) chunks.push(Buffer.alloc(pad, 0));
    }
  }
  chunks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(chunks);
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  CLUSTER_FILE,
  DEMO_IMAGE,
  buildBusyboxTar,
  busyboxPath,
  cmdlineOf,
  defaultRoot,
  deleteRecordedNetns,
  dockerFor,
  dockerdArgs,
  dockerdPath,
  engineLayout,
  ensureBusyboxImage,
  ensureDockerInstalled,
  ensureSwarm,
  isAlive,
  isOurProcess,
  killLeftovers,
  launchDockerd,
  listProcesses,
  readRecord,
  recordedEngineDirs,
  repoRoot,
  shortHash,
  sleep,
  startEngine,
  stopAll,
  stopRecorded,
  terminate,
  validateEngineName,
  waitForExit
});
