/**
 * `npm run bench`: wall and CPU time of the README's main job (`bash scripts/run plan`: every
 * stack, its milestone against the next, priced, checked and rendered) and of the whole matrix
 * (every stack × every milestone, rendered as JSON), each as a fresh process, run in turns with
 * the floor — a process that only loads @pulumi/aws — so machine drift hits both alike.
 * Targets: the main job ≤ 1.3× the floor. Prints figures only; nothing here asserts a time.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../plan/root";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = REPO_ROOT;

interface Sample { readonly wall: number; readonly cpu: number }

/** One run of a command: wall ms, and the cumulative CPU ms of every child reaped so far (differences give one run's). */
function once(cmd: string, args: readonly string[]): Sample {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
  // Children's usage is only visible once reaped: read it from /proc's cumulative fields.
  const stat = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  const ticks = Number(stat[13]) + Number(stat[14]); // cutime + cstime, in clock ticks (USER_HZ = 100)
  return { wall, cpu: ticks * 10 };
}

const FLOOR = [process.execPath, ["-e", 'require("@pulumi/aws")']] as const;

/** Runs `a` and the floor in turns; returns the per-pair ratios and the medians. */
function versusFloor(label: string, a: readonly [string, readonly string[]]): void {
  const ratios: { wall: number; cpu: number }[] = [];
  const aw: number[] = [];
  const fw: number[] = [];
  let lastCpu = 0;
  const cpuOf = (s: Sample) => {
    const d = s.cpu - lastCpu;
    lastCpu = s.cpu;
    return d;
  };
  once(...a); // warm-up: compile cache, page cache
  cpuOf(once(...FLOOR));
  for (let i = 0; i < RUNS; i++) {
    const x = once(...a);
    const xc = cpuOf(x);
    const f = once(...FLOOR);
    const fc = cpuOf(f);
    aw.push(x.wall);
    fw.push(f.wall);
    ratios.push({ wall: x.wall / f.wall, cpu: xc / Math.max(fc, 1) });
  }
  const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  process.stdout.write(
    `${label.padEnd(44)} ${med(aw).toFixed(0).padStart(5)} ms (floor ${med(fw).toFixed(0)} ms)   ` +
      `wall ${med(ratios.map((r) => r.wall)).toFixed(2)}× (${spread(ratios.map((r) => r.wall))})   ` +
      `cpu ${med(ratios.map((r) => r.cpu)).toFixed(2)}× (${spread(ratios.map((r) => r.cpu))})\n`,
  );
}

const compiled = fs.existsSync(path.join(root, "dist", ".built"));
process.stdout.write(`node ${process.version}, ${RUNS} pairs each, medians (ratio range); plan from ${compiled ? "dist/ (when fresh)" : "the TypeScript sources (run npm run build first)"}\n`);
process.stdout.write("floor: node -e 'require(\"@pulumi/aws\")'\n");
versusFloor("main job (bash scripts/run plan)", ["bash", [path.join(root, "scripts", "run"), "plan"]]);
versusFloor("matrix (2 stacks × 4 milestones, JSON)", [process.execPath, [path.join(root, "scripts", "launch.js"), "scripts/plan-matrix"]]);
