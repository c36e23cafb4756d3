/**
 * The PR comment for a real promotion, m1 → m2 of prod, as the workflow posts it: the plan
 * of the real program (Pulumi mocks), rendered by the markdown renderer, composed by
 * plan.yml's own plan step (run under bash with an npm that serves this rendering) and
 * posted by its own github-script step against a fake GitHub. Expected numbers come from the
 * plan object and the cited price files, so the test holds while catalog costs move, but the
 * structure (summary, grouped changes, cost table, chart with bands, marker) is pinned.
 */
import * as fs from "fs";
import * as path from "path";
import { mul, sub, sum, usd } from "../../model/money";
import { bandStatus, planStack, type StackPlan } from "../../plan/plan";
import { renderJson } from "../../plan/render/json";
import { renderMarkdown } from "../../plan/render/markdown";
import { MILESTONE_IDS, MILESTONES } from "../../stacks/milestones";
import {
  FakeGitHub, PROJECT_FILE, ROOT, fakeNpm, findStep, gitRepo, loadWorkflow, readCalls, runGithubScript, runStep,
  scratch, stackFile, workflowEnv,
} from "./workflow-harness";

const workflow = loadWorkflow("plan.yml");
const MARKER = workflowEnv(workflow, "PLAN_MARKER");
const ALB = "aws:lb/loadBalancer:LoadBalancer";

let plan: StackPlan;
let markdown: string;
let body: string;
let github: FakeGitHub;
let repo: string;

/** "+$1.20" / "-$3.00" / "$0.00", written here rather than imported from the renderer. */
function signed(n: number): string {
  const s = usd(n);
  if (s === "$0.00" || s === "-$0.00") return "$0.00";
  return n > 0 ? `+${s}` : s;
}

/** Lines of the section under `#### title` (up to the next `####` heading). */
function section(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf(`#### ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith("#### "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The cells of a markdown table row. */
function cells(row: string): string[] {
  return row.replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/).map((c) => c.trim());
}

function tableRows(lines: string[]): string[][] {
  const rows = lines.filter((l) => l.startsWith("|"));
  expect(rows[1]).toMatch(/^\|(-+:?\|)+$/); // header, separator, rows
  return rows.slice(2).map(cells);
}

const isAccountLine = (r: StackPlan["resources"][number]) => Boolean(r.after?.synthetic || r.before?.synthetic);
const componentOf = (r: StackPlan["resources"][number]) => r.component ?? (isAccountLine(r) ? "account-wide (not declared resources)" : "(top level)");
/** A tag-only update that changes no cost: counted, not listed. */
const freeRetag = (r: StackPlan["resources"][number]) => Boolean(r.change?.tagsOnly) && r.monthlyDelta === 0 && r.worstCaseDelta === 0;

beforeAll(async () => {
  plan = await planStack({ stack: "prod", baseMilestone: "m1", milestone: "m2", milestoneCosts: true });
  markdown = renderMarkdown([plan]);

  // The workflow run of a PR that moves Pulumi.prod.yaml from m1 to m2.
  repo = scratch("pr-comment");
  const [base] = gitRepo(repo, [
    { "Pulumi.yaml": PROJECT_FILE, "Pulumi.prod.yaml": stackFile("m1") },
    { "Pulumi.prod.yaml": stackFile("m2") },
  ]);
  const bin = path.join(repo, ".bin");
  fakeNpm(bin, path.join(repo, "calls.jsonl"), { outputs: { "prod.markdown": markdown, "prod.json": renderJson([plan]) } });
  const step = findStep(workflow, "plan", (s) => s.id === "plan");
  const run = runStep(step.run!, { cwd: repo, bin, env: { BASE_SHA: base, PLAN_MARKER: MARKER } });
  expect(run.stderr).not.toMatch(/fake npm: unexpected/);
  expect(run.outputs.status).toBe("0");
  // What the CLI was asked for is exactly the promotion rendered above.
  expect(readCalls(path.join(repo, "calls.jsonl")).map((c) => [c.stack, c.baseMilestone, c.milestone, c.format])).toEqual([
    ["prod", "m1", "m2", "markdown"],
    ["prod", "m1", "m2", "json"],
  ]);

  github = new FakeGitHub([{ body: "Promoting prod to m2 for the 60-day target.", user: { login: "alice", type: "User" } }]);
  const script = findStep(workflow, "plan", (s) => Boolean(s.uses?.startsWith("actions/github-script@"))).with!.script as string;
  await runGithubScript(script, { github, cwd: repo, env: { PLAN_MARKER: MARKER }, prNumber: 42 });
  expect(github.calls).toEqual(["list #42", "create #42"]);
  body = github.comments[1].body;
}, 120_000);

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

test("the posted comment is the marker, one heading and the rendered plan, verbatim", () => {
  expect(markdown).not.toContain(MARKER); // the workflow adds it, once
  expect(body.split("\n").slice(0, 4)).toEqual([MARKER, "## Plan", "", "### cutlist/prod: m1 → m2"]);
  expect(body.match(/^## Plan$/gm)).toHaveLength(1);
  expect(body).toContain(markdown.replace(/^## Plan\n\n/, ""));
  // The sections, in order.
  const headings = body.split("\n").filter((l) => l.startsWith("#### "));
  expect(headings.filter((h) => h !== "#### Guardrails")).toEqual(["#### Changes", "#### Monthly cost", "#### Cost per milestone"]);
});

test("summary line: the cost change, both totals, worst cases, change counts and the m2 band", () => {
  const summary = body.split("\n")[5];
  const before = plan.baseEstimate.totalMonthlyCost;
  const after = plan.estimate.totalMonthlyCost;
  // Totals are the sum of the resources' lines on each side.
  expect(usd(sum(plan.resources.map((r) => r.monthlyAfter)))).toBe(usd(after));
  expect(usd(sum(plan.resources.map((r) => r.monthlyBefore)))).toBe(usd(before));
  expect(summary).toContain(`**${signed(sub(after, before))}/month** (${usd(before)} → ${usd(after)}; worst case ${usd(plan.baseEstimate.totalWorstCaseMonthlyCost)} → ${usd(plan.estimate.totalWorstCaseMonthlyCost)})`);
  const count = (k: string) => plan.diff.changes.filter((c) => c.kind === k).length;
  expect(count("create")).toBeGreaterThan(0);
  // Updates that only retag (every resource gets the new milestone tag) at no cost are counted
  // apart; a tag-only update whose cost moves is a listed change like any other.
  const retagged = plan.resources.filter(freeRetag).length;
  expect(retagged).toBeLessThan(count("update"));
  expect(plan.resources.some((r) => r.change?.tagsOnly && !freeRetag(r))).toBe(true);
  const updates = `${count("update")} to update${retagged ? ` (${retagged} only retagged)` : ""}`;
  expect(summary).toContain(`${count("create")} to create, ${updates}, ${count("replace")} to replace, ${count("delete")} to delete`);
  const band = MILESTONES.m2.costBand;
  const status = after < band.minUsd ? "below" : after > band.maxUsd ? "over" : "within";
  expect(summary).toContain(`seed band m2 $${band.minUsd}-${band.maxUsd}: ${status}`);
});

test("the ALB appears as a create under app, its monthly cost from the cited ALB-hour price", () => {
  const prices = JSON.parse(fs.readFileSync(path.join(ROOT, "cost", "prices", "aws-services.json"), "utf8"));
  expect(prices.alb.source).toMatch(/\S/);
  const albs = plan.resources.filter((r) => r.type === ALB);
  expect(albs).toHaveLength(1);
  const alb = albs[0];
  expect(alb.kind).toBe("create");
  expect(alb.component).toBe("app");
  expect(alb.before).toBeUndefined();
  const lines = alb.after!.costComponents;
  const hours = lines.find((c) => c.name === "Application load balancer")!;
  expect(hours).toMatchObject({ unit: "hours", monthlyQuantity: 730, price: prices.alb.hour });
  expect(hours.monthlyCost).toBe(mul(730, prices.alb.hour));
  expect(alb.monthlyAfter).toBe(sum(lines.map((c) => c.monthlyCost ?? 0)));
  expect(alb.monthlyAfter).toBeGreaterThan(hours.monthlyCost!); // + LCUs and the public IPv4s

  const row = section(body, "Changes").find((l) => l.includes("`aws:lb:LoadBalancer`"));
  expect(row).toBe(`| app | create | ${alb.name} | \`aws:lb:LoadBalancer\` |  | ${signed(alb.monthlyAfter)} |  |`);
});

test("changes are grouped by component: one block each, every change that is more than a free retag, every cost that moves", () => {
  const lines = section(body, "Changes");
  const rows = tableRows(lines);
  // Free tag-only updates are summarised in one line, never a change that costs or does more;
  // an unchanged resource is listed only when its cost moves.
  const listed = plan.resources.filter((r) => !freeRetag(r) && (r.kind !== "same" || r.monthlyDelta !== 0 || r.worstCaseDelta !== 0));
  const hidden = plan.resources.filter(freeRetag).length;
  expect(hidden).toBeGreaterThan(0); // a promotion retags every resource with its milestone
  const updates = plan.diff.changes.filter((c) => c.kind === "update").length;
  expect(lines.join("\n")).toMatch(new RegExp(`\\b${hidden} of the ${updates} updates only retag\\b`));
  expect(rows).toHaveLength(listed.length);
  // Each component's rows are contiguous.
  const order = rows.map((r) => r[0]).filter((c, i, all) => i === 0 || all[i - 1] !== c);
  expect(new Set(order).size).toBe(order.length);
  expect(new Set(order)).toEqual(new Set(listed.map(componentOf)));
  const kindText = (r: StackPlan["resources"][number]) => (r.kind === "same" ? "cost only" : r.kind);
  const nameText = (r: StackPlan["resources"][number]) => (isAccountLine(r) ? `${r.name} (internet egress of the account, not a declared resource)` : r.name);
  for (const component of order) {
    const shown = rows.filter((r) => r[0] === component).map((r) => `${r[1].replace(/\*\*/g, "").replace(" ⚠️ stateful", "")} | ${r[2]} | ${r[5]} | ${r[6]}`).sort();
    const expected = listed.filter((r) => componentOf(r) === component).map((r) => `${kindText(r)} | ${nameText(r)} | ${signed(r.monthlyDelta)} | ${r.costReason ?? ""}`).sort();
    expect({ component, rows: shown }).toEqual({ component, rows: expected });
  }
  // m1 → m2 adds the cache, the CDN and the ALB; nothing stateful is deleted or replaced.
  expect(order).toEqual(expect.arrayContaining(["app", "cache", "cdn"]));
  const dangerous = listed.filter((r) => r.stateful && (r.kind === "delete" || r.kind === "replace"));
  expect(dangerous).toEqual([]);
  expect(body).not.toContain("⚠️ stateful");
  // Updates name the inputs that change, e.g. the Auto Scaling group's maxSize (1 → 2).
  const asg = rows.find((r) => r[3] === "`aws:autoscaling:Group`")!;
  expect(asg[1]).toBe("update");
  expect(asg[4]).toContain("`maxSize`");
  // A cost that moves with no input change says why: the CDN's traffic grows with the users.
  const distribution = rows.find((r) => r[2] === "cdn" && r[3] === "`aws:cloudfront:Distribution`")!;
  expect(distribution[6]).toMatch(/^usage: [\d.]+k? → [\d.]+k? 10k requests \(HTTPS requests\)/);
  for (const r of listed.filter((x) => (x.kind === "same" || x.change?.tagsOnly) && x.monthlyDelta !== 0)) expect(r.costReason).toMatch(/^(usage|free tier): /);
});

test("the cost table: per component before / after / Δ / worst case, and the total", () => {
  const rows = tableRows(section(body, "Monthly cost"));
  const total = rows.pop()!;
  const components = [...new Set(plan.resources.map(componentOf))];
  expect(rows.map((r) => r[0])).toEqual(components);
  for (const r of rows) {
    const mine = plan.resources.filter((x) => componentOf(x) === r[0]);
    const before = sum(mine.map((x) => x.monthlyBefore));
    const after = sum(mine.map((x) => x.monthlyAfter));
    expect(r.slice(1)).toEqual([usd(before), usd(after), signed(sub(after, before)), usd(sum(mine.map((x) => x.worstCaseAfter)))]);
  }
  expect(total).toEqual(["**Total**", `**${usd(plan.baseEstimate.totalMonthlyCost)}**`, `**${usd(plan.estimate.totalMonthlyCost)}**`, `**${signed(plan.totalMonthlyDelta)}**`, `**${usd(plan.estimate.totalWorstCaseMonthlyCost)}**`]);
  // The new tiers cost something at m2.
  for (const c of ["app", "cache", "cdn"]) expect(rows.find((r) => r[0] === c)![3]).toMatch(/^\+\$/);
});

test("the mermaid chart: expected cost per milestone as bars, the seed band ceilings as a line, and the band table", () => {
  const lines = section(body, "Cost per milestone");
  const open = lines.indexOf("```mermaid");
  const close = lines.indexOf("```", open + 1);
  expect(open).toBeGreaterThanOrEqual(0);
  const chart = lines.slice(open + 1, close).map((l) => l.trim());
  expect(chart[0]).toBe("xychart-beta");
  expect(chart).toContain(`x-axis [${MILESTONE_IDS.join(", ")}]`);
  const costs = plan.milestoneCosts!;
  expect(costs.map((c) => c.milestone)).toEqual([...MILESTONE_IDS]);
  // The chart's m1 and m2 are the two sides of this very plan.
  expect(costs[0].monthlyCost).toBe(plan.baseEstimate.totalMonthlyCost);
  expect(costs[1].monthlyCost).toBe(plan.estimate.totalMonthlyCost);
  const list = (prefix: string) => chart.find((l) => l.startsWith(`${prefix} [`))!.slice(prefix.length + 2, -1).split(", ").map(Number);
  const bars = list("bar");
  bars.forEach((b, i) => expect(b).toBeCloseTo(costs[i].monthlyCost, 2));
  expect(list("line")).toEqual(MILESTONE_IDS.map((m) => MILESTONES[m].costBand.maxUsd));
  const yMax = Number(/^y-axis "USD per month" 0 --> (\d+)$/.exec(chart.find((l) => l.startsWith("y-axis"))!)![1]);
  expect(yMax).toBeGreaterThanOrEqual(Math.max(...bars, ...list("line")));

  const table = tableRows(lines.slice(close + 1));
  expect(table).toEqual(costs.map((c) => {
    const band = MILESTONES[c.milestone].costBand;
    return [c.milestone, usd(c.monthlyCost), usd(c.worstCaseMonthlyCost), `$${band.minUsd}-${band.maxUsd}`, bandStatus(c.monthlyCost, band)];
  }));
});

test("failed guardrail verdicts, if any, are in the comment with their policy and message", () => {
  for (const v of plan.verdicts.filter((x) => !x.passed)) {
    expect(body).toContain(v.policy);
    expect(body).toContain(v.message);
  }
});

test("the JSON artifact beside it carries the same totals (Infracost 0.2)", () => {
  const json = JSON.parse(fs.readFileSync(path.join(repo, "plan-out", "plan-prod.json"), "utf8"));
  expect(json.version).toBe("0.2");
  expect(usd(Number(json.totalMonthlyCost))).toBe(usd(plan.estimate.totalMonthlyCost));
  expect(usd(Number(json.pastTotalMonthlyCost))).toBe(usd(plan.baseEstimate.totalMonthlyCost));
});

test("the next push edits the same comment instead of adding one", async () => {
  const script = findStep(workflow, "plan", (s) => Boolean(s.uses?.startsWith("actions/github-script@"))).with!.script as string;
  const id = github.comments[1].id;
  await runGithubScript(script, { github, cwd: repo, env: { PLAN_MARKER: MARKER }, prNumber: 42 });
  expect(github.calls.slice(2)).toEqual(["list #42", `update ${id}`]);
  expect(github.comments).toHaveLength(2);
  expect(github.comments[1].body).toBe(body);
});
