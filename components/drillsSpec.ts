/**
 * The resilience drills (AWS FIS experiment templates) the `Drills` component can build, as
 * plain data: what each one breaks, how it is aimed and what it must show. No Pulumi imports:
 * the catalog, the runbook check (`docs/runbooks/<id>.md` for every drill, no runbook for a
 * drill that does not exist) and tests read this module directly. Which drills a milestone
 * declares, and which alarms each may trip there, is the stack's choice (`stacks/drills.ts`).
 */
import type { AlarmKey } from "./observabilitySpec";

/** Drill ids, in the order the seed's criteria ask for them; stable: runbooks live at `docs/runbooks/<id>.md`. */
export const DRILL_IDS = ["terminate-app-instance", "stress-app-cpu", "failover-cache-primary", "interrupt-cache-az", "disrupt-cache-network"] as const;
export type DrillId = (typeof DRILL_IDS)[number];

/** One drill as the catalog defines it. */
export interface DrillDefinition {
  readonly id: DrillId;
  readonly title: string;
  /** One line: the fault and what it proves. */
  readonly description: string;
  /** FIS action ids the template runs. */
  readonly actionIds: readonly string[];
  /** What the template aims at and how it finds it (always by tag, never by id). */
  readonly target: string;
  /** True when the fault lasts `resilience.faultMinutes` (otherwise it is a one-shot action). */
  readonly timed: boolean;
  /** What must be true afterwards for the drill to count as passed. */
  readonly passCriteria: string;
}

/** A drill as one milestone declares it. */
export interface Drill extends DrillDefinition {
  /** Minutes the fault runs; 0 for one-shot actions. */
  readonly faultMinutes: number;
  /**
   * Longest the experiment's action may run, minutes: the fault, 1 for a one-shot action (FIS
   * bills it as one action-minute), the automation's `maxDuration` for the cache failover.
   */
  readonly maxRunMinutes: number;
  /** Alarms (keys of `ALARM_KEYS`) the fault may move to ALARM: causes, which never page alone. */
  readonly mayAlarm: readonly AlarmKey[];
  /** The pages: a drill that trips one of these has found a real weakness (or hurt users). */
  readonly mustStayQuiet: readonly AlarmKey[];
  /** The stop conditions: the fast-burn window alarms, which halt the experiment. */
  readonly stopAlarms: readonly AlarmKey[];
}

const APP_TAGS = "EC2 instances tagged project/stack of this stack and component=app";
/** Tags of the subnets the cache lives in (and only the cache: see `components/network.ts`). */
export const CACHE_SUBNET_TAGS = { component: "network", tier: "private" } as const;
const CACHE_TAGS = "the ElastiCache replication group tagged project/stack of this stack and component=cache";

/** Every drill the project knows, by id. */
export const DRILLS: Readonly<Record<DrillId, DrillDefinition>> = {
  "terminate-app-instance": {
    id: "terminate-app-instance",
    title: "Terminate one app instance",
    description: "Terminates one running app instance; the Auto Scaling group must replace it and the SLO must hold.",
    actionIds: ["aws:ec2:terminate-instances"],
    target: `one of the running ${APP_TAGS} (COUNT(1))`,
    timed: false,
    passCriteria: "a replacement instance is in service within 10 minutes and no page fires (at m1, one instance: the outage lasts until the replacement boots, under the seed's 1-hour MTTR)",
  },
  "stress-app-cpu": {
    id: "stress-app-cpu",
    title: "Stress CPU on the app fleet",
    description: "Runs AWSFIS-Run-CPU-Stress on every app instance; target tracking must scale out and latency stay within the SLO.",
    actionIds: ["aws:ssm:send-command"],
    target: `all running ${APP_TAGS} (ALL), through SSM Run Command`,
    timed: true,
    passCriteria: "the group scales out (where max > min), p95 latency stays under the objective or recovers within the fault, and no page fires",
  },
  "failover-cache-primary": {
    id: "failover-cache-primary",
    title: "Fail over the cache primary",
    description: "Calls ElastiCache TestFailover on the cache's node group through an SSM Automation runbook; the replica must take over and the app reconnect.",
    actionIds: ["aws:ssm:start-automation-execution"],
    target: `${CACHE_TAGS}: the automation role may fail over only a group with those tags`,
    timed: false,
    passCriteria: "the replica is promoted, the group is available again within 15 minutes, the app reconnects without a page",
  },
  "interrupt-cache-az": {
    id: "interrupt-cache-az",
    title: "Interrupt an availability zone's cache nodes",
    description: "Cuts power to the cache nodes in the first availability zone; every shard whose primary is there must fail over to its replica.",
    actionIds: ["aws:elasticache:replicationgroup-interrupt-az-power"],
    target: `${CACHE_TAGS}, nodes in the stack's first availability zone`,
    timed: true,
    passCriteria: "each affected shard promotes its replica, the app keeps serving through the fault, no page fires; nodes come back after the fault",
  },
  "disrupt-cache-network": {
    id: "disrupt-cache-network",
    title: "Cut the cache off the network",
    description: "Blocks all traffic in and out of the private subnets the cache lives in; the app must keep serving from the database while the cache is unreachable.",
    actionIds: ["aws:network:disrupt-connectivity"],
    target: "all subnets tagged project/stack of this stack, component=network and tier=private (the cache's, and nothing else lives there)",
    timed: true,
    passCriteria: "the app keeps serving from the database through the fault (slower, no errors beyond the burn windows), no page fires, and the app uses the cache again within 5 minutes after it",
  },
};

/** Longest the cache failover automation may run (TestFailover, then wait for "available"). */
export const FAILOVER_MAX_MINUTES = 15;
