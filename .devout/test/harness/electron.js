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
var electron_exports = {};
__export(electron_exports, {
  ELECTRON_VSCODE_VERSION: () => ELECTRON_VSCODE_VERSION,
  runElectronTests: () => runElectronTests
});
module.exports = __toCommonJS(electron_exports);
var fs = __toESM(require("node:fs/promises"));
var import_node_fs = require("node:fs");
var os = __toESM(require("node:os"));
var path = __toESM(require("node:path"));
var import_node_util = require("node:util");
var import_test_electron = require("@vscode/test-electron");
var import_vscodeHost = require("./vscodeHost");
const ELECTRON_VSCODE_VERSION = "1.100.3";
const DOWNLOAD_IDLE_TIMEOUT_MS = 2e4;
const DOWNLOAD_TOTAL_TIMEOUT_MS = 10 * 6e4;
function withTimeout(work, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1e3)} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].trim() || "unknown error";
}
async function runElectronTests(folder) {
  const root = (0, import_vscodeHost.repoRoot)();
  const extensionTestsPath = path.join(root, "out", "test", "extension-host", "index.js");
  if (!(0, import_node_fs.existsSync)(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run \`npm run build:tests\` first`);
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await withTimeout(
      (0, import_test_electron.downloadAndUnzipVSCode)({
        version: ELECTRON_VSCODE_VERSION,
        cachePath: (0, import_vscodeHost.defaultCacheDir)(),
        timeout: DOWNLOAD_IDLE_TIMEOUT_MS,
        reporter: new import_test_electron.SilentReporter()
      }),
      DOWNLOAD_TOTAL_TIMEOUT_MS,
      "the download"
    );
  } catch (error) {
    console.log(
      `electron: cannot download VS Code ${ELECTRON_VSCODE_VERSION} (${firstLine(error)}); use \`npm run test:extension-host\` (code-server) on machines without access to update.code.visualstudio.com`
    );
    return 1;
  }
  const workspace = folder ?? await fs.mkdtemp(path.join(os.tmpdir(), "swarmscope-eh-workspace-"));
  try {
    return await (0, import_test_electron.runTests)({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      extensionTestsEnv: { SWARMSCOPE_TEST_WORKSPACE: workspace },
      launchArgs: [workspace, "--disable-workspace-trust", "--disable-extensions", "--skip-welcome", "--skip-release-notes"]
    });
  } catch (error) {
    console.log(`electron: VS Code ${ELECTRON_VSCODE_VERSION} failed to run the suite (${firstLine(error)})`);
    return 1;
  } finally {
    if (!folder) await fs.rm(workspace, { recursive: true, force: true });
  }
}
if (require.main === module) {
  const { values } = (0, import_node_util.parseArgs)({ options: { folder: { type: "string" } } });
  runElectronTests(values.folder ? path.resolve(values.folder) : void 0).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.log(`electron: ${firstLine(error)}`);
      process.exitCode = 1;
    }
  );
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  ELECTRON_VSCODE_VERSION,
  runElectronTests
});
