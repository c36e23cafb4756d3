/**
 * aws:kinesis/stream:Stream — a provisioned stream bills shard-hours and PUT payload units
 * (25 KB each); an on-demand stream bills stream-hours and GB in and out. Retention past 24
 * hours, long-term retention past 7 days and enhanced fan-out (when the program registers a
 * consumer, or usage says so) bill per GB from usage.
 */
import type { ResourceRecord } from "../../model/records";
import { num, obj, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, per, unknownQuantityLine, usageLine } from "../lines";
import { kinesisPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface KinesisStreamInput {
  readonly region: string;
  /** "PROVISIONED" (the provider default) or "ON_DEMAND". */
  readonly mode: string;
  readonly shards?: number;
  /** Hours kept; the provider default is 24. */
  readonly retentionHours: number;
  /** Enhanced fan-out consumers registered in the program. */
  readonly consumers: number;
}

export function mapKinesisStream(record: ResourceRecord, ctx: MapContext): KinesisStreamInput {
  const inputs = record.inputs;
  return {
    region: ctx.regionOf(record),
    mode: str(obj(inputs.streamModeDetails)?.streamMode) ?? "PROVISIONED",
    shards: num(inputs.shardCount),
    retentionHours: num(inputs.retentionPeriod) ?? 24,
    consumers: ctx.dependentsOfType(record, "aws:kinesis/streamConsumer:StreamConsumer").length,
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const KINESIS_STREAM_USAGE = {
  monthly_provisioned_put_units: "PUT payload units a month (25 KB each; provisioned)",
  monthly_provisioned_extended_retention_gb: "GB stored between 24 hours and 7 days (provisioned)",
  monthly_provisioned_long_term_retention_gb: "GB stored past 7 days (provisioned)",
  monthly_provisioned_long_term_retrieval_gb: "GB read back from past 7 days (provisioned)",
  monthly_provisioned_efo_consumer_hours: "enhanced fan-out consumer-shard hours (provisioned)",
  monthly_provisioned_efo_data_out_gb: "GB read through enhanced fan-out (provisioned)",
  monthly_on_demand_data_in_gb: "GB written a month (on-demand)",
  monthly_on_demand_data_out_gb: "GB read a month (on-demand)",
  monthly_on_demand_efo_data_out_gb: "GB read through enhanced fan-out (on-demand)",
  monthly_on_demand_extended_retention_gb: "GB stored between 24 hours and 7 days (on-demand)",
  monthly_on_demand_long_term_retention_gb: "GB stored past 7 days (on-demand)",
} as const;

const ONE_DAY_HOURS = 24;
const ONE_WEEK_HOURS = 168;

export const kinesisStreamPricer: Pricer<KinesisStreamInput, typeof KINESIS_STREAM_USAGE> = {
  type: "aws:kinesis/stream:Stream",
  usageSchema: KINESIS_STREAM_USAGE,
  map: mapKinesisStream,
  price(input, usage) {
    const p = kinesisPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const extended = input.retentionHours > ONE_DAY_HOURS;
    const longTerm = input.retentionHours > ONE_WEEK_HOURS;
    const lines: CostComponent[] = [];
    if (input.mode === "ON_DEMAND") {
      lines.push(fixedLine("Stream hours (on-demand)", "hours", HOURS_PER_MONTH, p.on_demand_stream_hour));
      lines.push(usageLine("Data ingested", "GB", usage.monthly_on_demand_data_in_gb, p.on_demand_ingest_gb));
      lines.push(usageLine("Data retrieval", "GB", usage.monthly_on_demand_data_out_gb, p.on_demand_retrieval_gb));
      if (input.consumers > 0 || usage.monthly_on_demand_efo_data_out_gb !== undefined) lines.push(usageLine("Enhanced Fan Out (EFO) Data retrieval", "GB", usage.monthly_on_demand_efo_data_out_gb, p.on_demand_efo_retrieval_gb));
      if (extended) lines.push(usageLine("Extended retention (24H to 7D)", "GB", usage.monthly_on_demand_extended_retention_gb, p.on_demand_extended_retention_gb_month));
      if (longTerm) lines.push(usageLine("Long term retention (7D+)", "GB", usage.monthly_on_demand_long_term_retention_gb, p.long_term_retention_gb_month));
      return { costComponents: lines };
    }
    if (input.mode !== "PROVISIONED") return { status: "not-priced", costComponents: [], note: `streamMode ${input.mode}: expected PROVISIONED or ON_DEMAND` };
    lines.push(
      input.shards === undefined
        ? unknownQuantityLine("Shard hours (provisioned)", "shard-hours", p.provisioned_shard_hour, "shardCount not known at preview")
        : fixedLine("Shard hours (provisioned)", "shard-hours", mul(input.shards, HOURS_PER_MONTH), p.provisioned_shard_hour),
    );
    lines.push(usageLine("Put request unit", "1M units", per(usage.monthly_provisioned_put_units, 1_000_000), p.provisioned_put_payload_units_1m));
    if (extended) lines.push(usageLine("Extended retention (24H to 7D)", "GB", usage.monthly_provisioned_extended_retention_gb, p.provisioned_extended_retention_gb_month));
    if (longTerm) {
      lines.push(usageLine("Long term retention (7D+)", "GB", usage.monthly_provisioned_long_term_retention_gb, p.long_term_retention_gb_month));
      lines.push(usageLine("Extended retention retrieval (7D+)", "GB", usage.monthly_provisioned_long_term_retrieval_gb, p.long_term_retrieval_gb));
    }
    if (input.consumers > 0 || usage.monthly_provisioned_efo_consumer_hours !== undefined) {
      // Without usage: every registered consumer on every shard, all month.
      const hours = usage.monthly_provisioned_efo_consumer_hours ?? (input.shards === undefined ? undefined : mul(input.consumers, input.shards, HOURS_PER_MONTH));
      lines.push(usageLine("Enhanced Fan Out (EFO)", "consumer-shard hours", hours, p.provisioned_efo_consumer_shard_hour));
      lines.push(usageLine("Enhanced Fan Out (EFO) Data retrieval", "GB", usage.monthly_provisioned_efo_data_out_gb, p.provisioned_efo_gb));
    }
    return { costComponents: lines };
  },
};
