/**
 * aws:apigateway/restApi:RestApi — REST API requests from usage, in AWS's volume tiers
 * (first 333M, next 667M, next 19B, over 20B a month, counted account-wide per region).
 * Per-request pricing lives on the API; its resources, methods, integrations, deployments and
 * stages are free (a stage's cache is priced on the stage).
 */
import type { ResourceRecord } from "../../model/records";
import { noPriceFor, per, pooledTierLines } from "../lines";
import { apiGatewayPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface RestApiInput {
  readonly region: string;
}

export function mapRestApi(record: ResourceRecord, ctx: MapContext): RestApiInput {
  return { region: ctx.regionOf(record) };
}

const TIER_NAMES = ["Requests (first 333M)", "Requests (next 667M)", "Requests (next 19B)", "Requests (over 20B)"];

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const REST_API_USAGE = {
  monthly_requests: "API calls a month",
} as const;

export const restApiPricer: Pricer<RestApiInput, typeof REST_API_USAGE> = {
  type: "aws:apigateway/restApi:RestApi",
  usageSchema: REST_API_USAGE,
  map: mapRestApi,
  price(input, usage, ctx) {
    const p = apiGatewayPrices(input.region);
    if (!p) return noPriceFor(input.region);
    // Tier bounds are in millions of requests, as the price file writes them.
    return { costComponents: pooledTierLines(ctx.freeTier, `apigateway_rest_requests:${input.region}`, (i) => TIER_NAMES[i], "1M requests", per(usage.monthly_requests, 1_000_000), p.rest_tiers_1m_requests) };
  },
};
