/**
 * What a milestone may ask of the cache (`Cache`), and ElastiCache's own rules for it: plain
 * data, no Pulumi, so the catalog, the config checks and the policies read the same facts.
 */

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

/** Engine versions ElastiCache offers per engine (checked by stacks/profile.ts). */
export const CACHE_ENGINE_VERSIONS: Readonly<Record<CacheEngine, { readonly pattern: RegExp; readonly allowed: string }>> = {
  valkey: { pattern: /^(7\.2|8\.\d+)$/, allowed: "7.2 or 8.x" },
  redis: { pattern: /^(6\.[02]|7\.[01])$/, allowed: "6.0, 6.2, 7.0 or 7.1" },
};

/**
 * The cache's weekly maintenance window, UTC, which the daily snapshot window must avoid
 * (ElastiCache rejects overlapping windows).
 */
export const CACHE_MAINTENANCE_WINDOW = { label: "sun:05:00-sun:06:00", startMinute: 5 * 60, endMinute: 6 * 60 } as const;

/** The shortest snapshot window ElastiCache accepts, minutes. */
export const CACHE_MIN_SNAPSHOT_WINDOW_MINUTES = 60;

export const CACHE_PORT = 6379;

/**
 * How the cache is built: node-based replication groups (the seed's Redis tiers as nodes), or
 * ElastiCache Serverless, which replicates across zones, snapshots, and scales by itself, billed
 * by data stored and ElastiCache Processing Units (a choice for the "replicated" and "cluster"
 * tiers, which it meets: replicated, persistent, horizontally scaled).
 */
export const CACHE_DEPLOYMENTS = ["nodes", "serverless"] as const;
export type CacheDeployment = (typeof CACHE_DEPLOYMENTS)[number];

/** Engines ElastiCache Serverless runs, by our engine name: the engine and its major version. */
export const SERVERLESS_ENGINES: Readonly<Record<CacheEngine, { readonly engine: string; readonly majorVersion: string }>> = {
  valkey: { engine: "valkey", majorVersion: "8" },
  redis: { engine: "redis", majorVersion: "7" },
};

export interface CacheSpec {
  readonly tier: CacheTier;
  /** Nodes (a replication group) or serverless. */
  readonly deployment: CacheDeployment;
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
   * Daily snapshot window, UTC "hh:mm-hh:mm", at least 60 minutes, clear of the maintenance
   * window. Used only when snapshotRetentionDays > 0.
   */
  readonly snapshotWindow: string;
  /** Serverless only: most data it may hold, GB (a ceiling on its bill; writes fail past it). */
  readonly serverlessMaxDataGb: number;
  /** Serverless only: most ElastiCache Processing Units per second it may use (a ceiling on throughput and bill). */
  readonly serverlessMaxEcpuPerSecond: number;
}

/**
 * Node ids ElastiCache gives a replication group's members: `<id>-00N` without cluster mode,
 * `<id>-000S-00N` with it. Alarms and drills address nodes by these ids.
 */
export function cacheNodeIds(replicationGroupId: string, spec: CacheSpec): string[] {
  if (spec.deployment === "serverless") return []; // no nodes to address
  const nodesPerShard = 1 + spec.replicasPerShard;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  if (spec.tier === "cluster") {
    return Array.from({ length: spec.shards }, (_, s) => Array.from({ length: nodesPerShard }, (_, n) => `${replicationGroupId}-${pad(s + 1, 4)}-${pad(n + 1, 3)}`)).flat();
  }
  return Array.from({ length: nodesPerShard }, (_, n) => `${replicationGroupId}-${pad(n + 1, 3)}`);
}
