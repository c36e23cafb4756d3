import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { REBUILDABLE_TAG } from "../model/resourceTypes";
import { CACHE_MAINTENANCE_WINDOW, CACHE_PORT, cacheNodeIds, type CacheSpec } from "./cacheSpec";

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
 * An ElastiCache (Valkey or Redis OSS) replication group for the tier: single node; primary +
 * replicas with automatic failover, Multi-AZ and snapshots; or cluster mode with shards ×
 * (1 + replicas). Encrypted at rest and in transit, AUTH token from @pulumi/random kept
 * secret, reachable only from the given client security groups.
 */
export class Cache extends pulumi.ComponentResource {
  readonly replicationGroup: aws.elasticache.ReplicationGroup;
  readonly securityGroupId: pulumi.Output<string>;
  /** Endpoint clients connect to (configuration endpoint in cluster mode). */
  readonly endpoint: pulumi.Output<string>;
  readonly authToken: pulumi.Output<string>;
  readonly nodeIds: string[];

  constructor(name: string, args: CacheArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:cache:Cache", name, {}, opts);
    const { spec } = args;
    if (spec.tier === "none") throw new Error(`Cache "${name}": tier "none" has no managed cache; do not declare the component`);
    const child = { parent: this };
    const clustered = spec.tier === "cluster";
    const withReplicas = spec.replicasPerShard > 0;

    const sg = new aws.ec2.SecurityGroup(name, {
      vpcId: args.vpcId,
      description: "Cache: clients' security groups only",
      ingress: [{ protocol: "tcp", fromPort: CACHE_PORT, toPort: CACHE_PORT, securityGroups: args.clientSecurityGroupIds, description: "cache clients" }],
    }, child);
    this.securityGroupId = sg.id;
    const subnetGroup = new aws.elasticache.SubnetGroup(name, { subnetIds: args.subnetIds, description: `${name} private subnets` }, child);
    // AUTH tokens allow 16-128 printable characters without / " @; alphanumeric avoids them all.
    const token = new random.RandomPassword(`${name}-auth`, { length: 40, special: false }, child);

    const family = spec.engine === "valkey" ? `valkey${spec.engineVersion.split(".")[0]}` : `redis${spec.engineVersion.split(".")[0]}`;
    this.replicationGroup = new aws.elasticache.ReplicationGroup(name, {
      replicationGroupId: args.replicationGroupId,
      description: `CutList ${spec.tier} cache`,
      engine: spec.engine,
      engineVersion: spec.engineVersion,
      nodeType: spec.nodeType,
      port: CACHE_PORT,
      parameterGroupName: `default.${family}${clustered ? ".cluster.on" : ""}`,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [sg.id],
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
      // Without snapshots the cache holds only derived data: losing it loses nothing.
      ...(spec.snapshotRetentionDays === 0 ? { tags: { [REBUILDABLE_TAG.key]: REBUILDABLE_TAG.value } } : {}),
    }, { parent: this, additionalSecretOutputs: ["authToken"] });

    this.endpoint = clustered ? this.replicationGroup.configurationEndpointAddress : this.replicationGroup.primaryEndpointAddress;
    this.authToken = pulumi.secret(token.result);
    this.nodeIds = cacheNodeIds(args.replicationGroupId, spec);
    this.registerOutputs({ endpoint: this.endpoint, securityGroupId: this.securityGroupId });
  }
}
