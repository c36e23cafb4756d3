/** The import-direction check that CI runs (scripts/check-imports.js). */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { violations } = require("../../scripts/check-imports.js") as { violations: (root: string) => string[] };
const ROOT = path.resolve(__dirname, "../..");

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "imports-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

test("this repository's imports all point down", () => {
  expect(violations(ROOT)).toEqual([]);
});

test.each([
  ["components → stacks (a type import counts)", "components/app.ts", 'import type { AppSpec } from "../stacks/milestones";\n', "components imports stacks"],
  ["cost → plan", "cost/estimate.ts", 'import { x } from "../plan/record";\n', "cost imports plan"],
  ["policies → plan, through export-from", "policies/pack.ts", 'export { y } from "../plan/guardrails/offline";\n', "policies imports plan"],
  ["stacks → cost, through a dynamic import", "stacks/config.ts", 'const m = await import("../cost/usage");\n', "stacks imports cost"],
  ["model → anything of ours, through require", "model/read.ts", 'const z = require("../components/cacheSpec");\n', "model imports components"],
  ["a side-effect import", "cost/index.ts", 'import "../policies/pack";\n', "cost imports policies"],
])("an arrow pointing up is named with file, line and rule: %s", (_name, file, text, message) => {
  const dir = project({ [file]: `// first line\n${text}`, "stacks/milestones.ts": "", "plan/record.ts": "" });
  expect(violations(dir)).toEqual([expect.stringContaining(`${file}:2: ${message}`)]);
});

test("downward and same-folder imports pass", () => {
  const dir = project({
    "plan/plan.ts": 'import { a } from "../cost/estimate";\nimport { b } from "./diff";\nimport { c } from "../policies/pack";\n',
    "stacks/program.ts": 'import { App } from "../components/app";\nimport type { R } from "../model/records";\n',
  });
  expect(violations(dir)).toEqual([]);
});

test("the command exits 1 and lists the violations", () => {
  const dir = project({ "cost/usage.ts": 'import { MILESTONES } from "../stacks/milestones";\n' });
  let code = 0;
  let stderr = "";
  try {
    execFileSync(process.execPath, [path.join(ROOT, "scripts/check-imports.js"), dir], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    code = (e as { status: number }).status;
    stderr = (e as { stderr: string }).stderr;
  }
  expect(code).toBe(1);
  expect(stderr).toContain("cost/usage.ts:1: cost imports stacks");
});
