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
import { tagsOf } from "../model/read";
import { isMilestoneId, MILESTONE_IDS, type MilestoneId } from "../stacks/milestones";
import { bool } from "../model/read";
import { isUnknownValue } from "../model/unknown";
import type { ResourceClass } from "./aws";

export { list as asArray, num as asNumber, obj as asObject, tagsOf } from "../model/read";
export { usd } from "../model/money";
export { TYPE as T } from "../model/resourceTypes";

// ---------------------------------------------------------------------------------------------
// Known and unknown values

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
  if (typeof value === "string") return isUnknownValue(value) ? undefined : value;
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
  return bool(v) === true;
}

/** A value for a message: strings quoted, missing said so. */
export function show(v: unknown): string {
  if (v === undefined) return "not set";
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
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
