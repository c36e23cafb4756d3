/**
 * Database pricers against hand-computed figures from cost/prices/aws-databases.json
 * (several are the Infracost goldens the price file cites): quantity × price = monthly.
 */
import { record, one, price, table } from "./factory";

const T = {
  table: "aws:dynamodb/table:Table",
  db: "aws:rds/instance:Instance",
  cluster: "aws:rds/cluster:Cluster",
  clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  memorydb: "aws:memorydb/cluster:Cluster",
  redshift: "aws:redshift/cluster:Cluster",
  opensearch: "aws:opensearch/domain:Domain",
  elasticsearch: "aws:elasticsearch/domain:Domain",
} as const;

describe("aws:dynamodb/table:Table", () => {
  it("provisioned (the default): 20 WCU × 730 h × $0.00065, 30 RCU × 730 h × $0.00013; storage and PITR from usage", () => {
    const t = record(T.table, "orders", { writeCapacity: 20, readCapacity: 30, pointInTimeRecovery: { enabled: true } });
    expect(table(one(t, { storage_gb: 10, pitr_backup_storage_gb: 10 }))).toEqual([
      ["Write capacity unit (WCU)", 14600, 9.49],
      ["Read capacity unit (RCU)", 21900, 2.847],
      ["Data storage", 10, 2.5],
      ["Point-In-Time Recovery (PITR) backup storage", 10, 2],
    ]);
  });

  it("on-demand: 3M WRUs × $0.625/1M, 8M RRUs × $0.125/1M (the golden's $1.88 and $1.00)", () => {
    const r = one(record(T.table, "orders", { billingMode: "PAY_PER_REQUEST" }), { monthly_write_request_units: 3_000_000, monthly_read_request_units: 8_000_000 });
    expect(table(r).slice(0, 2)).toEqual([
      ["Write request unit (WRU)", 3, 1.875],
      ["Read request unit (RRU)", 8, 1],
    ]);
  });

  it("a global-table replica in us-west-1 bills replicated writes at that region's $0.6967/1M", () => {
    const t = record(T.table, "orders", { billingMode: "PAY_PER_REQUEST", replicas: [{ regionName: "us-west-1" }] });
    const r = one(t, { monthly_write_request_units: 3_000_000 });
    expect(table(r)[2]).toEqual(["Replicated write request unit (rWRU, us-west-1)", 3, 2.0901]);
    expect(r.note).toMatch(/replicas' own storage and reads/);
  });

  it("a replica, a table class or a region without sourced prices is not priced", () => {
    expect(one(record(T.table, "t", { replicas: [{ regionName: "eu-west-1" }], writeCapacity: 1, readCapacity: 1 }))).toMatchObject({ priced: "not-priced", note: "no price for eu-west-1 (global table replicated writes)" });
    expect(one(record(T.table, "t", { tableClass: "STANDARD_INFREQUENT_ACCESS" }))).toMatchObject({ priced: "not-priced" });
    expect(one(record(T.table, "t", { writeCapacity: 1, readCapacity: 1 }), {}, "eu-west-1")).toMatchObject({ priced: "not-priced", note: "no price for eu-west-1" });
    expect(one(record(T.table, "t", { writeCapacity: 1, readCapacity: 1 }), {}, "us-east-2").priced).toBe("priced");
  });
});

describe("aws:rds/instance:Instance", () => {
  it("PostgreSQL db.t3.large Single-AZ, 20 GB gp2: 730 × $0.145 = $105.85; 20 × $0.115", () => {
    const r = one(record(T.db, "db", { engine: "postgres", instanceClass: "db.t3.large", allocatedStorage: 20 }), { additional_backup_storage_gb: 1000 });
    expect(table(r)).toEqual([
      ["Database instance (on-demand, Single-AZ, db.t3.large)", 730, 105.85],
      ["Storage (general purpose SSD, gp2)", 20, 2.3],
      ["Additional backup storage", 1000, 95],
    ]);
  });

  it("MySQL Multi-AZ bills the standby: db.t3.large 730 × 2 × $0.136 = $198.56 and 30 GB twice; db.t4g.small at its listed $0.065", () => {
    const r = one(record(T.db, "db", { engine: "mysql", instanceClass: "db.t3.large", allocatedStorage: 30, multiAz: true }));
    expect(table(r).slice(0, 2)).toEqual([
      ["Database instance (on-demand, Multi-AZ, db.t3.large)", 730, 198.56],
      ["Storage (general purpose SSD, gp2)", 60, 6.9],
    ]);
    expect(one(record(T.db, "db", { engine: "mysql", instanceClass: "db.t4g.small", allocatedStorage: 20, multiAz: true })).costComponents[0].monthlyCost).toBe(47.45);
  });

  it("gp3 at 400 GB includes 12,000 IOPS: 14,000 provisioned bills 2,000 × $0.02; io1 bills at least 100 GB and every IOPS", () => {
    const gp3 = one(record(T.db, "db", { engine: "postgres", instanceClass: "db.m6g.large", allocatedStorage: 400, storageType: "gp3", iops: 14000 }));
    expect(table(gp3).slice(1, 3)).toEqual([
      ["Storage (general purpose SSD, gp3)", 400, 46],
      ["Provisioned GP3 IOPS (above 12000)", 2000, 40],
    ]);
    const io1 = one(record(T.db, "db", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 50, iops: 1000 }));
    expect(table(io1).slice(1, 3)).toEqual([
      ["Storage (provisioned IOPS SSD, io1)", 100, 12.5],
      ["Provisioned IOPS", 1000, 100],
    ]);
  });

  it("an engine, class or storage type without a sourced price is not priced, saying which", () => {
    expect(one(record(T.db, "db", { engine: "oracle-se2", instanceClass: "db.t3.large" })).note).toMatch(/engine oracle-se2 is not in the price file/);
    expect(one(record(T.db, "db", { engine: "mysql", instanceClass: "db.r6g.large" })).note).toBe("No price for mysql db.r6g.large in us-east-1");
    expect(one(record(T.db, "db", { engine: "postgres", instanceClass: "db.t3.large", storageType: "io2", allocatedStorage: 100 })).note).toBe("no price for us-east-1 (io2 storage)");
    expect(one(record(T.db, "db", { engine: "postgres", instanceClass: "db.t3.large" }), {}, "eu-west-1").note).toBe("no price for eu-west-1");
  });
});

describe("Aurora", () => {
  const cluster = record(T.cluster, "aurora", { engine: "aurora-postgresql", serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 8 } });

  it("cluster storage 100 GB × $0.10, 20 I/O per second × 730 h × 3600 s = 52.56M × $0.20, backup 400 GB × $0.021", () => {
    const r = one(cluster, { storage_gb: 100, write_requests_per_sec: 10, read_requests_per_sec: 10, backup_snapshot_size_gb: 400 });
    expect(table(r)).toEqual([
      ["Storage", 100, 10],
      ["I/O requests", 52.56, 10.512],
      ["Backup storage", 400, 8.4],
    ]);
  });

  it("I/O-Optimized: storage at $0.225, no I/O line; sa-east-1 storage at its own $0.19", () => {
    const iopt = record(T.cluster, "aurora", { engine: "aurora-mysql", storageType: "aurora-iopt1" });
    expect(table(one(iopt, { storage_gb: 100 })).slice(0, 1)).toEqual([["Storage (I/O-optimized)", 100, 22.5]]);
    expect(one(iopt, {}).costComponents.map((c) => c.name)).not.toContain("I/O requests");
    expect(table(one(cluster, { storage_gb: 100 }, "sa-east-1"))[0]).toEqual(["Storage", 100, 19]);
  });

  it("a provisioned cluster instance: db.r6g.large 730 × $0.26; in an I/O-Optimized cluster 30 % more", () => {
    const inst = record(T.clusterInstance, "aurora-1", { engine: "aurora-postgresql", instanceClass: "db.r6g.large" }, { dependencies: [cluster.urn] });
    expect(table(price([cluster, inst])[1])).toEqual([["Database instance (on-demand, db.r6g.large)", 730, 189.8]]);
    const iopt = { ...cluster, inputs: { ...cluster.inputs, storageType: "aurora-iopt1" } };
    expect(price([iopt, inst])[1].monthlyCost).toBe(246.74); // 730 × 0.338
  });

  it("Serverless v2: expected at the cluster's minimum (0.5 ACU × 730 h × $0.12), worst case at its maximum (8 ACU); usage sets the average", () => {
    const inst = record(T.clusterInstance, "aurora-1", { engine: "aurora-postgresql", instanceClass: "db.serverless" }, { dependencies: [cluster.urn] });
    const r = price([cluster, inst])[1];
    expect(table(r)).toEqual([["Aurora serverless v2", 365, 43.8]]);
    expect(r.worstCaseMonthlyCost).toBe(700.8);
    const withUsage = price([cluster, inst], [{ match: { type: T.clusterInstance }, usage: { capacity_units_per_hr: 5 } }])[1];
    expect(withUsage.monthlyCost).toBe(438); // the golden's 3,650 ACU-hours
  });

  it("cluster instances outside us-east-1 are not priced; Multi-AZ DB clusters are not Aurora", () => {
    const inst = record(T.clusterInstance, "a", { engine: "aurora-mysql", instanceClass: "db.r6g.large" });
    expect(one(inst, {}, "sa-east-1")).toMatchObject({ priced: "not-priced", note: "no price for sa-east-1" });
    expect(one(record(T.cluster, "maz", { engine: "postgres" })).priced).toBe("not-priced");
  });
});

describe("MemoryDB, Redshift, OpenSearch", () => {
  it("MemoryDB: only an approximate us-west-2 table: 2 shards × (1 + 1) = 4 × 730 h × $0.412", () => {
    const m = record(T.memorydb, "sessions", { nodeType: "db.r7g.large", numShards: 2, numReplicasPerShard: 1 });
    const r = one(m, {}, "us-west-2");
    expect(table(r)).toEqual([["MemoryDB (on-demand, db.r7g.large)", 2920, 1203.04]]);
    expect(r.note).toMatch(/approximate/);
    expect(one(m)).toMatchObject({ priced: "not-priced", note: "no price for us-east-1" });
  });

  it("Redshift: 2 × ra3.4xlarge × 730 h × $3.26 + 1,000 GB managed storage × $0.024", () => {
    expect(table(one(record(T.redshift, "dw", { nodeType: "ra3.4xlarge", numberOfNodes: 2 }), { managed_storage_gb: 1000 }))).toEqual([
      ["Cluster usage (on-demand, ra3.4xlarge)", 1460, 4759.6],
      ["Managed storage (ra3.4xlarge)", 1000, 24],
    ]);
    expect(one(record(T.redshift, "dw", { nodeType: "ra3.large" })).priced).toBe("not-priced");
  });

  it("OpenSearch: 3 × m5.large.search, 3 dedicated masters c5.large.search, 100 GB gp2 per data node", () => {
    const d = record(T.opensearch, "search", {
      clusterConfig: { instanceType: "m5.large.search", instanceCount: 3, dedicatedMasterEnabled: true, dedicatedMasterType: "c5.large.search", dedicatedMasterCount: 3 },
      ebsOptions: { ebsEnabled: true, volumeSize: 100, volumeType: "gp2" },
    });
    expect(table(one(d))).toEqual([
      ["Instance (on-demand, m5.large.search)", 2190, 310.98],
      ["Dedicated master (on-demand, c5.large.search)", 2190, 273.75],
      ["Storage (gp2)", 300, 40.5],
    ]);
  });

  it("the golden's 3 × c4.2xlarge.search = 2,190 h × $0.587; Elasticsearch names map to the same prices; gp3 storage has no price", () => {
    const es = record(T.elasticsearch, "legacy", { clusterConfig: { instanceType: "c4.2xlarge.elasticsearch", instanceCount: 3 }, ebsOptions: { ebsEnabled: true, volumeSize: 10, volumeType: "gp3" } });
    const r = one(es);
    expect(r.costComponents[0]).toMatchObject({ name: "Instance (on-demand, c4.2xlarge.search)", monthlyCost: 1285.53 });
    expect(r.costComponents[1]).toMatchObject({ name: "Storage (gp3)", monthlyCost: null, note: "No sourced price for OpenSearch gp3 storage" });
  });
});

describe("database pieces AWS does not bill are free, with a reason", () => {
  it.each([
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "aws:rds/optionGroup:OptionGroup",
    "aws:redshift/subnetGroup:SubnetGroup",
    "aws:memorydb/subnetGroup:SubnetGroup",
  ])("%s", (type) => {
    expect(one(record(type, "x"))).toMatchObject({ priced: "free", note: expect.stringMatching(/free/) });
  });
});
