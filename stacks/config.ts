/**
 * The stack's configuration: reads `Pulumi.<stack>.yaml` values (as Pulumi passes them, one
 * string per `namespace:key`), checks every key and value, and resolves the milestone profile.
 * All problems are collected and thrown together as one `ConfigError`, before any resource is
 * declared. This is the only module that reads Pulumi config.
 */
import * as pulumi from "@pulumi/pulumi";
import Ajv, { type ErrorObject } from "ajv";
import {
  DEFAULT_CAPACITY_ASSUMPTIONS,
  MILESTONE_IDS,
  isMilestoneId,
  type CapacityAssumptions,
  type MilestoneId,
  type Overrides,
} from "./milestones";
import { AWS_REGIONS } from "./awsRegions";
import { checkUsageAssumptions, type UsageAssumptions } from "./usageAssumptions";
import { ConfigError, describeValue, suggest } from "./problems";
import { resolveProfile, type ScaleProfile } from "./profile";

/** Discounts the account has bought (`cutlist:commitments`), each with the account's own rate. */
export interface Commitments {
  /** A Savings Plan or reserved instances covering the always-on instances (each fleet's minimum). */
  readonly ec2?: { readonly kind: "compute-savings-plan" | "ec2-instance-savings-plan" | "reserved-instances"; readonly term: "1y" | "3y"; readonly discountPercent: number };
  /** CloudFront Security Savings Bundle: a discount on CloudFront charges for a monthly commitment. */
  readonly cloudfrontSecurityBundle?: { readonly discountPercent: number };
  /** Database Savings Plan: ElastiCache Serverless (and newer-generation nodes; not t4g). */
  readonly databaseSavingsPlan?: { readonly term: "1y"; readonly discountPercent: number };
}

export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  readonly milestone: MilestoneId;
  /** `aws:region`. */
  readonly region: string;
  /** Where alarms are sent (SNS e-mail subscription). */
  readonly alertEmail: string;
  /** ACM certificate for an HTTPS listener on the ALB; without it the ALB serves HTTP. */
  readonly certificateArn?: string;
  /** Load-test figures behind the sizing (`cutlist:capacity`). */
  readonly capacity: CapacityAssumptions;
  /** Discounts the account has bought (`cutlist:commitments`), for the plan's estimate; the program ignores them. */
  readonly commitments: Commitments;
  /** `protect` stateful resources (database, buckets, cache with snapshots). Default: stack "prod". */
  readonly protectData: boolean;
  /** Usage assumptions for the plan's cost estimate (`cutlist:usage`); the program ignores them. */
  readonly usage: Partial<UsageAssumptions>;
  /** Neon API key (`cutlist:neonApiKey`, secret); falls back to NEON_API_KEY at deploy time. */
  readonly neonApiKey?: string;
  /** The raw overrides as written, for display. */
  readonly overrides: Overrides;
  /** Milestone + overrides, checked. */
  readonly profile: ScaleProfile;
  /** Advice that does not stop the stack (a secret in plain text), one line each; see stackConfigWarnings. */
  readonly warnings: readonly string[];
}

/** Who the config belongs to, and which of its keys the stack file holds encrypted (when known). */
export interface StackConfigContext {
  readonly project: string;
  readonly stack: string;
  /** Keys written `secure:` in the stack file; without it nothing is said about secrets. */
  readonly secretKeys?: readonly string[];
}

/** Keys the program reads in its own namespace, with what each allows. */
export const PROJECT_KEYS: Readonly<Record<string, string>> = {
  milestone: `one of ${MILESTONE_IDS.join(", ")}`,
  alertEmail: "an e-mail address",
  overrides: "an object (a partial milestone spec)",
  capacity: "an object with rpsPerInstance, rpsByInstanceType and headroom",
  commitments: "an object with ec2, cloudfrontSecurityBundle and databaseSavingsPlan (discounts the account has bought)",
  certificateArn: "an ACM certificate ARN",
  protectData: "true or false",
  neonApiKey: "a Neon API key (set it with --secret)",
  usage: "a mapping of usage assumptions for the plan's cost estimate (stacks/usageAssumptions.ts)",
};

/** Keys of the project's namespace that hold secrets: kept encrypted in the stack file. */
const SECRET_PROJECT_KEYS = ["neonApiKey"];

/** Namespaces other than the project's whose keys pass through to their providers. */
const PASS_THROUGH_NAMESPACES = ["aws", "pulumi", "random"];

/**
 * Names a JavaScript object treats specially: `__proto__` is dropped or turns into the
 * object's prototype when merged, and `constructor`/`prototype` read as inherited members.
 * As a key anywhere in the config they would be lost or misread, so they are refused.
 */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const reservedKey = (where: string, name: string) =>
  `${where}: "${name}" is not allowed as a key name: JavaScript reserves it, and a value under it would be lost or misread`;

const AWS_REGION_SET = new Set(AWS_REGIONS);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CERTIFICATE_ARN = /^arn:aws(-[a-z]+)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;

type Schema = { readonly description?: string; readonly properties?: Record<string, Schema>; readonly additionalProperties?: Schema | boolean; readonly [k: string]: unknown };

const RPS: Schema = { type: "number", exclusiveMinimum: 0, maximum: 1_000_000, description: "a number above 0 (requests per second one instance serves)" };
const PERCENT = (max: number, what: string): Schema => ({ type: "number", minimum: 0, maximum: max, description: `a number from 0 to ${max} (${what})` });

/** `cutlist:capacity`: load-test figures behind the sizing. */
const CAPACITY_SCHEMA: Schema = {
  type: "object",
  description: "an object with rpsPerInstance, rpsByInstanceType and headroom",
  properties: {
    rpsPerInstance: { ...RPS, description: "a number above 0 (requests per second one instance of the web tier's type serves)" },
    rpsByInstanceType: {
      type: "object",
      description: 'an object of instance type → requests per second, e.g. { "t4g.small": 200 }',
      propertyNames: { pattern: "^[a-z][a-z0-9-]*\\.[a-z0-9]+$" },
      additionalProperties: RPS,
    },
    headroom: { type: "number", minimum: 1, maximum: 10, description: "a number from 1 to 10 (1.2 = 20 % headroom)" },
  },
  additionalProperties: false,
};

/**
 * `cutlist:commitments`: discounts the account has bought, applied by the estimator as their
 * own lines (never baked into list prices). Rates are the account's own: AWS quotes them per
 * term, payment option and family, so no rate is assumed here.
 */
const COMMITMENTS_SCHEMA: Schema = {
  type: "object",
  description: "an object with ec2, cloudfrontSecurityBundle and databaseSavingsPlan",
  properties: {
    ec2: {
      type: "object",
      description: "an object with kind, term and discountPercent",
      properties: {
        kind: { enum: ["compute-savings-plan", "ec2-instance-savings-plan", "reserved-instances"], description: 'one of "compute-savings-plan", "ec2-instance-savings-plan", "reserved-instances"' },
        term: { enum: ["1y", "3y"], description: 'one of "1y", "3y"' },
        discountPercent: PERCENT(72, "off on-demand for the always-on instances; EC2 Instance Savings Plans reach 72 % at 3 years"),
      },
      required: ["kind", "term", "discountPercent"],
      additionalProperties: false,
    },
    cloudfrontSecurityBundle: {
      type: "object",
      description: "an object with discountPercent",
      properties: { discountPercent: PERCENT(30, "off CloudFront charges; the bundle gives up to 30 %") },
      required: ["discountPercent"],
      additionalProperties: false,
    },
    databaseSavingsPlan: {
      type: "object",
      description: "an object with term and discountPercent",
      properties: {
        term: { enum: ["1y"], description: '"1y" (the only term offered)' },
        discountPercent: PERCENT(35, "off ElastiCache Serverless (up to 35 %); newer-generation nodes get at most 20 %, t4g none"),
      },
      required: ["term", "discountPercent"],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validateCapacity = ajv.compile(CAPACITY_SCHEMA);
const validateCommitments = ajv.compile(COMMITMENTS_SCHEMA);

/** One message per problem of an object-valued key, naming `key.path`, the value and what is allowed. */
function objectProblems(key: string, schema: Schema, errors: readonly ErrorObject[], value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = e.instancePath.split("/").filter(Boolean).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    let node: Schema | undefined = schema;
    for (const p of path) node = node?.properties?.[p] ?? (typeof node?.additionalProperties === "object" ? node.additionalProperties : undefined);
    const where = [key, ...path].join(".");
    if (e.keyword === "additionalProperties") {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(node?.properties ?? {});
      const hint = suggest(extra, known);
      out.push(`${where}.${extra}: unknown key${hint ? `; did you mean "${hint}"?` : ""} Allowed keys here: ${known.join(", ")}`);
      continue;
    }
    if (e.keyword === "required") {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      out.push(`${where}.${missing}: (missing) is required: must be ${node?.properties?.[missing]?.description ?? "set"}`);
      continue;
    }
    if (e.keyword === "propertyNames") {
      const name = String((e.params as { propertyName: string }).propertyName);
      out.push(`${where}: ${describeValue(name)} is not allowed as a key: must be an EC2 instance type such as "t4g.small"`);
      continue;
    }
    if (e.keyword === "pattern" && e.propertyName !== undefined) continue; // reported through propertyNames
    if (seen.has(where)) continue;
    seen.add(where);
    let v: unknown = value;
    for (const p of path) v = (v as Record<string, unknown> | undefined)?.[p];
    out.push(`${where}: ${describeValue(v)} is not allowed: must be ${node?.description ?? "valid"}`);
  }
  return out;
}

/** A copy of `value` without reserved keys, each reported at its path (iterative: any depth). */
function withoutReservedKeys(key: string, value: unknown, problems: string[]): unknown {
  const root = { value };
  const todo: { from: unknown; into: Record<string, unknown> | unknown[]; slot: string | number; at: string }[] = [{ from: value, into: root as Record<string, unknown>, slot: "value", at: key }];
  for (let item; (item = todo.pop()); ) {
    const { from, into, slot, at } = item;
    let copy: unknown = from;
    if (typeof from === "object" && from !== null) {
      // Children are pushed last-first so they are taken, and their keys inserted, in order.
      const list = Array.isArray(from);
      copy = list ? new Array(from.length) : {};
      const children = Object.entries(from);
      for (let i = children.length - 1; i >= 0; i--) {
        const [k, v] = children[i];
        if (!list && RESERVED_KEYS.has(k)) continue;
        todo.push({ from: v, into: copy as Record<string, unknown>, slot: list ? i : k, at: `${at}.${k}` });
      }
      for (const [k] of children) if (!list && RESERVED_KEYS.has(k)) problems.push(reservedKey(`${at}.${k}`, k));
    }
    (into as Record<string | number, unknown>)[slot] = copy;
  }
  return root.value;
}

function parseJson(key: string, raw: string, problems: string[]): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`${key}: ${describeValue(raw)} is not allowed: must be ${PROJECT_KEYS[key.split(":")[1]]} (YAML mapping)`);
    return undefined;
  }
  return withoutReservedKeys(key, parsed, problems);
}

function parseBoolean(key: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined) return fallback;
  if (raw === "true" || raw === "false") return raw === "true";
  problems.push(`${key}: ${describeValue(raw)} is not allowed: must be true or false`);
  return fallback;
}

/**
 * Advice about a stack's config that does not stop it: a secret key written in plain text.
 * Says nothing without `ctx.secretKeys` (the caller does not know what the file encrypts), and
 * never repeats a secret's value.
 */
export function stackConfigWarnings(values: Readonly<Record<string, string>>, ctx: StackConfigContext): string[] {
  const { project, stack, secretKeys } = ctx;
  if (!secretKeys) return [];
  const warnings: string[] = [];
  for (const key of SECRET_PROJECT_KEYS) {
    const fullKey = `${project}:${key}`;
    const value = Object.hasOwn(values, fullKey) ? values[fullKey] : undefined;
    if (value === undefined || value === "" || secretKeys.includes(fullKey)) continue;
    warnings.push(`${fullKey} is in plain text in the stack file, readable by anyone who can read the file; store it encrypted: pulumi config set --secret ${fullKey} <key> --stack ${stack} (and rotate the key if the file was ever shared)`);
  }
  return warnings;
}

/**
 * Checks raw stack config (`namespace:key` → string, as Pulumi passes it) and resolves the
 * profile. Pure: tests and the plan call it directly. Throws `ConfigError`. Linear in the
 * number of keys (a stack file may hold thousands of stray ones).
 */
export function parseStackConfig(values: Readonly<Record<string, string>>, ctx: StackConfigContext): StackConfig {
  const { project, stack } = ctx;
  const problems: string[] = [];
  const get = (key: string): string | undefined => (Object.hasOwn(values, `${project}:${key}`) ? values[`${project}:${key}`] : undefined);
  const projectKeys = Object.keys(PROJECT_KEYS);
  const allowed = projectKeys.map((k) => `${project}:${k}`).join(", ");

  for (const fullKey of Object.keys(values)) {
    const [ns, ...rest] = fullKey.split(":");
    const key = rest.join(":");
    const reserved = [ns, key].find((name) => RESERVED_KEYS.has(name));
    if (reserved !== undefined) {
      problems.push(reservedKey(fullKey, reserved));
      continue;
    }
    // Bytes that were not UTF-8 arrive as U+FFFD when a reader replaced them: the value is not what was meant.
    if (typeof values[fullKey] === "string" && values[fullKey].includes("\uFFFD")) {
      problems.push(`${fullKey}: the value contains U+FFFD, the character that stands in for bytes that are not UTF-8; save the stack file as UTF-8 and write the value again`);
    }
    if (ns === project) {
      if (!Object.hasOwn(PROJECT_KEYS, key)) {
        const hint = suggest(key, projectKeys);
        problems.push(`${fullKey}: unknown key${hint ? `; did you mean "${project}:${hint}"?` : ""} Allowed: ${allowed}`);
      }
    } else if (!PASS_THROUGH_NAMESPACES.includes(ns)) {
      const hint = suggest(ns, [project, ...PASS_THROUGH_NAMESPACES]);
      if (hint) problems.push(`${fullKey}: unknown namespace "${ns}"; did you mean "${hint}:${key}"?`);
    }
  }

  const rawMilestone = get("milestone");
  let milestone: MilestoneId = "m1";
  if (rawMilestone === undefined) problems.push(`${project}:milestone: (missing) is required: must be ${PROJECT_KEYS.milestone}`);
  else if (!isMilestoneId(rawMilestone)) {
    // "M2", " m2", "2" are slips worth naming; "m9" is not one of ours at all.
    const hint = MILESTONE_IDS.find((m) => m === rawMilestone.trim().toLowerCase() || m === `m${rawMilestone.trim()}`);
    problems.push(`${project}:milestone: ${describeValue(rawMilestone)} is not allowed: must be ${PROJECT_KEYS.milestone}${hint ? ` (did you mean "${hint}"?)` : ""}`);
  } else milestone = rawMilestone;

  const region = Object.hasOwn(values, "aws:region") ? values["aws:region"] : undefined;
  if (region === undefined) problems.push(`aws:region: (missing) is required: must be an AWS region such as "us-east-1"`);
  else if (!AWS_REGION_SET.has(region)) {
    const hint = suggest(region, AWS_REGIONS);
    problems.push(`aws:region: ${describeValue(region)} is not allowed: must be an AWS region such as "us-east-1"${hint ? ` (did you mean "${hint}"?)` : ""}`);
  }

  const alertEmail = get("alertEmail");
  if (alertEmail === undefined) problems.push(`${project}:alertEmail: (missing) is required: must be an e-mail address for alarms`);
  else if (!EMAIL.test(alertEmail)) problems.push(`${project}:alertEmail: ${describeValue(alertEmail)} is not allowed: must be an e-mail address such as "oncall@example.com"`);

  const certificateArn = get("certificateArn");
  if (certificateArn !== undefined && !CERTIFICATE_ARN.test(certificateArn)) {
    problems.push(`${project}:certificateArn: ${describeValue(certificateArn)} is not allowed: must be an ACM certificate ARN such as "arn:aws:acm:us-east-1:123456789012:certificate/<uuid>"`);
  }

  let capacityGiven: { rpsPerInstance?: number; rpsByInstanceType?: Record<string, number>; headroom?: number } = {};
  const rawCapacity = get("capacity");
  if (rawCapacity !== undefined) {
    const parsed = parseJson(`${project}:capacity`, rawCapacity, problems);
    if (parsed !== undefined && !validateCapacity(parsed)) problems.push(...objectProblems(`${project}:capacity`, CAPACITY_SCHEMA, validateCapacity.errors ?? [], parsed));
    else if (parsed !== undefined) capacityGiven = parsed as typeof capacityGiven;
  }

  let commitments: Commitments = {};
  const rawCommitments = get("commitments");
  if (rawCommitments !== undefined) {
    const parsed = parseJson(`${project}:commitments`, rawCommitments, problems);
    if (parsed !== undefined && !validateCommitments(parsed)) problems.push(...objectProblems(`${project}:commitments`, COMMITMENTS_SCHEMA, validateCommitments.errors ?? [], parsed));
    else if (parsed !== undefined) commitments = parsed as Commitments;
  }

  const protectData = parseBoolean(`${project}:protectData`, get("protectData"), stack === "prod", problems);

  let overrides: Overrides = {};
  const rawOverrides = get("overrides");
  if (rawOverrides !== undefined) overrides = (parseJson(`${project}:overrides`, rawOverrides, problems) ?? {}) as Overrides;

  let usage: Partial<UsageAssumptions> = {};
  const rawUsage = get("usage");
  if (rawUsage !== undefined) {
    const parsed = parseJson(`${project}:usage`, rawUsage, problems);
    if (parsed !== undefined) {
      const checked = checkUsageAssumptions(parsed, `${project}:usage`);
      for (const p of checked.problems) problems.push(p);
      usage = checked.assumptions;
    }
  }

  // The profile is checked even when other keys failed, so one run reports every problem.
  let profile: ScaleProfile | undefined;
  try {
    profile = resolveProfile(milestone, overrides);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const p of e.problems) problems.push(p);
  }
  if (problems.length > 0 || !profile) throw new ConfigError(problems);

  // A measured rpsPerInstance is the web tier's own type; the table covers the rest.
  const capacity: CapacityAssumptions = {
    headroom: capacityGiven.headroom ?? DEFAULT_CAPACITY_ASSUMPTIONS.headroom,
    rpsByInstanceType: {
      ...DEFAULT_CAPACITY_ASSUMPTIONS.rpsByInstanceType,
      ...(capacityGiven.rpsByInstanceType ?? {}),
      ...(capacityGiven.rpsPerInstance !== undefined ? { [profile.app.instanceType]: capacityGiven.rpsPerInstance } : {}),
    },
  };

  return {
    project,
    stack,
    milestone,
    region: region!,
    alertEmail: alertEmail!,
    certificateArn,
    capacity,
    commitments,
    protectData,
    neonApiKey: get("neonApiKey"),
    usage,
    overrides,
    profile,
    warnings: stackConfigWarnings(values, ctx),
  };
}

/** Reads the running stack's config from the Pulumi runtime. */
export function loadStackConfig(): StackConfig {
  const all = pulumi.runtime.allConfig();
  return parseStackConfig(all, { project: pulumi.getProject(), stack: pulumi.getStack() });
}
