/**
 * The plan's stdout failing under it, with real processes: a reader that stops early
 * (`plan … | head -c10`: EPIPE) ends the plan quietly with the plan's own exit code; a write
 * that fails (`> /dev/full`: ENOSPC) is one line on stderr and exit 2. Never a stack trace.
 */
import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./cli-harness";

const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  FORCE_COLOR: "0",
  NO_COLOR: "1",
  NODE_COMPILE_CACHE: path.join(ROOT, "node_modules", ".cache", "node-compile-cache"),
  TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json"),
};
delete ENV.CUTLIST_USER_CWD;
delete ENV.INIT_CWD;
// The dev stack's JSON plan (~150 KB, more than a pipe holds) passes its guardrails: exit 0.
// As the package script starts it (compiled dist/ when fresh).
const PLAN = [process.execPath, path.join(ROOT, "scripts", "launch.js"), "plan/cli", "--stack", "dev", "--format", "json"];
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

test("a reader that stops reading (| head -c10): the plan ends quietly with its own exit code", async () => {
  const script = `${PLAN.map(quote).join(" ")} | head -c10 >/dev/null; ` + 'echo "plan exit ${PIPESTATUS[0]}"';
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile("bash", ["-c", script], { cwd: ROOT, env: ENV }, (err, out, errOut) => (err ? reject(err) : resolve({ stdout: out, stderr: errOut })));
  });
  expect(stdout).toBe("plan exit 0\n");
  expect(stderr).toBe("");
}, 300_000);

test("a write that fails (> /dev/full): one line saying the plan cannot be written, exit 2", async () => {
  const full = fs.openSync("/dev/full", "w");
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(PLAN[0], PLAN.slice(1), { cwd: ROOT, env: ENV, stdio: ["ignore", full, "pipe"] });
      let err = "";
      child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
      child.on("close", (c) => resolve({ code: c, stderr: err }));
    });
    expect(code).toBe(2);
    expect(stderr).toBe("plan: cannot write the plan to stdout: ENOSPC: no space left on device, write\n");
  } finally {
    fs.closeSync(full);
  }
}, 300_000);
