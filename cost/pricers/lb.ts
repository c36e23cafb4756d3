/**
 * aws:lb/loadBalancer:LoadBalancer — Application Load Balancer hours, Load Balancer Capacity
 * Units from usage, and one public IPv4 per subnet (AZ) when internet-facing.
 */
import type { ResourceRecord } from "../../model/records";
import { arr, bool, str } from "../../model/read";
import { fixedLine, noPriceFor, usageLine } from "../lines";
import { mul } from "../../model/money";
import { albPrices, publicIpv4Hourly, type AlbPrices } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type MapContext, type Pricer, type ResourceUsage } from "../types";

export interface LoadBalancerInput {
  readonly region: string;
  /** "application" (the provider default), "network" or "gateway". */
  readonly loadBalancerType: string;
  /** Internal load balancers have no public addresses. Default false (internet-facing). */
  readonly internal: boolean;
  /** One node, and one public IPv4, per subnet/AZ. */
  readonly zones: number;
}

/** ALBs need at least two zones; used when the subnet list is unknown at preview. */
export const DEFAULT_ALB_ZONES = 2;

export function mapLoadBalancer(record: ResourceRecord, ctx: MapContext): LoadBalancerInput {
  const inputs = record.inputs;
  const subnets = arr(inputs.subnets) ?? arr(inputs.subnetMappings);
  return {
    region: ctx.regionOf(record),
    loadBalancerType: str(inputs.loadBalancerType) ?? "application", // provider default
    internal: bool(inputs.internal) ?? false, // provider default: internet-facing
    zones: subnets && subnets.length > 0 ? subnets.length : DEFAULT_ALB_ZONES,
  };
}

/**
 * LCUs per hour: the highest of the four dimensions (usage keys as Infracost's aws_lb):
 * `new_connections` per second, `active_connections` per minute, `processed_bytes_gb` per hour,
 * `rule_evaluations` per second (the first 10 rules per request are free).
 */
export function lcusPerHour(usage: ResourceUsage, alb: AlbPrices): number | undefined {
  const keys = ["new_connections", "active_connections", "processed_bytes_gb", "rule_evaluations"];
  if (keys.every((k) => usage[k] === undefined)) return undefined;
  return Math.max(
    (usage.new_connections ?? 0) / alb.lcu_new_connections_per_second,
    (usage.active_connections ?? 0) / alb.lcu_active_connections_per_minute,
    (usage.processed_bytes_gb ?? 0) / alb.lcu_processed_gb_per_hour,
    (usage.rule_evaluations ?? 0) / alb.lcu_rule_evaluations_per_second,
  );
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const LOAD_BALANCER_USAGE = {
  new_connections: "new connections per second",
  active_connections: "active connections per minute",
  processed_bytes_gb: "GB processed per hour",
  rule_evaluations: "rule evaluations per second (beyond the 10 free per request)",
} as const;

export const loadBalancerPricer: Pricer<LoadBalancerInput, typeof LOAD_BALANCER_USAGE> = {
  type: "aws:lb/loadBalancer:LoadBalancer",
  usageSchema: LOAD_BALANCER_USAGE,
  map: mapLoadBalancer,
  price(input, usage) {
    if (input.loadBalancerType !== "application") {
      return { status: "not-priced", costComponents: [], note: `Only application load balancers are priced; this one is "${input.loadBalancerType}"` };
    }
    const alb = albPrices(input.region);
    const ipv4 = publicIpv4Hourly(input.region);
    if (!alb || ipv4 === undefined) return noPriceFor(input.region);
    const lcus = lcusPerHour(usage, alb);
    const costComponents = [
      fixedLine("Application load balancer", "hours", HOURS_PER_MONTH, alb.hour),
      usageLine("Load balancer capacity units", "LCU-hours", lcus === undefined ? undefined : mul(lcus, HOURS_PER_MONTH), alb.lcu_hour),
    ];
    if (!input.internal) {
      costComponents.push(fixedLine(`Public IPv4 addresses (one per zone, ${input.zones} zones)`, "hours", mul(HOURS_PER_MONTH, input.zones), ipv4));
    }
    return { costComponents };
  },
};

/** The same resource under its older `aws.alb` module name. */
export const albLoadBalancerPricer: Pricer<LoadBalancerInput, typeof LOAD_BALANCER_USAGE> = { ...loadBalancerPricer, type: "aws:alb/loadBalancer:LoadBalancer" };
