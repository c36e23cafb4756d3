/** What a milestone may ask of the CDN (`Cdn`): plain data, no Pulumi. */

/** CDN modes, in the seed's order: none, static assets, full static + API caching, edge caching. */
export const CDN_MODES = ["none", "static", "static-api", "edge"] as const;
export type CdnMode = (typeof CDN_MODES)[number];

/** CloudFront price classes; PriceClass_100 serves from US/EU edges only, the cheapest. */
export const CDN_PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export type CdnPriceClass = (typeof CDN_PRICE_CLASSES)[number];

export interface CdnSpec {
  readonly mode: CdnMode;
  readonly priceClass: CdnPriceClass;
  /** Default TTL for static assets, seconds. */
  readonly staticTtlSeconds: number;
  /** Default TTL for cached `/api/*` responses, seconds (static-api and edge). */
  readonly apiTtlSeconds: number;
}
