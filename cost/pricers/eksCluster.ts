/**
 * aws:eks/cluster:Cluster — the control plane, by the hour, at the standard-support price. A
 * Kubernetes version past standard support bills the extended-support price instead; the
 * program's version does not say when that starts, so the note gives the figure.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, obj, str } from "../../model/read";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, joinNotes, noPriceFor } from "../lines";
import { eksPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface EksClusterInput {
  readonly region: string;
  readonly version?: string;
  /** EKS Auto Mode adds a per-instance management fee (not sourced). */
  readonly autoMode: boolean;
}

export function mapEksCluster(record: ResourceRecord, ctx: MapContext): EksClusterInput {
  return { region: ctx.regionOf(record), version: str(record.inputs.version), autoMode: bool(obj(record.inputs.computeConfig)?.enabled) ?? false };
}

export const eksClusterPricer: Pricer<EksClusterInput> = {
  type: "aws:eks/cluster:Cluster",
  usageSchema: {},
  map: mapEksCluster,
  price(input) {
    const p = eksPrices(input.region);
    if (!p) return noPriceFor(input.region);
    return {
      costComponents: [fixedLine("EKS cluster", "hours", HOURS_PER_MONTH, p.cluster_hour_standard_support)],
      note: joinNotes(
        `standard support; a version in extended support costs $${p.cluster_hour_extended_support}/h`,
        input.autoMode ? "EKS Auto Mode's management fee per instance is not included" : undefined,
      ),
    };
  },
};
