/**
 * Golden files: the cost breakdown of the real program, for both stacks at every milestone,
 * pinned line by line. A change in prices, pricers, usage or the program shows up here as a
 * readable diff. Regenerate deliberately: `UPDATE_GOLDEN=1 npx jest test/cost/golden`.
 */
import * as fs from "fs";
import * as path from "path";
import { decimalString, estimate, type Estimate } from "../../cost";
import { usageProfile } from "../../stacks/usageProfile";
import { MILESTONE_IDS } from "../../stacks/milestones";
import { STACKS, record } from "../helpers";

const DIR = path.join(__dirname, "golden");

function money(n: number | null): string {
  return n === null ? "usage-dependent" : `$${decimalString(n, 2)}`;
}

/** A stable text table of one estimate: priced resources and their components, then totals. */
function render(est: Estimate): string {
  const lines: string[] = [];
  for (const r of est.resources.filter((x) => x.priced === "priced")) {
    lines.push(`${r.component ?? "-"} ${r.type} ${r.name}: ${money(r.monthlyCost)} (worst ${money(r.worstCaseMonthlyCost)})`);
    for (const c of r.costComponents) {
      const qty = c.monthlyQuantity === null ? "?" : decimalString(c.monthlyQuantity, 4);
      lines.push(`    ${c.name}: ${qty} ${c.unit} × $${c.price}${c.freeTier ? " [free tier]" : ""} = ${money(c.monthlyCost)}`);
    }
  }
  lines.push(`free resources: ${est.resources.filter((x) => x.priced === "free").length}`);
  lines.push(`not priced: ${est.notPriced.map((n) => n.type).join(", ") || "none"}`);
  lines.push(`total: ${money(est.totalMonthlyCost)} expected, ${money(est.totalWorstCaseMonthlyCost)} worst case`);
  return `${lines.join("\n")}\n`;
}

const cases = STACKS.flatMap((stack) => MILESTONE_IDS.map((m) => [stack, m] as const));

test.each(cases)("%s at %s matches its golden breakdown", async (stack, m) => {
  const text = render(estimate(await record(stack, m), usageProfile(m)));
  const file = path.join(DIR, `${stack}-${m}.txt`);
  if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, text);
  expect(fs.existsSync(file)).toBe(true);
  expect(text).toBe(fs.readFileSync(file, "utf8"));
});
