/**
 * The plan CLI as a user runs it: its `main(argv)` in this process, stdout and stderr
 * captured, from the repository root (./cli-harness.ts), and once as a real process through
 * the launcher, as `npm run plan` starts it. The in-process runs go one after another in
 * `beforeAll` and share the process's recordings (plan/plan.ts records each stack × milestone
 * once); the assertions share the results.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stripVTControlCharacters } from "util";
import { main } from "../../plan/cli";
import { inProcess, runNode, type Run } from "./cli-harness";

const SAMPLE = "test/fixtures/sample-program";
const BAD_CONFIG = "test/fixtures/bad-config";

/** `main(argv)` of plan/cli.ts in this process, with stdout and stderr captured (COLUMNS=100, as a pipe gets). */
function plan(...args: string[]): Promise<Run> {
  return inProcess(main, args);
}

/** The same with COLUMNS set, as a terminal of that width would run it. */
function planAt(columns: number, ...args: string[]): Promise<Run> {
  return inProcess(main, args, undefined, String(columns));
}

/** Wrapped lines joined again (continuations are indented), to read messages whole. */
const unwrapped = (text: string) => text.replace(/\n {2,}/g, " ");

/** Columns a line takes on screen: ANSI-free, one per code point (the output has no wide characters). */
const columnsOf = (line: string) => [...stripVTControlCharacters(line)].length;

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

// What `npm run plan` runs: the launcher (dist/ when built and fresh, else ts-node), in a
// child process. It starts first and runs while the in-process cases do (two cores).
const launched = runNode(["scripts/launch.js", "plan/cli", "--stack", "dev", "--milestone", "m3"]);
// The process takes ~7 s of CPU (Node, ts-node, the plan); 120 s holds on a machine loaded
// far past its two cores.
const LAUNCHED_TIMEOUT_MS = 120_000;

/**
 * Each in-process run starts when a test first asks for it; tests that read the same run share
 * it. Tests run one after another, so the runs do too (the captured streams and the Pulumi
 * mock runtime are process-global), each within its test's timeout.
 */
function once(...args: string[]): () => Promise<Run> {
  let run: Promise<Run> | undefined;
  return () => (run ??= plan(...args));
}

/** As `once`, at a terminal width. */
function onceAt(columns: number, ...args: string[]): () => Promise<Run> {
  let run: Promise<Run> | undefined;
  return () => (run ??= planAt(columns, ...args));
}

const runs = {
  all: onceAt(120),
  json: once("--stack", "prod", "--format", "json"),
  markdown: once("--stack", "dev", "--format", "markdown", "--out", outFile),
  sample: once("--program", SAMPLE, "--stack", "dev"),
  sampleJson: once("--program", SAMPLE, "--stack", "dev", "--format", "json"),
  badJson: once("--program", BAD, "--stack", "dev", "--format", "json"),
  badMarkdown: once("--program", BAD, "--stack", "dev", "--format", "markdown"),
  relaxed: onceAt(80, "--program", BAD, "--stack", "dev", "--policy-config", ALL_ADVISORY),
  demote: onceAt(60, "--stack", "prod", "--base-milestone", "m4", "--milestone", "m3"),
  demoteAllowed: once("--stack", "prod", "--base-milestone", "m4", "--milestone", "m3", "--allow-data-loss"),
};

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("no arguments: every stack, current vs next milestone", () => {
  test("exits 0 and tables both stacks with totals and the seed band", async () => {
    const { code, stdout, stderr } = await runs.all();
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^cutlist\/dev: m\d → m\d/m);
    expect(stdout).toMatch(/^cutlist\/prod: m\d → m\d/m);
    expect(stdout.match(/^Total monthly: expected \$\d+\.\d\d → \$\d+\.\d\d \([+-]?\$\d+\.\d\d\)(; |\n {2})worst case .*(; |\n {2})seed band m\d \$\d+-\d+: (below|within|over)$/gm)).toHaveLength(2);
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
  test("has the schema's fields", async () => {
    const json = await runs.json();
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
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

  test("carries every amount as a decimal string (or null for unknown usage)", async () => {
    const fields = decimalFields(JSON.parse((await runs.json()).stdout));
    expect(fields.length).toBeGreaterThan(50);
    const bad = fields.filter((f) => !(f.value === null || (typeof f.value === "string" && /^-?\d+(\.\d+)?$/.test(f.value))));
    expect(bad).toEqual([]);
  });

  test("a usage-based cost nobody gave usage for is null, not zero", async () => {
    const doc = JSON.parse((await runs.sampleJson()).stdout);
    const queue = doc.projects[0].breakdown.resources.find((r: { resourceType: string }) => r.resourceType === "aws:sqs/queue:Queue");
    expect(queue.costComponents.some((c: { monthlyCost: unknown; monthlyQuantity: unknown }) => c.monthlyCost === null && c.monthlyQuantity === null)).toBe(true);
    expect(doc.summary.unsupportedResourceCounts).toEqual({ "aws:appsync/graphQLApi:GraphQLApi": 1 });
  });
});

describe("--format markdown --out <file>", () => {
  test("writes the PR comment to the file and says so on stderr", async () => {
    const markdown = await runs.markdown();
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toBe("");
    expect(markdown.stderr).toBe(`plan: wrote ${outFile}\n`);
  });

  test("the comment has a summary line, changes and cost by component, and a mermaid chart", async () => {
    await runs.markdown();
    const md = fs.readFileSync(outFile, "utf8");
    expect(md).toMatch(/^### cutlist\/dev: m\d → m\d$/m);
    expect(md).toMatch(/^\*\*[+-]?\$\d+\.\d\d\/month\*\* \(\$\d+\.\d\d → \$\d+\.\d\d; worst case .*\) · \d+ to create, \d+ to update( \(\d+ only retagged\))?, \d+ to replace, \d+ to delete · seed band/m);
    expect(md).toContain("| Component | Change | Resource | Type | Inputs changed | Monthly Δ |");
    expect(md).toContain("| Component | Before | After | Δ | Worst case after |");
    expect(md).toMatch(/```mermaid\nxychart-beta\n[\s\S]*x-axis \[m1, m2, m3, m4\][\s\S]*bar \[[\d.]+, [\d.]+, [\d.]+, [\d.]+\]\n {4}line \[30\.00, 60\.00, 120\.00, 250\.00\]\n```/);
  });
});

describe("--program: a program that is not ours in shape", () => {
  test("exits 1 on its mandatory guardrail failures and lists the AppSync API as not priced", async () => {
    const { code, stdout, stderr } = await runs.sample();
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(unwrapped(stdout)).toMatch(/^Guardrails \(\d+ policies\): \d+ passed, \d+ warned( \(\d+ advisory violations?\))?, [1-9]\d* failed \(\d+ mandatory violations?\), \d+ disabled$/m);
    expect(unwrapped(stdout)).toMatch(/^FAIL ec2-imdsv2-required \[web\]: Set metadataOptions\.httpTokens to "required"/m);
    expect(unwrapped(stdout)).toMatch(/^warn cost-resources-priced \[orders\]: Price aws:appsync\/graphQLApi:GraphQLApi \(orders\)/m);
    expect(stdout).toMatch(/^sample\/dev: as configured/m);
    expect(stdout).toMatch(/aws:ec2:Instance\s+│ web\s+│\s+\$\d+\.\d\d/);
    expect(stdout).toMatch(/aws:appsync:GraphQLApi\s+│ orders\s+│\s+not priced/);
    expect(stdout).toContain("Not priced (1): orders (aws:appsync/graphQLApi:GraphQLApi)");
  });
});

describe("usage and config errors exit 2 with one clear message", () => {
  test.each(USAGE_ERRORS)("%s", async (_name, args, message) => {
    const { code, stdout, stderr } = await plan(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("guardrails in every format", () => {
  test("json: every verdict with policy, level, resource and message; exit 1 on a mandatory failure", async () => {
    const { code, stdout } = await runs.badJson();
    expect(code).toBe(1);
    const verdicts = JSON.parse(stdout).projects[0].metadata.verdicts as { policy: string; enforcementLevel: string; mandatory: boolean; passed: boolean; message: string; resourceName?: string }[];
    expect(verdicts.find((v) => v.policy === "security-group-ingress" && !v.passed)).toMatchObject({ enforcementLevel: "mandatory", mandatory: true, resourceName: "ssh", message: expect.stringMatching(/port 22 from 0\.0\.0\.0\/0/) });
    expect(verdicts.filter((v) => v.passed).length).toBeGreaterThan(0);
  });

  test("markdown: a summary, each failure with its level, every policy folded away", async () => {
    const { code, stdout } = await runs.badMarkdown();
    expect(code).toBe(1);
    expect(stdout).toMatch(/^#### Guardrails\n\n❌ Guardrails \(\d+ policies\): \d+ passed, \d+ warned( \(\d+ advisory violations?\))?, [1-9]\d* failed \(\d+ mandatory violations?\), \d+ disabled$/m);
    expect(stdout).toMatch(/^- ❌ mandatory \*\*sqs-encrypted\*\* \(`jobs`\): Set sqsManagedSseEnabled to true/m);
    expect(stdout).toMatch(/<details><summary>Every policy<\/summary>[\s\S]*\| sqs-encrypted \| mandatory \| ❌/);
  });

  test("--policy-config { all: advisory } turns every failure into a warning: exit 0", async () => {
    const { code, stdout } = await runs.relaxed();
    expect(code).toBe(0);
    expect(unwrapped(stdout)).toMatch(/^Guardrails \(\d+ policies\): \d+ passed, [1-9]\d* warned \(\d+ advisory violations\), 0 failed, \d+ disabled$/m);
    expect(stdout).toMatch(/^warn ec2-imdsv2-required \[web\]/m);
  });

  test("a demotion that deletes stateful resources fails; --allow-data-loss lets it through as warnings", async () => {
    const demote = await runs.demote();
    expect(demote.code).toBe(1);
    expect(unwrapped(demote.stdout)).toMatch(/^FAIL stateful-change-needs-allow-data-loss \[storage-files\]: Keep Bucket storage-files, or pass --allow-data-loss/m);
    const demoteAllowed = await runs.demoteAllowed();
    expect(demoteAllowed.code).toBe(0);
    expect(unwrapped(demoteAllowed.stdout)).toMatch(/^warn stateful-change-needs-allow-data-loss \[storage-files\]: Accepting data loss/m);
  });

  test("our stacks pass every mandatory guardrail under policies/guardrails.json (the default)", async () => {
    const all = await runs.all();
    expect(unwrapped(all.stdout).match(/^Guardrails \(\d+ policies\): \d+ passed, \d+ warned( \(\d+ advisory violations?\))?, 0 failed, \d+ disabled$/gm)).toHaveLength(2);
    // Every verdict shows: the passes as one (wrapped) line per stack.
    expect(unwrapped(all.stdout).match(/^pass: cost-monthly-budget, .*required-tags.*$/gm)).toHaveLength(2);
  });
});

describe("the table fits the terminal", () => {
  test("no line is wider than COLUMNS (120, 80, 60), or 100 columns when stdout is a pipe and COLUMNS is unset", async () => {
    const cases: [string, Run, number][] = [["all stacks", await runs.all(), 120], ["bad program", await runs.relaxed(), 80], ["demotion", await runs.demote(), 60], ["sample", await runs.sample(), 100]];
    for (const [name, run, width] of cases) {
      expect(run.stdout.length).toBeGreaterThan(0);
      const wide = run.stdout.split("\n").filter((l) => columnsOf(l) > width);
      expect({ name, wide }).toEqual({ name, wide: [] });
    }
    // The widths are used, not just respected: something reaches the edge.
    expect((await runs.all()).stdout.split("\n").some((l) => columnsOf(l) === 120)).toBe(true);
  });

  test("guardrail summaries count policies, which add up to the total, and violations apart", async () => {
    for (const run of [await runs.all(), await runs.relaxed(), await runs.demote(), await runs.sample(), await runs.demoteAllowed()]) {
      const text = unwrapped(run.stdout);
      for (const block of text.split(/\n\n(?=\S+\/\S+: )/)) {
        const m = /^Guardrails \((\d+) policies\): (\d+) passed, (\d+) warned(?: \((\d+) advisory violations?\))?, (\d+) failed(?: \((\d+) mandatory violations?\))?, (\d+) disabled$/m.exec(block);
        expect(m).not.toBeNull();
        const [total, passed, warned, advisory, failed, mandatory, disabled] = [m![1], m![2], m![3], m![4] ?? "0", m![5], m![6] ?? "0", m![7]].map(Number);
        expect(passed + warned + failed + disabled).toBe(total);
        const fails = block.match(/^FAIL \S+/gm) ?? [];
        const warns = block.match(/^warn \S+/gm) ?? [];
        expect([fails.length, warns.length]).toEqual([mandatory, advisory]);
        expect([new Set(fails).size, new Set(warns).size]).toEqual([failed, warned]);
      }
    }
  });

  test("a COLUMNS that is no number is a usage error naming it, before any work", async () => {
    const { code, stdout, stderr } = await inProcess(main, ["--stack", "dev"], undefined, "eighty");
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe('plan: COLUMNS: "eighty" is not allowed: must be a whole number of terminal columns (e.g. 80), or unset\n');
  });
});

// Last in the file: the process has been running since the file loaded.
describe("through the launcher, as npm run plan starts it", () => {
  test("runs the CLI as its main module: the dev plan m1 → m3 is printed", async () => {
    const { code, stdout } = await launched;
    expect([0, 1]).toContain(code); // 1 only when a mandatory guardrail fails
    expect(stdout).toMatch(/cutlist\/dev: m1 → m3/);
    expect(stdout).toMatch(/Total monthly: expected \$/);
    // stdout is a pipe and COLUMNS unset: 100 columns.
    expect(stdout.split("\n").filter((l) => columnsOf(l) > 100)).toEqual([]);
  }, LAUNCHED_TIMEOUT_MS);
});
