/**
 * aws:cloudfront/function:Function — invocations from usage after the always-free 2M a month
 * (account-wide), then $0.10 per 1M.
 */
import type { ResourceRecord } from "../../model/records";
import { bool } from "../../model/read";
import { freeLine, usageLine } from "../lines";
import { div } from "../../model/money";
import { PRICES } from "../prices";
import type { Pricer } from "../types";

export interface CloudfrontFunctionInput {
  /** Only a published function runs at the edge. Default true (the provider's default). */
  readonly published: boolean;
}

export function mapCloudfrontFunction(record: ResourceRecord): CloudfrontFunctionInput {
  return { published: bool(record.inputs.publish) ?? true };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const CLOUDFRONT_FUNCTION_USAGE = {
  monthly_invocations: "function invocations a month",
} as const;

export const cloudfrontFunctionPricer: Pricer<CloudfrontFunctionInput, typeof CLOUDFRONT_FUNCTION_USAGE> = {
  type: "aws:cloudfront/function:Function",
  usageSchema: CLOUDFRONT_FUNCTION_USAGE,
  map: mapCloudfrontFunction,
  /** Usage: `monthly_invocations`. */
  price(_input, usage, ctx) {
    const cf = PRICES.cloudfront;
    const invocations = usage.monthly_invocations;
    if (invocations === undefined) return { costComponents: [usageLine("Invocations", "1M invocations", undefined, cf.functions_1m_invocations)] };
    const covered = ctx.freeTier.take("cloudfront_function_invocations", cf.free_function_invocations_per_month, invocations);
    return {
      costComponents: [
        freeLine("Invocations (always free, first 2M)", "1M invocations", div(covered, 1_000_000)),
        usageLine("Invocations", "1M invocations", div(invocations - covered, 1_000_000), cf.functions_1m_invocations),
      ],
    };
  },
};
