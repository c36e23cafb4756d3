/**
 * The estimator: a whole Recording + a usage profile → per-resource cost components, expected
 * and worst-case monthly totals, and the list of resources nobody priced. Works on type
 * tokens and plain inputs only (no @pulumi/aws import), so any Pulumi program can be priced.
 *
 * Stability (for golden snapshots): resources keep the recording's order, free-tier
 * allowances are consumed in that order, money is exact decimal (see money.ts).
 */
import type { Recording, ResourceRecord } from "../model/records";
import { freeLine, joinNotes, quantity, tieredLines, usageLine } from "./lines";
import { decimalString, mul, sub, sum } from "../model/money";
import { DEFAULT_REGION, dataTransferOutPrices } from "./prices";
import { freeReason } from "../model/resourceTypes";
import { opaqueRemoteComponents, opaqueReason } from "../model/remote";
import { PRICERS } from "./pricers";
import { HOURS_PER_MONTH } from "../model/usage";
import { type CostComponent, type FreeTierPool, type MapContext, type PricedStatus, type ResourceUsage } from "./types";
import { DEFAULT_USAGE_PROFILE, resolveUsage, type UsageProfile } from "./usage";
import { groupBy } from "../model/groupBy";

export interface ResourceEstimate {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  /** Top-level component ("app", "cache"…); undefined for top-level resources and account-wide lines. */
  readonly component?: string;
  readonly priced: PricedStatus;
  readonly costComponents: readonly CostComponent[];
  /** Present only when the worst case differs (autoscaled resources). */
  readonly worstCaseCostComponents?: readonly CostComponent[];
  /** Sum of the known line costs (lines whose usage is unknown count as 0 and say so). */
  readonly monthlyCost: number;
  readonly worstCaseMonthlyCost: number;
  /** The usage values the pricer saw. */
  readonly usage?: ResourceUsage;
  /** True when at least one line's cost depends on usage nobody supplied. */
  readonly hasUnknownUsage: boolean;
  /** Why free / not priced, the instance range, a free-plan warning… */
  readonly note?: string;
  /** Quantities guardrails judge (the pricer's `metrics`). */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Synthetic: an account-level line (e.g. data transfer) rather than a declared resource. */
  readonly synthetic?: boolean;
}

/** Usage that names a key the resource's pricer does not read: a typo or a stale rule, never ignored. */
export class UsageKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageKeyError";
  }
}

export interface NotPriced {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly reason: string;
}

export interface Estimate {
  readonly project: string;
  readonly stack: string;
  readonly currency: "USD";
  /** The usage profile's id ("m2", "default"…). */
  readonly usageProfile: string;
  readonly resources: readonly ResourceEstimate[];
  readonly totalMonthlyCost: number;
  readonly totalWorstCaseMonthlyCost: number;
  readonly notPriced: readonly NotPriced[];
  /** Counts by status, for summaries. */
  readonly counts: Readonly<Record<PricedStatus, number>>;
}

/** Pseudo type of the account-level data-transfer line (Infracost's `aws_data_transfer`). */
export const DATA_TRANSFER_TYPE = "cost:aws/dataTransfer:DataTransfer";

/** Types whose traffic leaves the region to the internet (directly or via a load balancer). */
const EGRESS_TYPES = new Set(["aws:ec2/instance:Instance", "aws:autoscaling/group:Group", "aws:lb/loadBalancer:LoadBalancer"]);
const CDN_TYPE = "aws:cloudfront/distribution:Distribution";

function freeTierPool(): FreeTierPool {
  const left = new Map<string, number>();
  return {
    take(key, total, quantity) {
      const available = left.get(key) ?? total;
      const covered = Math.max(0, Math.min(available, quantity));
      left.set(key, available - covered);
      return covered;
    },
  };
}

/** The type token of an explicit AWS provider resource (its inputs carry `region`). */
const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

/** A MapContext over one recording, and the region assumptions it made, by URN. */
function mapContext(recording: Recording): { ctx: MapContext; regionNotes: Map<string, string> } {
  const byUrn = new Map(recording.resources.map((r) => [r.urn, r]));
  const dependents = new Map<string, ResourceRecord[]>();
  for (const r of recording.resources) {
    for (const d of r.dependencies) {
      const list = dependents.get(d);
      if (list) list.push(r);
      else dependents.set(d, [r]);
    }
  }
  const regionNotes = new Map<string, string>();
  const stackRegion = recording.config["aws:region"] || undefined;
  const ctx: MapContext = {
    recording,
    byUrn,
    dependenciesOfType(record, type) {
      return record.dependencies.map((u) => byUrn.get(u)).filter((r): r is ResourceRecord => r !== undefined && r.type === type);
    },
    dependentsOfType(record, type) {
      return (dependents.get(record.urn) ?? []).filter((r) => r.type === type);
    },
    regionOf(record) {
      const provider = record.provider === undefined ? undefined : byUrn.get(record.provider);
      if (provider?.type === AWS_PROVIDER_TYPE) {
        const region = typeof provider.inputs.region === "string" && provider.inputs.region !== "" ? provider.inputs.region : undefined;
        if (region) return region;
        const assumed = stackRegion ?? DEFAULT_REGION;
        regionNotes.set(record.urn, `region of provider ${provider.name} unknown at preview: priced in ${assumed}${stackRegion ? " (the stack's aws:region)" : ""}`);
        return assumed;
      }
      if (stackRegion) return stackRegion;
      regionNotes.set(record.urn, `no region set (no provider region, no aws:region config): priced in ${DEFAULT_REGION}`);
      return DEFAULT_REGION;
    },
  };
  return { ctx, regionNotes };
}

function total(lines: readonly CostComponent[]): number {
  return sum(lines.map((l) => l.monthlyCost ?? 0));
}

/**
 * Price every resource of a recording under a usage profile (default: no usage, as Infracost
 * without a usage file).
 */
export function estimate(recording: Recording, profile: UsageProfile = DEFAULT_USAGE_PROFILE): Estimate {
  const { ctx, regionNotes } = mapContext(recording);
  const pool = freeTierPool();
  const usageByUrn = resolveUsage(profile, recording.resources);
  const resources: ResourceEstimate[] = [];
  // A remote component nobody expanded may hold anything: never free.
  const opaque = opaqueRemoteComponents(recording.resources);

  for (const record of recording.resources) {
    const base = { urn: record.urn, name: record.name, type: record.type, component: record.component };
    if (opaque.has(record.urn)) {
      resources.push({ ...base, priced: "not-priced", costComponents: [], monthlyCost: 0, worstCaseMonthlyCost: 0, hasUnknownUsage: false, note: opaqueReason(record.type) });
      continue;
    }
    const pricer = PRICERS.get(record.type);
    if (!pricer) {
      const reason = freeReason(record.type, record.custom);
      resources.push(
        reason
          ? { ...base, priced: "free", costComponents: [], monthlyCost: 0, worstCaseMonthlyCost: 0, hasUnknownUsage: false, note: reason }
          : { ...base, priced: "not-priced", costComponents: [], monthlyCost: 0, worstCaseMonthlyCost: 0, hasUnknownUsage: false, note: `No pricer for ${record.type}` },
      );
      continue;
    }
    const usage = usageByUrn.get(record.urn) ?? {};
    const unread = Object.keys(usage).filter((k) => !(k in pricer.usageSchema));
    if (unread.length > 0) {
      const allowed = Object.keys(pricer.usageSchema);
      throw new UsageKeyError(
        `usage for ${record.name} (${record.type}): ${unread.map((k) => JSON.stringify(k)).join(", ")} ${unread.length === 1 ? "is" : "are"} not read by its pricer; ` +
          (allowed.length ? `it reads ${allowed.join(", ")}` : "it reads no usage"),
      );
    }
    let result;
    try {
      result = pricer.price(pricer.map(record, ctx), usage, { freeTier: pool });
    } catch (err) {
      result = { status: "not-priced" as const, costComponents: [], note: `Pricer failed: ${(err as Error).message}` };
    }
    const monthlyCost = total(result.costComponents);
    resources.push({
      ...base,
      priced: result.status ?? "priced",
      costComponents: result.costComponents,
      ...(result.worstCaseCostComponents ? { worstCaseCostComponents: result.worstCaseCostComponents } : {}),
      monthlyCost,
      worstCaseMonthlyCost: result.worstCaseCostComponents ? total(result.worstCaseCostComponents) : monthlyCost,
      usage: Object.keys(usage).length ? usage : undefined,
      hasUnknownUsage: [...result.costComponents, ...(result.worstCaseCostComponents ?? [])].some((l) => l.monthlyCost === null),
      note: joinNotes(result.note, regionNotes.get(record.urn)),
      ...(result.metrics && Object.keys(result.metrics).length ? { metrics: result.metrics } : {}),
    });
  }

  const transfer = dataTransferEstimate(recording, profile, pool, ctx);
  if (transfer) resources.push(transfer);

  const notPriced = resources.filter((r) => r.priced === "not-priced").map((r) => ({ urn: r.urn, type: r.type, name: r.name, reason: r.note ?? "not priced" }));
  const counts = { priced: 0, free: 0, "not-priced": 0 } as Record<PricedStatus, number>;
  for (const r of resources) counts[r.priced]++;
  return {
    project: recording.project,
    stack: recording.stack,
    currency: "USD",
    usageProfile: profile.id,
    resources,
    totalMonthlyCost: sum(resources.map((r) => r.monthlyCost)),
    totalWorstCaseMonthlyCost: sum(resources.map((r) => r.worstCaseMonthlyCost)),
    notPriced,
    counts,
  };
}

const EGRESS_TIER_LABELS = ["first 10TB", "next 40TB", "next 100TB", "over 150TB"];

/**
 * Internet egress from the region (EC2 and ALB responses), an account-level line as
 * Infracost's aws_data_transfer: the bytes CloudFront does not carry, after the always-free
 * 100 GB a month, priced in the region the serving resources run in. Present only when the
 * program runs something that serves traffic.
 */
function dataTransferEstimate(recording: Recording, profile: UsageProfile, pool: FreeTierPool, ctx: MapContext): ResourceEstimate | undefined {
  const servers = recording.resources.filter((r) => EGRESS_TYPES.has(r.type));
  if (servers.length === 0) return undefined;
  const hasCdn = recording.resources.some((r) => r.type === CDN_TYPE);
  const regions = [...new Set(servers.map((r) => ctx.regionOf(r)))];
  const base = {
    urn: `urn:cost:${recording.stack}::${recording.project}::${DATA_TRANSFER_TYPE}::data-transfer`,
    name: "data-transfer",
    type: DATA_TRANSFER_TYPE,
    synthetic: true as const,
  };
  const prices = regions.length === 1 ? dataTransferOutPrices(regions[0]) : undefined;
  if (!prices) {
    const note = regions.length === 1 ? `no price for ${regions[0]}` : `traffic is served from several regions (${regions.join(", ")}) and the usage profile gives one egress figure`;
    return { ...base, priced: "not-priced", costComponents: [], monthlyCost: 0, worstCaseMonthlyCost: 0, hasUnknownUsage: false, note };
  }
  const traffic = profile.traffic;
  const gb = traffic === undefined ? undefined : mul(traffic.monthly_data_transfer_gb, hasCdn ? 1 - traffic.cdn_byte_share : 1);
  const tiers = prices.internetTiers;
  const name = (label: string) => `Data transfer out to internet (${label})`;
  let lines: CostComponent[];
  if (gb === undefined) {
    lines = [usageLine(name(EGRESS_TIER_LABELS[0]), "GB", undefined, tiers[0].price)];
  } else {
    const covered = pool.take("aws_data_transfer_out_gb", prices.freeGbPerMonth, gb);
    const paid = sub(gb, covered);
    lines = [freeLine(`${name("always free, first 100GB")}`, "GB", covered), ...tieredLines(name, "GB", paid, tiers, (i) => EGRESS_TIER_LABELS[i])];
    const lastBound = tiers[tiers.length - 1].upTo;
    if (!prices.complete && lastBound !== null && paid > lastBound) {
      lines.push({ ...usageLine(name(EGRESS_TIER_LABELS[tiers.length]), "GB", undefined, 0), monthlyQuantity: quantity(sub(paid, lastBound)), note: `No sourced price above ${lastBound} GB a month in ${regions[0]}` });
    }
  }
  const monthlyCost = total(lines);
  return {
    ...base,
    priced: "priced",
    costComponents: lines,
    monthlyCost,
    worstCaseMonthlyCost: monthlyCost,
    usage: gb === undefined ? undefined : { monthly_data_transfer_to_internet_gb: gb },
    hasUnknownUsage: lines.some((l) => l.monthlyCost === null),
    note: joinNotes(hasCdn ? "Origin responses not served through CloudFront (origin → CloudFront is free)" : "All responses leave from the origin", regions[0] === DEFAULT_REGION ? undefined : `egress priced in ${regions[0]}`),
  };
}

/** Resources grouped by top-level component, in first-seen order ("" for top level / account). */
export function groupByComponent(est: Estimate): { component: string; resources: ResourceEstimate[]; monthlyCost: number; worstCaseMonthlyCost: number }[] {
  const groups = groupBy(est.resources, (r) => r.component ?? "");
  return [...groups].map(([component, resources]) => ({
    component,
    resources,
    monthlyCost: sum(resources.map((r) => r.monthlyCost)),
    worstCaseMonthlyCost: sum(resources.map((r) => r.worstCaseMonthlyCost)),
  }));
}

/** Infracost-style hourly figure for a monthly amount (÷ 730), as a decimal string. */
export function hourlyString(monthly: number): string {
  return decimalString(Number((monthly / HOURS_PER_MONTH).toFixed(10)));
}
