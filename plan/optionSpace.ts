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
import type { DrillId } from "../components/drillsSpec";
import { albPrices, DEFAULT_REGION, ec2HourlyPrice, elasticacheHourlyPrice, elasticacheServerlessPrices, PRICES, publicIpv4Hourly } from "../cost/prices";
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
  /** "web", "cache", "cdn", "database", "replica", "queue". */
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
  const c = spec.cache;
  const options: Option[] = [{ label: `catalog: ${tier}, ${c.deployment === "serverless" ? `${c.engine} serverless` : `${c.engine} ${c.nodeType}`}`, overrides: {} }];
  for (const nodeType of ["cache.t4g.micro", "cache.t4g.small"]) {
    for (const engine of ["valkey", "redis"] as const) {
      if (c.deployment === "nodes" && nodeType === c.nodeType && engine === c.engine) continue;
      options.push({
        label: `${tier}, ${engine} ${nodeType}`,
        overrides: { cache: { deployment: "nodes", nodeType, engine, engineVersion: engine === "valkey" ? "8.0" : "7.1" }, ...nodeDrills(spec) },
      });
    }
  }
  // Serverless replicates across zones by itself, so it serves both Multi-AZ tiers; its drill
  // cuts the cache's subnets off instead of failing nodes over.
  if ((tier === "replicated" || tier === "cluster") && !(c.deployment === "serverless" && c.engine === "valkey")) {
    options.push({ label: `${tier}, valkey serverless`, overrides: { cache: { deployment: "serverless", engine: "valkey", engineVersion: "8.0" }, ...serverlessDrills(spec) } });
  }
  return options;
}

/** The node drill each Multi-AZ tier runs. */
const NODE_DRILL: Partial<Record<CacheTier, DrillId>> = { replicated: "failover-cache-primary", cluster: "interrupt-cache-az" };
const CACHE_NODE_DRILLS: ReadonlySet<DrillId> = new Set(["failover-cache-primary", "interrupt-cache-az"]);

/** The milestone's drills with the node drills swapped for the serverless one. */
function serverlessDrills(spec: MilestoneSpec): Overrides {
  if (!spec.resilience.drills.some((d) => CACHE_NODE_DRILLS.has(d))) return {};
  const others = spec.resilience.drills.filter((d) => !CACHE_NODE_DRILLS.has(d) && d !== "disrupt-cache-network");
  return { resilience: { drills: [...others, "disrupt-cache-network"] } };
}

/** The milestone's drills with the serverless one swapped back for its tier's node drill. */
function nodeDrills(spec: MilestoneSpec): Overrides {
  const nodeDrill = NODE_DRILL[spec.cache.tier];
  if (!spec.resilience.drills.includes("disrupt-cache-network") || !nodeDrill) return {};
  return { resilience: { drills: spec.resilience.drills.map((d) => (d === "disrupt-cache-network" ? nodeDrill : d)) } };
}

function cdnOptions(spec: MilestoneSpec): Option[] {
  const cdn = spec.cdn;
  const describe = (mode: string, plan: string, routing: string, fn: boolean) =>
    `${mode}${mode === "none" ? "" : `, ${plan}`}${routing === "none" ? "" : `, API ${routing}`}${fn ? ", edge function" : ""}`;
  const options: Option[] = [{ label: `catalog: ${describe(cdn.mode, cdn.pricingPlan, cdn.apiRouting, cdn.edgeFunction)}`, overrides: {} }];
  // At m1 (no CDN in the seed) a static-assets CDN is an addition that may pay for itself in egress.
  if (cdn.mode === "none") {
    for (const pricingPlan of ["pay-as-you-go", "free"] as const) {
      options.push({ label: `static assets through CloudFront, ${pricingPlan}`, overrides: { cdn: { mode: "static", pricingPlan } } });
    }
    return options;
  }
  // The seed's CDN mode stays; how much of the API it carries, the edge function (a choice of
  // ours, not the seed's) and the pricing plan vary.
  const routings = cdn.mode === "static-api" || cdn.mode === "edge" ? (["cacheable", "all"] as const) : (["none"] as const);
  const functions = cdn.mode === "edge" ? [true, false] : [false];
  for (const pricingPlan of ["pay-as-you-go", "free", "pro", "business"] as const) {
    for (const apiRouting of routings) {
      for (const edgeFunction of functions) {
        if (pricingPlan === cdn.pricingPlan && apiRouting === cdn.apiRouting && edgeFunction === cdn.edgeFunction) continue;
        options.push({ label: describe(cdn.mode, pricingPlan, apiRouting, edgeFunction), overrides: { cdn: { pricingPlan, apiRouting, edgeFunction } } });
      }
    }
  }
  return options;
}

function databaseOptions(spec: MilestoneSpec): Option[] {
  const db = spec.database;
  const options: Option[] = [{ label: `catalog: ${db.plan} ${db.minCu}-${db.maxCu} CU${db.scaleToZero ? ", scale to zero" : ", always on"}`, overrides: {} }];
  const plans = db.plan === "free" ? (["free", "launch"] as const) : (["launch"] as const);
  for (const plan of plans) {
    for (const minCu of [0.25, 0.5]) {
      for (const maxCu of [1, 2, 3, 4]) {
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

/** The read replicas' size (the seed's replica stays; only its autoscaling range varies). */
function replicaOptions(spec: MilestoneSpec): Option[] {
  const db = spec.database;
  if (db.readReplicas === 0) return [{ label: "catalog: no read replica", overrides: {} }];
  const options: Option[] = [{ label: `catalog: ${db.readReplicas} × ${db.replicaMinCu}-${db.replicaMaxCu} CU`, overrides: {} }];
  for (const replicaMaxCu of [1, 2, 3, 4]) {
    if (db.replicaMinCu === 0.25 && replicaMaxCu === db.replicaMaxCu) continue;
    options.push({ label: `${db.readReplicas} × 0.25-${replicaMaxCu} CU`, overrides: { database: { replicaMinCu: 0.25, replicaMaxCu } } });
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
    { name: "replica", options: replicaOptions(spec) },
    { name: "queue", options: queueOptions(spec) },
  ];
}

/**
 * What a configuration costs at least, whatever the traffic: list prices of what it keeps
 * running all month, after the stack's commitments. Undefined prices count as 0 (the bound
 * stays below the estimate).
 */
export function lowerBound(milestone: MilestoneId, overrides: Overrides, commitments: Commitments = {}, spotDiscountPercent = DEFAULT_USAGE_ASSUMPTIONS.spot_discount_percent, region = DEFAULT_REGION): number {
  let spec: MilestoneSpec;
  try {
    spec = resolveProfile(milestone, overrides);
  } catch {
    return 0; // an invalid combination is refused by the evaluation itself, quickly
  }
  const hours = HOURS_PER_MONTH;
  // A price the region lacks counts as 0: the bound stays below the real cost.
  const ipv4 = publicIpv4Hourly(region) ?? 0;
  const ec2Discount = 1 - (commitments.ec2?.discountPercent ?? 0) / 100;
  // Each instance: its hours (after the commitment) and its public IPv4.
  let total = spec.app.minInstances * hours * ((ec2HourlyPrice(spec.app.instanceType, region) ?? 0) * ec2Discount + ipv4);
  // An internet-facing ALB: its hours and a public IPv4 per zone.
  if (spec.app.loadBalancer) total += hours * ((albPrices(region)?.hour ?? 0) + spec.network.availabilityZones * ipv4);
  if (spec.cache.tier !== "none" && spec.cache.deployment === "serverless") {
    // The data-stored minimum, billed whether or not anything is stored.
    const price = elasticacheServerlessPrices(region)?.[spec.cache.engine === "valkey" ? "valkey" : "redis_oss"];
    if (price) total += hours * price.gb_hour * price.min_gb;
  } else if (spec.cache.tier !== "none") {
    const nodes = spec.cache.shards * (1 + spec.cache.replicasPerShard);
    total += nodes * hours * (elasticacheHourlyPrice(spec.cache.engine, spec.cache.nodeType, region) ?? 0);
  }
  if (spec.cdn.mode !== "none" && spec.cdn.pricingPlan !== "pay-as-you-go") total += PRICES.cloudfrontFlatRate.plans[spec.cdn.pricingPlan].month;
  const cuHour = PRICES.neon[spec.database.plan].cu_hour;
  if (!spec.database.scaleToZero) total += hours * spec.database.minCu * cuHour * (1 + spec.database.readReplicas);
  if (spec.queue.enabled) {
    const spot = spec.queue.workerSpotInstanceTypes.length > 0;
    total += spec.queue.minWorkers * hours * (ec2HourlyPrice(spec.queue.workerInstanceType, region) ?? 0) * (spot ? 1 - spotDiscountPercent / 100 : ec2Discount);
  }
  return total;
}
