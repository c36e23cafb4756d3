/**
 * Neon's own limits, as plain data: plans, compute sizes, autoscaling rules, suspend and
 * history ranges, connection counts. The catalog, the config checks, the providers' `check`
 * and the policies all read them here. Sources: neon.com/docs/introduction/plans (updated
 * 2026-03-20; the 2026-11-12 revision keeps these limits), the API spec shipped with
 * @neondatabase/api-client 2.7.3, and neon.com/docs/connect/connection-pooling.
 */

/** Neon plans. The seed's "Pro" is today's Launch or Scale. */
export const NEON_PLANS = ["free", "launch", "scale"] as const;
export type NeonPlan = (typeof NEON_PLANS)[number];

/** Compute sizes Neon accepts for autoscaling limits, in CU. */
export const NEON_CU_SIZES = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] as const;

/** Largest autoscaling maximum per plan, in CU (plans page, "max autoscaling"). */
export const NEON_PLAN_MAX_CU: Readonly<Record<NeonPlan, number>> = { free: 2, launch: 16, scale: 16 };

/** Neon allows at most this spread between autoscaling min and max (API rule). */
export const NEON_MAX_CU_SPREAD = 8;

/** Postgres major versions we allow. */
export const POSTGRES_VERSIONS = [15, 16, 17] as const;

/**
 * Longest history (point-in-time restore) window per plan, hours: Free 6 h, Launch up to
 * 7 days, Scale up to 30 days.
 */
export const NEON_PLAN_MAX_HISTORY_HOURS: Readonly<Record<NeonPlan, number>> = { free: 6, launch: 168, scale: 720 };

/**
 * Suspend-timeout rules (SuspendTimeoutSeconds in the API spec): Free scales to zero after
 * 5 min, always; Launch after 5 min or never; Scale from 1 min to always on. 0 means "the
 * default" (300 s), -1 means never suspend, the API accepts 60..604800.
 */
export const NEON_SUSPEND_DEFAULT_SECONDS = 300;
export const NEON_SUSPEND_NEVER = -1;
export const NEON_SUSPEND_MIN_SECONDS = 60;
export const NEON_SUSPEND_MAX_SECONDS = 604_800;

/**
 * Postgres max_connections by compute size (0.25 CU 104 … 8 CU 3357). Sizes between table
 * rows follow the same ~419.6 per CU slope (an assumption, derived from the table), capped at
 * 4000.
 */
export const NEON_MAX_CONNECTIONS: Readonly<Record<string, number>> = {
  "0.25": 104,
  "0.5": 209,
  "1": 419,
  "2": 839,
  "4": 1678,
  "8": 3357,
};
/** Connections Neon keeps for itself (superuser, monitoring) on every compute. */
export const NEON_RESERVED_CONNECTIONS = 7;
/** Client connections the pooler (PgBouncer, transaction mode) accepts per endpoint; not tunable. */
export const NEON_POOLER_MAX_CLIENT_CONNECTIONS = 10_000;

/** The Neon-side max_connections of a compute of `cu` CU. */
export function maxConnectionsForCu(cu: number): number {
  const listed = NEON_MAX_CONNECTIONS[String(cu)];
  if (listed !== undefined) return listed;
  return Math.min(4000, Math.floor(cu * 419.6));
}
