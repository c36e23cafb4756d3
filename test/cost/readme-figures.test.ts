/**
 * The README's cost figures are the estimator's, not hand-copied numbers that drift: the
 * per-milestone table of prod and the cheaper topologies it quotes are recomputed here.
 */
import * as fs from "fs";
import * as path from "path";
import { estimate } from "../../cost";
import { sub, usd } from "../../model/money";
import { usageFor } from "../../plan/plan";
import { MILESTONE_IDS } from "../../stacks/milestones";
import { record } from "../helpers";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

async function totals(milestone: string, overrides?: unknown) {
  const rec = await record("prod", milestone, overrides ? { "cutlist:overrides": JSON.stringify(overrides) } : {});
  const e = estimate(rec, usageFor(rec, "cutlist"));
  return { expected: usd(e.totalMonthlyCost), worst: usd(e.totalWorstCaseMonthlyCost), monthly: e.totalMonthlyCost };
}

/** "$1234.50" → "$1,234.50" where the README writes thousands with a comma. */
const readmeUsd = (s: string) => s.replace(/^\$(\d+)(\d{3})\./, "$$$1,$2.");

test("the per-milestone table of prod matches the estimates", async () => {
  const rows = await Promise.all(MILESTONE_IDS.map((m) => totals(m)));
  expect(README).toContain(`| expected | ${rows.map((r) => `**${readmeUsd(r.expected)}**`).join(" | ")} |`);
  expect(README).toContain(`| worst case | ${rows.map((r) => readmeUsd(r.worst)).join(" | ")} |`);
});

test("the seed's literal topologies it quotes (every /api/* request through CloudFront, the edge function) match the estimates", async () => {
  const m3 = await totals("m3", { cdn: { apiRouting: "all" } });
  const m4 = await totals("m4", { cdn: { apiRouting: "all", edgeFunction: true } });
  expect(README).toContain(`\`cutlist:overrides: { cdn: { apiRouting: all } }\`): **${m3.expected}**`);
  expect(README).toContain(`\`{ cdn: { apiRouting: all, edgeFunction: true } }\`):\n**${m4.expected}** (worst case ${m4.worst})`);
});

test("the multi-milestone jump it quotes (prod m1 → m4) is the estimate's increase, within the shipped increase limit", async () => {
  const [m1, m4] = await Promise.all([totals("m1"), totals("m4")]);
  // As the plan computes its delta: exact totals subtracted, then rounded.
  const increase = sub(m4.monthly, m1.monthly);
  const guardrails = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../policies/guardrails.json"), "utf8"));
  const limit = guardrails["cost-increase-limit"].maxIncreaseUsd as number;
  expect(README.replace(/\n {3}/g, " ")).toContain(
    `(\`cost-increase-limit\`, \`maxIncreaseUsd\` ${limit} in \`policies/guardrails.json\`) judges the whole jump, so prod's m1 → m4 (+${usd(increase)} a month) passes`,
  );
  expect(increase).toBeLessThanOrEqual(limit);
});
