/**
 * aws:memorydb/cluster:Cluster — node hours for every node (shards × (1 + replicas per
 * shard)). The only sourced prices are an approximate us-west-2 table: elsewhere the cluster
 * is not priced, and in us-west-2 the note says the figures are approximate. Data written
 * (per GB) is not sourced and not included.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor } from "../lines";
import { memorydbPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface MemorydbClusterInput {
  readonly region: string;
  readonly nodeType?: string;
  readonly nodes: number;
}

export function mapMemorydbCluster(record: ResourceRecord, ctx: MapContext): MemorydbClusterInput {
  const inputs = record.inputs;
  const shards = num(inputs.numShards) ?? 1; // provider default
  const replicas = num(inputs.numReplicasPerShard) ?? 1; // provider default
  return { region: ctx.regionOf(record), nodeType: str(inputs.nodeType), nodes: shards * (1 + replicas) };
}

export const memorydbClusterPricer: Pricer<MemorydbClusterInput> = {
  type: "aws:memorydb/cluster:Cluster",
  usageSchema: {},
  map: mapMemorydbCluster,
  price(input) {
    const p = memorydbPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const type = input.nodeType ?? "(unknown)";
    const hourly = p.prices[type];
    if (hourly === undefined) return { status: "not-priced", costComponents: [], note: `No price for MemoryDB ${type} in ${input.region}` };
    return {
      costComponents: [fixedLine(`MemoryDB (on-demand, ${type})`, "hours", mul(HOURS_PER_MONTH, input.nodes), hourly)],
      note: `${input.nodes} nodes; approximate prices (the only source calls them so); data written not included`,
    };
  },
};
