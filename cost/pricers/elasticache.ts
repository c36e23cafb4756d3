/**
 * aws:elasticache/replicationGroup:ReplicationGroup — node hours for every node
 * (numNodeGroups × (1 + replicasPerNodeGroup) in cluster mode, else numCacheClusters) at the
 * engine's price (Valkey ~20 % below Redis OSS), and backup storage beyond the free one.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import { fixedLine, freeLine, noPriceFor, unknownQuantityLine, usageLine } from "../lines";
import { mul } from "../../model/money";
import { elasticacheBackupGbMonth, elasticacheHourlyPrice } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type CostComponent, type MapContext, type Pricer, type PriceResult, type ResourceUsage } from "../types";

export interface CacheNodesInput {
  readonly region: string;
  /** "redis" (the provider default), "valkey" or "memcached". */
  readonly engine: string;
  readonly nodeType?: string;
  readonly nodes: number;
  /** Node groups (shards); 1 when cluster mode is off. */
  readonly shards: number;
  /** Days of automatic snapshots kept; 0 = none (the provider default). */
  readonly snapshotRetentionDays: number;
}

export function mapReplicationGroup(record: ResourceRecord, ctx: MapContext): CacheNodesInput {
  const inputs = record.inputs;
  const groups = num(inputs.numNodeGroups);
  const replicas = num(inputs.replicasPerNodeGroup);
  const clustered = groups !== undefined || replicas !== undefined;
  const shards = clustered ? groups ?? 1 : 1; // numNodeGroups defaults to 1
  return {
    region: ctx.regionOf(record),
    engine: str(inputs.engine) ?? "redis", // provider default
    nodeType: str(inputs.nodeType),
    nodes: clustered ? shards * (1 + (replicas ?? 0)) : num(inputs.numCacheClusters) ?? 1, // numCacheClusters defaults to 1 (a lone primary)
    shards,
    snapshotRetentionDays: num(inputs.snapshotRetentionLimit) ?? 0,
  };
}

/**
 * Node-hour and backup lines shared by replication groups and single clusters; a "no price"
 * answer when the region is not in the price file.
 */
export function cacheLines(input: CacheNodesInput, usage: ResourceUsage): { lines: CostComponent[]; priced: boolean } | PriceResult {
  const backupGbMonth = elasticacheBackupGbMonth(input.region);
  if (backupGbMonth === undefined) return noPriceFor(input.region);
  const hourly = input.nodeType ? elasticacheHourlyPrice(input.engine, input.nodeType, input.region) : undefined;
  const name = `ElastiCache (on-demand, ${input.engine}, ${input.nodeType ?? "unknown node type"})`;
  const lines: CostComponent[] = [];
  if (hourly !== undefined) lines.push(fixedLine(name, "hours", mul(HOURS_PER_MONTH, input.nodes), hourly));
  else lines.push(unknownQuantityLine(name, "hours", 0, `No price for ${input.engine} node type ${input.nodeType ?? "(unknown)"} in cost/prices/aws-elasticache.json`));
  if (input.snapshotRetentionDays > 0) {
    // One backup per active cluster is free; the other retained days are billed. Usage:
    // `snapshot_storage_size_gb`, the size of one backup of the whole data set.
    const size = usage.snapshot_storage_size_gb;
    if (size === undefined) {
      lines.push(usageLine("Backup storage", "GB", undefined, backupGbMonth));
    } else {
      lines.push(freeLine("Backup storage (first backup, free)", "GB", size));
      lines.push(usageLine("Backup storage", "GB", mul(size, input.snapshotRetentionDays - 1), backupGbMonth));
    }
  }
  return { lines, priced: hourly !== undefined };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const REPLICATION_GROUP_USAGE = {
  snapshot_storage_size_gb: "GB of one backup of the whole data set",
} as const;

export const replicationGroupPricer: Pricer<CacheNodesInput, typeof REPLICATION_GROUP_USAGE> = {
  type: "aws:elasticache/replicationGroup:ReplicationGroup",
  usageSchema: REPLICATION_GROUP_USAGE,
  map: mapReplicationGroup,
  price(input, usage) {
    const result = cacheLines(input, usage);
    if (!("lines" in result)) return result;
    const { lines, priced } = result;
    const note = `${input.nodes} node${input.nodes === 1 ? "" : "s"} (${input.shards} shard${input.shards === 1 ? "" : "s"})`;
    return priced ? { costComponents: lines, note } : { status: "not-priced", costComponents: lines, note: `No price for ${input.engine} ${input.nodeType ?? "(unknown)"}; ${note}` };
  },
};
