/**
 * The Pulumi program: turns a checked `StackConfig` into components. It declares resources
 * only; reading and checking config happens before, in `config.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import { App } from "../components/app";
import { Cache } from "../components/cache";
import { Cdn } from "../components/cdn";
import { Drills } from "../components/drills";
import { NeonDatabase } from "../components/neon";
import { Network } from "../components/network";
import { Observability } from "../components/observability";
import { Queue } from "../components/queue";
import { Storage } from "../components/storage";
import type { StackConfig } from "./config";
import { drillsFor } from "./drills";
import { tagResources } from "./tags";

/** What `pulumi stack output` shows. */
export interface StackOutputs {
  readonly milestone: string;
  /** Where users reach the app: CloudFront, else the ALB, else the instance (see the ASG). */
  readonly url: pulumi.Output<string> | string;
  readonly alertTopicArn: pulumi.Output<string>;
  readonly cacheEndpoint?: pulumi.Output<string>;
  readonly cacheAuthToken?: pulumi.Output<string>;
  readonly queueUrl?: pulumi.Output<string>;
  readonly filesBucket?: pulumi.Output<string>;
  /** Connection string the app uses (pooled where the milestone says so); secret. */
  readonly databaseUrl: pulumi.Output<string>;
  /** FIS experiment template id per drill id, for `aws fis start-experiment` (see docs/runbooks). */
  readonly drillTemplateIds: Record<string, pulumi.Output<string>>;
}

/** ElastiCache ids: ≤ 40 chars, lowercase letters, digits and hyphens, starting with a letter. */
export function cacheGroupId(project: string, stack: string): string {
  return `${project}-${stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").slice(0, 40).replace(/-$/, "");
}

export function defineStack(cfg: StackConfig): StackOutputs {
  const { profile } = cfg;
  const baseTags = { project: cfg.project, stack: cfg.stack, milestone: cfg.milestone };
  const opts = (component: string, extra: pulumi.ComponentResourceOptions = {}): pulumi.ComponentResourceOptions => ({
    transformations: [tagResources(baseTags, component)],
    ...extra,
  });

  const network = new Network("net", profile.network, opts("network"));

  const app = new App("app", {
    spec: profile.app,
    vpcId: network.vpcId,
    vpcCidrBlock: profile.network.cidrBlock,
    subnetIds: network.publicSubnetIds,
    certificateArn: cfg.certificateArn,
  }, opts("app"));

  const queue = profile.queue.enabled
    ? new Queue("jobs", { spec: profile.queue, vpcId: network.vpcId, subnetIds: network.publicSubnetIds, protectQueues: cfg.protectData }, opts("queue"))
    : undefined;

  // A cache with snapshots holds data worth keeping: protect it where data is protected.
  const cache = profile.cache.tier !== "none"
    ? new Cache("cache", {
      spec: profile.cache,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      clientSecurityGroupIds: [app.securityGroupId, ...(queue ? [queue.securityGroupId] : [])],
      replicationGroupId: cacheGroupId(cfg.project, cfg.stack),
    }, opts("cache", { protect: cfg.protectData && profile.cache.snapshotRetentionDays > 0 }))
    : undefined;

  const cdn = profile.cdn.mode !== "none"
    ? new Cdn("cdn", {
      spec: profile.cdn,
      apiOriginDomain: app.loadBalancer?.dnsName,
      apiOriginHttps: cfg.certificateArn !== undefined,
    }, opts("cdn"))
    : undefined;

  const storage = profile.storage.userFiles
    ? new Storage("storage", { spec: profile.storage }, opts("storage", { protect: cfg.protectData }))
    : undefined;

  // Neon Postgres through our dynamic provider. Every app instance and worker may hold a pool.
  const database = new NeonDatabase("db", {
    spec: profile.database,
    appMaxInstances: profile.app.maxInstances + (profile.queue.enabled ? profile.queue.maxWorkers : 0),
    apiKey: cfg.neonApiKey ?? process.env.NEON_API_KEY ?? "",
    protect: cfg.protectData,
  }, opts("neon"));

  const observability = new Observability("obs", {
    slo: profile.slo,
    alertEmail: cfg.alertEmail,
    logRetentionDays: profile.observability.logRetentionDays,
    dashboard: profile.observability.dashboard,
    approvedMonthlyUsd: profile.costBand.approvedUsd,
    stack: cfg.stack,
    alarmNamePrefix: `${cfg.project}-${cfg.stack}`,
    appGroupName: app.fleet.group.name,
    appMinInstances: profile.app.minInstances,
    loadBalancer: app.loadBalancer && app.targetGroup
      ? { arnSuffix: app.loadBalancer.arnSuffix, targetGroupArnSuffix: app.targetGroup.arnSuffix }
      : undefined,
    cacheNodeIds: cache?.nodeIds,
    serverlessCache: cache?.serverlessCache
      ? { name: cacheGroupId(cfg.project, cfg.stack), maxDataGb: profile.cache.serverlessMaxDataGb, maxEcpuPerSecond: profile.cache.serverlessMaxEcpuPerSecond }
      : undefined,
    queue: queue ? { name: queue.queue.name, deadLetterName: queue.deadLetterQueue.name } : undefined,
  }, opts("observability"));

  // Resilience drills: FIS experiment templates, declared only (never started by `pulumi up`).
  const drills = drillsFor(profile);
  const drillTemplates = drills.length === 0 ? undefined : new Drills("drills", {
    drills,
    stack: cfg.stack,
    namePrefix: `${cfg.project}-${cfg.stack}`,
    targetTags: { project: cfg.project, stack: cfg.stack },
    stopAlarmArns: observability.slo.fastBurnWindows.map((alarm) => alarm.arn),
    logRetentionDays: profile.observability.logRetentionDays,
    cache: cache ? { replicationGroupId: cacheGroupId(cfg.project, cfg.stack) } : undefined,
  }, opts("drills"));

  return {
    milestone: cfg.milestone,
    url: cdn
      ? pulumi.interpolate`https://${cdn.distribution.domainName}`
      : app.loadBalancer
        ? pulumi.interpolate`${cfg.certificateArn ? "https" : "http"}://${app.loadBalancer.dnsName}`
        : "(the app instance's public IP: see the Auto Scaling group)",
    alertTopicArn: observability.topic.arn,
    cacheEndpoint: cache?.endpoint,
    cacheAuthToken: cache?.authToken,
    queueUrl: queue?.queue.url,
    filesBucket: storage?.files.bucket.bucket,
    databaseUrl: database.appConnectionUri,
    drillTemplateIds: Object.fromEntries(Object.entries(drillTemplates?.templates ?? {}).map(([id, t]) => [id, t.id])),
  };
}
