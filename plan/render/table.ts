/**
 * Terminal rendering: per stack a table grouped by component (change, type, name, monthly
 * cost before → after, delta), stateful deletes/replaces highlighted, then the totals with
 * expected and worst-case cost against the seed's band. Pure: colours only when asked.
 */
import Table from "cli-table3";
import pc from "picocolors";
import { sub, sum, usd } from "../../model/money";
import { bandStatus, type ResourceCostDelta, type StackPlan } from "../plan";
import { bandText, byComponent, countsText, dangerous, guardrailSummary, KIND_SYMBOL, retaggedText, shortType, shownRows, sideCost, signedUsd, transition } from "./format";

export interface TableOptions {
  /** ANSI colours (the CLI turns them on for a TTY or FORCE_COLOR). */
  readonly color?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

function kindCell(row: ResourceCostDelta, c: Colors): string {
  const label = `${KIND_SYMBOL[row.kind]} ${row.kind === "same" ? "" : row.kind}`.trimEnd();
  const text = dangerous(row) ? `${label} (stateful!)` : label;
  switch (row.kind) {
    case "create": return c.green(text);
    case "update": return c.yellow(text);
    case "replace": return dangerous(row) ? c.bold(c.red(text)) : c.magenta(text);
    case "delete": return dangerous(row) ? c.bold(c.red(text)) : c.red(text);
    default: return text;
  }
}

function deltaCell(n: number, c: Colors): string {
  const s = signedUsd(n);
  return n > 0 ? c.red(s) : n < 0 ? c.green(s) : c.dim(s);
}

function renderStack(plan: StackPlan, c: Colors): string {
  const lines: string[] = [];
  lines.push(c.bold(`${plan.project}/${plan.stack}: ${transition(plan)}`) + (plan.single ? "" : `  (${countsText(plan)})`));
  for (const note of plan.notes) lines.push(c.dim(`note: ${note}`));
  // Planned alone (last milestone, foreign program): one cost column pair, no change column.
  const head = plan.single ? ["Type", "Name", "Monthly", "Worst case"] : ["Change", "Type", "Name", "Monthly before", "Monthly after", "Delta"];
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: plan.single ? ["left", "left", "right", "right"] : ["left", "left", "left", "right", "right", "right"],
  });
  for (const [component, rows] of byComponent(plan.resources)) {
    const before = sum(rows.map((r) => r.monthlyBefore));
    const after = sum(rows.map((r) => r.monthlyAfter));
    const title = c.cyan(c.bold(component));
    if (plan.single) table.push([{ colSpan: 2, content: title }, c.dim(usd(after)), c.dim(usd(sum(rows.map((r) => r.worstCaseAfter))))]);
    else table.push([{ colSpan: 3, content: title }, c.dim(usd(before)), c.dim(usd(after)), deltaCell(sub(after, before), c)]);
    for (const r of plan.single ? rows : shownRows(rows)) {
      const name = dangerous(r) ? c.bold(c.red(r.name)) : r.name;
      if (plan.single) {
        const worst = r.after?.priced === "priced" && r.worstCaseAfter !== r.monthlyAfter ? usd(r.worstCaseAfter) : "";
        table.push([shortType(r.type), name, sideCost(r, "after"), worst]);
      } else {
        table.push([kindCell(r, c), shortType(r.type), name, sideCost(r, "before"), sideCost(r, "after"), deltaCell(r.monthlyDelta, c)]);
      }
    }
  }
  lines.push(table.toString());
  const retagged = plan.single ? undefined : retaggedText(plan);
  if (retagged) lines.push(c.dim(`~ ${retagged}`));
  const b = plan.baseEstimate;
  const e = plan.estimate;
  const expected = plan.single ? usd(e.totalMonthlyCost) : `${usd(b.totalMonthlyCost)} → ${usd(e.totalMonthlyCost)} (${signedUsd(plan.totalMonthlyDelta)})`;
  const worst = plan.single ? usd(e.totalWorstCaseMonthlyCost) : `${usd(b.totalWorstCaseMonthlyCost)} → ${usd(e.totalWorstCaseMonthlyCost)} (${signedUsd(plan.totalWorstCaseDelta)})`;
  let band = "";
  if (plan.band && plan.milestone) {
    const status = bandStatus(e.totalMonthlyCost, plan.band);
    const text = `seed band ${plan.milestone} ${bandText(plan.band)}: ${status}`;
    band = `; ${status === "within" ? c.green(text) : c.red(text)}`;
  }
  lines.push(c.bold(`Total monthly: expected ${expected}; worst case ${worst}`) + band);
  if (e.notPriced.length) {
    lines.push(c.yellow(`Not priced (${e.notPriced.length}): ${e.notPriced.map((n) => `${n.name} (${n.type})`).join(", ")}`));
  }
  if (plan.resources.some((r) => r.hasUnknownUsage)) lines.push(c.dim("* plus usage-based costs with no usage figure"));
  const dangers = plan.resources.filter(dangerous);
  if (dangers.length) lines.push(c.bold(c.red(`Data at risk: ${dangers.map((r) => `${r.kind} ${r.name} (${r.type})`).join(", ")}`)));
  // Failures and warnings one per line (passes are counted; --format json lists every verdict).
  if (plan.verdicts.length) {
    const summary = guardrailSummary(plan);
    const failed = plan.verdicts.some((v) => v.mandatory && !v.passed);
    lines.push(failed ? c.bold(c.red(summary)) : c.green(summary));
  }
  for (const v of plan.verdicts.filter((x) => !x.passed)) {
    const where = v.resourceName ? ` [${v.resourceName}]` : "";
    const text = `${v.mandatory ? "FAIL" : "warn"} ${v.policy}${where}: ${v.message}`;
    lines.push(v.mandatory ? c.bold(c.red(text)) : c.yellow(text));
  }
  const passed = plan.verdicts.filter((v) => v.passed).map((v) => `${v.policy}${v.enforcementLevel === "disabled" ? " (disabled)" : v.message.startsWith("Not applicable") ? " (n/a)" : ""}`);
  if (passed.length) lines.push(c.dim(`pass: ${passed.join(", ")}`));
  return lines.join("\n");
}

/** All plans, one block each. */
export function renderTable(plans: readonly StackPlan[], options: TableOptions = {}): string {
  const c = pc.createColors(Boolean(options.color));
  return `${plans.map((p) => renderStack(p, c)).join("\n\n")}\n`;
}
