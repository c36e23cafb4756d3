/**
 * pulumi-nodejs:dynamic/neon:Endpoint — an extra compute on a branch (a read replica is
 * `type: "read_only"`), billed by its own CU-hours at the plan's price (inputs from
 * components/neon/endpoint.ts), its egress counted against its project's allowance. On Free it
 * draws on its project's 100 CU-hour allowance.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import type { MapContext, Pricer } from "../types";
import { NEON_COMPUTE_USAGE, neonComputeLines, neonEgressLines, neonPlan, type NeonComputeInput } from "./neonCompute";
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

/** The usage keys this pricer reads, with their units. */
export const NEON_ENDPOINT_USAGE = {
  ...NEON_COMPUTE_USAGE,
  monthly_egress_gb: "GB a month this compute sends out (query results), counted against its project's allowance",
} as const;

export const neonEndpointPricer: Pricer<NeonEndpointInput, typeof NEON_ENDPOINT_USAGE> = {
  type: "pulumi-nodejs:dynamic/neon:Endpoint",
  usageSchema: NEON_ENDPOINT_USAGE,
  map: mapNeonEndpoint,
  price(input, usage, ctx) {
    if (!input.planKnown) return { status: "not-priced", costComponents: [], note: "Neon plan missing or unknown (expected free, launch or scale)" };
    const compute = neonComputeLines(input, usage, ctx.freeTier);
    const egress = neonEgressLines(input.plan, input.projectKey, usage.monthly_egress_gb, ctx.freeTier);
    const notes = [compute.note, egress.note].filter(Boolean);
    return {
      costComponents: [...compute.lines, ...egress.lines],
      worstCaseCostComponents: [...compute.worstLines, ...egress.lines],
      note: notes.length ? notes.join("; ") : undefined,
      metrics: {
        ...(compute.cuHours !== undefined ? { cu_hours: compute.cuHours } : {}),
        ...(usage.monthly_egress_gb !== undefined ? { egress_gb: usage.monthly_egress_gb } : {}),
      },
    };
  },
};
