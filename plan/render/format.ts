/** Small formatting helpers shared by the renderers (pure). */
import { decimalString, usd } from "../../model/money";
import type { CostBand } from "../../stacks/milestones";
import type { ChangeKind } from "../diff";
import type { ResourceCostDelta, StackPlan } from "../plan";

/** `aws:ec2/instance:Instance` → `aws:ec2:Instance` (Pulumi's module/resource convention); other tokens as they are. */
export function shortType(type: string): string {
  const m = /^([^:]+):([^/:]+)\/([^:]+):([^:]+)$/.exec(type);
  if (m && m[3].toLowerCase() === m[4].toLowerCase()) return `${m[1]}:${m[2]}:${m[4]}`;
  return type;
}

/** "+$1.20", "-$3.00", "$0.00". */
export function signedUsd(n: number): string {
  const s = usd(n);
  return n > 0 && decimalString(n, 2) !== "0.00" ? `+${s}` : s === "-$0.00" ? "$0.00" : s;
}

export function bandText(band: CostBand): string {
  return `$${band.minUsd}-${band.maxUsd}`;
}

/** "m1 → m2", "m4", "as configured" for a foreign program, or the plan's own sides ("deployed → preview"). */
export function transition(plan: StackPlan): string {
  if (plan.sides) return `${plan.sides.base} → ${plan.sides.head}`;
  if (plan.foreign) return "as configured (no milestones)";
  return plan.single ? `${plan.milestone}` : `${plan.baseMilestone} → ${plan.milestone}`;
}

export const KIND_SYMBOL: Readonly<Record<ChangeKind, string>> = { create: "+", update: "~", replace: "+/-", delete: "-", same: " " };

/** The component a row is grouped under. */
export function groupName(row: ResourceCostDelta): string {
  if (row.component) return row.component;
  return row.before?.synthetic || row.after?.synthetic ? "(account)" : "(top level)";
}

/** Rows grouped by component, in first-seen order. */
export function byComponent(rows: readonly ResourceCostDelta[]): [string, ResourceCostDelta[]][] {
  const groups = new Map<string, ResourceCostDelta[]>();
  for (const r of rows) groups.set(groupName(r), [...(groups.get(groupName(r)) ?? []), r]);
  return [...groups];
}

/** A monthly cost cell for one side of a row: "—" when absent, "not priced", "free", "$x" (+ "*" when usage is unknown). */
export function sideCost(row: ResourceCostDelta, side: "before" | "after"): string {
  const est = row[side];
  if (!est) return "—";
  if (est.priced === "not-priced") return "not priced";
  if (est.priced === "free") return "free";
  return `${usd(est.monthlyCost)}${est.hasUnknownUsage ? "*" : ""}`;
}

/** The row's change is dangerous: a stateful resource deleted or replaced. */
export function dangerous(row: ResourceCostDelta): boolean {
  return row.stateful && (row.kind === "delete" || row.kind === "replace");
}

export function countsText(plan: StackPlan): string {
  const c = plan.diff.counts;
  const tags = plan.diff.tagsOnly ? ` (${plan.diff.tagsOnly} only retagged)` : "";
  return `${c.create} to create, ${c.update} to update${tags}, ${c.replace} to replace, ${c.delete} to delete`;
}

/**
 * Rows worth a line of their own: everything but tag-only updates that cost nothing (a
 * promotion retags every resource with the new milestone; listing them hides the real changes).
 */
export function shownRows(rows: readonly ResourceCostDelta[]): ResourceCostDelta[] {
  return rows.filter((r) => !onlyRetagged(r));
}

/** A tag-only update that changes no cost. */
function onlyRetagged(r: ResourceCostDelta): boolean {
  return Boolean(r.change?.tagsOnly) && r.monthlyDelta === 0 && r.worstCaseDelta === 0;
}

/** The line that stands for the rows `shownRows` left out, or undefined when none were. */
export function retaggedText(plan: StackPlan): string | undefined {
  const n = plan.resources.filter(onlyRetagged).length;
  return n ? `${n} more resource${n === 1 ? "" : "s"} change only their tags (not listed)` : undefined;
}

/** "Guardrails: 22 passed, 2 advisory warnings, 1 mandatory failure", from the plan's verdicts. */
export function guardrailSummary(plan: StackPlan): string {
  const failed = plan.verdicts.filter((v) => !v.passed);
  const mandatory = failed.filter((v) => v.mandatory).length;
  const advisory = failed.length - mandatory;
  const passedPolicies = new Set(plan.verdicts.filter((v) => v.passed && v.enforcementLevel !== "disabled").map((v) => v.policy));
  const disabled = plan.verdicts.filter((v) => v.enforcementLevel === "disabled").length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `Guardrails: ${passedPolicies.size} passed, ${plural(advisory, "advisory warning")}, ${plural(mandatory, "mandatory failure")}${disabled ? `, ${disabled} disabled` : ""}`;
}
