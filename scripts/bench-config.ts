/**
 * `node scripts/launch.js scripts/bench-config [N…]`: how config reading grows with the size of
 * a stack file. For each N (default 5000, 20000, 75000) it writes a stack file with N unknown
 * `cutlist:keyNNNNN` keys and times reading it (`readStackConfig`), checking it
 * (`parseStackConfig`, up to its ConfigError) and the plan CLI as a fresh process up to the
 * config error (exit 2), each in wall and CPU ms (CPU stays meaningful on a busy machine).
 * Reading must grow linearly: the CPU per key should stay flat. Prints figures only; nothing
 * here asserts a time.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readProject, readStackConfig } from "../plan/stackFiles";
import { REPO_ROOT } from "../plan/root";
import { parseStackConfig } from "../stacks/config";
import { ConfigError } from "../stacks/problems";

const sizes = process.argv.slice(2).map(Number);
const SIZES = sizes.length ? sizes : [5000, 20000, 75000];

/** A project running our program whose stack "bench" has `n` unknown keys. */
function project(root: string, n: number): string {
  const dir = path.join(root, `keys-${n}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: cutlist\nruntime: nodejs\nmain: ${path.join(REPO_ROOT, "stacks", "index.ts")}\n`);
  const lines = ["config:", "  aws:region: us-east-1", "  cutlist:milestone: m1", "  cutlist:alertEmail: oncall@example.com"];
  for (let i = 0; i < n; i++) lines.push(`  cutlist:key${String(i).padStart(5, "0")}: value`);
  fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), `${lines.join("\n")}\n`);
  return dir;
}

/** Wall and CPU time since `start`, ms: CPU stays meaningful on a busy machine. */
interface Mark { readonly wall: bigint; readonly cpu: NodeJS.CpuUsage }
const mark = (): Mark => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });
function since(start: Mark): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(start.cpu);
  return { wall: Number(process.hrtime.bigint() - start.wall) / 1e6, cpu: (cpu.user + cpu.system) / 1000 };
}

/** CPU ms of every child reaped so far (cutime + cstime of /proc/self/stat, in 10 ms ticks). */
function childrenCpu(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(stat[13]) + Number(stat[14])) * 10;
}

const shown = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0).padStart(6)} ms (cpu ${t.cpu.toFixed(0).padStart(6)})`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-config-"));
try {
  for (const n of SIZES) {
    const dir = project(tmp, n);
    let start = mark();
    const { config } = readStackConfig(readProject(dir), "bench");
    const read = since(start);
    start = mark();
    let problems = 0;
    try {
      parseStackConfig(config, { project: "cutlist", stack: "bench" });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems = e.problems.length;
    }
    const check = since(start);
    start = mark();
    const cpuBefore = childrenCpu();
    const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "launch.js"), "plan/cli", "--program", dir, "--stack", "bench"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0" },
      maxBuffer: 1024 * 1024 * 1024,
    });
    const plan = { wall: since(start).wall, cpu: childrenCpu() - cpuBefore };
    const lines = cli.stderr.split("\n").filter(Boolean).length;
    process.stdout.write(
      `${String(n).padStart(6)} keys: readStackConfig ${shown(read)}  parseStackConfig ${shown(check)} (${problems} problems)` +
        `  plan CLI ${shown(plan)} (exit ${cli.status}, ${lines} lines on stderr)  read+check cpu ${(((read.cpu + check.cpu) * 1000) / n).toFixed(0)} µs/key\n`,
    );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
