#!/usr/bin/env node
// Starts this repository's commands with as little start-up as they need.
//
//   node scripts/launch.js <entry> [args…]        a TypeScript entry point (`plan/cli`, `scripts/bench`…):
//                                                 from the compiled dist/ tree when it is at least as new as
//                                                 every source file (`npm run build`), else through ts-node.
//   node scripts/launch.js --check <script>       exits 2, listing the scripts, unless <script> is one.
//   node scripts/launch.js --run <script> [args…] a package.json script, as `npm run <script> -- args…` would
//                                                 run it (repository root, node_modules/.bin on PATH), but
//                                                 without npm's own start-up: a script that launches an entry
//                                                 point runs in this process, after compiling dist/ if stale.
//                                                 This is what `bash scripts/run` ends in.
//
// Node's on-disk compile cache is on, so @pulumi/aws's thousands of modules load from bytecode,
// and packages @pulumi/pulumi loads eagerly for features a plan never uses (closure
// serialisation, the Automation API) load only if something uses them.
"use strict";
const fs = require("fs");
const path = require("path");
const nodeModule = require("module");

const root = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["model", "stacks", "components", "plan", "cost", "policies", "scripts"];
/**
 * Packages @pulumi/pulumi's index loads eagerly for features a plan never uses: closure
 * serialisation (TypeScript's compiler, npm's arborist, package.json normalisation) and the
 * Automation API (execa). They load on first use instead.
 */
const LAZY_FOR_PULUMI = ["typescript", "@npmcli/arborist", "normalize-package-data", "execa"];
/** Scripts that must not wait for (or trigger) a compile of dist/. */
const NO_BUILD = new Set(["test", "typecheck", "build", "lint:imports", "lint:workflows"]);

/** Newest modification time (ms) of the .ts sources and the compiler settings. */
function newestSource() {
  let newest = Math.max(fs.statSync(path.join(root, "tsconfig.json")).mtimeMs, fs.statSync(path.join(root, "tsconfig.build.json")).mtimeMs);
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") || entry.name.endsWith(".json")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return newest;
}

const stamp = path.join(root, "dist", ".built");
const isFresh = () => fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSource();

/**
 * Compiles to dist/ when the sources changed, so later starts skip ts-node. A failed build
 * only costs speed (the launcher then runs the TypeScript sources), so it warns and goes on.
 */
function buildIfStale() {
  if (isFresh()) return;
  const { spawnSync } = require("child_process");
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (r.status === 0) fs.writeFileSync(stamp, new Date().toISOString());
  else process.stderr.write(`note: the build (tsc -p tsconfig.build.json) failed, running from the TypeScript sources instead:\n${r.stdout}${r.stderr}`);
}

/**
 * Makes `request`, when required by a module under `from`, a stand-in that loads the real
 * module on first use. ES-module interop helpers see `__esModule` and keep the stand-in (their
 * `default` is the real module, as `__importStar` would have made it), so nothing loads until a
 * property is read.
 */
function loadLazily(request, from) {
  const original = nodeModule._load;
  nodeModule._load = function (req, parent, isMain) {
    if (req !== request || !parent?.filename?.includes(from)) return original.apply(this, arguments);
    return lazyStandIn(() => original.call(nodeModule, req, parent, isMain));
  };
}

/** A stand-in for a module that `load` returns on first use (shared with test/lazyModule.js). */
function lazyStandIn(load) {
  let real;
  const get = () => (real ??= load());
  return new Proxy(function lazyModule() {}, {
    get: (_, key) => (key === "__esModule" && real === undefined ? true : key === "default" ? (get().default ?? get()) : Reflect.get(get(), key)),
    has: (_, key) => key in get(),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      return d && { ...d, configurable: true };
    },
    apply: (_, self, args) => Reflect.apply(get(), self, args),
    construct: (_, args) => Reflect.construct(get(), args),
  });
}

/** @pulumi/pulumi's eager dependencies (LAZY_FOR_PULUMI) load on first use in this process. */
function lazyPulumiDependencies() {
  for (const request of LAZY_FOR_PULUMI) loadLazily(request, `${path.sep}@pulumi${path.sep}pulumi${path.sep}`);
}

/** Runs an entry point of this repository as the main module (what `node <file>` does). */
function launch(entry) {
  if (typeof nodeModule.enableCompileCache === "function") {
    nodeModule.enableCompileCache(path.join(root, "node_modules", ".cache", "node-compile-cache"));
  }
  lazyPulumiDependencies();
  const compiled = path.join(root, "dist", `${entry}.js`);
  if (fs.existsSync(compiled) && isFresh()) {
    nodeModule._load(compiled, null, true);
  } else {
    require("ts-node").register({ transpileOnly: true });
    nodeModule._load(path.join(root, `${entry}.ts`), null, true);
  }
}

/** The package.json scripts. */
function scripts() {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts ?? {};
}

/** Exits 2, listing the scripts, unless `name` is one. */
function checkScript(name, all = scripts()) {
  if (name && Object.prototype.hasOwnProperty.call(all, name)) return;
  const what = name ? `scripts/run: unknown script ${JSON.stringify(name)}` : "usage: bash scripts/run <script> [args...]";
  process.stderr.write(`${what}; scripts: ${Object.keys(all).join(", ")}\n`);
  process.exit(2);
}

/** `--run <script> [args…]`: what `npm run <script> -- args…` does, minus npm. Returns nothing; the process exits with the script's code. */
function runScript(name, args) {
  const all = scripts();
  checkScript(name, all);
  process.chdir(root);
  if (!NO_BUILD.has(name)) buildIfStale();
  // A script that only launches an entry point runs here: one Node start instead of three.
  const m = /^node scripts\/launch\.js ([\w./-]+)$/.exec(all[name]);
  if (m) {
    process.argv = [process.argv[0], path.join(root, `${m[1]}.ts`), ...args];
    return launch(m[1]);
  }
  const { spawnSync } = require("child_process");
  const env = { ...process.env, PATH: [path.join(root, "node_modules", ".bin"), process.env.PATH].join(path.delimiter) };
  // As npm does: the script's text through sh, the arguments appended, each quoted.
  const r = spawnSync("sh", ["-c", `${all[name]} "$@"`, "sh", ...args], { cwd: root, env, stdio: "inherit" });
  process.exit(r.status ?? 1);
}

module.exports = { runScript, loadLazily, lazyStandIn, lazyPulumiDependencies, isFresh };

if (require.main === module) {
  const first = process.argv[2];
  if (first === "--build-if-stale") {
    buildIfStale();
  } else if (first === "--check") {
    checkScript(process.argv[3]);
  } else if (first === "--run") {
    runScript(process.argv[3], process.argv.slice(4));
  } else if (!first) {
    process.stderr.write("usage: node scripts/launch.js <entry, e.g. plan/cli> [args…] | --run <script> [args…]\n");
    process.exit(2);
  } else {
    process.argv.splice(2, 1); // the entry sees its own arguments from argv[2] on
    launch(first);
  }
}
