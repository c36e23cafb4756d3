/**
 * aws:autoscaling/group:Group — the instances the group runs, priced from the launch template
 * it references (instance type, root volume, public IPv4 per instance). Expected cost uses the
 * usage profile's `expected_instances` (average in service over the month), clamped to
 * [minSize, maxSize]; the worst case is maxSize all month.
 */
import type { ResourceRecord } from "../../model/records";
import { num, obj, str } from "../../model/read";
import { noPriceFor } from "../lines";
import type { MapContext, Pricer, ResourceUsage } from "../types";
import { ec2RegionPrices, hostLines, instancePrice, type Ec2HostInput } from "./ec2Lines";
import { LAUNCH_TEMPLATE_TYPE, mapLaunchTemplate } from "./launchTemplate";

export interface AutoscalingGroupInput {
  readonly region: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity?: number;
  /** From the launch template; undefined when it cannot be resolved. */
  readonly host?: Ec2HostInput;
  readonly launchTemplateName?: string;
}

/**
 * The template is referenced by id, unknown at preview: resolve it through the group's
 * dependencies (a dependency of type LaunchTemplate), or by name when the program gives one.
 */
export function resolveLaunchTemplate(record: ResourceRecord, ctx: MapContext): ResourceRecord | undefined {
  const ref = obj(record.inputs.launchTemplate) ?? obj(obj(obj(record.inputs.mixedInstancesPolicy)?.launchTemplate)?.launchTemplateSpecification);
  const candidates = ctx.dependenciesOfType(record, LAUNCH_TEMPLATE_TYPE);
  const byName = str(ref?.name);
  if (byName) {
    const named = ctx.recording.resources.find((r) => r.type === LAUNCH_TEMPLATE_TYPE && (str(r.inputs.name) === byName || r.name === byName));
    if (named) return named;
  }
  return candidates.length === 1 ? candidates[0] : candidates.find((c) => c.name === record.name) ?? candidates[0];
}

export function mapAutoscalingGroup(record: ResourceRecord, ctx: MapContext): AutoscalingGroupInput {
  const inputs = record.inputs;
  const template = resolveLaunchTemplate(record, ctx);
  let host = template ? mapLaunchTemplate(template) : undefined;
  // A mixed instances policy's first override decides the type we price.
  const override = obj((obj(obj(inputs.mixedInstancesPolicy)?.launchTemplate)?.overrides as unknown[] | undefined)?.[0]);
  if (host && str(override?.instanceType)) host = { ...host, instanceType: str(override?.instanceType) };
  const minSize = num(inputs.minSize) ?? 0; // required by the provider; 0 only if unknown
  return {
    region: ctx.regionOf(record),
    minSize,
    maxSize: Math.max(minSize, num(inputs.maxSize) ?? minSize),
    desiredCapacity: num(inputs.desiredCapacity),
    host,
    launchTemplateName: template?.name,
  };
}

/** Average in-service instances: usage, else desired capacity, else minSize; within [min, max]. */
export function expectedInstances(input: AutoscalingGroupInput, usage: ResourceUsage): number {
  const wanted = usage.expected_instances ?? input.desiredCapacity ?? input.minSize;
  return Math.min(input.maxSize, Math.max(input.minSize, wanted));
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const AUTOSCALING_GROUP_USAGE = {
  expected_instances: "average instances in service over the month (clamped to [minSize, maxSize]; default: desired capacity, else minSize)",
} as const;

export const autoscalingGroupPricer: Pricer<AutoscalingGroupInput, typeof AUTOSCALING_GROUP_USAGE> = {
  type: "aws:autoscaling/group:Group",
  usageSchema: AUTOSCALING_GROUP_USAGE,
  map: mapAutoscalingGroup,
  /** Usage: `expected_instances` (average instances in service over the month). */
  price(input, usage) {
    if (!input.host) {
      return { status: "not-priced", costComponents: [], note: "Launch template not found among the group's dependencies; instance type unknown" };
    }
    const prices = ec2RegionPrices(input.region);
    if (!prices) return noPriceFor(input.region);
    const expected = expectedInstances(input, usage);
    const costComponents = hostLines(input.host, expected, prices);
    const worstCaseCostComponents = hostLines(input.host, input.maxSize, prices);
    const range = `${input.minSize}-${input.maxSize} instances; expected ${expected}, worst case ${input.maxSize}`;
    if (instancePrice(prices, input.host.instanceType) === undefined) {
      return { status: "not-priced", costComponents, worstCaseCostComponents, note: `No price for instance type ${input.host.instanceType ?? "(unknown)"}; ${range}` };
    }
    return { costComponents, worstCaseCostComponents, note: range };
  },
};
