import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { REBUILDABLE_TAG } from "../model/resourceTypes";
import { CACHE_MAINTENANCE_WINDOW, CACHE_PORT, cacheNodeIds, SERVERLESS_ENGINES, type CacheSpec } from "./cacheSpec";

export interface CacheArgs {
  /** The milestone's cache tier; must not be "none" (no managed cache then). */
  readonly spec: CacheSpec;
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets, one per zone. */
  readonly subnetIds: pulumi.Input<string>[];
  /** Security groups allowed to connect (the app's, the workers'). Nothing else is. */
  readonly clientSecurityGroupIds: pulumi.Input<string>[];
  /** Deterministic replication group id (≤ 40 chars), so node ids and alarms are known. */
  readonly replicationGroupId: string;
  /** Where ElastiCache sends failover and maintenance events. */
  readonly notificationTopicArn?: pulumi.Input<string>;
}

/**
 * An ElastiCache (Valkey or Redis OSS) cache for the tier, reachable only from the given client
 * security groups, encrypted at rest and in transit, with a password from @pulumi/random kept
 * secret. Nodes: a replication group (single node; primary + replicas with automatic failover,
 * Multi-AZ and snapshots; or cluster mode with shards × (1 + replicas)). Serverless: a
 * serverless cache with usage ceilings and an RBAC user group holding the app's user.
 */
export class Cache extends pulumi.ComponentResource {
  /** The node-based replication group (undefined when serverless). */
  readonly replicationGroup?: aws.elasticache.ReplicationGroup;
  /** The serverless cache (undefined when node-based). */
  readonly serverlessCache?: aws.elasticache.ServerlessCache;
  readonly securityGroupId: pulumi.Output<string>;
  /** Endpoint clients connect to (configuration endpoint in cluster mode). */
  readonly endpoint: pulumi.Output<string>;
  readonly authToken: pulumi.Output<string>;
  /** Node ids (none for serverless). */
  readonly nodeIds: string[];

  constructor(name: string, args: CacheArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:cache:Cache", name, {}, opts);
    const { spec } = args;
    if (spec.tier === "none") throw new Error(`Cache "${name}": tier "none" has no managed cache; do not declare the component`);
    const child = { parent: this };

    const sg = new aws.ec2.SecurityGroup(name, {
      vpcId: args.vpcId,
      description: "Cache: clients' security groups only",
      ingress: [{ protocol: "tcp", fromPort: CACHE_PORT, toPort: CACHE_PORT, securityGroups: args.clientSecurityGroupIds, description: "cache clients" }],
    }, child);
    this.securityGroupId = sg.id;
    // Passwords allow 16-128 printable characters without / " @; alphanumeric avoids them all.
    const token = new random.RandomPassword(`${name}-auth`, { length: 40, special: false }, child);
    // Without snapshots the cache holds only derived data: losing it loses nothing.
    const tags = spec.snapshotRetentionDays === 0 ? { tags: { [REBUILDABLE_TAG.key]: REBUILDABLE_TAG.value } } : {};

    if (spec.deployment === "serverless") {
      this.serverlessCache = this.serverless(name, args, sg.id, token, tags);
      this.endpoint = this.serverlessCache.endpoints.apply((e) => e?.[0]?.address ?? "");
    } else {
      this.replicationGroup = this.nodes(name, args, sg.id, token, tags);
      this.endpoint = spec.tier === "cluster" ? this.replicationGroup.configurationEndpointAddress : this.replicationGroup.primaryEndpointAddress;
    }
    this.authToken = pulumi.secret(token.result);
    this.nodeIds = cacheNodeIds(args.replicationGroupId, spec);
    this.registerOutputs({ endpoint: this.endpoint, securityGroupId: this.securityGroupId });
  }

  private nodes(name: string, args: CacheArgs, sgId: pulumi.Output<string>, token: random.RandomPassword, tags: { tags?: Record<string, string> }): aws.elasticache.ReplicationGroup {
    const { spec } = args;
    const clustered = spec.tier === "cluster";
    const withReplicas = spec.replicasPerShard > 0;
    const subnetGroup = new aws.elasticache.SubnetGroup(name, { subnetIds: args.subnetIds, description: `${name} private subnets` }, { parent: this });
    const family = spec.engine === "valkey" ? `valkey${spec.engineVersion.split(".")[0]}` : `redis${spec.engineVersion.split(".")[0]}`;
    return new aws.elasticache.ReplicationGroup(name, {
      replicationGroupId: args.replicationGroupId,
      description: `CutList ${spec.tier} cache`,
      engine: spec.engine,
      engineVersion: spec.engineVersion,
      nodeType: spec.nodeType,
      port: CACHE_PORT,
      parameterGroupName: `default.${family}${clustered ? ".cluster.on" : ""}`,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [sgId],
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      authToken: token.result,
      clusterMode: clustered ? "enabled" : "disabled",
      ...(clustered
        ? { numNodeGroups: spec.shards, replicasPerNodeGroup: spec.replicasPerShard }
        : { numCacheClusters: 1 + spec.replicasPerShard }),
      automaticFailoverEnabled: clustered || withReplicas,
      multiAzEnabled: withReplicas,
      snapshotRetentionLimit: spec.snapshotRetentionDays,
      snapshotWindow: spec.snapshotRetentionDays > 0 ? spec.snapshotWindow : undefined,
      maintenanceWindow: CACHE_MAINTENANCE_WINDOW.label,
      autoMinorVersionUpgrade: true,
      notificationTopicArn: args.notificationTopicArn,
      applyImmediately: false,
      ...tags,
    }, { parent: this, additionalSecretOutputs: ["authToken"] });
  }

  private serverless(name: string, args: CacheArgs, sgId: pulumi.Output<string>, token: random.RandomPassword, tags: { tags?: Record<string, string> }): aws.elasticache.ServerlessCache {
    const { spec } = args;
    const engine = SERVERLESS_ENGINES[spec.engine];
    // RBAC: the app's user with the generated password, in a group of its own.
    const user = new aws.elasticache.User(`${name}-app`, {
      userId: `${args.replicationGroupId}-app`.slice(0, 40),
      userName: "cutlist-app",
      engine: engine.engine,
      accessString: "on ~* +@all",
      authenticationMode: { type: "password", passwords: [token.result] },
    }, { parent: this, additionalSecretOutputs: ["passwords", "authenticationMode"] });
    const group = new aws.elasticache.UserGroup(name, {
      userGroupId: `${args.replicationGroupId}-users`.slice(0, 40),
      engine: engine.engine,
      userIds: [user.userId],
    }, { parent: this });
    return new aws.elasticache.ServerlessCache(name, {
      name: args.replicationGroupId,
      description: `CutList ${spec.tier} cache (serverless)`,
      engine: engine.engine,
      majorEngineVersion: engine.majorVersion,
      cacheUsageLimits: {
        dataStorage: { maximum: spec.serverlessMaxDataGb, unit: "GB" },
        ecpuPerSeconds: [{ maximum: spec.serverlessMaxEcpuPerSecond }],
      },
      subnetIds: args.subnetIds,
      securityGroupIds: [sgId],
      userGroupId: group.userGroupId,
      snapshotRetentionLimit: spec.snapshotRetentionDays,
      dailySnapshotTime: spec.snapshotRetentionDays > 0 ? spec.snapshotWindow.split("-")[0] : undefined,
      ...tags,
    }, { parent: this });
  }
}
