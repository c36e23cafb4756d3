/**
 * The plan CLI run as a user runs it: `node -r ts-node/register/transpile-only plan/cli.ts …`
 * from the repository root, in a child process (the jest process's Node, already ≥ 22).
 * Every run starts once in `beforeAll`, in parallel; assertions share the results.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../plan/cli";
import { inProcess as inProcessMain, runEntry, runNode as run, type Run } from "./cli-harness";

const SAMPLE = "test/fixtures/sample-program";
const BAD_CONFIG = "test/fixtures/bad-config";

function plan(...args: string[]): Promise<Run> {
  return runEntry("plan/cli.ts", args);
}

/** `main(argv)` of plan/cli.ts in this process, with stdout and stderr captured. */
function inProcess(args: string[]): Promise<Run> {
  return inProcessMain(main, args);
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
const outFile = path.join(outDir, "comment.md");
const BAD = "test/fixtures/bad-program";
const ALL_ADVISORY = path.join(outDir, "all-advisory.json");
fs.writeFileSync(ALL_ADVISORY, JSON.stringify({ all: "advisory" }));
const BAD_POLICY_CONFIG = path.join(outDir, "bad-policy-config.json");
fs.writeFileSync(BAD_POLICY_CONFIG, JSON.stringify({ "cost-monthly-budgt": "advisory" }));

const USAGE_ERRORS: [string, string[], RegExp][] = [
  ["a bad --format", ["--format", "xml"], /--format: "xml" is not allowed: must be one of table, markdown, json/],
  ["a bad --milestone", ["--milestone", "m9"], /--milestone: "m9" is not allowed: must be one of m1, m2, m3, m4/],
  ["a bad --base-milestone", ["--base-milestone", "M1"], /--base-milestone: "M1" is not allowed: must be one of m1, m2, m3, m4/],
  ["an unknown stack", ["--stack", "staging"], /stack "staging": no Pulumi\.staging\.yaml .*\(stacks here: dev, prod\)/],
  ["an unknown option", ["--colour"], /unknown option '--colour'/],
  ["a --program that is no Pulumi project", ["--program", "test/fixtures"], /no Pulumi\.yaml here; --program must name a Pulumi project directory/],
  ["a guardrail config with an unknown policy", ["--stack", "dev", "--policy-config", BAD_POLICY_CONFIG], /"cost-monthly-budgt": unknown policy; did you mean "cost-monthly-budget"\?/],
  ["a missing guardrail config", ["--stack", "dev", "--policy-config", "no/such/file.json"], /no\/such\/file\.json/],
  ["a config error", ["--program", BAD_CONFIG, "--stack", "dev"], /invalid stack configuration: cutlist:milestone: "m9" is not allowed: must be one of m1, m2, m3, m4/],
];

let runs: {
  all: Run;
  json: Run;
  markdown: Run;
  sample: Run;
  sampleJson: Run;
  launched: Run;
  badJson: Run;
  badMarkdown: Run;
  relaxed: Run;
  demote: Run;
  demoteAllowed: Run;
  spawnedError: Run;
  errors: Run[];
};

beforeAll(async () => {
  const [all, json, markdown, sample, sampleJson, launched, badJson, badMarkdown, relaxed, demote, demoteAllowed, spawnedError] = await Promise.all([
    plan(),
    plan("--stack", "prod", "--format", "json"),
    plan("--stack", "dev", "--format", "markdown", "--out", outFile),
    plan("--program", SAMPLE, "--stack", "dev"),
    plan("--program", SAMPLE, "--stack", "dev", "--format", "json"),
    // What `npm run plan` runs: the launcher (dist/ when built and fresh, else ts-node).
    run(["scripts/launch.js", "plan/cli", "--stack", "dev", "--milestone", "m3"]),
    plan("--program", BAD, "--stack", "dev", "--format", "json"),
    plan("--program", BAD, "--stack", "dev", "--format", "markdown"),
    plan("--program", BAD, "--stack", "dev", "--policy-config", ALL_ADVISORY),
    plan("--stack", "prod", "--base-milestone", "m4", "--milestone", "m3"),
    plan("--stack", "prod", "--base-milestone", "m4", "--milestone", "m3", "--allow-data-loss"),
    plan(...USAGE_ERRORS[USAGE_ERRORS.length - 1][1]),
  ]);
  // The same main() in this process, one after another (most fail before recording anything):
  // a child process each cost ~2 s of CPU; the last case also runs as a real process above.
  const errors: Run[] = [];
  for (const [, args] of USAGE_ERRORS) errors.push(await inProcess(args));
  runs = { all, json, markdown, sample, sampleJson, launched, badJson, badMarkdown, relaxed, demote, demoteAllowed, spawnedError, errors };
}, 60_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("no arguments: every stack, current vs next milestone", () => {
  test("exits 0 and tables both stacks with totals and the seed band", () => {
    const { code, stdout, stderr } = runs.all;
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^cutlist\/dev: m\d → m\d/m);
    expect(stdout).toMatch(/^cutlist\/prod: m\d → m\d/m);
    expect(stdout.match(/^Total monthly: expected \$\d+\.\d\d → \$\d+\.\d\d \([+-]?\$\d+\.\d\d\); worst case .*; seed band m\d \$\d+-\d+: (below|within|over)$/gm)).toHaveLength(2);
    expect(stdout).not.toMatch(/\u001b\[/); // no colours when not a TTY
  });
});

/** Keys whose values are money or quantities: decimal strings, or null when usage is unknown. */
const DECIMAL_KEYS = new Set([
  "monthlyCost", "hourlyCost", "price", "monthlyQuantity", "hourlyQuantity", "worstCaseMonthlyCost",
  "totalMonthlyCost", "totalHourlyCost", "totalWorstCaseMonthlyCost", "pastTotalMonthlyCost", "pastTotalHourlyCost",
  "diffTotalMonthlyCost", "diffTotalHourlyCost",
]);

function decimalFields(node: unknown, at = "$", out: { path: string; value: unknown }[] = []): { path: string; value: unknown }[] {
  if (Array.isArray(node)) node.forEach((v, i) => decimalFields(v, `${at}[${i}]`, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (DECIMAL_KEYS.has(k)) out.push({ path: `${at}.${k}`, value: v });
      else decimalFields(v, `${at}.${k}`, out);
    }
  }
  return out;
}

describe("--format json (Infracost schema 0.2)", () => {
  test("has the schema's fields", () => {
    expect(runs.json.code).toBe(0);
    const doc = JSON.parse(runs.json.stdout);
    expect(doc).toMatchObject({ version: "0.2", currency: "USD" });
    for (const key of ["totalMonthlyCost", "totalHourlyCost", "pastTotalMonthlyCost", "diffTotalMonthlyCost"]) expect(typeof doc[key]).toBe("string");
    expect(new Date(doc.timeGenerated).toISOString()).toBe(doc.timeGenerated);
    expect(doc.summary).toEqual(expect.objectContaining({ totalDetectedResources: expect.any(Number), totalSupportedResources: expect.any(Number), unsupportedResourceCounts: expect.any(Object) }));
    expect(doc.projects).toHaveLength(1);
    const [p] = doc.projects;
    expect(p.name).toBe("cutlist/prod");
    expect(p.metadata).toEqual(expect.objectContaining({ stack: "prod", milestone: expect.stringMatching(/^m\d$/) }));
    for (const b of [p.pastBreakdown, p.breakdown, p.diff]) {
      expect(b).toEqual(expect.objectContaining({ resources: expect.any(Array), totalMonthlyCost: expect.any(String), totalHourlyCost: expect.any(String) }));
    }
    const resource = p.breakdown.resources[0];
    expect(Object.keys(resource)).toEqual(expect.arrayContaining(["name", "resourceType", "monthlyCost", "hourlyCost", "costComponents"]));
    expect(Object.keys(resource.costComponents[0])).toEqual(expect.arrayContaining(["name", "unit", "hourlyQuantity", "monthlyQuantity", "price", "hourlyCost", "monthlyCost"]));
    // Totals add up: past + diff = now.
    expect(Number(doc.pastTotalMonthlyCost) + Number(doc.diffTotalMonthlyCost)).toBeCloseTo(Number(doc.totalMonthlyCost), 9);
  });

  test("carries every amount as a decimal string (or null for unknown usage)", () => {
    const fields = decimalFields(JSON.parse(runs.json.stdout));
    expect(fields.length).toBeGreaterThan(50);
    const bad = fields.filter((f) => !(f.value === null || (typeof f.value === "string" && /^-?\d+(\.\d+)?$/.test(f.value))));
    expect(bad).toEqual([]);
  });

  test("a usage-based cost nobody gave usage for is null, not zero", () => {
    const doc = JSON.parse(runs.sampleJson.stdout);
    const queue = doc.projects[0].breakdown.resources.find((r: { resourceType: string }) => r.resourceType === "aws:sqs/queue:Queue");
    expect(queue.costComponents.some((c: { monthlyCost: unknown; monthlyQuantity: unknown }) => c.monthlyCost === null && c.monthlyQuantity === null)).toBe(true);
    expect(doc.summary.unsupportedResourceCounts).toEqual({ "aws:appsync/graphQLApi:GraphQLApi": 1 });
  });
});

describe("--format markdown --out <file>", () => {
  test("writes the PR comment to the file and says so on stderr", () => {
    expect(runs.markdown.code).toBe(0);
    expect(runs.markdown.stdout).toBe("");
    expect(runs.markdown.stderr).toBe(`plan: wrote ${outFile}\n`);
  });

  test("the comment has a summary line, changes and cost by component, and a mermaid chart", () => {
    const md = fs.readFileSync(outFile, "utf8");
    expect(md).toMatch(/^### cutlist\/dev: m\d → m\d$/m);
    expect(md).toMatch(/^\*\*[+-]?\$\d+\.\d\d\/month\*\* \(\$\d+\.\d\d → \$\d+\.\d\d; worst case .*\) · \d+ to create, \d+ to update( \(\d+ only retagged\))?, \d+ to replace, \d+ to delete · seed band/m);
    expect(md).toContain("| Component | Change | Resource | Type | Inputs changed | Monthly Δ |");
    expect(md).toContain("| Component | Before | After | Δ | Worst case after |");
    expect(md).toMatch(/```mermaid\nxychart-beta\n[\s\S]*x-axis \[m1, m2, m3, m4\][\s\S]*bar \[[\d.]+, [\d.]+, [\d.]+, [\d.]+\]\n {4}line \[30\.00, 60\.00, 120\.00, 250\.00\]\n```/);
  });
});

describe("--program: a program that is not ours in shape", () => {
  test("exits 1 on its mandatory guardrail failures and lists the AppSync API as not priced", () => {
    const { code, stdout, stderr } = runs.sample;
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(stdout).toMatch(/^Guardrails: \d+ passed, \d+ advisory warnings?, \d+ mandatory failures?/m);
    expect(stdout).toMatch(/^FAIL ec2-imdsv2-required \[web\]: Set metadataOptions\.httpTokens to "required"/m);
    expect(stdout).toMatch(/^warn cost-resources-priced \[orders\]: Price aws:appsync\/graphQLApi:GraphQLApi \(orders\)/m);
    expect(stdout).toMatch(/^sample\/dev: as configured/m);
    expect(stdout).toMatch(/aws:ec2:Instance\s+│ web\s+│\s+\$\d+\.\d\d/);
    expect(stdout).toMatch(/aws:appsync:GraphQLApi\s+│ orders\s+│\s+not priced/);
    expect(stdout).toContain("Not priced (1): orders (aws:appsync/graphQLApi:GraphQLApi)");
  });
});

describe("usage and config errors exit 2 with one clear message", () => {
  test.each([
    ...USAGE_ERRORS.map(([name, , message], i) => [name, message, () => runs.errors[i]] as const),
    ["a config error, in a real process", USAGE_ERRORS[USAGE_ERRORS.length - 1][2], () => runs.spawnedError] as const,
  ])("%s", (_name, message, result) => {
    const { code, stdout, stderr } = result();
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("through the launcher, as npm run plan starts it", () => {
  test("runs the CLI as its main module: the dev plan m1 → m3 is printed", () => {
    const { code, stdout } = runs.launched;
    expect([0, 1]).toContain(code); // 1 only when a mandatory guardrail fails
    expect(stdout).toMatch(/cutlist\/dev: m1 → m3/);
    expect(stdout).toMatch(/Total monthly: expected \$/);
  });
});

describe("guardrails in every format", () => {
  test("json: every verdict with policy, level, resource and message; exit 1 on a mandatory failure", () => {
    const { code, stdout } = runs.badJson;
    expect(code).toBe(1);
    const verdicts = JSON.parse(stdout).projects[0].metadata.verdicts as { policy: string; enforcementLevel: string; mandatory: boolean; passed: boolean; message: string; resourceName?: string }[];
    expect(verdicts.find((v) => v.policy === "security-group-ingress" && !v.passed)).toMatchObject({ enforcementLevel: "mandatory", mandatory: true, resourceName: "ssh", message: expect.stringMatching(/port 22 from 0\.0\.0\.0\/0/) });
    expect(verdicts.filter((v) => v.passed).length).toBeGreaterThan(0);
  });

  test("markdown: a summary, each failure with its level, every policy folded away", () => {
    const { code, stdout } = runs.badMarkdown;
    expect(code).toBe(1);
    expect(stdout).toMatch(/^#### Guardrails\n\n❌ Guardrails: \d+ passed, \d+ advisory warnings?, \d+ mandatory failures/m);
    expect(stdout).toMatch(/^- ❌ mandatory \*\*sqs-encrypted\*\* \(`jobs`\): Set sqsManagedSseEnabled to true/m);
    expect(stdout).toMatch(/<details><summary>Every policy<\/summary>[\s\S]*\| required-tags \| mandatory \| ❌/);
  });

  test("--policy-config { all: advisory } turns every failure into a warning: exit 0", () => {
    const { code, stdout } = runs.relaxed;
    expect(code).toBe(0);
    expect(stdout).toMatch(/Guardrails: \d+ passed, \d+ advisory warnings, 0 mandatory failures/);
    expect(stdout).toMatch(/^warn ec2-imdsv2-required \[web\]/m);
  });

  test("a demotion that deletes stateful resources fails; --allow-data-loss lets it through as warnings", () => {
    expect(runs.demote.code).toBe(1);
    expect(runs.demote.stdout).toMatch(/^FAIL stateful-change-needs-allow-data-loss \[storage-files\]: Keep Bucket storage-files, or pass --allow-data-loss/m);
    expect(runs.demoteAllowed.code).toBe(0);
    expect(runs.demoteAllowed.stdout).toMatch(/^warn stateful-change-needs-allow-data-loss \[storage-files\]: Accepting data loss/m);
  });

  test("our stacks pass every mandatory guardrail under policies/guardrails.json (the default)", () => {
    expect(runs.all.stdout.match(/^Guardrails: \d+ passed, \d+ advisory warnings?, 0 mandatory failures$/gm)).toHaveLength(2);
    // Every verdict shows: the passes as one line per stack.
    expect(runs.all.stdout.match(/^pass: cost-monthly-budget, .*required-tags.*$/gm)).toHaveLength(2);
  });
});
