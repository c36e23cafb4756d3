/**
 * aws:autoscaling/group:Group — the instances the group runs, priced from the launch template
 * it references (instance type, root volume, public IPv4 per instance). Expected cost uses the
 * usage profile's `expected_instances` (average in service over the month), clamped to
 * [minSize, maxSize]; the worst case is maxSize all month.
 *
 * Discounts are lines of their own, never a lower list price: Spot hours (a mixed instances
 * policy with on-demand share below 100 %) at the expected Spot discount, and a Savings Plan or
 * reserved instances covering the always-on instances (`committed_instances`, at most minSize).
 * The worst case keeps the commitment but not the Spot discount (Spot prices can rise to
 * on-demand).
 */
import type { ResourceRecord } from "../../model/records";
import { num, obj, str } from "../../model/read";
import { fixedLine, noPriceFor } from "../lines";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import type { CostComponent, MapContext, Pricer, ResourceUsage, UsageOf } from "../types";
import { ec2RegionPrices, hostLines, instancePrice, type Ec2HostInput, type Ec2RegionPrices } from "./ec2Lines";
import { LAUNCH_TEMPLATE_TYPE, mapLaunchTemplate } from "./launchTemplate";

export interface AutoscalingGroupInput {
  readonly region: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity?: number;
  /** From the launch template; undefined when it cannot be resolved. */
  readonly host?: Ec2HostInput;
  readonly launchTemplateName?: string;
  /** Share of the instances above the on-demand base that run on Spot (0 without a mixed instances policy). */
  readonly spotShare: number;
  /** Instances always on demand before any Spot (`onDemandBaseCapacity`). */
  readonly onDemandBase: number;
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
  const distribution = obj(obj(inputs.mixedInstancesPolicy)?.instancesDistribution);
  // Provider defaults: base 0, 100 % on demand above it (no Spot unless asked).
  const onDemandPercent = distribution ? num(distribution.onDemandPercentageAboveBaseCapacity) ?? 100 : 100;
  return {
    region: ctx.regionOf(record),
    minSize,
    maxSize: Math.max(minSize, num(inputs.maxSize) ?? minSize),
    desiredCapacity: num(inputs.desiredCapacity),
    host,
    launchTemplateName: template?.name,
    spotShare: Math.max(0, Math.min(1, 1 - onDemandPercent / 100)),
    onDemandBase: distribution ? num(distribution.onDemandBaseCapacity) ?? 0 : 0,
  };
}

/** Average in-service instances: usage, else desired capacity, else minSize; within [min, max]. */
export function expectedInstances(input: AutoscalingGroupInput, usage: ResourceUsage): number {
  const wanted = usage.expected_instances ?? input.desiredCapacity ?? input.minSize;
  return Math.min(input.maxSize, Math.max(input.minSize, wanted));
}

/** The usage keys this pricer reads (Infracost's usage-file names where one exists), with their units. */
export const AUTOSCALING_GROUP_USAGE = {
  expected_instances: "average instances in service over the month (clamped to [minSize, maxSize]; default: desired capacity, else minSize)",
  spot_discount_percent: "expected Spot discount off on-demand for the group's Spot instances, percent (variable; without it Spot hours are priced at on-demand, their ceiling)",
  committed_instances: "always-on instances a Savings Plan or reserved instances cover (at most minSize, on-demand only)",
  commitment_discount_percent: "the commitment's discount off on-demand, percent",
  commitment_term_years: "the commitment's term, years (shown in the line's name)",
} as const;

/** Instance-hours at on-demand and on Spot for `count` instances in service on average. */
function split(input: AutoscalingGroupInput, count: number): { onDemand: number; spot: number } {
  const base = Math.min(count, input.onDemandBase);
  const spot = (count - base) * input.spotShare;
  return { onDemand: count - spot, spot };
}

function discountLines(input: AutoscalingGroupInput, usage: UsageOf<typeof AUTOSCALING_GROUP_USAGE>, count: number, withSpot: boolean, prices: Ec2RegionPrices): CostComponent[] {
  const hourly = instancePrice(prices, input.host?.instanceType);
  if (hourly === undefined) return [];
  const lines: CostComponent[] = [];
  const { onDemand, spot } = split(input, count);
  if (withSpot && spot > 0 && usage.spot_discount_percent !== undefined && usage.spot_discount_percent > 0) {
    const pct = usage.spot_discount_percent;
    lines.push(fixedLine(`Spot discount (${pct} % below on-demand, expected; Spot prices vary)`, "hours", mul(HOURS_PER_MONTH, spot), -mul(hourly, pct / 100)));
  }
  const committed = Math.min(usage.committed_instances ?? 0, input.minSize, onDemand);
  const pct = usage.commitment_discount_percent;
  if (committed > 0 && pct !== undefined && pct > 0) {
    const term = usage.commitment_term_years !== undefined ? `${usage.commitment_term_years} yr, ` : "";
    lines.push(fixedLine(`Commitment discount (${term}${pct} % on ${committed} always-on instance${committed === 1 ? "" : "s"})`, "hours", mul(HOURS_PER_MONTH, committed), -mul(hourly, pct / 100)));
  }
  return lines;
}

export const autoscalingGroupPricer: Pricer<AutoscalingGroupInput, typeof AUTOSCALING_GROUP_USAGE> = {
  type: "aws:autoscaling/group:Group",
  usageSchema: AUTOSCALING_GROUP_USAGE,
  map: mapAutoscalingGroup,
  /** Usage: `expected_instances` (average instances in service over the month). */
  price(input, usage) {
    if (!input.host) {
      return { status: "not-priced", costComponents: [], note: "Launch template not found among the group's dependencies; instance type unknown" };
    }
    const expected = expectedInstances(input, usage);
    const prices = ec2RegionPrices(input.region);
    if (!prices) return noPriceFor(input.region);
    const costComponents = [...hostLines(input.host, expected, prices), ...discountLines(input, usage, expected, true, prices)];
    const worstCaseCostComponents = [...hostLines(input.host, input.maxSize, prices), ...discountLines(input, usage, input.maxSize, false, prices)];
    const spot = input.spotShare > 0 ? `; ${Math.round(input.spotShare * 100)} % Spot above ${input.onDemandBase} on demand${usage.spot_discount_percent === undefined ? " (priced at on-demand: no expected discount given)" : ""}` : "";
    const range = `${input.minSize}-${input.maxSize} instances; expected ${expected}, worst case ${input.maxSize}${spot}`;
    if (instancePrice(prices, input.host.instanceType) === undefined) {
      return { status: "not-priced", costComponents, worstCaseCostComponents, note: `No price for instance type ${input.host.instanceType ?? "(unknown)"}; ${range}` };
    }
    return { costComponents, worstCaseCostComponents, note: range };
  },
};
