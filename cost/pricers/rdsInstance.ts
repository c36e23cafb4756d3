/**
 * aws:rds/instance:Instance — an RDS PostgreSQL, MySQL or MariaDB instance: instance hours by
 * class and engine (Multi-AZ bills the standby too: twice the Single-AZ price unless a
 * Multi-AZ price is listed), storage by type and size (twice for Multi-AZ), provisioned IOPS
 * (gp3 above its baseline, io1 all), I/O requests for magnetic storage, and backup storage
 * beyond the free amount (as much as the provisioned storage) from usage.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, num, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, per, unknownQuantityLine, usageLine } from "../lines";
import { rdsPrices, type RdsStoragePrices } from "../prices";
import type { CostComponent, MapContext, Pricer, ResourceUsage } from "../types";

export interface RdsInstanceInput {
  readonly region: string;
  readonly instanceClass?: string;
  readonly engine?: string;
  readonly multiAz: boolean;
  /** GiB; undefined for a replica that inherits its source's, or when unknown at preview. */
  readonly storageGb?: number;
  /** gp2 when unset, io1 when `iops` is set without a type (the provider's rule). */
  readonly storageType: string;
  readonly iops?: number;
}

export function mapRdsInstance(record: ResourceRecord, ctx: MapContext): RdsInstanceInput {
  const inputs = record.inputs;
  const iops = num(inputs.iops);
  return {
    region: ctx.regionOf(record),
    instanceClass: str(inputs.instanceClass),
    engine: str(inputs.engine),
    multiAz: bool(inputs.multiAz) ?? false,
    storageGb: num(inputs.allocatedStorage),
    storageType: str(inputs.storageType) ?? (iops !== undefined ? "io1" : "gp2"),
    iops,
  };
}

/** RDS io1 volumes bill at least 100 GB (the cited golden bills 100 GB for a 50 GB io1 volume). */
const IO1_MIN_GB = 100;
/** gp3 includes 3,000 IOPS below 400 GB and 12,000 from 400 GB (PostgreSQL, MySQL, MariaDB). */
function gp3BaselineIops(storage: RdsStoragePrices, gb: number): number {
  return gb < 400 ? storage.gp3_iops_baseline.under_400_gb : storage.gp3_iops_baseline.from_400_gb;
}

/** Storage, IOPS and I/O lines; `copies` is 2 for Multi-AZ (primary and standby). */
export function rdsStorageLines(input: RdsInstanceInput, s: RdsStoragePrices, copies: number, usage: ResourceUsage): CostComponent[] | string {
  const gb = input.storageGb;
  const gbLine = (name: string, size: number | undefined, price: number) =>
    size === undefined ? unknownQuantityLine(name, "GB", price, "allocatedStorage not known at preview (a replica takes its source's)") : fixedLine(name, "GB", mul(size, copies), price);
  switch (input.storageType) {
    case "gp2":
      return [gbLine("Storage (general purpose SSD, gp2)", gb, s.gp2_gb_month)];
    case "gp3": {
      const lines = [gbLine("Storage (general purpose SSD, gp3)", gb, s.gp3_gb_month)];
      if (gb !== undefined && input.iops !== undefined) {
        const baseline = gp3BaselineIops(s, gb);
        if (input.iops > baseline) lines.push(fixedLine(`Provisioned GP3 IOPS (above ${baseline})`, "IOPS", mul(input.iops - baseline, copies), s.gp3_iops_month_over_baseline));
      }
      return lines;
    }
    case "io1":
      return [
        gbLine("Storage (provisioned IOPS SSD, io1)", gb === undefined ? undefined : Math.max(IO1_MIN_GB, gb), s.io1_gb_month),
        input.iops === undefined ? unknownQuantityLine("Provisioned IOPS", "IOPS", s.io1_iops_month, "iops not known at preview") : fixedLine("Provisioned IOPS", "IOPS", mul(input.iops, copies), s.io1_iops_month),
      ];
    case "standard":
      return [gbLine("Storage (magnetic)", gb, s.magnetic_gb_month), usageLine("I/O requests", "1M requests", per(usage.monthly_standard_io_requests, 1_000_000), s.magnetic_1m_io_requests)];
    default:
      return `${input.storageType} storage`;
  }
}

/** The engines whose instance prices are sourced. */
const ENGINES = new Set(["postgres", "mysql", "mariadb"]);

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const RDS_INSTANCE_USAGE = {
  additional_backup_storage_gb: "GB of backups beyond the free amount (as much as the provisioned storage)",
  monthly_standard_io_requests: "I/O requests a month (magnetic storage)",
} as const;

export const rdsInstancePricer: Pricer<RdsInstanceInput, typeof RDS_INSTANCE_USAGE> = {
  type: "aws:rds/instance:Instance",
  usageSchema: RDS_INSTANCE_USAGE,
  map: mapRdsInstance,
  price(input, usage) {
    const p = rdsPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const engine = input.engine ?? "(unknown)";
    if (!ENGINES.has(engine)) {
      const why = engine.startsWith("aurora") ? "an Aurora engine on a plain instance; Aurora is priced on clusters and cluster instances" : `engine ${engine} is not in the price file (PostgreSQL, MySQL, MariaDB are)`;
      return { status: "not-priced", costComponents: [], note: why };
    }
    const cls = input.instanceClass ?? "(unknown class)";
    const single = p.instanceHour(engine, cls);
    if (single === undefined) return { status: "not-priced", costComponents: [], note: `No price for ${engine} ${cls} in ${input.region}` };
    const hourly = input.multiAz ? p.multiAzInstanceHour(engine, cls) ?? mul(single, p.multiAz.instance_multiplier) : single;
    const deployment = input.multiAz ? "Multi-AZ" : "Single-AZ";
    const storage = rdsStorageLines(input, p.storage, input.multiAz ? p.multiAz.storage_multiplier : 1, usage);
    if (typeof storage === "string") return noPriceFor(input.region, storage);
    return {
      costComponents: [
        fixedLine(`Database instance (on-demand, ${deployment}, ${cls})`, "hours", HOURS_PER_MONTH, hourly),
        ...storage,
        usageLine("Additional backup storage", "GB", usage.additional_backup_storage_gb, p.storage.backup_gb_month_beyond_free),
      ],
      note: input.multiAz ? "Multi-AZ: the standby's instance hours and storage are billed too" : undefined,
    };
  },
};
