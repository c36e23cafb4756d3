/**
 * Data safety: stateful resources (model/resourceTypes.ts) are `protect`ed in production
 * stacks. Its plan-only twin, a delete or replace of one needs `--allow-data-loss`, lives
 * with the offline runner (plan/guardrails/planPolicies.ts).
 *
 * "Prod" is learned from the resource's `stack` tag, else its URN's stack, against the
 * configured `protectedStacks` (default ["prod"] on this repository's stacks; on another
 * program the policy applies only once `protectedStacks` is configured: its "prod" is not ours
 * to name).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hasTag, holdsData, REBUILDABLE_TAG } from "../model/resourceTypes";
import { configOf, plain, stackOf, type ConfigSchema } from "./util";
import { foreignReason, isOurs } from "./ours";
import { registerPolicy } from "./registry";

export interface ProtectConfig {
  readonly protectedStacks?: string[];
  readonly exemptTag: string;
}

/** The stacks protected on this repository's program when `protectedStacks` is not configured. */
export const OUR_PROTECTED_STACKS: readonly string[] = ["prod"];

// protectedStacks has no schema default: configuring it is what applies the policy to another program.
export const PROTECT_SCHEMA: ConfigSchema = {
  properties: {
    protectedStacks: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description: 'Stacks whose stateful resources must be protected (matched against the `stack` tag, else the URN\'s stack). Default: ["prod"] on this repository\'s stacks, and no check on other programs unless set.',
    },
    exemptTag: {
      type: "string",
      pattern: "^[^=]+=.*$",
      default: `${REBUILDABLE_TAG.key}=${REBUILDABLE_TAG.value}`,
      description: "key=value tag that marks a resource whose content is rebuilt by a deploy (e.g. static assets), which need not be protected.",
    },
  },
};

export const statefulProtectedInProd: ResourceValidationPolicy = registerPolicy("safety", {
  name: "stateful-protected-in-prod",
  description: "In production stacks, resources that hold data (Neon projects, S3 buckets, caches with snapshots, databases, volumes) are protected, so deleting or replacing one needs a deliberate unprotect.",
  enforcementLevel: "mandatory",
  configSchema: PROTECT_SCHEMA,
  validateResource: (args, report) => {
    const props = plain<Record<string, unknown>>(args.props);
    const cfg = configOf<ProtectConfig>(PROTECT_SCHEMA, args);
    if (!holdsData(args.type, props, cfg.exemptTag)) args.notApplicable(hasTag(props, cfg.exemptTag) ? `tagged ${cfg.exemptTag}` : "holds no data");
    if (cfg.protectedStacks === undefined && !isOurs(args.urn)) args.notApplicable(foreignReason(args.urn, "stateful-protected-in-prod", ["protectedStacks"]));
    const protectedStacks = cfg.protectedStacks ?? OUR_PROTECTED_STACKS;
    const stack = stackOf(args.urn, props);
    if (stack === undefined || !protectedStacks.includes(stack)) args.notApplicable(`stack ${JSON.stringify(stack)} is not protected`);
    if (!args.opts.protect) {
      report(`Protect ${args.type.split(":").pop()} ${args.name} in stack ${JSON.stringify(stack)} (resource option protect: true); it holds data and is not protected.`);
    }
  },
});
