/** Small formatting helpers shared by the renderers (pure). */
import { decimalString, usd } from "../../model/money";
import type { CostBand } from "../../stacks/milestones";
import type { ChangeKind } from "../diff";
import { DATA_TRANSFER_TYPE } from "../../cost";
import type { ResourceCostDelta, StackPlan } from "../plan";
import type { RegionComparison } from "../compareRegion";
import { groupBy } from "../../model/groupBy";

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

/** The group of account-wide lines: costs of the account, not of a resource the program declares. */
export const ACCOUNT_GROUP = "account-wide (not declared resources)";

/** What an account-wide line is, in words; undefined for declared resources. */
export function accountLine(row: Pick<ResourceCostDelta, "type" | "before" | "after">): string | undefined {
  if (!row.before?.synthetic && !row.after?.synthetic) return undefined;
  return row.type === DATA_TRANSFER_TYPE ? "internet egress of the account, not a declared resource" : "a cost of the account, not a declared resource";
}

/** The component a row is grouped under. */
export function groupName(row: ResourceCostDelta): string {
  if (row.component) return row.component;
  return accountLine(row) ? ACCOUNT_GROUP : "(top level)";
}

/** Rows grouped by component, in first-seen order. */
export function byComponent(rows: readonly ResourceCostDelta[]): [string, ResourceCostDelta[]][] {
  return [...groupBy(rows, groupName)];
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

/** A tag-only update that changes no cost: a promotion retags every resource with its milestone. */
export function onlyRetagged(r: ResourceCostDelta): boolean {
  return Boolean(r.change?.tagsOnly) && r.monthlyDelta === 0 && r.worstCaseDelta === 0;
}

/** An unchanged resource whose cost does not change either. */
function unchanged(r: ResourceCostDelta): boolean {
  return r.kind === "same" && r.monthlyDelta === 0 && r.worstCaseDelta === 0;
}

/**
 * The plan's change counts, the one source every renderer prints: declared resources by kind
 * (account-wide lines are not resources), and of the updates those that only retag.
 */
export interface ChangeCounts {
  readonly create: number;
  readonly update: number;
  /** Of `update`: tag-only updates that change no cost (not listed one by one). */
  readonly retagged: number;
  readonly replace: number;
  readonly delete: number;
  /** Unchanged resources (listed only when their cost changes). */
  readonly same: number;
}

export function changeCounts(plan: StackPlan): ChangeCounts {
  const declared = plan.resources.filter((r) => !accountLine(r));
  const count = (kind: ChangeKind) => declared.filter((r) => r.kind === kind).length;
  return { create: count("create"), update: count("update"), retagged: declared.filter(onlyRetagged).length, replace: count("replace"), delete: count("delete"), same: count("same") };
}

/** "27 to create, 31 to update (17 only retagged), 0 to replace, 3 to delete". */
export function countsText(plan: StackPlan): string {
  const c = changeCounts(plan);
  const tags = c.retagged ? ` (${c.retagged} only retagged)` : "";
  return `${c.create} to create, ${c.update} to update${tags}, ${c.replace} to replace, ${c.delete} to delete`;
}

/**
 * Rows worth a line of their own: what changes or costs differently. Tag-only updates that
 * cost nothing and unchanged resources are counted instead (listing them hides the real changes).
 */
export function shownRows(rows: readonly ResourceCostDelta[]): ResourceCostDelta[] {
  return rows.filter((r) => !onlyRetagged(r) && !unchanged(r));
}

/** The line that stands for the rows `shownRows` left out, or undefined when none were. */
export function notListedText(plan: StackPlan): string | undefined {
  const c = changeCounts(plan);
  const quiet = plan.resources.filter((r) => !accountLine(r) && unchanged(r)).length;
  const parts = [
    ...(c.retagged ? [`${c.retagged} of the ${c.update} updates only retag`] : []),
    ...(quiet ? [`${quiet} resource${quiet === 1 ? " is" : "s are"} unchanged`] : []),
  ];
  return parts.length ? `${parts.join("; ")} (not listed)` : undefined;
}

/** Guardrail results per policy (a policy with three violations is one failed policy). */
export interface GuardrailCounts {
  readonly policies: number;
  readonly passed: number;
  /** Advisory policies with violations. */
  readonly warned: number;
  /** Mandatory policies with violations. */
  readonly failed: number;
  readonly disabled: number;
  /** Violations, counted apart from policies. */
  readonly violations: { readonly advisory: number; readonly mandatory: number };
}

export function guardrailCounts(plan: StackPlan): GuardrailCounts {
  const byPolicy = groupBy(plan.verdicts, (v) => v.policy);
  const c = { policies: byPolicy.size, passed: 0, warned: 0, failed: 0, disabled: 0 };
  for (const verdicts of byPolicy.values()) {
    if (verdicts.some((v) => v.enforcementLevel === "disabled")) c.disabled++;
    else if (verdicts.some((v) => !v.passed && v.mandatory)) c.failed++;
    else if (verdicts.some((v) => !v.passed)) c.warned++;
    else c.passed++;
  }
  const violations = plan.verdicts.filter((v) => !v.passed);
  return { ...c, violations: { advisory: violations.filter((v) => !v.mandatory).length, mandatory: violations.filter((v) => v.mandatory).length } };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * "Guardrails (25 policies): 22 passed, 1 warned (2 advisory violations), 2 failed (3 mandatory
 * violations), 0 disabled": policies add up to the total; violations are counted apart.
 */
export function guardrailSummary(plan: StackPlan): string {
  const c = guardrailCounts(plan);
  const warned = `${c.warned} warned${c.violations.advisory ? ` (${plural(c.violations.advisory, "advisory violation")})` : ""}`;
  const failed = `${c.failed} failed${c.violations.mandatory ? ` (${plural(c.violations.mandatory, "mandatory violation")})` : ""}`;
  return `Guardrails (${c.policies} ${c.policies === 1 ? "policy" : "policies"}): ${c.passed} passed, ${warned}, ${failed}, ${c.disabled} disabled`;
}

/** "In eu-west-1 (us-east-1 here): expected $X (+$Δ); not priced there: a (type), …", for every format. */
export function regionComparisonText(c: RegionComparison): string {
  const missing = c.notPricedThere.length
    ? `; ${c.notPricedThere.length} resource${c.notPricedThere.length === 1 ? "" : "s"} priced in ${c.here} have no price data for ${c.region}, not counted: ${c.notPricedThere.map((r) => `${r.name} (${r.type})`).join(", ")}`
    : "";
  return `In ${c.region} (--compare-region): expected ${usd(c.estimate.totalMonthlyCost)}, ${signedUsd(c.monthlyDelta)} against ${c.here}; worst case ${usd(c.estimate.totalWorstCaseMonthlyCost)}${missing}`;
}

/** The comparison for the JSON's project metadata (money as decimal strings). */
export function regionComparisonJson(c: RegionComparison) {
  return {
    region: c.region,
    comparedWith: c.here,
    totalMonthlyCost: decimalString(c.estimate.totalMonthlyCost),
    totalWorstCaseMonthlyCost: decimalString(c.estimate.totalWorstCaseMonthlyCost),
    diffTotalMonthlyCost: decimalString(c.monthlyDelta),
    notPricedThere: c.notPricedThere.map((r) => ({ name: r.name, resourceType: r.type })),
  };
}
