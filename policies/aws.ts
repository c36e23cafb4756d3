/**
 * The @pulumi/aws resource classes the policies validate, as `validateResourceOfType` sees a
 * class: its type token (`__pulumiType`), which is all @pulumi/policy reads from it (for
 * `isType` and to skip other types fast).
 *
 * The pack does not import @pulumi/aws itself: `pulumi preview --policy-pack` runs the pack
 * through ts-node with type checking, and @pulumi/aws brings ~3,000 declaration files
 * (11 MB of input/output types) that take seconds to parse at every start. A test checks
 * each token against the real class.
 */
import type { Resource } from "@pulumi/pulumi";

/** A resource class reduced to its type token, typed so `validateResourceOfType` accepts it. */
export type ResourceClass = { new (name: string, args: Record<string, unknown>, ...rest: any[]): Resource; readonly __pulumiType: string };

function resourceClass(token: string): ResourceClass {
  return { __pulumiType: token } as unknown as ResourceClass;
}

export const aws = {
  autoscaling: { Group: resourceClass("aws:autoscaling/group:Group") },
  alb: { Listener: resourceClass("aws:alb/listener:Listener") },
  cloudfront: { Distribution: resourceClass("aws:cloudfront/distribution:Distribution") },
  ebs: { Volume: resourceClass("aws:ebs/volume:Volume") },
  ec2: {
    DefaultSecurityGroup: resourceClass("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"),
    Instance: resourceClass("aws:ec2/instance:Instance"),
    LaunchConfiguration: resourceClass("aws:ec2/launchConfiguration:LaunchConfiguration"),
    LaunchTemplate: resourceClass("aws:ec2/launchTemplate:LaunchTemplate"),
    SpotInstanceRequest: resourceClass("aws:ec2/spotInstanceRequest:SpotInstanceRequest"),
  },
  elasticache: {
    Cluster: resourceClass("aws:elasticache/cluster:Cluster"),
    ReplicationGroup: resourceClass("aws:elasticache/replicationGroup:ReplicationGroup"),
  },
  lambda: { FunctionUrl: resourceClass("aws:lambda/functionUrl:FunctionUrl") },
  lb: { Listener: resourceClass("aws:lb/listener:Listener") },
  memorydb: { Cluster: resourceClass("aws:memorydb/cluster:Cluster") },
  rds: {
    Cluster: resourceClass("aws:rds/cluster:Cluster"),
    ClusterInstance: resourceClass("aws:rds/clusterInstance:ClusterInstance"),
    Instance: resourceClass("aws:rds/instance:Instance"),
  },
  s3: {
    BucketAcl: resourceClass("aws:s3/bucketAcl:BucketAcl"),
    BucketAclV2: resourceClass("aws:s3/bucketAclV2:BucketAclV2"),
  },
  sqs: { Queue: resourceClass("aws:sqs/queue:Queue") },
} as const;
