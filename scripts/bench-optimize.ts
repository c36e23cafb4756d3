/**
 * `npm run bench:optimize`: wall and CPU time of `npm run optimize -- --stack prod --milestone <m>`
 * for each milestone as a fresh process, with the candidates it evaluated and pruned, and the
 * total. Target: all four milestones in under 60 s on 2 cores. Prints figures only; nothing
 * here asserts a time.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../plan/root";
import { MILESTONE_IDS } from "../stacks/milestones";

const stack = process.env.BENCH_STACK ?? "prod";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-optimize-"));

/** Cumulative CPU ms of every reaped child (cutime + cstime, USER_HZ 100). */
function childCpuMs(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(stat[13]) + Number(stat[14])) * 10;
}

let totalWall = 0;
let totalCpu = 0;
console.log(`optimize --stack ${stack}, one fresh process per milestone (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
for (const m of MILESTONE_IDS) {
  const out = path.join(tmp, `${m}.json`);
  const cpu0 = childCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "launch.js"), "plan/optimize-cli", "--stack", stack, "--milestone", m, "--format", "json", "--out", out], { cwd: REPO_ROOT, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = (childCpuMs() - cpu0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`optimize ${m} failed (exit ${r.status}): ${r.stderr}`);
  const json = JSON.parse(fs.readFileSync(out, "utf8"));
  const answer = json.best ?? json.cheapestOverBudget;
  totalWall += wall;
  totalCpu += cpu;
  console.log(`${m}: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU; ${json.stats.evaluated} evaluated, ${json.stats.pruned} pruned; ${json.best ? "passes" : "over budget"} at $${answer?.expectedMonthlyCost}`);
}
console.log(`all four: ${totalWall.toFixed(1)} s wall, ${totalCpu.toFixed(1)} s CPU (target < 60 s)`);
fs.rmSync(tmp, { recursive: true, force: true });
