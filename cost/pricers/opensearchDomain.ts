/**
 * aws:opensearch/domain:Domain (and the older aws:elasticsearch/domain:Domain) — data node
 * hours (instance type × count), dedicated master and UltraWarm node hours when enabled, and
 * EBS storage per data node by volume type (gp2, io1, magnetic; gp3 and io1 IOPS are not
 * sourced and show without a price).
 */
import type { ResourceRecord } from "../../model/records";
import { bool, num, obj, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, joinNotes, noPriceFor, unknownQuantityLine } from "../lines";
import { opensearchPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface OpensearchDomainInput {
  readonly region: string;
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly master?: { readonly type: string; readonly count: number };
  readonly warm?: { readonly type: string; readonly count: number };
  /** EBS per data node; undefined when EBS is off (instance storage). */
  readonly ebs?: { readonly sizeGb?: number; readonly type: string; readonly typeAssumed: boolean };
}

/** Legacy Elasticsearch domains name their types `*.elasticsearch`; the price list's are `*.search`, at the same price. */
function searchType(type: string): string {
  return type.replace(/\.elasticsearch$/, ".search");
}

export function mapOpensearchDomain(record: ResourceRecord, ctx: MapContext): OpensearchDomainInput {
  const inputs = record.inputs;
  const c = obj(inputs.clusterConfig) ?? {};
  const e = obj(inputs.ebsOptions);
  const volumeType = str(e?.volumeType);
  return {
    region: ctx.regionOf(record),
    instanceType: searchType(str(c.instanceType) ?? "m4.large.search"), // provider default
    instanceCount: num(c.instanceCount) ?? 1,
    master: bool(c.dedicatedMasterEnabled) ? { type: searchType(str(c.dedicatedMasterType) ?? "(unknown)"), count: num(c.dedicatedMasterCount) ?? 3 } : undefined,
    warm: bool(c.warmEnabled) ? { type: searchType(str(c.warmType) ?? "(unknown)"), count: num(c.warmCount) ?? 2 } : undefined,
    ebs: bool(e?.ebsEnabled) ? { sizeGb: num(e?.volumeSize), type: volumeType ?? "gp2", typeAssumed: volumeType === undefined } : undefined,
  };
}

export const opensearchDomainPricer: Pricer<OpensearchDomainInput> = {
  type: "aws:opensearch/domain:Domain",
  usageSchema: {},
  map: mapOpensearchDomain,
  price(input) {
    const p = opensearchPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const nodes = (label: string, type: string, count: number): CostComponent | string => {
      const hourly = p.instances[type];
      return hourly === undefined ? `No price for OpenSearch ${type} in ${input.region}` : fixedLine(`${label} (on-demand, ${type})`, "hours", mul(HOURS_PER_MONTH, count), hourly);
    };
    const groups = [
      nodes("Instance", input.instanceType, input.instanceCount),
      ...(input.master ? [nodes("Dedicated master", input.master.type, input.master.count)] : []),
      ...(input.warm ? [nodes("UltraWarm instance", input.warm.type, input.warm.count)] : []),
    ];
    const missing = groups.filter((g): g is string => typeof g === "string");
    if (missing.length) return { status: "not-priced", costComponents: [], note: missing.join("; ") };
    const lines = groups as CostComponent[];
    let storageNote: string | undefined;
    if (input.ebs) {
      const perGb: Record<string, number> = { gp2: p.storage.gp2_gb_month, io1: p.storage.io1_gb_month, standard: p.storage.magnetic_gb_month };
      const price = perGb[input.ebs.type];
      const name = `Storage (${input.ebs.type})`;
      if (price === undefined) lines.push(unknownQuantityLine(name, "GB", 0, `No sourced price for OpenSearch ${input.ebs.type} storage`));
      else if (input.ebs.sizeGb === undefined) lines.push(unknownQuantityLine(name, "GB", price, "volumeSize not known at preview"));
      else lines.push(fixedLine(name, "GB", mul(input.ebs.sizeGb, input.instanceCount), price));
      if (input.ebs.type === "io1") lines.push(unknownQuantityLine("Storage IOPS (io1)", "IOPS", 0, "No sourced price for OpenSearch io1 IOPS"));
      storageNote = input.ebs.typeAssumed ? "EBS volume type not set: priced as gp2" : undefined;
    }
    return { costComponents: lines, note: joinNotes(`${input.instanceCount} data node${input.instanceCount === 1 ? "" : "s"}`, storageNote) };
  },
};

export const elasticsearchDomainPricer: Pricer<OpensearchDomainInput> = { ...opensearchDomainPricer, type: "aws:elasticsearch/domain:Domain" };
