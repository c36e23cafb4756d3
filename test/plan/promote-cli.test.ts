/**
 * `npm run promote` as a user runs it, in a child process, against a copy of our prod stack
 * file in a temporary project directory (whose Pulumi.yaml points at our program), so the
 * repository's own stack files are never touched.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, runEntry, type Run } from "./cli-harness";

function promote(...args: string[]): Promise<Run> {
  return runEntry("plan/promote-cli.ts", args);
}

/** A project directory running our program with a copy of Pulumi.prod.yaml set to `milestone`. */
function project(milestone: string): { dir: string; file: string; original: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "promote-cli-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: cutlist\nruntime: nodejs\nmain: ${path.join(ROOT, "stacks", "index.ts")}\n`);
  const original = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8").replace(/cutlist:milestone: m\d/, `cutlist:milestone: ${milestone}`);
  const file = path.join(dir, "Pulumi.prod.yaml");
  fs.writeFileSync(file, original);
  return { dir, file, original };
}

const dirs: string[] = [];
let runs: Record<"promote" | "dryRun" | "last" | "badTo" | "backwards", Run & { file: string; original: string }>;

beforeAll(async () => {
  const cases = {
    promote: [project("m1"), []],
    dryRun: [project("m2"), ["--dry-run"]],
    last: [project("m4"), []],
    badTo: [project("m1"), ["--to", "m7"]],
    backwards: [project("m3"), ["--to", "m2"]],
  } as const;
  const entries = await Promise.all(Object.entries(cases).map(async ([name, [p, extra]]) => {
    dirs.push(p.dir);
    const run = await promote("--stack", "prod", "--program", p.dir, ...extra);
    return [name, { ...run, file: p.file, original: p.original }] as const;
  }));
  runs = Object.fromEntries(entries) as typeof runs;
}, 60_000);

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("promote --stack prod", () => {
  test("moves m1 to m2 changing only the milestone value, comments and alignment kept", () => {
    const { stderr, file, original } = runs.promote;
    expect(stderr).toMatch(/Pulumi\.prod\.yaml: m1 → m2/);
    const after = fs.readFileSync(file, "utf8");
    expect(after).toBe(original.replace("cutlist:milestone: m1 ", "cutlist:milestone: m2 "));
    expect(after).toMatch(/cutlist:milestone: m2 {10}# m1 \| m2 \| m3 \| m4/);
  });

  test("prints the plan of that change: m1 → m2 with the ALB and the cache created", () => {
    const { stdout } = runs.promote;
    expect(stdout).toMatch(/cutlist\/prod: m1 → m2/);
    expect(stdout).toMatch(/\+ create\s+│ aws:lb:LoadBalancer\s+│ app /);
    expect(stdout).toMatch(/\+ create\s+│ aws:elasticache:ReplicationGroup\s+│ cache /);
    expect(stdout).toMatch(/Total monthly: expected \$[\d.]+ → \$[\d.]+ \(\+\$[\d.]+\)/);
  });

  test("--dry-run prints the plan and leaves the file byte for byte", () => {
    const { code, stdout, stderr, file, original } = runs.dryRun;
    expect([0, 1]).toContain(code); // 1 only when a mandatory guardrail holds the change
    expect(stderr).toMatch(/m2 → m3 \(dry run, file unchanged\)/);
    expect(stdout).toMatch(/cutlist\/prod: m2 → m3/);
    expect(fs.readFileSync(file, "utf8")).toBe(original);
  });

  test.each([
    ["at the last milestone", "last", /stack "prod" is at m4, the last milestone; nothing to promote to/],
    ["a bad --to", "badTo", /--to: "m7" is not allowed: must be one of m1, m2, m3, m4/],
  ] as const)("%s exits 2 with one clear message and no change", (_name, key, message) => {
    const { code, stdout, stderr, file, original } = runs[key];
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(file, "utf8")).toBe(original);
  });

  test("--to an earlier milestone rolls back (the way to undo a promotion)", () => {
    const { stderr, stdout, file } = runs.backwards;
    expect(stderr).toMatch(/m3 → m2/);
    expect(fs.readFileSync(file, "utf8")).toMatch(/cutlist:milestone: m2 /);
    expect(stdout).toMatch(/- delete\s+│ aws:cloudfront:CachePolicy\s+│ cdn-api /); // m2 caches no API responses
  });
});
