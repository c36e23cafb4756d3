/**
 * pulumi-nodejs:dynamic/neon:Project — a Neon project with its read-write compute (inputs
 * `plan`, `minCu`, `maxCu`, `suspendTimeoutSeconds` from components/neon/project.ts), its
 * storage, instant-restore history, egress and snapshots. Free includes 100 CU-hours and
 * 5 GB of egress per project-month (shown as lines; no overage, the compute suspends);
 * Launch and Scale bill CU-hours, GB-months and egress past 100 GB.
 */
import type { ResourceRecord } from "../../model/records";
import { num } from "../../model/read";
import { usageLine } from "../lines";
import { PRICES } from "../prices";
import type { Pricer } from "../types";
import { NEON_COMPUTE_USAGE, neonComputeLines, neonEgressLines, neonPlan, neonStorageLines, type NeonComputeInput } from "./neonCompute";

export const NEON_PROJECT_TYPE = "pulumi-nodejs:dynamic/neon:Project";

export interface NeonProjectInput extends NeonComputeInput {
  /** False when `plan` is missing or not one of free | launch | scale. */
  readonly planKnown: boolean;
}

export function mapNeonProject(record: ResourceRecord): NeonProjectInput {
  const inputs = record.inputs;
  const plan = neonPlan(inputs.plan);
  return {
    planKnown: plan !== undefined,
    plan: plan ?? "launch",
    minCu: num(inputs.minCu),
    maxCu: num(inputs.maxCu),
    suspendTimeoutSeconds: num(inputs.suspendTimeoutSeconds),
    endpointType: "read_write", // the project's default branch compute
    projectKey: record.urn,
  };
}

/** The usage keys this pricer reads, with their units. */
export const NEON_PROJECT_USAGE = {
  ...NEON_COMPUTE_USAGE,
  storage_gb: "GB stored on the branches",
  history_storage_gb: "GB of instant-restore history (changes kept for point-in-time restore)",
  monthly_egress_gb: "GB a month the read-write compute sends out (query results)",
  snapshot_storage_gb: "GB of snapshots kept",
} as const;

export const neonProjectPricer: Pricer<NeonProjectInput, typeof NEON_PROJECT_USAGE> = {
  type: NEON_PROJECT_TYPE,
  usageSchema: NEON_PROJECT_USAGE,
  map: mapNeonProject,
  price(input, usage, ctx) {
    if (!input.planKnown) return { status: "not-priced", costComponents: [], note: "Neon plan missing or unknown (expected free, launch or scale)" };
    const plan = PRICES.neon[input.plan];
    const compute = neonComputeLines(input, usage, ctx.freeTier);
    const storage = neonStorageLines(input.plan, usage.storage_gb);
    const egress = neonEgressLines(input.plan, input.projectKey, usage.monthly_egress_gb, ctx.freeTier);
    // Free keeps a short history and no snapshots at no charge; paid plans bill both.
    const data = input.plan === "free" ? [] : [
      usageLine("Instant-restore history storage", "GB", usage.history_storage_gb, plan.history_gb_month),
      ...(usage.snapshot_storage_gb !== undefined ? [usageLine("Snapshot storage", "GB", usage.snapshot_storage_gb, plan.snapshot_gb_month)] : []),
    ];
    const rest = [...storage.lines, ...data, ...egress.lines];
    const notes = [compute.note, storage.note, egress.note].filter(Boolean);
    return {
      costComponents: [...compute.lines, ...rest],
      worstCaseCostComponents: [...compute.worstLines, ...rest],
      note: notes.length ? notes.join("; ") : undefined,
      metrics: {
        ...(compute.cuHours !== undefined ? { cu_hours: compute.cuHours } : {}),
        ...(usage.monthly_egress_gb !== undefined ? { egress_gb: usage.monthly_egress_gb } : {}),
      },
    };
  },
};
