import { DATA_TRANSFER_TYPE, estimate, groupByComponent, UsageKeyError } from "../../cost/estimate";
import { decimalString } from "../../model/money";
import { PRICERS } from "../../cost/pricers";
import { RESOURCE_TYPES } from "../../model/resourceTypes";
import { DEFAULT_USAGE_PROFILE, withUsage } from "../../cost/usage";
import { MILESTONE_IDS } from "../../stacks/milestones";
import { usageProfile } from "../../stacks/usageProfile";
import { autoscalingGroup, launchTemplate, record, recording, TYPES } from "./factory";

describe("estimate", () => {
  it("lists unknown types as not priced, never silently free", () => {
    const est = estimate(recording([record("aws:appsync/graphQLApi:GraphQLApi", "api", { authenticationType: "API_KEY" })]));
    expect(est.resources[0].priced).toBe("not-priced");
    expect(est.notPriced).toEqual([{ urn: est.resources[0].urn, type: "aws:appsync/graphQLApi:GraphQLApi", name: "api", reason: "No pricer for aws:appsync/graphQLApi:GraphQLApi" }]);
    expect(est.counts["not-priced"]).toBe(1);
  });

  it("marks free types and components as free with a reason", () => {
    const est = estimate(
      recording([
        record("aws:ec2/vpc:Vpc", "vpc"),
        record("cutlist:app:App", "app", {}, { custom: false }),
        record("my:pkg:Component", "other", {}, { custom: false }),
        record("random:index/randomPassword:RandomPassword", "pw"),
      ]),
    );
    expect(est.resources.map((r) => r.priced)).toEqual(["free", "free", "free", "free"]);
    expect(est.resources.every((r) => typeof r.note === "string" && r.note.length > 0)).toBe(true);
    expect(est.notPriced).toEqual([]);
    expect(est.totalMonthlyCost).toBe(0);
  });

  it("has no type both priced and listed free", () => {
    for (const [type, facts] of Object.entries(RESOURCE_TYPES)) if (facts.free) expect({ type, priced: PRICERS.has(type) }).toEqual({ type, priced: false });
  });

  it("reports expected and worst-case totals for an Auto Scaling group", () => {
    const lt = launchTemplate("app");
    const est = estimate(recording([lt, autoscalingGroup("app", lt, 1, 4, { desiredCapacity: 2 })]));
    const asg = est.resources.find((r) => r.type === TYPES.asg)!;
    expect(asg.monthlyCost).toBe(33.108); // 2 × 16.554
    expect(asg.worstCaseMonthlyCost).toBe(66.216); // 4 × 16.554
    // + data transfer line, unknown usage under the default profile
    expect(est.totalMonthlyCost).toBe(33.108);
    expect(est.totalWorstCaseMonthlyCost).toBe(66.216);
    const transfer = est.resources.find((r) => r.type === DATA_TRANSFER_TYPE)!;
    expect(transfer.hasUnknownUsage).toBe(true);
  });

  it("adds internet egress with the 100 GB free tier as an explicit line", () => {
    const est = estimate(recording([record(TYPES.instance, "web", { instanceType: "t4g.small" })]), usageProfile("m1"));
    const transfer = est.resources.find((r) => r.type === DATA_TRANSFER_TYPE)!;
    expect(transfer.synthetic).toBe(true);
    expect(transfer.costComponents[0]).toMatchObject({ name: "Data transfer out to internet (always free, first 100GB)", monthlyQuantity: 100, freeTier: true });
    const gb = usageProfile("m1").derived.monthly_data_transfer_gb;
    expect(transfer.costComponents[1].monthlyQuantity).toBe(gb - 100);
  });

  it("splits shared usage (log volume) across the records a rule matches", () => {
    const profile = usageProfile("m2");
    // Request logs are the observability component's log groups (the drills' FIS log group is not one).
    const logGroup = (name: string) => record(TYPES.logGroup, name, { retentionInDays: 30 }, { component: "observability" });
    const est = estimate(recording([logGroup("a"), logGroup("b")]), profile);
    const ingest = est.resources.map((r) => r.usage?.monthly_data_ingested_gb);
    expect(ingest[0]).toBeCloseTo(profile.derived.log_monthly_data_ingested_gb / 2, 6);
    expect(ingest[0]).toBe(ingest[1]);
  });

  it("groups by component and formats money as decimal strings", () => {
    const alb = record(TYPES.lb, "alb", {}, { component: "app" });
    const est = estimate(recording([alb, record(TYPES.eip, "ip", {}, { component: "network" })]));
    const groups = groupByComponent(est);
    expect(groups.map((g) => g.component)).toEqual(["app", "network", ""]);
    expect(decimalString(groups[0].monthlyCost, 2)).toBe("23.73"); // 16.425 + 7.3
  });

  it("is deterministic (stable for golden snapshots)", () => {
    const lt = launchTemplate("app");
    const rec = recording([lt, autoscalingGroup("app", lt, 2, 4), record(TYPES.distribution, "cdn"), record(TYPES.queue, "q")]);
    expect(JSON.stringify(estimate(rec, usageProfile("m4")))).toBe(JSON.stringify(estimate(rec, usageProfile("m4"))));
    expect(estimate(rec, DEFAULT_USAGE_PROFILE).usageProfile).toBe("default");
  });
});

describe("usage keys", () => {
  it("refuses a key the type's pricer does not read, naming the keys it reads", () => {
    const rec = recording([record(TYPES.nat, "nat")]);
    const profile = withUsage(DEFAULT_USAGE_PROFILE, [{ match: { type: TYPES.nat }, usage: { monthly_data_procesed_gb: 10 } }]);
    expect(() => estimate(rec, profile)).toThrow(new UsageKeyError('usage for nat (aws:ec2/natGateway:NatGateway): "monthly_data_procesed_gb" is not read by its pricer; it reads monthly_data_processed_gb'));
  });

  it("every rule of every milestone's derived profile names a priced type and only keys its pricer reads", () => {
    for (const m of MILESTONE_IDS) {
      for (const rule of usageProfile(m).rules) {
        const pricer = rule.match.type === undefined ? undefined : PRICERS.get(rule.match.type);
        expect({ m, type: rule.match.type, priced: pricer !== undefined }).toEqual({ m, type: rule.match.type, priced: true });
        for (const key of Object.keys(rule.usage)) expect({ m, type: rule.match.type, key, read: key in pricer!.usageSchema }).toEqual({ m, type: rule.match.type, key, read: true });
      }
    }
    for (const p of PRICERS.values()) for (const key of Object.keys(p.usageSchema)) expect(key).toMatch(/^[a-z0-9_]+$/);
  });
});
