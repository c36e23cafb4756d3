/**
 * The capacity milestones of the seed plan (the team's "Scale 30/60/90 Plan", section
 * "Capacity Scaling Milestones"; a planning document kept outside this repository) as typed
 * plain data, plus the consistency check that every resolved profile (milestone + overrides)
 * must pass before any resource is declared.
 *
 * Plain data on purpose: the program, the plan and the policies all read the same numbers,
 * and cost-relevant values stay plain (not Outputs) so CrossGuard can read them in a preview.
 * Each part is typed by the component that builds it (`components/*Spec.ts`).
 * Where the seed is silent the value is an assumption and says so in a comment; the README
 * lists every number with the seed line it comes from.
 */

import type { AppSpec } from "../components/appSpec";
import type { CacheSpec } from "../components/cacheSpec";
import type { CdnSpec } from "../components/cdnSpec";
import type { DrillId } from "../components/drillsSpec";
import type { DatabaseSpec } from "../components/neon/databaseSpec";
import type { NetworkSpec } from "../components/networkSpec";
import type { ObservabilitySpec, SloSpec } from "../components/observabilitySpec";
import type { QueueSpec } from "../components/queueSpec";
import type { StorageSpec } from "../components/storageSpec";

export type { AppSpec, CacheSpec, CdnSpec, DatabaseSpec, NetworkSpec, ObservabilitySpec, QueueSpec, SloSpec, StorageSpec };

export const MILESTONE_IDS = ["m1", "m2", "m3", "m4"] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

export interface CapacitySpec {
  /** Concurrent users the milestone is sized for. */
  readonly users: number;
  /** Sustained requests per second at that load. */
  readonly requestsPerSecond: number;
  /** Peak requests per second the fleet must absorb at max instances. */
  readonly peakRequestsPerSecond: number;
  /** Database connections the app may hold. */
  readonly dbConnections: number;
  /** Stored data, GB (database and files). */
  readonly storageGb: number;
}

export interface ResilienceSpec {
  /**
   * FIS experiment templates to declare, in the order the seed's criteria ask for them
   * ("first resilience drill", "two", "three"). Declared only: `pulumi up` never starts one.
   */
  readonly drills: readonly DrillId[];
  /** Minutes a timed fault runs (CPU stress, cache AZ power interruption). */
  readonly faultMinutes: number;
}

export interface CostBand {
  readonly minUsd: number;
  readonly maxUsd: number;
  /**
   * The approved monthly budget: the band's ceiling, unless the optimizer proved no
   * configuration that meets the milestone's guardrails fits the band (README, "What each
   * milestone costs"); policies/guardrails.json approves the same figures (a test checks).
   * The stack's AWS Budget alerts at it.
   */
  readonly approvedUsd: number;
}

/**
 * Everything one milestone means, all plain data. Each part is the spec its component takes
 * (components/*Spec.ts); capacity, resilience and the cost band are the stack's own.
 */
export interface MilestoneSpec {
  readonly id: MilestoneId;
  readonly title: string;
  readonly network: NetworkSpec;
  readonly app: AppSpec;
  readonly cache: CacheSpec;
  readonly cdn: CdnSpec;
  readonly database: DatabaseSpec;
  readonly queue: QueueSpec;
  readonly storage: StorageSpec;
  readonly observability: ObservabilitySpec;
  readonly slo: SloSpec;
  readonly resilience: ResilienceSpec;
  readonly capacity: CapacitySpec;
  /** The seed's "Est. Monthly Cost" band for the milestone. */
  readonly costBand: CostBand;
}

/** Recursive partial used for `cutlist:overrides`. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type Overrides = DeepPartial<Omit<MilestoneSpec, "id" | "title">>;

/**
 * Load-test figures the catalog's sizing rests on; overridable per stack through
 * `cutlist:capacity` once real load tests exist.
 */
export interface CapacityAssumptions {
  /** Requests per second one app instance serves within the p95 objective, by EC2 instance type. */
  readonly rpsByInstanceType: Readonly<Record<string, number>>;
  /** Factor the minimum fleet must exceed the sustained rate by (1.2 = 20 % headroom). */
  readonly headroom: number;
}

/**
 * Requests per second one instance serves within the p95 objective, per instance type: all
 * assumptions from one anchor, the seed's "load testing at 2x baseline" on today's single
 * t4g.small (~100 rps baseline → 200 rps). The app is CPU-bound (one Node worker per vCPU), so
 * throughput scales with vCPUs: 100 rps per Graviton2 vCPU (t4g), 120 per Graviton3 vCPU
 * (c7g/m7g: ~20 % faster per core, AWS's Graviton3 launch figures). t4g.micro has the vCPUs but
 * 1 GiB of memory fits one worker: 100. Burstable t4g instances sustain this only while CPU
 * credits last (unlimited mode bills the surplus; the fleet's mean CPU stays under the 20 %
 * baseline at the catalog's rates). Replace any figure with your own load test through
 * `cutlist:capacity.rpsByInstanceType`.
 */
export const INSTANCE_THROUGHPUT_RPS: Readonly<Record<string, number>> = {
  "t4g.micro": 100,
  "t4g.small": 200,
  "t4g.medium": 200,
  "t4g.large": 200,
  "t4g.xlarge": 400,
  "t4g.2xlarge": 800,
  "c7g.medium": 120,
  "c7g.large": 240,
  "c7g.xlarge": 480,
  "c7g.2xlarge": 960,
  "m7g.medium": 120,
  "m7g.large": 240,
  "m7g.xlarge": 480,
  "m7g.2xlarge": 960,
};

export const DEFAULT_CAPACITY_ASSUMPTIONS: CapacityAssumptions = { rpsByInstanceType: INSTANCE_THROUGHPUT_RPS, headroom: 1.2 };

/** The requests per second one instance of `instanceType` serves, or undefined when nobody measured or assumed it. */
export function rpsPerInstance(capacity: CapacityAssumptions, instanceType: string): number | undefined {
  return capacity.rpsByInstanceType[instanceType];
}

/** Daily cache snapshots, UTC: after the working day, an hour before Sunday maintenance. */
const CACHE_SNAPSHOT_WINDOW = "03:00-04:00";

/**
 * CDN settings every milestone shares: the US/EU price class, a day's TTL for assets, pay as
 * you go, no API through CloudFront and no edge function unless a milestone says so. The
 * cacheable API paths are the app's public, per-user-independent reads (the material and
 * sheet catalogues, shared cut lists): an assumption about the app to confirm with its team.
 */
const CDN_DEFAULTS = {
  priceClass: "PriceClass_100",
  staticTtlSeconds: 86400,
  apiRouting: "none",
  cacheableApiPaths: ["/api/catalog/*", "/api/shared/*"],
  edgeFunction: false,
  pricingPlan: "pay-as-you-go",
} as const;

/**
 * Cache settings every milestone shares: node-based unless a milestone says otherwise, and
 * serverless ceilings (used only when serverless): 1 GB is four times the working set
 * (0.25 GB) and 5,000 ECPU/s twice m4's peak (1,200 rps × ~2 commands), so they bound a
 * runaway bill, not normal traffic.
 */
const CACHE_DEFAULTS = { deployment: "nodes", snapshotWindow: CACHE_SNAPSHOT_WINDOW, serverlessMaxDataGb: 1, serverlessMaxEcpuPerSecond: 5_000 } as const;

const NETWORK: NetworkSpec = { cidrBlock: "10.40.0.0/16", availabilityZones: 2, natGateway: false };

const NO_QUEUE: QueueSpec = {
  enabled: false,
  visibilityTimeoutSeconds: 300,
  messageRetentionDays: 4,
  maxReceiveCount: 5,
  workerInstanceType: "t4g.small",
  minWorkers: 0,
  maxWorkers: 0,
  backlogPerWorker: 20,
  workerSpotInstanceTypes: [],
};

const SEED_DATABASE = {
  region: "aws-us-east-1",
  postgresVersion: 17,
  usePooler: true,
} as const;

const m1: MilestoneSpec = {
  id: "m1",
  network: NETWORK,
  title: "100 users (current)",
  // seed: "App instances 1"; no ALB: it alone is ~$16.43 + 2 × $3.65 IPv4, over the $15-30 band.
  app: {
    instanceType: "t4g.small",
    minInstances: 1,
    maxInstances: 1,
    loadBalancer: false,
    rootVolumeGb: 8,
    // One instance: nothing to scale; the group only replaces an unhealthy host.
    autoscaling: { cpuTargetPercent: null, requestsPerTargetPerMinute: null, warmupSeconds: 120, cooldownSeconds: 300 },
  },
  // seed: "Cache In-memory": no managed cache.
  cache: { tier: "none", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 0, snapshotRetentionDays: 0, ...CACHE_DEFAULTS },
  // seed: "CDN None". optimizer: static assets through CloudFront pay as you go cost less
  // than serving them from the instance (CloudFront's first 1 TB out is free; EC2's is not).
  cdn: { ...CDN_DEFAULTS, mode: "static", apiTtlSeconds: 0 },
  // seed: "Neon Free/Pro": Launch. optimizer: Free fails neon-free-plan-allowance (the
  // expected ~137 CU-hours and ~27 GB of query results are past the 100 CU-hours and 5 GB);
  // 2 CU holds the 200 rps peak's ~1.3 CU (capacity-db-compute).
  database: {
    ...SEED_DATABASE,
    plan: "launch",
    minCu: 0.25,
    maxCu: 2,
    scaleToZero: true,
    readReplicas: 0,
    replicaMinCu: 0.25,
    replicaMaxCu: 0.25,
    // seed: "Database connections 50 max" with one instance.
    poolSizePerInstance: 50,
    historyRetentionHours: 6,
  },
  queue: NO_QUEUE,
  // User files stay on the instance until the seed's 90-day "file storage migration".
  storage: { userFiles: false, versioning: true, noncurrentVersionExpirationDays: 30, infrequentAccessAfterDays: 0 },
  // seed 30-day: "Deploy production monitoring", "production logging aggregation".
  observability: { logRetentionDays: 14, dashboard: false },
  // seed "Reliability Baseline, Current": 99 %, p95 < 500 ms, errors < 1 %.
  slo: { availability: 0.99, p95LatencyMs: 500, errorRate: 0.01 },
  // seed 30-day plan, worked from m1: "Complete first resilience drill". One instance: losing
  // it is the outage to rehearse (the group replaces it; the seed's MTTR target is < 1 hour).
  resilience: { drills: ["terminate-app-instance"], faultMinutes: 5 },
  // seed "Capacity Baseline, Current": ~100 users, ~100 rps, 50 connections, 1 GB.
  // Peak: the seed's "load testing at 2x baseline".
  capacity: { users: 100, requestsPerSecond: 100, peakRequestsPerSecond: 200, dbConnections: 50, storageGb: 1 },
  // optimizer: the cheapest configuration that meets every other guardrail is $34.61, $4.61
  // over the seed's $30 ceiling (the instance alone is $16.55, Launch's storage and CU-hours
  // $14.68, the alerts topic's KMS key $1).
  costBand: { minUsd: 15, maxUsd: 30, approvedUsd: 35 },
};

const m2: MilestoneSpec = {
  id: "m2",
  network: NETWORK,
  title: "250 users (30 days)",
  // seed: "App instances 1-2": an ALB in front so the second instance can serve.
  app: {
    instanceType: "t4g.small",
    minInstances: 1,
    maxInstances: 2,
    loadBalancer: true,
    rootVolumeGb: 8,
    autoscaling: { cpuTargetPercent: 60, requestsPerTargetPerMinute: null, warmupSeconds: 120, cooldownSeconds: 300 },
  },
  // seed: "Cache Redis (single)": one Valkey node (Redis-compatible, 20 % cheaper).
  cache: { tier: "single", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 0, snapshotRetentionDays: 0, ...CACHE_DEFAULTS },
  // seed: "CDN Static assets".
  cdn: { ...CDN_DEFAULTS, mode: "static", apiTtlSeconds: 0 },
  // seed: "Neon Pro" = Launch; 0.25-2 CU, scale to zero kept (the plan allows it).
  database: {
    ...SEED_DATABASE,
    plan: "launch",
    minCu: 0.25,
    maxCu: 2,
    scaleToZero: true,
    readReplicas: 0,
    replicaMinCu: 0.25,
    replicaMaxCu: 0.25,
    // assumption: 2 instances × 35 fits the seed's path from 50 to 100 connections.
    poolSizePerInstance: 35,
    historyRetentionHours: 24,
  },
  queue: NO_QUEUE,
  storage: { userFiles: false, versioning: true, noncurrentVersionExpirationDays: 30, infrequentAccessAfterDays: 0 },
  observability: { logRetentionDays: 30, dashboard: true },
  // seed 30-day criteria add SLO tracking; objectives stay at the current baseline.
  slo: { availability: 0.99, p95LatencyMs: 500, errorRate: 0.01 },
  // seed 60-day plan, worked from m2: "Two resilience drills"; CPU stress exercises the 1-2
  // target tracking ("Horizontal scaling tested and ready").
  resilience: { drills: ["terminate-app-instance", "stress-app-cpu"], faultMinutes: 5 },
  // assumption: 0.6 rps per user (the seed's 90-day 300 rps for 500 users).
  capacity: { users: 250, requestsPerSecond: 150, peakRequestsPerSecond: 300, dbConnections: 70, storageGb: 3 },
  // optimizer: $72.72 is the cheapest that meets every other guardrail: the 300 rps peak needs
  // a second t4g.small (capacity-fleet-throughput), so an ALB ($24.70), $12.72 over the ceiling.
  costBand: { minUsd: 30, maxUsd: 60, approvedUsd: 73 },
};

const m3: MilestoneSpec = {
  id: "m3",
  network: NETWORK,
  title: "500 users (60 days)",
  // seed: "App instances 2-4 (auto-scale)", "Auto-scaling policies defined".
  app: {
    instanceType: "t4g.small",
    // optimizer: 3 × 200 rps holds the 600 rps peak (capacity-fleet-throughput); a fourth is spend.
    minInstances: 2,
    maxInstances: 3,
    loadBalancer: true,
    rootVolumeGb: 8,
    // assumption: 9,000 requests/target/min = 150 rps, 75 % of the 200 rps one instance
    // served in the seed's 2x-baseline load test; CPU at 60 % catches expensive requests.
    autoscaling: { cpuTargetPercent: 60, requestsPerTargetPerMinute: 9000, warmupSeconds: 120, cooldownSeconds: 300 },
  },
  // seed: "Cache Redis (with persistence)": replicated across zones, daily snapshots.
  // optimizer: ElastiCache Serverless (replicated across zones by AWS, minimum 100 MB) costs
  // less than a primary + replica of cache.t4g.micro.
  cache: { tier: "replicated", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 1, snapshotRetentionDays: 3, ...CACHE_DEFAULTS, deployment: "serverless" },
  // seed: "CDN Full static + API caching". optimizer: only the cacheable API paths through
  // CloudFront, pay as you go (~33M requests a month are past the Free and Pro plans' allowances).
  cdn: { ...CDN_DEFAULTS, mode: "static-api", apiRouting: "cacheable", apiTtlSeconds: 30 },
  // seed: "Neon Pro (scaled)": Launch, 0.25-3 CU. optimizer: 3 CU holds the 600 rps peak's
  // demand (capacity-db-compute); scale to zero costs less than always on, and at 300 rps the
  // compute only suspends in idle stretches of 5 minutes, where a cold start harms no one.
  database: {
    ...SEED_DATABASE,
    plan: "launch",
    minCu: 0.25,
    maxCu: 3,
    scaleToZero: true,
    readReplicas: 0,
    replicaMinCu: 0.25,
    replicaMaxCu: 0.25,
    // 3 instances × 34 = 102, the seed's 100-connection target.
    poolSizePerInstance: 34,
    historyRetentionHours: 72,
  },
  queue: NO_QUEUE,
  storage: { userFiles: false, versioning: true, noncurrentVersionExpirationDays: 30, infrequentAccessAfterDays: 0 },
  observability: { logRetentionDays: 30, dashboard: true },
  // seed 60-day criteria: p95 < 400 ms, error budget > 50 %.
  slo: { availability: 0.99, p95LatencyMs: 400, errorRate: 0.01 },
  // seed 90-day plan, worked from m3: "Three resilience drills"; the replica makes a primary
  // failover testable.
  // A serverless cache has no primary to fail over: the drill cuts the cache's subnets off
  // instead, proving the app degrades to the database and recovers.
  resilience: { drills: ["terminate-app-instance", "stress-app-cpu", "disrupt-cache-network"], faultMinutes: 5 },
  // seed "Target (90 days)" row for 500 users: 300 rps, 100 connections, 10 GB.
  capacity: { users: 500, requestsPerSecond: 300, peakRequestsPerSecond: 600, dbConnections: 100, storageGb: 10 },
  // optimizer: $123.86 is the cheapest that meets every other guardrail, $3.86 over the ceiling.
  costBand: { minUsd: 60, maxUsd: 120, approvedUsd: 124 },
};

const m4: MilestoneSpec = {
  id: "m4",
  network: NETWORK,
  title: "1000+ users (90+ days)",
  // seed: "App instances Auto-scale (4+)".
  app: {
    instanceType: "t4g.small",
    // optimizer: 6 × 200 rps holds the 1200 rps peak (capacity-fleet-throughput).
    minInstances: 4,
    maxInstances: 6,
    loadBalancer: true,
    rootVolumeGb: 8,
    autoscaling: { cpuTargetPercent: 60, requestsPerTargetPerMinute: 9000, warmupSeconds: 120, cooldownSeconds: 300 },
  },
  // seed: "Cache Redis cluster". optimizer: ElastiCache Serverless (sharded and replicated by
  // AWS) costs less than 2 shards × (1 primary + 1 replica) of cache.t4g.micro.
  cache: { tier: "cluster", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 2, replicasPerShard: 1, snapshotRetentionDays: 7, ...CACHE_DEFAULTS, deployment: "serverless" },
  // seed: "CDN Edge caching". optimizer: cacheable API paths only, pay as you go (~67M
  // requests a month are past the flat-rate plans' allowances), no edge function.
  cdn: { ...CDN_DEFAULTS, mode: "edge", apiRouting: "cacheable", edgeFunction: false, apiTtlSeconds: 60 },
  // seed: "Neon Pro + read replica". optimizer: 3 CU each holds the 1200 rps peak's ~2.8 CU
  // (capacity-db-compute); scale to zero as at m3.
  database: {
    ...SEED_DATABASE,
    plan: "launch",
    minCu: 0.25,
    maxCu: 3,
    scaleToZero: true,
    readReplicas: 1,
    replicaMinCu: 0.25,
    replicaMaxCu: 3,
    // 6 instances × 34 = 204 client connections, through the pooler.
    poolSizePerInstance: 34,
    historyRetentionHours: 168,
  },
  // seed: "Async: Queue for heavy operations".
  // optimizer: workers on Spot (t4g.small or t4g.medium): a reclaimed worker's job returns to
  // the queue after its visibility timeout.
  queue: { ...NO_QUEUE, enabled: true, minWorkers: 1, maxWorkers: 3, workerSpotInstanceTypes: ["t4g.small", "t4g.medium"] },
  // seed 90-day: "File storage migration to object storage".
  storage: { userFiles: true, versioning: true, noncurrentVersionExpirationDays: 30, infrequentAccessAfterDays: 30 },
  observability: { logRetentionDays: 90, dashboard: true },
  // seed "Target (90 days)": 99.5 %, p95 < 300 ms, errors < 0.5 %.
  slo: { availability: 0.995, p95LatencyMs: 300, errorRate: 0.005 },
  // Three drills; the serverless cache has no nodes to power off: its subnets are cut off.
  resilience: { drills: ["terminate-app-instance", "stress-app-cpu", "disrupt-cache-network"], faultMinutes: 10 },
  // assumption: 0.6 rps per user, as above; connections: 6 × 34 through the pooler.
  capacity: { users: 1000, requestsPerSecond: 600, peakRequestsPerSecond: 1200, dbConnections: 200, storageGb: 20 },
  costBand: { minUsd: 120, maxUsd: 250, approvedUsd: 250 },
};

/** The catalog, in promotion order. */
export const MILESTONES: Readonly<Record<MilestoneId, MilestoneSpec>> = { m1, m2, m3, m4 };

export function isMilestoneId(value: unknown): value is MilestoneId {
  return typeof value === "string" && (MILESTONE_IDS as readonly string[]).includes(value);
}

/** The milestone after `id`, or undefined at the last one. */
export function nextMilestone(id: MilestoneId): MilestoneId | undefined {
  return MILESTONE_IDS[MILESTONE_IDS.indexOf(id) + 1];
}
