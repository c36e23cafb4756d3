/**
 * aws:rds/cluster:Cluster — an Aurora cluster's shared storage, I/O requests (Aurora Standard;
 * I/O-Optimized has none and a higher storage price) and backup storage beyond the free
 * amount, all from usage. Its compute is priced on its cluster instances.
 */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { mul, sum } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { noPriceFor, per, usageLine } from "../lines";
import { auroraPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export const RDS_CLUSTER_TYPE = "aws:rds/cluster:Cluster";

/** The storage type that makes a cluster Aurora I/O-Optimized. */
export const IO_OPTIMIZED_STORAGE = "aurora-iopt1";

export interface RdsClusterInput {
  readonly region: string;
  /** "aurora" (the provider default), "aurora-mysql", "aurora-postgresql", or a Multi-AZ DB cluster's "mysql"/"postgres". */
  readonly engine: string;
  /** "provisioned" (the default; Serverless v2 instances live in provisioned clusters) or "serverless" (v1). */
  readonly engineMode: string;
  readonly ioOptimized: boolean;
}

export function mapRdsCluster(record: ResourceRecord, ctx: MapContext): RdsClusterInput {
  const inputs = record.inputs;
  return {
    region: ctx.regionOf(record),
    engine: str(inputs.engine) ?? "aurora",
    engineMode: str(inputs.engineMode) ?? "provisioned",
    ioOptimized: str(inputs.storageType) === IO_OPTIMIZED_STORAGE,
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const RDS_CLUSTER_USAGE = {
  storage_gb: "GB stored in the cluster volume",
  write_requests_per_sec: "average write I/O operations per second (Aurora Standard)",
  read_requests_per_sec: "average read I/O operations per second (Aurora Standard)",
  backup_snapshot_size_gb: "GB of backups beyond the free amount (the cluster volume's size)",
  snapshot_export_size_gb: "GB of snapshots exported to S3 a month",
} as const;

export const rdsClusterPricer: Pricer<RdsClusterInput, typeof RDS_CLUSTER_USAGE> = {
  type: RDS_CLUSTER_TYPE,
  usageSchema: RDS_CLUSTER_USAGE,
  map: mapRdsCluster,
  price(input, usage) {
    if (!input.engine.startsWith("aurora")) return { status: "not-priced", costComponents: [], note: `engine ${input.engine}: Multi-AZ DB clusters are not in the price file` };
    if (input.engineMode === "serverless") return { status: "not-priced", costComponents: [], note: "Aurora Serverless v1 capacity is not in the price file" };
    const s = auroraPrices(input.region)?.storage;
    if (!s) return noPriceFor(input.region);
    const lines: CostComponent[] = [];
    if (input.ioOptimized) {
      if (s.storage_io_optimized_gb_month === undefined) return noPriceFor(input.region, "I/O-Optimized storage");
      lines.push(usageLine("Storage (I/O-optimized)", "GB", usage.storage_gb, s.storage_io_optimized_gb_month));
    } else {
      lines.push(usageLine("Storage", "GB", usage.storage_gb, s.storage_gb_month!));
      const perSecond = usage.write_requests_per_sec === undefined && usage.read_requests_per_sec === undefined ? undefined : sum([usage.write_requests_per_sec ?? 0, usage.read_requests_per_sec ?? 0]);
      lines.push(usageLine("I/O requests", "1M requests", perSecond === undefined ? undefined : per(mul(perSecond, HOURS_PER_MONTH, 3600), 1_000_000), s.io_1m_requests!));
    }
    lines.push(usageLine("Backup storage", "GB", usage.backup_snapshot_size_gb, s.backup_gb_month_beyond_free!));
    if (usage.snapshot_export_size_gb !== undefined) lines.push(usageLine("Snapshot export", "GB", usage.snapshot_export_size_gb, s.snapshot_export_gb!));
    return { costComponents: lines };
  },
};
