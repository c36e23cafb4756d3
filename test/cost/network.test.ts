/** Network pricers (Route 53, VPC endpoints, transit gateway) and free network pieces, from cost/prices/aws-network.json. */
import { record, one, price, table } from "./factory";

const T = {
  zone: "aws:route53/zone:Zone",
  rec: "aws:route53/record:Record",
  hc: "aws:route53/healthCheck:HealthCheck",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  tgwAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  ssm: "aws:ssm/parameter:Parameter",
} as const;

describe("Route 53 (global: priced in any region)", () => {
  it("hosted zones: $0.50 each for the account's first 25, $0.10 beyond", () => {
    const zones = Array.from({ length: 26 }, (_, i) => record(T.zone, `z${i}`, { name: `z${i}.example.com` }));
    const est = price(zones, [], "eu-west-3");
    expect(table(est[0])).toEqual([["Hosted zone", 1, 0.5]]);
    expect(table(est[25])).toEqual([["Hosted zone (over 25)", 1, 0.1]]);
  });

  it("records: 1.1B standard queries = 1,000M × $0.40 + 100M × $0.20; latency routing at $0.60 / $0.30", () => {
    expect(table(one(record(T.rec, "www", { type: "A" }), { monthly_standard_queries: 1_100_000_000 }))).toEqual([
      ["Standard queries (first 1B)", 1000, 400],
      ["Standard queries (over 1B)", 100, 20],
    ]);
    const latency = record(T.rec, "api", { type: "A", latencyRoutingPolicies: [{ region: "us-east-1" }], setIdentifier: "use1" });
    expect(one(latency, { monthly_latency_based_queries: 1_200_000_000 }).monthlyCost).toBe(660);
  });

  it("health check with HTTPS, string matching, a 10 s interval and latency measurement: $0.50 + 4 × $1.00", () => {
    const hc = record(T.hc, "api", { type: "HTTPS_STR_MATCH", requestInterval: 10, measureLatency: true, fqdn: "api.example.com" });
    expect(table(one(hc))).toEqual([
      ["Health check", 1, 0.5],
      ["Optional features", 4, 4],
    ]);
  });
});

describe("aws:ec2/vpcEndpoint:VpcEndpoint", () => {
  it("Interface in 2 subnets: 2 × 730 h × $0.01 = $14.60, and 1,000 GB × $0.01", () => {
    const r = one(record(T.endpoint, "ecr", { vpcEndpointType: "Interface", subnetIds: [undefined, undefined], serviceName: "com.amazonaws.us-east-1.ecr.api" }), { monthly_data_processed_gb: 1000 });
    expect(table(r)).toEqual([
      ["Endpoint (Interface)", 1460, 14.6],
      ["Data processed (first 1PB)", 1000, 10],
    ]);
  });

  it("a Gateway endpoint (the default type) is free; a Gateway Load Balancer endpoint bills $7.30 + $0.0035/GB", () => {
    expect(one(record(T.endpoint, "s3", { serviceName: "com.amazonaws.us-east-1.s3" }))).toMatchObject({ priced: "free" });
    expect(one(record(T.endpoint, "gwlb", { vpcEndpointType: "GatewayLoadBalancer" }), { monthly_data_processed_gb: 1000 }).monthlyCost).toBe(10.8);
  });

  it("Interface endpoints outside us-east-1 are not priced", () => {
    expect(one(record(T.endpoint, "ecr", { vpcEndpointType: "Interface", subnetIds: [] }), {}, "eu-west-1")).toMatchObject({ priced: "not-priced", note: "no price for eu-west-1" });
  });
});

describe("transit gateway", () => {
  it("a VPC attachment: 730 h × $0.05 + 100 GB × $0.02; the gateway itself is free", () => {
    expect(one(record(T.tgwAttachment, "vpc-a"), { monthly_data_processed_gb: 100 }).monthlyCost).toBe(38.5);
    expect(one(record("aws:ec2transitgateway/transitGateway:TransitGateway", "tgw")).priced).toBe("free");
  });
});

describe("SSM parameters", () => {
  it("Standard (the default) is free; Advanced is not priced", () => {
    expect(one(record(T.ssm, "p", { type: "String", value: "x" }))).toMatchObject({ priced: "free", note: "Standard parameters are free" });
    expect(one(record(T.ssm, "p", { tier: "Advanced" })).priced).toBe("not-priced");
  });
});

describe("network, storage and logging pieces AWS does not bill are free, with a reason", () => {
  it.each([
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/networkAclRule:NetworkAclRule",
    "aws:ec2/vpcDhcpOptions:VpcDhcpOptions",
    "aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    "aws:ec2/defaultVpc:DefaultVpc",
    "aws:s3/bucketNotification:BucketNotification",
    "aws:s3/bucketObject:BucketObject",
    "aws:s3/bucketObjectv2:BucketObjectv2",
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    "aws:cloudwatch/logStream:LogStream",
    "aws:route53/zoneAssociation:ZoneAssociation",
  ])("%s", (type) => {
    expect(one(record(type, "x"))).toMatchObject({ priced: "free", note: expect.stringMatching(/free|billed/i) });
  });
});

describe("other configuration AWS bills on something else is free, with a reason", () => {
  it.each([
    "aws:appsync/resolver:Resolver",
    "aws:appsync/dataSource:DataSource",
    "aws:glue/trigger:Trigger",
    "aws:athena/namedQuery:NamedQuery",
    "aws:organizations/policy:Policy",
    "aws:apigateway/response:Response",
  ])("%s", (type) => {
    expect(one(record(type, "x"))).toMatchObject({ priced: "free", note: expect.stringMatching(/free/i) });
  });

  it("the GraphQL API itself stays not priced: its per-request price is not in the price files", () => {
    expect(one(record("aws:appsync/graphQLApi:GraphQLApi", "api"))).toMatchObject({ priced: "not-priced", note: "No pricer for aws:appsync/graphQLApi:GraphQLApi" });
  });
});
