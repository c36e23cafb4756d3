/**
 * Shared helpers of the policy modules: reading properties the same way in a real
 * `pulumi preview` and offline (unknown → undefined, key kept), tags, the stack and the
 * milestone a resource belongs to, typed config with defaults, and resource-type tokens.
 *
 * Nothing here imports the stack configuration: the milestone is learned from the resources'
 * `milestone` tag (or policy config), the stack from the `stack` tag or the URN.
 */
import type {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isMilestoneId, MILESTONE_IDS, type MilestoneId } from "../stacks/milestones";
import type { ResourceClass } from "./aws";

/** Resource type tokens the policies read (beyond those they import as classes). */
export const T = {
  asg: "aws:autoscaling/group:Group",
  asgPolicy: "aws:autoscaling/policy:Policy",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  instance: "aws:ec2/instance:Instance",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  albLb: "aws:alb/loadBalancer:LoadBalancer",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketSseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheCluster: "aws:elasticache/cluster:Cluster",
  neonProject: "pulumi-nodejs:dynamic/neon:Project",
  neonEndpoint: "pulumi-nodejs:dynamic/neon:Endpoint",
  neonDatabase: "cutlist:neon:Database",
} as const;

// ---------------------------------------------------------------------------------------------
// Known and unknown values

/**
 * The engine's placeholders for values not known during a preview (they are part of the
 * resource-provider wire protocol: `UnknownStringValue` etc. in the Pulumi SDKs).
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** @pulumi/policy wraps props in a proxy that throws on unknown values; these keys unwrap it. */
const PROXY_FLAG = "__isSpecialProxy";
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * Props as plain data, the shape the recorder gives offline: a value unknown at preview
 * becomes `undefined` with its key kept (so `"policy" in props` tells unknown from missing),
 * and @pulumi/policy's unknown-checking proxy is removed (reading through it would throw and
 * turn the policy into an advisory "can't run during preview" note).
 */
export function plain<T = unknown>(value: unknown): T {
  return unwrap(value) as T;
}

function unwrap(value: unknown): unknown {
  if (typeof value === "string") return UNKNOWN_SENTINELS.has(value) ? undefined : value;
  if (value === null || typeof value !== "object") return value;
  const raw = (value as Record<string, unknown>)[PROXY_FLAG] === true ? (value as Record<string, unknown>)[PROXY_TARGET] : value;
  if (Array.isArray(raw)) return raw.map(unwrap);
  if (raw === null || typeof raw !== "object") return raw;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = unwrap(v);
  return out;
}

/** The key is there but its value is not known yet (an Output of another resource). */
export function isUnknown(obj: object | undefined, key: string): boolean {
  return obj !== undefined && key in obj && (obj as Record<string, unknown>)[key] === undefined;
}

/** The program did not set the key at all (the provider default applies). */
export function isMissing(obj: object | undefined, key: string): boolean {
  return obj === undefined || !(key in obj);
}

/** Booleans arrive as `true` or, in some AWS args (launch templates), as the string "true". */
export function truthy(v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  return v === true || v === "true";
}

export function asNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function asObject(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A value for a message: strings quoted, missing said so. */
export function show(v: unknown): string {
  if (v === undefined) return "not set";
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
}

/** Dollars with cents. */
export function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

/**
 * `validateResourceOfType` of @pulumi/policy (same contract: runs on resources of the class's
 * type, answers not-applicable for others, carries `__pulumiType` so the analyzer filters by
 * type), with the props already made plain (see `plain`): every value the policy reads may be
 * undefined (unknown at preview) and has to be handled. Written here because a value import of
 * @pulumi/policy loads its analyzer server and protobuf stack (~170 ms of every plan);
 * test/policies/coverage.test.ts checks it against the library's own.
 */
export function validateTyped(
  resourceClass: ResourceClass,
  validate: (props: Record<string, any>, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
  const type = resourceClass.__pulumiType;
  const fn = (args: ResourceValidationArgs, report: ReportViolation) => {
    if (args.isType(resourceClass as never)) return validate(plain(args.props), args, report);
    return args.notApplicable(`Policy only applies to resources of type '${type}'`);
  };
  return Object.assign(fn, { __pulumiType: type }) as ResourceValidation;
}

// ---------------------------------------------------------------------------------------------
// Tags, stack, milestone

/**
 * A resource's tags as a map: the `tags` map most AWS resources take, or an Auto Scaling
 * group's `[{key, value}]` list. Undefined when the resource has no tags or they are unknown.
 */
export function tagsOf(props: Record<string, unknown>): Record<string, string | undefined> | undefined {
  const tags = props.tags;
  if (Array.isArray(tags)) {
    const out: Record<string, string | undefined> = {};
    for (const t of tags) {
      const o = asObject(t);
      if (o && typeof o.key === "string") out[o.key] = typeof o.value === "string" ? o.value : undefined;
    }
    return out;
  }
  const map = asObject(tags);
  if (!map) return undefined;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(map)) out[k] = typeof v === "string" ? v : undefined;
  return out;
}

/** The stack segment of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m?.[1];
}

/** The project segment of a URN. */
export function projectOfUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:[^:]+::([^:]+)::/.exec(urn);
  return m?.[1];
}

/** The stack a resource belongs to: its `stack` tag, else its URN. */
export function stackOf(urn: string, props: Record<string, unknown>): string | undefined {
  return tagsOf(props)?.stack ?? stackOfUrn(urn);
}

/** The milestone named by a resource's `milestone` tag, if it is one of m1..m4. */
export function milestoneTag(props: Record<string, unknown>): MilestoneId | undefined {
  const m = tagsOf(props)?.milestone;
  return isMilestoneId(m) ? m : undefined;
}

/** The milestone most resources are tagged with (ties: the earliest milestone). */
export function milestoneOfResources(resources: readonly { props: Record<string, unknown> }[]): MilestoneId | undefined {
  const counts = new Map<MilestoneId, number>();
  for (const r of resources) {
    const m = milestoneTag(plain(r.props));
    if (m) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  let best: MilestoneId | undefined;
  for (const m of MILESTONE_IDS) if ((counts.get(m) ?? 0) > (best ? counts.get(best)! : 0)) best = m;
  return best;
}

/** Where the milestone came from, for messages. */
export interface MilestoneSource {
  readonly milestone?: MilestoneId;
  readonly from: "config" | "tag" | "none";
}

/** Milestone from policy config if set, else from the resources' tags. */
export function resolveMilestone(configured: unknown, resources: readonly { props: Record<string, unknown> }[]): MilestoneSource {
  if (isMilestoneId(configured)) return { milestone: configured, from: "config" };
  const tagged = milestoneOfResources(resources);
  return tagged ? { milestone: tagged, from: "tag" } : { from: "none" };
}

// ---------------------------------------------------------------------------------------------
// Config

/** A typed config schema: the properties' JSON schemas, with defaults where a default exists. */
export type ConfigSchema = PolicyConfigSchema & { properties: Record<string, PolicyConfigJSONSchema> };

/** Schema snippet for a milestone override (learned from tags when absent). */
export const MILESTONE_CONFIG: PolicyConfigJSONSchema = {
  type: "string",
  enum: [...MILESTONE_IDS],
  description: "Milestone whose targets apply; default: the `milestone` tag most resources carry.",
};

/**
 * The policy's config with the schema's defaults filled in. The engine fills defaults
 * itself; this keeps a policy correct when called with partial config (tests, other hosts).
 */
export function configOf<C extends object>(schema: ConfigSchema, args: { getConfig<T extends object>(): T }): C {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(schema.properties)) if (s.default !== undefined) out[k] = s.default;
  const given = (args.getConfig<Record<string, unknown>>() ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(given)) if (v !== undefined && k !== "enforcementLevel") out[k] = v;
  return out as C;
}

export type { ReportViolation, ResourceValidationArgs, StackValidationArgs };
