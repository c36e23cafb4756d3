/**
 * aws:ebs/snapshot:Snapshot (and snapshot copies) — snapshot storage in the standard tier,
 * sized as the volume it is taken from: an upper bound, since snapshots store only the blocks
 * in use and later snapshots only the changes. aws:ebs/fastSnapshotRestore:FastSnapshotRestore
 * bills a DSU-hour per snapshot and zone while enabled.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, unknownQuantityLine } from "../lines";
import { ebsPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

const VOLUME_TYPE = "aws:ebs/volume:Volume";
const SNAPSHOT_TYPE = "aws:ebs/snapshot:Snapshot";

export interface EbsSnapshotInput {
  readonly region: string;
  readonly sizeGb?: number;
  /** "standard" (the default) or "archive" (not sourced). */
  readonly tier: string;
}

/** The size of the volume behind a snapshot (or behind the snapshot a copy copies). */
function sourceVolumeGb(record: ResourceRecord, ctx: MapContext): number | undefined {
  const volume = ctx.dependenciesOfType(record, VOLUME_TYPE)[0];
  if (volume) return num(volume.inputs.size);
  const snapshot = ctx.dependenciesOfType(record, SNAPSHOT_TYPE)[0];
  return snapshot ? sourceVolumeGb(snapshot, ctx) : undefined;
}

export function mapEbsSnapshot(record: ResourceRecord, ctx: MapContext): EbsSnapshotInput {
  return { region: ctx.regionOf(record), sizeGb: sourceVolumeGb(record, ctx), tier: str(record.inputs.storageTier) ?? "standard" };
}

export const ebsSnapshotPricer: Pricer<EbsSnapshotInput> = {
  type: SNAPSHOT_TYPE,
  usageSchema: {},
  map: mapEbsSnapshot,
  price(input) {
    const p = ebsPrices(input.region);
    if (!p) return noPriceFor(input.region);
    if (input.tier !== "standard") return noPriceFor(input.region, `snapshot ${input.tier} tier`);
    return {
      costComponents: [
        input.sizeGb === undefined
          ? unknownQuantityLine("EBS snapshot storage", "GB", p.snapshot_standard_gb_month, "the source volume is not in the program")
          : fixedLine("EBS snapshot storage", "GB", input.sizeGb, p.snapshot_standard_gb_month),
      ],
      note: "sized as the whole source volume: an upper bound (snapshots store used blocks, then changes)",
    };
  },
};

export const ebsSnapshotCopyPricer: Pricer<EbsSnapshotInput> = { ...ebsSnapshotPricer, type: "aws:ebs/snapshotCopy:SnapshotCopy" };

export interface FastSnapshotRestoreInput {
  readonly region: string;
}

export const fastSnapshotRestorePricer: Pricer<FastSnapshotRestoreInput> = {
  type: "aws:ebs/fastSnapshotRestore:FastSnapshotRestore",
  usageSchema: {},
  map: (record, ctx) => ({ region: ctx.regionOf(record) }),
  price(input) {
    const p = ebsPrices(input.region);
    if (!p) return noPriceFor(input.region);
    return { costComponents: [fixedLine("Fast snapshot restore", "DSU-hours", HOURS_PER_MONTH, p.fast_snapshot_restore_dsu_hour)] };
  },
};
