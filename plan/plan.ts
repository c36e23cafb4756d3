/**
 * One stack's plan: its recording at a base milestone and at a target milestone, both priced,
 * diffed, with per-resource cost deltas, totals and the seed's cost band. Renderers
 * (`plan/render/*`) turn `StackPlan[]` into text; nothing here prints.
 */
import * as path from "path";
import { DEFAULT_USAGE_PROFILE, estimate, type Estimate, type ResourceEstimate, type UsageProfile, type UsageRule } from "../cost";
import { usageProfile } from "../stacks/usageProfile";
import { evaluatePolicies, type PolicyPackConfigFile, type Verdict } from "./guardrails/offline";
import { parseStackConfig, type StackConfig } from "../stacks/config";
import { sub } from "../model/money";
import type { PricedStatus } from "../cost/types";
import { MILESTONE_IDS, MILESTONES, isMilestoneId, nextMilestone, type CostBand, type MilestoneId } from "../stacks/milestones";
import { diffRecordings, type ChangeKind, type PlanDiff, type ResourceChange } from "./diff";
import { costReason } from "./costReason";
import { recordStack } from "./record";
import { expandRemoteComponents, type ExpandedRecording } from "./remoteComponents";
import { ProjectError, readProject, readStackConfig } from "./stackFiles";
import type { Recording } from "../model/records";
import { REPO_ROOT } from "./root";
import { withDeployedValues } from "./ingest/deployedValues";
import type { DeployedState } from "./ingest/stackExport";
import { usageFileRules, type UsageFile } from "./usageFile";
import { compareRegion, type RegionComparison } from "./compareRegion";
import { withUsage } from "../cost/usage";

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
  /**
   * Why the cost changes when no input does (usage that moves with the milestone, a free
   * allowance now used elsewhere), e.g. "usage: 122 → 243 LCU-hours (Load balancer capacity
   * units)"; undefined when the row's inputs explain it or its cost does not change.
   */
  readonly costReason?: string;
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
  /**
   * What the two sides are when they are not two milestones of a program, e.g. "deployed" →
   * "preview" for `--preview-json`, "deployed" → "m2" for `--state`.
   */
  readonly sides?: { readonly base: string; readonly head: string };
  /** `--compare-region`: the head priced in another region. */
  readonly compareRegion?: RegionComparison;
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
  /**
   * `--state`: what is deployed (a `pulumi stack export`), the base instead of a milestone:
   * the program as it is now (at its configured milestone, or `milestone`) is compared with it.
   */
  readonly deployed?: DeployedState;
  /** Seconds a program that is not ours may run before it is stopped (record-foreign.ts). */
  readonly timeoutSeconds?: number;
  /** `--usage-file`: usage per resource and type, applied after the stack's own profile. */
  readonly usageFile?: UsageFile;
  /** `--compare-region`: also price the head as if deployed in this region. */
  readonly compareRegion?: string;
}

/** The usage file's rules for these recordings (checked against them first); none without a file. */
function fileRules(file: UsageFile | undefined, recordings: readonly Recording[]): UsageRule[] {
  return file ? usageFileRules(file, recordings) : [];
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
 * Each comes with its remote components expanded (plan/remoteComponents.ts).
 */
const recordings = new Map<string, Promise<ExpandedRecording>>();

function recordExpanded(dir: string, stack: string, milestone?: MilestoneId, timeoutSeconds?: number): Promise<ExpandedRecording> {
  const key = JSON.stringify([dir, stack, milestone ?? null]);
  let rec = recordings.get(key);
  if (!rec) {
    // The recorder's own notes (functions answered as unknown, …) first, then the expansion's.
    rec = recordStack({ dir, stack, milestone, timeoutSeconds }).then((r) => {
      const expanded = expandRemoteComponents(r);
      return { ...expanded, notes: [...(r.notes ?? []), ...expanded.notes] };
    });
    recordings.set(key, rec);
    rec.catch(() => recordings.delete(key)); // a failed run is retried, not cached
  }
  return rec;
}

async function recordOnce(dir: string, stack: string, milestone?: MilestoneId, timeoutSeconds?: number): Promise<Recording> {
  return (await recordExpanded(dir, stack, milestone, timeoutSeconds)).recording;
}

/** What the expansion of remote components said about these recordings, each line once. */
async function expansionNotes(dir: string, stack: string, milestones: readonly (MilestoneId | undefined)[]): Promise<string[]> {
  const notes = await Promise.all(milestones.map(async (m) => (await recordExpanded(dir, stack, m)).notes));
  return [...new Set(notes.flat())];
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
  return usageOfConfig(configOf(rec, project));
}

/** The parsed config a recording of our program ran with. */
export function configOf(rec: Recording, project: string): StackConfig {
  return parseStackConfig(rec.config, { project, stack: rec.stack });
}

/** The usage profile of a parsed stack config. */
export function usageOfConfig(cfg: StackConfig): UsageProfile {
  return usageProfile(cfg.profile, cfg.usage, cfg.capacity, cfg.commitments);
}

/** A plan's costs: the diff and both estimates, their rows joined by URN, and the total deltas. */
export function costComparison(diff: PlanDiff, baseEstimate: Estimate, estimate: Estimate): Pick<StackPlan, "diff" | "baseEstimate" | "estimate" | "resources" | "totalMonthlyDelta" | "totalWorstCaseDelta"> {
  return {
    diff,
    baseEstimate,
    estimate,
    resources: costDeltas(diff, baseEstimate, estimate),
    totalMonthlyDelta: sub(estimate.totalMonthlyCost, baseEstimate.totalMonthlyCost),
    totalWorstCaseDelta: sub(estimate.totalWorstCaseMonthlyCost, baseEstimate.totalWorstCaseMonthlyCost),
  };
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
  const all = [...rows, ...deleted];
  return all.map((r) => {
    const reason = costReason(r, all);
    return reason ? { ...r, costReason: reason } : r;
  });
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
  if (options.deployed) return planAgainstDeployed({ ...options, deployed: options.deployed }, dir, project.name, foreign, wantTarget, wantBase, notes);
  if (foreign) {
    if (wantTarget || wantBase) notes.push(`${project.name} has no ${project.name}:milestone in Pulumi.${stack}.yaml; milestones ignored, priced with the default usage profile`);
    const rec = await recordOnce(dir, stack, undefined, options.timeoutSeconds);
    notes.push(...(await expansionNotes(dir, stack, [undefined])));
    const profile = withUsage(DEFAULT_USAGE_PROFILE, fileRules(options.usageFile, [rec]));
    const est = estimate(rec, profile);
    const diff = diffRecordings(rec, rec);
    const verdicts = await evaluatePolicies({ recording: rec, estimate: est, config: options.policyConfig, allowDataLoss: options.allowDataLoss });
    return {
      project: project.name, stack, dir, foreign: true, single: true,
      ...costComparison(diff, est, est), verdicts, notes,
      ...(options.compareRegion ? { compareRegion: compareRegion(rec, profile, est, options.compareRegion) } : {}),
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
  notes.push(...(await expansionNotes(dir, stack, single ? [wantBase] : [wantBase, target])));

  // One check of the usage file for both sides.
  const rules = fileRules(options.usageFile, [baseRec, headRec]);
  const baseEstimate = estimate(baseRec, withUsage(usageFor(baseRec, project.name), rules));
  const headConfig = configOf(headRec, project.name);
  const headProfile = withUsage(usageOfConfig(headConfig), rules);
  const headEstimate = single ? baseEstimate : estimate(headRec, headProfile);
  const diff = diffRecordings(baseRec, headRec);
  const verdicts = await evaluatePolicies({
    recording: headRec,
    ...(single ? {} : { base: baseRec, diff, baseEstimate }),
    estimate: headEstimate,
    stackConfig: headConfig,
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
    ...costComparison(diff, baseEstimate, headEstimate),
    band: MILESTONES[target].costBand,
    ...(options.milestoneCosts ? { milestoneCosts: await costsPerMilestone(dir, project.name, stack, recordings, options.timeoutSeconds) } : {}),
    verdicts,
    notes,
    ...(options.compareRegion ? { compareRegion: compareRegion(headRec, headProfile, headEstimate, options.compareRegion) } : {}),
  };
}

/**
 * `--state`: the deployed state (base) against the program as recorded now (head). Values the
 * cloud computes are taken from the state (see ingest/deployedValues.ts); both sides are
 * priced with the head's usage profile, as the state carries no configuration.
 */
async function planAgainstDeployed(
  options: PlanOptions & { deployed: DeployedState },
  dir: string,
  projectName: string,
  foreign: boolean,
  wantTarget: MilestoneId | undefined,
  wantBase: MilestoneId | undefined,
  notes: string[],
): Promise<StackPlan> {
  const { stack, deployed } = options;
  const label = deployed.label;
  if (wantBase) throw new ProjectError(`--base-milestone: not with --state (the base is what ${label} says is deployed)`);
  if (deployed.project !== undefined && (deployed.project !== projectName || deployed.stack !== stack)) {
    throw new ProjectError(`--state: ${label} is the state of project "${deployed.project}", stack "${deployed.stack}"; this plan is of project "${projectName}", stack "${stack}"`);
  }
  notes.push(...deployed.notes);
  if (foreign && wantTarget) notes.push(`${projectName} has no ${projectName}:milestone in Pulumi.${stack}.yaml; --milestone ignored, priced with the default usage profile`);
  const target = foreign ? undefined : wantTarget;
  const recorded = await recordOnce(dir, stack, target, options.timeoutSeconds);
  notes.push(...(await expansionNotes(dir, stack, [target])));
  const milestone = foreign ? undefined : ((target ?? recorded.config[`${projectName}:milestone`]) as MilestoneId);
  const headRec = withDeployedValues(recorded, deployed.resources);
  const baseRec: Recording = { project: projectName, stack, config: headRec.config, resources: deployed.resources };
  notes.push(`${label}: values the cloud computes (ids, ARNs) are taken as deployed unless what they come from is new`);
  const profile = withUsage(foreign ? DEFAULT_USAGE_PROFILE : usageFor(headRec, projectName), fileRules(options.usageFile, [baseRec, headRec]));
  const baseEstimate = estimate(baseRec, profile);
  const headEstimate = estimate(headRec, profile);
  const diff = diffRecordings(baseRec, headRec);
  const verdicts = await evaluatePolicies({ recording: headRec, base: baseRec, diff, estimate: headEstimate, baseEstimate, config: options.policyConfig, allowDataLoss: options.allowDataLoss });
  return {
    project: projectName,
    stack,
    dir,
    foreign,
    ...(milestone ? { milestone } : {}),
    single: false,
    ...costComparison(diff, baseEstimate, headEstimate),
    ...(milestone ? { band: MILESTONES[milestone].costBand } : {}),
    ...(options.milestoneCosts && milestone ? { milestoneCosts: await costsPerMilestone(dir, projectName, stack, new Map([[milestone, recorded]])) } : {}),
    verdicts,
    notes,
    sides: { base: `deployed (${label})`, head: milestone ?? "as configured" },
    ...(options.compareRegion ? { compareRegion: compareRegion(headRec, profile, headEstimate, options.compareRegion) } : {}),
  };
}

/** Where an expected cost sits against a band. */
export function bandStatus(cost: number, band: CostBand): "below" | "within" | "over" {
  return cost < band.minUsd ? "below" : cost > band.maxUsd ? "over" : "within";
}
