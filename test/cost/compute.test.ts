/**
 * Compute, container and storage pricers against hand-computed figures from
 * cost/prices/aws-ec2-regions.json, aws-containers.json and aws-efs-backup.json.
 */
import type { ResourceRecord } from "../../model/records";
import { awsProvider, record, one, price, table, TYPES, via } from "./factory";

const T = {
  subnet: "aws:ec2/subnet:Subnet",
  volume: "aws:ebs/volume:Volume",
  snapshot: "aws:ebs/snapshot:Snapshot",
  fsr: "aws:ebs/fastSnapshotRestore:FastSnapshotRestore",
  taskDef: "aws:ecs/taskDefinition:TaskDefinition",
  service: "aws:ecs/service:Service",
  target: "aws:appautoscaling/target:Target",
  eks: "aws:eks/cluster:Cluster",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  ecr: "aws:ecr/repository:Repository",
  efs: "aws:efs/fileSystem:FileSystem",
} as const;

describe("aws:ec2/instance:Instance: every on-demand type, and its public IPv4", () => {
  it("t2.micro (from the 1,367-type table): 730 × $0.0116 = $8.468, 8 GB gp3 root × $0.08", () => {
    expect(table(one(record(TYPES.instance, "web", { instanceType: "t2.micro", subnetId: "subnet-1" })))).toEqual([
      ["Instance usage (Linux/UNIX, on-demand, t2.micro)", 730, 8.468],
      ["Root volume: Storage (general purpose SSD, gp3)", 8, 0.64],
    ]);
    expect(one(record(TYPES.instance, "web", { instanceType: "m5.large", subnetId: "subnet-1" })).costComponents[0].monthlyCost).toBe(70.08);
  });

  it("no subnet given: the default VPC maps a public IPv4, 730 × $0.005 = $3.65, and the note says why", () => {
    const r = one(record(TYPES.instance, "web", { instanceType: "t2.micro" }));
    expect(table(r)[2]).toEqual(["Public IPv4 address (in use)", 730, 3.65]);
    expect(r.costComponents[2].note).toBe("no subnet given: launched in the default VPC, whose default subnets map a public IPv4 on launch");
    expect(r.note).toMatch(/^public IPv4: no subnet given/);
    expect(r.monthlyCost).toBe(12.758);
  });

  it("a subnet in the program that maps public IPs on launch gives one; associatePublicIpAddress false never does", () => {
    const subnet = record(T.subnet, "public", { mapPublicIpOnLaunch: true });
    const inPublic = record(TYPES.instance, "web", { instanceType: "t3.micro", subnetId: undefined }, { dependencies: [subnet.urn] });
    expect(price([subnet, inPublic])[1].costComponents.map((c) => c.name)).toContain("Public IPv4 address (in use)");
    const privateSubnet = record(T.subnet, "private", {});
    const inPrivate = record(TYPES.instance, "db", { instanceType: "t3.micro", subnetId: undefined }, { dependencies: [privateSubnet.urn] });
    expect(price([privateSubnet, inPrivate])[1].costComponents.map((c) => c.name)).not.toContain("Public IPv4 address (in use)");
    expect(one(record(TYPES.instance, "web", { instanceType: "t3.micro", associatePublicIpAddress: false })).costComponents.map((c) => c.name)).not.toContain("Public IPv4 address (in use)");
  });

  it("through a provider in a region without EC2 prices: not priced", () => {
    const eu = awsProvider("eu", "eu-west-2");
    expect(price([eu, via(record(TYPES.instance, "web", { instanceType: "t2.micro" }), eu)])[1]).toMatchObject({ priced: "not-priced", note: "no price for eu-west-2" });
  });
});

describe("EBS", () => {
  it("gp3 40 GB with 4,000 IOPS and 130 MBps: $3.20 + 1,000 × $0.005 + 5 × $0.04 (the golden's figures)", () => {
    expect(table(one(record(T.volume, "data", { type: "gp3", size: 40, iops: 4000, throughput: 130 })))).toEqual([
      ["Storage (general purpose SSD, gp3)", 40, 3.2],
      ["Provisioned IOPS (gp3, above 3000)", 1000, 5],
      ["Provisioned throughput (gp3, above 125 MBps)", 5, 0.2],
    ]);
  });

  it("io2 30 GB with 300 IOPS; st1, sc1, magnetic with I/O; gp2 when the type is unset", () => {
    expect(table(one(record(T.volume, "v", { type: "io2", size: 30, iops: 300 })))).toEqual([
      ["Storage (provisioned IOPS SSD, io2)", 30, 3.75],
      ["Provisioned IOPS (io2, first 32000)", 300, 19.5],
    ]);
    expect(one(record(T.volume, "v", { type: "st1", size: 40 })).monthlyCost).toBe(1.8);
    expect(one(record(T.volume, "v", { type: "sc1", size: 50 })).monthlyCost).toBe(0.75);
    expect(table(one(record(T.volume, "v", { type: "standard", size: 20 }), { monthly_standard_io_requests: 1_000_000 }))).toEqual([
      ["Storage (magnetic)", 20, 1],
      ["I/O requests", 1, 0.05],
    ]);
    expect(table(one(record(T.volume, "v", { size: 10 })))).toEqual([["Storage (general purpose SSD, gp2)", 10, 1]]);
  });

  it("a snapshot is sized as its volume (an upper bound): 100 GB × $0.05; fast snapshot restore 730 DSU-hours × $0.75", () => {
    const vol = record(T.volume, "data", { type: "gp3", size: 100 });
    const snap = record(T.snapshot, "nightly", { volumeId: undefined }, { dependencies: [vol.urn] });
    const r = price([vol, snap])[1];
    expect(table(r)).toEqual([["EBS snapshot storage", 100, 5]]);
    expect(r.note).toMatch(/upper bound/);
    expect(one(record(T.fsr, "fast", { availabilityZone: "us-east-1a" })).monthlyCost).toBe(547.5);
  });
});

describe("aws:ecs/service:Service", () => {
  const taskDef = (extra: Record<string, unknown> = {}) => record(T.taskDef, "app", { family: "app", cpu: "1024", memory: "2048", requiresCompatibilities: ["FARGATE"], ...extra });
  const service = (td: ResourceRecord, extra: Record<string, unknown> = {}) => record(T.service, "app", { launchType: "FARGATE", desiredCount: 1, taskDefinition: undefined, ...extra }, { dependencies: [td.urn] });

  it("Fargate x86: 1 vCPU × 730 h × $0.04048 = $29.55, 2 GB × 730 h × $0.004445 = $6.49 (the golden's figures)", () => {
    const td = taskDef();
    expect(table(price([td, service(td)])[1])).toEqual([
      ["Per vCPU per hour (Linux/x86)", 730, 29.5504],
      ["Per GB per hour (Linux/x86)", 1460, 6.4897],
    ]);
  });

  it("Fargate ARM, 2 tasks of 0.5 vCPU and 1 GB with 30 GB of ephemeral storage (10 above the free 20)", () => {
    const td = taskDef({ cpu: "512", memory: "1 GB", runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" }, ephemeralStorage: { sizeInGib: 30 } });
    expect(table(price([td, service(td, { desiredCount: 2 })])[1])).toEqual([
      ["Per vCPU per hour (Linux/ARM)", 730, 23.6374],
      ["Per GB per hour (Linux/ARM)", 1460, 5.1976],
      ["Ephemeral storage (above 20 GB)", 14600, 1.6206],
    ]);
  });

  it("a scaling target's maxCapacity is the worst case", () => {
    const td = taskDef();
    const svc = service(td, { desiredCount: 2 });
    const target = record(T.target, "app-scaling", { minCapacity: 2, maxCapacity: 4, resourceId: undefined }, { dependencies: [svc.urn] });
    const r = price([td, svc, target])[1];
    expect(r.monthlyCost).toBe(72.0802); // 2 × (29.5504 + 6.4897)
    expect(r.worstCaseMonthlyCost).toBe(144.1604);
  });

  it("EC2 launch type (AWS's default) is free; Fargate Spot and a missing task definition are not priced", () => {
    const td = taskDef();
    expect(price([td, service(td, { launchType: undefined })])[1]).toMatchObject({ priced: "free", note: expect.stringMatching(/EC2 launch type/) });
    expect(price([td, service(td, { launchType: undefined, capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] })])[1].priced).toBe("not-priced");
    expect(one(record(T.service, "app", { launchType: "FARGATE", desiredCount: 1 }))).toMatchObject({ priced: "not-priced", note: expect.stringMatching(/Task definition/) });
  });
});

describe("EKS", () => {
  it("cluster: 730 h × $0.10 = $73", () => {
    expect(table(one(record(T.eks, "k8s", { version: "1.31" })))).toEqual([["EKS cluster", 730, 73]]);
  });

  it("node group: EKS's defaults (t3.medium, 20 GB gp2) × desired 2; worst case maxSize 3", () => {
    const ng = record(T.nodeGroup, "nodes", { scalingConfig: { desiredSize: 2, minSize: 1, maxSize: 3 } });
    const r = one(ng);
    expect(table(r)).toEqual([
      ["Instance usage (Linux/UNIX, on-demand, t3.medium)", 1460, 60.736],
      ["Root volume: Storage (general purpose SSD, gp2)", 40, 4],
    ]);
    expect(r.worstCaseMonthlyCost).toBe(97.104); // 3 × (30.368 + 2)
    expect(one(ng, { instances: 3 }).monthlyCost).toBe(97.104);
  });

  it("Spot node groups are not priced", () => {
    expect(one(record(T.nodeGroup, "spot", { capacityType: "SPOT", scalingConfig: { desiredSize: 1, minSize: 1, maxSize: 1 } })).priced).toBe("not-priced");
  });
});

describe("ECR and EFS", () => {
  it("ECR: 10 GB × $0.10", () => {
    expect(table(one(record(T.ecr, "images"), { storage_gb: 10 }))).toEqual([["Storage", 10, 1]]);
  });

  it("EFS Standard with IA and 100 MBps provisioned: the golden's 230 GB, 100 GB IA, 50/100 GB IA reads/writes, 88.5 MBps billed", () => {
    const fs = record(T.efs, "shared", { throughputMode: "provisioned", provisionedThroughputInMibps: 100, lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS" }] });
    const r = one(fs, { storage_gb: 230, infrequent_access_storage_gb: 100, monthly_infrequent_access_read_gb: 50, monthly_infrequent_access_write_gb: 100 });
    expect(table(r)).toEqual([
      ["Storage (standard)", 230, 69],
      ["Storage (standard, infrequent access)", 100, 2.5],
      ["Read requests (infrequent access)", 50, 0.5],
      ["Write requests (infrequent access)", 100, 1],
      ["Provisioned throughput", 88.5, 531],
    ]);
  });

  it("One Zone: 230 GB × $0.16", () => {
    expect(table(one(record(T.efs, "oz", { availabilityZoneName: "us-east-1a" }), { storage_gb: 230 }))).toEqual([["Storage (one zone)", 230, 36.8]]);
  });
});

describe("compute and container pieces AWS does not bill are free, with a reason", () => {
  it.each([
    "aws:ecs/cluster:Cluster",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy",
    "aws:eks/addon:Addon",
    "aws:efs/mountTarget:MountTarget",
    "aws:appautoscaling/target:Target",
    "aws:iam/user:User",
    "aws:iam/group:Group",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/accessKey:AccessKey",
    "aws:ec2/keyPair:KeyPair",
  ])("%s", (type) => {
    expect(one(record(type, "x"))).toMatchObject({ priced: "free", note: expect.stringMatching(/free/i) });
  });
});
