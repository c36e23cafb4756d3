/**
 * The resilience drills (AWS FIS experiment templates) as plain data: what each one breaks,
 * how it is aimed, what it must show, and which ones a milestone declares. No Pulumi imports:
 * the runbook check (`docs/runbooks/<id>.md` for every drill, no runbook for a drill that does
 * not exist) and tests import this module directly. `components/drills.ts` builds the
 * templates from the same list.
 */
import { DRILL_IDS, type DrillId, type MilestoneSpec } from "./milestones";
import { ALARM_KEYS, type AlarmKey } from "./slo";

export { DRILL_IDS, type DrillId };

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
};

/** The causes each drill may trip, given what the milestone has. */
function mayAlarm(id: DrillId, spec: Pick<MilestoneSpec, "app">): AlarmKey[] {
  switch (id) {
    case "terminate-app-instance":
      // With one instance and no ALB nothing but the in-service count sees the loss, and that
      // alarm pages (10 minutes at zero): the drill passes when the replacement beats it.
      if (!spec.app.loadBalancer) return [];
      // Behind the ALB with a single instance (m2), the ALB answers 503 until the replacement is
      // healthy: the short burn windows see it, the long ones (and so the pages) should not.
      return [ALARM_KEYS.unhealthyHosts, ALARM_KEYS.appInService,
        ...(spec.app.minInstances === 1 ? [ALARM_KEYS.fastBurnShort, ALARM_KEYS.slowBurnShort] : [])];
    case "stress-app-cpu":
      return [ALARM_KEYS.appCpu, ALARM_KEYS.p95Latency];
    case "failover-cache-primary":
    case "interrupt-cache-az":
      // Failover shows in ElastiCache events, not in our alarms; powered-off nodes report no data.
      return [];
  }
}

/** The pages, which every drill must leave quiet. */
function pages(spec: Pick<MilestoneSpec, "app">): AlarmKey[] {
  return [ALARM_KEYS.incident, ALARM_KEYS.fastBurnNoCause, ...(spec.app.loadBalancer ? [] : [ALARM_KEYS.appInService])];
}

/** Longest the cache failover automation may run (TestFailover, then wait for "available"). */
export const FAILOVER_MAX_MINUTES = 15;

/** The drills a milestone (or any resolved profile) declares, in the order it lists them. */
export function drillsFor(spec: Pick<MilestoneSpec, "app" | "resilience">): Drill[] {
  return spec.resilience.drills.map((id) => ({
    ...DRILLS[id],
    faultMinutes: DRILLS[id].timed ? spec.resilience.faultMinutes : 0,
    maxRunMinutes: DRILLS[id].timed ? spec.resilience.faultMinutes : id === "failover-cache-primary" ? FAILOVER_MAX_MINUTES : 1,
    mayAlarm: mayAlarm(id, spec),
    mustStayQuiet: pages(spec),
    stopAlarms: [ALARM_KEYS.fastBurnLong, ALARM_KEYS.fastBurnShort],
  }));
}
