/**
 * A copy of this repository whose own Pulumi.yaml is missing: both CLIs say so in one line
 * (exit 2) instead of failing at import with a stack trace. Real processes, from the copy.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, runNode } from "./cli-harness";

const SOURCES = ["model", "components", "stacks", "cost", "plan", "policies", "scripts"];
let copy: string;

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "no-pulumi-yaml-"));
  for (const dir of SOURCES) fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
  for (const file of ["package.json", "tsconfig.json", "Pulumi.dev.yaml", "Pulumi.prod.yaml"]) fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
});
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

const CASES: [string, string[]][] = [["plan/cli.ts", []], ["plan/promote-cli.ts", ["--stack", "dev"]]];
test.each(CASES)("%s without the repository's Pulumi.yaml: one line naming it, exit 2", async (entry, args) => {
  const run = await runNode(["-r", require.resolve("ts-node/register/transpile-only"), path.join(copy, entry), ...args], copy);
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr.trimEnd().split("\n").pop()).toMatch(new RegExp(`^(plan|promote): .*${path.join(copy, "Pulumi.yaml").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is missing: it is this repository's Pulumi project file`));
}, 300_000);
