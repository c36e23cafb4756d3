/**
 * The PR comment: per stack one summary line (cost change and change counts), the changes
 * grouped by component, a cost table by component, and a mermaid chart of the expected
 * monthly cost at every milestone against the seed's band ceilings. Pure.
 */
import { decimalString, sub, sum, usd } from "../../model/money";
import { bandStatus, type StackPlan } from "../plan";
import { accountLine, bandText, byComponent, countsText, dangerous, guardrailSummary, notListedText, regionComparisonText, shortType, shownRows, signedUsd, transition } from "./format";

/** Table cells must not break the row. */
function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function inputsText(row: StackPlan["resources"][number]): string {
  const changes = row.change?.changes ?? [];
  if (!changes.length) return "";
  const shown = changes.slice(0, 4).map((c) => `\`${c.path}\`${c.forcesReplacement ? " (forces replacement)" : ""}`);
  return shown.join(", ") + (changes.length > 4 ? `, +${changes.length - 4} more` : "");
}

function summaryLine(plan: StackPlan): string {
  const e = plan.estimate;
  const b = plan.baseEstimate;
  const cost = plan.single
    ? `**${usd(e.totalMonthlyCost)}/month** (worst case ${usd(e.totalWorstCaseMonthlyCost)})`
    : `**${signedUsd(plan.totalMonthlyDelta)}/month** (${usd(b.totalMonthlyCost)} → ${usd(e.totalMonthlyCost)}; worst case ${usd(b.totalWorstCaseMonthlyCost)} → ${usd(e.totalWorstCaseMonthlyCost)})`;
  const parts = [cost];
  if (!plan.single) parts.push(countsText(plan));
  if (plan.band && plan.milestone) parts.push(`seed band ${plan.milestone} ${bandText(plan.band)}: ${bandStatus(e.totalMonthlyCost, plan.band)}`);
  const danger = plan.resources.filter(dangerous).length;
  if (danger) parts.push(`⚠️ ${danger} stateful resource${danger === 1 ? "" : "s"} deleted or replaced`);
  if (e.notPriced.length) parts.push(`${e.notPriced.length} not priced`);
  return parts.join(" · ");
}

/** Every change worth a line, and every cost that moves without one (with why). */
function changesSection(plan: StackPlan): string[] {
  const changed = shownRows(plan.resources);
  const notListed = notListedText(plan);
  if (!changed.length) return [notListed ? `No resource changes to list: ${notListed}.` : "No resource changes."];
  const out = ["| Component | Change | Resource | Type | Inputs changed | Monthly Δ | Why the cost changes |", "|---|---|---|---|---|---:|---|"];
  for (const [component, rows] of byComponent(changed)) {
    for (const r of rows) {
      const kind = dangerous(r) ? `**${r.kind}** ⚠️ stateful` : r.kind === "same" ? "cost only" : r.kind;
      const account = accountLine(r);
      const name = account ? `${r.name} (${account})` : r.name;
      out.push(`| ${cell(component)} | ${kind} | ${cell(name)} | \`${shortType(r.type)}\` | ${cell(inputsText(r))} | ${signedUsd(r.monthlyDelta)} | ${cell(r.costReason ?? "")} |`);
    }
  }
  if (notListed) out.push("", `${notListed}.`);
  return out;
}

function costSection(plan: StackPlan): string[] {
  const out = ["| Component | Before | After | Δ | Worst case after |", "|---|---:|---:|---:|---:|"];
  for (const [component, rows] of byComponent(plan.resources)) {
    const before = sum(rows.map((r) => r.monthlyBefore));
    const after = sum(rows.map((r) => r.monthlyAfter));
    const worst = sum(rows.map((r) => r.worstCaseAfter));
    out.push(`| ${cell(component)} | ${usd(before)} | ${usd(after)} | ${signedUsd(sub(after, before))} | ${usd(worst)} |`);
  }
  const b = plan.baseEstimate;
  const e = plan.estimate;
  out.push(`| **Total** | **${usd(b.totalMonthlyCost)}** | **${usd(e.totalMonthlyCost)}** | **${signedUsd(plan.totalMonthlyDelta)}** | **${usd(e.totalWorstCaseMonthlyCost)}** |`);
  const notPriced = plan.resources.filter((r) => r.priced === "not-priced" && r.after);
  if (notPriced.length) out.push("", `Not priced (no pricer, not counted): ${notPriced.map((r) => `${r.name} (\`${r.type}\`)`).join(", ")}`);
  const unknown = plan.resources.filter((r) => r.hasUnknownUsage && r.after).length;
  if (unknown) out.push("", `${unknown} resource${unknown === 1 ? "" : "s"} (*) also have usage-based costs with no usage figure (not counted).`);
  if (plan.compareRegion) out.push("", regionComparisonText(plan.compareRegion));
  return out;
}

function chart(plan: StackPlan): string[] {
  const costs = plan.milestoneCosts;
  if (!costs?.length) return [];
  const num = (n: number) => decimalString(n, 2);
  const top = Math.max(...costs.map((c) => Math.max(c.monthlyCost, c.band.maxUsd)));
  const ceiling = Math.ceil((top * 1.1) / 50) * 50;
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${plan.project}/${plan.stack}: expected monthly cost per milestone vs seed band ceiling (USD)"`,
    `    x-axis [${costs.map((c) => c.milestone).join(", ")}]`,
    `    y-axis "USD per month" 0 --> ${ceiling}`,
    `    bar [${costs.map((c) => num(c.monthlyCost)).join(", ")}]`,
    `    line [${costs.map((c) => num(c.band.maxUsd)).join(", ")}]`,
    "```",
    "",
    "| Milestone | Expected | Worst case | Seed band | |",
    "|---|---:|---:|---|---|",
    ...costs.map((c) => `| ${c.milestone} | ${usd(c.monthlyCost)} | ${usd(c.worstCaseMonthlyCost)} | ${bandText(c.band)} | ${bandStatus(c.monthlyCost, c.band)} |`),
  ];
}

/** Summary, then each failure or warning, then every verdict folded away. */
function guardrailSection(plan: StackPlan): string[] {
  const failed = plan.verdicts.filter((v) => !v.passed);
  const mandatory = failed.some((v) => v.mandatory);
  const out = [`${mandatory ? "❌" : "✅"} ${guardrailSummary(plan)}`, ""];
  // Failures before warnings: what blocks the change first.
  for (const v of [...failed.filter((x) => x.mandatory), ...failed.filter((x) => !x.mandatory)]) out.push(`- ${v.mandatory ? "❌ mandatory" : "⚠️ advisory"} **${v.policy}**${v.resourceName ? ` (\`${cell(v.resourceName)}\`)` : ""}: ${cell(v.message)}`);
  if (failed.length) out.push("");
  out.push("<details><summary>Every policy</summary>", "", "| Policy | Level | Result |", "|---|---|---|");
  for (const v of plan.verdicts) out.push(`| ${v.policy} | ${v.enforcementLevel} | ${v.passed ? "✅" : v.mandatory ? "❌" : "⚠️"} ${cell(v.message)} |`);
  out.push("", "</details>");
  return out;
}

function renderStack(plan: StackPlan): string {
  const lines = [`### ${plan.project}/${plan.stack}: ${transition(plan)}`, "", summaryLine(plan), ""];
  for (const note of plan.notes) lines.push(`> ${note}`, "");
  if (plan.verdicts.length) lines.push("#### Guardrails", "", ...guardrailSection(plan), "");
  lines.push("#### Changes", "", ...changesSection(plan), "", "#### Monthly cost", "", ...costSection(plan), "");
  const c = chart(plan);
  if (c.length) lines.push("#### Cost per milestone", "", ...c, "");
  return lines.join("\n");
}

/** The whole comment. */
export function renderMarkdown(plans: readonly StackPlan[]): string {
  return `## Plan\n\n${plans.map(renderStack).join("\n")}`;
}
