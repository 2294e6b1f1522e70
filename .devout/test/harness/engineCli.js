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
var path = __toESM(require("node:path"));
var import_dockerode = __toESM(require("dockerode"));
var import_engine = require("./engine");
var import_seed = require("./seed");
const USAGE = "usage: engineCli start|seed|stop|status [--name NAME] [--root DIR] [--no-seed]";
function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (!command || !["start", "seed", "stop", "status"].includes(command)) throw new Error(USAGE);
  const args = { command, root: (0, import_engine.defaultRoot)(), seed: true };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === "--no-seed") args.seed = false;
    else if ((flag === "--name" || flag === "--root") && i + 1 < rest.length) {
      const value = rest[++i];
      if (flag === "--name") args.name = value;
      else args.root = path.resolve(value);
    } else throw new Error(`unknown argument ${flag}
${USAGE}`);
  }
  return args;
}
function seconds(since) {
  return `${((Date.now() - since) / 1e3).toFixed(1)} s`;
}
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const name = args.name ?? "main";
  switch (args.command) {
    case "start": {
      let since = Date.now();
      const engine = await (0, import_engine.startEngine)({ name, root: args.root });
      process.stderr.write(`engine ${name} ready in ${seconds(since)} (pid ${engine.pid}, log ${engine.logFile})
`);
      if (args.seed) {
        since = Date.now();
        await (0, import_seed.seedDemoSwarm)(engine.dockerHost);
        process.stderr.write(`demo swarm seeded in ${seconds(since)}
`);
      }
      process.stdout.write(`DOCKER_HOST=${engine.dockerHost}
`);
      return;
    }
    case "seed": {
      const record = (0, import_engine.readRecord)(path.join(args.root, name));
      if (!record) throw new Error(`no engine ${name} recorded under ${args.root}; run start first`);
      const since = Date.now();
      const result = await (0, import_seed.seedDemoSwarm)(`unix://${record.socketPath}`);
      process.stderr.write(`demo swarm seeded in ${seconds(since)}
`);
      process.stdout.write(JSON.stringify(result) + "\n");
      return;
    }
    case "stop": {
      if (args.name) await (0, import_engine.stopRecorded)(path.join(args.root, args.name));
      else await (0, import_engine.stopAll)(args.root);
      return;
    }
    case "status": {
      for (const dir of (0, import_engine.recordedEngineDirs)(args.root)) {
        const record = (0, import_engine.readRecord)(dir);
        if (!record || args.name && record.name !== args.name) continue;
        const running = (0, import_engine.isOurProcess)(record.pid, path.join(record.dir, "data"));
        let answering = false;
        if (running) {
          answering = await new import_dockerode.default({ socketPath: record.socketPath, timeout: 2e3 }).ping().then(() => true, () => false);
        }
        process.stdout.write(
          JSON.stringify({ name: record.name, dir: record.dir, dockerHost: `unix://${record.socketPath}`, pid: record.pid, running, answering }) + "\n"
        );
      }
      return;
    }
  }
}
main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}
`);
  process.exitCode = 1;
});
