/**
 * aws:route53/zone:Zone — a hosted zone a month: $0.50 for each of the account's first 25
 * zones, $0.10 beyond (counted in record order). Route 53 is global: one price whatever the
 * provider's region. A zone deleted within 12 hours of creation is not billed.
 */
import type { Pricer } from "../types";
import { fixedLine } from "../lines";
import { ROUTE53 } from "../prices";

export type Route53ZoneInput = Record<string, never>;

/** Zones billed at the first-tier price, account-wide. */
const FIRST_TIER_ZONES = 25;

export const route53ZonePricer: Pricer<Route53ZoneInput> = {
  type: "aws:route53/zone:Zone",
  usageSchema: {},
  map: () => ({}),
  price(_input, _usage, ctx) {
    const first = ctx.freeTier.take("route53_first_25_zones", FIRST_TIER_ZONES, 1);
    return { costComponents: [first > 0 ? fixedLine("Hosted zone", "months", 1, ROUTE53.hosted_zone_month_first_25) : fixedLine("Hosted zone (over 25)", "months", 1, ROUTE53.hosted_zone_month_over_25)] };
  },
};
