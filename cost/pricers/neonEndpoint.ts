/**
 * pulumi-nodejs:dynamic/neon:Endpoint — an extra compute on a branch (a read replica is
 * `type: "read_only"`), billed by its own CU-hours at the plan's price (inputs from
 * components/neon/endpoint.ts). On Free it draws on its project's 100 CU-hour allowance.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import type { MapContext, Pricer } from "../types";
import { neonComputeLines, neonPlan, type NeonComputeInput } from "./neonCompute";
import { NEON_PROJECT_TYPE } from "./neonProject";

export interface NeonEndpointInput extends NeonComputeInput {
  readonly planKnown: boolean;
}

export function mapNeonEndpoint(record: ResourceRecord, ctx: MapContext): NeonEndpointInput {
  const inputs = record.inputs;
  const project = ctx.dependenciesOfType(record, NEON_PROJECT_TYPE)[0];
  const plan = neonPlan(inputs.plan) ?? neonPlan(project?.inputs.plan); // the project's plan if the endpoint does not say
  return {
    planKnown: plan !== undefined,
    plan: plan ?? "launch",
    minCu: num(inputs.minCu),
    maxCu: num(inputs.maxCu),
    suspendTimeoutSeconds: num(inputs.suspendTimeoutSeconds),
    endpointType: str(inputs.type) ?? "read_write", // Neon's default endpoint type
    projectKey: project?.urn ?? record.urn,
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const NEON_ENDPOINT_USAGE = {
  monthly_active_hours: "hours the compute runs a month (730 when it never suspends)",
  monthly_busy_hours: "of those, hours under load",
  busy_cu_load_fraction: "where the autoscaler sits between minCu and maxCu under load (0 to 1)",
  average_cu: "average compute size, CU (overrides the busy-hour model)",
} as const;

export const neonEndpointPricer: Pricer<NeonEndpointInput, typeof NEON_ENDPOINT_USAGE> = {
  type: "pulumi-nodejs:dynamic/neon:Endpoint",
  usageSchema: NEON_ENDPOINT_USAGE,
  map: mapNeonEndpoint,
  /** Usage: `monthly_active_hours`, `average_cu`. */
  price(input, usage, ctx) {
    if (!input.planKnown) return { status: "not-priced", costComponents: [], note: "Neon plan missing or unknown (expected free, launch or scale)" };
    const compute = neonComputeLines(input, usage, ctx.freeTier);
    return { costComponents: compute.lines, note: compute.note };
  },
};
