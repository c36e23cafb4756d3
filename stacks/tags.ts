/**
 * Cost-allocation tags, applied in one place: a resource transformation given to each
 * top-level component, which every child inherits. It adds `project`, `stack`, `milestone`
 * and `component` to every resource type in `TAGGABLE_TYPES` (and the special shapes of
 * Auto Scaling groups and launch templates), with tags the component set itself kept on top.
 */
import * as pulumi from "@pulumi/pulumi";

/** The tag keys every taggable resource carries (policies check the same list). */
export const REQUIRED_TAG_KEYS = ["project", "stack", "milestone", "component"] as const;
export type CostTags = Record<(typeof REQUIRED_TAG_KEYS)[number], string>;

/** AWS resource types this program declares that accept a `tags` map. */
export const TAGGABLE_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/eip:Eip",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:iam/role:Role",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:lb/targetGroup:TargetGroup",
  "aws:lb/listener:Listener",
  "aws:elasticache/subnetGroup:SubnetGroup",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:cloudfront/distribution:Distribution",
  "aws:s3/bucket:Bucket",
  "aws:sqs/queue:Queue",
  "aws:sns/topic:Topic",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:fis/experimentTemplate:ExperimentTemplate",
  "aws:ssm/document:Document",
]);

const ASG_TYPE = "aws:autoscaling/group:Group";
const LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";

/** The transformation that tags every resource of one component. */
export function tagResources(base: Omit<CostTags, "component">, component: string): pulumi.ResourceTransformation {
  const tags: CostTags = { ...base, component };
  return ({ type, props, opts }) => {
    if (type === ASG_TYPE) {
      // ASGs take a list and need propagateAtLaunch; instances are tagged by the template.
      const own = (props.tags ?? []) as { key: string }[];
      const ownKeys = new Set(own.map((t) => t.key));
      const extra = Object.entries(tags)
        .filter(([key]) => !ownKeys.has(key))
        .map(([key, value]) => ({ key, value, propagateAtLaunch: false }));
      return { props: { ...props, tags: [...extra, ...own] }, opts };
    }
    if (!TAGGABLE_TYPES.has(type)) return undefined;
    // Tags stay plain values (not Outputs) so policies can read them during a preview.
    const next: Record<string, unknown> = { ...props, tags: { ...tags, ...(props.tags as Record<string, string> | undefined) } };
    if (type === LAUNCH_TEMPLATE_TYPE && props.tagSpecifications === undefined) {
      // Instances and their volumes launched from the template carry the same tags.
      next.tagSpecifications = ["instance", "volume"].map((resourceType) => ({ resourceType, tags }));
    }
    return { props: next, opts };
  };
}
