/**
 * Operations as code (issue 6), under the mock runtime for every milestone: the SLO's
 * burn-rate alarms at thresholds computed by hand, the composite alarms that page, the FIS
 * drill templates with their stop conditions and tag-scoped roles, and the backup settings.
 */
import { burnRateWidget, errorBudgetWidget } from "../../components/observability";
import { errorRatioQueries } from "../../components/slo";
import type { Recording, ResourceRecord } from "../../model/records";
import { DRILL_IDS, DRILLS } from "../../components/drillsSpec";
import { drillsFor } from "../../stacks/drills";
import { MILESTONE_IDS, MILESTONES, type MilestoneId } from "../../stacks/milestones";
import { NEON_PLAN_MAX_HISTORY_HOURS } from "../../components/neon/limits";
import { resolveProfile } from "../../stacks/profile";
import { recoveryPlan } from "../../stacks/recovery";
import {
  ALARM_KEYS,
  BURN_RATE_ALERTS,
  burnRateThresholds,
  CLOUDWATCH_MAX_ALARM_RANGE_SECONDS,
  SLI_SOURCE_NOTES,
  SLO_PERIOD_SECONDS,
} from "../../components/observabilitySpec";
import { inputs, ofType, one, record } from "../helpers";

const T = {
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  topic: "aws:sns/topic:Topic",
  fis: "aws:fis/experimentTemplate:ExperimentTemplate",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  ssmDocument: "aws:ssm/document:Document",
  cache: "aws:elasticache/replicationGroup:ReplicationGroup",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  neon: "pulumi-nodejs:dynamic/neon:Project",
};

/** Thresholds on the error ratio, worked out by hand: burn rate × (1 − availability). */
const HAND_COMPUTED: Record<MilestoneId, { fast: number; slow: number }> = {
  m1: { fast: 0.144, slow: 0.06 }, // 14.4 × 0.01, 6 × 0.01
  m2: { fast: 0.144, slow: 0.06 },
  m3: { fast: 0.144, slow: 0.06 },
  m4: { fast: 0.072, slow: 0.03 }, // 14.4 × 0.005, 6 × 0.005
};
const DRILL_COUNT: Record<MilestoneId, number> = { m1: 1, m2: 2, m3: 3, m4: 3 };

const WINDOWS = [
  { key: "slo-fast-burn-1h", seconds: 3600, kind: "fast" },
  { key: "slo-fast-burn-5m", seconds: 300, kind: "fast" },
  { key: "slo-slow-burn-6h", seconds: 21_600, kind: "slow" },
  { key: "slo-slow-burn-30m", seconds: 1800, kind: "slow" },
] as const;

/** Alarm names a composite rule refers to: `ALARM("name")`. */
function ruleNames(rule: string): string[] {
  return [...rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
}

function alarmByName(rec: Recording, alarmName: string): ResourceRecord {
  const found = [...ofType(rec, T.alarm), ...ofType(rec, T.composite)].filter((r) => (inputs(r).name ?? inputs(r).alarmName) === alarmName);
  if (found.length !== 1) throw new Error(`expected one alarm named ${alarmName}, found ${found.length}`);
  return found[0];
}

const actionCount = (r: ResourceRecord) => ({ alarm: (inputs(r).alarmActions ?? []).length, ok: (inputs(r).okActions ?? []).length });

describe("burn-rate thresholds (SRE workbook, chapter 5)", () => {
  test("99 %: fast 0.144, slow 0.06; 99.5 %: fast 0.072, slow 0.03", () => {
    expect(burnRateThresholds({ availability: 0.99 })).toEqual({ fast: 0.144, slow: 0.06 });
    expect(burnRateThresholds({ availability: 0.995 })).toEqual({ fast: 0.072, slow: 0.03 });
    expect(burnRateThresholds({ availability: 0.999 })).toEqual({ fast: 0.0144, slow: 0.006 });
  });

  test("each burn rate spends its share of a 30-day budget over its long window; the short window is 1/12 of the long", () => {
    for (const a of BURN_RATE_ALERTS) {
      expect(a.burnRate).toBeCloseTo((a.budgetSpent * SLO_PERIOD_SECONDS) / a.longWindowSeconds, 9);
      // The workbook's rule for the reset window: 1/12 of the long one.
      expect(a.shortWindowSeconds * 12).toBe(a.longWindowSeconds);
    }
    // The workbook's two conditions: page when 2 % of the budget goes in an hour, ticket at 5 % in 6 hours.
    const page = BURN_RATE_ALERTS.find((a) => a.response === "page")!;
    const ticket = BURN_RATE_ALERTS.find((a) => a.response === "ticket")!;
    expect([page.budgetSpent, page.longWindowSeconds / 3600]).toEqual([0.02, 1]);
    expect([ticket.budgetSpent, ticket.longWindowSeconds / 3600]).toEqual([0.05, 6]);
  });

  test("every window is a valid CloudWatch alarm period (multiple of 60 s, within one day)", () => {
    for (const a of BURN_RATE_ALERTS) {
      for (const s of [a.longWindowSeconds, a.shortWindowSeconds]) {
        expect(s % 60).toBe(0);
        expect(s).toBeLessThanOrEqual(CLOUDWATCH_MAX_ALARM_RANGE_SECONDS);
      }
    }
  });
});

describe("drill catalog", () => {
  test("every id has a definition and a one-line description; counts grow 1, 2, 3, 3", () => {
    expect(Object.keys(DRILLS).sort()).toEqual([...DRILL_IDS].sort());
    for (const d of Object.values(DRILLS)) expect(d.description).toMatch(/^[^\n]{20,200}$/);
    for (const m of MILESTONE_IDS) expect(drillsFor(MILESTONES[m])).toHaveLength(DRILL_COUNT[m]);
    expect(drillsFor(MILESTONES.m1).map((d) => d.id)).toEqual(["terminate-app-instance"]);
    // The catalog's m3/m4 caches are serverless: the network drill, not the node drills.
    expect(drillsFor(MILESTONES.m3).map((d) => d.id)).toContain("disrupt-cache-network");
    expect(drillsFor(MILESTONES.m4).map((d) => d.id)).toContain("disrupt-cache-network");
    // On nodes, the node drills are declared.
    expect(drillsFor(resolveProfile("m3", { cache: { deployment: "nodes" }, resilience: { drills: ["terminate-app-instance", "stress-app-cpu", "failover-cache-primary"] } })).map((d) => d.id)).toContain("failover-cache-primary");
    expect(drillsFor(resolveProfile("m4", { cache: { deployment: "nodes" }, resilience: { drills: ["terminate-app-instance", "stress-app-cpu", "interrupt-cache-az"] } })).map((d) => d.id)).toContain("interrupt-cache-az");
  });

  test("a drill needs what it breaks: cache drills are refused where the tier cannot take them", () => {
    expect(() => resolveProfile("m4", { cache: { deployment: "nodes" }, resilience: { drills: ["failover-cache-primary"] } })).toThrow(
      /resilience\.drills\[0\] "failover-cache-primary" needs cache\.tier "replicated".*got "cluster"/,
    );
    expect(() => resolveProfile("m4", { resilience: { drills: ["interrupt-cache-az"] } })).toThrow(/needs a node-based cache.*use "disrupt-cache-network"/);
    expect(() => resolveProfile("m1", { resilience: { drills: ["disrupt-cache-network"] } })).toThrow(/"disrupt-cache-network" needs a cache/);
    expect(() => resolveProfile("m2", { resilience: { drills: ["interrupt-cache-az"] } })).toThrow(/needs a Multi-AZ cache/);
    // A tier change at m3 must bring its drill along: the message blames the override.
    expect(() => resolveProfile("m3", { cache: { deployment: "nodes", tier: "cluster", shards: 2 }, resilience: { drills: ["terminate-app-instance", "stress-app-cpu", "failover-cache-primary"] } })).toThrow(/cutlist:overrides\.cache\.tier: resilience\.drills\[2\]/);
    expect(() => resolveProfile("m3", { resilience: { drills: ["nope"] } })).toThrow(/resilience\.drills\.0: "nope" is not allowed: must be one of "terminate-app-instance"/);
  });

  test("snapshot windows must be an hour long and clear of Sunday maintenance", () => {
    expect(() => resolveProfile("m3", { cache: { snapshotWindow: "03:00-03:30" } })).toThrow(/30 minutes long; ElastiCache needs a window of at least 60 minutes/);
    expect(() => resolveProfile("m3", { cache: { snapshotWindow: "04:30-05:30" } })).toThrow(/overlaps the cache maintenance window/);
    expect(() => resolveProfile("m3", { cache: { snapshotWindow: "23:30-00:30" } })).not.toThrow();
  });

  test("the m1 SLI note says what it cannot see", () => {
    expect(SLI_SOURCE_NOTES["access-log"]).toMatch(/metric filters/);
    expect(SLI_SOURCE_NOTES["access-log"]).toMatch(/dead instance logs nothing/);
  });
});

describe("dashboard widgets", () => {
  test("remaining error budget over 30 days: 100 × (1 − ratio / (1 − SLO))", () => {
    const sli = { kind: "alb", loadBalancerArnSuffix: "app/cutlist/123" } as const;
    const w = errorBudgetWidget(sli, MILESTONES.m4.slo, "us-east-1");
    expect(w).toMatchObject({ view: "singleValue", setPeriodToTimeRange: true, start: "-PT720H", period: 2_592_000 });
    expect(w.metrics.at(-1)).toEqual([{ id: "budget", label: "error budget remaining %", expression: "100 * (1 - ratio / 0.005)" }]);
    expect(w.metrics.map((row) => row[1])).toEqual(expect.arrayContaining(["HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "RequestCount"]));
    const burn = burnRateWidget({ kind: "access-log", logGroupName: "/cutlist/prod/app", namespace: "CutList/prod" }, MILESTONES.m1.slo, "us-east-1");
    expect(burn.annotations.horizontal.map((h) => h.value)).toEqual([14.4, 6]);
    expect(burn.metrics.at(-1)).toEqual([{ id: "burn", label: "burn rate", expression: "ratio / 0.01" }]);
  });

  test("error ratio counts ELB 5xx (no healthy target) as errors", () => {
    const q = errorRatioQueries({ kind: "alb", loadBalancerArnSuffix: "x" }, 300);
    expect(q.at(-1)).toMatchObject({ id: "ratio", returnData: true, expression: "IF(requests > 0, (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests, 0)" });
  });
});

describe.each(MILESTONE_IDS)("prod at %s", (m) => {
  const spec = MILESTONES[m];
  let recording: Recording;
  beforeAll(async () => {
    recording = await record("prod", m);
  });
  const rec = () => recording;
  const name = (key: string) => `cutlist-prod-${key}`;

  test("SLO windows: one metric-math alarm per window, threshold = burn rate × budget (by hand), no actions", () => {
    expect(burnRateThresholds(spec.slo)).toEqual(HAND_COMPUTED[m]);
    for (const w of WINDOWS) {
      const alarm = inputs(one(rec(), T.alarm, `obs-${w.key}`));
      expect(alarm).toMatchObject({ name: name(w.key), threshold: HAND_COMPUTED[m][w.kind], comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1 });
      expect(actionCount(one(rec(), T.alarm, `obs-${w.key}`))).toEqual({ alarm: 0, ok: 0 });
      const metrics = alarm.metricQueries.filter((q: any) => q.metric);
      for (const q of metrics) expect(q.metric.period).toBe(w.seconds);
      const names = metrics.map((q: any) => `${q.metric.namespace}/${q.metric.metricName}`).sort();
      expect(names).toEqual(spec.app.loadBalancer
        ? ["AWS/ApplicationELB/HTTPCode_ELB_5XX_Count", "AWS/ApplicationELB/HTTPCode_Target_5XX_Count", "AWS/ApplicationELB/RequestCount"]
        : ["CutList/prod/Http5xx", "CutList/prod/Requests"]);
      expect(alarm.metricQueries.filter((q: any) => q.returnData).map((q: any) => q.id)).toEqual(["ratio"]);
    }
  });

  test("SLI without an ALB: metric filters on the app's access log (m1 only)", () => {
    // The active-users filter (dashboard only) is not part of the SLI: test/stacks/costGuardrails.test.ts.
    const filters = ofType(rec(), T.filter).filter((f) => inputs(f).metricTransformation.name !== "ActiveUsers");
    if (spec.app.loadBalancer) {
      expect(filters).toHaveLength(0);
      return;
    }
    const logGroup = one(rec(), T.logGroup, "obs-app");
    expect(filters.map((f) => [inputs(f).metricTransformation.name, inputs(f).pattern, inputs(f).metricTransformation.value])).toEqual([
      ["Requests", "{ $.status >= 100 }", "1"],
      ["Http5xx", "{ $.status >= 500 }", "1"],
      ["LatencyMs", "{ $.latency_ms >= 0 }", "$.latency_ms"],
    ]);
    for (const f of filters) {
      expect(inputs(f).logGroupName).toBe(inputs(logGroup).name);
      expect(inputs(f).metricTransformation.namespace).toBe("CutList/prod");
    }
  });

  test("burn composites: each pair joined by AND; slow burn is a ticket (alarm + OK), fast burn only feeds pages", () => {
    const fast = one(rec(), T.composite, "obs-slo-fast-burn");
    const slow = one(rec(), T.composite, "obs-slo-slow-burn");
    expect(inputs(fast).alarmRule).toBe(`ALARM("${name("slo-fast-burn-1h")}") AND ALARM("${name("slo-fast-burn-5m")}")`);
    expect(inputs(slow).alarmRule).toBe(`ALARM("${name("slo-slow-burn-6h")}") AND ALARM("${name("slo-slow-burn-30m")}")`);
    expect(actionCount(fast)).toEqual({ alarm: 0, ok: 0 });
    expect(actionCount(slow)).toEqual({ alarm: 1, ok: 1 });
    expect(slow.dependencies).toContain(one(rec(), T.topic).urn);
    // A composite is created after the alarms its rule names.
    for (const c of [fast, slow]) for (const n of ruleNames(inputs(c).alarmRule)) expect(c.dependencies).toContain(alarmByName(rec(), n).urn);
  });

  test("incident detection: pages need a symptom AND a cause (or a fast burn nothing explains); causes never page", () => {
    const incident = one(rec(), T.composite, "obs-incident");
    const noCause = one(rec(), T.composite, "obs-slo-fast-burn-no-cause");
    // Without an ALB (m1) the in-service alarm is a page of its own, not a cause.
    const causes = [ALARM_KEYS.appCpu, ALARM_KEYS.appStatusCheck,
      ...(spec.app.loadBalancer ? [ALARM_KEYS.appInService, ALARM_KEYS.unhealthyHosts] : []),
      ...(spec.cache.tier !== "none" ? [ALARM_KEYS.cacheCpu, ALARM_KEYS.cacheMemory, ALARM_KEYS.cacheEvictions] : []),
      // A serverless cache also alarms when it throttles at its ECPU ceiling.
      ...(spec.cache.tier !== "none" && spec.cache.deployment === "serverless" ? [ALARM_KEYS.cacheThrottled] : [])];
    const anyCause = `(${causes.map((k) => `ALARM("${name(k)}")`).join(" OR ")})`;
    expect(inputs(incident).alarmRule).toBe(`(ALARM("${name("slo-fast-burn")}") OR ALARM("${name("p95-latency")}")) AND ${anyCause}`);
    expect(inputs(noCause).alarmRule).toBe(`ALARM("${name("slo-fast-burn")}") AND NOT ${anyCause}`);
    for (const page of [incident, noCause]) {
      expect(actionCount(page)).toEqual({ alarm: 1, ok: 1 });
      expect(page.dependencies).toContain(one(rec(), T.topic).urn);
      for (const n of ruleNames(inputs(page).alarmRule)) expect(page.dependencies).toContain(alarmByName(rec(), n).urn);
    }
    // The causes and the latency symptom notify nobody; the in-service alarm pages alone where no ALB sees the outage.
    for (const key of [...causes, ALARM_KEYS.p95Latency]) expect({ key, ...actionCount(alarmByName(rec(), name(key))) }).toEqual({ key, alarm: 0, ok: 0 });
    expect(actionCount(alarmByName(rec(), name(ALARM_KEYS.appInService)))).toEqual(spec.app.loadBalancer ? { alarm: 0, ok: 0 } : { alarm: 1, ok: 1 });
  });

  test(`drills: ${DRILL_COUNT[m]} FIS templates, stopped by the fast-burn alarms, tag-scoped roles, logs`, () => {
    const templates = ofType(rec(), T.fis);
    const drills = drillsFor(spec);
    expect(templates.map((t) => t.name).sort()).toEqual(drills.map((d) => `drills-${d.id}`).sort());
    expect(templates).toHaveLength(DRILL_COUNT[m]);
    const stopAlarms = [one(rec(), T.alarm, "obs-slo-fast-burn-1h"), one(rec(), T.alarm, "obs-slo-fast-burn-5m")];
    const logGroup = one(rec(), T.logGroup, "drills");
    expect(inputs(logGroup)).toMatchObject({ name: "/cutlist/prod/drills", retentionInDays: spec.observability.logRetentionDays });

    for (const drill of drills) {
      const t = one(rec(), T.fis, `drills-${drill.id}`);
      const tpl = inputs(t);
      // Stop conditions: the two fast-burn window alarms (their ARNs are known only at deploy time).
      expect(tpl.stopConditions).toEqual([{ source: "aws:cloudwatch:alarm" }, { source: "aws:cloudwatch:alarm" }]);
      for (const a of stopAlarms) expect(t.dependencies).toContain(a.urn);
      expect(tpl.logConfiguration.logSchemaVersion).toBe(2);
      expect(t.dependencies).toContain(logGroup.urn);
      expect(tpl.actions.map((a: any) => a.actionId)).toEqual(drill.actionIds);
      expect(tpl.experimentOptions).toEqual({ accountTargeting: "single-account", emptyTargetResolutionMode: "fail" });

      // Its own role, assumable only by FIS from this account.
      const role = one(rec(), T.role, `drills-${drill.id}`);
      expect(t.dependencies).toContain(role.urn);
      const trust = JSON.parse(inputs(role).assumeRolePolicy);
      expect(trust.Statement).toEqual([expect.objectContaining({ Principal: { Service: "fis.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })]);

      // Targets found by tag; every statement that can break something names this stack's tags.
      const component = drill.id === "disrupt-cache-network" ? "network" : drill.id.includes("cache") ? "cache" : "app";
      const extra: Record<string, string> = drill.id === "disrupt-cache-network" ? { tier: "private" } : {};
      const tags = { "aws:ResourceTag/project": "cutlist", "aws:ResourceTag/stack": "prod", "aws:ResourceTag/component": component, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`aws:ResourceTag/${k}`, v])) };
      for (const target of tpl.targets ?? []) {
        expect(target.resourceTags).toEqual([{ key: "project", value: "cutlist" }, { key: "stack", value: "prod" }, { key: "component", value: component }, ...Object.entries(extra).map(([key, value]) => ({ key, value }))]);
      }
      const policyDocs = [inputs(one(rec(), T.rolePolicy, `drills-${drill.id}`)).policy, ...(drill.id === "failover-cache-primary" ? [inputs(one(rec(), T.rolePolicy, `drills-${drill.id}-automation`)).policy] : [])];
      const statements = policyDocs.filter((p) => p !== undefined).flatMap((p) => JSON.parse(p).Statement);
      const faults = ["ec2:TerminateInstances", "ssm:SendCommand", "elasticache:InterruptClusterAzPower", "elasticache:TestFailover", "ec2:ReplaceNetworkAclAssociation"];
      const onTargets = statements.filter((s: any) => [s.Action].flat().some((a: string) => faults.includes(a)) && [s.Resource].flat().some((r: string) => /:(instance|replicationgroup|subnet)[/:]\*$/.test(r)));
      expect(onTargets.length).toBeGreaterThan(0);
      for (const s of onTargets) expect(s.Condition).toEqual({ StringEquals: tags });
      for (const s of statements) if ([s.Action].flat().some((a: string) => faults.includes(a))) expect([s.Resource].flat()).not.toContain("*");
    }

    if (drills.some((d) => d.id === "terminate-app-instance")) {
      const target = inputs(one(rec(), T.fis, "drills-terminate-app-instance")).targets[0];
      expect(target).toMatchObject({ resourceType: "aws:ec2:instance", selectionMode: "COUNT(1)", filters: [{ path: "State.Name", values: ["running"] }] });
    }
    if (drills.some((d) => d.id === "stress-app-cpu")) {
      const action = inputs(one(rec(), T.fis, "drills-stress-app-cpu")).actions[0];
      expect(action.parameters).toEqual(expect.arrayContaining([
        { key: "documentArn", value: "arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress" },
        { key: "duration", value: `PT${spec.resilience.faultMinutes}M` },
      ]));
    }
    if (drills.some((d) => d.id === "failover-cache-primary")) {
      const doc = inputs(one(rec(), T.ssmDocument, "drills-failover-cache-primary"));
      expect(doc).toMatchObject({ name: "cutlist-prod-cache-failover", documentType: "Automation" });
      expect(JSON.parse(doc.content).mainSteps[0]).toMatchObject({ action: "aws:executeAwsApi", inputs: { Api: "TestFailover", ReplicationGroupId: "{{ ReplicationGroupId }}" } });
    }
    if (drills.some((d) => d.id === "interrupt-cache-az")) {
      const tpl = inputs(one(rec(), T.fis, "drills-interrupt-cache-az"));
      expect(tpl.targets[0]).toMatchObject({ resourceType: "aws:elasticache:replicationgroup", parameters: { availabilityZoneIdentifier: "us-east-1a" }, selectionMode: "ALL" });
      expect(tpl.actions[0].parameters).toEqual([{ key: "duration", value: `PT${spec.resilience.faultMinutes}M` }]);
    }
    if (drills.some((d) => d.id === "disrupt-cache-network")) {
      const tpl = inputs(one(rec(), T.fis, "drills-disrupt-cache-network"));
      expect(tpl.targets[0]).toMatchObject({ resourceType: "aws:ec2:subnet", selectionMode: "ALL" });
      expect(tpl.actions[0].parameters).toEqual(expect.arrayContaining([{ key: "duration", value: `PT${spec.resilience.faultMinutes}M` }, { key: "scope", value: "all" }]));
      // Only the private subnets carry tier=private: the cache's, never the app's public ones.
      const subnets = ofType(rec(), "aws:ec2/subnet:Subnet");
      expect(subnets.length).toBeGreaterThan(0);
      for (const x of subnets) expect({ subnet: x.name, tier: inputs(x).tags.tier }).toEqual({ subnet: x.name, tier: x.name.includes("private") ? "private" : "public" });
    }
    // Declared, never run: nothing in the program starts an experiment during `pulumi up`.
    expect(rec().resources.filter((r) => /fis|command:|lambda\/invocation/i.test(r.type) && r.type !== T.fis)).toEqual([]);
  });

  test("backups: cache snapshots where persistence is on, S3 versioning and lifecycle, Neon history for PITR", () => {
    const plan = recoveryPlan(spec);
    const byId = Object.fromEntries(plan.items.map((i) => [i.id, i]));
    expect(plan.rtoMinutes).toBe(60);

    // Neon: the project gets the history window, within the plan's ceiling.
    const neon = inputs(one(rec(), T.neon));
    expect(neon.historyRetentionSeconds).toBe(spec.database.historyRetentionHours * 3600);
    expect(spec.database.historyRetentionHours).toBeLessThanOrEqual(NEON_PLAN_MAX_HISTORY_HOURS[spec.database.plan]);
    expect(byId.database).toMatchObject({ backedUp: true, retentionHours: spec.database.historyRetentionHours, rpoMinutes: 0 });

    // Cache: snapshots and their window exactly where the tier persists.
    const caches = [...ofType(rec(), T.cache), ...ofType(rec(), "aws:elasticache/serverlessCache:ServerlessCache")];
    if (spec.cache.tier === "none") {
      expect(caches).toHaveLength(0);
      expect(byId.cache).toMatchObject({ backedUp: false, rpoMinutes: null });
    } else {
      expect(caches).toHaveLength(1);
      const rg = inputs(caches[0]);
      expect(rg.snapshotRetentionLimit).toBe(spec.cache.snapshotRetentionDays);
      // Node groups take a window; a serverless cache a daily start time (the window's start).
      if (spec.cache.deployment === "serverless") expect(rg.dailySnapshotTime).toBe(spec.cache.snapshotRetentionDays > 0 ? spec.cache.snapshotWindow.split("-")[0] : undefined);
      else expect(rg.snapshotWindow).toBe(spec.cache.snapshotRetentionDays > 0 ? spec.cache.snapshotWindow : undefined);
      expect(byId.cache).toMatchObject(spec.cache.snapshotRetentionDays > 0
        ? { backedUp: true, retentionHours: spec.cache.snapshotRetentionDays * 24, rpoMinutes: 1440 }
        : { backedUp: false, rpoMinutes: null });
    }
    // The seed's "Redis (with persistence)" and "Redis cluster" keep snapshots; "single" does not.
    expect(spec.cache.snapshotRetentionDays > 0).toBe(spec.cache.tier === "replicated" || spec.cache.tier === "cluster");

    // User files: a versioned bucket whose old versions expire, from m4; before, an honest gap.
    if (spec.storage.userFiles) {
      expect(inputs(one(rec(), T.versioning, "storage-files")).versioningConfiguration.status).toBe("Enabled");
      const rules = inputs(one(rec(), T.lifecycle, "storage-files")).rules;
      expect(rules.find((r: any) => r.id === "expire-noncurrent").noncurrentVersionExpiration.noncurrentDays).toBe(spec.storage.noncurrentVersionExpirationDays);
      expect(byId["user-files"]).toMatchObject({ backedUp: true, retentionHours: spec.storage.noncurrentVersionExpirationDays * 24, rpoMinutes: 0 });
    } else {
      expect(byId["user-files"]).toMatchObject({ backedUp: false, rpoMinutes: null });
      expect(byId["user-files"].gap).toMatch(/lost when the instance is replaced/);
    }
    // Static assets behind the CDN: versioned, old versions kept 7 days (components/cdn.ts).
    if (spec.cdn.mode !== "none") {
      const rules = inputs(one(rec(), T.lifecycle, "cdn-assets")).rules;
      expect(rules.find((r: any) => r.id === "expire-noncurrent").noncurrentVersionExpiration.noncurrentDays).toBe(byId["static-assets"].retentionHours / 24);
    } else {
      expect(byId["static-assets"]).toBeUndefined();
    }
  });
});
