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
var import_node_fs = require("node:fs");
var fs = __toESM(require("node:fs/promises"));
var os = __toESM(require("node:os"));
var path = __toESM(require("node:path"));
var import_node_util = require("node:util");
var import_vscodeHost = require("./vscodeHost");
const USAGE = `usage: vscodeHostCli.js run-tests [--folder F] [--timeout SECONDS] [--screenshot FILE] [--grep PATTERN]
       vscodeHostCli.js serve [--port P] [--folder F]
       vscodeHostCli.js install`;
function requireBuilt(file, hint) {
  if (!(0, import_node_fs.existsSync)(file)) throw new Error(`${path.relative(process.cwd(), file) || file} is missing: ${hint}`);
}
async function runTests(argv) {
  const { values } = (0, import_node_util.parseArgs)({
    args: argv,
    options: {
      folder: { type: "string" },
      timeout: { type: "string" },
      screenshot: { type: "string" },
      grep: { type: "string" }
    }
  });
  const root = (0, import_vscodeHost.repoRoot)();
  const testsPath = path.join(root, "out", "test", "extension-host", "index.js");
  requireBuilt(path.join(root, "dist", "extension.js"), "run `npm run compile` first");
  requireBuilt(testsPath, "run `npm run build:tests` first");
  const folder = values.folder ? path.resolve(values.folder) : await fs.mkdtemp(path.join(os.tmpdir(), "swarmscope-eh-workspace-"));
  const timeoutSeconds = values.timeout ? Number(values.timeout) : 300;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(`--timeout must be a positive number of seconds, got ${values.timeout}`);
  try {
    const result = await (0, import_vscodeHost.runExtensionTests)({
      extensionPath: root,
      testsPath,
      folder,
      timeoutMs: timeoutSeconds * 1e3,
      screenshotPath: values.screenshot ? path.resolve(values.screenshot) : void 0,
      env: {
        SWARMSCOPE_TEST_WORKSPACE: folder,
        ...values.grep ? { SWARMSCOPE_TEST_GREP: values.grep } : {}
      }
    });
    if (!result.log.some((line) => import_vscodeHost.SUMMARY_PATTERN.test(line))) {
      console.log(`extension-host: ${result.passed} passed, ${result.failed} failed`);
    }
    return result.exitCode;
  } finally {
    if (!values.folder) await fs.rm(folder, { recursive: true, force: true });
  }
}
async function serve(argv) {
  const { values } = (0, import_node_util.parseArgs)({ args: argv, options: { port: { type: "string" }, folder: { type: "string" } } });
  const root = (0, import_vscodeHost.repoRoot)();
  requireBuilt(path.join(root, "dist", "extension.js"), "run `npm run compile` first");
  const port = values.port ? Number(values.port) : 8080;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a TCP port number, got ${values.port}`);
  const folder = path.resolve(values.folder ?? root);
  const server = await (0, import_vscodeHost.startCodeServer)({ extensionPath: root, folder, port, echoServerOutput: true });
  const url = (0, import_vscodeHost.workbenchUrl)(server, folder, { extensionDevelopmentPath: root });
  console.log(`
Open ${url}
(Swarmscope is loaded from ${root}; press Ctrl-C to stop.)
`);
  await new Promise((resolve) => {
    const shutdown = (signal) => {
      console.log(`
${signal}: stopping code-server`);
      resolve();
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
    server.process.once("exit", (code) => {
      console.log(`code-server exited (${code ?? "signal"})`);
      resolve();
    });
  });
  await server.stop();
  return 0;
}
async function main() {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case "run-tests":
      return runTests(rest);
    case "serve":
      return serve(rest);
    case "install":
      console.log(await (0, import_vscodeHost.ensureCodeServer)());
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`vscode-host: ${error.message}`);
    process.exitCode = 1;
  }
);
