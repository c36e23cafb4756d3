/**
 * Cost policies. They price the stack with the plan's own estimator (`cost/estimate.ts`):
 * the `PolicyResource[]` of a stack validation become a `Recording`, the usage profile is
 * the milestone's (learned from the resources' `milestone` tag, or from config), and the
 * budget is the milestone's seed band ceiling unless `budgetUsd` says otherwise. The budgets
 * are this repository's: on another program (policies/ours.ts) they apply only with a
 * configured `budgetUsd` or `milestone`.
 *
 * `cost-increase-limit` needs the diff against a base, which CrossGuard does not give a
 * policy: it is a plan-only check (plan/guardrails/planPolicies.ts), run by the offline plan.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_USAGE_PROFILE, estimate, type Estimate } from "../cost";
import { usageProfile } from "../stacks/usageProfile";
import { sub } from "../model/money";
import { DEFAULT_CAPACITY_ASSUMPTIONS, MILESTONE_IDS, MILESTONES, type MilestoneId } from "../stacks/milestones";
import { parseStackConfig, type StackConfig } from "../stacks/config";
import { recordingOf } from "./recording";
import { configOf, MILESTONE_CONFIG, projectOfUrn, resolveMilestone, stackOfUrn, usd, type ConfigSchema, type MilestoneSource, type StackValidationArgs } from "./util";
import { registerPolicy } from "./registry";
import { foreignReason, isOurStack } from "./ours";

export interface BudgetConfig {
  /** Monthly budget in USD; default: the milestone's entry in `budgetsUsd`, else its seed band ceiling. */
  readonly budgetUsd?: number;
  /** Approved monthly budget per milestone (m1..m4), USD, for a stack promoted through them. */
  readonly budgetsUsd?: Partial<Record<MilestoneId, number>>;
  /** Milestone whose usage profile and band apply; default: the resources' `milestone` tag. */
  readonly milestone?: MilestoneId;
  /** Requests/s one app instance serves (load tests); sizes the expected instance count. */
  readonly rpsPerInstance: number;
}

const BUDGET_SCHEMA: ConfigSchema = {
  properties: {
    budgetUsd: { type: "number", minimum: 0, description: "Monthly budget, USD, whatever the milestone. Default: the milestone's entry in budgetsUsd, else its seed cost band ceiling (m1 $30, m2 $60, m3 $120, m4 $250)." },
    budgetsUsd: {
      type: "object",
      properties: Object.fromEntries(MILESTONE_IDS.map((m) => [m, { type: "number", minimum: 0 }])),
      additionalProperties: false,
      description: "Approved monthly budget per milestone, USD (e.g. {\"m2\": 85}); a milestone without an entry keeps its seed band ceiling.",
    },
    milestone: MILESTONE_CONFIG,
    rpsPerInstance: {
      type: "number",
      minimum: 1,
      default: DEFAULT_CAPACITY_ASSUMPTIONS.rpsPerInstance,
      description: "Requests per second one app instance serves (from load tests); sets the expected instance count of the usage profile.",
    },
  },
};

/** What a cost policy priced: the estimate, its usage profile and the budget that applies. */
export interface StackCost {
  readonly estimate: Estimate;
  /** Id of the usage profile the estimate used. */
  readonly profile: string;
  readonly milestone: MilestoneSource;
  readonly budgetUsd?: number;
  /** Where the budget came from, for messages ("budgetUsd", "m2 seed band ceiling"). */
  readonly budgetSource?: string;
}

// One estimate per (resources, milestone, rps) — the offline runner hands every stack policy
// the same array, so the three cost policies price the stack once.
const cache = new WeakMap<readonly PolicyResource[], Map<string, Estimate>>();

// Estimates a host already made for exactly these resources: the offline plan prices with the
// stack's own overrides, capacity and usage config, which a pack in `pulumi preview` cannot see.
const provided = new WeakMap<readonly PolicyResource[], Estimate>();

/** Makes the cost policies use `est` for `resources` (the offline runner passes the plan's). */
export function provideEstimate(resources: readonly PolicyResource[], est: Estimate): void {
  provided.set(resources, est);
}

/**
 * The stack's own config, when the Pulumi CLI runs this pack: it hands the stack's config to
 * the pack as JSON in PULUMI_CONFIG. With it the policies price with the stack's overrides,
 * `cutlist:capacity` and `cutlist:usage`, as the plan does; without it (or for a program that
 * is not ours, or a config the program itself would refuse) with the milestone's defaults.
 */
function stackConfigOf(resources: readonly PolicyResource[]): StackConfig | undefined {
  const raw = process.env.PULUMI_CONFIG;
  const urn = resources[0]?.urn;
  if (!raw || !urn) return undefined;
  const project = projectOfUrn(urn);
  const stack = stackOfUrn(urn);
  try {
    const values = JSON.parse(raw) as Record<string, string>;
    if (!project || !stack || typeof values !== "object" || values === null || values[`${project}:milestone`] === undefined) return undefined;
    return parseStackConfig(values, { project, stack });
  } catch {
    return undefined;
  }
}

/** Prices a stack validation's resources as the plan would (see the module comment). */
export function stackCost(resources: readonly PolicyResource[], config: BudgetConfig): StackCost {
  const milestone = resolveMilestone(config.milestone, resources);
  const given = provided.get(resources);
  if (given) return { ...budgetOf(milestone, config), estimate: given, profile: given.usageProfile, milestone };
  const stackConfig = stackConfigOf(resources);
  const profile = !milestone.milestone
    ? DEFAULT_USAGE_PROFILE
    : stackConfig && stackConfig.milestone === milestone.milestone
      ? usageProfile(stackConfig.profile, stackConfig.usage, stackConfig.capacity)
      : usageProfile(milestone.milestone, {}, { ...DEFAULT_CAPACITY_ASSUMPTIONS, rpsPerInstance: config.rpsPerInstance });
  const key = `${profile.id}|${config.rpsPerInstance}`;
  let byKey = cache.get(resources);
  if (!byKey) cache.set(resources, (byKey = new Map()));
  let est = byKey.get(key);
  if (!est) byKey.set(key, (est = estimate(recordingOf(resources), profile)));
  return { estimate: est, profile: profile.id, milestone, ...budgetOf(milestone, config) };
}

/** The budget that applies and where it comes from: budgetUsd, then budgetsUsd[milestone], then the band. */
function budgetOf(milestone: MilestoneSource, config: BudgetConfig): { budgetUsd?: number; budgetSource?: string } {
  const m = milestone.milestone;
  const approved = m ? config.budgetsUsd?.[m] : undefined;
  if (config.budgetUsd !== undefined) return { budgetUsd: config.budgetUsd, budgetSource: "budgetUsd" };
  if (m && approved !== undefined) return { budgetUsd: approved, budgetSource: `budgetsUsd.${m}; seed band ceiling ${usd(MILESTONES[m].costBand.maxUsd)}` };
  return m ? { budgetUsd: MILESTONES[m].costBand.maxUsd, budgetSource: `${m} seed band ceiling` } : {};
}

/** "app $31.20, cache $23.36, db $19.35": the largest resources, for a violation message. */
function largest(est: Estimate, worstCase: boolean, n = 3): string {
  return [...est.resources]
    .map((r) => ({ name: `${r.name} (${r.type.split(":").pop()})`, cost: worstCase ? r.worstCaseMonthlyCost : r.monthlyCost }))
    .filter((r) => r.cost > 0)
    .sort((a, b) => b.cost - a.cost)
    .slice(0, n)
    .map((r) => `${r.name} ${usd(r.cost)}`)
    .join(", ");
}

function budgeted(policy: string, args: StackValidationArgs): StackCost & { budgetUsd: number; budgetSource: string } {
  const cfg = configOf<BudgetConfig>(BUDGET_SCHEMA, args);
  // Milestone bands are this repository's budgets: another program opts in with its own figure.
  if (cfg.budgetUsd === undefined && cfg.milestone === undefined && !isOurStack(args.resources)) {
    args.notApplicable(foreignReason(args.resources[0]?.urn, policy, ["budgetUsd", "milestone"]));
  }
  const cost = stackCost(args.resources, cfg);
  if (cost.budgetUsd === undefined || cost.budgetSource === undefined) {
    args.notApplicable("no budget: set budgetUsd in the policy config or tag resources with a milestone (m1..m4)");
  }
  return cost as StackCost & { budgetUsd: number; budgetSource: string };
}

export const costMonthlyBudget: StackValidationPolicy = registerPolicy("cost", {
  name: "cost-monthly-budget",
  description: "The stack's expected monthly cost, priced with the plan's estimator and the milestone's usage profile, stays within the budget (default: the milestone's seed cost band ceiling).",
  enforcementLevel: "mandatory",
  configSchema: BUDGET_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cost = budgeted("cost-monthly-budget", args);
    const total = cost.estimate.totalMonthlyCost;
    if (total > cost.budgetUsd) {
      reportViolation(
        `Keep the expected monthly cost within ${usd(cost.budgetUsd)} (${cost.budgetSource}); it is ${usd(total)}, ${usd(sub(total, cost.budgetUsd))} over (largest: ${largest(cost.estimate, false)}).`,
      );
    }
  },
});

export const costWorstCaseBudget: StackValidationPolicy = registerPolicy("cost", {
  name: "cost-worst-case-budget",
  description: "The stack's worst-case monthly cost (every Auto Scaling group at its maximum) stays within the budget; advisory, as the maximum is headroom rarely used.",
  enforcementLevel: "advisory",
  configSchema: BUDGET_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cost = budgeted("cost-worst-case-budget", args);
    const total = cost.estimate.totalWorstCaseMonthlyCost;
    if (total > cost.budgetUsd) {
      reportViolation(
        `Keep the worst-case monthly cost (every group at its maximum) within ${usd(cost.budgetUsd)} (${cost.budgetSource}); it is ${usd(total)}, ${usd(sub(total, cost.budgetUsd))} over (largest: ${largest(cost.estimate, true)}).`,
      );
    }
  },
});

const PRICED_SCHEMA: ConfigSchema = {
  properties: {
    milestone: MILESTONE_CONFIG,
    ignoreTypes: { type: "array", items: { type: "string" }, default: [], description: "Type tokens to accept without a price." },
  },
};

export const costResourcesPriced: StackValidationPolicy = registerPolicy("cost", {
  name: "cost-resources-priced",
  description: "Every resource is priced or known to be free, so the budget checks see the whole bill; a resource nobody priced is reported, never counted as $0 silently.",
  enforcementLevel: "advisory",
  configSchema: PRICED_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<{ milestone?: MilestoneId; ignoreTypes: string[] }>(PRICED_SCHEMA, args);
    const cost = stackCost(args.resources, { milestone: cfg.milestone, rpsPerInstance: DEFAULT_CAPACITY_ASSUMPTIONS.rpsPerInstance });
    for (const r of cost.estimate.notPriced) {
      if (cfg.ignoreTypes.includes(r.type)) continue;
      reportViolation(`Price ${r.type} (${r.name}) or list it in ignoreTypes; it is not priced: ${r.reason}.`, r.urn);
    }
  },
});
