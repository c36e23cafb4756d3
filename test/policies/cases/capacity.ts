/** Capacity policy cases: happy-path factories, one change each. */
import { capacityCacheTier, capacityDbCompute, capacityDbConnections, capacityFleetThroughput, capacityTargetTracking, neonFreePlanAllowance, neonPlanLimits } from "../../../policies/capacity";
import * as aws from "@pulumi/aws";
import { asg, changed, dependsOn, foreign, launchTemplate, neon, replicationGroup, res, resOf, runPolicy, scalingPolicy, tags, type PolicyCase } from "../util";

/** The web tier at a milestone (its tags name it). */
/** The web tier at a milestone (its tags name it), launching `instanceType` from its template. */
const webAt = (milestone: string, min: number, max: number, instanceType = "t4g.small") => {
  const lt = changed(launchTemplate(), (i) => (i.instanceType = instanceType));
  const group = changed(asg(min, max), (i) => (i.tags = Object.entries(tags("app", milestone)).map(([key, value]) => ({ key, value, propagateAtLaunch: false }))));
  return [lt, dependsOn(group, lt)];
};

/** A stack at m4: web tier, workers, Neon with a replica (pool 25, pooler). */
function neonStack(change: (n: ReturnType<typeof neon>) => void = () => undefined) {
  const n = neon();
  change(n);
  return [asg(4, 8), asg(1, 3, "queue"), n.component, n.project, n.replica];
}

/** A cache record at a milestone tier. */
type CacheInputs = ReturnType<typeof replicationGroup>["inputs"];

const cacheAt = (milestone: string, change: (i: CacheInputs) => void = () => undefined) =>
  changed(replicationGroup(), (i) => {
    i.tags = tags("cache", milestone);
    change(i);
  });

const replicated = (i: CacheInputs) => {
  i.clusterMode = "disabled";
  delete i.numNodeGroups;
  delete i.replicasPerNodeGroup;
  i.numCacheClusters = 2;
  i.snapshotRetentionLimit = 3;
};

/** A Neon project on the Free plan at m1 (0.25-1 CU, scale to zero), in a stack tagged m1. */
function freeNeonAtM1() {
  const n = neon();
  const project = changed(n.project, (i) => {
    i.plan = "free";
    i.maxCu = 1;
    i.suspendTimeoutSeconds = 300;
    i.historyRetentionSeconds = 21600;
  });
  return [n.component, project, res("aws:sqs/queue:Queue", "jobs", { tags: tags("queue", "m1") })];
}

/** Runs `run` as `pulumi preview` would for a stack whose config is `config` (PULUMI_CONFIG). */
async function withStackConfig<T>(config: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = process.env.PULUMI_CONFIG;
  process.env.PULUMI_CONFIG = JSON.stringify(config);
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.PULUMI_CONFIG;
    else process.env.PULUMI_CONFIG = saved;
  }
}

export const CAPACITY_CASES: PolicyCase[] = [
  // capacity-fleet-throughput
  { policy: capacityFleetThroughput, title: "m4: 4-8 instances × 200 rps cover 600 rps ×1.2 and the 1200 rps peak", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 4, 8)), expect: "pass" },
  { policy: capacityFleetThroughput, title: "m4 with minSize 3 cannot hold 720 rps", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 3, 8)), expect: [/Set minSize of app to at least 4 .*600 rps \(m4\) with 1.2× headroom at 200 rps per t4g\.small .*minSize is 3 \(600 rps\)/] },
  { policy: capacityFleetThroughput, title: "m4 with maxSize 5 cannot absorb the peak", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 4, 5)), expect: [/Set maxSize of app to at least 6 .*1200 rps peak \(m4\).*maxSize is 5 \(1000 rps\)/] },
  { policy: capacityFleetThroughput, title: "a lower measured rpsPerInstance needs more instances", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 4, 8), { config: { rpsPerInstance: 150 } }), expect: [/Set minSize of app to at least 5 .*at 150 rps per t4g\.small/] },
  { policy: capacityFleetThroughput, title: "a larger type serves more per instance: 2 × c7g.xlarge (480 rps) hold m4's 720 rps", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 2, 3, "c7g.xlarge")), expect: "pass" },
  { policy: capacityFleetThroughput, title: "a type with no throughput figure cannot be sized", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 4, 8, "x2iedn.large")), expect: [/Give the throughput of one x2iedn\.large instance .*no figure is known for x2iedn\.large/] },
  { policy: capacityFleetThroughput, title: "the queue workers are not the web tier", run: () => runPolicy(capacityFleetThroughput, asg(1, 3, "queue")), expect: "n/a" },
  { policy: capacityFleetThroughput, title: "another program's web tier, even tagged m4, has no target of ours", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 1, 2).map((r) => foreign(r))), expect: "n/a" },
  { policy: capacityFleetThroughput, title: "another program with requestsPerSecond configured is checked", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 1, 2).map((r) => foreign(r)), { config: { requestsPerSecond: 300 } }), expect: [/Set minSize of app to at least 2 so the group serves 300 rps with 1.2× headroom/] },

  // capacity-target-tracking
  { policy: capacityTargetTracking, title: "a group that can grow with a target-tracking policy passes", run: () => { const g = asg(4, 8); return runPolicy(capacityTargetTracking, [g, scalingPolicy(g)]); }, expect: "pass" },
  { policy: capacityTargetTracking, title: "a group that can grow without one is a violation", run: () => runPolicy(capacityTargetTracking, [asg(4, 8)]), expect: [/Attach a TargetTrackingScaling policy to app, which can scale from 4 to 8 instances; scaling policies found: none/] },
  { policy: capacityTargetTracking, title: "a step policy does not count", run: () => { const g = asg(4, 8); return runPolicy(capacityTargetTracking, [g, changed(scalingPolicy(g), (i) => (i.policyType = "StepScaling"))]); }, expect: [/found: only app-cpu \("StepScaling"\)/] },
  { policy: capacityTargetTracking, title: "a fixed-size group needs none", run: () => runPolicy(capacityTargetTracking, [asg(1, 1)]), expect: "pass" },
  { policy: capacityTargetTracking, title: "another program: not applicable", run: () => runPolicy(capacityTargetTracking, [foreign(asg(4, 8))]), expect: "n/a" },
  { policy: capacityTargetTracking, title: "another program with applyToOtherPrograms is checked", run: () => runPolicy(capacityTargetTracking, [foreign(asg(4, 8))], { config: { applyToOtherPrograms: true } }), expect: [/Attach a TargetTrackingScaling policy to app/] },

  // capacity-db-connections
  { policy: capacityDbConnections, title: "through the pooler 25 × 11 instances fit", run: () => runPolicy(capacityDbConnections, neonStack()), expect: "pass" },
  {
    policy: capacityDbConnections,
    title: "direct connections: 25 × 11 = 275 exceed 97 at 0.25 CU",
    run: () => runPolicy(capacityDbConnections, neonStack((n) => (n.component = changed(n.component, (i) => (i.usePooler = false))))),
    expect: [/Keep the app's database connections within 97 direct connections at minCu 0.25 CU .* or use the pooler; pool 25 × 11 instances at maximum = 275/],
  },
  { policy: capacityDbConnections, title: "config overrides the declared pool", run: () => runPolicy(capacityDbConnections, neonStack(), { config: { usePooler: false, poolSizePerInstance: 5 } }), expect: "pass" },
  { policy: capacityDbConnections, title: "without a declared pool size it cannot judge", run: () => runPolicy(capacityDbConnections, neonStack((n) => (n.component = changed(n.component, (i) => delete i.poolSizePerInstance)))), expect: "n/a" },
  { policy: capacityDbConnections, title: "another program: not applicable", run: () => runPolicy(capacityDbConnections, neonStack((n) => (n.component = changed(n.component, (i) => (i.usePooler = false)))).map((r) => foreign(r))), expect: "n/a" },
  { policy: capacityDbConnections, title: "another program with poolSizePerInstance configured is checked", run: () => runPolicy(capacityDbConnections, neonStack().map((r) => foreign(r)), { config: { poolSizePerInstance: 25, usePooler: false } }), expect: [/pool 25 × 11 instances at maximum = 275/] },

  // neon-plan-limits
  { policy: neonPlanLimits, title: "launch 0.25-4 CU with one replica at m4 passes", run: () => runPolicy(neonPlanLimits, [...neonStack(), res("aws:sqs/queue:Queue", "jobs", { tags: tags("queue", "m4") })]), expect: "pass" },
  { policy: neonPlanLimits, title: "the free plan cannot autoscale to 4 CU", run: () => runPolicy(neonPlanLimits, neonStack((n) => ((n.project = changed(n.project, (i) => ((i.plan = "free"), (i.suspendTimeoutSeconds = 300), (i.historyRetentionSeconds = 21600)))), (n.replica = changed(n.replica, (i) => ((i.plan = "free"), (i.suspendTimeoutSeconds = 300))))))), expect: [/Keep db within the Neon free plan: maxCu is 4 CU but the Neon free plan autoscales to at most 2 CU/] },
  { policy: neonPlanLimits, title: "a replica on another plan than its project is a violation", run: () => runPolicy(neonPlanLimits, neonStack((n) => (n.replica = changed(n.replica, (i) => (i.plan = "scale"))))), expect: [/Give db-replica-0 its project's plan "launch"; it declares "scale"/] },
  { policy: neonPlanLimits, title: "a replica where the milestone has none is a violation", run: () => runPolicy(neonPlanLimits, neonStack(), { config: { milestone: "m3" } }), expect: [/Keep read replicas at 0 or fewer \(the m3 milestone\); 1 read_only endpoints are declared \(db-replica-0\)/] },
  { policy: neonPlanLimits, title: "another program: not applicable", run: () => runPolicy(neonPlanLimits, neonStack((n) => (n.replica = changed(n.replica, (i) => (i.plan = "scale")))).map((r) => foreign(r))), expect: "n/a" },
  { policy: neonPlanLimits, title: "another program with maxReadReplicas configured is checked", run: () => runPolicy(neonPlanLimits, neonStack().map((r) => foreign(r)), { config: { maxReadReplicas: 0 } }), expect: [/Keep read replicas at 0 or fewer \(maxReadReplicas\)/] },

  // neon-free-plan-allowance. At m1 the compute runs 243.3 busy hours at 0.25 CU (demand
  // 0.1667 CU held at minCu) and 304.2 off-peak hours at 0.25 CU, suspended 182.5 idle hours:
  // 136.875 CU-hours against 100 (83.33 with 1.2× headroom), 36.875 past it at 0.25 CU = 147.5
  // hours without a database; query results 27.375 GB against 5 GB.
  {
    policy: neonFreePlanAllowance,
    title: "m1 traffic on the Free plan needs 136.88 CU-hours and 27.38 GB: suspended ~148 hours a month",
    run: () => runPolicy(neonFreePlanAllowance, freeNeonAtM1()),
    expect: [
      /Keep Neon project db within the Free plan's 100 CU-hours a month with 1\.2× headroom \(83\.33 CU-hours\), or move it to the launch plan; it needs 136\.88 CU-hours: the computes would be suspended about 148 hours a month \(36\.88 CU-hours past the allowance at ~0\.25 CU\)/,
      /Keep Neon project db within the Free plan's 5 GB of egress a month with 1\.2× headroom \(4\.17 GB\).*need 27\.38 GB/,
    ],
  },
  {
    policy: neonFreePlanAllowance,
    title: "a stack busy 2 hours a day, idle 20, with small results fits (30.42 CU-hours, 1.31 GB)",
    run: () => withStackConfig(
      { "aws:region": "us-east-1", "cutlist:milestone": "m1", "cutlist:alertEmail": "oncall@example.com", "cutlist:usage": JSON.stringify({ busy_hours_per_day: 2, quiet_hours_per_day: 20, db_result_kb_per_query: 0.1 }) },
      () => runPolicy(neonFreePlanAllowance, freeNeonAtM1()),
    ),
    expect: "pass",
  },
  { policy: neonFreePlanAllowance, title: "a Launch project has no allowance to keep", run: () => runPolicy(neonFreePlanAllowance, neonStack()), expect: "n/a" },

  // capacity-db-compute. m4 peak: 1200 rps × 2 queries × (1 − 0.3 cache share) × 2 ms at 60 %
  // utilisation = 5.6 CU, half on the primary and half on the one replica: 2.8 CU each.
  {
    policy: capacityDbCompute,
    title: "m4: primary and replica at 0.25-4 CU hold the 2.8 CU peak",
    run: () => runPolicy(capacityDbCompute, neonStack((n) => (n.replica = changed(n.replica, (i) => (i.maxCu = 4))))),
    expect: "pass",
  },
  {
    policy: capacityDbCompute,
    title: "m4: a replica capped at 2 CU cannot hold its 2.8 CU peak",
    run: () => runPolicy(capacityDbCompute, neonStack()),
    expect: [/Set maxCu of db-replica-0 to at least 3 so it holds the peak load's 2\.8 CU; maxCu is 2\./],
  },
  {
    policy: capacityDbCompute,
    title: "1.5× headroom: 4 CU is short of 4.2 CU",
    run: () => runPolicy(capacityDbCompute, neonStack((n) => (n.replica = changed(n.replica, (i) => (i.maxCu = 5)))), { config: { headroom: 1.5 } }),
    expect: [/Set maxCu of db to at least 5 so it holds the peak load's 4\.2 CU \(2\.8 CU × 1\.5 headroom\); maxCu is 4\./],
  },
  { policy: capacityDbCompute, title: "no Neon compute: not applicable", run: () => runPolicy(capacityDbCompute, [asg(4, 8)]), expect: "n/a" },

  // capacity-cache-tier
  { policy: capacityCacheTier, title: "m4: a 2-shard cluster with replicas and snapshots passes", run: () => runPolicy(capacityCacheTier, [cacheAt("m4")]), expect: "pass" },
  { policy: capacityCacheTier, title: "m3: primary + replica with snapshots and failover passes", run: () => runPolicy(capacityCacheTier, [cacheAt("m3", replicated)]), expect: "pass" },
  { policy: capacityCacheTier, title: "m3 without snapshots breaks persistence", run: () => runPolicy(capacityCacheTier, [cacheAt("m3", (i) => (replicated(i), (i.snapshotRetentionLimit = 0)))]), expect: [/Give the persistent cache cache snapshots \(snapshotRetentionLimit > 0; it is 0\)/] },
  { policy: capacityCacheTier, title: "m4 with a single node is below the milestone's tier", run: () => runPolicy(capacityCacheTier, [cacheAt("m4", (i) => ((i.clusterMode = "disabled"), delete i.numNodeGroups, delete i.replicasPerNodeGroup, (i.numCacheClusters = 1)))]), expect: [/Give cache the cluster tier the m4 milestone calls for; it is single/] },
  {
    policy: capacityCacheTier,
    title: "m4: ElastiCache Serverless with snapshots meets the cluster tier",
    run: () => runPolicy(capacityCacheTier, [resOf(aws.elasticache.ServerlessCache, "cache", { engine: "valkey", snapshotRetentionLimit: 7, tags: tags("cache", "m4") })]),
    expect: "pass",
  },
  {
    policy: capacityCacheTier,
    title: "m3: ElastiCache Serverless without snapshots is not persistent",
    run: () => runPolicy(capacityCacheTier, [resOf(aws.elasticache.ServerlessCache, "cache", { engine: "valkey", snapshotRetentionLimit: 0, tags: tags("cache", "m3") })]),
    expect: [/Give the persistent cache cache snapshots \(snapshotRetentionLimit > 0; it is 0\)/],
  },
  { policy: capacityCacheTier, title: "m3 with no cache at all is a violation", run: () => runPolicy(capacityCacheTier, [res("aws:sqs/queue:Queue", "jobs", { tags: tags("queue", "m3") })]), expect: [/Declare a replicated cache \(the m3 milestone\); the stack has none/] },
  { policy: capacityCacheTier, title: "another program tagged m3 without a cache: not applicable", run: () => runPolicy(capacityCacheTier, [foreign(res("aws:sqs/queue:Queue", "jobs", { tags: tags("queue", "m3") }))]), expect: "n/a" },
  { policy: capacityCacheTier, title: "another program with tier configured is checked", run: () => runPolicy(capacityCacheTier, [foreign(cacheAt("m4", replicated))], { config: { tier: "cluster" } }), expect: [/Give cache the cluster tier tier calls for; it is replicated/] },
];
