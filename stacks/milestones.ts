/**
 * The capacity milestones of the seed plan (`shared/seed/scale-30-60-90-plan.md`,
 * "Capacity Scaling Milestones") as typed plain data, plus the consistency check that every
 * resolved profile (milestone + overrides) must pass before any resource is declared.
 *
 * Plain data on purpose: the program, the plan and the policies all read the same numbers,
 * and cost-relevant values stay plain (not Outputs) so CrossGuard can read them in a preview.
 * Where the seed is silent the value is an assumption and says so in a comment; the README
 * lists every number with the seed line it comes from.
 */

export const MILESTONE_IDS = ["m1", "m2", "m3", "m4"] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

/** ElastiCache engines we allow. Valkey is ~20 % cheaper per node-hour than Redis OSS. */
export const CACHE_ENGINES = ["valkey", "redis"] as const;
export type CacheEngine = (typeof CACHE_ENGINES)[number];

/**
 * Cache tiers, in the seed's order: "in-memory" (no managed cache), "Redis (single)",
 * "Redis (with persistence)" (a replica with automatic failover and snapshots) and
 * "Redis cluster" (cluster mode: shards × (1 primary + replicas)).
 */
export const CACHE_TIERS = ["none", "single", "replicated", "cluster"] as const;
export type CacheTier = (typeof CACHE_TIERS)[number];

/**
 * Resilience drills (AWS FIS experiment templates) a milestone may declare; `stacks/drills.ts`
 * says what each one does. Stable ids: runbooks live at `docs/runbooks/<id>.md`.
 */
export const DRILL_IDS = ["terminate-app-instance", "stress-app-cpu", "failover-cache-primary", "interrupt-cache-az"] as const;
export type DrillId = (typeof DRILL_IDS)[number];

/** CDN modes, in the seed's order: none, static assets, full static + API caching, edge caching. */
export const CDN_MODES = ["none", "static", "static-api", "edge"] as const;
export type CdnMode = (typeof CDN_MODES)[number];

/** Neon plans (neon.com/docs/introduction/plans, 2026-03-20). The seed's "Pro" is Launch/Scale. */
export const NEON_PLANS = ["free", "launch", "scale"] as const;
export type NeonPlan = (typeof NEON_PLANS)[number];

/** Compute sizes Neon accepts for autoscaling limits, in CU. */
export const NEON_CU_SIZES = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] as const;

/** Largest autoscaling maximum per plan, in CU (plans page, "max autoscaling"). */
export const NEON_PLAN_MAX_CU: Record<NeonPlan, number> = { free: 2, launch: 16, scale: 16 };

/** Neon allows at most this spread between autoscaling min and max (API rule). */
export const NEON_MAX_CU_SPREAD = 8;

/** Neon's Postgres versions we allow. */
export const POSTGRES_VERSIONS = [15, 16, 17] as const;

export interface NetworkSpec {
  /** VPC address range. */
  readonly cidrBlock: string;
  /** Availability zones spanned (public subnet per zone). */
  readonly availabilityZones: number;
  /** A NAT gateway for private egress: off by default, it costs $32.85+/month. */
  readonly natGateway: boolean;
}

export interface AutoscalingSpec {
  /** Target-tracking on average CPU, percent; null for no CPU policy. */
  readonly cpuTargetPercent: number | null;
  /**
   * Target-tracking on ALBRequestCountPerTarget (requests per target per minute, the
   * metric's own unit); null for none. Needs an ALB.
   */
  readonly requestsPerTargetPerMinute: number | null;
  /** Seconds before a new instance's metrics count (the policies' estimated warm-up). */
  readonly warmupSeconds: number;
  /** The group's default cooldown, seconds, between simple scaling activities. */
  readonly cooldownSeconds: number;
}

export interface AppSpec {
  /** EC2 instance type of the web tier. Graviton (t4g) is ~20 % cheaper than t3. */
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  /** Whether an Application Load Balancer fronts the instances (needed for more than one). */
  readonly loadBalancer: boolean;
  /** gp3 root volume size, GiB. */
  readonly rootVolumeGb: number;
  readonly autoscaling: AutoscalingSpec;
}

export interface CacheSpec {
  readonly tier: CacheTier;
  readonly engine: CacheEngine;
  /** Engine version, e.g. "8.0" for Valkey, "7.1" for Redis OSS. */
  readonly engineVersion: string;
  readonly nodeType: string;
  /** Node groups; 1 unless tier is "cluster". */
  readonly shards: number;
  /** Replicas per node group; 0 for "single". */
  readonly replicasPerShard: number;
  /** Days of automatic snapshots kept; 0 turns snapshots off. */
  readonly snapshotRetentionDays: number;
  /**
   * Daily snapshot window, UTC "hh:mm-hh:mm", at least 60 minutes, clear of the Sunday
   * 05:00-06:00 maintenance window. Used only when snapshotRetentionDays > 0.
   */
  readonly snapshotWindow: string;
}

export interface CdnSpec {
  readonly mode: CdnMode;
  /** CloudFront price class; PriceClass_100 serves from US/EU edges only, the cheapest. */
  readonly priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  /** Default TTL for static assets, seconds. */
  readonly staticTtlSeconds: number;
  /** Default TTL for cached `/api/*` responses, seconds (static-api and edge). */
  readonly apiTtlSeconds: number;
}

export interface DatabaseSpec {
  readonly plan: NeonPlan;
  /** Neon region id, e.g. "aws-us-east-1". */
  readonly region: string;
  readonly postgresVersion: number;
  readonly minCu: number;
  readonly maxCu: number;
  /** Suspend the primary compute when idle (Free: always after 5 min). */
  readonly scaleToZero: boolean;
  /** Number of read_only replica endpoints on the default branch. */
  readonly readReplicas: number;
  readonly replicaMinCu: number;
  readonly replicaMaxCu: number;
  /** Client-side pool size per app instance (connections each instance may hold). */
  readonly poolSizePerInstance: number;
  /** Connect through Neon's pooler (`-pooler` host, transaction mode, 10,000 clients). */
  readonly usePooler: boolean;
  /** Point-in-time restore window, hours (Free 6 h, Launch up to 7 days). */
  readonly historyRetentionHours: number;
}

export interface QueueSpec {
  /** SQS queue for heavy operations (PDF export, cut optimisation), with a DLQ. */
  readonly enabled: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionDays: number;
  /** Receives before a message moves to the DLQ. */
  readonly maxReceiveCount: number;
  readonly workerInstanceType: string;
  readonly minWorkers: number;
  readonly maxWorkers: number;
  /** Target-tracking target: visible messages per in-service worker. */
  readonly backlogPerWorker: number;
}

export interface StorageSpec {
  /** S3 bucket for user files (the seed's "file storage migration to object storage"). */
  readonly userFiles: boolean;
  readonly versioning: boolean;
  /** Days before noncurrent versions expire. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days before current objects move to Standard-IA; 0 = never. */
  readonly infrequentAccessAfterDays: number;
}

export interface ObservabilitySpec {
  /** CloudWatch Logs retention, days (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  readonly dashboard: boolean;
}

export interface SloSpec {
  /** Availability objective, as a fraction (0.99 = 99 %). */
  readonly availability: number;
  /** p95 latency objective, milliseconds. */
  readonly p95LatencyMs: number;
  /** Error-rate objective, as a fraction of requests (0.01 = 1 %). */
  readonly errorRate: number;
}

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
}

/** Everything one milestone means, all plain data. */
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
  /**
   * Requests per second one app instance serves within the p95 objective. Default 200: the
   * seed's "load testing at 2x baseline" on today's single instance (baseline ~100 rps).
   */
  readonly rpsPerInstance: number;
  /** Factor the minimum fleet must exceed the sustained rate by (1.2 = 20 % headroom). */
  readonly headroom: number;
}

export const DEFAULT_CAPACITY_ASSUMPTIONS: CapacityAssumptions = { rpsPerInstance: 200, headroom: 1.2 };

/** Daily cache snapshots, UTC: after the working day, an hour before Sunday maintenance. */
const CACHE_SNAPSHOT_WINDOW = "03:00-04:00";

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
  cache: { tier: "none", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 0, snapshotRetentionDays: 0, snapshotWindow: CACHE_SNAPSHOT_WINDOW },
  // seed: "CDN None".
  cdn: { mode: "none", priceClass: "PriceClass_100", staticTtlSeconds: 86400, apiTtlSeconds: 0 },
  // seed: "Neon Free/Pro": Free, 0.25-1 CU, scale to zero (always on Free).
  database: {
    ...SEED_DATABASE,
    plan: "free",
    minCu: 0.25,
    maxCu: 1,
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
  costBand: { minUsd: 15, maxUsd: 30 },
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
  cache: { tier: "single", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 0, snapshotRetentionDays: 0, snapshotWindow: CACHE_SNAPSHOT_WINDOW },
  // seed: "CDN Static assets".
  cdn: { mode: "static", priceClass: "PriceClass_100", staticTtlSeconds: 86400, apiTtlSeconds: 0 },
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
  costBand: { minUsd: 30, maxUsd: 60 },
};

const m3: MilestoneSpec = {
  id: "m3",
  network: NETWORK,
  title: "500 users (60 days)",
  // seed: "App instances 2-4 (auto-scale)", "Auto-scaling policies defined".
  app: {
    instanceType: "t4g.small",
    minInstances: 2,
    maxInstances: 4,
    loadBalancer: true,
    rootVolumeGb: 8,
    // assumption: 9,000 requests/target/min = 150 rps, 75 % of the 200 rps one instance
    // served in the seed's 2x-baseline load test; CPU at 60 % catches expensive requests.
    autoscaling: { cpuTargetPercent: 60, requestsPerTargetPerMinute: 9000, warmupSeconds: 120, cooldownSeconds: 300 },
  },
  // seed: "Cache Redis (with persistence)": primary + replica, failover, daily snapshots.
  cache: { tier: "replicated", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 1, snapshotRetentionDays: 3, snapshotWindow: CACHE_SNAPSHOT_WINDOW },
  // seed: "CDN Full static + API caching".
  cdn: { mode: "static-api", priceClass: "PriceClass_100", staticTtlSeconds: 86400, apiTtlSeconds: 30 },
  // seed: "Neon Pro (scaled)": Launch up to 4 CU, always on (no cold start against the p95
  // 400 ms objective). Min 0.25 CU: each always-on 0.25 CU costs $19.35/month, and the
  // autoscaler lifts it within seconds under load; connections go through the pooler.
  database: {
    ...SEED_DATABASE,
    plan: "launch",
    minCu: 0.25,
    maxCu: 4,
    scaleToZero: false,
    readReplicas: 0,
    replicaMinCu: 0.25,
    replicaMaxCu: 0.25,
    // 4 instances × 25 = the seed's 100-connection target.
    poolSizePerInstance: 25,
    historyRetentionHours: 72,
  },
  queue: NO_QUEUE,
  storage: { userFiles: false, versioning: true, noncurrentVersionExpirationDays: 30, infrequentAccessAfterDays: 0 },
  observability: { logRetentionDays: 30, dashboard: true },
  // seed 60-day criteria: p95 < 400 ms, error budget > 50 %.
  slo: { availability: 0.99, p95LatencyMs: 400, errorRate: 0.01 },
  // seed 90-day plan, worked from m3: "Three resilience drills"; the replica makes a primary
  // failover testable.
  resilience: { drills: ["terminate-app-instance", "stress-app-cpu", "failover-cache-primary"], faultMinutes: 5 },
  // seed "Target (90 days)" row for 500 users: 300 rps, 100 connections, 10 GB.
  capacity: { users: 500, requestsPerSecond: 300, peakRequestsPerSecond: 600, dbConnections: 100, storageGb: 10 },
  costBand: { minUsd: 60, maxUsd: 120 },
};

const m4: MilestoneSpec = {
  id: "m4",
  network: NETWORK,
  title: "1000+ users (90+ days)",
  // seed: "App instances Auto-scale (4+)".
  app: {
    instanceType: "t4g.small",
    minInstances: 4,
    maxInstances: 8,
    loadBalancer: true,
    rootVolumeGb: 8,
    autoscaling: { cpuTargetPercent: 60, requestsPerTargetPerMinute: 9000, warmupSeconds: 120, cooldownSeconds: 300 },
  },
  // seed: "Cache Redis cluster": cluster mode, 2 shards × (1 primary + 1 replica).
  cache: { tier: "cluster", engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", shards: 2, replicasPerShard: 1, snapshotRetentionDays: 7, snapshotWindow: CACHE_SNAPSHOT_WINDOW },
  // seed: "CDN Edge caching".
  cdn: { mode: "edge", priceClass: "PriceClass_100", staticTtlSeconds: 86400, apiTtlSeconds: 60 },
  // seed: "Neon Pro + read replica".
  database: {
    ...SEED_DATABASE,
    plan: "launch",
    minCu: 0.25,
    maxCu: 4,
    scaleToZero: false,
    readReplicas: 1,
    replicaMinCu: 0.25,
    replicaMaxCu: 2,
    // 8 instances × 25 = 200 client connections, through the pooler.
    poolSizePerInstance: 25,
    historyRetentionHours: 168,
  },
  // seed: "Async: Queue for heavy operations".
  queue: { ...NO_QUEUE, enabled: true, minWorkers: 1, maxWorkers: 3 },
  // seed 90-day: "File storage migration to object storage".
  storage: { userFiles: true, versioning: true, noncurrentVersionExpirationDays: 30, infrequentAccessAfterDays: 30 },
  observability: { logRetentionDays: 90, dashboard: true },
  // seed "Target (90 days)": 99.5 %, p95 < 300 ms, errors < 0.5 %.
  slo: { availability: 0.995, p95LatencyMs: 300, errorRate: 0.005 },
  // Three drills; in cluster mode a zone's cache nodes lose power (each shard whose primary is
  // there fails over) in place of the single primary failover.
  resilience: { drills: ["terminate-app-instance", "stress-app-cpu", "interrupt-cache-az"], faultMinutes: 10 },
  // assumption: 0.6 rps per user, as above; connections: 8 × 25 through the pooler.
  capacity: { users: 1000, requestsPerSecond: 600, peakRequestsPerSecond: 1200, dbConnections: 200, storageGb: 20 },
  costBand: { minUsd: 120, maxUsd: 250 },
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
