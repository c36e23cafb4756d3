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
  // With their times, so a fresh dist/ (the suite's global setup builds it) stays fresh there.
  for (const dir of [...SOURCES, "dist"]) if (fs.existsSync(path.join(ROOT, dir))) fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true, preserveTimestamps: true });
  for (const file of ["package.json", "tsconfig.json", "tsconfig.build.json", "Pulumi.dev.yaml", "Pulumi.prod.yaml"]) fs.cpSync(path.join(ROOT, file), path.join(copy, file), { preserveTimestamps: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
});
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

const CASES: [string, string[]][] = [["plan/cli.ts", []], ["plan/promote-cli.ts", ["--stack", "dev"]]];
test.each(CASES)("%s without the repository's Pulumi.yaml: one line naming it, exit 2", async (entry, args) => {
  // As the package scripts start it, from the copy (its dist/ when fresh, else ts-node).
  const run = await runNode([path.join(copy, "scripts", "launch.js"), entry.replace(/\.ts$/, ""), ...args], copy);
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr.trimEnd().split("\n").pop()).toMatch(new RegExp(`^(plan|promote): .*${path.join(copy, "Pulumi.yaml").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is missing: it is this repository's Pulumi project file`));
}, 300_000);
