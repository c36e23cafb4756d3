/**
 * Hostile stack files through the plan CLI's `main(argv)` in this process, as a user runs
 * `npm run plan -- --program test/fixtures/hostile-config --stack <case>`: each is refused with
 * exit 2 and one message naming the key (and the file and line where the file is at fault),
 * no stack trace; a plain-text secret is a warning on stderr, once, without its value.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../plan/cli";
import { MAX_PROBLEMS_SHOWN } from "../../stacks/problems";
import { ROOT, inProcess } from "./cli-harness";

const DIR = path.join(ROOT, "test", "fixtures", "hostile-config");
const file = (stack: string) => path.join(DIR, `Pulumi.${stack}.yaml`);
const plan = (stack: string, dir = DIR) => inProcess(main, ["--program", dir, "--stack", stack]);
const reserved = (where: string, name: string) =>
  `${where}: "${name}" is not allowed as a key name: JavaScript reserves it, and a value under it would be lost or misread`;
const KEY = "napi_plaintext0123456789abcdef";
const warning = (stack: string) =>
  `plan: warning: stack "${stack}": cutlist:neonApiKey is in plain text in the stack file, readable by anyone who can read the file; store it encrypted: pulumi config set --secret cutlist:neonApiKey <key> --stack ${stack} (and rotate the key if the file was ever shared)\n`;

// [stack file, what plan prints on stderr]; each was accepted (exit 0) or misreported before.
const REFUSED: [string, string][] = [
  ["proto-overrides", `plan: invalid stack configuration: ${reserved("cutlist:overrides.__proto__", "__proto__")}\n`],
  ["constructor-key", `plan: invalid stack configuration: ${reserved("cutlist:constructor", "constructor")}\n`],
  ["proto-capacity", `plan: invalid stack configuration: ${reserved("cutlist:capacity.__proto__", "__proto__")}\n`],
  ["proto-usage", `plan: invalid stack configuration: ${reserved("cutlist:usage.prototype", "prototype")}\n`],
  ["both-milestones", `plan: ${file("both-milestones")}: config has both "cutlist:milestone" (line 5) and "milestone" (line 7), the same key for Pulumi (a key without a namespace is the project's); keep only "cutlist:milestone"\n`],
  ["nan-as-null", `plan: ${file("nan-as-null")}: line 9: cutlist:overrides.app.autoscaling.requestsPerTargetPerMinute: .nan is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)\n`],
  ["empty-region", `plan: invalid stack configuration: aws:region: "" is not allowed: must be an AWS region such as "us-east-1"\n`],
  ["unknown-region", `plan: invalid stack configuration: aws:region: "us-east-9" is not allowed: must be an AWS region such as "us-east-1" (did you mean "us-east-1"?)\n`],
  ["not-utf8", `plan: ${file("not-utf8")}: line 5: bytes 0xff 0xfe are not UTF-8; save the file as UTF-8 (Pulumi reads it as UTF-8 only)\n`],
  ["self-alias", `plan: ${file("self-alias")}: line 8: cutlist:overrides.app.again: an alias to a value that contains it is not allowed: the value would never end\n`],
  ["duplicate-key", `plan: ${file("duplicate-key")}: line 5: cutlist:milestone is written twice (also on line 3); keep one\n`],
];

test.each(REFUSED)("%s: exit 2, one message naming the key", async (stack, stderr) => {
  expect(await plan(stack)).toEqual({ code: 2, stdout: "", stderr });
});

test("infinite: every number JSON cannot carry is named as written, with its line", async () => {
  const { code, stdout, stderr } = await plan("infinite");
  expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
  expect(stderr.split("\n").slice(0, 2)).toEqual([`plan: ${file("infinite")}: 4 problems:`, "  - line 9: cutlist:overrides.app.autoscaling.requestsPerTargetPerMinute: .nan is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)"]);
  for (const written of [".inf", "-.Inf", ".NaN"]) expect(stderr).toContain(`: ${written} is not allowed: must be a finite number`);
  expect(stderr).not.toMatch(/\bnull\b/);
});

describe("a plain-text cutlist:neonApiKey", () => {
  test("is planned, with one warning on stderr saying how to encrypt it, and its value nowhere", async () => {
    const { code, stdout, stderr } = await plan("plain-key");
    expect([0, 1]).toContain(code); // planned; the guardrails decide 0 or 1
    expect(stdout).toMatch(/m1 → m2/);
    expect(stderr).toBe(warning("plain-key"));
    expect(stdout + stderr).not.toContain(KEY);
  });

  test("next to a config error: the warning, then the error (exit 2)", async () => {
    const { code, stdout, stderr } = await plan("plain-key-bad-region");
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe(`${warning("plain-key-bad-region")}plan: invalid stack configuration: aws:region: "us-east-9" is not allowed: must be an AWS region such as "us-east-1" (did you mean "us-east-1"?)\n`);
    expect(stderr).not.toContain(KEY);
  });
});

test(`thousands of unknown keys: the first ${MAX_PROBLEMS_SHOWN} problems and a count, not thousands of lines`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-many-keys-"));
  try {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), fs.readFileSync(path.join(DIR, "Pulumi.yaml"), "utf8").replace("main: ../../../stacks/index.ts", `main: ${path.join(ROOT, "stacks", "index.ts")}`));
    const lines = ["config:", "  aws:region: us-east-1", "  cutlist:milestone: m1", "  cutlist:alertEmail: oncall@example.com"];
    for (let i = 0; i < 3000; i++) lines.push(`  cutlist:key${String(i).padStart(5, "0")}: value`);
    fs.writeFileSync(path.join(dir, "Pulumi.many.yaml"), `${lines.join("\n")}\n`);
    const { code, stdout, stderr } = await plan("many", dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    const printed = stderr.trimEnd().split("\n");
    expect(printed).toHaveLength(1 + MAX_PROBLEMS_SHOWN + 1);
    expect(printed[0]).toBe("plan: invalid stack configuration (3000 problems):");
    expect(printed[printed.length - 1]).toBe(`  … and ${3000 - MAX_PROBLEMS_SHOWN} more`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
