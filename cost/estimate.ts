/**
 * The estimator: a whole Recording + a usage profile → per-resource cost components, expected
 * and worst-case monthly totals, and the list of resources nobody priced. Works on type
 * tokens and plain inputs only (no @pulumi/aws import), so any Pulumi program can be priced.
 *
 * Stability (for golden snapshots): resources keep the recording's order, free-tier
 * allowances are consumed in that order, money is exact decimal (see money.ts).
 */
import type { Recording, ResourceRecord } from "../model/records";
import { usageLine, withFreeTier } from "./lines";
import { decimalString, mul, sum } from "../model/money";
import { PRICES } from "./prices";
import { freeReason } from "../model/resourceTypes";
import { opaqueRemoteComponents, opaqueReason } from "../model/remote";
import { PRICERS } from "./pricers";
import { HOURS_PER_MONTH } from "../model/usage";
import { type CostComponent, type FreeTierPool, type MapContext, type PricedStatus, type ResourceUsage } from "./types";
import { DEFAULT_USAGE_PROFILE, resolveUsage, type UsageProfile } from "./usage";

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

function mapContext(recording: Recording): MapContext {
  const byUrn = new Map(recording.resources.map((r) => [r.urn, r]));
  return {
    recording,
    byUrn,
    dependenciesOfType(record, type) {
      return record.dependencies.map((u) => byUrn.get(u)).filter((r): r is ResourceRecord => r !== undefined && r.type === type);
    },
  };
}

function total(lines: readonly CostComponent[]): number {
  return sum(lines.map((l) => l.monthlyCost ?? 0));
}

/**
 * Price every resource of a recording under a usage profile (default: no usage, as Infracost
 * without a usage file).
 */
export function estimate(recording: Recording, profile: UsageProfile = DEFAULT_USAGE_PROFILE): Estimate {
  const ctx = mapContext(recording);
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
      note: result.note,
      ...(result.metrics && Object.keys(result.metrics).length ? { metrics: result.metrics } : {}),
    });
  }

  const transfer = dataTransferEstimate(recording, profile, pool);
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

/**
 * Internet egress from the region (EC2 and ALB responses), an account-level line as
 * Infracost's aws_data_transfer: the bytes CloudFront does not carry, after the always-free
 * 100 GB a month. Present only when the program runs something that serves traffic.
 */
function dataTransferEstimate(recording: Recording, profile: UsageProfile, pool: FreeTierPool): ResourceEstimate | undefined {
  if (!recording.resources.some((r) => EGRESS_TYPES.has(r.type))) return undefined;
  const hasCdn = recording.resources.some((r) => r.type === CDN_TYPE);
  const traffic = profile.traffic;
  const gb = traffic === undefined ? undefined : mul(traffic.monthly_data_transfer_gb, hasCdn ? 1 - traffic.cdn_byte_share : 1);
  const dt = PRICES.dataTransfer;
  const lines =
    gb === undefined
      ? [usageLine("Data transfer out to internet (first 10TB)", "GB", undefined, dt.first_10tb_gb)]
      : withFreeTier(pool, { key: "aws_data_transfer_out_gb", total: dt.free_gb_per_month, name: "Data transfer out to internet (always free, first 100GB)" }, "Data transfer out to internet (first 10TB)", "GB", gb, dt.first_10tb_gb);
  const monthlyCost = total(lines);
  return {
    urn: `urn:cost:${recording.stack}::${recording.project}::${DATA_TRANSFER_TYPE}::data-transfer`,
    name: "data-transfer",
    type: DATA_TRANSFER_TYPE,
    priced: "priced",
    costComponents: lines,
    monthlyCost,
    worstCaseMonthlyCost: monthlyCost,
    usage: gb === undefined ? undefined : { monthly_data_transfer_to_internet_gb: gb },
    hasUnknownUsage: gb === undefined,
    note: hasCdn ? "Origin responses not served through CloudFront (origin → CloudFront is free)" : "All responses leave from the origin",
    synthetic: true,
  };
}

/** Resources grouped by top-level component, in first-seen order ("" for top level / account). */
export function groupByComponent(est: Estimate): { component: string; resources: ResourceEstimate[]; monthlyCost: number; worstCaseMonthlyCost: number }[] {
  const groups = new Map<string, ResourceEstimate[]>();
  for (const r of est.resources) {
    const key = r.component ?? "";
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
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
