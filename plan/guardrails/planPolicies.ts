/**
 * The plan-only policies: checks that need a base and a diff, which CrossGuard does not give a
 * policy. They have the shape of a CrossGuard policy so the same `--policy-pack-config` file
 * configures them, and the offline runner reports them as verdicts like the pack's.
 */
import { sub } from "../../model/money";
import { hasTag } from "../../model/resourceTypes";
import { PROTECT_SCHEMA } from "../../policies/safety";
import { configOf, usd, type ConfigSchema } from "../../policies/util";
import type { PlanPolicy } from "./planPolicy";

// ---------------------------------------------------------------------------------------------
// Cost increase against the base of a diff

export interface CostIncreaseConfig {
  /** Largest allowed increase of the expected monthly cost, percent of the base. */
  readonly maxIncreasePercent?: number;
  /** Largest allowed increase of the expected monthly cost, USD. */
  readonly maxIncreaseUsd?: number;
}

const INCREASE_SCHEMA: ConfigSchema = {
  properties: {
    maxIncreasePercent: { type: "number", minimum: 0, description: "Largest allowed increase of the expected monthly cost against the base, percent. No default: unset means no percentage limit." },
    maxIncreaseUsd: { type: "number", minimum: 0, description: "Largest allowed increase of the expected monthly cost against the base, USD/month. No default: unset means no amount limit." },
  },
};

/**
 * The violation, if any, of an increase from `base` to `head` (expected monthly cost) against
 * the limits: over either configured limit is a violation; with no limit configured, none.
 */
export function costIncreaseViolation(base: number, head: number, cfg: CostIncreaseConfig): string | undefined {
  const delta = sub(head, base);
  if (delta <= 0) return undefined;
  const percent = base > 0 ? (delta / base) * 100 : Infinity;
  const shown = `${usd(base)} → ${usd(head)}, +${usd(delta)} (${Number.isFinite(percent) ? `+${percent.toFixed(1)} %` : "from $0"})`;
  if (cfg.maxIncreaseUsd !== undefined && delta > cfg.maxIncreaseUsd) {
    return `Keep the monthly cost increase within ${usd(cfg.maxIncreaseUsd)}; this change raises it ${shown}.`;
  }
  if (cfg.maxIncreasePercent !== undefined && percent > cfg.maxIncreasePercent) {
    return `Keep the monthly cost increase within ${cfg.maxIncreasePercent} %; this change raises it ${shown}.`;
  }
  return undefined;
}

export const costIncreaseLimit: PlanPolicy = {
  name: "cost-increase-limit",
  description: "Plan only: the expected monthly cost does not rise against the diff's base by more than the configured percentage or amount (no limit unless configured).",
  enforcementLevel: "mandatory",
  configSchema: INCREASE_SCHEMA,
  validatePlan: (args, reportViolation) => {
    if (!args.baseEstimate) args.notApplicable("no base to compare with");
    const cfg = configOf<CostIncreaseConfig>(INCREASE_SCHEMA, args);
    if (cfg.maxIncreasePercent === undefined && cfg.maxIncreaseUsd === undefined) {
      args.notApplicable("no limit configured (set maxIncreasePercent or maxIncreaseUsd)");
    }
    const message = costIncreaseViolation(args.baseEstimate!.totalMonthlyCost, args.estimate.totalMonthlyCost, cfg);
    if (message) reportViolation(message);
  },
};

// ---------------------------------------------------------------------------------------------
// Deleting or replacing a stateful resource

const DATA_LOSS_SCHEMA: ConfigSchema = { properties: { exemptTag: PROTECT_SCHEMA.properties.exemptTag } };

export const statefulChangeNeedsAllowDataLoss: PlanPolicy = {
  name: "stateful-change-needs-allow-data-loss",
  description: "Plan only: a change that deletes or replaces a stateful resource (the diff's stateful flag: Neon projects, buckets, queues, caches with snapshots; not those tagged rebuildable) fails unless `--allow-data-loss` is given; with it, the change is reported as advisory.",
  enforcementLevel: "mandatory",
  configSchema: DATA_LOSS_SCHEMA,
  validatePlan: (args, report) => {
    if (!args.diff) args.notApplicable("no base to compare with");
    const cfg = configOf<{ exemptTag: string }>(DATA_LOSS_SCHEMA, args);
    let any = false;
    for (const c of args.diff!.changes) {
      if (!c.stateful || (c.kind !== "delete" && c.kind !== "replace")) continue;
      if (hasTag((c.before ?? c.after)?.inputs, cfg.exemptTag)) continue;
      any = true;
      const forced = c.changes.filter((i) => i.forcesReplacement).map((i) => i.path);
      const why = c.kind === "replace" ? ` (${forced.length ? `${forced.join(", ")} cannot change in place` : "replaced"})` : "";
      if (args.allowDataLoss) {
        report(`Accepting data loss (--allow-data-loss): the plan would ${c.kind} ${c.type.split(":").pop()} ${c.name}${why} and lose what it holds.`, c.urn, { enforcementLevel: "advisory" });
      } else {
        report(`Keep ${c.type.split(":").pop()} ${c.name}, or pass --allow-data-loss: the plan would ${c.kind} it${why} and lose what it holds.`, c.urn);
      }
    }
    if (!any && args.diff!.changes.every((c) => c.kind === "same")) args.notApplicable("no changes");
  },
};

/** Every plan-only policy, in report order. */
export const PLAN_POLICIES: readonly PlanPolicy[] = [costIncreaseLimit, statefulChangeNeedsAllowDataLoss];
