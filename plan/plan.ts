/**
 * One stack's plan: its recording at a base milestone and at a target milestone, both priced,
 * diffed, with per-resource cost deltas, totals and the seed's cost band. Renderers
 * (`plan/render/*`) turn `StackPlan[]` into text; nothing here prints.
 */
import * as path from "path";
import { DEFAULT_USAGE_PROFILE, estimate, type Estimate, type ResourceEstimate, type UsageProfile } from "../cost";
import { usageProfile } from "../stacks/usageProfile";
import { evaluatePolicies, type PolicyPackConfigFile, type Verdict } from "./guardrails/offline";
import { parseStackConfig } from "../stacks/config";
import { sub } from "../model/money";
import type { PricedStatus } from "../cost/types";
import { MILESTONE_IDS, MILESTONES, isMilestoneId, nextMilestone, type CostBand, type MilestoneId } from "../stacks/milestones";
import { diffRecordings, type ChangeKind, type PlanDiff, type ResourceChange } from "./diff";
import { recordStack } from "./record";
import { ProjectError, readProject, readStackConfig } from "./stackFiles";
import type { Recording } from "../model/records";
import { REPO_ROOT } from "./root";

/** A guardrail's answer about a plan (plan/guardrails/offline.ts). */
export type { Verdict };

/** One resource's change and cost before → after. */
export interface ResourceCostDelta {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  /** Top-level component ("app", "cache"…); undefined for top-level and account-wide lines. */
  readonly component?: string;
  /** The diff's kind; account-wide lines (data transfer) get one from their presence. */
  readonly kind: ChangeKind;
  /** Deleting or replacing it would lose data. */
  readonly stateful: boolean;
  /** The diff entry (undefined for account-wide lines). */
  readonly change?: ResourceChange;
  readonly before?: ResourceEstimate;
  readonly after?: ResourceEstimate;
  /** Priced status on the side that exists (after, else before). */
  readonly priced: PricedStatus;
  readonly monthlyBefore: number;
  readonly monthlyAfter: number;
  readonly monthlyDelta: number;
  readonly worstCaseBefore: number;
  readonly worstCaseAfter: number;
  readonly worstCaseDelta: number;
  /** A line of either side depends on usage nobody supplied. */
  readonly hasUnknownUsage: boolean;
}

/** Expected and worst-case monthly cost of the stack at one milestone. */
export interface MilestoneCost {
  readonly milestone: MilestoneId;
  readonly monthlyCost: number;
  readonly worstCaseMonthlyCost: number;
  readonly band: CostBand;
}

export interface StackPlan {
  readonly project: string;
  readonly stack: string;
  /** Program directory (absolute). */
  readonly dir: string;
  /** True for a program that is not ours in shape (no valid `<project>:milestone`). */
  readonly foreign: boolean;
  /** Milestone of the base side; undefined for a foreign program. */
  readonly baseMilestone?: MilestoneId;
  /** Milestone of the target side; undefined for a foreign program. */
  readonly milestone?: MilestoneId;
  /** Base and target are the same configuration (e.g. at m4 with no next milestone). */
  readonly single: boolean;
  readonly diff: PlanDiff;
  readonly baseEstimate: Estimate;
  readonly estimate: Estimate;
  /** Per cloud resource (and account-wide line), in target order then deleted ones. */
  readonly resources: readonly ResourceCostDelta[];
  readonly totalMonthlyDelta: number;
  readonly totalWorstCaseDelta: number;
  /** The seed's cost band of the target milestone. */
  readonly band?: CostBand;
  /** Expected cost at every milestone (only when asked for: it records the stack four times). */
  readonly milestoneCosts?: readonly MilestoneCost[];
  /** Guardrail verdicts on the target (and, for plan-only policies, on the change). */
  readonly verdicts: readonly Verdict[];
  /** Remarks worth showing (e.g. a --milestone a foreign program ignores). */
  readonly notes: readonly string[];
}

export interface PlanOptions {
  /** Program directory; default: this repository. */
  readonly dir?: string;
  readonly stack: string;
  /** Target milestone; default: the configured milestone's next one (or itself at the last). */
  readonly milestone?: string;
  /** Base milestone; default: the configured one. */
  readonly baseMilestone?: string;
  /** Also compute the expected cost at every milestone m1..m4 (for the markdown chart). */
  readonly milestoneCosts?: boolean;
  /** Policy-pack config (the `--policy-pack-config` file's shape), already loaded and checked. */
  readonly policyConfig?: PolicyPackConfigFile;
  /** `--allow-data-loss`: deleting or replacing a stateful resource becomes advisory. */
  readonly allowDataLoss?: boolean;
  /** Seconds a program that is not ours may run before it is stopped (record-foreign.ts). */
  readonly timeoutSeconds?: number;
}

const OUR_DIR = REPO_ROOT;

function checkMilestone(flag: string, value: string | undefined): MilestoneId | undefined {
  if (value === undefined || isMilestoneId(value)) return value;
  throw new ProjectError(`${flag}: ${JSON.stringify(value)} is not allowed: must be one of ${MILESTONE_IDS.join(", ")}`);
}

/**
 * Recordings made in this process, by program directory, stack and milestone: planning every
 * stack against every milestone records each combination once (the stack files are read once
 * per process too, so a stale entry cannot arise within one run). Recordings are not mutated.
 */
const recordings = new Map<string, Promise<Recording>>();

function recordOnce(dir: string, stack: string, milestone?: MilestoneId, timeoutSeconds?: number): Promise<Recording> {
  const key = JSON.stringify([dir, stack, milestone ?? null]);
  let rec = recordings.get(key);
  if (!rec) {
    rec = recordStack({ dir, stack, milestone, timeoutSeconds });
    recordings.set(key, rec);
    rec.catch(() => recordings.delete(key)); // a failed run is retried, not cached
  }
  return rec;
}

/** True when a mandatory verdict failed in any plan: the CLI's exit code 1. */
export function mandatoryFailed(plans: readonly StackPlan[]): boolean {
  return plans.some((p) => p.verdicts.some((v) => v.mandatory && !v.passed));
}

/**
 * The usage profile of one recording of our program: derived from the profile the program
 * actually ran with (milestone + the stack's overrides), the stack's capacity assumptions and
 * its `cutlist:usage` assumptions, so an override such as `cdn.mode: static` changes the
 * traffic it is priced with.
 */
export function usageFor(rec: Recording, project: string): UsageProfile {
  const cfg = parseStackConfig(rec.config, { project, stack: rec.stack });
  return usageProfile(cfg.profile, cfg.usage, cfg.capacity);
}

/** Joins the diff and both estimates by URN. */
export function costDeltas(diff: PlanDiff, base: Estimate, head: Estimate): ResourceCostDelta[] {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const after = new Map(head.resources.map((r) => [r.urn, r]));
  const row = (urn: string, kind: ChangeKind, stateful: boolean, change: ResourceChange | undefined, b?: ResourceEstimate, a?: ResourceEstimate): ResourceCostDelta => {
    const any = (a ?? b)!;
    const monthlyBefore = b?.monthlyCost ?? 0;
    const monthlyAfter = a?.monthlyCost ?? 0;
    const worstCaseBefore = b?.worstCaseMonthlyCost ?? 0;
    const worstCaseAfter = a?.worstCaseMonthlyCost ?? 0;
    return {
      urn,
      name: change?.name ?? any.name,
      type: change?.type ?? any.type,
      component: change?.component ?? any.component,
      kind,
      stateful,
      change,
      before: b,
      after: a,
      priced: any.priced,
      monthlyBefore,
      monthlyAfter,
      monthlyDelta: sub(monthlyAfter, monthlyBefore),
      worstCaseBefore,
      worstCaseAfter,
      worstCaseDelta: sub(worstCaseAfter, worstCaseBefore),
      hasUnknownUsage: Boolean(b?.hasUnknownUsage || a?.hasUnknownUsage),
    };
  };
  const rows: ResourceCostDelta[] = [];
  const seen = new Set<string>();
  const deleted: ResourceCostDelta[] = [];
  for (const c of diff.changes) {
    seen.add(c.urn);
    const r = row(c.urn, c.kind, c.stateful, c, before.get(c.urn), after.get(c.urn));
    (c.kind === "delete" ? deleted : rows).push(r);
  }
  // Account-wide lines (data transfer) are not declared resources, so the diff does not see them.
  for (const a of head.resources) {
    if (!a.synthetic || seen.has(a.urn)) continue;
    seen.add(a.urn);
    rows.push(row(a.urn, before.has(a.urn) ? "same" : "create", false, undefined, before.get(a.urn), a));
  }
  for (const b of base.resources) {
    if (!b.synthetic || seen.has(b.urn)) continue;
    deleted.push(row(b.urn, "delete", false, undefined, b, undefined));
  }
  return [...rows, ...deleted];
}

/** Records the stack at every milestone and prices each (reusing recordings already made). */
async function costsPerMilestone(dir: string, project: string, stack: string, known: ReadonlyMap<MilestoneId, Recording>, timeoutSeconds?: number): Promise<MilestoneCost[]> {
  const out: MilestoneCost[] = [];
  for (const m of MILESTONE_IDS) {
    const rec = known.get(m) ?? (await recordOnce(dir, stack, m, timeoutSeconds));
    const est = estimate(rec, usageFor(rec, project));
    out.push({ milestone: m, monthlyCost: est.totalMonthlyCost, worstCaseMonthlyCost: est.totalWorstCaseMonthlyCost, band: MILESTONES[m].costBand });
  }
  return out;
}

/**
 * Plans one stack: base (configured milestone, or `baseMilestone`) against target
 * (`milestone`, or the next milestone; at the last one the stack is planned alone).
 * Throws ProjectError / ConfigError for user errors.
 */
export async function planStack(options: PlanOptions): Promise<StackPlan> {
  const dir = path.resolve(options.dir ?? OUR_DIR);
  const project = readProject(dir);
  const { stack } = options;
  const wantTarget = checkMilestone("--milestone", options.milestone);
  const wantBase = checkMilestone("--base-milestone", options.baseMilestone);
  const configured = readStackConfig(project, stack).config[`${project.name}:milestone`];
  const notes: string[] = [];

  // Our own program validates its config (a missing or bad milestone is a ConfigError there);
  // any other program without a valid milestone key is planned as written, with default usage.
  const foreign = dir !== OUR_DIR && !isMilestoneId(configured);
  if (foreign) {
    if (wantTarget || wantBase) notes.push(`${project.name} has no ${project.name}:milestone in Pulumi.${stack}.yaml; milestones ignored, priced with the default usage profile`);
    const rec = await recordOnce(dir, stack, undefined, options.timeoutSeconds);
    notes.push(...(rec.notes ?? []));
    const est = estimate(rec, DEFAULT_USAGE_PROFILE);
    const diff = diffRecordings(rec, rec);
    const verdicts = await evaluatePolicies({ recording: rec, estimate: est, config: options.policyConfig, allowDataLoss: options.allowDataLoss });
    return {
      project: project.name, stack, dir, foreign: true, single: true, diff,
      baseEstimate: est, estimate: est, resources: costDeltas(diff, est, est),
      totalMonthlyDelta: 0, totalWorstCaseDelta: 0, verdicts, notes,
    };
  }

  // For our program recordStack raises the ConfigError of a bad configured milestone.
  const baseRec = await recordOnce(dir, stack, wantBase, options.timeoutSeconds);
  const base = (wantBase ?? (isMilestoneId(baseRec.config[`${project.name}:milestone`]) ? baseRec.config[`${project.name}:milestone`] : undefined)) as MilestoneId | undefined;
  if (!base) throw new ProjectError(`stack "${stack}": ${project.name}:milestone must be one of ${MILESTONE_IDS.join(", ")}`);
  const target = wantTarget ?? nextMilestone(base) ?? base;
  if (!wantTarget && target === base) notes.push(`${base} is the last milestone: planned alone`);
  const single = target === base;
  const headRec = single ? baseRec : await recordOnce(dir, stack, target, options.timeoutSeconds);
  notes.push(...new Set([...(baseRec.notes ?? []), ...(headRec.notes ?? [])]));

  const baseEstimate = estimate(baseRec, usageFor(baseRec, project.name));
  const headEstimate = single ? baseEstimate : estimate(headRec, usageFor(headRec, project.name));
  const diff = diffRecordings(baseRec, headRec);
  const verdicts = await evaluatePolicies({
    recording: headRec,
    ...(single ? {} : { base: baseRec, diff, baseEstimate }),
    estimate: headEstimate,
    config: options.policyConfig,
    allowDataLoss: options.allowDataLoss,
  });
  const recordings = new Map<MilestoneId, Recording>([[base, baseRec], [target, headRec]]);
  return {
    project: project.name,
    stack,
    dir,
    foreign: false,
    baseMilestone: base,
    milestone: target,
    single,
    diff,
    baseEstimate,
    estimate: headEstimate,
    resources: costDeltas(diff, baseEstimate, headEstimate),
    totalMonthlyDelta: sub(headEstimate.totalMonthlyCost, baseEstimate.totalMonthlyCost),
    totalWorstCaseDelta: sub(headEstimate.totalWorstCaseMonthlyCost, baseEstimate.totalWorstCaseMonthlyCost),
    band: MILESTONES[target].costBand,
    ...(options.milestoneCosts ? { milestoneCosts: await costsPerMilestone(dir, project.name, stack, recordings, options.timeoutSeconds) } : {}),
    verdicts,
    notes,
  };
}

/** Where an expected cost sits against a band. */
export function bandStatus(cost: number, band: CostBand): "below" | "within" | "over" {
  return cost < band.minUsd ? "below" : cost > band.maxUsd ? "over" : "within";
}
