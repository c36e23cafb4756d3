import { resolveUsage } from "../../cost/usage";
import { DEFAULT_CAPACITY_ASSUMPTIONS, MILESTONES } from "../../stacks/milestones";
import { DEFAULT_USAGE_ASSUMPTIONS } from "../../stacks/usageAssumptions";
import { instancesAt, targetRpsPerInstance, usageProfile } from "../../stacks/usageProfile";
import { record } from "../cost/factory";

describe("usage profiles", () => {
  it("derives monthly requests from the sustained rate and the diurnal assumptions", () => {
    // m1: 100 rps × 0.25 busy-hour load × 3600 × (8 h + 10 h × 0.2) × 30.4167 days = 27.375M
    expect(usageProfile("m1").derived.monthly_requests).toBe(27_375_000);
    // 4 KB per response → 109.5 GB
    expect(usageProfile("m1").derived.monthly_data_transfer_gb).toBe(109.5);
  });

  it("holds the instances target tracking would: m3 at 300 rps with 120 rps per instance (CPU 60 %) → 3", () => {
    expect(targetRpsPerInstance(MILESTONES.m3, DEFAULT_CAPACITY_ASSUMPTIONS)).toBe(120); // CPU 60 % of 200 rps < 9,000/min
    expect(instancesAt(300, MILESTONES.m3, DEFAULT_CAPACITY_ASSUMPTIONS)).toBe(3);
    expect(instancesAt(0, MILESTONES.m3, DEFAULT_CAPACITY_ASSUMPTIONS)).toBe(2); // the minimum
    expect(instancesAt(10_000, MILESTONES.m3, DEFAULT_CAPACITY_ASSUMPTIONS)).toBe(MILESTONES.m3.app.maxInstances); // the maximum (3)
    expect(instancesAt(500, MILESTONES.m1, DEFAULT_CAPACITY_ASSUMPTIONS)).toBe(1); // no policy: min
  });

  it("weights expected instances over busy, off-peak and quiet hours", () => {
    // m2 at the seed's rate at face value: busy 150 rps → 2; off-peak 30 rps → 1; quiet → 1: (2×8 + 1×10 + 1×6) / 24
    expect(usageProfile("m2", { busy_hour_load_fraction: 1 }).derived.app_expected_instances).toBe(1.3333);
    // With the default 0.25 the busy hours run 37.5 rps: one instance all day.
    expect(usageProfile("m2").derived.app_expected_instances).toBe(1);
  });

  it("takes a partial override of any assumption", () => {
    const p = usageProfile("m1", { average_response_kb: 8 });
    expect(p.derived.monthly_data_transfer_gb).toBe(219);
    expect(p.assumptions.busy_hours_per_day).toBe(DEFAULT_USAGE_ASSUMPTIONS.busy_hours_per_day);
  });

  it("finds resources by component and role, whatever their names (web tier, workers, dead-letter queue)", () => {
    const p = usageProfile("m4");
    // Names chosen to mislead a name-based match: the rules must not look at them.
    const app = record("aws:autoscaling/group:Group", "workers-of-the-world", {}, { component: "app" });
    const workers = record("aws:autoscaling/group:Group", "background", {}, { component: "queue" });
    const queue = record("aws:sqs/queue:Queue", "dlq-not-really", {}, { component: "queue" });
    const dlq = record("aws:sqs/queue:Queue", "parking", { tags: { role: "dead-letter" } }, { component: "queue" });
    const usage = resolveUsage(p, [app, workers, queue, dlq]);
    expect(usage.get(app.urn)?.expected_instances).toBe(p.derived.app_expected_instances);
    expect(usage.get(workers.urn)?.expected_instances).toBe(MILESTONES.m4.queue.minWorkers);
    expect(usage.get(queue.urn)?.monthly_requests).toBe(p.derived.queue_monthly_requests);
    expect(usage.get(dlq.urn)?.monthly_requests).toBe(0);
  });

  it("gives a resource outside the program's components no usage (a foreign record is priced as usage unknown)", () => {
    const stray = record("aws:autoscaling/group:Group", "app");
    expect(resolveUsage(usageProfile("m4"), [stray]).get(stray.urn)).toBeUndefined();
  });

  it("uses snake_case keys ending in their unit", () => {
    for (const rule of usageProfile("m4").rules) for (const key of Object.keys(rule.usage)) expect(key).toMatch(/^[a-z0-9_]+$/);
  });
});
