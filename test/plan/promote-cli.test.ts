/**
 * `npm run promote` as a user runs it: `main(argv)` in this process (and once as a real
 * process), against copies of stack files in temporary project directories whose program is
 * ours (`main` is stacks/index.ts), so the repository's own stack files are never touched.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../plan/promote-cli";
import { ROOT, inProcess, runEntry, type Run } from "./cli-harness";

// Our program itself: the plan runs it in-process, with the temporary project's stack files.
const PROGRAM = path.join(ROOT, "stacks", "index.ts");
const OUR_PROD = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");
const at = (milestone: string, yaml = OUR_PROD): string => yaml.replace(/cutlist:milestone: m\d/, `cutlist:milestone: ${milestone}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "promote-cli-"));
afterAll(() => {
  fs.chmodSync(tmp, 0o755);
  for (const d of fs.readdirSync(tmp)) fs.chmodSync(path.join(tmp, d), 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A project directory under `tmp` running our program, with `yaml` as its Pulumi.prod.yaml. */
function project(yaml: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(tmp, "project-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: cutlist\nruntime: nodejs\nmain: ${PROGRAM}\n`);
  const file = path.join(dir, "Pulumi.prod.yaml");
  fs.writeFileSync(file, yaml);
  return { dir, file };
}

function promote(dir: string, ...args: string[]): Promise<Run> {
  return inProcess(main, ["--stack", "prod", "--program", dir, ...args]);
}

/** The one line about the file, and no stack trace anywhere. */
function expectLastLine(stderr: string, line: string | RegExp): void {
  const last = stderr.trimEnd().split("\n").pop();
  if (typeof line === "string") expect(last).toBe(line);
  else expect(last).toMatch(line);
  expect(stderr).not.toMatch(/\n\s+at /);
}

// The real process starts first and runs while the in-process cases do (two cores).
const spawned = (() => {
  const { dir, file } = project(at("m1"));
  return { file, run: runEntry("plan/promote-cli.ts", ["--stack", "prod", "--program", path.basename(dir)], tmp) };
})();

describe("a promotion that passes its checks is planned, then written", () => {
  test("m1 → m2: the plan is printed, only the milestone value changes, the last line says written", async () => {
    const { dir, file } = project(at("m1"));
    // Relative --program: from the directory the user ran the command in (CUTLIST_USER_CWD).
    const { code, stdout, stderr } = await inProcess(main, ["--stack", "prod", "--program", path.basename(dir)], tmp);
    expect(code).toBe(0);
    expect(stdout).toMatch(/cutlist\/prod: m1 → m2/);
    // At 100 columns (the harness's COLUMNS) the change may be its symbol and the type its resource name.
    expect(stdout).toMatch(/^│ \+( create)?\s+│ (aws:lb:)?LoadBalancer\s+│ app /m);
    expect(stdout).toMatch(/^│ \+( create)?\s+│ (aws:elasticache:)?ReplicationGroup\s+│ cache /m);
    expectLastLine(stderr, `promote: ${path.basename(dir)}/Pulumi.prod.yaml: m1 → m2, written`);
    expect(fs.readFileSync(file, "utf8")).toBe(OUR_PROD.replace("cutlist:milestone: m1 ", "cutlist:milestone: m2 "));
  });

  test("a folded value (>- and the id on the next line) is edited in place; the next key stays on its line", async () => {
    const folded = OUR_PROD.replace(/cutlist:milestone: m\d +(#.*)?\n/, "cutlist:milestone: >-\n    m1\n");
    const { dir, file } = project(folded);
    const { code, stderr } = await promote(dir);
    expect(code).toBe(0);
    expectLastLine(stderr, `promote: ${file}: m1 → m2, written`);
    expect(fs.readFileSync(file, "utf8")).toBe(folded.replace(">-\n    m1\n", ">-\n    m2\n"));
  });

  test("--dry-run plans and says the file was not written", async () => {
    const { dir, file } = project(at("m2"));
    const { code, stdout, stderr } = await promote(dir, "--dry-run");
    expect(code).toBe(0);
    expect(stdout).toMatch(/cutlist\/prod: m2 → m3/);
    expectLastLine(stderr, `promote: ${file}: m2 → m3, not written: dry run`);
    expect(fs.readFileSync(file, "utf8")).toBe(at("m2"));
  });
});

describe("a mandatory guardrail failure holds the file back unless --force", () => {
  /** A team that allows at most $100 more a month per change (m2 → m4 adds ~$163). */
  const tightLimit = () => {
    const file = path.join(fs.mkdtempSync(path.join(tmp, "limit-")), "guardrails.json");
    fs.writeFileSync(file, JSON.stringify({ "cost-increase-limit": { enforcementLevel: "mandatory", maxIncreaseUsd: 100 } }));
    return file;
  };

  test("m2 → m4 in one step fails cost-increase-limit: exit 1, plan shown, file untouched", async () => {
    const { dir, file } = project(at("m2"));
    const { code, stdout, stderr } = await promote(dir, "--to", "m4", "--policy-config", tightLimit());
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL cost-increase-limit/m);
    expectLastLine(stderr, `promote: ${file}: m2 → m4, not written: mandatory guardrail cost-increase-limit failed (see the plan above); change the stack, or pass --force to write it anyway`);
    expect(fs.readFileSync(file, "utf8")).toBe(at("m2"));
  });

  test("--force writes it and says past what", async () => {
    const { dir, file } = project(at("m2"));
    const { code, stderr } = await promote(dir, "--to", "m4", "--force", "--policy-config", tightLimit());
    expect(code).toBe(0);
    expectLastLine(stderr, `promote: ${file}: m2 → m4, written (--force: mandatory guardrail cost-increase-limit failed)`);
    expect(fs.readFileSync(file, "utf8")).toBe(at("m4"));
  });
});

describe("refusals: exit 2, one line saying the file was not written, the file untouched", () => {
  const refusals: [string, () => { dir: string; file: string; args?: string[]; check?: string }, string | RegExp][] = [
    ["overrides that are invalid at the target", () => project(OUR_PROD.replace("cutlist:protectData: true", "cutlist:protectData: true\n  cutlist:overrides:\n    app: { loadBalancer: false }")),
      /^promote: .*Pulumi\.prod\.yaml: m1 → m2, not written: invalid stack configuration: cutlist:overrides\.app\.loadBalancer: app\.maxInstances 2 needs app\.loadBalancer true/],
    ["both milestone and cutlist:milestone", () => project(OUR_PROD.replace("config:\n", "config:\n  milestone: m3\n")),
      /^promote: \/.*\/Pulumi\.prod\.yaml, not written: config has both "milestone" and "cutlist:milestone", the same key for Pulumi; keep only cutlist:milestone before promoting$/],
    ["the last milestone", () => project(at("m4")), /Pulumi\.prod\.yaml, not written: stack "prod" is at m4, the last milestone; nothing to promote to$/],
    ["a bad --to", () => ({ ...project(at("m1")), args: ["--to", "m7"] }), /Pulumi\.prod\.yaml, not written: --to: "m7" is not allowed: must be one of m1, m2, m3, m4$/],
    ["a read-only stack file", () => {
      const p = project(at("m1"));
      fs.chmodSync(p.file, 0o444);
      return p;
    }, /Pulumi\.prod\.yaml: m1 → m2, not written: cannot write .*Pulumi\.prod\.yaml: the file is read-only \(mode 0444\)$/],
    ["a read-only directory", () => {
      const p = project(at("m1"));
      fs.chmodSync(p.dir, 0o555);
      return p;
    }, /Pulumi\.prod\.yaml: m1 → m2, not written: cannot write .*Pulumi\.prod\.yaml: directory .* is read-only \(mode 0555\)$/],
    ["a --stack that is a path", () => {
      // "../../../outside" would name <tmp>/outside.yaml: a file outside the project.
      const p = project(at("m1"));
      const outside = path.join(tmp, "outside.yaml");
      fs.writeFileSync(outside, at("m1"));
      return { ...p, file: outside, args: ["--stack", "../../../outside"] };
    }, 'promote: not written: --stack: "../../../outside" is not allowed: a stack name is letters, digits, "_", "." and "-" (not "." or ".."), as in Pulumi.<stack>.yaml'],
  ];

  test.each(refusals)("%s", async (_name, setup, message) => {
    const { dir, file, args = [] } = setup();
    const before = fs.readFileSync(file, "utf8");
    const mode = fs.statSync(file).mode;
    const { code, stdout, stderr } = await inProcess(main, ["--stack", "prod", "--program", dir, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectLastLine(stderr, message);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(fs.statSync(file).mode).toBe(mode);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

test("as a real process from another directory: relative --program from there, exit 0, written", async () => {
  const { code, stdout, stderr } = await spawned.run;
  expect(code).toBe(0);
  expect(stdout).toMatch(/cutlist\/prod: m1 → m2/);
  expectLastLine(stderr, new RegExp(`^promote: project-\\w+/Pulumi\\.prod\\.yaml: m1 → m2, written$`));
  expect(fs.readFileSync(spawned.file, "utf8")).toBe(at("m2"));
  // The process takes ~7 s of CPU (Node, ts-node, the plan); 120 s holds on a machine loaded
  // far past its two cores.
}, 120_000);
