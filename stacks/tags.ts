/**
 * Cost-allocation tags, applied in one place: a resource transformation given to each
 * top-level component, which every child inherits. It adds `project`, `stack`, `milestone`
 * and `component` to every resource type that takes tags (model/resourceTypes.ts: a map, or the
 * list of Auto Scaling groups; launch templates also tag what they launch), with tags the
 * component set itself kept on top. AWS reports costs by these keys only once they are
 * activated as cost-allocation tags in the Billing console (README, "Operations"); the stack's
 * budget and anomaly monitor follow `stack` (components/costGuardrails.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { tagShape, TYPE } from "../model/resourceTypes";

/** The tag keys every taggable resource carries (policies check the same list). */
export const REQUIRED_TAG_KEYS = ["project", "stack", "milestone", "component"] as const;
export type CostTags = Record<(typeof REQUIRED_TAG_KEYS)[number], string>;

/** The transformation that tags every resource of one component. */
export function tagResources(base: Omit<CostTags, "component">, component: string): pulumi.ResourceTransformation {
  const tags: CostTags = { ...base, component };
  return ({ type, props, opts }) => {
    const shape = tagShape(type);
    if (shape === "list") {
      // ASGs take a list and need propagateAtLaunch; instances are tagged by the template.
      const own = (props.tags ?? []) as { key: string }[];
      const ownKeys = new Set(own.map((t) => t.key));
      const extra = Object.entries(tags)
        .filter(([key]) => !ownKeys.has(key))
        .map(([key, value]) => ({ key, value, propagateAtLaunch: false }));
      return { props: { ...props, tags: [...extra, ...own] }, opts };
    }
    if (shape !== "map") return undefined;
    // Tags stay plain values (not Outputs) so policies can read them during a preview.
    const next: Record<string, unknown> = { ...props, tags: { ...tags, ...(props.tags as Record<string, string> | undefined) } };
    if (type === TYPE.launchTemplate && props.tagSpecifications === undefined) {
      // Instances and their volumes launched from the template carry the same tags.
      next.tagSpecifications = ["instance", "volume"].map((resourceType) => ({ resourceType, tags }));
    }
    return { props: next, opts };
  };
}
