/**
 * aws:route53/record:Record — DNS queries from usage, by routing policy (standard, latency,
 * geo), $X per million for the first billion a month and half that beyond (counted
 * account-wide). Global: one price whatever the provider's region.
 */
import type { ResourceRecord } from "../../model/records";
import { list, obj } from "../../model/read";
import { per, pooledTierLines } from "../lines";
import { ROUTE53 } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface Route53RecordInput {
  /** "standard", "latency" or "geo". */
  readonly policy: "standard" | "latency" | "geo";
  readonly alias: boolean;
}

export function mapRoute53Record(record: ResourceRecord, _ctx: MapContext): Route53RecordInput {
  const i = record.inputs;
  const geo = list(i.geolocationRoutingPolicies).length > 0 || obj(i.geoproximityRoutingPolicy) !== undefined;
  const policy = list(i.latencyRoutingPolicies).length > 0 ? "latency" : geo ? "geo" : "standard";
  return { policy, alias: list(i.aliases).length > 0 };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const ROUTE53_RECORD_USAGE = {
  monthly_standard_queries: "standard queries a month",
  monthly_latency_based_queries: "latency-based routing queries a month",
  monthly_geo_queries: "geo DNS queries a month",
} as const;

const KIND = {
  standard: { key: "monthly_standard_queries", label: "Standard queries", first: ROUTE53.standard_queries_1m_first_1b, over: ROUTE53.standard_queries_1m_over_1b },
  latency: { key: "monthly_latency_based_queries", label: "Latency based routing queries", first: ROUTE53.latency_queries_1m_first_1b, over: ROUTE53.latency_queries_1m_over_1b },
  geo: { key: "monthly_geo_queries", label: "Geo DNS queries", first: ROUTE53.geo_queries_1m_first_1b, over: ROUTE53.geo_queries_1m_over_1b },
} as const;

export const route53RecordPricer: Pricer<Route53RecordInput, typeof ROUTE53_RECORD_USAGE> = {
  type: "aws:route53/record:Record",
  usageSchema: ROUTE53_RECORD_USAGE,
  map: mapRoute53Record,
  price(input, usage, ctx) {
    const k = KIND[input.policy];
    const tiers = [{ upTo: 1000, price: k.first }, { upTo: null, price: k.over }]; // in millions of queries
    const names = [`${k.label} (first 1B)`, `${k.label} (over 1B)`];
    return {
      costComponents: pooledTierLines(ctx.freeTier, `route53_${input.policy}_queries`, (i) => names[i], "1M queries", per(usage[k.key], 1_000_000), tiers),
      note: input.alias ? "alias record: queries to alias records that point at AWS resources are commonly free (not confirmed in our sources)" : undefined,
    };
  },
};
