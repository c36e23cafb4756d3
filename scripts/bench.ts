/**
 * `npm run bench`: wall time of planning the whole matrix (every stack × every milestone, with
 * diffs, costs and JSON rendering) as a fresh process, beside the floor — a process that only
 * loads @pulumi/aws — on the same machine, and their ratio. Target: ≤ 1.5× the floor.
 * Prints figures only; nothing here asserts a time.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.resolve(__dirname, "..");

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
const matrix = time(["-r", "ts-node/register/transpile-only", "scripts/plan-matrix.ts"]);
process.stdout.write(`node ${process.version}, ${RUNS} runs each\n`);
process.stdout.write(`floor  (require @pulumi/aws):          ${fmt(floor)}\n`);
process.stdout.write(`matrix (2 stacks × 4 milestones, plan): ${fmt(matrix)}\n`);
process.stdout.write(`ratio: ${(median(matrix) / median(floor)).toFixed(2)}× the floor (target ≤ 1.5×)\n`);
