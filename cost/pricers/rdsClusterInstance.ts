/**
 * aws:rds/clusterInstance:ClusterInstance — an Aurora instance's hours by class (30 % more in an
 * I/O-Optimized cluster), or, for `db.serverless`, Aurora Serverless v2 capacity in ACU-hours:
 * expected from usage (`capacity_units_per_hr`), else the cluster's minimum capacity; worst case
 * the cluster's maximum all month.
 */
import type { ResourceRecord } from "../../model/records";
import { num, obj, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, usageLine } from "../lines";
import { auroraPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";
import { IO_OPTIMIZED_STORAGE, RDS_CLUSTER_TYPE } from "./rdsCluster";

export interface ClusterInstanceInput {
  readonly region: string;
  readonly instanceClass?: string;
  readonly engine?: string;
  /** From the cluster the instance belongs to (a dependency), when it is in the program. */
  readonly ioOptimized: boolean;
  readonly minAcu?: number;
  readonly maxAcu?: number;
}

export function mapClusterInstance(record: ResourceRecord, ctx: MapContext): ClusterInstanceInput {
  const cluster = ctx.dependenciesOfType(record, RDS_CLUSTER_TYPE)[0];
  const scaling = obj(cluster?.inputs.serverlessv2ScalingConfiguration);
  return {
    region: ctx.regionOf(record),
    instanceClass: str(record.inputs.instanceClass),
    engine: str(record.inputs.engine) ?? str(cluster?.inputs.engine),
    ioOptimized: str(cluster?.inputs.storageType) === IO_OPTIMIZED_STORAGE,
    minAcu: num(scaling?.minCapacity),
    maxAcu: num(scaling?.maxCapacity),
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const CLUSTER_INSTANCE_USAGE = {
  capacity_units_per_hr: "average Aurora capacity units (ACUs) in use (Serverless v2)",
} as const;

export const clusterInstancePricer: Pricer<ClusterInstanceInput, typeof CLUSTER_INSTANCE_USAGE> = {
  type: "aws:rds/clusterInstance:ClusterInstance",
  usageSchema: CLUSTER_INSTANCE_USAGE,
  map: mapClusterInstance,
  price(input, usage) {
    if (input.engine !== undefined && !input.engine.startsWith("aurora")) return { status: "not-priced", costComponents: [], note: `engine ${input.engine}: only Aurora cluster instances are priced` };
    const p = auroraPrices(input.region);
    if (!p) return noPriceFor(input.region);
    if (input.instanceClass === "db.serverless") {
      if (!p.serverlessV2) return noPriceFor(input.region, "Aurora Serverless v2");
      const name = input.ioOptimized ? "Aurora serverless v2 (I/O-optimized)" : "Aurora serverless v2";
      const price = input.ioOptimized ? p.serverlessV2.acu_hour_io_optimized : p.serverlessV2.acu_hour;
      const line = (acu: number | undefined): CostComponent => usageLine(name, "ACU-hours", acu === undefined ? undefined : mul(acu, HOURS_PER_MONTH), price);
      const expected = usage.capacity_units_per_hr ?? input.minAcu;
      const worst = input.maxAcu === undefined ? undefined : [line(input.maxAcu)];
      const range = input.minAcu !== undefined && input.maxAcu !== undefined ? `${input.minAcu}-${input.maxAcu} ACUs` : "capacity range unknown";
      const note = usage.capacity_units_per_hr === undefined && input.minAcu !== undefined ? `${range}; expected at the minimum (set capacity_units_per_hr), worst case at the maximum` : range;
      return { costComponents: [line(expected)], ...(worst ? { worstCaseCostComponents: worst } : {}), note };
    }
    if (!p.instances) return noPriceFor(input.region);
    const cls = input.instanceClass ?? "(unknown class)";
    const single = p.instances[cls];
    if (single === undefined) return { status: "not-priced", costComponents: [], note: `No price for Aurora ${cls} in ${input.region}` };
    const hourly = input.ioOptimized ? mul(single, p.ioOptimizedInstanceMultiplier ?? 1) : single;
    return {
      costComponents: [fixedLine(`Database instance (on-demand, ${cls})`, "hours", HOURS_PER_MONTH, hourly)],
      note: input.ioOptimized ? "I/O-Optimized cluster: instance hours about 30% above Aurora Standard" : undefined,
    };
  },
};
