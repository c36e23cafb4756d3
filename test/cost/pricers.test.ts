/**
 * Each pricer against hand-computed figures from the cited prices (cost/prices/*.json):
 * a 730-hour month, us-east-1, on-demand.
 */
import { estimate, type ResourceEstimate } from "../../cost/estimate";
import type { UsageProfile, UsageRule } from "../../cost/usage";
import { autoscalingGroup, launchTemplate, record, recording, TYPES } from "./factory";
import type { ResourceRecord } from "../../model/records";

/** Price records under explicit per-type usage; returns the estimate of the named resource. */
function priceOne(target: ResourceRecord, others: ResourceRecord[] = [], rules: UsageRule[] = []): ResourceEstimate {
  const profile: UsageProfile = { id: "test", description: "", assumptions: {} as never, derived: {}, rules };
  const est = estimate(recording([...others, target]), profile);
  return est.resources.find((r) => r.urn === target.urn)!;
}

function line(r: ResourceEstimate, name: string) {
  const found = r.costComponents.find((c) => c.name === name);
  if (!found) throw new Error(`no line "${name}" in ${r.costComponents.map((c) => c.name).join(" | ")}`);
  return found;
}

describe("aws:ec2/instance:Instance", () => {
  it("t4g.small: 730 h × $0.0168 = $12.264; 8 GB gp3 × $0.08 = $0.64; public IPv4 730 × $0.005 = $3.65", () => {
    const r = priceOne(record(TYPES.instance, "web", { instanceType: "t4g.small", associatePublicIpAddress: true, rootBlockDevice: { volumeSize: 8, volumeType: "gp3" } }));
    expect(line(r, "Instance usage (Linux/UNIX, on-demand, t4g.small)")).toMatchObject({ unit: "hours", monthlyQuantity: 730, price: 0.0168, monthlyCost: 12.264 });
    expect(line(r, "Root volume: Storage (general purpose SSD, gp3)")).toMatchObject({ unit: "GB", monthlyQuantity: 8, monthlyCost: 0.64 });
    expect(line(r, "Public IPv4 address (in use)").monthlyCost).toBe(3.65);
    expect(r.monthlyCost).toBe(16.554);
    expect(r.priced).toBe("priced");
  });

  it("t3.micro in a subnet that maps no public address: 730 × $0.0104 = $7.592 plus the default 8 GB root", () => {
    const r = priceOne(record(TYPES.instance, "web", { instanceType: "t3.micro", subnetId: "subnet-0123456789abcdef0" }));
    expect(r.costComponents.map((c) => c.name)).not.toContain("Public IPv4 address (in use)");
    expect(r.monthlyCost).toBe(8.232);
  });

  it("an instance type missing from the price file is not priced, with the reason", () => {
    const r = priceOne(record(TYPES.instance, "web", { instanceType: "x9z.huge" }));
    expect(r.priced).toBe("not-priced");
    expect(r.note).toMatch(/x9z\.huge/);
  });
});

describe("aws:autoscaling/group:Group", () => {
  const lt = launchTemplate("app", "t4g.small", 8, true);

  it("resolves the launch template through dependencies and prices expected vs worst case", () => {
    const asg = autoscalingGroup("app", lt, 2, 4);
    const r = priceOne(asg, [lt], [{ match: { type: TYPES.asg }, usage: { expected_instances: 3 } }]);
    // expected: 3 × (12.264 + 0.64 + 3.65) = 49.662; worst: 4 × 16.554 = 66.216
    expect(line(r, "Instance usage (Linux/UNIX, on-demand, t4g.small)").monthlyQuantity).toBe(2190);
    expect(r.monthlyCost).toBe(49.662);
    expect(r.worstCaseMonthlyCost).toBe(66.216);
    expect(r.worstCaseCostComponents?.[0].monthlyQuantity).toBe(2920);
  });

  it("clamps expected instances to [minSize, maxSize] and defaults to minSize without usage", () => {
    const asg = autoscalingGroup("app", lt, 1, 2);
    expect(priceOne(asg, [lt], [{ match: { type: TYPES.asg }, usage: { expected_instances: 9 } }]).monthlyCost).toBe(33.108);
    expect(priceOne(asg, [lt]).monthlyCost).toBe(16.554);
  });

  it("an unresolvable launch template makes the group not priced", () => {
    const r = priceOne(autoscalingGroup("app", lt, 1, 2), []);
    expect(r.priced).toBe("not-priced");
  });

  it("the launch template itself is free", () => {
    const est = estimate(recording([lt]));
    expect(est.resources[0]).toMatchObject({ priced: "free", monthlyCost: 0 });
  });
});

describe("aws:lb/loadBalancer:LoadBalancer", () => {
  const alb = record(TYPES.lb, "app", { loadBalancerType: "application", internal: false, subnets: [undefined, undefined] });

  it("ALB 730 h × $0.0225 = $16.43 (16.425), one IPv4 per zone 2 × 730 × $0.005 = $7.30", () => {
    const r = priceOne(alb);
    expect(line(r, "Application load balancer")).toMatchObject({ unit: "hours", monthlyQuantity: 730, monthlyCost: 16.425 });
    expect(line(r, "Public IPv4 addresses (one per zone, 2 zones)").monthlyCost).toBe(7.3);
  });

  it("LCUs without usage say the cost depends on usage instead of $0", () => {
    const lcu = line(priceOne(alb), "Load balancer capacity units");
    expect(lcu.monthlyCost).toBeNull();
    expect(lcu.note).toBe("Monthly cost depends on usage: $0.008 per LCU-hours");
  });

  it("LCUs take the highest dimension: 0.5 GB/h processed → 0.5 LCU × 730 h × $0.008 = $2.92", () => {
    const r = priceOne(alb, [], [{ match: { type: TYPES.lb }, usage: { new_connections: 5, active_connections: 300, processed_bytes_gb: 0.5, rule_evaluations: 0 } }]);
    expect(line(r, "Load balancer capacity units")).toMatchObject({ unit: "LCU-hours", monthlyQuantity: 365, monthlyCost: 2.92 });
  });

  it("internal load balancers have no public addresses; network load balancers are not priced", () => {
    expect(priceOne(record(TYPES.lb, "int", { internal: true })).costComponents.map((c) => c.name)).not.toContain("Public IPv4 addresses (one per zone, 2 zones)");
    expect(priceOne(record(TYPES.lb, "nlb", { loadBalancerType: "network" })).priced).toBe("not-priced");
  });
});

describe("aws:elasticache/replicationGroup:ReplicationGroup", () => {
  it("Valkey cache.t4g.micro single node: 730 × $0.0128 = $9.344", () => {
    const r = priceOne(record(TYPES.replicationGroup, "cache", { engine: "valkey", nodeType: "cache.t4g.micro", numCacheClusters: 1 }));
    expect(line(r, "ElastiCache (on-demand, valkey, cache.t4g.micro)")).toMatchObject({ monthlyQuantity: 730, monthlyCost: 9.344 });
  });

  it("cluster mode: 2 shards × (1 + 1) = 4 nodes; Redis OSS $0.016 → 2920 h = $46.72", () => {
    const r = priceOne(record(TYPES.replicationGroup, "cache", { engine: "redis", nodeType: "cache.t4g.micro", numNodeGroups: 2, replicasPerNodeGroup: 1 }));
    expect(line(r, "ElastiCache (on-demand, redis, cache.t4g.micro)")).toMatchObject({ monthlyQuantity: 2920, monthlyCost: 46.72 });
  });

  it("Infracost's golden: 3 × cache.m6g.12xlarge (Redis) × 730 h = $7,789.83", () => {
    const r = priceOne(record(TYPES.replicationGroup, "big", { nodeType: "cache.m6g.12xlarge", numCacheClusters: 3 }));
    expect(r.monthlyCost).toBe(7789.83);
  });

  it("snapshots: the first backup free, further retained days at $0.085/GB-month", () => {
    const r = priceOne(
      record(TYPES.replicationGroup, "cache", { engine: "valkey", nodeType: "cache.t4g.micro", numCacheClusters: 2, snapshotRetentionLimit: 3 }),
      [],
      [{ match: { type: TYPES.replicationGroup }, usage: { snapshot_storage_size_gb: 1 } }],
    );
    expect(line(r, "Backup storage (first backup, free)")).toMatchObject({ monthlyQuantity: 1, monthlyCost: 0, freeTier: true });
    expect(line(r, "Backup storage")).toMatchObject({ monthlyQuantity: 2, monthlyCost: 0.17 });
  });
});

describe("aws:cloudfront/distribution:Distribution", () => {
  const cdn = record(TYPES.distribution, "cdn", { priceClass: "PriceClass_100" });

  it("shows the always-free 1 TB and 10M requests as lines, then bills the rest", () => {
    const r = priceOne(cdn, [], [{ match: { type: TYPES.distribution }, usage: { monthly_data_transfer_to_internet_gb: 1124, monthly_https_requests: 30_000_000 } }]);
    expect(line(r, "Data transfer out to internet (always free, first 1TB)")).toMatchObject({ monthlyQuantity: 1024, monthlyCost: 0, freeTier: true });
    expect(line(r, "Data transfer out to internet (first 10TB)")).toMatchObject({ monthlyQuantity: 100, monthlyCost: 8.5 });
    expect(line(r, "Requests (always free, first 10M)")).toMatchObject({ unit: "10k requests", monthlyQuantity: 1000, monthlyCost: 0 });
    // 20M paid HTTPS requests = 2,000 × 10k × $0.01 = $20
    expect(line(r, "HTTPS requests")).toMatchObject({ monthlyQuantity: 2000, monthlyCost: 20 });
    expect(r.monthlyCost).toBe(28.5);
  });

  it("within the free tier the paid lines are $0, and without usage they depend on usage", () => {
    const small = priceOne(cdn, [], [{ match: { type: TYPES.distribution }, usage: { monthly_data_transfer_to_internet_gb: 50, monthly_https_requests: 1_000_000 } }]);
    expect(small.monthlyCost).toBe(0);
    const none = priceOne(cdn);
    expect(none.costComponents.every((c) => c.monthlyCost === null)).toBe(true);
    expect(none.hasUnknownUsage).toBe(true);
  });

  it("beyond 10 TB the next tier applies", () => {
    const r = priceOne(cdn, [], [{ match: { type: TYPES.distribution }, usage: { monthly_data_transfer_to_internet_gb: 1024 + 10240 + 100, monthly_https_requests: 0 } }]);
    expect(line(r, "Data transfer out to internet (first 10TB)").monthlyCost).toBe(870.4);
    expect(line(r, "Data transfer out to internet (next 40TB)").monthlyCost).toBe(8);
  });
});

describe("aws:cloudfront/function:Function", () => {
  it("2M invocations free, then $0.10 per 1M", () => {
    const r = priceOne(record(TYPES.cfFunction, "fn", { publish: true }), [], [{ match: { type: TYPES.cfFunction }, usage: { monthly_invocations: 12_000_000 } }]);
    expect(line(r, "Invocations (always free, first 2M)").monthlyQuantity).toBe(2);
    expect(line(r, "Invocations")).toMatchObject({ monthlyQuantity: 10, monthlyCost: 1 });
  });
});

describe("aws:s3/bucket:Bucket", () => {
  it("10 GB × $0.023 + 10k PUT × $0.005/1k + 1M GET × $0.0004/1k = $0.23 + $0.05 + $0.40", () => {
    const r = priceOne(record(TYPES.bucket, "files"), [], [{ match: { type: TYPES.bucket }, usage: { storage_gb: 10, monthly_tier_1_requests: 10_000, monthly_tier_2_requests: 1_000_000 } }]);
    expect(line(r, "Storage (S3 Standard)").monthlyCost).toBe(0.23);
    expect(line(r, "PUT, COPY, POST, LIST requests")).toMatchObject({ unit: "1k requests", monthlyQuantity: 10, monthlyCost: 0.05 });
    expect(line(r, "GET, SELECT, and all other requests").monthlyCost).toBe(0.4);
    expect(r.monthlyCost).toBe(0.68);
  });
});

describe("aws:sqs/queue:Queue", () => {
  it("first 1M requests free, then $0.40 per 1M (3.5M → 2.5 × 0.40 = $1.00)", () => {
    const r = priceOne(record(TYPES.queue, "jobs"), [], [{ match: { type: TYPES.queue }, usage: { monthly_requests: 3_500_000 } }]);
    expect(line(r, "Requests (free tier, first 1M)")).toMatchObject({ unit: "1M requests", monthlyQuantity: 1, monthlyCost: 0 });
    expect(line(r, "Requests (standard)")).toMatchObject({ monthlyQuantity: 2.5, monthlyCost: 1 });
  });

  it("the free million is account-wide: a second queue gets none of it", () => {
    const q1 = record(TYPES.queue, "a");
    const q2 = record(TYPES.queue, "b");
    const est = estimate(recording([q1, q2]), { id: "t", description: "", assumptions: {} as never, derived: {}, rules: [{ match: { type: TYPES.queue }, usage: { monthly_requests: 800_000 } }] });
    expect(est.resources[0].monthlyCost).toBe(0);
    expect(est.resources[1].costComponents[0].monthlyQuantity).toBe(0.2); // 200k left of the free 1M
    expect(est.resources[1].monthlyCost).toBe(0.24); // 0.6M × $0.40
  });
});

describe("CloudWatch", () => {
  it("alarms: $0.10 per alarm metric after the first 10 free; metric math bills each metric", () => {
    const alarms = Array.from({ length: 10 }, (_, i) => record(TYPES.alarm, `a${i}`, { metricName: "CPUUtilization", period: 60 }));
    const math = record(TYPES.alarm, "math", {
      metricQueries: [
        { id: "n0", metric: { metricName: "EngineCPUUtilization", period: 300 } },
        { id: "n1", metric: { metricName: "EngineCPUUtilization", period: 300 } },
        { id: "worst", expression: "MAX([n0, n1])", returnData: true },
      ],
    });
    const r = priceOne(math, alarms);
    expect(line(r, "Standard resolution alarm metrics")).toMatchObject({ monthlyQuantity: 2, monthlyCost: 0.2 });
    expect(line(r, "Standard resolution alarm metrics (free tier, first 10)").monthlyQuantity).toBe(0);
  });

  it("high-resolution alarms cost $0.30 per metric", () => {
    expect(priceOne(record(TYPES.alarm, "fast", { period: 10 })).monthlyCost).toBe(0.3);
  });

  it("composite alarm $0.50; dashboards $3.00 after the first 3 free", () => {
    expect(priceOne(record(TYPES.compositeAlarm, "c")).monthlyCost).toBe(0.5);
    const boards = [0, 1, 2].map((i) => record(TYPES.dashboard, `d${i}`));
    expect(priceOne(record(TYPES.dashboard, "fourth"), boards).monthlyCost).toBe(3);
    expect(priceOne(record(TYPES.dashboard, "first")).monthlyCost).toBe(0);
  });

  it("log group: 5 GB free, then $0.50/GB ingested; storage = ingest × retention months × $0.03", () => {
    const r = priceOne(record(TYPES.logGroup, "app", { retentionInDays: 73 }), [], [{ match: { type: TYPES.logGroup }, usage: { monthly_data_ingested_gb: 15 } }]);
    expect(line(r, "Data ingested (free tier, first 5GB)").monthlyQuantity).toBe(5);
    expect(line(r, "Data ingested").monthlyCost).toBe(5);
    // 73 days = 2.4 months of 30.4167 days → 36 GB × 0.03 = 1.08
    expect(line(r, "Archival Storage")).toMatchObject({ monthlyQuantity: 36, monthlyCost: 1.08 });
  });
});

describe("NAT gateway and Elastic IP", () => {
  it("NAT: 730 × $0.045 = $32.85 + $0.045/GB processed", () => {
    const r = priceOne(record(TYPES.nat, "nat"), [], [{ match: { type: TYPES.nat }, usage: { monthly_data_processed_gb: 100 } }]);
    expect(line(r, "NAT gateway").monthlyCost).toBe(32.85);
    expect(line(r, "Data processed").monthlyCost).toBe(4.5);
  });

  it("EIP: 730 × $0.005 = $3.65", () => {
    expect(priceOne(record(TYPES.eip, "ip", { domain: "vpc" })).monthlyCost).toBe(3.65);
  });
});

describe("aws:fis/experimentTemplate:ExperimentTemplate", () => {
  it("action-minutes × $0.10: two 5-minute actions, 2 runs = 20 × 0.10 = $2.00", () => {
    const fis = record(TYPES.fis, "drill", {
      actions: [
        { name: "stop", actionId: "aws:ec2:stop-instances", parameters: { startInstancesAfterDuration: "PT5M" } },
        { name: "cpu", actionId: "aws:ssm:send-command", parameters: [{ key: "duration", value: "PT5M" }] },
      ],
    });
    // the first action has no `duration`, so the usage's minutes per run apply
    const r = priceOne(fis, [], [{ match: { type: TYPES.fis }, usage: { monthly_experiment_runs: 2, action_minutes_per_run: 10 } }]);
    expect(line(r, "Action minutes")).toMatchObject({ unit: "action-minutes", monthlyQuantity: 20, monthlyCost: 2 });
  });
});

describe("operations resources (issue 6)", () => {
  const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
  const filter = (name: string, dimensions?: Record<string, string>) =>
    record(FILTER, name, { pattern: "{ $.status >= 500 }", metricTransformation: { name: "Http5xx", namespace: "CutList/prod", value: "1", dimensions } });

  it("log metric filter: its metric is a custom metric, $0.30 a month after the first 10 free", () => {
    const first = priceOne(filter("errors"));
    expect(line(first, "Custom metrics (free tier, first 10)").monthlyQuantity).toBe(1);
    expect(first.monthlyCost).toBe(0);
    const tenOthers = Array.from({ length: 10 }, (_, i) => filter(`f${i}`));
    const eleventh = priceOne(filter("errors"), tenOthers);
    expect(line(eleventh, "Custom metrics")).toMatchObject({ unit: "metrics", monthlyQuantity: 1, price: 0.3, monthlyCost: 0.3 });
    expect(priceOne(filter("by-route", { route: "$.route" })).note).toMatch(/every distinct dimension value/);
  });

  it("FIS: a one-shot terminate counts 1 action-minute; an automation counts its maxDuration; a timed fault its duration", () => {
    const runs = [{ match: { type: TYPES.fis }, usage: { monthly_experiment_runs: 1, action_minutes_per_run: 10 } }];
    const terminate = record(TYPES.fis, "terminate", { actions: [{ name: "t", actionId: "aws:ec2:terminate-instances", target: { key: "Instances", value: "app" } }] });
    expect(line(priceOne(terminate, [], runs), "Action minutes")).toMatchObject({ monthlyQuantity: 1, monthlyCost: 0.1 });
    const failover = record(TYPES.fis, "failover", {
      actions: [{ name: "f", actionId: "aws:ssm:start-automation-execution", parameters: [{ key: "documentArn", value: "arn" }, { key: "maxDuration", value: "PT15M" }] }],
    });
    expect(line(priceOne(failover, [], runs), "Action minutes")).toMatchObject({ monthlyQuantity: 15, monthlyCost: 1.5 });
    // m4's three drills, once a month each: 1 + 5 + 10 minutes × $0.10 = $1.60
    const stress = record(TYPES.fis, "stress", { actions: [{ name: "s", actionId: "aws:ssm:send-command", parameters: [{ key: "duration", value: "PT5M" }] }] });
    const az = record(TYPES.fis, "az", { actions: [{ name: "a", actionId: "aws:elasticache:replicationgroup-interrupt-az-power", parameters: [{ key: "duration", value: "PT10M" }] }] });
    const est = estimate(recording([terminate, stress, az]), { id: "t", description: "", assumptions: {} as never, derived: {}, rules: runs });
    expect(est.totalMonthlyCost).toBe(1.6);
  });

  it("the SSM Automation document of the failover drill is free, with the reason", () => {
    const r = priceOne(record("aws:ssm/document:Document", "failover", { documentType: "Automation" }));
    expect(r.priced).toBe("free");
  });
});

describe("cost guardrails (issue \"Cost truth and an optimizer\", item 5)", () => {
  const BUDGET = "aws:budgets/budget:Budget";
  const KEY = "aws:kms/key:Key";
  const budget = (name: string) => record(BUDGET, name, { budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "30", limitUnit: "USD" });

  it("budget: the account's first two are free; a third is 730 / 24 = 30.416666667 budget-days × $0.02 = $0.60833333334", () => {
    const first = priceOne(budget("first"));
    expect(line(first, "Budget (free tier, first 2 per account)")).toMatchObject({ unit: "budget-days", monthlyQuantity: 30.416666667, monthlyCost: 0, freeTier: true });
    expect(first.monthlyCost).toBe(0);
    const third = priceOne(budget("third"), [budget("a"), budget("b")]);
    expect(line(third, "Budget")).toMatchObject({ unit: "budget-days", monthlyQuantity: 30.416666667, price: 0.02, monthlyCost: 0.60833333334 });
    expect(third.monthlyCost).toBe(0.60833333334);
    expect(third.note).toMatch(/other stacks' too/);
  });

  it("KMS key: $1.00 a month; 50,000 requests = 5 × 10k, the first 2 × 10k free, 3 × $0.03 = $0.09; rotation noted", () => {
    const key = record(KEY, "alerts", { enableKeyRotation: true });
    const r = priceOne(key, [], [{ match: { type: KEY }, usage: { monthly_requests: 50_000 } }]);
    expect(line(r, "Customer master key")).toMatchObject({ unit: "months", monthlyQuantity: 1, price: 1, monthlyCost: 1 });
    expect(line(r, "Requests (free tier, first 20K)").monthlyQuantity).toBe(2);
    expect(line(r, "Requests")).toMatchObject({ unit: "10k requests", monthlyQuantity: 3, price: 0.03, monthlyCost: 0.09 });
    expect(r.monthlyCost).toBe(1.09);
    expect(r.note).toMatch(/rotated backing key adds up to \$1 a month/);
    // Without a request figure the line says it depends on usage instead of showing $0.
    const unknown = priceOne(record(KEY, "other"));
    expect(line(unknown, "Requests").monthlyQuantity).toBeNull();
    expect(unknown.hasUnknownUsage).toBe(true);
    expect(unknown.note ?? "").not.toMatch(/rotat/); // no rotation, nothing to say about it
  });

  it("anomaly monitor and subscription, the topic policy: free, each with the reason", () => {
    for (const type of ["aws:costexplorer/anomalyMonitor:AnomalyMonitor", "aws:costexplorer/anomalySubscription:AnomalySubscription", "aws:sns/topicPolicy:TopicPolicy"]) {
      const r = priceOne(record(type, "x"));
      expect({ type, priced: r.priced, cost: r.monthlyCost }).toEqual({ type, priced: "free", cost: 0 });
      expect(r.note).toMatch(/free/);
    }
  });

  it("the ActiveUsers metric filter is one custom metric: free within the account's first 10, $0.30 a month after", () => {
    const activeUsers = () => record("aws:cloudwatch/logMetricFilter:LogMetricFilter", "obs-active-users", {
      pattern: "{ $.active_users >= 0 }", metricTransformation: { name: "ActiveUsers", namespace: "CutList/prod", value: "$.active_users", unit: "Count" },
    });
    expect(priceOne(activeUsers()).monthlyCost).toBe(0);
    const tenOthers = Array.from({ length: 10 }, (_, i) => record("aws:cloudwatch/logMetricFilter:LogMetricFilter", `f${i}`, { metricTransformation: { name: `M${i}` } }));
    expect(line(priceOne(activeUsers(), tenOthers), "Custom metrics")).toMatchObject({ monthlyQuantity: 1, price: 0.3, monthlyCost: 0.3 });
  });
});

describe("Neon", () => {
  it("Free plan: the 100 included CU-hours show as a line, cost $0, and an overrun is noted", () => {
    const project = record(TYPES.neonProject, "db", { plan: "free", minCu: 0.25, maxCu: 1, suspendTimeoutSeconds: 0 });
    const r = priceOne(project, [], [{ match: { type: TYPES.neonProject }, usage: { monthly_active_hours: 500, storage_gb: 0.3 } }]);
    // 500 h × 0.25 CU = 125 CU-h, 100 covered
    expect(line(r, "Compute (free plan, first 100 CU-hours per project included)")).toMatchObject({ unit: "CU-hours", monthlyQuantity: 100, monthlyCost: 0, freeTier: true });
    expect(r.monthlyCost).toBe(0);
    expect(r.note).toMatch(/125 CU-hours exceed the Free plan's 100/);
    expect(r.metrics).toEqual({ cu_hours: 125 });
  });

  it("the compute follows the load: busy 200 h at a demand of 1.5 CU, off-peak 300 h at 0.2 CU (held at min 0.5), idle 230 h at min (always on)", () => {
    const project = record(TYPES.neonProject, "db", { plan: "launch", minCu: 0.5, maxCu: 4, suspendTimeoutSeconds: -1 });
    const usage = { monthly_busy_hours: 200, busy_demand_cu: 1.5, monthly_off_peak_hours: 300, off_peak_demand_cu: 0.2, monthly_idle_hours: 230, storage_gb: 10 };
    const r = priceOne(project, [], [{ match: { type: TYPES.neonProject }, usage }]);
    // 200 × 1.5 + 300 × 0.5 + 230 × 0.5 = 565 CU-h × $0.106 = $59.89
    expect(line(r, "Compute (launch, read_write, 0.5-4 CU)")).toMatchObject({ monthlyQuantity: 565, monthlyCost: 59.89 });
    expect(line(r, "Storage")).toMatchObject({ unit: "GB", monthlyCost: 3.5 });
    // The maximum drives only the worst case: 500 active hours at 4 CU + 230 idle at 0.5 = 2115 CU-h.
    expect(r.worstCaseCostComponents?.find((c) => c.name === "Compute (launch, read_write, 0.5-4 CU)")).toMatchObject({ monthlyQuantity: 2115, monthlyCost: 224.19 });
  });

  it("raising maxCu at the same load does not change the expected cost", () => {
    const usage = { monthly_busy_hours: 200, busy_demand_cu: 1.5, monthly_off_peak_hours: 300, off_peak_demand_cu: 0.2, monthly_idle_hours: 230 };
    const at = (maxCu: number) => priceOne(record(TYPES.neonProject, "db", { plan: "launch", minCu: 0.25, maxCu, suspendTimeoutSeconds: 300 }), [], [{ match: { type: TYPES.neonProject }, usage }]);
    expect(at(8).monthlyCost).toBe(at(2).monthlyCost);
    expect(at(8).worstCaseMonthlyCost).toBeGreaterThan(at(2).worstCaseMonthlyCost);
    // Scaling to zero: idle hours cost nothing; 200 × 1.5 + 300 × 0.25 = 375 CU-h × $0.106 = $39.75.
    expect(at(2).monthlyCost).toBe(39.75);
  });

  it("a demand above maxCu is held at maxCu", () => {
    const r = priceOne(record(TYPES.neonProject, "db", { plan: "launch", minCu: 0.25, maxCu: 1, suspendTimeoutSeconds: 300 }), [], [{ match: { type: TYPES.neonProject }, usage: { monthly_busy_hours: 100, busy_demand_cu: 3 } }]);
    expect(r.metrics).toEqual({ cu_hours: 100 });
  });

  it("paid plans bill instant-restore history ($0.20/GB-month), egress past 100 GB ($0.10/GB) and snapshots ($0.09/GB-month)", () => {
    const project = record(TYPES.neonProject, "db", { plan: "launch", minCu: 0.25, maxCu: 1, suspendTimeoutSeconds: -1 });
    const r = priceOne(project, [], [{ match: { type: TYPES.neonProject }, usage: { history_storage_gb: 2, monthly_egress_gb: 130, snapshot_storage_gb: 10 } }]);
    expect(line(r, "Instant-restore history storage")).toMatchObject({ monthlyQuantity: 2, monthlyCost: 0.4 });
    expect(line(r, "Egress (first 100 GB included)")).toMatchObject({ monthlyQuantity: 100, monthlyCost: 0 });
    expect(line(r, "Egress")).toMatchObject({ monthlyQuantity: 30, monthlyCost: 3 });
    expect(line(r, "Snapshot storage")).toMatchObject({ monthlyQuantity: 10, monthlyCost: 0.9 });
    expect(r.metrics).toEqual({ cu_hours: 182.5, egress_gb: 130 });
  });

  it("Free: egress past 5 GB is noted (the computes stop), never billed", () => {
    const project = record(TYPES.neonProject, "db", { plan: "free", minCu: 0.25, maxCu: 1, suspendTimeoutSeconds: 0 });
    const r = priceOne(project, [], [{ match: { type: TYPES.neonProject }, usage: { monthly_active_hours: 100, monthly_egress_gb: 8 } }]);
    expect(line(r, "Egress (free plan, first 5 GB included)")).toMatchObject({ monthlyQuantity: 5, monthlyCost: 0 });
    expect(r.note).toMatch(/8 GB of egress exceeds the Free plan's 5 GB/);
  });

  it("a read_only endpoint bills its own CU-hours at the project's plan (Scale $0.222)", () => {
    const project = record(TYPES.neonProject, "db", { plan: "scale", minCu: 1, maxCu: 1, suspendTimeoutSeconds: -1 });
    const replica = record(TYPES.neonEndpoint, "db-replica-0", { type: "read_only", minCu: 0.25, maxCu: 2, suspendTimeoutSeconds: 0 }, { dependencies: [project.urn] });
    const r = priceOne(replica, [project], [{ match: { type: TYPES.neonEndpoint }, usage: { average_cu: 1, monthly_active_hours: 100 } }]);
    expect(line(r, "Compute (scale, read_only, 0.25-2 CU)")).toMatchObject({ monthlyQuantity: 100, monthlyCost: 22.2 });
  });

  it("a suspendable compute without usage says its cost depends on usage", () => {
    const r = priceOne(record(TYPES.neonProject, "db", { plan: "launch", minCu: 0.25, maxCu: 2, suspendTimeoutSeconds: 0 }));
    expect(r.costComponents[0].note).toBe("Monthly cost depends on usage: $0.106 per CU-hours");
  });
});

