/**
 * Regions: every AWS pricer reads the region one way (the explicit provider's `region`, else
 * the stack's `aws:region`, else us-east-1 with a note) and prices only from data cited for
 * that region; elsewhere the resource is "not-priced" with "no price for <region>".
 */
import { DATA_TRANSFER_TYPE, estimate, type ResourceEstimate } from "../../cost/estimate";
import type { UsageRule } from "../../cost/usage";
import type { ResourceRecord } from "../../model/records";
import { awsProvider, record, recording, TYPES, via } from "./factory";

function priceIn(config: Record<string, string>, resources: ResourceRecord[], rules: UsageRule[] = []): readonly ResourceEstimate[] {
  return estimate(recording(resources, "test", config), { id: "test", description: "", assumptions: {}, derived: {}, rules }).resources;
}

const alb = () => record(TYPES.lb, "alb", { subnets: [undefined, undefined] });

describe("the region of a resource", () => {
  it("is its explicit provider's region, before the stack's aws:region", () => {
    const eu = awsProvider("eu", "eu-west-1");
    const [, euAlb, homeAlb] = priceIn({ "aws:region": "us-east-1" }, [eu, via(alb(), eu), { ...alb(), urn: `${alb().urn}-home`, name: "home" }]);
    expect(euAlb).toMatchObject({ priced: "not-priced", note: "no price for eu-west-1", monthlyCost: 0, costComponents: [] });
    expect(homeAlb).toMatchObject({ priced: "priced", monthlyCost: 23.725 }); // 16.425 + 2 × 3.65
    expect(homeAlb.note).toBeUndefined();
  });

  it("is the stack's aws:region when there is no explicit provider", () => {
    const [r] = priceIn({ "aws:region": "ap-south-1" }, [alb()]);
    expect(r).toMatchObject({ priced: "not-priced", note: "no price for ap-south-1" });
  });

  it("is us-east-1 with a note when nothing names one", () => {
    const [r] = priceIn({}, [alb()]);
    expect(r.priced).toBe("priced");
    expect(r.note).toBe("no region set (no provider region, no aws:region config): priced in us-east-1");
  });

  it("falls back to the stack's region, and says so, when the provider's region is unknown at preview", () => {
    const p = awsProvider("other", undefined);
    const [, r] = priceIn({ "aws:region": "us-east-1" }, [p, via(alb(), p)]);
    expect(r.priced).toBe("priced");
    expect(r.note).toBe("region of provider other unknown at preview: priced in us-east-1 (the stack's aws:region)");
  });

  it("does not touch types priced without a region (Neon) or free types", () => {
    const [neon, vpc] = priceIn({}, [record(TYPES.neonProject, "db", { plan: "launch", minCu: 1, maxCu: 1, suspendTimeoutSeconds: -1 }), record("aws:ec2/vpc:Vpc", "vpc")]);
    expect(neon.note).toBeUndefined();
    expect(vpc).toMatchObject({ priced: "free", note: "VPCs are free" });
  });
});

describe("existing pricers follow the rule: us-east-1-only data is no price elsewhere", () => {
  const usEast1Only: [string, ResourceRecord][] = [
    ["EC2 instance", record(TYPES.instance, "web", { instanceType: "t3.micro", subnetId: "subnet-1" })],
    ["ALB", alb()],
    ["NAT gateway", record(TYPES.nat, "nat")],
    ["ElastiCache", record(TYPES.replicationGroup, "cache", { engine: "valkey", nodeType: "cache.t4g.micro" })],
    ["S3", record(TYPES.bucket, "files")],
    ["SQS", record(TYPES.queue, "jobs")],
    ["CloudWatch alarm", record(TYPES.alarm, "cpu", { period: 60 })],
    ["CloudWatch log group", record(TYPES.logGroup, "logs", { retentionInDays: 30 })],
    ["CloudWatch dashboard", record(TYPES.dashboard, "board")],
    ["composite alarm", record(TYPES.compositeAlarm, "c")],
  ];

  it.each(usEast1Only)("%s in eu-central-1 is not priced", (_what, r) => {
    const [e] = priceIn({ "aws:region": "eu-central-1" }, [r]);
    expect({ priced: e.priced, note: e.note, cost: e.monthlyCost }).toEqual({ priced: "not-priced", note: "no price for eu-central-1", cost: 0 });
  });

  it("an Auto Scaling group in another region is not priced", () => {
    const lt = record(TYPES.launchTemplate, "lt", { instanceType: "t4g.small" });
    const asg = record(TYPES.asg, "app", { minSize: 1, maxSize: 2 }, { dependencies: [lt.urn] });
    expect(priceIn({ "aws:region": "sa-east-1" }, [lt, asg])[1]).toMatchObject({ priced: "not-priced", note: "no price for sa-east-1" });
  });

  it("public IPv4 (EIP) and FIS have one price in every commercial region; not in China or GovCloud", () => {
    expect(priceIn({ "aws:region": "eu-central-1" }, [record(TYPES.eip, "ip")])[0].monthlyCost).toBe(3.65);
    expect(priceIn({ "aws:region": "cn-north-1" }, [record(TYPES.eip, "ip")])[0]).toMatchObject({ priced: "not-priced", note: "no price for cn-north-1" });
    const fis = record(TYPES.fis, "drill", { actions: [{ name: "t", actionId: "aws:ec2:terminate-instances" }] });
    const runs = [{ match: { type: TYPES.fis }, usage: { monthly_experiment_runs: 3 } }];
    expect(priceIn({ "aws:region": "ap-southeast-2" }, [fis], runs)[0].monthlyCost).toBe(0.3);
    expect(priceIn({ "aws:region": "us-gov-west-1" }, [fis], runs)[0].priced).toBe("not-priced");
  });

  it("CloudFront is global: priced whatever the stack's region", () => {
    const [cdn] = priceIn({ "aws:region": "eu-central-1" }, [record(TYPES.distribution, "cdn")]);
    expect(cdn.priced).toBe("priced");
  });
});

describe("internet egress (the account-level data transfer line)", () => {
  const web = record(TYPES.instance, "web", { instanceType: "t3.micro", subnetId: "subnet-1" });
  const traffic = (gb: number) => ({ id: "t", description: "", assumptions: {}, derived: {}, rules: [], traffic: { monthly_requests: 0, monthly_data_transfer_gb: gb, cdn_byte_share: 0, cdn_request_share: 0 } });

  it("is priced in the serving resources' region: ap-south-1 first 10 TB $0.1093/GB after the free 100 GB", () => {
    const est = estimate(recording([web], "test", { "aws:region": "ap-south-1" }), traffic(1100));
    const transfer = est.resources.find((r) => r.type === DATA_TRANSFER_TYPE)!;
    expect(transfer.costComponents.map((c) => [c.name, c.monthlyQuantity, c.monthlyCost])).toEqual([
      ["Data transfer out to internet (always free, first 100GB)", 100, 0],
      ["Data transfer out to internet (first 10TB)", 1000, 109.3],
    ]);
  });

  it("uses the next tiers past 10 TB: us-east-1 10,240 GB × $0.09 + 760 GB × $0.085", () => {
    const est = estimate(recording([web], "test", { "aws:region": "us-east-1" }), traffic(100 + 11000));
    const transfer = est.resources.find((r) => r.type === DATA_TRANSFER_TYPE)!;
    expect(transfer.costComponents.slice(1).map((c) => [c.name, c.monthlyQuantity, c.monthlyCost])).toEqual([
      ["Data transfer out to internet (first 10TB)", 10240, 921.6],
      ["Data transfer out to internet (next 40TB)", 760, 64.6],
    ]);
  });

  it("is not priced in a region without sourced egress prices", () => {
    const est = estimate(recording([web], "test", { "aws:region": "me-central-1" }), traffic(500));
    expect(est.resources.find((r) => r.type === DATA_TRANSFER_TYPE)).toMatchObject({ priced: "not-priced", note: "no price for me-central-1" });
  });
});
