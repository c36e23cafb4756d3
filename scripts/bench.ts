/**
 * `npm run bench`: wall time of planning the whole matrix (every stack × every milestone, with
 * diffs, costs and JSON rendering) as a fresh process, beside the floor — a process that only
 * loads @pulumi/aws — on the same machine, and their ratio. Target: ≤ 1.5× the floor.
 * Prints figures only; nothing here asserts a time.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../plan/root";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = REPO_ROOT;

function time(args: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${xs[0].toFixed(0)}, max ${xs[xs.length - 1].toFixed(0)})`;

const floor = time(["-e", 'require("@pulumi/aws")']);
// The floor again with Node's compile cache on, as the launcher runs the plan: the ratio
// against it shows what is left beyond loading code.
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-compile-cache-"));
const floorCached = time(["-e", `require("module").enableCompileCache(${JSON.stringify(cacheDir)}); require("@pulumi/aws")`]);
const compiled = fs.existsSync(path.join(root, "dist", ".built"));
const matrix = time(["scripts/launch.js", "scripts/plan-matrix"]);
process.stdout.write(`node ${process.version}, ${RUNS} runs each; plan from ${compiled ? "dist/ (if fresh)" : "the TypeScript sources (run npm run build first)"}\n`);
process.stdout.write(`floor  (require @pulumi/aws):                 ${fmt(floor)}\n`);
process.stdout.write(`floor  (same, with Node's compile cache):     ${fmt(floorCached)}\n`);
process.stdout.write(`matrix (2 stacks × 4 milestones, plan):       ${fmt(matrix)}\n`);
process.stdout.write(`ratio: ${(median(matrix) / median(floor)).toFixed(2)}× the floor (target ≤ 1.5×); ${(median(matrix) / median(floorCached)).toFixed(2)}× the cached floor\n`);
