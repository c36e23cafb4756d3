/**
 * `bash scripts/run <script>` as a user runs it from some directory: an unknown script name
 * is an error listing the scripts; a known one reaches the launcher from the repository root
 * with the caller's directory in CUTLIST_USER_CWD. `node` here is a stand-in on PATH that
 * answers the version check and records how it was called (a real plan has its own tests).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./cli-harness";

const SCRIPTS = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "run-script-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The stand-in node: answers `--version`, hands `--check` to the real node, records the rest as
// "<its directory>|<CUTLIST_USER_CWD>|<arguments>".
const bin = path.join(tmp, "bin");
const calls = path.join(tmp, "node-calls");
fs.mkdirSync(bin);
fs.writeFileSync(path.join(bin, "node"), [
  "#!/usr/bin/env bash",
  'if [ "$1" = "--version" ]; then echo v24.0.0; exit 0; fi',
  `if [ "$2" = "--check" ]; then exec ${JSON.stringify(process.execPath)} "$@"; fi`,
  `echo "$PWD|\${CUTLIST_USER_CWD:-}|$*" >> ${JSON.stringify(calls)}`,
].join("\n"), { mode: 0o755 });

function run(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [bin, process.env.PATH].join(path.delimiter) };
  delete env.CUTLIST_USER_CWD;
  return new Promise((resolve) => {
    execFile("bash", [path.join(ROOT, "scripts", "run"), ...args], { cwd, env }, (err, _stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 99) : 0, stderr }));
  });
}

test("an unknown script name: exit 2, saying so and listing the scripts", async () => {
  // The real launcher answers: this is what a user sees.
  const real = (args: string[]) => new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(process.execPath, [path.join(ROOT, "scripts", "launch.js"), ...args], { cwd: tmp }, (err, _o, stderr) =>
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 99) : 0, stderr })));
  expect(await real(["--run", "plna"])).toEqual({ code: 2, stderr: `scripts/run: unknown script "plna"; scripts: ${SCRIPTS.join(", ")}\n` });
  expect(await real(["--run"])).toEqual({ code: 2, stderr: `usage: bash scripts/run <script> [args...]; scripts: ${SCRIPTS.join(", ")}\n` });
});

test("a known script goes to the launcher from the repository root, told the caller's directory", async () => {
  const { code } = await run(["plan", "--out", "plan.md"], tmp);
  expect(code).toBe(0);
  const last = fs.readFileSync(calls, "utf8").trimEnd().split("\n").pop();
  expect(last).toBe(`${ROOT}|${tmp}|scripts/launch.js --run plan --out plan.md`);
});
