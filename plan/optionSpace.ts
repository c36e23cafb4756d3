/**
 * The typed option space the optimizer searches for one milestone: for each part of the stack
 * (web tier, cache, CDN, database, queue) the ways the catalog lets it be built, each option a
 * `cutlist:overrides` fragment. Every option keeps the seed's features for the milestone (its
 * instance counts as lower bounds, its cache tier, its CDN features, its read replica, its
 * queue); only how they are built varies. The first option of each part is the catalog's own
 * (no override), so the search starts from the catalog.
 *
 * Also the lower bound the optimizer prunes with: list prices of what a configuration keeps
 * running all month whatever the traffic (instances at the fleet's minimum, the load
 * balancer, cache nodes, an always-on database compute at its minimum), after the discounts
 * the stack has bought. A real estimate is never below it.
 */
import type { CacheTier } from "../components/cacheSpec";
import { ec2HourlyPrice, elasticacheHourlyPrice, PRICES } from "../cost/prices";
import { HOURS_PER_MONTH } from "../model/usage";
import type { Commitments } from "../stacks/config";
import { DEFAULT_CAPACITY_ASSUMPTIONS, rpsPerInstance, type CapacityAssumptions, type MilestoneId, type MilestoneSpec, type Overrides } from "../stacks/milestones";
import { resolveProfile } from "../stacks/profile";
import { DEFAULT_USAGE_ASSUMPTIONS } from "../stacks/usageAssumptions";

/** One way to build a part: a label for reports and the overrides that make it. */
export interface Option {
  readonly label: string;
  readonly overrides: Overrides;
}

export interface OptionGroup {
  /** "web", "cache", "cdn", "database", "queue". */
  readonly name: string;
  readonly options: readonly Option[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep merge of override fragments: objects merge, anything else in `over` replaces. */
export function mergeOverrides(base: Overrides, over: Overrides): Overrides {
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isPlainObject(a) || !isPlainObject(b)) return b === undefined ? a : b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  };
  return merge(base, over) as Overrides;
}

/**
 * The seed's instance counts per milestone ("App instances 1", "1-2", "2-4 (auto-scale)",
 * "Auto-scale (4+)") as lower bounds: a larger instance type may need fewer for throughput, but
 * the seed's redundancy stays.
 */
export const SEED_MIN_INSTANCES: Readonly<Record<MilestoneId, number>> = { m1: 1, m2: 1, m3: 2, m4: 4 };

/** Web instance types the optimizer considers: Graviton burstable and compute-optimised sizes. */
export const WEB_INSTANCE_TYPES = ["t4g.micro", "t4g.small", "t4g.xlarge", "c7g.large", "c7g.xlarge"] as const;

function webOptions(spec: MilestoneSpec, capacity: CapacityAssumptions): Option[] {
  const options: Option[] = [{ label: `catalog: ${spec.app.minInstances}-${spec.app.maxInstances} × ${spec.app.instanceType}${spec.app.loadBalancer ? " + ALB" : ""}`, overrides: {} }];
  const floor = SEED_MIN_INSTANCES[spec.id];
  for (const type of WEB_INSTANCE_TYPES) {
    const per = rpsPerInstance(capacity, type);
    if (per === undefined) continue;
    const needMin = Math.max(floor, Math.ceil((spec.capacity.requestsPerSecond * capacity.headroom) / per - 1e-9));
    const needMax = Math.max(needMin, Math.ceil(spec.capacity.peakRequestsPerSecond / per - 1e-9));
    // The smallest sizes that should hold, and one step below each to show what binds.
    const sizes = new Set<string>([`${needMin}-${needMax}`]);
    if (needMin - 1 >= floor) sizes.add(`${needMin - 1}-${needMax}`);
    if (needMax - 1 >= needMin) sizes.add(`${needMin}-${needMax - 1}`);
    for (const size of sizes) {
      const [min, max] = size.split("-").map(Number);
      const alb = max > 1;
      options.push({
        label: `${min}-${max} × ${type}${alb ? " + ALB" : ""}`,
        overrides: {
          app: {
            instanceType: type,
            minInstances: min,
            maxInstances: max,
            loadBalancer: alb,
            // Without an ALB there is no request-count metric to track.
            ...(alb ? {} : { autoscaling: { requestsPerTargetPerMinute: null } }),
          },
        },
      });
    }
  }
  return options;
}

function cacheOptions(spec: MilestoneSpec): Option[] {
  const tier: CacheTier = spec.cache.tier;
  if (tier === "none") return [{ label: "catalog: in-memory (no managed cache)", overrides: {} }];
  const options: Option[] = [{ label: `catalog: ${tier}, ${spec.cache.engine} ${spec.cache.nodeType}`, overrides: {} }];
  for (const nodeType of ["cache.t4g.micro", "cache.t4g.small"]) {
    for (const engine of ["valkey", "redis"] as const) {
      if (nodeType === spec.cache.nodeType && engine === spec.cache.engine) continue;
      options.push({ label: `${tier}, ${engine} ${nodeType}`, overrides: { cache: { nodeType, engine, engineVersion: engine === "valkey" ? "8.0" : "7.1" } } });
    }
  }
  return options;
}

function cdnOptions(spec: MilestoneSpec): Option[] {
  const options: Option[] = [{ label: `catalog: ${spec.cdn.mode}`, overrides: {} }];
  // At m1 (no CDN in the seed) a static-assets CDN is an addition that may pay for itself in egress.
  if (spec.cdn.mode === "none") options.push({ label: "static assets through CloudFront", overrides: { cdn: { mode: "static" } } });
  return options;
}

function databaseOptions(spec: MilestoneSpec): Option[] {
  const db = spec.database;
  const options: Option[] = [{ label: `catalog: ${db.plan} ${db.minCu}-${db.maxCu} CU${db.scaleToZero ? ", scale to zero" : ", always on"}`, overrides: {} }];
  const plans = db.plan === "free" ? (["free", "launch"] as const) : (["launch"] as const);
  for (const plan of plans) {
    for (const minCu of [0.25, 0.5]) {
      for (const maxCu of [1, 2, 4]) {
        for (const scaleToZero of [true, false]) {
          if (plan === "free" && (!scaleToZero || maxCu > 2)) continue;
          if (plan === db.plan && minCu === db.minCu && maxCu === db.maxCu && scaleToZero === db.scaleToZero) continue;
          options.push({
            label: `${plan} ${minCu}-${maxCu} CU${scaleToZero ? ", scale to zero" : ", always on"}`,
            overrides: { database: { plan, minCu, maxCu, scaleToZero, ...(plan === "free" ? { historyRetentionHours: Math.min(db.historyRetentionHours, 6) } : {}) } },
          });
        }
      }
    }
  }
  return options;
}

function queueOptions(spec: MilestoneSpec): Option[] {
  if (!spec.queue.enabled) return [{ label: "catalog: no queue", overrides: {} }];
  const q = spec.queue;
  const spot = ["t4g.small", "t4g.medium"];
  return [
    { label: `catalog: ${q.minWorkers}-${q.maxWorkers} × ${q.workerInstanceType}${q.workerSpotInstanceTypes.length ? " on Spot" : " on demand"}`, overrides: {} },
    { label: `${q.minWorkers}-${q.maxWorkers} × t4g.small on Spot`, overrides: { queue: { workerInstanceType: "t4g.small", workerSpotInstanceTypes: spot } } },
    { label: `${q.minWorkers}-${q.maxWorkers} × t4g.small on demand`, overrides: { queue: { workerInstanceType: "t4g.small", workerSpotInstanceTypes: [] } } },
  ];
}

/** The option space of a milestone (the stack's own overrides applied to the catalog first). */
export function optionSpace(milestone: MilestoneId, baseOverrides: Overrides = {}, capacity: CapacityAssumptions = DEFAULT_CAPACITY_ASSUMPTIONS): OptionGroup[] {
  const spec = resolveProfile(milestone, baseOverrides);
  return [
    { name: "web", options: webOptions(spec, capacity) },
    { name: "cache", options: cacheOptions(spec) },
    { name: "cdn", options: cdnOptions(spec) },
    { name: "database", options: databaseOptions(spec) },
    { name: "queue", options: queueOptions(spec) },
  ];
}

/**
 * What a configuration costs at least, whatever the traffic: list prices of what it keeps
 * running all month, after the stack's commitments. Undefined prices count as 0 (the bound
 * stays below the estimate).
 */
export function lowerBound(milestone: MilestoneId, overrides: Overrides, commitments: Commitments = {}, spotDiscountPercent = DEFAULT_USAGE_ASSUMPTIONS.spot_discount_percent): number {
  let spec: MilestoneSpec;
  try {
    spec = resolveProfile(milestone, overrides);
  } catch {
    return 0; // an invalid combination is refused by the evaluation itself, quickly
  }
  const hours = HOURS_PER_MONTH;
  const ec2Discount = 1 - (commitments.ec2?.discountPercent ?? 0) / 100;
  // Each instance: its hours (after the commitment) and its public IPv4.
  let total = spec.app.minInstances * hours * ((ec2HourlyPrice(spec.app.instanceType) ?? 0) * ec2Discount + PRICES.publicIpv4.hour);
  // An internet-facing ALB: its hours and a public IPv4 per zone.
  if (spec.app.loadBalancer) total += hours * (PRICES.alb.hour + spec.network.availabilityZones * PRICES.publicIpv4.hour);
  if (spec.cache.tier !== "none") {
    const nodes = spec.cache.shards * (1 + spec.cache.replicasPerShard);
    total += nodes * hours * (elasticacheHourlyPrice(spec.cache.engine, spec.cache.nodeType) ?? 0);
  }
  const cuHour = PRICES.neon[spec.database.plan].cu_hour;
  if (!spec.database.scaleToZero) total += hours * spec.database.minCu * cuHour * (1 + spec.database.readReplicas);
  if (spec.queue.enabled) {
    const spot = spec.queue.workerSpotInstanceTypes.length > 0;
    total += spec.queue.minWorkers * hours * (ec2HourlyPrice(spec.queue.workerInstanceType) ?? 0) * (spot ? 1 - spotDiscountPercent / 100 : ec2Discount);
  }
  return total;
}
