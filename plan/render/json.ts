/**
 * Machine output after Infracost's JSON schema 0.2: `projects[]` with `pastBreakdown`,
 * `breakdown` and `diff`, cost components per resource, and top-level totals. Every amount
 * and quantity is a decimal string (no float noise); usage-based amounts nobody supplied
 * usage for are null, as Infracost writes them. Extensions (worst case, change kind, band)
 * sit beside Infracost's keys and never replace them. Pure.
 */
import type { ResourceEstimate } from "../../cost";
import { decimalString, sub, sum } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import type { CostComponent } from "../../cost/types";
import { bandStatus, type ResourceCostDelta, type StackPlan } from "../plan";
import { accountLine, changeCounts, guardrailCounts, onlyRetagged, regionComparisonJson } from "./format";

export interface JsonOptions {
  /** `timeGenerated`; default now. */
  readonly now?: Date;
}

type Money = string | null;

const money = (n: number | null | undefined): Money => (n === null || n === undefined ? null : decimalString(n));
/** Infracost's hourly figure: monthly ÷ 730, kept to 10 decimals. */
const hourly = (n: number | null | undefined): Money => (n === null || n === undefined ? null : decimalString(Number((n / HOURS_PER_MONTH).toFixed(10))));

function component(c: CostComponent) {
  return {
    name: c.name,
    unit: c.unit,
    hourlyQuantity: hourly(c.monthlyQuantity),
    monthlyQuantity: money(c.monthlyQuantity),
    price: decimalString(c.price),
    hourlyCost: hourly(c.monthlyCost),
    monthlyCost: money(c.monthlyCost),
    usageBased: c.usageBased,
    ...(c.freeTier ? { freeTier: true } : {}),
    ...(c.note ? { note: c.note } : {}),
  };
}

/** A resource's own total: null when every line's cost is unknown (Infracost does the same). */
function resourceMonthly(r: ResourceEstimate): number | null {
  return r.costComponents.length > 0 && r.costComponents.every((c) => c.monthlyCost === null) ? null : r.monthlyCost;
}

/** An account-wide line is marked and says what it is. */
function described(row: ResourceCostDelta) {
  const account = accountLine(row);
  return account ? { synthetic: true, description: account } : {};
}

function resource(r: ResourceEstimate, row: ResourceCostDelta) {
  const monthly = resourceMonthly(r);
  return {
    name: r.urn,
    resourceType: r.type,
    metadata: { name: r.name, ...(r.component ? { component: r.component } : {}), ...described(row), ...(r.note ? { note: r.note } : {}), stateful: row.stateful },
    hourlyCost: hourly(monthly),
    monthlyCost: money(monthly),
    worstCaseMonthlyCost: money(r.worstCaseMonthlyCost),
    costComponents: r.costComponents.map(component),
    ...(r.worstCaseCostComponents ? { worstCaseCostComponents: r.worstCaseCostComponents.map(component) } : {}),
    subresources: [],
  };
}

function breakdown(rows: readonly ResourceCostDelta[], side: "before" | "after") {
  const present = rows.filter((r) => r[side] !== undefined);
  const priced = present.filter((r) => r[side]!.priced === "priced");
  const total = sum(priced.map((r) => r[side]!.monthlyCost));
  const worst = sum(priced.map((r) => r[side]!.worstCaseMonthlyCost));
  return {
    resources: priced.map((r) => resource(r[side]!, r)),
    freeResources: present.filter((r) => r[side]!.priced === "free").map((r) => ({ name: r.urn, resourceType: r.type })),
    notPricedResources: present.filter((r) => r[side]!.priced === "not-priced").map((r) => ({ name: r.urn, resourceType: r.type, reason: r[side]!.note ?? "not priced" })),
    totalHourlyCost: hourly(total),
    totalMonthlyCost: money(total),
    totalWorstCaseMonthlyCost: money(worst),
  };
}

const diffNum = (a: number | null | undefined, b: number | null | undefined): Money =>
  a === null || b === null ? null : money(sub(a ?? 0, b ?? 0));

/** Line-by-line difference of one resource's cost components, matched by name. */
function componentDiffs(row: ResourceCostDelta) {
  const before = new Map((row.before?.costComponents ?? []).map((c) => [c.name, c]));
  const after = new Map((row.after?.costComponents ?? []).map((c) => [c.name, c]));
  return [...new Set([...after.keys(), ...before.keys()])].map((name) => {
    const a = after.get(name);
    const b = before.get(name);
    const monthlyQuantity = diffNum(a ? a.monthlyQuantity : 0, b ? b.monthlyQuantity : 0);
    const monthlyCost = diffNum(a ? a.monthlyCost : 0, b ? b.monthlyCost : 0);
    return {
      name,
      unit: (a ?? b)!.unit,
      hourlyQuantity: monthlyQuantity === null ? null : hourly(Number(monthlyQuantity)),
      monthlyQuantity,
      price: decimalString((a ?? b)!.price),
      hourlyCost: monthlyCost === null ? null : hourly(Number(monthlyCost)),
      monthlyCost,
    };
  });
}

function diff(plan: StackPlan) {
  const rows = plan.resources.filter((r) => r.kind !== "same" || r.monthlyDelta !== 0);
  return {
    resources: rows.map((r) => ({
      name: r.urn,
      resourceType: r.type,
      metadata: {
        name: r.name,
        change: r.kind,
        stateful: r.stateful,
        ...(r.component ? { component: r.component } : {}),
        ...described(r),
        ...(onlyRetagged(r) ? { onlyRetagged: true } : {}),
        ...(r.costReason ? { costReason: r.costReason } : {}),
      },
      hourlyCost: hourly(r.monthlyDelta),
      monthlyCost: money(r.monthlyDelta),
      worstCaseMonthlyCost: money(r.worstCaseDelta),
      costComponents: componentDiffs(r),
      subresources: [],
    })),
    totalHourlyCost: hourly(plan.totalMonthlyDelta),
    totalMonthlyCost: money(plan.totalMonthlyDelta),
    totalWorstCaseMonthlyCost: money(plan.totalWorstCaseDelta),
  };
}

interface Summary {
  totalDetectedResources: number;
  totalSupportedResources: number;
  totalUnsupportedResources: number;
  totalUsageBasedResources: number;
  totalNoPriceResources: number;
  unsupportedResourceCounts: Record<string, number>;
  noPriceResourceCounts: Record<string, number>;
  /** Declared resources by change (`retagged`: of the updates, those that only retag at no cost). */
  changes: { create: number; update: number; retagged: number; replace: number; delete: number; same: number; statefulDeletesOrReplaces: number };
}

function summary(plan: StackPlan): Summary {
  const now = plan.resources.filter((r) => r.after).map((r) => r.after!);
  const s: Summary = {
    totalDetectedResources: now.length,
    totalSupportedResources: now.filter((r) => r.priced === "priced").length,
    totalUnsupportedResources: now.filter((r) => r.priced === "not-priced").length,
    totalUsageBasedResources: now.filter((r) => r.costComponents.some((c) => c.usageBased)).length,
    totalNoPriceResources: now.filter((r) => r.priced === "free").length,
    unsupportedResourceCounts: {},
    noPriceResourceCounts: {},
    changes: { ...changeCounts(plan), statefulDeletesOrReplaces: plan.resources.filter((r) => r.stateful && (r.kind === "delete" || r.kind === "replace")).length },
  };
  for (const r of now) {
    if (r.priced === "not-priced") s.unsupportedResourceCounts[r.type] = (s.unsupportedResourceCounts[r.type] ?? 0) + 1;
    if (r.priced === "free") s.noPriceResourceCounts[r.type] = (s.noPriceResourceCounts[r.type] ?? 0) + 1;
  }
  return s;
}

function addSummaries(all: Summary[]): Summary {
  const out = summary0();
  for (const s of all) {
    for (const k of ["totalDetectedResources", "totalSupportedResources", "totalUnsupportedResources", "totalUsageBasedResources", "totalNoPriceResources"] as const) out[k] += s[k];
    for (const k of ["unsupportedResourceCounts", "noPriceResourceCounts"] as const) {
      for (const [t, n] of Object.entries(s[k])) out[k][t] = (out[k][t] ?? 0) + n;
    }
    for (const k of Object.keys(out.changes) as (keyof Summary["changes"])[]) out.changes[k] += s.changes[k];
  }
  return out;
}

function summary0(): Summary {
  return {
    totalDetectedResources: 0, totalSupportedResources: 0, totalUnsupportedResources: 0, totalUsageBasedResources: 0, totalNoPriceResources: 0,
    unsupportedResourceCounts: {}, noPriceResourceCounts: {},
    changes: { create: 0, update: 0, retagged: 0, replace: 0, delete: 0, same: 0, statefulDeletesOrReplaces: 0 },
  };
}

function project(plan: StackPlan) {
  return {
    name: `${plan.project}/${plan.stack}`,
    metadata: {
      path: plan.dir,
      type: "pulumi_offline_plan",
      project: plan.project,
      stack: plan.stack,
      ...(plan.baseMilestone ? { pastMilestone: plan.baseMilestone } : {}),
      ...(plan.milestone ? { milestone: plan.milestone } : {}),
      pastUsageProfile: plan.baseEstimate.usageProfile,
      usageProfile: plan.estimate.usageProfile,
      ...(plan.band ? { costBand: { min: decimalString(plan.band.minUsd), max: decimalString(plan.band.maxUsd), status: bandStatus(plan.estimate.totalMonthlyCost, plan.band) } } : {}),
      ...(plan.milestoneCosts ? { milestoneCosts: plan.milestoneCosts.map((m) => ({ milestone: m.milestone, monthlyCost: money(m.monthlyCost), worstCaseMonthlyCost: money(m.worstCaseMonthlyCost) })) } : {}),
      ...(plan.compareRegion ? { compareRegion: regionComparisonJson(plan.compareRegion) } : {}),
      guardrails: guardrailCounts(plan),
      verdicts: plan.verdicts,
      notes: plan.notes,
    },
    pastBreakdown: breakdown(plan.resources, "before"),
    breakdown: breakdown(plan.resources, "after"),
    diff: diff(plan),
    summary: summary(plan),
  };
}

/** The document, as a JSON string with a trailing newline. */
export function renderJson(plans: readonly StackPlan[], options: JsonOptions = {}): string {
  const projects = plans.map(project);
  const total = sum(plans.map((p) => p.estimate.totalMonthlyCost));
  const past = sum(plans.map((p) => p.baseEstimate.totalMonthlyCost));
  const worst = sum(plans.map((p) => p.estimate.totalWorstCaseMonthlyCost));
  const doc = {
    version: "0.2",
    metadata: { generator: "cutlist plan", hoursPerMonth: HOURS_PER_MONTH },
    currency: "USD",
    projects,
    totalHourlyCost: hourly(total),
    totalMonthlyCost: money(total),
    totalWorstCaseMonthlyCost: money(worst),
    pastTotalHourlyCost: hourly(past),
    pastTotalMonthlyCost: money(past),
    diffTotalHourlyCost: hourly(sub(total, past)),
    diffTotalMonthlyCost: money(sub(total, past)),
    timeGenerated: (options.now ?? new Date()).toISOString(),
    summary: addSummaries(projects.map((p) => p.summary)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
