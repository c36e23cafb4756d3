/**
 * `--preview-json`: the plan of what `pulumi preview --json` says a deployment would do. The
 * old states are the base (what is deployed), the new states the head; the diff keeps the
 * engine's verdict per resource (plan/ingest/previewDiff.ts); both sides are priced, the
 * guardrails run on the head and on the change. For this repository's own project the
 * preview's config gives the usage profile (its milestone's); any other is priced with none.
 */
import { DEFAULT_USAGE_PROFILE, estimate, withUsage, type UsageProfile } from "../cost";
import type { Recording } from "../model/records";
import { MILESTONES, isMilestoneId } from "../stacks/milestones";
import { ConfigError } from "../stacks/problems";
import { evaluatePolicies, type PolicyPackConfigFile } from "./guardrails/offline";
import { previewDiff } from "./ingest/previewDiff";
import type { PreviewInput } from "./ingest/previewJson";
import { costComparison, usageFor, type StackPlan } from "./plan";
import { REPO_ROOT } from "./root";
import { readProject } from "./stackFiles";
import { usageFileRules, type UsageFile } from "./usageFile";
import { compareRegion } from "./compareRegion";

export interface PreviewPlanOptions {
  /** The preview, read and checked (plan/ingest/previewJson.ts). */
  readonly preview: PreviewInput;
  readonly policyConfig?: PolicyPackConfigFile;
  readonly allowDataLoss?: boolean;
  /** `--usage-file`: usage per resource and type on top of the profile. */
  readonly usageFile?: UsageFile;
  /** `--compare-region`: also price the preview's new states in this region. */
  readonly compareRegion?: string;
}

/** Our usage profile when the preview is of this repository's project with a config it accepts; else none, and why. */
function profileFor(head: Recording): { profile: UsageProfile; milestone?: keyof typeof MILESTONES; note?: string } {
  const ours = readProject(REPO_ROOT).name;
  if (head.project !== ours) return { profile: DEFAULT_USAGE_PROFILE };
  const milestone = head.config[`${ours}:milestone`];
  try {
    return { profile: usageFor(head, ours), ...(isMilestoneId(milestone) ? { milestone } : {}) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { profile: DEFAULT_USAGE_PROFILE, note: `the preview's config is not one ${ours} accepts (${e.message.split("\n")[0]}): priced with the default usage profile` };
  }
}

export async function planPreview(options: PreviewPlanOptions): Promise<StackPlan> {
  const { preview } = options;
  const found = profileFor(preview.head);
  const { milestone, note } = found;
  const profile = options.usageFile ? withUsage(found.profile, usageFileRules(options.usageFile, [preview.base, preview.head])) : found.profile;
  const diff = previewDiff(preview.changes);
  const baseEstimate = estimate(preview.base, profile);
  const headEstimate = estimate(preview.head, profile);
  const verdicts = await evaluatePolicies({
    recording: preview.head,
    base: preview.base,
    diff,
    estimate: headEstimate,
    baseEstimate,
    config: options.policyConfig,
    allowDataLoss: options.allowDataLoss,
  });
  return {
    project: preview.project,
    stack: preview.stack,
    dir: preview.file,
    foreign: milestone === undefined,
    ...(milestone ? { milestone, band: MILESTONES[milestone].costBand } : {}),
    single: false,
    ...costComparison(diff, baseEstimate, headEstimate),
    verdicts,
    notes: [...preview.notes, ...(note ? [note] : [])],
    sides: { base: "deployed", head: "preview" },
    ...(options.compareRegion ? { compareRegion: compareRegion(preview.head, profile, headEstimate, options.compareRegion) } : {}),
  };
}
