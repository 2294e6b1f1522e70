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
var daemonProbe_exports = {};
__export(daemonProbe_exports, {
  probeDaemonConfig: () => probeDaemonConfig
});
module.exports = __toCommonJS(daemonProbe_exports);
var import_node_crypto = require("node:crypto");
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));
var import_dockerode = __toESM(require("dockerode"));
var import_engine = require("./engine");
async function probeDaemonConfig(daemonJson, opts = {}) {
  await (0, import_engine.ensureDockerInstalled)();
  const name = `probe-${(0, import_node_crypto.randomBytes)(4).toString("hex")}`;
  const root = path.resolve(opts.root ?? (0, import_engine.defaultRoot)());
  const layout = (0, import_engine.engineLayout)(path.join(root, name), name);
  const result = await (0, import_engine.launchDockerd)({ layout, name, daemonJson }, opts.timeoutMs ?? 2e4);
  if (!result.started) {
    removeProbeDir(layout.dir, layout.execRoot);
    return { started: false, exitCode: result.exitCode, log: result.log };
  }
  const record = result.record;
  const engine = {
    name,
    dir: layout.dir,
    socketPath: layout.socketPath,
    dockerHost: `unix://${layout.socketPath}`,
    pid: record.pid,
    logFile: path.join(layout.dir, "dockerd.log"),
    async stop() {
      await (0, import_engine.stopRecorded)(layout.dir, 15e3);
      removeProbeDir(layout.dir, layout.execRoot);
    },
    async restart() {
      throw new Error("a daemon.json probe cannot be restarted; start a new probe");
    }
  };
  let imageError;
  if (opts.importBusybox !== false) {
    try {
      await (0, import_engine.ensureBusyboxImage)(new import_dockerode.default({ socketPath: layout.socketPath }));
    } catch (err) {
      imageError = err.message;
    }
  }
  return { started: true, exitCode: null, log: readLog(engine.logFile, result.log), engine, imageError };
}
function readLog(file, fallback) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}
function removeProbeDir(dir, execRoot) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(execRoot, { recursive: true, force: true });
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  probeDaemonConfig
});
