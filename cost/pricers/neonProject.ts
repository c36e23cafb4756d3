/**
 * pulumi-nodejs:dynamic/neon:Project — a Neon project with its read-write compute (inputs
 * `plan`, `minCu`, `maxCu`, `suspendTimeoutSeconds` from components/neon/project.ts) and its
 * storage. Free includes 100 CU-hours per project-month (shown as a line; no overage, the
 * compute suspends); Launch and Scale bill CU-hours and GB-months.
 */
import type { ResourceRecord } from "../../model/records";
import { num } from "../../model/read";
import type { Pricer } from "../types";
import { neonComputeLines, neonPlan, neonStorageLines, type NeonComputeInput } from "./neonCompute";

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

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const NEON_PROJECT_USAGE = {
  monthly_active_hours: "hours the read-write compute runs a month (730 when it never suspends)",
  monthly_busy_hours: "of those, hours under load",
  busy_cu_load_fraction: "where the autoscaler sits between minCu and maxCu under load (0 to 1)",
  average_cu: "average compute size, CU (overrides the busy-hour model)",
  storage_gb: "GB stored on the branches",
} as const;

export const neonProjectPricer: Pricer<NeonProjectInput, typeof NEON_PROJECT_USAGE> = {
  type: NEON_PROJECT_TYPE,
  usageSchema: NEON_PROJECT_USAGE,
  map: mapNeonProject,
  /** Usage: `monthly_active_hours`, `average_cu` (read-write compute), `storage_gb`. */
  price(input, usage, ctx) {
    if (!input.planKnown) return { status: "not-priced", costComponents: [], note: "Neon plan missing or unknown (expected free, launch or scale)" };
    const compute = neonComputeLines(input, usage, ctx.freeTier);
    const storage = neonStorageLines(input.plan, usage.storage_gb);
    const notes = [compute.note, storage.note].filter(Boolean);
    return { costComponents: [...compute.lines, ...storage.lines], note: notes.length ? notes.join("; ") : undefined };
  },
};
