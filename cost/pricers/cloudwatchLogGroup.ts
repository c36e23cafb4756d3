/**
 * aws:cloudwatch/logGroup:LogGroup — data ingested and archived storage from usage. Stored GB
 * in steady state is a month's ingest × retention in months (raw size; CloudWatch's
 * compression makes this an upper bound). The first 5 GB of log data a month are free
 * (account-wide), applied to ingestion.
 */
import type { ResourceRecord } from "../../model/records";
import { num } from "../../model/read";
import { noPriceFor, usageLine, withFreeTier } from "../lines";
import { div, mul } from "../../model/money";
import { cloudwatchPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface LogGroupInput {
  readonly region: string;
  /** Days kept; undefined or 0 = never expire (the provider default). */
  readonly retentionDays?: number;
}

/** Average days per month (730 h ÷ 24). */
const DAYS_PER_MONTH = 730 / 24;
/** With no retention, stored logs grow without end; we price one year's accumulation. */
export const NEVER_EXPIRE_MONTHS = 12;

export function mapLogGroup(record: ResourceRecord, ctx: MapContext): LogGroupInput {
  const days = num(record.inputs.retentionInDays);
  return { region: ctx.regionOf(record), retentionDays: days && days > 0 ? days : undefined };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const LOG_GROUP_USAGE = {
  monthly_data_ingested_gb: "GB of log events ingested a month",
  storage_gb: "GB stored (default: ingestion × retention months)",
} as const;

export const logGroupPricer: Pricer<LogGroupInput, typeof LOG_GROUP_USAGE> = {
  type: "aws:cloudwatch/logGroup:LogGroup",
  usageSchema: LOG_GROUP_USAGE,
  map: mapLogGroup,
  /** Usage: `monthly_data_ingested_gb`; `storage_gb` overrides the steady-state estimate. */
  price(input, usage, ctx) {
    const cw = cloudwatchPrices(input.region);
    if (!cw) return noPriceFor(input.region);
    const ingested = usage.monthly_data_ingested_gb;
    const months = input.retentionDays === undefined ? NEVER_EXPIRE_MONTHS : div(input.retentionDays, DAYS_PER_MONTH);
    const stored = usage.storage_gb ?? (ingested === undefined ? undefined : mul(ingested, months));
    return {
      costComponents: [
        ...withFreeTier(ctx.freeTier, { key: "cloudwatch_log_gb", total: cw.free_log_gb, name: "Data ingested (free tier, first 5GB)" }, "Data ingested", "GB", ingested, cw.logs_ingest_gb),
        usageLine("Archival Storage", "GB", stored, cw.logs_storage_gb_month),
      ],
      note: input.retentionDays === undefined ? `No retention: storage priced at ${NEVER_EXPIRE_MONTHS} months of logs` : undefined,
    };
  },
};
