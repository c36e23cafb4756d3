/**
 * aws:cloudfront/distribution:Distribution — data transfer out to viewers and HTTPS/HTTP
 * requests from usage, after the always-free tier (1 TB and 10M requests a month, account-wide),
 * which shows as its own lines.
 */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { freeLine, quantity, tieredLines, usageLine, withFreeTier } from "../lines";
import { div } from "../../model/money";
import { PRICES } from "../prices";
import type { CostComponent, Pricer } from "../types";

export interface DistributionInput {
  /** PriceClass_All (the provider default), PriceClass_200 or PriceClass_100. */
  readonly priceClass: string;
}

export function mapDistribution(record: ResourceRecord): DistributionInput {
  return { priceClass: str(record.inputs.priceClass) ?? "PriceClass_All" };
}

const TIER_LABELS = ["first 10TB", "next 40TB", "next 100TB", "next 350TB", "next 524TB", "next 4PB", "over 5PB"];

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const DISTRIBUTION_USAGE = {
  monthly_data_transfer_to_internet_gb: "GB a month served to viewers",
  monthly_https_requests: "HTTPS requests a month",
  monthly_http_requests: "HTTP requests a month",
} as const;

export const distributionPricer: Pricer<DistributionInput, typeof DISTRIBUTION_USAGE> = {
  type: "aws:cloudfront/distribution:Distribution",
  usageSchema: DISTRIBUTION_USAGE,
  map: mapDistribution,
  /**
   * Usage: `monthly_data_transfer_to_internet_gb`, `monthly_https_requests`,
   * `monthly_http_requests`. Priced at the United States/Europe rates (viewers assumed there).
   */
  price(input, usage, ctx) {
    const cf = PRICES.cloudfront;
    const gb = usage.monthly_data_transfer_to_internet_gb;
    const lines: CostComponent[] = [];
    if (gb === undefined) {
      lines.push(usageLine("Data transfer out to internet (first 10TB)", "GB", undefined, cf.data_out_tiers_gb[0].price));
    } else {
      const covered = ctx.freeTier.take("cloudfront_data_out_gb", cf.free_data_out_gb_per_month, gb);
      lines.push(freeLine("Data transfer out to internet (always free, first 1TB)", "GB", covered));
      lines.push(...tieredLines((t) => `Data transfer out to internet (${t})`, "GB", quantity(gb - covered), cf.data_out_tiers_gb, (i) => TIER_LABELS[i]));
    }
    const https = usage.monthly_https_requests;
    const requestFree = { key: "cloudfront_requests", total: cf.free_requests_per_month, name: "Requests (always free, first 10M)" };
    if (https === undefined) {
      lines.push(usageLine("HTTPS requests", "10k requests", undefined, cf.https_10k_requests));
    } else {
      const [free, paid] = withFreeTier(ctx.freeTier, requestFree, "HTTPS requests", "requests", https, cf.https_10k_requests);
      lines.push({ ...free, unit: "10k requests", monthlyQuantity: div(free.monthlyQuantity ?? 0, 10_000) });
      lines.push(usageLine("HTTPS requests", "10k requests", div(paid.monthlyQuantity ?? 0, 10_000), cf.https_10k_requests));
    }
    const http = usage.monthly_http_requests;
    if (http !== undefined && http > 0) {
      const [free, paid] = withFreeTier(ctx.freeTier, requestFree, "HTTP requests", "requests", http, cf.http_10k_requests);
      lines.push({ ...free, unit: "10k requests", monthlyQuantity: div(free.monthlyQuantity ?? 0, 10_000) });
      lines.push(usageLine("HTTP requests", "10k requests", div(paid.monthlyQuantity ?? 0, 10_000), cf.http_10k_requests));
    }
    const note = input.priceClass === "PriceClass_100" ? undefined : `${input.priceClass} also serves from edges outside the US/Europe, which cost more per GB; priced at US/Europe rates`;
    return { costComponents: lines, note };
  },
};
