#!/usr/bin/env node
// The import-direction check (`npm run lint:imports`, run by .ci/run): imports between the
// top-level source folders point down only (DESIGN.md §3):
//   model ← components ← stacks;  model ← cost ← plan;  model ← policies ← plan
// Every relative import, export-from, require() and import() of a .ts file counts, type-only
// imports included: a type pulled upward still makes the folders one tangle.
// Usage: node scripts/check-imports.js [root]; prints each arrow pointing up, exits 1 if any.
"use strict";
const fs = require("fs");
const path = require("path");

/** Folder → the folders it may import from. */
const ALLOWED = {
  model: [],
  components: ["model"],
  stacks: ["model", "components"],
  cost: ["model"],
  policies: ["model", "components", "stacks", "cost"],
  plan: ["model", "components", "stacks", "cost", "policies"],
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(["'])(\.{1,2}\/[^"']+)\1/gm;

function sourceFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== "node_modules") out.push(...sourceFiles(full)); }
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Every import of `root`'s source folders that points where its folder may not look. */
function violations(root) {
  const found = [];
  for (const folder of Object.keys(ALLOWED)) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(SPECIFIER)) {
        const target = path.relative(root, path.resolve(path.dirname(file), m[2]));
        const top = target.split(path.sep)[0];
        if (top === folder || !(top in ALLOWED)) continue;
        if (!ALLOWED[folder].includes(top)) {
          const line = text.slice(0, m.index).split("\n").length;
          found.push(`${path.relative(root, file)}:${line}: ${folder} imports ${top} ("${m[2]}"); ${folder} may import only ${ALLOWED[folder].join(", ") || "nothing of ours"}`);
        }
      }
    }
  }
  return found;
}

module.exports = { ALLOWED, violations };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, ".."));
  const found = violations(root);
  for (const v of found) process.stderr.write(`${v}\n`);
  process.stdout.write(found.length ? `check-imports: ${found.length} import(s) point up\n` : "check-imports: every import points down\n");
  process.exitCode = found.length ? 1 : 0;
}
