/**
 * The real program under Pulumi's mock runtime, for every milestone of both stacks: the
 * resource inventory and the key properties of each tier.
 */
import { MILESTONE_IDS, MILESTONES, type MilestoneId } from "../../stacks/milestones";
import { REQUIRED_TAG_KEYS } from "../../stacks/tags";
import { tagShape } from "../../model/resourceTypes";
import type { Recording } from "../../model/records";
import { STACKS, inputs, ofType, one, record, recorded } from "../helpers";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  nat: "aws:ec2/natGateway:NatGateway",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  policy: "aws:autoscaling/policy:Policy",
  alb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  cache: "aws:elasticache/replicationGroup:ReplicationGroup",
  serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
  cacheUser: "aws:elasticache/user:User",
  cacheUserGroup: "aws:elasticache/userGroup:UserGroup",
  password: "random:index/randomPassword:RandomPassword",
  cdn: "aws:cloudfront/distribution:Distribution",
  cfFunction: "aws:cloudfront/function:Function",
  bucket: "aws:s3/bucket:Bucket",
  publicBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  queue: "aws:sqs/queue:Queue",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
};

const cases = STACKS.flatMap((stack) => MILESTONE_IDS.map((m) => [stack, m] as [string, MilestoneId]));

describe.each(cases)("%s at %s", (stack, m) => {
  const spec = MILESTONES[m];
  let recording: Recording;
  beforeAll(async () => {
    recording = await recorded(stack, m);
  });
  const rec = () => recording;

  test("network: one VPC over two zones, no NAT gateway", () => {
    expect(ofType(rec(), T.vpc)).toHaveLength(1);
    expect(ofType(rec(), T.subnet)).toHaveLength(4);
    expect(ofType(rec(), T.nat)).toHaveLength(0);
  });

  test("app: instance type and counts, IMDSv2, encrypted gp3 root", () => {
    const asg = one(rec(), T.asg, "app");
    expect(inputs(asg).minSize).toBe(spec.app.minInstances);
    expect(inputs(asg).maxSize).toBe(spec.app.maxInstances);
    const lt = one(rec(), T.lt, "app");
    expect(inputs(lt).instanceType).toBe(spec.app.instanceType);
    expect(inputs(lt).imageId).toMatch(/al2023-ami-kernel-default-arm64$/);
    expect(inputs(lt).metadataOptions.httpTokens).toBe("required");
    expect(inputs(lt).blockDeviceMappings[0].ebs).toMatchObject({ volumeType: "gp3", encrypted: "true", volumeSize: spec.app.rootVolumeGb });
    expect(asg.dependencies).toContain(lt.urn);
  });

  test("app: ALB only where the milestone has one, listeners, scaling policies", () => {
    expect(ofType(rec(), T.alb)).toHaveLength(spec.app.loadBalancer ? 1 : 0);
    expect(ofType(rec(), T.listener)).toHaveLength(spec.app.loadBalancer ? 1 : 0);
    const policies = ofType(rec(), T.policy).filter((p) => p.component === "app");
    const expected = spec.app.maxInstances > spec.app.minInstances
      ? [spec.app.autoscaling.cpuTargetPercent, spec.app.autoscaling.requestsPerTargetPerMinute].filter((v) => v !== null)
      : [];
    expect(policies.map((p) => inputs(p).targetTrackingConfiguration.targetValue).sort()).toEqual([...expected].sort());
    const entry = spec.app.loadBalancer ? one(rec(), T.sg, "app-alb") : one(rec(), T.sg, "app-instances");
    expect(inputs(entry).ingress.map((r: any) => r.fromPort)).toEqual([80]);
    if (spec.app.loadBalancer) {
      const instances = one(rec(), T.sg, "app-instances");
      expect(inputs(instances).ingress.every((r: any) => !r.cidrBlocks)).toBe(true);
    }
  });

  test("cache: topology of the tier, encrypted, AUTH token", () => {
    const groups = ofType(rec(), T.cache);
    const serverless = ofType(rec(), T.serverlessCache);
    if (spec.cache.tier === "none") {
      expect([groups, serverless]).toEqual([[], []]);
      return;
    }
    if (spec.cache.deployment === "serverless") {
      // Always encrypted at rest and in transit; usage ceilings; RBAC user with the generated password.
      expect(groups).toHaveLength(0);
      expect(serverless).toHaveLength(1);
      const sc = inputs(serverless[0]);
      expect(sc).toMatchObject({
        engine: spec.cache.engine,
        cacheUsageLimits: { dataStorage: { maximum: spec.cache.serverlessMaxDataGb, unit: "GB" }, ecpuPerSeconds: [{ maximum: spec.cache.serverlessMaxEcpuPerSecond }] },
        snapshotRetentionLimit: spec.cache.snapshotRetentionDays,
      });
      const user = one(rec(), T.cacheUser);
      expect(user.dependencies).toContain(one(rec(), T.password).urn);
      expect(user.additionalSecretOutputs).toContain("passwords");
      expect(serverless[0].dependencies).toContain(one(rec(), T.cacheUserGroup).urn);
      const sg = one(rec(), T.sg, "cache");
      expect(inputs(sg).ingress).toHaveLength(1);
      expect(inputs(sg).ingress[0].cidrBlocks).toBeUndefined();
      return;
    }
    const rg = inputs(groups[0]);
    expect(rg).toMatchObject({ engine: spec.cache.engine, nodeType: spec.cache.nodeType, atRestEncryptionEnabled: true, transitEncryptionEnabled: true });
    // The token is random, so unknown at preview; it comes from the password resource.
    expect(groups[0].dependencies).toContain(one(rec(), T.password).urn);
    expect("authToken" in rg).toBe(true);
    expect(groups[0].additionalSecretOutputs).toContain("authToken");
    if (spec.cache.tier === "cluster") {
      expect(rg).toMatchObject({ clusterMode: "enabled", numNodeGroups: spec.cache.shards, replicasPerNodeGroup: spec.cache.replicasPerShard, automaticFailoverEnabled: true });
    } else {
      expect(rg).toMatchObject({ clusterMode: "disabled", numCacheClusters: 1 + spec.cache.replicasPerShard });
      expect(rg.automaticFailoverEnabled).toBe(spec.cache.tier === "replicated");
    }
    expect(rg.snapshotRetentionLimit).toBe(spec.cache.snapshotRetentionDays);
    const cacheSg = one(rec(), T.sg, "cache");
    expect(inputs(cacheSg).ingress).toHaveLength(1);
    expect(inputs(cacheSg).ingress[0].cidrBlocks).toBeUndefined();
  });

  test("cdn: behaviours per mode, HTTPS redirect, private origin", () => {
    const dists = ofType(rec(), T.cdn);
    if (spec.cdn.mode === "none") {
      expect(dists).toHaveLength(0);
      return;
    }
    const d = inputs(dists[0]);
    expect(d.defaultCacheBehavior.viewerProtocolPolicy).toBe("redirect-to-https");
    expect(d.origins[0].originId).toBe("assets");
    const paths = (d.orderedCacheBehaviors ?? []).map((b: any) => b.pathPattern);
    const apiPaths = spec.cdn.mode === "static" || spec.cdn.apiRouting === "none" ? [] : spec.cdn.apiRouting === "cacheable" ? spec.cdn.cacheableApiPaths : ["/api/*"];
    expect(paths).toEqual(apiPaths);
    expect(ofType(rec(), T.cfFunction)).toHaveLength(spec.cdn.mode === "edge" && spec.cdn.edgeFunction ? 1 : 0);
    expect(d.httpVersion).toBe(spec.cdn.mode === "edge" ? "http2and3" : "http2");
  });

  test("queue: SQS with DLQ and redrive only at m4, workers scale on backlog", () => {
    const queues = ofType(rec(), T.queue);
    if (!spec.queue.enabled) {
      expect(queues).toHaveLength(0);
      return;
    }
    expect(queues).toHaveLength(2);
    for (const q of queues) expect(inputs(q).sqsManagedSseEnabled).toBe(true);
    // The redrive policy names the DLQ's ARN, unknown until it exists.
    const main = one(rec(), T.queue, "jobs");
    expect("redrivePolicy" in inputs(main)).toBe(true);
    expect(main.dependencies).toContain(one(rec(), T.queue, "jobs-dlq").urn);
    const backlog = inputs(one(rec(), T.policy, "jobs-backlog"));
    expect(backlog.targetTrackingConfiguration.targetValue).toBe(spec.queue.backlogPerWorker);
    expect(inputs(one(rec(), T.asg, "jobs-workers"))).toMatchObject({ minSize: spec.queue.minWorkers, maxSize: spec.queue.maxWorkers });
  });

  test("storage: every bucket private and encrypted; user files only from m4", () => {
    const buckets = ofType(rec(), T.bucket);
    const expected = (spec.cdn.mode !== "none" ? 1 : 0) + (spec.storage.userFiles ? 1 : 0);
    expect(buckets).toHaveLength(expected);
    expect(ofType(rec(), T.publicBlock)).toHaveLength(expected);
    for (const b of ofType(rec(), T.publicBlock)) {
      expect(inputs(b)).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    }
    expect(ofType(rec(), T.sse)).toHaveLength(expected);
    const files = buckets.find((b) => b.name === "storage-files");
    expect(files !== undefined).toBe(spec.storage.userFiles);
    expect(files?.protect ?? false).toBe(spec.storage.userFiles && stack === "prod");
  });

  test("database: Neon project with the catalog's CU range, a read replica only at m4", () => {
    const project = one(rec(), "pulumi-nodejs:dynamic/neon:Project");
    expect(inputs(project)).toMatchObject({ plan: spec.database.plan, minCu: spec.database.minCu, maxCu: spec.database.maxCu });
    expect(inputs(project).apiKey).toBe("[secret]");
    expect(project.protect).toBe(stack === "prod");
    const replicas = ofType(rec(), "pulumi-nodejs:dynamic/neon:Endpoint").filter((e) => inputs(e).type === "read_only");
    expect(replicas).toHaveLength(spec.database.readReplicas);
    for (const r of replicas) expect(inputs(r)).toMatchObject({ minCu: spec.database.replicaMinCu, maxCu: spec.database.replicaMaxCu });
  });

  test("observability: alerts topic with the e-mail, latency SLO alarm, only pages notify", () => {
    expect(ofType(rec(), T.topic)).toHaveLength(1);
    expect(inputs(one(rec(), T.subscription)).protocol).toBe("email");
    const alarms = new Map(ofType(rec(), T.alarm).map((a) => [a.name, inputs(a)]));
    // Causes and SLO windows feed composite alarms and notify nobody (test/stacks/operations.test.ts
    // checks the composites); queue alarms, and m1's in-service alarm, page on their own.
    const pagesAlone = new Set(["obs-queue-age", "obs-dlq-depth", ...(spec.app.loadBalancer ? [] : ["obs-app-in-service"])]);
    for (const [name, a] of alarms) {
      const expected = pagesAlone.has(name) ? 1 : 0;
      expect({ name, alarm: (a.alarmActions ?? []).length, ok: (a.okActions ?? []).length }).toEqual({ name, alarm: expected, ok: expected });
    }
    // The latency objective: ALB TargetResponseTime in seconds, or the access log's LatencyMs at m1.
    expect(alarms.get("obs-p95-latency")).toMatchObject({
      extendedStatistic: "p95",
      threshold: spec.app.loadBalancer ? spec.slo.p95LatencyMs / 1000 : spec.slo.p95LatencyMs,
      metricName: spec.app.loadBalancer ? "TargetResponseTime" : "LatencyMs",
    });
    expect(alarms.has("obs-unhealthy-hosts")).toBe(spec.app.loadBalancer);
    expect(alarms.has("obs-cache-evictions")).toBe(spec.cache.tier !== "none");
    expect(alarms.has("obs-dlq-depth")).toBe(spec.queue.enabled);
    const retention = stack === "dev" ? 7 : spec.observability.logRetentionDays;
    expect(inputs(one(rec(), T.logGroup, "obs-app")).retentionInDays).toBe(retention);
    expect(ofType(rec(), T.dashboard)).toHaveLength(stack === "dev" || !spec.observability.dashboard ? 0 : 1);
  });

  test("tags: every taggable resource carries project, stack, milestone and component", () => {
    for (const r of rec().resources.filter((x) => tagShape(x.type) === "map")) {
      const tags = inputs(r).tags;
      for (const key of REQUIRED_TAG_KEYS) expect({ urn: r.urn, key, value: tags?.[key] }).toEqual({ urn: r.urn, key, value: expect.any(String) });
      expect(tags).toMatchObject({ project: "cutlist", stack, milestone: m, component: r.component });
    }
    for (const r of ofType(rec(), T.asg)) {
      expect(inputs(r).tags.map((t: any) => t.key)).toEqual(expect.arrayContaining([...REQUIRED_TAG_KEYS]));
    }
  });
});

test("every AWS resource type the program declares is classified as taggable or not", async () => {
  // Types without a tags argument; a new type must be added to one list or the other.
  const untaggable = new Set([
    "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/route:Route",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/rolePolicy:RolePolicy",
    "aws:autoscaling/policy:Policy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketPolicy:BucketPolicy", "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
    "aws:sns/topicSubscription:TopicSubscription", "aws:sns/topicPolicy:TopicPolicy", "aws:cloudwatch/dashboard:Dashboard",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    "aws:cloudfront/originAccessControl:OriginAccessControl", "aws:cloudfront/cachePolicy:CachePolicy",
    "aws:cloudfront/function:Function", "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
  ]);
  const recordings = await Promise.all(cases.map(([stack, m]) => recorded(stack, m)));
  const types = new Set(recordings.flatMap((r) => r.resources.filter((x) => x.custom && x.type.startsWith("aws:")).map((x) => x.type)));
  for (const type of types) expect({ type, classified: tagShape(type) !== undefined || untaggable.has(type) }).toEqual({ type, classified: true });
});

test("prod protects data; dev does not", async () => {
  const prod = await recorded("prod", "m4");
  const dev = await recorded("dev", "m4");
  expect(one(prod, T.serverlessCache).protect).toBe(true);
  expect(one(dev, T.serverlessCache).protect).toBe(false);
});

test("a certificate adds an HTTPS listener with a TLS 1.2+ policy and a redirect on port 80", async () => {
  const arn = "arn:aws:acm:us-east-1:123456789012:certificate/0d2a5a3e-1111-2222-3333-444455556666";
  const rec = await record("prod", "m3", { "cutlist:certificateArn": arn });
  const listeners = new Map(ofType(rec, T.listener).map((l) => [inputs(l).port, inputs(l)]));
  expect(listeners.get(443)).toMatchObject({ protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: arn });
  expect(listeners.get(80)?.defaultActions[0]).toMatchObject({ type: "redirect", redirect: { protocol: "HTTPS", statusCode: "HTTP_301" } });
});

test("an override reaches the resources: NAT gateway on request, more instances", async () => {
  const rec = await record("prod", "m3", { "cutlist:overrides": JSON.stringify({ network: { natGateway: true }, app: { maxInstances: 6 } }) });
  expect(ofType(rec, T.nat)).toHaveLength(1);
  expect(inputs(one(rec, T.asg, "app")).maxSize).toBe(6);
});
