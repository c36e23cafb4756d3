/**
 * aws:cloudfront/distribution:Distribution — pay as you go: data transfer out to viewers and
 * HTTPS/HTTP requests from usage, after the always-free tier (1 TB and 10M requests a month,
 * account-wide, shown as its own lines), less the Security Savings Bundle's discount where the
 * account has one (its own line). On a flat-rate plan (the `cloudfront-pricing-plan` tag, see
 * components/cdnSpec.ts): the plan's monthly price, with the traffic shown against its
 * allowances (no overage charge; past them AWS may slow the distribution, which a guardrail
 * reports).
 */
import type { ResourceRecord } from "../../model/records";
import { str, tagsOf } from "../../model/read";
import { fixedLine, freeLine, quantity, tieredLines, usageLine, withFreeTier } from "../lines";
import { div, sum } from "../../model/money";
import { PRICES } from "../prices";
import type { CostComponent, Pricer } from "../types";

export interface DistributionInput {
  /** PriceClass_All (the provider default), PriceClass_200 or PriceClass_100. */
  readonly priceClass: string;
  /** The flat-rate plan it is on (free, pro, business, premium), or undefined for pay as you go. */
  readonly flatRatePlan?: string;
}

/** The tag that names a distribution's flat-rate plan (components/cdnSpec.ts). */
const PLAN_TAG = "cloudfront-pricing-plan";

export function mapDistribution(record: ResourceRecord): DistributionInput {
  const plan = tagsOf(record.inputs)?.[PLAN_TAG];
  return { priceClass: str(record.inputs.priceClass) ?? "PriceClass_All", ...(plan && plan !== "pay-as-you-go" ? { flatRatePlan: plan } : {}) };
}

type FlatRatePlan = { readonly month: number; readonly requests: number; readonly data_transfer_gb: number };

const TIER_LABELS = ["first 10TB", "next 40TB", "next 100TB", "next 350TB", "next 524TB", "next 4PB", "over 5PB"];

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const DISTRIBUTION_USAGE = {
  monthly_data_transfer_to_internet_gb: "GB a month served to viewers",
  monthly_https_requests: "HTTPS requests a month",
  monthly_http_requests: "HTTP requests a month",
  savings_bundle_discount_percent: "the CloudFront Security Savings Bundle's discount on pay-as-you-go charges, percent (up to 30 %)",
} as const;

/** A flat-rate plan: its price, and the month's traffic against its allowances. */
function flatRate(planName: string, plan: FlatRatePlan, gb: number | undefined, requests: number | undefined) {
  const costComponents: CostComponent[] = [
    fixedLine(`Flat-rate plan (${planName}: ${plan.requests / 1e6}M requests, ${plan.data_transfer_gb} GB a month included)`, "months", 1, plan.month),
    { ...freeLine(`Requests (within the ${planName} plan)`, "requests", Math.min(plan.requests, requests ?? 0)), ...(requests === undefined ? { monthlyQuantity: null } : {}) },
    { ...freeLine(`Data transfer out (within the ${planName} plan)`, "GB", Math.min(plan.data_transfer_gb, gb ?? 0)), ...(gb === undefined ? { monthlyQuantity: null } : {}) },
  ];
  const over = [requests !== undefined && requests > plan.requests ? `${requests} requests against ${plan.requests}` : undefined, gb !== undefined && gb > plan.data_transfer_gb ? `${gb} GB against ${plan.data_transfer_gb}` : undefined].filter(Boolean);
  return {
    costComponents,
    note: over.length ? `Past the ${planName} plan's allowance (${over.join("; ")}): no overage charge, but AWS may reduce the distribution's performance` : undefined,
    metrics: {
      ...(requests !== undefined ? { requests } : {}),
      ...(gb !== undefined ? { data_transfer_gb: gb } : {}),
      plan_requests_allowance: plan.requests,
      plan_data_transfer_gb_allowance: plan.data_transfer_gb,
    },
  };
}

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
    if (input.flatRatePlan !== undefined) {
      const plan = (PRICES.cloudfrontFlatRate.plans as Readonly<Record<string, FlatRatePlan>>)[input.flatRatePlan];
      if (!plan) return { status: "not-priced", costComponents: [], note: `Unknown CloudFront flat-rate plan ${JSON.stringify(input.flatRatePlan)} (expected free, pro, business or premium)` };
      const requests = usage.monthly_https_requests === undefined && usage.monthly_http_requests === undefined ? undefined : (usage.monthly_https_requests ?? 0) + (usage.monthly_http_requests ?? 0);
      return flatRate(input.flatRatePlan, plan, gb, requests);
    }
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
    const pct = usage.savings_bundle_discount_percent;
    if (pct !== undefined && pct > 0) {
      const charged = sum(lines.map((l) => l.monthlyCost ?? 0));
      if (charged > 0) lines.push(fixedLine(`Security Savings Bundle discount (${pct} % of CloudFront charges)`, "USD", charged, -pct / 100));
    }
    const note = input.priceClass === "PriceClass_100" ? undefined : `${input.priceClass} also serves from edges outside the US/Europe, which cost more per GB; priced at US/Europe rates`;
    return { costComponents: lines, note, metrics: { ...(https !== undefined ? { requests: https + (http ?? 0) } : {}), ...(gb !== undefined ? { data_transfer_gb: gb } : {}) } };
  },
};
