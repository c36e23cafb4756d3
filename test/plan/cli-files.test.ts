/**
 * The plan CLI's file handling, through `main(argv)` in this process: `--stack` is a name,
 * `--out` never overwrites the project's or the repository's own files nor creates
 * directories, writes atomically through symlinks, and relative paths start from the
 * directory the user ran the command in.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../plan/cli";
import { ROOT, inProcess } from "./cli-harness";

// Our program itself: the plan runs it in-process, with the temporary project's stack files.
const PROGRAM = path.join(ROOT, "stacks", "index.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-files-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project directory `tmp/<name>` running our program, with a copy of our prod stack file. */
function project(name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: cutlist\nruntime: nodejs\nmain: ${PROGRAM}\n`);
  fs.copyFileSync(path.join(ROOT, "Pulumi.prod.yaml"), path.join(dir, "Pulumi.prod.yaml"));
  return dir;
}

const proj = project("proj");

describe("--stack is a stack name, not a path", () => {
  test.each(["../../x", "..", ".", "prod/../dev", "", "a b"])("%j: exit 2 naming the value and what is allowed", async (stack) => {
    const { code, stdout, stderr } = await inProcess(main, ["--stack", stack]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe(`plan: --stack: ${JSON.stringify(stack)} is not allowed: a stack name is letters, digits, "_", "." and "-" (not "." or ".."), as in Pulumi.<stack>.yaml\n`);
  });
});

describe("--out refuses the project's and the repository's own files", () => {
  // [--out as typed, where the user stands, that directory, the file it names]
  const cases: [string, string, string, string][] = [
    ...["Pulumi.prod.yaml", "Pulumi.dev.yaml", "Pulumi.yaml", "package.json", "package-lock.json", "tsconfig.json", "README.md", "jest.config.js",
      "plan/cli.ts", "stacks/index.ts", "policies/guardrails.json", "test/fixtures/sample-program/Pulumi.yaml", "docs/runbooks/restore.md", ".github/workflows/plan.yml", ".ci/run", "scripts/run"]
      .map((f): [string, string, string, string] => [f, "the repository", ROOT, path.join(ROOT, f)]),
    ["../../Pulumi.prod.yaml", "plan/render", path.join(ROOT, "plan", "render"), path.join(ROOT, "Pulumi.prod.yaml")],
    // The --program project's stack file.
    ["proj/Pulumi.prod.yaml", "the project's parent", tmp, path.join(proj, "Pulumi.prod.yaml")],
  ];

  test.each(cases)("--out %s (in %s): exit 2, the file unchanged", async (out, _where, cwd, file) => {
    const before = fs.readFileSync(file, "utf8");
    const { code, stdout, stderr } = await inProcess(main, ["--stack", "prod", "--program", proj, "--out", out], cwd);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(new RegExp(`^plan: --out: ${JSON.stringify(out).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not allowed: it is .*; --out never overwrites a project's stack or package files or this repository's sources: name a file elsewhere \\(e\\.g\\. plan-out/plan\\.md\\)\\n$`));
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });

  test("a symlink that leads to a stack file is refused too", async () => {
    const link = path.join(tmp, "innocent.md");
    fs.symlinkSync(path.join(proj, "Pulumi.prod.yaml"), link);
    const before = fs.readFileSync(link, "utf8");
    const { code, stderr } = await inProcess(main, ["--stack", "prod", "--program", proj, "--out", link]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/it is a Pulumi project or stack file \(.*innocent\.md leads to .*proj\/Pulumi\.prod\.yaml\)/);
    expect(fs.readFileSync(link, "utf8")).toBe(before);
  });

  test("a missing directory is an error, not created", async () => {
    const { code, stderr } = await inProcess(main, ["--stack", "prod", "--program", proj, "--out", "no/such/dir/plan.md"], tmp);
    expect(code).toBe(2);
    expect(stderr).toBe(`plan: --out: "no/such/dir/plan.md" is not allowed: directory ${path.join(tmp, "no", "such", "dir")} does not exist (--out creates no directories; create it first)\n`);
    expect(fs.existsSync(path.join(tmp, "no"))).toBe(false);
  });
});

describe("relative paths start from the user's directory", () => {
  test("CUTLIST_USER_CWD (scripts/run): --program and --out; --out is written through its symlink, keeping the target's mode", async () => {
    fs.mkdirSync(path.join(tmp, "plan-out"));
    fs.mkdirSync(path.join(tmp, "kept"));
    const real = path.join(tmp, "kept", "plan.md");
    fs.writeFileSync(real, "old\n", { mode: 0o600 });
    fs.chmodSync(real, 0o600);
    fs.symlinkSync(real, path.join(tmp, "plan-out", "plan.md"));
    const { code, stdout, stderr } = await inProcess(main, ["--stack", "prod", "--program", "proj", "--format", "markdown", "--out", "plan-out/plan.md"], tmp);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: `plan: wrote ${path.join(tmp, "plan-out", "plan.md")}\n` });
    expect(fs.lstatSync(path.join(tmp, "plan-out", "plan.md")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, "utf8")).toMatch(/^### cutlist\/prod: m1 → m2$/m);
    expect(fs.statSync(real).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(tmp, "kept"))).toEqual(["plan.md"]);
  });

  test.each([
    ["INIT_CWD (npm)", { INIT_CWD: tmp }, ROOT],
    ["the process's own directory, when neither is set", {}, tmp],
  ] as const)("%s", async (_name, env, cwd) => {
    const saved = { CUTLIST_USER_CWD: process.env.CUTLIST_USER_CWD, INIT_CWD: process.env.INIT_CWD, cwd: process.cwd() };
    delete process.env.INIT_CWD;
    Object.assign(process.env, env);
    process.chdir(cwd);
    try {
      // inProcess sets CUTLIST_USER_CWD: call main bare, capturing only stderr.
      let err = "";
      const spy = jest.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
      delete process.env.CUTLIST_USER_CWD;
      const code = await main(["--stack", "staging", "--program", "proj"]).finally(() => spy.mockRestore());
      expect(code).toBe(2);
      expect(err).toBe(`plan: stack "staging": no Pulumi.staging.yaml in ${proj} (stacks here: prod)\n`);
    } finally {
      process.chdir(saved.cwd);
      for (const k of ["CUTLIST_USER_CWD", "INIT_CWD"] as const) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});
