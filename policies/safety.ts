/**
 * Data safety: stateful resources are `protect`ed in production stacks, and (plan only) a
 * change that would delete or replace a stateful resource needs `--allow-data-loss`.
 *
 * "Prod" is learned from the resource's `stack` tag, else its URN's stack, against the
 * configured `protectedStacks` (default ["prod"]).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { PlanPolicy } from "./plan-policy";
import { hasTag, holdsData, REBUILDABLE_TAG } from "../model/resourceTypes";
import { configOf, plain, stackOf, type ConfigSchema } from "./util";

export interface ProtectConfig {
  readonly protectedStacks: string[];
  readonly exemptTag: string;
}

const PROTECT_SCHEMA: ConfigSchema = {
  properties: {
    protectedStacks: { type: "array", items: { type: "string", minLength: 1 }, default: ["prod"], description: "Stacks whose stateful resources must be protected (matched against the `stack` tag, else the URN's stack)." },
    exemptTag: {
      type: "string",
      pattern: "^[^=]+=.*$",
      default: `${REBUILDABLE_TAG.key}=${REBUILDABLE_TAG.value}`,
      description: "key=value tag that marks a resource whose content is rebuilt by a deploy (e.g. static assets), which need not be protected.",
    },
  },
};

export const statefulProtectedInProd: ResourceValidationPolicy = {
  name: "stateful-protected-in-prod",
  description: "In production stacks, resources that hold data (Neon projects, S3 buckets, caches with snapshots, databases, volumes) are protected, so deleting or replacing one needs a deliberate unprotect.",
  enforcementLevel: "mandatory",
  configSchema: PROTECT_SCHEMA,
  validateResource: (args, report) => {
    const props = plain<Record<string, unknown>>(args.props);
    const cfg = configOf<ProtectConfig>(PROTECT_SCHEMA, args);
    if (!holdsData(args.type, props, cfg.exemptTag)) args.notApplicable(hasTag(props, cfg.exemptTag) ? `tagged ${cfg.exemptTag}` : "holds no data");
    const stack = stackOf(args.urn, props);
    if (stack === undefined || !cfg.protectedStacks.includes(stack)) args.notApplicable(`stack ${JSON.stringify(stack)} is not protected`);
    if (!args.opts.protect) {
      report(`Protect ${args.type.split(":").pop()} ${args.name} in stack ${JSON.stringify(stack)} (resource option protect: true); it holds data and is not protected.`);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Plan only: deleting or replacing a stateful resource

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
