/**
 * Cost policies. They price the stack with the plan's own estimator (`cost/estimate.ts`):
 * the `PolicyResource[]` of a stack validation become a `Recording`, the usage profile is
 * the milestone's (learned from the resources' `milestone` tag, or from config), and the
 * budget is the milestone's approved budget (the catalog's `costBand.approvedUsd`: the seed band
 * ceiling unless the optimizer proved no configuration meeting the guardrails fits the band)
 * unless `budgetUsd` or `budgetsUsd` says otherwise. The budgets
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
import { DEFAULT_CAPACITY_ASSUMPTIONS, MILESTONE_IDS, MILESTONES, type CapacityAssumptions, type MilestoneId } from "../stacks/milestones";
import { parseStackConfig, type StackConfig } from "../stacks/config";
import { recordingOf } from "./recording";
import { configOf, MILESTONE_CONFIG, projectOfUrn, resolveMilestone, stackOfUrn, usd, type ConfigSchema, type MilestoneSource, type StackValidationArgs } from "./util";
import { registerPolicy } from "./registry";
import { foreignReason, isOurStack } from "./ours";

export interface BudgetConfig {
  /** Monthly budget in USD; default: the milestone's entry in `budgetsUsd`, else its approved budget. */
  readonly budgetUsd?: number;
  /** Approved monthly budget per milestone (m1..m4), USD, for a stack promoted through them. */
  readonly budgetsUsd?: Partial<Record<MilestoneId, number>>;
  /** Milestone whose usage profile and band apply; default: the resources' `milestone` tag. */
  readonly milestone?: MilestoneId;
  /** Requests/s one web instance serves (load tests), whatever its type; sizes the expected instance count. Default: the catalog's table. */
  readonly rpsPerInstance?: number;
}

const BUDGET_SCHEMA: ConfigSchema = {
  properties: {
    budgetUsd: { type: "number", minimum: 0, description: `Monthly budget, USD, whatever the milestone. Default: the milestone's entry in budgetsUsd, else its approved budget (${MILESTONE_IDS.map((m) => `${m} ${usd(MILESTONES[m].costBand.approvedUsd)}`).join(", ")}; the seed band ceilings are ${MILESTONE_IDS.map((m) => usd(MILESTONES[m].costBand.maxUsd)).join(", ")}).` },
    budgetsUsd: {
      type: "object",
      properties: Object.fromEntries(MILESTONE_IDS.map((m) => [m, { type: "number", minimum: 0 }])),
      additionalProperties: false,
      description: "Approved monthly budget per milestone, USD (e.g. {\"m2\": 85}); a milestone without an entry keeps its approved budget.",
    },
    milestone: MILESTONE_CONFIG,
    rpsPerInstance: {
      type: "number",
      minimum: 1,
      description: "Requests per second one web instance serves (from load tests); sets the expected instance count of the usage profile. Default: the catalog's figure for the instance type.",
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

// Stack configs a host already parsed for these resources (the offline plan's, overrides included).
const providedConfigs = new WeakMap<readonly PolicyResource[], StackConfig>();

/** Makes the policies read `cfg` as the stack's config for `resources` (the offline runner passes the plan's). */
export function provideStackConfig(resources: readonly PolicyResource[], cfg: StackConfig): void {
  providedConfigs.set(resources, cfg);
}

/** The stack's config: the one the host provided, else the Pulumi CLI's PULUMI_CONFIG (see stackConfigOf). */
export function stackConfigFor(resources: readonly PolicyResource[]): StackConfig | undefined {
  return providedConfigs.get(resources) ?? stackConfigOf(resources);
}

/** The stack's capacity assumptions (`cutlist:capacity`, merged with the catalog's table), when its config is known. */
export function stackCapacity(resources: readonly PolicyResource[]): CapacityAssumptions | undefined {
  return stackConfigFor(resources)?.capacity;
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
  const stackConfig = stackConfigFor(resources);
  const web = MILESTONES[milestone.milestone ?? "m1"].app.instanceType;
  const capacity: CapacityAssumptions = config.rpsPerInstance === undefined
    ? DEFAULT_CAPACITY_ASSUMPTIONS
    : { ...DEFAULT_CAPACITY_ASSUMPTIONS, rpsByInstanceType: { ...DEFAULT_CAPACITY_ASSUMPTIONS.rpsByInstanceType, [web]: config.rpsPerInstance } };
  const profile = !milestone.milestone
    ? DEFAULT_USAGE_PROFILE
    : stackConfig && stackConfig.milestone === milestone.milestone
      ? usageProfile(stackConfig.profile, stackConfig.usage, stackConfig.capacity, stackConfig.commitments)
      : usageProfile(milestone.milestone, {}, capacity);
  const key = `${profile.id}|${config.rpsPerInstance ?? "table"}`;
  let byKey = cache.get(resources);
  if (!byKey) cache.set(resources, (byKey = new Map()));
  let est = byKey.get(key);
  if (!est) byKey.set(key, (est = estimate(recordingOf(resources), profile)));
  return { estimate: est, profile: profile.id, milestone, ...budgetOf(milestone, config) };
}

/** The budget that applies and where it comes from: budgetUsd, then budgetsUsd[milestone], then the catalog's approved budget. */
function budgetOf(milestone: MilestoneSource, config: BudgetConfig): { budgetUsd?: number; budgetSource?: string } {
  const m = milestone.milestone;
  const approved = m ? config.budgetsUsd?.[m] : undefined;
  if (config.budgetUsd !== undefined) return { budgetUsd: config.budgetUsd, budgetSource: "budgetUsd" };
  if (m && approved !== undefined) return { budgetUsd: approved, budgetSource: `budgetsUsd.${m}; seed band ceiling ${usd(MILESTONES[m].costBand.maxUsd)}` };
  if (!m) return {};
  const band = MILESTONES[m].costBand;
  return band.approvedUsd === band.maxUsd
    ? { budgetUsd: band.maxUsd, budgetSource: `${m} seed band ceiling` }
    : { budgetUsd: band.approvedUsd, budgetSource: `${m} approved budget; seed band ceiling ${usd(band.maxUsd)}` };
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
  description: "The stack's expected monthly cost, priced with the plan's estimator and the milestone's usage profile, stays within the budget (default: the milestone's approved budget, the seed band ceiling unless the optimizer proved a gap).",
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

export const cloudfrontFlatRateAllowance: StackValidationPolicy = registerPolicy("cost", {
  name: "cloudfront-flat-rate-allowance",
  description: "A distribution on a CloudFront flat-rate plan carries the month's expected requests and data within the plan's allowance: flat-rate plans have no overage charge, but past the allowance AWS may reduce the distribution's performance.",
  enforcementLevel: "advisory",
  configSchema: { properties: { milestone: MILESTONE_CONFIG } },
  validateStack: (args, reportViolation) => {
    const cfg = configOf<{ milestone?: MilestoneId }>({ properties: { milestone: MILESTONE_CONFIG } }, args);
    const cost = stackCost(args.resources, { milestone: cfg.milestone });
    const planned = cost.estimate.resources.filter((r) => r.metrics?.plan_requests_allowance !== undefined);
    if (planned.length === 0) args.notApplicable("no distribution on a flat-rate plan");
    for (const r of planned) {
      const m = r.metrics!;
      const over: string[] = [];
      if (m.requests !== undefined && m.requests > m.plan_requests_allowance) over.push(`${fmt(m.requests)} requests against ${fmt(m.plan_requests_allowance)}`);
      if (m.data_transfer_gb !== undefined && m.data_transfer_gb > m.plan_data_transfer_gb_allowance) over.push(`${fmt(m.data_transfer_gb)} GB against ${fmt(m.plan_data_transfer_gb_allowance)} GB`);
      if (over.length) {
        reportViolation(`Keep distribution ${r.name} within its flat-rate plan's monthly allowance, or choose a larger plan or pay as you go; it expects ${over.join(" and ")}, past which AWS may reduce its performance.`, r.urn);
      }
    }
  },
});

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

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
    const cost = stackCost(args.resources, { milestone: cfg.milestone });
    for (const r of cost.estimate.notPriced) {
      if (cfg.ignoreTypes.includes(r.type)) continue;
      reportViolation(`Price ${r.type} (${r.name}) or list it in ignoreTypes; it is not priced: ${r.reason}.`, r.urn);
    }
  },
});
