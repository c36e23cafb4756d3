/** What a milestone may ask of the database (`NeonDatabase`): plain data, no Pulumi. */
import type { NeonPlan } from "./limits";

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
