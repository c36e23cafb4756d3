/**
 * The policy pack, offline: runs every pack policy on a recording (no engine, no cloud) the
 * way the analyzer would — `validateResource` per resource with @pulumi/policy-shaped
 * arguments, `validateStack` once with every resource linked — plus the plan-only policies
 * on the diff, and returns one verdict per violation, or one passed verdict per policy.
 *
 * Config is the `--policy-pack-config` file's shape (see config.ts), checked against the
 * policies' schemas. This module never imports `index.ts` (that would start the server).
 */
import type { EnforcementLevel, Policy, ResourceValidation } from "@pulumi/policy";
import type { Estimate } from "../../cost";
import { diffRecordings, type PlanDiff } from "../diff";
import type { Recording } from "../../model/records";
import { NotApplicableError, policyResourcesOf, resourceValidationArgs, stackValidationArgs } from "./args";
import { effectiveConfig, loadPolicyConfig, validatePolicyConfig, type PolicyPackConfigFile } from "./config";
import { costMonthlyBudget, provideEstimate, provideStackConfig, stackCost, type BudgetConfig } from "../../policies/cost";
import type { StackConfig } from "../../stacks/config";
import { PACK_ENFORCEMENT_LEVEL, PACK_POLICIES, type PackPolicy } from "../../policies/pack";
import { PLAN_POLICIES } from "./planPolicies";
import type { PlanPolicy, PlanViolationOptions } from "./planPolicy";
import { configOf, type ConfigSchema } from "../../policies/util";

/** A guardrail's answer. A failed mandatory verdict makes the plan exit 1. */
export interface Verdict {
  /** Kebab-case policy name. */
  readonly policy: string;
  /** The level the verdict counts at (after config; "remediate" counts as mandatory). */
  readonly enforcementLevel: "advisory" | "mandatory" | "disabled";
  /** `!passed && mandatory` fails the plan. */
  readonly mandatory: boolean;
  readonly passed: boolean;
  /** A violation: one imperative sentence with the required and the actual value. A pass: a short summary. */
  readonly message: string;
  /** The resource concerned; undefined for stack-wide verdicts. */
  readonly urn?: string;
  readonly resourceName?: string;
  readonly resourceType?: string;
}

export interface EvaluateOptions {
  /** The head recording: what the program declares. */
  readonly recording: Recording;
  /** The base recording (PR base, or the configured milestone before a promotion). */
  readonly base?: Recording;
  /** base → head; computed from `base` when omitted. */
  readonly diff?: PlanDiff;
  /** Estimates of head and base for `cost-increase-limit`; priced like the cost policies when omitted. */
  readonly estimate?: Estimate;
  readonly baseEstimate?: Estimate;
  /** `--allow-data-loss`: stateful deletes/replaces become advisory. */
  readonly allowDataLoss?: boolean;
  /** `--policy-pack-config` contents (validated here); default: every policy's defaults. */
  readonly config?: PolicyPackConfigFile;
  /** Pulumi Cloud stack tags, for policies that read them. */
  readonly stackTags?: Readonly<Record<string, string>>;
  /** The stack's parsed config (our stacks): policies size and price with its capacity, usage and commitments. */
  readonly stackConfig?: StackConfig;
}

/** Reads and validates a `--policy-pack-config` file against every policy (pack and plan-only). */
export function loadPolicyPackConfig(file: string): PolicyPackConfigFile {
  return loadPolicyConfig(file, PACK_POLICIES, PLAN_POLICIES);
}

/** Validates a config object against every policy (pack and plan-only). */
export function checkPolicyPackConfig(raw: unknown, source?: string): PolicyPackConfigFile {
  return validatePolicyConfig(raw, PACK_POLICIES, source, PLAN_POLICIES);
}

type Level = Verdict["enforcementLevel"];

function countedLevel(level: EnforcementLevel): Level {
  return level === "remediate" ? "mandatory" : level;
}

/** Collects one policy's outcome into verdicts. */
class Collector {
  readonly violations: Verdict[] = [];
  readonly notApplicable = new Set<string>();
  checked = 0;
  constructor(private readonly policy: Policy, readonly level: Level) {}

  report(message: string, target?: { urn: string; name: string; type: string }, override?: PlanViolationOptions): void {
    const level = override?.enforcementLevel ?? this.level;
    this.violations.push({
      policy: this.policy.name,
      enforcementLevel: level,
      mandatory: level === "mandatory",
      passed: false,
      message,
      ...(target ? { urn: target.urn, resourceName: target.name, resourceType: target.type } : {}),
    });
  }

  /**
   * Runs one validation call: violations collected, not-applicable noted, any other error
   * reported as a violation at the policy's level. True when the policy applied.
   */
  async run(call: () => unknown, target?: { urn: string; name: string; type: string }): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (e) {
      if (e instanceof NotApplicableError) {
        this.notApplicable.add(e.reason);
        return false;
      }
      this.report(`Fix policy ${this.policy.name}: it failed${target ? ` on ${target.name}` : ""} with ${(e as Error).message}.`, target);
      return true;
    }
  }

  verdicts(kind: string): Verdict[] {
    if (this.violations.length) return this.violations;
    const reasons = [...this.notApplicable];
    const message =
      this.checked === 0
        ? `Not applicable: ${reasons.slice(0, 3).join("; ") || `no ${kind}`}.`
        : kind === "resources"
          ? `Passed: ${this.checked} resource${this.checked === 1 ? "" : "s"} checked.`
          : "Passed.";
    return [{ policy: this.policy.name, enforcementLevel: this.level, mandatory: this.level === "mandatory", passed: true, message }];
  }
}

function disabled(policy: Policy): Verdict {
  return { policy: policy.name, enforcementLevel: "disabled", mandatory: false, passed: true, message: "Disabled by the policy-pack config." };
}

/** The type token a `validateResourceOfType` function is restricted to, if any. */
function typeOfValidation(v: ResourceValidation): string | undefined {
  const t = (v as { __pulumiType?: unknown }).__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

function isStackPolicy(p: PackPolicy): p is Extract<PackPolicy, { validateStack: unknown }> {
  return typeof (p as { validateStack?: unknown }).validateStack === "function";
}

/**
 * Runs the pack (and, given a base or a diff, the plan-only policies) on a recording.
 * Throws PolicyConfigError for a bad config.
 */
export async function evaluatePolicies(options: EvaluateOptions): Promise<Verdict[]> {
  const config = options.config ? checkPolicyPackConfig(options.config) : {};
  const stackTags = new Map(Object.entries(options.stackTags ?? {}));
  const resources = policyResourcesOf(options.recording);
  // The cost policies then judge the very estimate the plan shows.
  if (options.estimate) provideEstimate(resources, options.estimate);
  if (options.stackConfig) provideStackConfig(resources, options.stackConfig);
  const verdicts: Verdict[] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));

  for (const policy of PACK_POLICIES) {
    const eff = effectiveConfig(policy, config, PACK_ENFORCEMENT_LEVEL);
    if (eff.enforcementLevel === "disabled") {
      verdicts.push(disabled(policy));
      continue;
    }
    const c = new Collector(policy, countedLevel(eff.enforcementLevel));
    if (isStackPolicy(policy)) {
      const args = stackValidationArgs(resources, { config: eff.properties, stackTags });
      c.checked += Number(await c.run(() =>
        policy.validateStack(args, (message, urn) => {
          const r = urn ? byUrn.get(urn) : undefined;
          c.report(message, urn ? { urn, name: r?.name ?? urn.split("::").pop() ?? urn, type: r?.type ?? "" } : undefined);
        }),
      ));
      verdicts.push(...c.verdicts("stack"));
      continue;
    }
    const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    // Validations by the type they are restricted to (once per policy: stacks have 10,000s of resources).
    const types = new Set(validations.map(typeOfValidation));
    const untyped = validations.filter((v) => typeOfValidation(v) === undefined);
    const forType = (type: string) => (types.has(type) ? validations.filter((v) => [undefined, type].includes(typeOfValidation(v))) : untyped);
    const applicableByType = new Map<string, ResourceValidation[]>();
    for (const record of options.recording.resources) {
      const target = { urn: record.urn, name: record.name, type: record.type };
      let applicable = applicableByType.get(record.type);
      if (!applicable) applicableByType.set(record.type, (applicable = forType(record.type)));
      if (applicable.length === 0) {
        c.notApplicable.add(`no ${[...types].join(" or ")} resources`);
        continue;
      }
      const args = resourceValidationArgs(record, { config: eff.properties, stackTags });
      // A resource counts once however many validations looked at it.
      let ran = false;
      for (const v of applicable) if (await c.run(() => v(args, (message) => c.report(message, target)), target)) ran = true;
      if (ran) c.checked++;
    }
    verdicts.push(...c.verdicts("resources"));
  }

  verdicts.push(...(await evaluatePlanPolicies(options, config, resources)));
  return verdicts;
}

async function evaluatePlanPolicies(options: EvaluateOptions, config: PolicyPackConfigFile, resources: ReturnType<typeof policyResourcesOf>): Promise<Verdict[]> {
  const out: Verdict[] = [];
  const diff = options.diff ?? (options.base ? diffRecordings(options.base, options.recording) : undefined);
  // Price like the cost policies when the caller brings no estimates.
  const budget = effectiveConfig(costMonthlyBudget, config, PACK_ENFORCEMENT_LEVEL).properties;
  const costConfig = configOf<BudgetConfig>(costMonthlyBudget.configSchema as ConfigSchema, { getConfig: <T extends object>() => budget as T });
  let estimate = options.estimate;
  let baseEstimate = options.baseEstimate;
  const needsCost = () => {
    estimate ??= stackCost(resources, costConfig).estimate;
    if (options.base) baseEstimate ??= stackCost(policyResourcesOf(options.base), costConfig).estimate;
  };

  const byUrn = new Map([...(options.base?.resources ?? []), ...options.recording.resources].map((r) => [r.urn, r]));
  for (const policy of PLAN_POLICIES) {
    const eff = effectiveConfig(policy, config, PACK_ENFORCEMENT_LEVEL);
    if (eff.enforcementLevel === "disabled") {
      out.push(disabled(policy));
      continue;
    }
    const c = new Collector(policy, countedLevel(eff.enforcementLevel));
    needsCost();
    const args: Parameters<PlanPolicy["validatePlan"]>[0] = {
      recording: options.recording,
      base: options.base,
      diff,
      estimate: estimate!,
      baseEstimate,
      allowDataLoss: options.allowDataLoss ?? false,
      getConfig: <T extends object>() => ({ ...eff.properties }) as T,
      notApplicable: (reason?: string): never => {
        throw new NotApplicableError(reason ?? "not applicable");
      },
    };
    c.checked += Number(await c.run(() =>
      policy.validatePlan(args, (message, urn, override) => {
        const r = urn ? byUrn.get(urn) : undefined;
        c.report(message, urn ? { urn, name: r?.name ?? urn, type: r?.type ?? "" } : undefined, override);
      }),
    ));
    out.push(...c.verdicts("plan"));
  }
  return out;
}

export { PolicyConfigError, type PolicyPackConfigFile } from "./config";

/** True when a mandatory verdict failed: the plan's exit code 1. */
export function hasMandatoryFailure(verdicts: readonly Verdict[]): boolean {
  return verdicts.some((v) => v.mandatory && !v.passed);
}
