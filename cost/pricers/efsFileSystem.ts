/**
 * aws:efs/fileSystem:FileSystem — storage from usage (Standard or One Zone, and their
 * Infrequent Access classes when a lifecycle policy moves files there or usage says so), IA
 * reads and writes, and provisioned throughput above what the stored data includes (1 MBps
 * per 20 GB). Elastic throughput is billed per GB transferred, which is not sourced.
 */
import type { ResourceRecord } from "../../model/records";
import { list, num, obj, str } from "../../model/read";
import { div, sub } from "../../model/money";
import { fixedLine, joinNotes, noPriceFor, usageLine } from "../lines";
import { efsPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface EfsFileSystemInput {
  readonly region: string;
  /** A One Zone file system names its availability zone. */
  readonly oneZone: boolean;
  /** "bursting" (the provider default), "provisioned" or "elastic". */
  readonly throughputMode: string;
  readonly provisionedMbps?: number;
  /** A lifecycle policy moves files to Infrequent Access. */
  readonly infrequentAccess: boolean;
}

export function mapEfsFileSystem(record: ResourceRecord, ctx: MapContext): EfsFileSystemInput {
  const inputs = record.inputs;
  return {
    region: ctx.regionOf(record),
    oneZone: str(inputs.availabilityZoneName) !== undefined,
    throughputMode: str(inputs.throughputMode) ?? "bursting",
    provisionedMbps: num(inputs.provisionedThroughputInMibps),
    infrequentAccess: list(inputs.lifecyclePolicies).some((p) => str(obj(p)?.transitionToIa) !== undefined),
  };
}

/** Stored data includes 1 MBps of throughput per 20 GB (Standard); provisioned throughput bills above it. */
const GB_PER_INCLUDED_MBPS = 20;

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const EFS_FILE_SYSTEM_USAGE = {
  storage_gb: "GB stored in the Standard (or One Zone) class",
  infrequent_access_storage_gb: "GB stored in the Infrequent Access class",
  monthly_infrequent_access_read_gb: "GB read from Infrequent Access a month",
  monthly_infrequent_access_write_gb: "GB written to Infrequent Access a month",
} as const;

export const efsFileSystemPricer: Pricer<EfsFileSystemInput, typeof EFS_FILE_SYSTEM_USAGE> = {
  type: "aws:efs/fileSystem:FileSystem",
  usageSchema: EFS_FILE_SYSTEM_USAGE,
  map: mapEfsFileSystem,
  price(input, usage) {
    const p = efsPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const lines: CostComponent[] = [
      input.oneZone ? usageLine("Storage (one zone)", "GB", usage.storage_gb, p.one_zone_gb_month) : usageLine("Storage (standard)", "GB", usage.storage_gb, p.standard_gb_month),
    ];
    if (input.infrequentAccess || usage.infrequent_access_storage_gb !== undefined) {
      lines.push(
        input.oneZone
          ? usageLine("Storage (one zone, infrequent access)", "GB", usage.infrequent_access_storage_gb, p.one_zone_ia_gb_month)
          : usageLine("Storage (standard, infrequent access)", "GB", usage.infrequent_access_storage_gb, p.standard_ia_gb_month),
        usageLine("Read requests (infrequent access)", "GB", usage.monthly_infrequent_access_read_gb, p.ia_read_gb),
        usageLine("Write requests (infrequent access)", "GB", usage.monthly_infrequent_access_write_gb, p.ia_write_gb),
      );
    }
    let note: string | undefined;
    if (input.throughputMode === "provisioned" && input.provisionedMbps !== undefined) {
      const included = usage.storage_gb === undefined ? 0 : div(usage.storage_gb, GB_PER_INCLUDED_MBPS);
      lines.push(fixedLine("Provisioned throughput", "MBps", Math.max(0, sub(input.provisionedMbps, included)), p.provisioned_throughput_mbps_month));
      if (usage.storage_gb === undefined) note = "provisioned throughput priced in full: the 1 MBps per 20 GB stored that it includes depends on storage_gb";
    }
    if (input.throughputMode === "elastic") note = "Elastic throughput bills per GB read and written; not sourced, not included";
    return { costComponents: lines, note: joinNotes(note, p.conflict && input.infrequentAccess ? "IA price has conflicting sources (see the price file)" : undefined) };
  },
};
