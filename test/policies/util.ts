/**
 * Test helpers for policies, after AWSGuard's `src/tests/util.ts`: build the arguments the
 * analyzer would pass (with `stackTags` and `notApplicable`, through the same builders the
 * offline runner uses), run one policy, and return what it reported. Happy-path factories
 * (below) give one valid resource or group of resources, shaped like our recordings; each
 * test changes one thing.
 */
import type { PolicyResource } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import type { NeonEndpointInputs } from "../../components/neon/endpoint";
import type { NeonProjectInputs } from "../../components/neon/project";
import type { Recording, ResourceRecord } from "../../model/records";
import { record, urnOf } from "../cost/factory";
import { NotApplicableError, policyResourcesOf, resourceValidationArgs, stackValidationArgs } from "../../plan/guardrails/args";
import type { PackPolicy } from "../../policies/pack";
import type { PlanPolicy } from "../../plan/guardrails/planPolicy";

export const PROJECT = "cutlist";

/** What one policy reported for one call. */
export interface Outcome {
  readonly violations: string[];
  /** Violations with the URN they named (stack policies). */
  readonly reported: { message: string; urn?: string }[];
  /** Set when the policy called `notApplicable(reason)`. */
  readonly notApplicable?: string;
}

export interface RunOptions {
  readonly config?: Record<string, unknown>;
  readonly stackTags?: Record<string, string>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A value as the recorder gives it: the shape the program declared, with any value possibly
 * unknown at preview (undefined). So a factory's inputs are checked against the resource's
 * own args (AWSGuard's `Unwrap<Args>` helpers), and a misspelt property does not compile.
 */
export type Recorded<T> = T extends string | number | boolean ? T | undefined
  : T extends readonly (infer U)[] ? Recorded<U>[] | undefined
  : T extends object ? { -readonly [K in keyof T]?: Recorded<T[K]> }
  : T;

/** The args a Pulumi resource class takes. */
export type ArgsOf<C> = C extends new (name: string, args: infer A, ...rest: any[]) => unknown ? NonNullable<A> : never;

/** A resource's recorded inputs: every key of `I` optional, every value possibly unknown. */
export type RecordedInputs<I> = { -readonly [K in keyof I]?: Recorded<I[K]> };

/** A record whose inputs have the type of `I` (a resource's unwrapped args, or a provider's inputs). */
export interface TypedRecord<I> extends ResourceRecord {
  readonly inputs: RecordedInputs<I>;
}

type Extra = Partial<Mutable<ResourceRecord>> & { stack?: string };

/** A recorded resource of any type token, its inputs typed by `I` (URN built from stack, type and name). */
export function res<I extends object>(type: string, name: string, inputs: RecordedInputs<I>, extra: Extra = {}): TypedRecord<I> {
  const { stack = "prod", ...rest } = extra;
  return record(type, name, inputs as Record<string, unknown>, { urn: urnOf(type, name, stack, PROJECT), custom: !type.startsWith("cutlist:"), ...rest }) as TypedRecord<I>;
}

/** A recorded AWS resource of the class's type, its inputs typed by the class's args (e.g. `aws.ec2.LaunchTemplate`). */
export function resOf<C extends new (name: string, args: any, ...rest: any[]) => unknown>(cls: C, name: string, inputs: RecordedInputs<Unwrap<ArgsOf<C>>>, extra: Extra = {}): TypedRecord<Unwrap<ArgsOf<C>>> {
  return res<Unwrap<ArgsOf<C>>>((cls as unknown as { __pulumiType: string }).__pulumiType, name, inputs, extra);
}

/** Links `from` to depend on `to` (as an input Output would). */
export function dependsOn<R extends ResourceRecord>(from: R, ...to: ResourceRecord[]): R {
  return { ...from, dependencies: [...from.dependencies, ...to.map((t) => t.urn)] };
}

/** Links `from`'s input `key` to Outputs of `to` (the engine's property dependencies, and the dependency). */
export function inputFrom<R extends ResourceRecord>(from: R, key: string, ...to: ResourceRecord[]): R {
  const linked = dependsOn(from, ...to);
  return { ...linked, propertyDependencies: { ...from.propertyDependencies, [key]: to.map((t) => t.urn) } };
}

/** The record as another Pulumi project (not this repository's) would declare it: same resource, foreign URN. */
export function foreign<R extends ResourceRecord>(r: R, project = "acme-shop"): R {
  const retarget = (urn: string) => urn.replace(/^(urn:pulumi:[^:]+::)[^:]+::/, `$1${project}::`);
  const propertyDependencies = r.propertyDependencies && Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map(retarget)]));
  return { ...r, urn: retarget(r.urn), ...(r.parent ? { parent: retarget(r.parent) } : {}), dependencies: r.dependencies.map(retarget), ...(propertyDependencies ? { propertyDependencies } : {}) };
}

export function recording(resources: ResourceRecord[], stack = "prod"): Recording {
  return { project: PROJECT, stack, config: {}, resources };
}

async function capture(call: (report: (message: string, urn?: string) => void) => unknown): Promise<Outcome> {
  const reported: { message: string; urn?: string }[] = [];
  try {
    await call((message, urn) => reported.push({ message, urn }));
  } catch (e) {
    if (e instanceof NotApplicableError) return { violations: reported.map((r) => r.message), reported, notApplicable: e.reason };
    throw e;
  }
  return { violations: reported.map((r) => r.message), reported };
}

/** Runs a resource policy's validations (all of them, as the analyzer does) on one resource. */
export async function runResourcePolicy(policy: PackPolicy, record: ResourceRecord, options: RunOptions = {}): Promise<Outcome> {
  const v = (policy as { validateResource?: unknown }).validateResource;
  if (v === undefined) throw new Error(`${policy.name} is not a resource policy`);
  const validations = (Array.isArray(v) ? v : [v]) as ((args: unknown, report: (m: string) => void) => unknown)[];
  const args = resourceValidationArgs(record, { config: options.config, stackTags: new Map(Object.entries(options.stackTags ?? {})) });
  const outcomes = [];
  for (const validate of validations) outcomes.push(await capture((report) => validate(args, report)));
  const reported = outcomes.flatMap((o) => o.reported);
  // Not applicable only when every validation said so (validateResourceOfType on other types).
  const na = outcomes.every((o) => o.notApplicable !== undefined) ? outcomes.map((o) => o.notApplicable).join("; ") : undefined;
  return { violations: reported.map((r) => r.message), reported, ...(na !== undefined ? { notApplicable: na } : {}) };
}

/** Runs a stack policy on a set of recorded resources. */
export async function runStackPolicy(policy: PackPolicy, records: ResourceRecord[], options: RunOptions = {}): Promise<Outcome> {
  const validate = (policy as { validateStack?: (args: unknown, report: (m: string, urn?: string) => void) => unknown }).validateStack;
  if (!validate) throw new Error(`${policy.name} is not a stack policy`);
  const resources: PolicyResource[] = policyResourcesOf(recording(records));
  const args = stackValidationArgs(resources, { config: options.config, stackTags: new Map(Object.entries(options.stackTags ?? {})) });
  return capture((report) => validate(args, report));
}

/** Runs whichever kind the policy is: resource policies on each record, stack policies once. */
export async function runPolicy(policy: PackPolicy, records: ResourceRecord | ResourceRecord[], options: RunOptions = {}): Promise<Outcome> {
  const list = Array.isArray(records) ? records : [records];
  if (typeof (policy as { validateStack?: unknown }).validateStack === "function") return runStackPolicy(policy, list, options);
  const outcomes = await Promise.all(list.map((r) => runResourcePolicy(policy, r, options)));
  const reported = outcomes.flatMap((o) => o.reported);
  const na = outcomes.every((o) => o.notApplicable !== undefined) ? outcomes.map((o) => o.notApplicable).join("; ") : undefined;
  return { violations: reported.map((r) => r.message), reported, ...(na !== undefined ? { notApplicable: na } : {}) };
}

/** A deep copy of a record with its inputs changed by `change` (one change per test), typed as the record's. */
export function changed<R extends ResourceRecord>(record: R, change: (inputs: R["inputs"]) => void): R {
  const inputs = structuredClone(record.inputs);
  change(inputs);
  return { ...record, inputs };
}

/** A policy case: one resource set, what must come out. */
export interface PolicyCase {
  readonly policy: PackPolicy | PlanPolicy;
  readonly title: string;
  readonly run: () => Promise<Outcome>;
  /** "pass": no violation (applicable); "n/a": not applicable; else every pattern must match a violation, and no other violation. */
  readonly expect: "pass" | "n/a" | RegExp[];
}

/** Declares the cases as jest tests. */
export function describeCases(cases: readonly PolicyCase[]): void {
  const byPolicy = new Map<string, PolicyCase[]>();
  for (const c of cases) byPolicy.set(c.policy.name, [...(byPolicy.get(c.policy.name) ?? []), c]);
  for (const [name, list] of byPolicy) {
    describe(name, () => {
      test.each(list.map((c) => [c.title, c] as const))("%s", async (_title, c) => {
        const out = await c.run();
        if (c.expect === "pass") {
          expect(out.violations).toEqual([]);
          expect(out.notApplicable).toBeUndefined();
        } else if (c.expect === "n/a") {
          expect(out.violations).toEqual([]);
          expect(out.notApplicable).toEqual(expect.any(String));
        } else {
          expect(out.violations).toHaveLength(c.expect.length);
          for (const pattern of c.expect) expect(out.violations).toContainEqual(expect.stringMatching(pattern));
        }
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Happy-path factories, shaped like the recorded prod stack at m4

export const tags = (component: string, milestone = "m4", stack = "prod") => ({ component, milestone, project: PROJECT, stack });

export function launchTemplate() {
  return resOf(aws.ec2.LaunchTemplate, "app", {
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { deleteOnTermination: "true", encrypted: "true", volumeSize: 8, volumeType: "gp3" } }],
    iamInstanceProfile: { arn: undefined },
    imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    instanceType: "t4g.small",
    metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 2, httpTokens: "required" },
    networkInterfaces: [{ associatePublicIpAddress: "true", deleteOnTermination: "true", securityGroups: [undefined] }],
    tags: tags("app"),
  });
}

export function instance() {
  return resOf(aws.ec2.Instance, "web", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t4g.small",
    metadataOptions: { httpTokens: "required" },
    rootBlockDevice: { encrypted: true, volumeSize: 8 },
    tags: tags("app"),
  });
}

export function asg(minSize = 4, maxSize = 8, component = "app") {
  return resOf(aws.autoscaling.Group, component === "app" ? "app" : `${component}-workers`, {
    minSize,
    maxSize,
    launchTemplate: { id: undefined, version: "$Latest" },
    targetGroupArns: component === "app" ? [undefined] : undefined,
    vpcZoneIdentifiers: [undefined, undefined],
    tags: Object.entries(tags(component)).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
  });
}

export function scalingPolicy(group: ResourceRecord, name = "app-cpu") {
  return dependsOn(
    resOf(aws.autoscaling.Policy, name, {
      autoscalingGroupName: undefined,
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 },
    }),
    group,
  );
}

export function securityGroup(name: string, ingress: RecordedInputs<Unwrap<aws.types.input.ec2.SecurityGroupIngress>>[]) {
  return resOf(aws.ec2.SecurityGroup, name, {
    description: name,
    vpcId: undefined,
    ingress,
    egress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 0, protocol: "-1", toPort: 0 }],
    tags: tags("app"),
  });
}

export const WEB_INGRESS: RecordedInputs<Unwrap<aws.types.input.ec2.SecurityGroupIngress>> = { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], fromPort: 80, toPort: 80, protocol: "tcp", description: "public web" };

/** ALB SG (web ports open) → internet-facing ALB; instances SG admits only the ALB. */
export function entryPoint() {
  const albSg = securityGroup("app-alb", [WEB_INGRESS]);
  const appSg = dependsOn(securityGroup("app-instances", [{ fromPort: 3000, toPort: 3000, protocol: "tcp", securityGroups: [undefined] }]), albSg);
  const lb = dependsOn(resOf(aws.lb.LoadBalancer, "app", { internal: false, loadBalancerType: "application", securityGroups: [undefined], tags: tags("app") }), albSg);
  const lt = dependsOn(launchTemplate(), appSg);
  return { albSg, appSg, lb, lt };
}

/** A private bucket: bucket, public access block, SSE-S3, TLS-only policy (known text). */
export function bucketSet(name = "storage-files", bucketInputs: RecordedInputs<Unwrap<aws.s3.BucketArgs>> = {}) {
  const bucket = resOf(aws.s3.Bucket, name, { forceDestroy: false, tags: tags("storage"), ...bucketInputs }, { protect: true });
  const pab = dependsOn(resOf(aws.s3.BucketPublicAccessBlock, name, {
    bucket: undefined, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  }), bucket);
  const sse = dependsOn(resOf(aws.s3.BucketServerSideEncryptionConfiguration, name, {
    bucket: undefined, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
  }), bucket);
  const policy = dependsOn(resOf(aws.s3.BucketPolicy, name, {
    bucket: undefined,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    }),
  }), bucket);
  const set: [typeof bucket, typeof pab, typeof sse, typeof policy] = [bucket, pab, sse, policy];
  return set;
}

export function replicationGroup() {
  return resOf(aws.elasticache.ReplicationGroup, "cache", {
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    clusterMode: "enabled",
    engine: "valkey",
    nodeType: "cache.t4g.micro",
    numNodeGroups: 2,
    replicasPerNodeGroup: 1,
    snapshotRetentionLimit: 7,
    authToken: undefined,
    tags: tags("cache"),
  }, { protect: true });
}

export function queue() {
  return resOf(aws.sqs.Queue, "jobs", { messageRetentionSeconds: 345600, sqsManagedSseEnabled: true, tags: tags("queue") });
}

export function distribution() {
  return resOf(aws.cloudfront.Distribution, "cdn", {
    enabled: true,
    defaultCacheBehavior: { targetOriginId: "assets", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
    orderedCacheBehaviors: [{ pathPattern: "/api/*", targetOriginId: "api", viewerProtocolPolicy: "redirect-to-https" }],
    priceClass: "PriceClass_100",
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
    tags: tags("cdn"),
  });
}

export function httpsListener() {
  return resOf(aws.lb.Listener, "app-https", {
    loadBalancerArn: undefined, port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
    defaultActions: [{ type: "forward" }], tags: tags("app"),
  });
}

/** Neon: the Database component (declaring pool settings), its project, a replica. */
export function neon() {
  const component = res<{ poolSizePerInstance: number; usePooler: boolean }>("cutlist:neon:Database", "db", { poolSizePerInstance: 25, usePooler: true });
  const project = res<NeonProjectInputs>("pulumi-nodejs:dynamic/neon:Project", "db", {
    apiKey: "[secret]", plan: "launch", minCu: 0.25, maxCu: 4, suspendTimeoutSeconds: -1, historyRetentionSeconds: 604800, pgVersion: 17, region: "aws-us-east-1",
  }, { parent: component.urn, protect: true, component: "neon" });
  const replica = dependsOn(res<NeonEndpointInputs>("pulumi-nodejs:dynamic/neon:Endpoint", "db-replica-0", {
    apiKey: "[secret]", type: "read_only", plan: "launch", minCu: 0.25, maxCu: 2, suspendTimeoutSeconds: -1,
  }, { parent: component.urn, component: "neon" }), project);
  return { component, project, replica };
}

/** What a plan-only policy reported, with the level of each violation (advisory when overridden). */
export async function runPlanPolicy(
  policy: PlanPolicy,
  sides: { base?: ResourceRecord[]; head: ResourceRecord[]; allowDataLoss?: boolean },
  options: RunOptions = {},
): Promise<Outcome & { levels: (string | undefined)[] }> {
  const { diffRecordings } = await import("../../plan/diff");
  const { estimate } = await import("../../cost");
  const { usageProfile } = await import("../../stacks/usageProfile");
  const head = recording(sides.head);
  const base = sides.base ? recording(sides.base) : undefined;
  const levels: (string | undefined)[] = [];
  const out = await capture((report) =>
    policy.validatePlan(
      {
        recording: head,
        base,
        diff: base ? diffRecordings(base, head) : undefined,
        estimate: estimate(head, usageProfile("m1")),
        baseEstimate: base ? estimate(base, usageProfile("m1")) : undefined,
        allowDataLoss: sides.allowDataLoss ?? false,
        getConfig: <T extends object>() => ({ ...(options.config ?? {}) }) as T,
        notApplicable: (reason?: string): never => {
          throw new NotApplicableError(reason ?? "not applicable");
        },
      },
      (message, urn, override) => {
        levels.push(override?.enforcementLevel);
        report(message, urn);
      },
    ),
  );
  return { ...out, levels };
}

export function rdsInstance() {
  return resOf(aws.rds.Instance, "orders", {
    engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, storageEncrypted: true, publiclyAccessible: false,
    username: "app", password: "[secret]", dbSubnetGroupName: undefined, tags: tags("db"),
  }, { protect: true });
}

export function rdsCluster() {
  return resOf(aws.rds.Cluster, "aurora", { engine: "aurora-postgresql", engineMode: "provisioned", storageEncrypted: true, masterUsername: "app", manageMasterUserPassword: true, tags: tags("db") }, { protect: true });
}

export function clusterInstance() {
  return resOf(aws.rds.ClusterInstance, "aurora-1", { clusterIdentifier: undefined, engine: "aurora-postgresql", instanceClass: "db.t4g.medium", publiclyAccessible: false, tags: tags("db") });
}

export function functionUrl() {
  return resOf(aws.lambda.FunctionUrl, "hook", { functionName: undefined, authorizationType: "AWS_IAM" });
}

export function memorydbCluster() {
  return resOf(aws.memorydb.Cluster, "sessions", { aclName: "app", nodeType: "db.t4g.small", numShards: 1, tlsEnabled: true, tags: tags("cache") }, { protect: true });
}

/** The VPC's default group as AWS leaves it: all traffic from itself, all traffic out. */
export function defaultSecurityGroup() {
  return resOf(aws.ec2.DefaultSecurityGroup, "default", {
    vpcId: undefined,
    ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    tags: tags("network"),
  });
}

export function launchConfiguration() {
  return resOf(aws.ec2.LaunchConfiguration, "legacy", { imageId: "ami-0123456789abcdef0", instanceType: "t4g.small", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" } });
}

export function spotRequest() {
  return resOf(aws.ec2.SpotInstanceRequest, "batch", { ami: "ami-0123456789abcdef0", instanceType: "t4g.small", spotPrice: "0.01", metadataOptions: { httpTokens: "required" }, rootBlockDevice: { encrypted: true }, tags: tags("batch") });
}
