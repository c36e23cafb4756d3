/**
 * aws:s3/bucket:Bucket (and the older aws:s3/bucketV2:BucketV2) — S3 Standard storage and
 * requests, all from usage (a bucket's contents are not in the program).
 */
import type { ResourceRecord } from "../../model/records";
import { noPriceFor, usageLine } from "../lines";
import { div } from "../../model/money";
import { s3Prices } from "../prices";
import type { MapContext, Pricer } from "../types";

/** Only the region: nothing else in a bucket's inputs changes its price here (lifecycle rules live on sub-resources). */
export interface BucketInput {
  readonly region: string;
}

export function mapBucket(record: ResourceRecord, ctx: MapContext): BucketInput {
  return { region: ctx.regionOf(record) };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const BUCKET_USAGE = {
  storage_gb: "GB stored in S3 Standard",
  monthly_tier_1_requests: "PUT, COPY, POST, LIST requests a month",
  monthly_tier_2_requests: "GET, SELECT and other requests a month",
} as const;

export const bucketPricer: Pricer<BucketInput, typeof BUCKET_USAGE> = {
  type: "aws:s3/bucket:Bucket",
  usageSchema: BUCKET_USAGE,
  map: mapBucket,
  /**
   * Usage (Infracost's keys for the Standard class): `storage_gb`, `monthly_tier_1_requests`
   * (PUT, COPY, POST, LIST), `monthly_tier_2_requests` (GET, SELECT and others).
   */
  price(input, usage) {
    const s3 = s3Prices(input.region);
    if (!s3) return noPriceFor(input.region);
    const per1k = (n: number | undefined) => (n === undefined ? undefined : div(n, 1000));
    return {
      costComponents: [
        usageLine("Storage (S3 Standard)", "GB", usage.storage_gb, s3.standard_gb_month),
        usageLine("PUT, COPY, POST, LIST requests", "1k requests", per1k(usage.monthly_tier_1_requests), s3.put_1k_requests),
        usageLine("GET, SELECT, and all other requests", "1k requests", per1k(usage.monthly_tier_2_requests), s3.get_1k_requests),
      ],
    };
  },
};

export const bucketV2Pricer: Pricer<BucketInput, typeof BUCKET_USAGE> = { ...bucketPricer, type: "aws:s3/bucketV2:BucketV2" };
