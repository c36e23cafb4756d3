/**
 * Diff of two recordings (base → head) by URN: which resources are created, updated (and
 * which inputs change), replaced, deleted or unchanged, with stateful resources flagged.
 *
 * Replacement is decided from each type's create-only inputs (the provider schema's
 * "forces replacement" properties), kept here for the types this project and typical small
 * programs use. For other types a changed input is reported as an update whose replacement
 * is unknown, never silently as a safe update.
 */
import type { Recording, ResourceRecord } from "./types";

export type ChangeKind = "create" | "update" | "replace" | "delete" | "same";

export interface InputChange {
  /** Dotted path of the input, e.g. `numNodeGroups` or `origins[1].domainName`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** The provider cannot change this input in place. */
  readonly forcesReplacement: boolean;
}

export interface ResourceChange {
  readonly kind: ChangeKind;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly component?: string;
  readonly before?: ResourceRecord;
  readonly after?: ResourceRecord;
  readonly changes: readonly InputChange[];
  /** Holds data that a delete or replace would lose. */
  readonly stateful: boolean;
  /** For updates of types without a replacement table: whether a replace is possible. */
  readonly replacementUnknown: boolean;
  /** An update that changes only tags (e.g. the `milestone` cost tag on a promotion). */
  readonly tagsOnly: boolean;
}

export interface PlanDiff {
  readonly changes: readonly ResourceChange[];
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Of the updates, how many change only tags. */
  readonly tagsOnly: number;
}

/** Inputs that hold tags: the map most types take, and the list forms of ASGs and launch templates. */
const TAG_INPUTS = new Set(["tags", "tagsAll", "tagSpecifications"]);

/**
 * Create-only inputs per type (from the providers' schemas, where changing the input is
 * marked "forces replacement"). Top-level keys; a change anywhere beneath one counts.
 */
export const REPLACE_ON_CHANGE: Readonly<Record<string, readonly string[]>> = {
  "aws:ec2/vpc:Vpc": ["cidrBlock", "instanceTenancy"],
  "aws:ec2/subnet:Subnet": ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId"],
  "aws:ec2/internetGateway:InternetGateway": [],
  "aws:ec2/routeTable:RouteTable": ["vpcId"],
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ["subnetId", "gatewayId"],
  "aws:ec2/route:Route": ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock"],
  "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix", "description", "vpcId"],
  "aws:ec2/eip:Eip": ["domain", "address"],
  "aws:ec2/natGateway:NatGateway": ["allocationId", "subnetId", "connectivityType"],
  "aws:ec2/instance:Instance": ["ami", "availabilityZone", "subnetId", "keyName", "privateIp", "tenancy"],
  "aws:ec2/launchTemplate:LaunchTemplate": ["name", "namePrefix"],
  "aws:iam/role:Role": ["name", "namePrefix", "path"],
  "aws:iam/instanceProfile:InstanceProfile": ["name", "namePrefix", "path"],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
  "aws:iam/rolePolicy:RolePolicy": ["name", "namePrefix", "role"],
  "aws:autoscaling/group:Group": ["name", "namePrefix"],
  "aws:autoscaling/policy:Policy": ["name", "autoscalingGroupName"],
  "aws:lb/loadBalancer:LoadBalancer": ["name", "namePrefix", "internal", "loadBalancerType"],
  "aws:lb/targetGroup:TargetGroup": ["name", "namePrefix", "port", "protocol", "vpcId", "targetType", "protocolVersion"],
  "aws:lb/listener:Listener": ["loadBalancerArn"],
  "aws:elasticache/subnetGroup:SubnetGroup": ["name"],
  "aws:elasticache/replicationGroup:ReplicationGroup": [
    "replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "subnetGroupName", "port",
    "snapshotArns", "snapshotName", "dataTieringEnabled", "preferredCacheClusterAzs", "networkType",
  ],
  "aws:cloudfront/distribution:Distribution": [],
  "aws:cloudfront/originAccessControl:OriginAccessControl": [],
  "aws:cloudfront/cachePolicy:CachePolicy": [],
  "aws:cloudfront/function:Function": ["name"],
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": [],
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["bucket"],
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ["bucket"],
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": ["bucket", "expectedBucketOwner"],
  "aws:s3/bucketVersioning:BucketVersioning": ["bucket", "expectedBucketOwner"],
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": ["bucket", "expectedBucketOwner"],
  "aws:s3/bucketPolicy:BucketPolicy": ["bucket"],
  "aws:sqs/queue:Queue": ["name", "namePrefix", "fifoQueue"],
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": ["queueUrl"],
  "aws:sns/topic:Topic": ["name", "namePrefix", "fifoTopic"],
  "aws:sns/topicSubscription:TopicSubscription": ["topic", "protocol", "endpoint"],
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["name"],
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["alarmName"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix", "kmsKeyId"],
  "aws:cloudwatch/dashboard:Dashboard": ["dashboardName"],
  "aws:fis/experimentTemplate:ExperimentTemplate": [],
  // @pulumi/random: every input is create-only.
  "random:index/randomPassword:RandomPassword": ["*"],
  "random:index/randomString:RandomString": ["*"],
  // Our Neon provider's diff replaces on these (components/neon).
  "pulumi-nodejs:dynamic/neon:Project": ["region", "regionId", "pgVersion", "postgresVersion"],
  "pulumi-nodejs:dynamic/neon:Endpoint": ["type", "branchId", "projectId"],
};

/** Inputs that never describe the resource itself (tags are metadata, updated in place). */
const IGNORED_INPUTS = new Set(["__provider"]);

/** Resource types that hold data. */
const STATEFUL_TYPES = new Set([
  "aws:s3/bucket:Bucket",
  "pulumi-nodejs:dynamic/neon:Project",
  "aws:sqs/queue:Queue",
]);

/** Does this resource hold data that deleting or replacing it would lose? */
export function isStateful(r: ResourceRecord): boolean {
  if (STATEFUL_TYPES.has(r.type)) return true;
  if (r.type === "aws:elasticache/replicationGroup:ReplicationGroup") return Number(r.inputs.snapshotRetentionLimit ?? 0) > 0;
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Leaf-level differences between two input trees. */
function compare(before: unknown, after: unknown, path: string, out: { path: string; before: unknown; after: unknown }[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!path && IGNORED_INPUTS.has(key)) continue;
      compare(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => compare(b, after[i], `${path}[${i}]`, out));
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before, after });
}

function topKey(path: string): string {
  return path.split(/[.[]/)[0];
}

/** Compares one resource's two registrations. */
export function diffResource(before: ResourceRecord, after: ResourceRecord): ResourceChange {
  const raw: { path: string; before: unknown; after: unknown }[] = [];
  compare(before.inputs, after.inputs, "", raw);
  const table = REPLACE_ON_CHANGE[after.type];
  const forced = new Set([...(table ?? []), ...after.replaceOnChanges]);
  const changes = raw.map((c) => ({ ...c, forcesReplacement: forced.has("*") || forced.has(topKey(c.path)) }));
  const kind: ChangeKind = changes.length === 0 ? "same" : changes.some((c) => c.forcesReplacement) ? "replace" : "update";
  return {
    kind,
    urn: after.urn,
    type: after.type,
    name: after.name,
    component: after.component,
    before,
    after,
    changes,
    stateful: isStateful(after) || isStateful(before),
    replacementUnknown: kind === "update" && after.custom && table === undefined,
    tagsOnly: kind === "update" && changes.every((c) => TAG_INPUTS.has(topKey(c.path))),
  };
}

/** Diff of custom resources between two recordings (components are structure, not cloud). */
export function diffRecordings(base: Recording | undefined, head: Recording): PlanDiff {
  const before = new Map((base?.resources ?? []).filter((r) => r.custom).map((r) => [r.urn, r]));
  const after = new Map(head.resources.filter((r) => r.custom).map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  for (const [urn, a] of after) {
    const b = before.get(urn);
    if (!b) {
      changes.push({ kind: "create", urn, type: a.type, name: a.name, component: a.component, after: a, changes: [], stateful: isStateful(a), replacementUnknown: false, tagsOnly: false });
    } else {
      changes.push(diffResource(b, a));
    }
  }
  for (const [urn, b] of before) {
    if (!after.has(urn)) {
      changes.push({ kind: "delete", urn, type: b.type, name: b.name, component: b.component, before: b, changes: [], stateful: isStateful(b), replacementUnknown: false, tagsOnly: false });
    }
  }
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const c of changes) counts[c.kind]++;
  return { changes, counts, tagsOnly: changes.filter((c) => c.tagsOnly).length };
}
