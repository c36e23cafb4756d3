/**
 * aws:elasticache/serverlessCache:ServerlessCache — ElastiCache Serverless: data stored
 * (GB-hours, with the engine's minimum: 100 MB for Valkey, 1 GB for Redis OSS and Memcached),
 * ElastiCache Processing Units (1 ECPU per simple command of up to 1 KB), snapshot storage,
 * and a Database Savings Plan discount where the account has one (its own line). The worst
 * case is the cache at its usage limits all month: its most data, its most ECPUs per second.
 */
import type { ResourceRecord } from "../../model/records";
import { arr, num, obj, str } from "../../model/read";
import { div, mul, sum } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, usageLine } from "../lines";
import { elasticacheBackupGbMonth, elasticacheServerlessPrices } from "../prices";
import type { CostComponent, MapContext, Pricer, UsageOf } from "../types";

export interface ServerlessCacheInput {
  readonly region: string;
  /** "valkey", "redis" or "memcached" (required by the provider). */
  readonly engine: string;
  /** `cacheUsageLimits.dataStorage.maximum`, GB; undefined = no limit. */
  readonly maxDataGb?: number;
  /** `cacheUsageLimits.ecpuPerSeconds[0].maximum`; undefined = no limit. */
  readonly maxEcpuPerSecond?: number;
  readonly snapshotRetentionDays: number;
}

export function mapServerlessCache(record: ResourceRecord, ctx: MapContext): ServerlessCacheInput {
  const inputs = record.inputs;
  const limits = obj(inputs.cacheUsageLimits);
  return {
    region: ctx.regionOf(record),
    engine: str(inputs.engine) ?? "valkey",
    maxDataGb: num(obj(limits?.dataStorage)?.maximum),
    maxEcpuPerSecond: num(obj(arr(limits?.ecpuPerSeconds)?.[0])?.maximum),
    snapshotRetentionDays: num(inputs.snapshotRetentionLimit) ?? 0,
  };
}

/** The usage keys this pricer reads, with their units. */
export const SERVERLESS_CACHE_USAGE = {
  average_data_stored_gb: "GB stored on average over the month (billed with the engine's minimum)",
  monthly_ecpus: "ElastiCache Processing Units a month (about one per command of up to 1 KB)",
  snapshot_storage_gb: "GB of one snapshot (each retained daily snapshot is billed)",
  commitment_discount_percent: "a Database Savings Plan's discount, percent (up to 35 % for ElastiCache Serverless)",
} as const;

function pricesOf(engine: string, region: string): { gb_hour: number; min_gb: number; ecpu_1m: number } | undefined {
  const p = elasticacheServerlessPrices(region);
  if (!p) return undefined;
  return engine === "valkey" ? p.valkey : engine === "redis" ? p.redis_oss : engine === "memcached" ? p.memcached : undefined;
}

function lines(input: ServerlessCacheInput, prices: { gb_hour: number; min_gb: number; ecpu_1m: number }, storedGb: number | undefined, ecpus: number | undefined, usage: UsageOf<typeof SERVERLESS_CACHE_USAGE>): CostComponent[] {
  const billedGb = storedGb === undefined ? undefined : Math.max(prices.min_gb, storedGb);
  const out: CostComponent[] = [
    usageLine(`Data stored (serverless, ${input.engine}, ${prices.min_gb} GB minimum)`, "GB-hours", billedGb === undefined ? undefined : mul(billedGb, HOURS_PER_MONTH), prices.gb_hour),
    usageLine(`ElastiCache Processing Units (serverless, ${input.engine})`, "1M ECPUs", ecpus === undefined ? undefined : div(ecpus, 1_000_000), prices.ecpu_1m),
  ];
  if (input.snapshotRetentionDays > 0) {
    out.push(usageLine(`Snapshot storage (${input.snapshotRetentionDays} daily snapshots kept)`, "GB", usage.snapshot_storage_gb === undefined ? undefined : mul(usage.snapshot_storage_gb, input.snapshotRetentionDays), elasticacheBackupGbMonth(input.region) ?? 0));
  }
  const pct = usage.commitment_discount_percent;
  if (pct !== undefined && pct > 0) {
    // The plan covers the cache's usage charges (data and ECPUs), not snapshots.
    const covered = sum(out.slice(0, 2).map((l) => l.monthlyCost ?? 0));
    if (covered > 0) out.push(fixedLine(`Database Savings Plan discount (${pct} % on data and ECPUs)`, "USD", covered, -pct / 100));
  }
  return out;
}

export const serverlessCachePricer: Pricer<ServerlessCacheInput, typeof SERVERLESS_CACHE_USAGE> = {
  type: "aws:elasticache/serverlessCache:ServerlessCache",
  usageSchema: SERVERLESS_CACHE_USAGE,
  map: mapServerlessCache,
  price(input, usage) {
    if (!elasticacheServerlessPrices(input.region) || elasticacheBackupGbMonth(input.region) === undefined) return noPriceFor(input.region);
    const prices = pricesOf(input.engine, input.region);
    if (!prices) return { status: "not-priced", costComponents: [], note: `No serverless price for engine ${input.engine}` };
    const costComponents = lines(input, prices, usage.average_data_stored_gb, usage.monthly_ecpus, usage);
    // The ceiling: the usage limits held all month (no limit: the expected figure is all we know).
    const seconds = HOURS_PER_MONTH * 3600;
    const worstCaseCostComponents = lines(
      input,
      prices,
      input.maxDataGb ?? usage.average_data_stored_gb,
      input.maxEcpuPerSecond !== undefined ? mul(input.maxEcpuPerSecond, seconds) : usage.monthly_ecpus,
      usage,
    );
    const limits = [input.maxDataGb !== undefined ? `${input.maxDataGb} GB` : undefined, input.maxEcpuPerSecond !== undefined ? `${input.maxEcpuPerSecond} ECPU/s` : undefined].filter(Boolean);
    return { costComponents, worstCaseCostComponents, note: limits.length ? `worst case at its usage limits (${limits.join(", ")})` : "no usage limits: the worst case is unbounded; set cacheUsageLimits" };
  },
};
