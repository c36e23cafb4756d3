/**
 * `bash scripts/run <script>` as a user runs it from some directory: an unknown script name
 * is an error listing the scripts; a known one reaches npm from the repository root with the
 * caller's directory in CUTLIST_USER_CWD. npm here is a stand-in on PATH that records how it
 * was called (a real `npm ci` or build has no place in a unit test).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./cli-harness";

const SCRIPTS = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "run-script-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The stand-in npm: one line per call, "<its directory> <CUTLIST_USER_CWD> <arguments>".
const bin = path.join(tmp, "bin");
const calls = path.join(tmp, "npm-calls");
fs.mkdirSync(bin);
fs.writeFileSync(path.join(bin, "npm"), `#!/usr/bin/env bash\necho "$PWD|\${CUTLIST_USER_CWD:-}|$*" >> ${JSON.stringify(calls)}\n`, { mode: 0o755 });

function run(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [bin, path.dirname(process.execPath), process.env.PATH].join(path.delimiter) };
  delete env.CUTLIST_USER_CWD;
  return new Promise((resolve) => {
    execFile("bash", [path.join(ROOT, "scripts", "run"), ...args], { cwd, env }, (err, _stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 99) : 0, stderr }));
  });
}

test("an unknown script name: exit 2, saying so and listing the scripts; npm is not called", async () => {
  expect(await run(["plna"], tmp)).toEqual({ code: 2, stderr: `scripts/run: unknown script "plna"; scripts: ${SCRIPTS.join(", ")}\n` });
  expect(await run([], tmp)).toEqual({ code: 2, stderr: `usage: bash scripts/run <script> [args...]; scripts: ${SCRIPTS.join(", ")}\n` });
  expect(fs.existsSync(calls)).toBe(false);
});

test("a known script runs from the repository root, told the caller's directory", async () => {
  const { code } = await run(["plan", "--out", "plan.md"], tmp);
  expect(code).toBe(0);
  const last = fs.readFileSync(calls, "utf8").trimEnd().split("\n").pop();
  expect(last).toBe(`${ROOT}|${tmp}|run --silent plan -- --out plan.md`);
});
