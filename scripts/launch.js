#!/usr/bin/env node
// Starts one of this repository's TypeScript entry points (`node scripts/launch.js plan/cli
// args…`): from the compiled `dist/` tree when it is at least as new as every source file
// (`npm run build`; a cold start ~0.5 s faster), else through ts-node. Either way Node's
// on-disk compile cache is on, so @pulumi/aws's thousands of modules load from bytecode.
"use strict";
const fs = require("fs");
const path = require("path");
const nodeModule = require("module");

const root = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["stacks", "components", "plan", "cost", "policies", "scripts"];

if (typeof nodeModule.enableCompileCache === "function") {
  nodeModule.enableCompileCache(path.join(root, "node_modules", ".cache", "node-compile-cache"));
}

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

const entry = process.argv[2];
if (entry === "--build-if-stale") {
  // Used by scripts/run: compile once so later starts skip ts-node; a failed build only
  // costs speed (the launcher then falls back to ts-node), so it warns and exits 0.
  if (!isFresh()) {
    const { spawnSync } = require("child_process");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = spawnSync(npm, ["run", "--silent", "build"], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) process.stderr.write(`note: npm run build failed, running from the TypeScript sources instead:\n${r.stdout}${r.stderr}`);
  }
  process.exit(0);
}
if (!entry) {
  process.stderr.write("usage: node scripts/launch.js <entry, e.g. plan/cli> [args…]\n");
  process.exit(2);
}
process.argv.splice(2, 1); // the entry sees its own arguments from argv[2] on

const compiled = path.join(root, "dist", `${entry}.js`);
// Loaded as the main module (what `node <file>` does), so `require.main === module` holds in it.
if (fs.existsSync(compiled) && isFresh()) {
  nodeModule._load(compiled, null, true);
} else {
  require("ts-node").register({ transpileOnly: true });
  nodeModule._load(path.join(root, `${entry}.ts`), null, true);
}
