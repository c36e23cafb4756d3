/**
 * Remote components (awsx v2+): the program in test/fixtures/awsx-program registers them as
 * @pulumi/awsx's SDK does, the recorder marks them remote, and plan/remoteComponents.ts puts
 * back what awsx's provider would create. Prices are checked line by line against hand
 * computation: 730 h × $0.045 NAT gateway = $32.85; 730 h × $0.005 public IPv4 = $3.65;
 * 730 h × $0.0225 ALB = $16.425 (cost/prices/aws-network.json).
 */
import * as path from "path";
import { estimate, type Estimate } from "../../cost";
import type { Recording, ResourceRecord } from "../../model/records";
import { recordStack } from "../../plan/record";
import { expandRemoteComponents, type ExpandedRecording } from "../../plan/remoteComponents";
import { fargateTaskSize } from "../../plan/remote/awsxEcs";

const DIR = path.resolve(__dirname, "../fixtures/awsx-program");
const URN = "urn:pulumi:dev::shop::";
const VPC_CHAIN = "awsx:ec2:Vpc$aws:ec2/vpc:Vpc";

let recorded: Recording;
let expanded: ExpandedRecording;
let est: Estimate;

beforeAll(async () => {
  recorded = await recordStack({ dir: DIR, stack: "dev" });
  expanded = expandRemoteComponents(recorded);
  est = estimate(expanded.recording);
});

const byUrn = (urn: string): ResourceRecord => {
  const r = expanded.recording.resources.find((x) => x.urn === urn);
  if (!r) throw new Error(`no ${urn}`);
  return r;
};
const costOf = (urn: string) => est.resources.find((r) => r.urn === urn)!;
const lines = (urn: string) => costOf(urn).costComponents.map((c) => [c.name, c.monthlyQuantity, c.price, c.monthlyCost]);

test("the recorder marks each awsx component remote, and under mocks none has a child", () => {
  const remote = recorded.resources.filter((r) => r.remote);
  expect(remote.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
    "awsx:cloudtrail:Trail audit", "awsx:ec2:Vpc batch", "awsx:ec2:Vpc edge", "awsx:ec2:Vpc lab", "awsx:ec2:Vpc main",
    "awsx:ecr:Repository Images", "awsx:ecs:FargateService api", "awsx:lb:ApplicationLoadBalancer web",
  ]);
  // Besides them, only the two subnets the program declares itself.
  expect(recorded.resources.filter((r) => !r.remote).map((r) => r.name)).toEqual(["web-a", "web-b"]);
  expect(remote.every((r) => !r.custom && r.parent === undefined)).toBe(true);
  // Unexpanded, they would all be "not priced", never free.
  const raw = estimate(recorded);
  expect(raw.notPriced.map((n) => n.reason).sort()).toEqual(remote.map((r) => `contents unknown (remote component ${r.type})`).sort());
  expect(raw.totalMonthlyCost).toBe(0);
});

describe("awsx:ec2:Vpc", () => {
  test("with awsx's defaults: 3 zones, a public and a private subnet in each, a NAT gateway and an Elastic IP per zone", () => {
    const subnets = expanded.recording.resources.filter((r) => r.urn.startsWith(`${URN}${VPC_CHAIN}$aws:ec2/subnet:Subnet::main-`));
    expect(subnets.map((s) => [s.name, s.inputs.availabilityZone, s.inputs.mapPublicIpOnLaunch, (s.inputs.tags as Record<string, string>).SubnetType])).toEqual([
      ["main-public-1", "us-east-1a", true, "Public"], ["main-private-1", "us-east-1a", false, "Private"],
      ["main-public-2", "us-east-1b", true, "Public"], ["main-private-2", "us-east-1b", false, "Private"],
      ["main-public-3", "us-east-1c", true, "Public"], ["main-private-3", "us-east-1c", false, "Private"],
    ]);
    expect(byUrn(`${URN}awsx:ec2:Vpc::main`).inputs).toEqual({ tags: { team: "shop" } });
    expect(byUrn(`${URN}${VPC_CHAIN}::main`).inputs).toEqual({ cidrBlock: "10.0.0.0/16", tags: { Name: "main", team: "shop" } });
    expect(byUrn(`${URN}${VPC_CHAIN}$aws:ec2/internetGateway:InternetGateway::main`).parent).toBe(`${URN}${VPC_CHAIN}::main`);
    for (const zone of [1, 2, 3]) {
      const subnet = `${URN}${VPC_CHAIN}$aws:ec2/subnet:Subnet`;
      const nat = byUrn(`${subnet}$aws:ec2/natGateway:NatGateway::main-${zone}`);
      const eip = byUrn(`${subnet}$aws:ec2/eip:Eip::main-${zone}`);
      expect(nat.parent).toBe(`${subnet}::main-public-${zone}`);
      expect(nat.dependencies).toEqual([`${subnet}::main-public-${zone}`, eip.urn]);
      expect(nat.inputs.tags).toEqual({ team: "shop", Name: `main-${zone}` });
      expect(lines(nat.urn)).toEqual([["NAT gateway", 730, 0.045, 32.85], ["Data processed", null, 0.045, null]]);
      expect(lines(eip.urn)).toEqual([["Public IPv4 address (Elastic IP)", 730, 0.005, 3.65]]);
      // Each private subnet routes out through its own zone's gateway.
      const route = byUrn(`${subnet}$aws:ec2/routeTable:RouteTable$aws:ec2/route:Route::main-private-${zone}`);
      expect(route.dependencies).toContain(nat.urn);
      expect(route.inputs.destinationCidrBlock).toBe("0.0.0.0/0");
    }
    const main = (r: { urn: string; name: string }) => r.urn.startsWith(`${URN}awsx:ec2:Vpc$`) && (r.name === "main" || r.name.startsWith("main-"));
    // The VPC, its gateway, and per zone 2 subnets, 2 route tables, 2 associations, 2 routes, a NAT gateway and an EIP.
    expect(expanded.recording.resources.filter((r) => r.custom && main(r))).toHaveLength(2 + 3 * 10);
    const priced = est.resources.filter((r) => main(r) && r.monthlyCost > 0);
    expect(priced.map((r) => r.monthlyCost).sort((a, b) => a - b)).toEqual([3.65, 3.65, 3.65, 32.85, 32.85, 32.85]); // $109.50 in all
  });

  test("Single: one NAT gateway in the first zone's public subnet serves every private subnet; isolated subnets get no route", () => {
    const subnet = `${URN}${VPC_CHAIN}$aws:ec2/subnet:Subnet`;
    const nats = expanded.recording.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway" && r.name.startsWith("batch"));
    expect(nats.map((n) => n.urn)).toEqual([`${subnet}$aws:ec2/natGateway:NatGateway::batch-1`]);
    for (const zone of [1, 2]) {
      expect(byUrn(`${subnet}$aws:ec2/routeTable:RouteTable$aws:ec2/route:Route::batch-work-${zone}`).dependencies).toContain(nats[0].urn);
      expect(expanded.recording.resources.some((r) => r.urn === `${subnet}$aws:ec2/routeTable:RouteTable$aws:ec2/route:Route::batch-db-${zone}`)).toBe(false);
    }
    expect(expanded.recording.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.name.startsWith("batch")).map((r) => r.name)).toEqual([
      "batch-public-1", "batch-work-1", "batch-db-1", "batch-public-2", "batch-work-2", "batch-db-2",
    ]);
    expect(lines(nats[0].urn)[0]).toEqual(["NAT gateway", 730, 0.045, 32.85]);
    expect(lines(`${subnet}$aws:ec2/eip:Eip::batch-1`)).toEqual([["Public IPv4 address (Elastic IP)", 730, 0.005, 3.65]]);
  });

  test("None: no NAT gateway, no Elastic IP, private subnets without a route out: free", () => {
    const lab = expanded.recording.resources.filter((r) => r.custom && /::lab(-|$)/.test(r.urn));
    expect(lab.filter((r) => r.type === "aws:ec2/natGateway:NatGateway" || r.type === "aws:ec2/eip:Eip")).toEqual([]);
    expect(lab.filter((r) => r.type === "aws:ec2/route:Route").map((r) => r.name)).toEqual(["lab-public-1", "lab-public-2"]);
    expect(lab.filter((r) => r.type === "aws:ec2/subnet:Subnet")).toHaveLength(4);
    expect(lab.every((r) => costOf(r.urn).priced === "free")).toBe(true);
  });

  test("a configuration awsx itself rejects stays unexpanded: not priced, with awsx's reason in the notes", () => {
    expect(expanded.recording.resources.filter((r) => r.parent === `${URN}awsx:ec2:Vpc::edge`)).toEqual([]);
    expect(costOf(`${URN}awsx:ec2:Vpc::edge`)).toMatchObject({ priced: "not-priced", note: "contents unknown (remote component awsx:ec2:Vpc)" });
    expect(expanded.notes).toContain(
      "awsx:ec2:Vpc edge: not priced: awsx rejects it: NAT gateway strategy OnePerAz (awsx's default) needs public subnets to host the gateways and private or isolated ones to route through them; set natGateways.strategy to None",
    );
  });
});

test("awsx:lb:ApplicationLoadBalancer: an open default security group, the load balancer, a default target group and listener", () => {
  const lb = byUrn(`${URN}awsx:lb:ApplicationLoadBalancer$aws:lb/loadBalancer:LoadBalancer::web`);
  // Two subnet resources passed: two subnets whose ids are unknown at preview, two zones billed.
  expect(byUrn(`${URN}awsx:lb:ApplicationLoadBalancer::web`).inputs).toEqual({ subnets: [undefined, undefined] });
  expect(lb.inputs).toEqual({ subnets: [undefined, undefined], securityGroups: [undefined], loadBalancerType: "application" });
  expect(lines(lb.urn)).toEqual([
    ["Application load balancer", 730, 0.0225, 16.425],
    ["Load balancer capacity units", null, 0.008, null],
    ["Public IPv4 addresses (one per zone, 2 zones)", 1460, 0.005, 7.3],
  ]);
  const sg = byUrn(`${URN}awsx:lb:ApplicationLoadBalancer$aws:ec2/securityGroup:SecurityGroup::web`);
  expect(sg.inputs.ingress).toEqual([{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }]);
  expect(lb.dependencies).toEqual([sg.urn]);
  expect(byUrn(`${URN}awsx:lb:ApplicationLoadBalancer$aws:lb/targetGroup:TargetGroup::web`).inputs).toEqual({ vpcId: undefined, targetType: "ip", port: 80, protocol: "HTTP" });
  expect(byUrn(`${URN}awsx:lb:ApplicationLoadBalancer$aws:lb/listener:Listener::web-0`).inputs).toMatchObject({ port: 80, protocol: "HTTP", defaultActions: [{ type: "forward" }] });
});

test("awsx:ecs:FargateService: the service with its desired count, the task definition sized as awsx sizes it, its log group and roles", () => {
  const td = byUrn(`${URN}awsx:ecs:FargateService$awsx:ecs:FargateTaskDefinition$aws:ecs/taskDefinition:TaskDefinition::api`);
  // 512 CPU units and 1024 MiB asked: the cheapest Fargate size holding them is 0.5 vCPU, 1 GB.
  expect(td.inputs).toMatchObject({ cpu: "512", memory: "1024", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" } });
  const service = byUrn(`${URN}awsx:ecs:FargateService$aws:ecs/service:Service::api`);
  expect(service.inputs).toMatchObject({ desiredCount: 2, launchType: "FARGATE", waitForSteadyState: true, cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/shop" });
  expect(service.dependencies).toEqual([td.urn]);
  const names = expanded.recording.resources.filter((r) => r.urn.startsWith(`${URN}awsx:ecs:FargateService$`)).map((r) => `${r.type} ${r.name}`);
  expect(names).toEqual([
    "awsx:ecs:FargateTaskDefinition api",
    "aws:cloudwatch/logGroup:LogGroup api",
    "aws:iam/role:Role api-task",
    "aws:iam/role:Role api-execution",
    // awsx names an attachment after the first 8 hex digits of its policy ARN's SHA-1.
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment api-execution-9a42f520",
    "aws:ecs/taskDefinition:TaskDefinition api",
    "aws:ecs/service:Service api",
  ]);
  expect(expanded.notes).toContain("awsx:ecs:FargateService api: priced as the 6 resources awsx creates for it: Fargate service, 2 tasks, task 0.5 vCPU, 1 GB, ARM64");
});

test("awsx:ecr:Repository: the repository named in lower case and awsx's default lifecycle policy", () => {
  const repo = byUrn(`${URN}awsx:ecr:Repository$aws:ecr/repository:Repository::images`);
  expect(repo.inputs).toEqual({ forceDelete: true });
  expect(byUrn(`${URN}awsx:ecr:Repository$aws:ecr/lifecyclePolicy:LifecyclePolicy::images`).dependencies).toEqual([repo.urn]);
});

test("a remote component no expander knows stays: not priced, contents unknown", () => {
  expect(costOf(`${URN}awsx:cloudtrail:Trail::audit`)).toMatchObject({ priced: "not-priced", note: "contents unknown (remote component awsx:cloudtrail:Trail)", monthlyCost: 0 });
});

test("the whole program: $198.56 a month (3 + 1 NAT gateways with their addresses, one ALB, two Fargate tasks), the rest free or not priced", () => {
  // 4 × (32.85 + 3.65) + 16.425 + 7.30 (ALB hours and its two addresses)
  // + 2 tasks × (0.5 vCPU × $0.03238 + 1 GB × $0.00356) × 730 h (Fargate ARM64) = 28.835
  expect(est.totalMonthlyCost).toBe(198.56);
  expect(est.notPriced.map((n) => `${n.name} ${n.type}`).sort()).toEqual([
    "audit awsx:cloudtrail:Trail", "edge awsx:ec2:Vpc",
  ]);
});

test("expansion is applied once: an expanded recording (or an engine state with children) is left as it is", () => {
  const again = expandRemoteComponents(expanded.recording);
  expect(again.recording.resources).toHaveLength(expanded.recording.resources.length);
  expect(again.notes.filter((n) => !n.includes("not priced"))).toEqual([]);
});

test("Fargate task sizes: the cheapest size on AWS's grid that holds the containers' CPU units and memory", () => {
  expect(fargateTaskSize([])).toEqual({ cpu: "256", memory: "512" });
  expect(fargateTaskSize([{ cpu: 1024 }])).toEqual({ cpu: "1024", memory: "2048" });
  expect(fargateTaskSize([{ cpu: 256, memory: 3072 }])).toEqual({ cpu: "512", memory: "3072" });
  expect(fargateTaskSize([{ cpu: 128, memoryReservation: 512, memory: 4096 }, { cpu: 128, memory: 512 }])).toEqual({ cpu: "256", memory: "1024" });
  expect(() => fargateTaskSize([{ cpu: 64 * 1024 }])).toThrow(/more than any Fargate task size/);
});
