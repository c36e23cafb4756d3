/**
 * Neon compute and data lines shared by the project (its read-write compute and storage) and
 * extra endpoints (read replicas): CU-hours that follow the load, Free's allowances, storage,
 * instant-restore history, egress and snapshots.
 */
import { freeLine, quantity, usageLine, withFreeTier } from "../lines";
import { mul, sub, sum } from "../../model/money";
import { PRICES } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import type { CostComponent, FreeTierPool, ResourceUsage } from "../types";

export type NeonPlanName = "free" | "launch" | "scale";

export interface NeonComputeInput {
  readonly plan: NeonPlanName;
  readonly minCu?: number;
  readonly maxCu?: number;
  /** -1 never suspends (always on); 0 = Neon's default 300 s; undefined = unknown. */
  readonly suspendTimeoutSeconds?: number;
  /** "read_write" or "read_only". */
  readonly endpointType: string;
  /** The project whose allowances this compute draws on (its URN). */
  readonly projectKey: string;
}

export function neonPlan(value: unknown): NeonPlanName | undefined {
  return value === "free" || value === "launch" || value === "scale" ? value : undefined;
}

/** The usage keys of a Neon compute (Infracost has no Neon resource: our names, same conventions). */
export const NEON_COMPUTE_USAGE = {
  monthly_busy_hours: "hours a month under the busy-hour load",
  busy_demand_cu: "CU the busy-hour load needs (queries × CPU per query); the autoscaler holds it within [minCu, maxCu]",
  monthly_off_peak_hours: "hours a month at the lighter off-peak load",
  off_peak_demand_cu: "CU the off-peak load needs",
  peak_demand_cu: "CU the peak load needs; not billed (the autoscaler meets it for minutes), checked against maxCu by the capacity-db-compute guardrail",
  monthly_idle_hours: "hours a month with no queries: suspended when the compute scales to zero, else at minCu",
  monthly_active_hours: "hours the compute runs a month, with average_cu: the simple form when the load profile is unknown",
  average_cu: "average compute size over the active hours, CU (with monthly_active_hours)",
} as const;

function cuRange(input: NeonComputeInput): string {
  return input.minCu === undefined ? "" : input.minCu === input.maxCu || input.maxCu === undefined ? `, ${input.minCu} CU` : `, ${input.minCu}-${input.maxCu} CU`;
}

/** The size the autoscaler holds for a demand: the demand, within [minCu, maxCu]. */
function held(demand: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, demand));
}

/**
 * Expected and worst-case CU-hours over the month. The expected compute follows the load:
 * busy and off-peak hours at the CU their demand needs (never below minCu, never above maxCu),
 * idle hours suspended where the compute scales to zero (at minCu where it never suspends).
 * maxCu only drives the worst case: every active hour at the maximum. Undefined when unknown.
 */
export function neonCuHours(input: NeonComputeInput, usage: ResourceUsage): { expected: number; worst: number } | undefined {
  const min = input.minCu;
  const max = input.maxCu ?? min;
  if (min === undefined || max === undefined) return undefined;
  const alwaysOn = input.suspendTimeoutSeconds === -1;
  if (usage.average_cu !== undefined || usage.monthly_active_hours !== undefined) {
    const hours = alwaysOn ? HOURS_PER_MONTH : Math.min(HOURS_PER_MONTH, usage.monthly_active_hours ?? HOURS_PER_MONTH);
    return { expected: quantity(mul(hours, held(usage.average_cu ?? min, min, max))), worst: quantity(mul(hours, max)) };
  }
  const busy = usage.monthly_busy_hours;
  const offPeak = usage.monthly_off_peak_hours ?? 0;
  const idle = usage.monthly_idle_hours ?? 0;
  if (busy === undefined) return alwaysOn ? { expected: quantity(mul(HOURS_PER_MONTH, min)), worst: quantity(mul(HOURS_PER_MONTH, max)) } : undefined;
  const idleCu = alwaysOn ? min : 0;
  const expected = sum([mul(busy, held(usage.busy_demand_cu ?? min, min, max)), mul(offPeak, held(usage.off_peak_demand_cu ?? min, min, max)), mul(idle, idleCu)]);
  const worst = sum([mul(busy + offPeak, max), mul(idle, idleCu)]);
  return { expected: quantity(expected), worst: quantity(worst) };
}

export interface NeonComputeLines {
  readonly lines: CostComponent[];
  readonly worstLines: CostComponent[];
  readonly cuHours?: number;
  readonly note?: string;
}

export function neonComputeLines(input: NeonComputeInput, usage: ResourceUsage, pool: FreeTierPool): NeonComputeLines {
  const plan = PRICES.neon[input.plan];
  const cu = neonCuHours(input, usage);
  const name = `Compute (${input.plan}, ${input.endpointType}${cuRange(input)})`;
  if (input.plan !== "free") {
    return {
      lines: [usageLine(name, "CU-hours", cu?.expected, plan.cu_hour)],
      worstLines: [usageLine(name, "CU-hours", cu?.worst, plan.cu_hour)],
      cuHours: cu?.expected,
    };
  }
  const included = plan.included_cu_hours_per_project_month;
  const freeName = `Compute (free plan, first ${included} CU-hours per project included)`;
  if (cu === undefined) {
    const line = { ...freeLine(freeName, "CU-hours", 0), monthlyQuantity: null, note: "Monthly usage unknown; the Free plan bills nothing and suspends computes past its allowance" };
    return { lines: [line], worstLines: [line] };
  }
  const covered = pool.take(`neon_free_cu_hours:${input.projectKey}`, included, cu.expected);
  const short = sub(cu.expected, covered);
  return {
    lines: [freeLine(freeName, "CU-hours", covered)],
    worstLines: [freeLine(freeName, "CU-hours", Math.min(included, cu.worst))],
    cuHours: cu.expected,
    note: short > 0 ? `Expected ${cu.expected} CU-hours exceed the Free plan's ${included} per project: computes would be suspended for ${short} CU-hours a month` : undefined,
  };
}

/** Storage for the project's branches: Launch/Scale per GB-month; Free includes 0.5 GB (a cap). */
export function neonStorageLines(planName: NeonPlanName, storageGb: number | undefined): { lines: CostComponent[]; note?: string } {
  const plan = PRICES.neon[planName];
  if (planName !== "free") return { lines: [usageLine("Storage", "GB", storageGb, plan.storage_gb_month)] };
  const cap = plan.included_storage_gb;
  if (storageGb === undefined) return { lines: [{ ...freeLine(`Storage (free plan, ${cap} GB included)`, "GB", 0), monthlyQuantity: null }] };
  return {
    lines: [freeLine(`Storage (free plan, ${cap} GB included)`, "GB", Math.min(cap, storageGb))],
    note: storageGb > cap ? `Expected ${storageGb} GB exceeds the Free plan's ${cap} GB storage cap` : undefined,
  };
}

/**
 * Data a project's computes send out (query results to the app): Free includes 5 GB (then the
 * computes are suspended), Launch and Scale include 100 GB then bill per GB. One allowance per
 * project, shared by its computes.
 */
export function neonEgressLines(planName: NeonPlanName, projectKey: string, egressGb: number | undefined, pool: FreeTierPool): { lines: CostComponent[]; note?: string } {
  const plan = PRICES.neon[planName];
  const included = plan.included_egress_gb;
  if (planName === "free") {
    if (egressGb === undefined) return { lines: [] };
    const covered = pool.take(`neon_egress_gb:${projectKey}`, included, egressGb);
    const short = sub(egressGb, covered);
    return {
      lines: [freeLine(`Egress (free plan, first ${included} GB included)`, "GB", covered)],
      note: short > 0 ? `Expected ${egressGb} GB of egress exceeds the Free plan's ${included} GB: computes would be suspended once it is used up` : undefined,
    };
  }
  return { lines: withFreeTier(pool, { key: `neon_egress_gb:${projectKey}`, total: included, name: `Egress (first ${included} GB included)` }, "Egress", "GB", egressGb, plan.egress_gb) };
}
