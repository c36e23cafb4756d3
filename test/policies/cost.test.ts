/** Cost policies: a passing and a failing case each (see cases/cost.ts). */
import { estimate } from "../../cost";
import { usageProfile } from "../../stacks/usageProfile";
import { recordingOf } from "../../policies/recording";
import { costIncreaseViolation } from "../../plan/guardrails/planPolicies";
import { stackCost } from "../../policies/cost";
import { policyResourcesOf } from "../../plan/guardrails/args";
import { COST_CASES } from "./cases/cost";
import { usageFor } from "../../plan/plan";
import { record } from "../helpers";
import { describeCases } from "./util";
import { MILESTONE_IDS, MILESTONES } from "../../stacks/milestones";

describeCases(COST_CASES);

describe("pricing with the plan's estimator", () => {
  test("a recording → policy resources → recording round trip prices the same as the plan", async () => {
    const rec = await record("prod", "m3");
    const plan = estimate(rec, usageProfile("m3"));
    const viaPolicy = stackCost(policyResourcesOf(rec), { rpsPerInstance: 200 });
    expect(viaPolicy.milestone).toEqual({ milestone: "m3", from: "tag" });
    expect(viaPolicy.budgetUsd).toBe(MILESTONES.m3.costBand.approvedUsd);
    expect(viaPolicy.estimate.totalMonthlyCost).toBe(plan.totalMonthlyCost);
    expect(viaPolicy.estimate.totalWorstCaseMonthlyCost).toBe(plan.totalWorstCaseMonthlyCost);
    // What the estimator saw is what the recorder recorded (components, parents, dependencies).
    const back = recordingOf(policyResourcesOf(rec));
    expect(back.resources.map((r) => [r.urn, r.custom, r.component, r.parent, r.dependencies])).toEqual(
      rec.resources.map((r) => [r.urn, r.custom, r.component, r.parent, r.dependencies]),
    );
  });

  test("in pulumi preview the stack's own config (PULUMI_CONFIG) prices overrides as the plan does", async () => {
    const rec = await record("prod", "m3", { "cutlist:overrides": JSON.stringify({ cdn: { mode: "static", apiRouting: "none" } }) });
    const plan = estimate(rec, usageFor(rec, "cutlist")).totalMonthlyCost;
    const withoutConfig = stackCost(policyResourcesOf(rec), { rpsPerInstance: 200 }).estimate.totalMonthlyCost;
    const saved = process.env.PULUMI_CONFIG;
    process.env.PULUMI_CONFIG = JSON.stringify(rec.config);
    try {
      expect(stackCost(policyResourcesOf(rec), { rpsPerInstance: 200 }).estimate.totalMonthlyCost).toBe(plan);
    } finally {
      if (saved === undefined) delete process.env.PULUMI_CONFIG;
      else process.env.PULUMI_CONFIG = saved;
    }
    // The milestone's default traffic sends /api/* through CloudFront: a higher, wrong figure.
    expect(withoutConfig).toBeGreaterThan(plan);
  });

  test("costIncreaseViolation: either limit, decreases never", () => {
    expect(costIncreaseViolation(100, 90, { maxIncreasePercent: 0 })).toBeUndefined();
    expect(costIncreaseViolation(100, 110, { maxIncreasePercent: 10 })).toBeUndefined();
    expect(costIncreaseViolation(100, 110.01, { maxIncreasePercent: 10 })).toMatch(/within 10 %/);
    expect(costIncreaseViolation(100, 120, { maxIncreaseUsd: 25, maxIncreasePercent: 50 })).toBeUndefined();
    expect(costIncreaseViolation(0, 5, { maxIncreasePercent: 1000 })).toMatch(/from \$0/);
  });
});

describe("policies/guardrails.json approves the catalog's budgets", () => {
  test("cost-monthly-budget and cost-worst-case-budget name each milestone's costBand.approvedUsd", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const guardrails = require("../../policies/guardrails.json") as Record<string, { budgetsUsd?: Record<string, number> }>;
    const approved = Object.fromEntries(MILESTONE_IDS.map((m) => [m, MILESTONES[m].costBand.approvedUsd]));
    expect(guardrails["cost-monthly-budget"].budgetsUsd).toEqual(approved);
    expect(guardrails["cost-worst-case-budget"].budgetsUsd).toEqual(approved);
  });
});
