/**
 * aws:redshift/cluster:Cluster — node hours (nodes × node type), RA3 managed storage from
 * usage, and, when usage names them, concurrency scaling beyond the free credits, Spectrum
 * scans and backup storage.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, usageLine } from "../lines";
import { redshiftPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface RedshiftClusterInput {
  readonly region: string;
  readonly nodeType?: string;
  /** 1 for a single-node cluster (the provider default). */
  readonly nodes: number;
}

export function mapRedshiftCluster(record: ResourceRecord, ctx: MapContext): RedshiftClusterInput {
  return { region: ctx.regionOf(record), nodeType: str(record.inputs.nodeType), nodes: num(record.inputs.numberOfNodes) ?? 1 };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const REDSHIFT_CLUSTER_USAGE = {
  managed_storage_gb: "GB of RA3 managed storage",
  excess_concurrency_scaling_secs: "concurrency scaling seconds a month beyond the free credits",
  spectrum_data_scanned_tb: "TB scanned by Redshift Spectrum a month",
  backup_storage_gb: "GB of backups beyond the free amount",
} as const;

/** The backup tier our prices cover (first 50 TB). */
const BACKUP_FIRST_TIER_GB = 51200;

export const redshiftClusterPricer: Pricer<RedshiftClusterInput, typeof REDSHIFT_CLUSTER_USAGE> = {
  type: "aws:redshift/cluster:Cluster",
  usageSchema: REDSHIFT_CLUSTER_USAGE,
  map: mapRedshiftCluster,
  price(input, usage) {
    const p = redshiftPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const type = input.nodeType ?? "(unknown)";
    const hourly = (p.prices as Record<string, number>)[type];
    if (hourly === undefined) return { status: "not-priced", costComponents: [], note: `No price for Redshift ${type} in ${input.region}` };
    const lines: CostComponent[] = [fixedLine(`Cluster usage (on-demand, ${type})`, "hours", mul(HOURS_PER_MONTH, input.nodes), hourly)];
    if (type.startsWith("ra3.")) lines.push(usageLine(`Managed storage (${type})`, "GB", usage.managed_storage_gb, p.rms_gb_month));
    const scaling = (p.concurrency_scaling_node_second as Record<string, number>)[type];
    if (usage.excess_concurrency_scaling_secs !== undefined && scaling !== undefined) {
      lines.push(usageLine(`Concurrency scaling (${type})`, "node-seconds", mul(usage.excess_concurrency_scaling_secs, input.nodes), scaling));
    }
    if (usage.spectrum_data_scanned_tb !== undefined) lines.push(usageLine("Spectrum", "TB", usage.spectrum_data_scanned_tb, p.spectrum_tb_scanned));
    if (usage.backup_storage_gb !== undefined) lines.push(usageLine("Backup storage (first 50 TB)", "GB", Math.min(usage.backup_storage_gb, BACKUP_FIRST_TIER_GB), p.backup_first_50tb_gb_month));
    const note = usage.backup_storage_gb !== undefined && usage.backup_storage_gb > BACKUP_FIRST_TIER_GB ? "backup storage above 50 TB: no sourced price, not included" : `${input.nodes} node${input.nodes === 1 ? "" : "s"}`;
    return { costComponents: lines, note };
  },
};
