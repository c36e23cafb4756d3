/**
 * Disaster recovery per milestone, as plain data: for each place data lives, whether it is
 * backed up, by what, for how long, and how much could be lost (RPO). Computed from the same
 * spec the program builds from, so the restore runbook can be checked against it. No Pulumi
 * imports.
 */
import type { MilestoneSpec } from "./milestones";
import { NEON_PLAN_MAX_HISTORY_HOURS } from "../components/neon/limits";

/** The seed's reliability target "MTTR < 1 hour", used as the recovery time objective. */
export const RTO_MINUTES = 60;

export type DataStoreId = "database" | "cache" | "user-files" | "static-assets";

export interface RecoveryItem {
  readonly id: DataStoreId;
  /** What holds the data at this milestone, e.g. "Neon Postgres (launch plan)". */
  readonly store: string;
  /** True when a copy exists that a restore can start from. */
  readonly backedUp: boolean;
  /** The mechanism, e.g. "Neon history (point-in-time restore)". */
  readonly mechanism: string;
  /** How far back a restore can reach, hours; 0 when nothing is kept. */
  readonly retentionHours: number;
  /**
   * Worst-case data lost by a restore, minutes: 0 when any moment can be restored, the
   * snapshot interval for snapshots, null when the data is not kept at all (rebuilt or lost).
   */
  readonly rpoMinutes: number | null;
  /** One line: how to restore. */
  readonly restore: string;
  /** What the plan does not cover. */
  readonly gap?: string;
}

export interface RecoveryPlan {
  readonly milestone: string;
  readonly rtoMinutes: number;
  readonly items: readonly RecoveryItem[];
}

type RecoverySpec = Pick<MilestoneSpec, "id" | "cache" | "cdn" | "database" | "storage">;

function database(spec: RecoverySpec): RecoveryItem {
  const db = spec.database;
  return {
    id: "database",
    store: `Neon Postgres (${db.plan} plan)`,
    backedUp: db.historyRetentionHours > 0,
    mechanism: "Neon history: point-in-time restore of the branch (WAL kept by Neon's storage)",
    retentionHours: db.historyRetentionHours,
    rpoMinutes: db.historyRetentionHours > 0 ? 0 : null,
    restore: "restore the main branch to a timestamp inside the window (console or API: restore branch from history), then check the app's connection string",
    gap:
      db.historyRetentionHours < NEON_PLAN_MAX_HISTORY_HOURS[db.plan]
        ? `the ${db.plan} plan allows up to ${NEON_PLAN_MAX_HISTORY_HOURS[db.plan]} h of history; this milestone keeps ${db.historyRetentionHours} h`
        : undefined,
  };
}

function cache(spec: RecoverySpec): RecoveryItem {
  const c = spec.cache;
  if (c.tier === "none") {
    return {
      id: "cache", store: "in-memory cache inside the app", backedUp: false, mechanism: "none: derived data, rebuilt from the database",
      retentionHours: 0, rpoMinutes: null, restore: "nothing to restore; the cache warms up as requests arrive",
    };
  }
  const replicas = c.replicasPerShard > 0 ? `${c.replicasPerShard} replica${c.replicasPerShard === 1 ? "" : "s"} per shard with automatic failover` : "no replica";
  if (c.snapshotRetentionDays === 0) {
    return {
      id: "cache", store: `ElastiCache ${c.engine} (${c.tier}, ${replicas})`, backedUp: false,
      mechanism: "none: persistence is off at this tier (the seed's \"Redis (single)\"); the data is derived from the database",
      retentionHours: 0, rpoMinutes: null, restore: "nothing to restore; a replaced node starts empty and warms up",
    };
  }
  return {
    id: "cache",
    store: `ElastiCache ${c.engine} (${c.tier}, ${replicas})`,
    backedUp: true,
    mechanism: `daily automatic snapshots in ${c.snapshotWindow} UTC, kept ${c.snapshotRetentionDays} days`,
    retentionHours: c.snapshotRetentionDays * 24,
    rpoMinutes: 24 * 60,
    restore: "create a replication group from the latest snapshot (or let failover promote the replica when only a node is lost)",
  };
}

function userFiles(spec: RecoverySpec): RecoveryItem {
  const s = spec.storage;
  if (!s.userFiles) {
    return {
      id: "user-files",
      store: "the app instance's root volume (files move to S3 at m4, the seed's 90-day migration)",
      backedUp: false,
      mechanism: "none",
      retentionHours: 0,
      rpoMinutes: null,
      restore: "none possible",
      gap: "files written to an instance's disk are lost when the instance is replaced (terminate-app-instance shows it); keep user data in the database until the S3 migration",
    };
  }
  return {
    id: "user-files",
    store: "S3 bucket for user files (versioned)",
    backedUp: s.versioning,
    mechanism: s.versioning
      ? `S3 versioning: every overwrite and delete keeps the previous version for ${s.noncurrentVersionExpirationDays} days`
      : "none: versioning is suspended",
    retentionHours: s.versioning ? s.noncurrentVersionExpirationDays * 24 : 0,
    rpoMinutes: s.versioning ? 0 : null,
    restore: "copy the wanted noncurrent version over the current one (or delete the delete marker); the bucket itself is protected in prod",
    gap: "one region, one bucket: no cross-region copy",
  };
}

function staticAssets(spec: RecoverySpec): RecoveryItem | undefined {
  if (spec.cdn.mode === "none") return undefined;
  return {
    id: "static-assets",
    store: "S3 bucket behind CloudFront (versioned, old versions kept 7 days)",
    backedUp: true,
    mechanism: "the build in the repository; S3 versioning for recent overwrites",
    retentionHours: 7 * 24,
    rpoMinutes: 0,
    restore: "redeploy the assets from the repository's build, then invalidate the CloudFront cache",
  };
}

/** What is backed up at a milestone, for how long, and how much a restore could lose. */
export function recoveryPlan(spec: RecoverySpec): RecoveryPlan {
  const items = [database(spec), cache(spec), userFiles(spec), staticAssets(spec)].filter((i): i is RecoveryItem => i !== undefined);
  return { milestone: spec.id, rtoMinutes: RTO_MINUTES, items };
}
