/**
 * The optimizer: the cheapest configuration of one stack at one milestone that passes every
 * mandatory guardrail, searched over a typed option space (`optionSpace.ts`) with the plan's
 * own machinery: each candidate is the stack recorded with its `cutlist:overrides`, priced by
 * the estimator with the stack's usage profile and checked by the guardrails. There is no
 * second cost model; the only shortcut is a lower bound (list prices of what a candidate
 * keeps running all month, never above its real cost) that skips candidates which cannot beat
 * the best found.
 *
 * Search: the parts of the stack (web tier, cache, CDN, database, queue) are searched in turn,
 * every option of a part with the other parts at their best so far, until a whole pass
 * changes nothing; then every combination of each part's two best options is evaluated, which
 * catches parts that interact (a cache changes the database's load, the CDN the load
 * balancer's). Candidates are compared by: passes every mandatory guardrail, then fewer failed
 * mandatory guardrails, then expected monthly cost, then worst case.
 */
import { estimate } from "../cost";
import { cents, sub, sum } from "../model/money";
import type { ResourceRecord } from "../model/records";
import type { Overrides } from "../stacks/milestones";
import { ConfigError } from "../stacks/problems";
import { evaluatePolicies, type PolicyPackConfigFile, type Verdict } from "./guardrails/offline";
import { configOf, usageOfConfig } from "./plan";
import { recordStack } from "./record";
import { mergeOverrides, type OptionGroup } from "./optionSpace";
import { groupBy } from "../model/groupBy";

/** One evaluated configuration. */
export interface Evaluation {
  /** The full `cutlist:overrides` it ran with (the stack's own, then the options'). */
  readonly overrides: Overrides;
  /** The chosen option of each group, by group name. */
  readonly choice: Readonly<Record<string, string>>;
  /** False when the config checks refuse the combination (then `invalidReason` says why). */
  readonly valid: boolean;
  readonly invalidReason?: string;
  readonly expectedMonthlyCost: number;
  readonly worstCaseMonthlyCost: number;
  /** Mandatory verdicts that failed. */
  readonly failed: readonly Verdict[];
  /** Advisory verdicts that failed (warnings). */
  readonly warnings: readonly Verdict[];
  /** The largest cost lines, for the report. */
  readonly lineItems: readonly LineItem[];
}

export interface LineItem {
  readonly resource: string;
  readonly type: string;
  readonly component?: string;
  readonly monthlyCost: number;
}

export interface OptimizeOptions {
  readonly stack: string;
  readonly milestone: string;
  /** Program directory; default: this repository. */
  readonly dir?: string;
  /** The guardrail config (the plan's `--policy-config`). */
  readonly policyConfig?: PolicyPackConfigFile;
  /** The stack's own `cutlist:overrides` (from its stack file), kept under every candidate. */
  readonly baseOverrides?: Overrides;
  /** The option space; default: the milestone's (`optionSpace`). */
  readonly space: readonly OptionGroup[];
  /** How many passing alternatives to report after the best. Default 3. */
  readonly alternatives?: number;
  /** Lower bound of a candidate's expected monthly cost (list prices of what it keeps running). */
  readonly lowerBound?: (overrides: Overrides) => number;
}

export interface OptimizeResult {
  readonly stack: string;
  readonly milestone: string;
  /** The cheapest evaluation passing every mandatory guardrail; undefined when none does. */
  readonly best?: Evaluation;
  readonly alternatives: readonly Evaluation[];
  /** Evaluations cheaper than the best that failed, each with the guardrails it broke. */
  readonly rejected: readonly Evaluation[];
  /** With no passing candidate: the one closest to passing (fails only the budget, else fewest failed guardrails; then cheapest). */
  readonly closest?: Evaluation;
  /**
   * With no passing candidate: the cheapest one that fails only budget guardrails, i.e. what
   * the milestone costs at least with every other guardrail held (the gap to approve).
   */
  readonly cheapestOverBudget?: Evaluation;
  /** Guardrails that no evaluated candidate passed. */
  readonly unmet: readonly string[];
  readonly stats: { readonly evaluated: number; readonly invalid: number; readonly pruned: number; readonly seconds: number };
}

type Choice = number[];

/**
 * Guardrails that only say "too expensive": a candidate failing nothing else is feasible, and
 * the cheapest such one is the budget the milestone needs (the proven gap when none passes).
 */
export const BUDGET_POLICIES: ReadonlySet<string> = new Set(["cost-monthly-budget"]);

/** Fails nothing but budget guardrails (and at least one of them). */
export function onlyOverBudget(e: Evaluation): boolean {
  return e.valid && e.failed.length > 0 && e.failed.every((v) => BUDGET_POLICIES.has(v.policy));
}

/** Ranks: passes everything, then fails only the budget, then fewer failures; then cost, worst case. */
function better(a: Evaluation, b: Evaluation): boolean {
  if (a.valid !== b.valid) return a.valid;
  const pa = a.failed.length === 0;
  const pb = b.failed.length === 0;
  if (pa !== pb) return pa;
  const ba = onlyOverBudget(a);
  const bb = onlyOverBudget(b);
  if (ba !== bb) return ba;
  if (!pa && !ba && a.failed.length !== b.failed.length) return a.failed.length < b.failed.length;
  if (a.expectedMonthlyCost !== b.expectedMonthlyCost) return a.expectedMonthlyCost < b.expectedMonthlyCost;
  return a.worstCaseMonthlyCost < b.worstCaseMonthlyCost;
}

function lineItems(resources: readonly { name: string; type: string; component?: string; monthlyCost: number }[]): LineItem[] {
  return [...resources]
    .filter((r) => r.monthlyCost !== 0)
    .sort((a, b) => Math.abs(b.monthlyCost) - Math.abs(a.monthlyCost))
    .map((r) => ({ resource: r.name, type: r.type, ...(r.component ? { component: r.component } : {}), monthlyCost: cents(r.monthlyCost) }));
}

/** Searches the option space; see the module comment. */
export async function optimize(options: OptimizeOptions): Promise<OptimizeResult> {
  const started = Date.now();
  const groups = options.space.filter((g) => g.options.length > 0);
  const cache = new Map<string, Promise<Evaluation>>();
  let pruned = 0;

  const overridesOf = (choice: Choice): Overrides =>
    groups.reduce((acc, g, i) => mergeOverrides(acc, g.options[choice[i]].overrides), options.baseOverrides ?? {});
  const choiceOf = (choice: Choice) => Object.fromEntries(groups.map((g, i) => [g.name, g.options[choice[i]].label]));

  const evaluate = (choice: Choice): Promise<Evaluation> => {
    const overrides = overridesOf(choice);
    const key = JSON.stringify(overrides);
    let e = cache.get(key);
    if (!e) {
      e = evaluateOverrides(options, overrides, choiceOf(choice));
      cache.set(key, e);
    }
    return e;
  };

  // The cheapest feasible candidate so far: passing, or failing only the budget. A cheaper
  // feasible one would pass wherever this one does, so nothing at or above it can matter.
  let feasible: Evaluation | undefined;
  const consider = (e: Evaluation) => {
    if ((e.failed.length === 0 || onlyOverBudget(e)) && e.valid && (!feasible || e.expectedMonthlyCost < feasible.expectedMonthlyCost)) feasible = e;
  };
  /** Skips a candidate that cannot beat the cheapest feasible one (its lower bound is not below it). */
  const skip = (choice: Choice): boolean => {
    if (!feasible || !options.lowerBound) return false;
    const lb = options.lowerBound(overridesOf(choice));
    if (lb >= feasible.expectedMonthlyCost) {
      pruned++;
      return true;
    }
    return false;
  };

  // Coordinate descent from the catalog's own choice (each group's first option).
  let current: Choice = groups.map(() => 0);
  let currentEval = await evaluate(current);
  consider(currentEval);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (let g = 0; g < groups.length; g++) {
      for (let o = 0; o < groups[g].options.length; o++) {
        if (o === current[g]) continue;
        const next = [...current];
        next[g] = o;
        if (skip(next)) continue;
        const e = await evaluate(next);
        consider(e);
        if (better(e, currentEval)) {
          current = next;
          currentEval = e;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }

  // Interactions: every combination of each group's two best options around the optimum.
  const top: number[][] = [];
  for (let g = 0; g < groups.length; g++) {
    const scored: { o: number; e: Evaluation }[] = [];
    for (let o = 0; o < groups[g].options.length; o++) {
      const next = [...current];
      next[g] = o;
      const key = JSON.stringify(overridesOf(next));
      const e = cache.get(key);
      if (e) scored.push({ o, e: await e });
    }
    scored.sort((a, b) => (better(a.e, b.e) ? -1 : better(b.e, a.e) ? 1 : 0));
    top.push(scored.slice(0, 2).map((s) => s.o));
  }
  const combos: Choice[] = top.reduce<Choice[]>((acc, opts) => acc.flatMap((c) => opts.map((o) => [...c, o])), [[]]);
  for (const combo of combos) {
    if (skip(combo)) continue;
    consider(await evaluate(combo));
  }

  const all = await Promise.all(cache.values());
  const valid = all.filter((e) => e.valid);
  const passing = valid.filter((e) => e.failed.length === 0).sort((a, b) => (better(a, b) ? -1 : 1));
  const distinct = (list: Evaluation[]) => list.filter((e, i) => list.findIndex((x) => JSON.stringify(x.overrides) === JSON.stringify(e.overrides)) === i);
  const chosen = passing[0];
  const cheapestOverBudget = chosen ? undefined : valid.filter(onlyOverBudget).sort((a, b) => (better(a, b) ? -1 : 1))[0];
  // Cheaper candidates that failed, each with what it broke: below the answer, or (when
  // nothing passes) below the cheapest that breaks only the budget.
  const ceiling = (chosen ?? cheapestOverBudget)?.expectedMonthlyCost ?? Infinity;
  const rejected = distinct(valid.filter((e) => e.failed.length > 0 && e !== cheapestOverBudget && e.expectedMonthlyCost < ceiling))
    .sort((a, b) => a.expectedMonthlyCost - b.expectedMonthlyCost);
  const closest = chosen ? undefined : [...valid].sort((a, b) => (better(a, b) ? -1 : 1))[0];
  const passedSomewhere = new Set<string>();
  const failedSomewhere = new Set<string>();
  for (const e of valid) for (const v of e.failed) failedSomewhere.add(v.policy);
  for (const e of valid) {
    const failed = new Set(e.failed.map((v) => v.policy));
    for (const p of failedSomewhere) if (!failed.has(p)) passedSomewhere.add(p);
  }
  return {
    stack: options.stack,
    milestone: options.milestone,
    best: chosen,
    alternatives: distinct(passing.slice(1)).slice(0, options.alternatives ?? 3),
    rejected: rejected.slice(0, 10),
    closest,
    cheapestOverBudget,
    unmet: chosen ? [] : [...failedSomewhere].filter((p) => !passedSomewhere.has(p)).sort(),
    stats: { evaluated: all.length, invalid: all.length - valid.length, pruned, seconds: Math.round((Date.now() - started) / 100) / 10 },
  };
}

/** Records, prices and checks one configuration (the plan's path for one stack at one milestone). */
export async function evaluateOverrides(options: Pick<OptimizeOptions, "stack" | "milestone" | "dir" | "policyConfig">, overrides: Overrides, choice: Readonly<Record<string, string>> = {}): Promise<Evaluation> {
  let rec;
  try {
    rec = await recordStack({ dir: options.dir, stack: options.stack, milestone: options.milestone, config: { "cutlist:overrides": JSON.stringify(overrides) } });
  } catch (e) {
    if (e instanceof ConfigError) {
      return { overrides, choice, valid: false, invalidReason: e.problems.join("; "), expectedMonthlyCost: 0, worstCaseMonthlyCost: 0, failed: [], warnings: [], lineItems: [] };
    }
    throw e;
  }
  const cfg = configOf(rec, rec.project);
  const est = estimate(rec, usageOfConfig(cfg));
  const verdicts = await evaluatePolicies({ recording: rec, estimate: est, stackConfig: cfg, config: options.policyConfig });
  const components = new Map<string, ResourceRecord>();
  for (const r of rec.resources) components.set(r.urn, r);
  return {
    overrides,
    choice,
    valid: true,
    expectedMonthlyCost: est.totalMonthlyCost,
    worstCaseMonthlyCost: est.totalWorstCaseMonthlyCost,
    failed: verdicts.filter((v) => v.mandatory && !v.passed),
    warnings: verdicts.filter((v) => !v.mandatory && !v.passed && v.enforcementLevel !== "disabled"),
    lineItems: lineItems(est.resources),
  };
}

/** Expected cost difference of `a` over `b`, exact. */
export function costDifference(a: Evaluation, b: Evaluation): number {
  return sub(a.expectedMonthlyCost, b.expectedMonthlyCost);
}

/** Sum of line items by component, for the report. */
export function costByComponent(e: Evaluation): Record<string, number> {
  const out = groupBy(e.lineItems, (l) => l.component ?? "(account)");
  return Object.fromEntries([...out].map(([k, items]) => [k, sum(items.map((l) => l.monthlyCost))]));
}
