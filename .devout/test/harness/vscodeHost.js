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
var vscodeHost_exports = {};
__export(vscodeHost_exports, {
  CHROMIUM_ARGS: () => CHROMIUM_ARGS,
  CHROMIUM_PATH: () => CHROMIUM_PATH,
  CODE_SERVER_VERSION: () => CODE_SERVER_VERSION,
  SUMMARY_PATTERN: () => SUMMARY_PATTERN,
  defaultCacheDir: () => defaultCacheDir,
  ensureCodeServer: () => ensureCodeServer,
  freePort: () => freePort,
  nativeModulesWithoutBuild: () => nativeModulesWithoutBuild,
  repoRoot: () => repoRoot,
  runExtensionTests: () => runExtensionTests,
  screenshotWorkbench: () => screenshotWorkbench,
  startCodeServer: () => startCodeServer,
  workbenchUrl: () => workbenchUrl
});
module.exports = __toCommonJS(vscodeHost_exports);
var import_node_child_process = require("node:child_process");
var import_node_fs = require("node:fs");
var fs = __toESM(require("node:fs/promises"));
var http = __toESM(require("node:http"));
var net = __toESM(require("node:net"));
var os = __toESM(require("node:os"));
var path = __toESM(require("node:path"));
const CODE_SERVER_VERSION = "4.100.3";
const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];
const SUMMARY_PATTERN = /^extension-host: (\d+) passed, (\d+) failed$/;
const PASS_MARK = "\u2714";
const FAIL_MARK = "\u2718";
const APT_PACKAGES = ["libkrb5-dev", "ripgrep", "chromium"];
const MARKER_NAME = `code-server-${CODE_SERVER_VERSION}.installed.json`;
function repoRoot() {
  let dir = __dirname;
  for (; ; ) {
    const manifest = path.join(dir, "package.json");
    if ((0, import_node_fs.existsSync)(manifest)) {
      const parsed = JSON.parse((0, import_node_fs.readFileSync)(manifest, "utf8"));
      if (parsed.name === "swarmscope") return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no swarmscope package.json above ${__dirname}`);
    dir = parent;
  }
}
function defaultCacheDir() {
  return path.join(repoRoot(), ".vscode-test");
}
function log(message) {
  process.stdout.write(`[vscode-host] ${message}
`);
}
function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    (0, import_node_child_process.execFile)(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 30 * 6e4,
        maxBuffer: 64 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        if (error) {
          const tail = `${stdout}
${stderr}`.trim().split("\n").slice(-25).join("\n");
          reject(new Error(`${file} ${args.join(" ")} failed: ${error.message.split("\n")[0]}
${tail}`));
        } else {
          resolve(stdout);
        }
      }
    );
  });
}
async function timed(label, work) {
  const started = Date.now();
  const result = await work();
  log(`${label} (${((Date.now() - started) / 1e3).toFixed(1)} s)`);
  return result;
}
async function missingAptPackages() {
  const missing = [];
  for (const name of APT_PACKAGES) {
    const status = await run("dpkg-query", ["-W", "-f=${Status}", name]).catch(() => "");
    if (!status.includes("install ok installed")) missing.push(name);
  }
  return missing;
}
async function ensureAptPackages() {
  const missing = await missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(" ")}; install them with: sudo apt-get install -y ${missing.join(" ")}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await timed(`apt-get install ${missing.join(" ")}`, async () => {
    await run("apt-get", ["update"], { env });
    await run("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { env });
  });
}
function nativeModulesWithoutBuild(nodeModules) {
  const suspects = [];
  const visit = (dir) => {
    let names;
    try {
      names = (0, import_node_fs.readdirSync)(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const pkg = path.join(dir, name);
      if (name.startsWith("@")) {
        visit(pkg);
        continue;
      }
      if ((0, import_node_fs.existsSync)(path.join(pkg, "binding.gyp")) && !hasNodeBinary(pkg)) {
        suspects.push(path.relative(nodeModules, pkg).split(path.sep).join("/"));
      }
      visit(path.join(pkg, "node_modules"));
    }
  };
  visit(nodeModules);
  return suspects;
}
function hasNodeBinary(dir) {
  for (const name of (0, import_node_fs.readdirSync)(dir)) {
    if (name === "node_modules" || name === "src") continue;
    const p = path.join(dir, name);
    if (name.endsWith(".node")) return true;
    if ((0, import_node_fs.statSync)(p).isDirectory() && hasNodeBinary(p)) return true;
  }
  return false;
}
async function nativeModulesThatFailToLoad(cwd) {
  const failing = [];
  for (const suspect of nativeModulesWithoutBuild(path.join(cwd, "node_modules"))) {
    const modulePath = path.join(cwd, "node_modules", suspect);
    await run(process.execPath, ["-e", "require(process.argv[1])", modulePath], { cwd }).catch(() => failing.push(suspect));
  }
  return failing;
}
async function npmRebuild(cwd, packages = []) {
  const env = { ...process.env, npm_config_yes: "true", npm_config_dangerously_allow_all_scripts: "true" };
  await run("npm", ["rebuild", "--no-audit", "--no-fund", ...packages], { cwd, env });
  const failing = await nativeModulesThatFailToLoad(cwd);
  if (failing.length > 0) throw new Error(`npm rebuild in ${cwd} left native modules that do not load: ${failing.join(", ")}`);
}
function entryPath(cacheDir) {
  return path.join(cacheDir, "node_modules", "code-server", "out", "node", "entry.js");
}
async function ensureCodeServer(cacheDir = defaultCacheDir()) {
  const entry = entryPath(cacheDir);
  const marker = path.join(cacheDir, MARKER_NAME);
  const wanted = { version: CODE_SERVER_VERSION, nodeAbi: process.versions.modules };
  if ((0, import_node_fs.existsSync)(entry) && (0, import_node_fs.existsSync)(marker)) {
    const found = JSON.parse((0, import_node_fs.readFileSync)(marker, "utf8"));
    if (found.version === wanted.version && found.nodeAbi === wanted.nodeAbi) return entry;
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${cacheDir}`);
  await ensureAptPackages();
  await fs.rm(marker, { force: true });
  await fs.mkdir(cacheDir, { recursive: true });
  const cacheManifest = path.join(cacheDir, "package.json");
  if (!(0, import_node_fs.existsSync)(cacheManifest)) {
    await fs.writeFile(cacheManifest, `${JSON.stringify({ name: "swarmscope-vscode-test", private: true }, null, 2)}
`);
  }
  const quiet = ["--no-audit", "--no-fund", "--loglevel=error"];
  await timed(
    "npm install code-server",
    () => run("npm", ["install", "--ignore-scripts", ...quiet, `code-server@${CODE_SERVER_VERSION}`], { cwd: cacheDir })
  );
  const vscodeDir = path.join(cacheDir, "node_modules", "code-server", "lib", "vscode");
  await timed(
    "npm install in lib/vscode",
    () => run("npm", ["install", "--omit=dev", "--ignore-scripts", ...quiet], { cwd: vscodeDir })
  );
  const rgDir = path.join(vscodeDir, "node_modules", "@vscode", "ripgrep", "bin");
  await fs.mkdir(rgDir, { recursive: true });
  await fs.copyFile("/usr/bin/rg", path.join(rgDir, "rg"));
  await fs.chmod(path.join(rgDir, "rg"), 493);
  await timed("npm rebuild in lib/vscode", () => npmRebuild(vscodeDir));
  const asar = path.join(vscodeDir, "node_modules.asar");
  await fs.rm(asar, { recursive: true, force: true });
  await fs.symlink("node_modules", asar);
  await timed("npm rebuild argon2 in the cache folder", () => npmRebuild(cacheDir, ["argon2"]));
  await fs.writeFile(marker, `${JSON.stringify(wanted)}
`);
  log(`code-server ${CODE_SERVER_VERSION} installed (${((Date.now() - started) / 1e3).toFixed(1)} s)`);
  return entry;
}
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
function httpStatus(url) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: 2e3 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
  });
}
function childEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("VSCODE_") && key !== "ELECTRON_RUN_AS_NODE") env[key] = value;
  }
  return { ...env, ...extra };
}
async function startCodeServer(opts) {
  const entry = await ensureCodeServer(opts.cacheDir);
  const port = opts.port ?? await freePort();
  const ownsUserData = opts.userDataDir === void 0;
  const userDataDir = opts.userDataDir ?? await fs.mkdtemp(path.join(os.tmpdir(), "swarmscope-code-server-"));
  const extensionsDir = path.join(userDataDir, "extensions");
  await fs.mkdir(extensionsDir, { recursive: true });
  await writeDefaultUserSettings(userDataDir);
  const args = [
    entry,
    // Its own config file: code-server otherwise writes one (with a generated password) into ~/.config.
    "--config",
    path.join(userDataDir, "config.yaml"),
    "--auth",
    "none",
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-workspace-trust",
    "--disable-update-check",
    "--user-data-dir",
    userDataDir,
    "--extensions-dir",
    extensionsDir,
    opts.folder
  ];
  const child = (0, import_node_child_process.spawn)(process.execPath, args, {
    env: childEnv(opts.env),
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stop() reaches the extension host and file watchers code-server forks.
    detached: true
  });
  const output = [];
  const collect = (chunk) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      output.push(line);
      if (output.length > 400) output.shift();
      if (opts.echoServerOutput) process.stdout.write(`[code-server] ${line}
`);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", () => resolve()));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const stop = async () => {
    if (!hasExited && child.pid !== void 0) {
      signalGroup(child.pid, "SIGTERM");
      const killed = await Promise.race([exited.then(() => true), delay(5e3).then(() => false)]);
      if (!killed) {
        signalGroup(child.pid, "SIGKILL");
        await exited;
      }
    }
    if (child.pid !== void 0) signalGroup(child.pid, "SIGKILL");
    if (ownsUserData) await fs.rm(userDataDir, { recursive: true, force: true }).catch(() => void 0);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 6e4);
  for (; ; ) {
    if (hasExited) {
      await stop();
      throw new Error(`code-server exited before answering on ${url}:
${output.slice(-20).join("\n")}`);
    }
    const status = await httpStatus(`${url}/healthz`).catch(() => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} in time:
${output.slice(-20).join("\n")}`);
    }
    await delay(200);
  }
  return { url, port, process: child, serverOutput: () => [...output], stop };
}
async function writeDefaultUserSettings(userDataDir) {
  const file = path.join(userDataDir, "User", "settings.json");
  if ((0, import_node_fs.existsSync)(file)) return;
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none"
  };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(settings, null, 2)}
`);
}
const OFFLINE_GALLERY_ENV = { EXTENSIONS_GALLERY: "{}" };
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function workbenchUrl(server, folder, payload) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const entries = Object.entries(payload).map(([key, value]) => [key, remote(value)]);
  const query = new URLSearchParams({ folder: path.resolve(folder), payload: JSON.stringify(entries) });
  return `${server.url}/?${query.toString()}`;
}
async function launchBrowser() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
function formatConsoleArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return list.map((arg) => typeof arg === "string" ? arg : safeJson(arg)).join(" ");
}
function safeJson(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
async function runExtensionTests(opts) {
  const lines = [];
  const emit = (line) => {
    lines.push(line);
    process.stdout.write(`${line}
`);
  };
  const timeoutMs = opts.timeoutMs ?? 5 * 6e4;
  const server = await timed(
    "code-server started",
    () => startCodeServer({
      extensionPath: opts.extensionPath,
      folder: opts.folder,
      env: { ...OFFLINE_GALLERY_ENV, ...opts.env },
      cacheDir: opts.cacheDir
    })
  );
  let browser;
  let exitCode = 1;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let settle = () => void 0;
    const finished = new Promise((resolve) => {
      settle = resolve;
    });
    await page.exposeFunction("codeAutomationLog", (type, args) => {
      const text = formatConsoleArgs(args);
      for (const line of text.split("\n")) emit(type === "error" ? `[error] ${line}` : line);
    });
    await page.exposeFunction("codeAutomationExit", (code) => {
      settle(typeof code === "number" ? code : 1);
    });
    page.on("pageerror", (error) => emit(`[page error] ${error.message}`));
    const url = workbenchUrl(server, opts.folder, {
      extensionDevelopmentPath: opts.extensionPath,
      extensionTestsPath: opts.testsPath
    });
    const started = Date.now();
    await page.goto(url);
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      emit(`[vscode-host] the extension-host suite did not finish within ${Math.round(timeoutMs / 1e3)} s`);
      exitCode = 1;
    } else {
      exitCode = outcome;
    }
    log(`suite finished with exit code ${exitCode} (${((Date.now() - started) / 1e3).toFixed(1)} s)`);
    if (opts.screenshotPath) await page.screenshot({ path: opts.screenshotPath }).catch((error) => emit(`[vscode-host] screenshot failed: ${error.message}`));
  } catch (error) {
    emit(`[vscode-host] ${error.message}`);
    exitCode = 1;
  } finally {
    await browser?.close().catch(() => void 0);
    if (exitCode !== 0) {
      process.stdout.write(`[vscode-host] last code-server output:
${server.serverOutput().slice(-30).join("\n")}
`);
    }
    await server.stop();
  }
  const summary = [...lines].reverse().map((line) => SUMMARY_PATTERN.exec(line)).find((match) => match !== null);
  if (summary) return { exitCode, passed: Number(summary[1]), failed: Number(summary[2]), log: lines };
  const passed = lines.filter((line) => line.startsWith(`  ${PASS_MARK} `)).length;
  const failed = lines.filter((line) => line.startsWith(`  ${FAIL_MARK} `)).length + 1;
  return { exitCode: 1, passed, failed, log: lines };
}
async function screenshotWorkbench(opts) {
  const server = await startCodeServer({
    extensionPath: opts.extensionPath,
    folder: opts.folder,
    env: { ...OFFLINE_GALLERY_ENV, ...opts.env },
    cacheDir: opts.cacheDir
  });
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server, opts.folder, { extensionDevelopmentPath: opts.extensionPath }));
    await page.locator(".monaco-workbench").waitFor({ timeout: 6e4 });
    await page.locator(".part.activitybar").waitFor({ timeout: 6e4 });
    await delay(2e3);
    if (opts.actions) await opts.actions(page);
    await fs.mkdir(path.dirname(path.resolve(opts.outFile)), { recursive: true });
    await page.screenshot({ path: opts.outFile });
  } finally {
    await browser?.close().catch(() => void 0);
    await server.stop();
  }
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  CODE_SERVER_VERSION,
  SUMMARY_PATTERN,
  defaultCacheDir,
  ensureCodeServer,
  freePort,
  nativeModulesWithoutBuild,
  repoRoot,
  runExtensionTests,
  screenshotWorkbench,
  startCodeServer,
  workbenchUrl
});
