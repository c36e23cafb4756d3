/** Synthetic ResourceRecords and Recordings for the pricer tests. */
import type { Recording, ResourceRecord } from "../../model/records";
import { estimate, type ResourceEstimate } from "../../cost/estimate";
import type { UsageRule } from "../../cost/usage";

export function urnOf(type: string, name: string, stack = "test", project = "cutlist"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** A happy-path record; change one property per case. */
export function record(type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<ResourceRecord> = {}): ResourceRecord {
  return {
    urn: urnOf(type, name),
    type,
    name,
    custom: true,
    inputs,
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    ignoreChanges: [],
    replaceOnChanges: [],
    additionalSecretOutputs: [],
    dependencies: [],
    ...extra,
  };
}

export function recording(resources: ResourceRecord[], stack = "test", config: Record<string, string> = {}): Recording {
  return { project: "cutlist", stack, config, resources };
}

/** An explicit aws provider resource, as the recorder captures `new aws.Provider(name, { region })`. */
export function awsProvider(name: string, region: string | undefined): ResourceRecord {
  return record(`pulumi:providers:aws`, name, region === undefined ? { region: undefined } : { region });
}

/** `r` deployed through the explicit provider `provider`. */
export function via(r: ResourceRecord, provider: ResourceRecord): ResourceRecord {
  return { ...r, provider: provider.urn };
}

export const TYPES = {
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  instance: "aws:ec2/instance:Instance",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  distribution: "aws:cloudfront/distribution:Distribution",
  cfFunction: "aws:cloudfront/function:Function",
  bucket: "aws:s3/bucket:Bucket",
  queue: "aws:sqs/queue:Queue",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  nat: "aws:ec2/natGateway:NatGateway",
  eip: "aws:ec2/eip:Eip",
  fis: "aws:fis/experimentTemplate:ExperimentTemplate",
  neonProject: "pulumi-nodejs:dynamic/neon:Project",
  neonEndpoint: "pulumi-nodejs:dynamic/neon:Endpoint",
} as const;

/** A launch template as components/fleet.ts declares it (gp3 root, public IPv4 as the string "true"). */
export function launchTemplate(name: string, instanceType = "t4g.small", rootGb = 8, publicIp = true): ResourceRecord {
  return record(TYPES.launchTemplate, name, {
    instanceType,
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: rootGb, volumeType: "gp3", encrypted: "true" } }],
    networkInterfaces: [{ associatePublicIpAddress: String(publicIp), deleteOnTermination: "true" }],
  });
}

/** A group referencing `template` by an id unknown at preview (resolved through dependencies). */
export function autoscalingGroup(name: string, template: ResourceRecord, minSize: number, maxSize: number, extraInputs: Record<string, unknown> = {}): ResourceRecord {
  return record(TYPES.asg, name, { minSize, maxSize, launchTemplate: { id: undefined, version: "$Latest" }, ...extraInputs }, { dependencies: [template.urn] });
}

/** Every resource of a recording in `region` (the stack's aws:region) under usage rules. */
export function price(resources: ResourceRecord[], rules: UsageRule[] = [], region = "us-east-1"): readonly ResourceEstimate[] {
  return estimate(recording(resources, "test", { "aws:region": region }), { id: "t", description: "", assumptions: {}, derived: {}, rules }).resources;
}

/** One resource alone, with `usage` for its type. */
export function one(r: ResourceRecord, usage: Record<string, number> = {}, region = "us-east-1"): ResourceEstimate {
  return price([r], Object.keys(usage).length ? [{ match: { type: r.type }, usage }] : [], region)[0];
}

/** [name, quantity, cost] of every line: the table a reader checks (none for a missing estimate). */
export function table(r: ResourceEstimate | undefined) {
  return (r?.costComponents ?? []).map((c) => [c.name, c.monthlyQuantity, c.monthlyCost]);
}
