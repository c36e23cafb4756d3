/** Neon compute lines shared by the project (its read-write compute) and extra endpoints. */
import { freeLine, quantity, usageLine } from "../lines";
import { mul, sub, sum } from "../../model/money";
import { PRICES } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type CostComponent, type FreeTierPool, type ResourceUsage } from "../types";

export type NeonPlanName = "free" | "launch" | "scale";

export interface NeonComputeInput {
  readonly plan: NeonPlanName;
  readonly minCu?: number;
  readonly maxCu?: number;
  /** -1 never suspends (always on); 0 = Neon's default 300 s; undefined = unknown. */
  readonly suspendTimeoutSeconds?: number;
  /** "read_write" or "read_only". */
  readonly endpointType: string;
  /** The project whose Free-plan allowance this compute draws on (its URN). */
  readonly projectKey: string;
}

export function neonPlan(value: unknown): NeonPlanName | undefined {
  return value === "free" || value === "launch" || value === "scale" ? value : undefined;
}

function cuRange(input: NeonComputeInput): string {
  return input.minCu === undefined ? "" : input.minCu === input.maxCu || input.maxCu === undefined ? `, ${input.minCu} CU` : `, ${input.minCu}-${input.maxCu} CU`;
}

/**
 * CU-hours over the month. Usage: `monthly_active_hours` (hours the compute runs; 730 when it
 * never suspends), `monthly_busy_hours` (of those, hours under load), `busy_cu_load_fraction`
 * (where the autoscaler sits between minCu and maxCu under load; at minCu otherwise), or
 * `average_cu` to set the average size directly.
 */
export function neonCuHours(input: NeonComputeInput, usage: ResourceUsage): number | undefined {
  const alwaysOn = input.suspendTimeoutSeconds === -1;
  const hours = alwaysOn ? HOURS_PER_MONTH : usage.monthly_active_hours === undefined ? undefined : Math.min(HOURS_PER_MONTH, usage.monthly_active_hours);
  if (hours === undefined) return undefined;
  const min = input.minCu;
  const max = input.maxCu ?? min;
  if (usage.average_cu !== undefined) {
    const cu = Math.min(max ?? Infinity, Math.max(min ?? 0, usage.average_cu));
    return quantity(mul(hours, cu));
  }
  if (min === undefined || max === undefined) return undefined;
  const busy = Math.min(hours, usage.monthly_busy_hours ?? 0);
  const busyCu = min + (max - min) * (usage.busy_cu_load_fraction ?? 0);
  return quantity(sum([mul(busy, busyCu), mul(hours - busy, min)]));
}

export function neonComputeLines(input: NeonComputeInput, usage: ResourceUsage, pool: FreeTierPool): { lines: CostComponent[]; note?: string } {
  const plan = PRICES.neon[input.plan];
  const cuHours = neonCuHours(input, usage);
  const name = `Compute (${input.plan}, ${input.endpointType}${cuRange(input)})`;
  if (input.plan !== "free") return { lines: [usageLine(name, "CU-hours", cuHours, plan.cu_hour)] };
  const included = plan.included_cu_hours_per_project_month;
  if (cuHours === undefined) return { lines: [{ ...freeLine(`Compute (free plan, first ${included} CU-hours per project included)`, "CU-hours", 0), monthlyQuantity: null, note: "Monthly usage unknown; the Free plan bills nothing and suspends computes past its allowance" }] };
  const covered = pool.take(`neon_free_cu_hours:${input.projectKey}`, included, cuHours);
  const short = sub(cuHours, covered);
  return {
    lines: [freeLine(`Compute (free plan, first ${included} CU-hours per project included)`, "CU-hours", covered)],
    note: short > 0 ? `Expected ${cuHours} CU-hours exceed the Free plan's ${included} per project: computes would be suspended for about ${short} CU-hours a month` : undefined,
  };
}

/** Storage for the project's branches: Launch/Scale per GB-month; Free includes 0.5 GB (a cap). Usage: `storage_gb`. */
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
