/**
 * Data safety: stateful resources (model/resourceTypes.ts) are `protect`ed in production
 * stacks. Its plan-only twin, a delete or replace of one needs `--allow-data-loss`, lives
 * with the offline runner (plan/guardrails/planPolicies.ts).
 *
 * "Prod" is learned from the resource's `stack` tag, else its URN's stack, against the
 * configured `protectedStacks` (default ["prod"]).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hasTag, holdsData, REBUILDABLE_TAG } from "../model/resourceTypes";
import { configOf, plain, stackOf, type ConfigSchema } from "./util";
import { registerPolicy } from "./registry";

export interface ProtectConfig {
  readonly protectedStacks: string[];
  readonly exemptTag: string;
}

export const PROTECT_SCHEMA: ConfigSchema = {
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

export const statefulProtectedInProd: ResourceValidationPolicy = registerPolicy("safety", {
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
});
