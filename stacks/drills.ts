/**
 * Which resilience drills a milestone declares and what each may trip there: the drills
 * themselves (what they break, how they are aimed) are `components/drillsSpec.ts`; this module
 * fits them to a milestone's shape (an ALB or not, one instance or several). No Pulumi imports.
 */
import { DRILLS, FAILOVER_MAX_MINUTES, type Drill, type DrillId } from "../components/drillsSpec";
import { ALARM_KEYS, type AlarmKey } from "../components/observabilitySpec";
import type { MilestoneSpec } from "./milestones";

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
    case "disrupt-cache-network":
      // Every request goes to the database for the fault: slower, so p95 may cross its objective.
      return [ALARM_KEYS.p95Latency];
  }
}

/** The pages, which every drill must leave quiet. */
function pages(spec: Pick<MilestoneSpec, "app">): AlarmKey[] {
  return [ALARM_KEYS.incident, ALARM_KEYS.fastBurnNoCause, ...(spec.app.loadBalancer ? [] : [ALARM_KEYS.appInService])];
}

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
