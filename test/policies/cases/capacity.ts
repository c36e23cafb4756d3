/** Capacity policy cases: happy-path factories, one change each. */
import { capacityCacheTier, capacityDbConnections, capacityFleetThroughput, capacityTargetTracking, neonPlanLimits } from "../../../policies/capacity";
import { asg, changed, foreign, neon, replicationGroup, res, runPolicy, scalingPolicy, tags, type PolicyCase } from "../util";

/** The web tier at a milestone (its tags name it). */
const webAt = (milestone: string, min: number, max: number) => changed(asg(min, max), (i) => (i.tags = Object.entries(tags("app", milestone)).map(([key, value]) => ({ key, value, propagateAtLaunch: false }))));

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

export const CAPACITY_CASES: PolicyCase[] = [
  // capacity-fleet-throughput
  { policy: capacityFleetThroughput, title: "m4: 4-8 instances × 200 rps cover 600 rps ×1.2 and the 1200 rps peak", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 4, 8)), expect: "pass" },
  { policy: capacityFleetThroughput, title: "m4 with minSize 3 cannot hold 720 rps", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 3, 8)), expect: [/Set minSize to at least 4 .*600 rps \(m4\) with 1.2× headroom .*minSize is 3 \(600 rps\)/] },
  { policy: capacityFleetThroughput, title: "m4 with maxSize 5 cannot absorb the peak", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 4, 5)), expect: [/Set maxSize to at least 6 .*1200 rps peak \(m4\).*maxSize is 5 \(1000 rps\)/] },
  { policy: capacityFleetThroughput, title: "a lower measured rpsPerInstance needs more instances", run: () => runPolicy(capacityFleetThroughput, webAt("m4", 4, 8), { config: { rpsPerInstance: 150 } }), expect: [/Set minSize to at least 5 .*at 150 rps per instance/] },
  { policy: capacityFleetThroughput, title: "the queue workers are not the web tier", run: () => runPolicy(capacityFleetThroughput, asg(1, 3, "queue")), expect: "n/a" },
  { policy: capacityFleetThroughput, title: "another program's web tier, even tagged m4, has no target of ours", run: () => runPolicy(capacityFleetThroughput, foreign(webAt("m4", 1, 2))), expect: "n/a" },
  { policy: capacityFleetThroughput, title: "another program with requestsPerSecond configured is checked", run: () => runPolicy(capacityFleetThroughput, foreign(webAt("m4", 1, 2)), { config: { requestsPerSecond: 300 } }), expect: [/Set minSize to at least 2 so the group serves 300 rps with 1.2× headroom/] },

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

  // capacity-cache-tier
  { policy: capacityCacheTier, title: "m4: a 2-shard cluster with replicas and snapshots passes", run: () => runPolicy(capacityCacheTier, [cacheAt("m4")]), expect: "pass" },
  { policy: capacityCacheTier, title: "m3: primary + replica with snapshots and failover passes", run: () => runPolicy(capacityCacheTier, [cacheAt("m3", replicated)]), expect: "pass" },
  { policy: capacityCacheTier, title: "m3 without snapshots breaks persistence", run: () => runPolicy(capacityCacheTier, [cacheAt("m3", (i) => (replicated(i), (i.snapshotRetentionLimit = 0)))]), expect: [/Give the persistent cache cache snapshots \(snapshotRetentionLimit > 0; it is 0\)/] },
  { policy: capacityCacheTier, title: "m4 with a single node is below the milestone's tier", run: () => runPolicy(capacityCacheTier, [cacheAt("m4", (i) => ((i.clusterMode = "disabled"), delete i.numNodeGroups, delete i.replicasPerNodeGroup, (i.numCacheClusters = 1)))]), expect: [/Give cache the cluster tier the m4 milestone calls for; it is single/] },
  { policy: capacityCacheTier, title: "m3 with no cache at all is a violation", run: () => runPolicy(capacityCacheTier, [res("aws:sqs/queue:Queue", "jobs", { tags: tags("queue", "m3") })]), expect: [/Declare a replicated cache \(the m3 milestone\); the stack has none/] },
  { policy: capacityCacheTier, title: "another program tagged m3 without a cache: not applicable", run: () => runPolicy(capacityCacheTier, [foreign(res("aws:sqs/queue:Queue", "jobs", { tags: tags("queue", "m3") }))]), expect: "n/a" },
  { policy: capacityCacheTier, title: "another program with tier configured is checked", run: () => runPolicy(capacityCacheTier, [foreign(cacheAt("m4", replicated))], { config: { tier: "cluster" } }), expect: [/Give cache the cluster tier tier calls for; it is replicated/] },
];
