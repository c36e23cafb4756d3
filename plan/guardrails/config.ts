/**
 * Policy-pack config, the file `pulumi preview --policy-pack-config <file>` takes:
 *
 * ```json
 * { "all": "advisory",
 *   "cost-monthly-budget": "advisory",
 *   "capacity-fleet-throughput": { "enforcementLevel": "mandatory", "rpsPerInstance": 150 } }
 * ```
 *
 * A key is a policy name (or "all"); a value is an enforcement level, or an object with an
 * optional `enforcementLevel` and the policy's config properties. The offline runner checks
 * the file against every policy's `configSchema` (plus the plan-only policies') and fails
 * with a message that names the key, the value and what is allowed. It is stricter than the
 * engine, which passes unknown policy names through: a typo should not silently turn a check
 * off. Plan-only policies (not in the pack) need an explicit `enforcementLevel` in an object
 * entry: the engine hands their entry to the pack with an empty level, which it refuses.
 */
import Ajv, { type ErrorObject } from "ajv";
import * as fs from "fs";
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import { suggest } from "../../model/suggest";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** One policy's entry: a level, or a level and properties. */
export type PolicyConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

/** The file's shape. */
export type PolicyPackConfigFile = Record<string, PolicyConfigEntry>;

/** A config problem: exit code 2 in the plan CLI, like other input errors. */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

/** What a policy runs with: its level and its properties (schema defaults filled in). */
export interface EffectivePolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

function describe(value: unknown): string {
  return value === undefined ? "missing" : JSON.stringify(value);
}

function didYouMean(key: string, options: readonly string[]): string {
  const best = suggest(key, options);
  return best !== undefined ? `did you mean "${best}"? ` : "";
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<Policy, ReturnType<typeof ajv.compile>>();

function validatorOf(policy: Policy) {
  let v = validators.get(policy);
  if (!v) {
    v = ajv.compile({
      type: "object",
      properties: { ...(policy.configSchema?.properties ?? {}), enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] } },
      required: policy.configSchema?.required ?? [],
      additionalProperties: false,
    });
    validators.set(policy, v);
  }
  return v;
}

function ajvMessage(policy: Policy, entry: Record<string, unknown>, e: ErrorObject): string {
  const path = e.instancePath.replace(/^\//, "").split("/").filter(Boolean);
  const where = [`"${policy.name}"`, ...path].join(".");
  if (e.keyword === "additionalProperties") {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    // Nested objects (e.g. budgetsUsd) list their own keys; the top level adds enforcementLevel.
    let schema: { properties?: Record<string, unknown> } | undefined = policy.configSchema;
    for (const p of path) schema = schema?.properties?.[p] as typeof schema;
    const allowed = [...(path.length ? [] : ["enforcementLevel"]), ...Object.keys(schema?.properties ?? {})];
    return `${where}.${key}: unknown key; ${didYouMean(key, allowed)}allowed keys: ${allowed.join(", ")}`;
  }
  if (e.keyword === "required") {
    const key = String((e.params as { missingProperty: string }).missingProperty);
    return `"${policy.name}".${key}: missing; the policy requires it`;
  }
  let value: unknown = entry;
  for (const p of path) value = (value as Record<string, unknown> | undefined)?.[p];
  const allowed = e.keyword === "enum" ? `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(", ")}` : e.message ?? "invalid";
  return `${where}: ${describe(value)} is not allowed: ${allowed}`;
}

/**
 * Checks a config object against the policies' schemas; returns it typed, or throws a
 * PolicyConfigError listing every problem. `source` names the file in messages.
 */
export function validatePolicyConfig(raw: unknown, policies: readonly Policy[], source = "policy-pack config", planOnly: readonly Policy[] = []): PolicyPackConfigFile {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new PolicyConfigError(`${source}: ${describe(raw)} is not allowed: must be an object of policy name → enforcement level or settings`);
  }
  const byName = new Map([...policies, ...planOnly].map((p) => [p.name, p]));
  const planOnlyNames = new Set(planOnly.map((p) => p.name));
  const names = ["all", ...byName.keys()];
  const problems: string[] = [];
  const levels = ENFORCEMENT_LEVELS.map((l) => JSON.stringify(l)).join(", ");
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const policy = byName.get(key);
    if (!policy && key !== "all") {
      problems.push(`"${key}": unknown policy; ${didYouMean(key, names)}policies: ${names.join(", ")}`);
      continue;
    }
    if (typeof value === "string") {
      if (!(ENFORCEMENT_LEVELS as readonly string[]).includes(value)) problems.push(`"${key}": ${describe(value)} is not allowed: must be one of ${levels}`);
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.push(`"${key}": ${describe(value)} is not allowed: must be an enforcement level (${levels}) or an object of settings`);
      continue;
    }
    if (!policy) {
      const extra = Object.keys(value).filter((k) => k !== "enforcementLevel");
      if (extra.length) problems.push(`"all".${extra[0]}: unknown key; "all" takes only enforcementLevel`);
      const level = (value as Record<string, unknown>).enforcementLevel;
      if (level !== undefined && !(ENFORCEMENT_LEVELS as readonly unknown[]).includes(level)) problems.push(`"all".enforcementLevel: ${describe(level)} is not allowed: must be one of ${levels}`);
      continue;
    }
    if (planOnlyNames.has(key) && (value as Record<string, unknown>).enforcementLevel === undefined) {
      // The engine passes names it does not know to the pack with an empty level, which it refuses.
      problems.push(`"${key}".enforcementLevel: missing; a plan-only policy's settings need an explicit level, or \`pulumi preview --policy-pack-config\` refuses the file`);
    }
    const validate = validatorOf(policy);
    if (!validate(value)) problems.push(...(validate.errors ?? []).map((e) => ajvMessage(policy, value as Record<string, unknown>, e)));
  }
  if (problems.length) throw new PolicyConfigError(`${source}: invalid policy config:\n  - ${problems.join("\n  - ")}`);
  return raw as PolicyPackConfigFile;
}

/** Reads and checks a `--policy-pack-config` JSON file. */
export function loadPolicyConfig(file: string, policies: readonly Policy[], planOnly: readonly Policy[] = []): PolicyPackConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new PolicyConfigError(`${file}: cannot read the policy config: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PolicyConfigError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  return validatePolicyConfig(raw, policies, file, planOnly);
}

/**
 * A policy's level and properties under a config, as the engine reconciles them: schema
 * defaults, then "all"'s level, then the policy's own entry.
 */
export function effectiveConfig(policy: Policy, config: PolicyPackConfigFile, packLevel: EnforcementLevel): EffectivePolicyConfig {
  const properties: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(policy.configSchema?.properties ?? {})) if (s.default !== undefined) properties[k] = s.default;
  let level: EnforcementLevel = policy.enforcementLevel ?? packLevel;
  const all = config.all;
  if (typeof all === "string") level = all;
  else if (all?.enforcementLevel) level = all.enforcementLevel;
  const own = config[policy.name];
  if (typeof own === "string") level = own;
  else if (own) {
    const { enforcementLevel, ...props } = own;
    if (enforcementLevel) level = enforcementLevel;
    Object.assign(properties, props);
  }
  return { enforcementLevel: level, properties };
}
