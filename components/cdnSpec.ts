/** What a milestone may ask of the CDN (`Cdn`): plain data, no Pulumi. */

/** CDN modes, in the seed's order: none, static assets, full static + API caching, edge caching. */
export const CDN_MODES = ["none", "static", "static-api", "edge"] as const;
export type CdnMode = (typeof CDN_MODES)[number];

/** CloudFront price classes; PriceClass_100 serves from US/EU edges only, the cheapest. */
export const CDN_PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export type CdnPriceClass = (typeof CDN_PRICE_CLASSES)[number];

/**
 * Which API requests CloudFront carries in the static-api and edge modes: none (the app calls
 * its ALB directly), only the cacheable paths (`cacheableApiPaths`; everything else goes to
 * the ALB), or all of `/api/*`. Every request CloudFront carries is billed per 10,000.
 */
export const CDN_API_ROUTINGS = ["none", "cacheable", "all"] as const;
export type CdnApiRouting = (typeof CDN_API_ROUTINGS)[number];

/**
 * How the distribution is billed: pay as you go (per GB and per 10,000 requests), or one of
 * CloudFront's flat-rate plans (since 2025-11-18: a monthly price with request and data
 * allowances, no overage charge; past the allowance AWS may slow the distribution). A plan is
 * a subscription (AWS Pricing Plan Manager) the provider this project pins cannot declare yet:
 * the distribution carries it as a tag and the stack outputs the command that subscribes it.
 */
export const CDN_PRICING_PLANS = ["pay-as-you-go", "free", "pro", "business", "premium"] as const;
export type CdnPricingPlan = (typeof CDN_PRICING_PLANS)[number];

/** The tag that names a distribution's flat-rate plan (read by the estimator and the guardrails). */
export const CDN_PRICING_PLAN_TAG = "cloudfront-pricing-plan";

export interface CdnSpec {
  readonly mode: CdnMode;
  readonly priceClass: CdnPriceClass;
  /** Default TTL for static assets, seconds. */
  readonly staticTtlSeconds: number;
  /** Default TTL for cached API responses, seconds (static-api and edge). */
  readonly apiTtlSeconds: number;
  /** Which API requests CloudFront carries (static-api and edge need "cacheable" or "all"). */
  readonly apiRouting: CdnApiRouting;
  /** Path patterns of the cacheable API (with apiRouting "cacheable"), e.g. "/api/catalog/*". */
  readonly cacheableApiPaths: readonly string[];
  /**
   * A viewer-request CloudFront Function that normalises the cache key (drops tracking query
   * parameters) on the API behaviours; billed per invocation, so only where hit rates need it.
   */
  readonly edgeFunction: boolean;
  readonly pricingPlan: CdnPricingPlan;
}
