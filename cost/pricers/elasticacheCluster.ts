/** aws:elasticache/cluster:Cluster — a standalone cache cluster: numCacheNodes × the node price. */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import type { MapContext, Pricer } from "../types";
import { cacheLines, type CacheNodesInput } from "./elasticache";

export function mapCacheCluster(record: ResourceRecord, ctx: MapContext): CacheNodesInput & { readonly inReplicationGroup: boolean } {
  const inputs = record.inputs;
  return {
    region: ctx.regionOf(record),
    inReplicationGroup: inputs.replicationGroupId !== undefined && inputs.replicationGroupId !== null,
    engine: str(inputs.engine) ?? "redis", // required unless replicationGroupId is set
    nodeType: str(inputs.nodeType),
    nodes: num(inputs.numCacheNodes) ?? 1, // 1 for Redis
    shards: 1,
    snapshotRetentionDays: num(inputs.snapshotRetentionLimit) ?? 0,
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const CACHE_CLUSTER_USAGE = {
  snapshot_storage_size_gb: "GB of one backup of the whole data set",
} as const;

export const cacheClusterPricer: Pricer<ReturnType<typeof mapCacheCluster>, typeof CACHE_CLUSTER_USAGE> = {
  type: "aws:elasticache/cluster:Cluster",
  usageSchema: CACHE_CLUSTER_USAGE,
  map: mapCacheCluster,
  price(input, usage) {
    // A cluster that joins a replication group is billed there.
    if (input.inReplicationGroup) return { status: "free", costComponents: [], note: "Member of a replication group, whose pricer bills its nodes" };
    const result = cacheLines(input, usage);
    if (!("lines" in result)) return result;
    const { lines, priced } = result;
    return priced ? { costComponents: lines } : { status: "not-priced", costComponents: lines, note: `No price for ${input.engine} ${input.nodeType ?? "(unknown)"}` };
  },
};
