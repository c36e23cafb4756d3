/**
 * aws:ebs/volume:Volume — storage by type and size, provisioned IOPS and throughput (gp3
 * above what it includes; io1/io2 all of it), and I/O requests for magnetic volumes from usage.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import { noPriceFor, unknownQuantityLine } from "../lines";
import { ebsPrices } from "../prices";
import type { MapContext, Pricer } from "../types";
import { EBS_VOLUME_TYPES, ebsLines } from "./ec2Lines";

export interface EbsVolumeResourceInput {
  readonly region: string;
  /** GiB; undefined when it comes from a snapshot or is unknown at preview. */
  readonly sizeGb?: number;
  /** gp2 unless set (the provider's default). */
  readonly type: string;
  readonly iops?: number;
  readonly throughputMbps?: number;
}

export function mapEbsVolume(record: ResourceRecord, ctx: MapContext): EbsVolumeResourceInput {
  const inputs = record.inputs;
  return { region: ctx.regionOf(record), sizeGb: num(inputs.size), type: str(inputs.type) ?? "gp2", iops: num(inputs.iops), throughputMbps: num(inputs.throughput) };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const EBS_VOLUME_USAGE = {
  monthly_standard_io_requests: "I/O requests a month (magnetic volumes)",
} as const;

export const ebsVolumePricer: Pricer<EbsVolumeResourceInput, typeof EBS_VOLUME_USAGE> = {
  type: "aws:ebs/volume:Volume",
  usageSchema: EBS_VOLUME_USAGE,
  map: mapEbsVolume,
  price(input, usage) {
    const p = ebsPrices(input.region);
    if (!p) return noPriceFor(input.region);
    if (!EBS_VOLUME_TYPES.has(input.type)) return { status: "not-priced", costComponents: [], note: `No price for EBS volume type ${input.type}` };
    const lines = ebsLines({ sizeGb: input.sizeGb ?? 0, type: input.type, iops: input.iops, throughputMbps: input.throughputMbps }, 1, p, "", usage.monthly_standard_io_requests);
    if (input.sizeGb === undefined) {
      // The storage line's quantity is the unknown size, not 0 GB.
      lines[0] = unknownQuantityLine(lines[0].name, "GB", lines[0].price, "size not known at preview (a volume from a snapshot takes the snapshot's size)");
    }
    return { costComponents: lines };
  },
};
