/**
 * The optimizer through its seams: `optimize` over a small option space whose answer is known
 * by hand, its answer re-planned to the cent, the "nothing passes" report, the lower bound
 * never above a real cost, and the CLI as a user runs it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { estimate } from "../../cost";
import { usageFor } from "../../plan/plan";
import { lowerBound, optionSpace } from "../../plan/optionSpace";
import { optimize, type OptimizeResult } from "../../plan/optimize";
import { main } from "../../plan/optimize-cli";
import { MILESTONES } from "../../stacks/milestones";
import { record } from "../helpers";
import { inProcess } from "./cli-harness";

/** m2's web tier, two ways: one instance without an ALB (cheaper), or 1-2 behind one. */
const WEB = {
  name: "web",
  options: [
    { label: "1-2 × t4g.small + ALB", overrides: {} },
    { label: "1 × t4g.small, no ALB", overrides: { app: { minInstances: 1, maxInstances: 1, loadBalancer: false, autoscaling: { cpuTargetPercent: null } } } },
  ],
};
/** The approved budgets, so only capacity decides. */
const APPROVED = { "cost-monthly-budget": { enforcementLevel: "mandatory" as const, budgetsUsd: { m2: MILESTONES.m2.costBand.approvedUsd } } };

let small: OptimizeResult;
beforeAll(async () => {
  small = await optimize({ stack: "prod", milestone: "m2", space: [WEB], policyConfig: APPROVED });
}, 60_000);

describe("a hand-known option space", () => {
  test("one instance is cheaper but cannot absorb m2's 300 rps peak: the answer is 1-2 behind an ALB", () => {
    expect(small.best?.choice).toEqual({ web: "1-2 × t4g.small + ALB" });
    expect(small.best?.failed).toEqual([]);
    expect(small.rejected.map((e) => e.choice)).toEqual([{ web: "1 × t4g.small, no ALB" }]);
    const why = small.rejected[0].failed.map((v) => v.policy);
    expect(why).toContain("capacity-fleet-throughput");
    expect(small.rejected[0].expectedMonthlyCost).toBeLessThan(small.best!.expectedMonthlyCost);
    expect(small.stats).toMatchObject({ evaluated: 2, invalid: 0 });
  });

  test("re-planning the answer's overrides reproduces its cost to the cent", async () => {
    const rec = await record("prod", "m2", { "cutlist:overrides": JSON.stringify(small.best!.overrides) });
    const e = estimate(rec, usageFor(rec, "cutlist"));
    expect(e.totalMonthlyCost).toBe(small.best!.expectedMonthlyCost);
    expect(e.totalWorstCaseMonthlyCost).toBe(small.best!.worstCaseMonthlyCost);
  });
});

test("when nothing passes: no best, the cheapest that fails only the budget, and what no candidate met", async () => {
  const r = await optimize({ stack: "prod", milestone: "m2", space: [WEB], policyConfig: { "cost-monthly-budget": { enforcementLevel: "mandatory", budgetUsd: 1 } } });
  expect(r.best).toBeUndefined();
  expect(r.cheapestOverBudget?.choice).toEqual({ web: "1-2 × t4g.small + ALB" });
  expect(r.cheapestOverBudget?.failed.map((v) => v.policy)).toEqual(["cost-monthly-budget"]);
  expect(r.cheapestOverBudget?.failed[0].message).toMatch(/within \$1\.00 \(budgetUsd\); it is \$\d+\.\d\d/);
  expect(r.unmet).toEqual(["cost-monthly-budget"]);
  // The cheaper one-instance tier is reported with both reasons.
  expect(r.rejected.map((e) => e.failed.map((v) => v.policy).sort())).toEqual([expect.arrayContaining(["capacity-fleet-throughput", "cost-monthly-budget"])]);
}, 60_000);

test("the lower bound never exceeds a real cost (else pruning could skip the answer)", async () => {
  for (const m of ["m1", "m4"] as const) {
    for (const group of optionSpace(m)) {
      for (const option of group.options.slice(0, 2)) {
        const rec = await record("prod", m, { "cutlist:overrides": JSON.stringify(option.overrides) });
        const real = estimate(rec, usageFor(rec, "cutlist")).totalMonthlyCost;
        expect({ m, group: group.name, option: option.label, bounded: lowerBound(m, option.overrides) <= real }).toEqual({ m, group: group.name, option: option.label, bounded: true });
      }
    }
  }
}, 120_000);

describe("npm run optimize", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "optimize-cli-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("m1 of prod: the catalog is the optimum under guardrails.json; JSON names the cheapest that fails only the budget when held to the seed band", async () => {
    const bands = path.join(tmp, "bands.json");
    fs.writeFileSync(bands, JSON.stringify({ "cost-monthly-budget": { enforcementLevel: "mandatory", budgetsUsd: { m1: 30 } }, "cloudfront-flat-rate-allowance": { enforcementLevel: "mandatory" } }));
    const out = path.join(tmp, "m1.json");
    const run = await inProcess(main, ["--stack", "prod", "--milestone", "m1", "--format", "json", "--out", out, "--policy-config", bands]);
    expect(run.code).toBe(1);
    const json = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(json.best).toBeNull();
    expect(json.cheapestOverBudget.overrides).toEqual({});
    expect(json.cheapestOverBudget.failedPolicies.map((f: { policy: string }) => f.policy)).toEqual(["cost-monthly-budget"]);
    expect(Number(json.cheapestOverBudget.expectedMonthlyCost)).toBeGreaterThan(30);
    expect(Number(json.cheapestOverBudget.expectedMonthlyCost)).toBeLessThanOrEqual(MILESTONES.m1.costBand.approvedUsd);

    const passing = await inProcess(main, ["--stack", "prod", "--milestone", "m1"]);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/^prod at m1: \$\d+\.\d\d a month expected/m);
    expect(passing.stdout).toContain('cutlist:overrides: {}');
  }, 120_000);

  test.each([
    [["--stack", "prod", "--milestone", "m9"], /--milestone: "m9" is not allowed: must be one of m1, m2, m3, m4/],
    [["--stack", "prod", "--format", "xml"], /--format: "xml" is not allowed: must be one of table, markdown, json/],
    [["--stack", "staging"], /staging/],
  ])("bad input %j: exit 2, a message naming the value, no stack trace", async (args, message) => {
    const run = await inProcess(main, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
