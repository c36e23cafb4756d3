/**
 * Which programs the project-specific policies judge. Our tag keys, milestone budgets,
 * capacity targets and prod data protection describe this repository's stacks; on anybody
 * else's program they would fail for reasons that program never signed up to.
 *
 * The rule: a resource is ours when its URN names this repository's Pulumi project (the
 * `name` in Pulumi.yaml; test/policies checks the two agree). Every resource of a stack
 * carries the project in its URN, in `pulumi preview` and offline alike, so a resource policy
 * decides from the one resource it sees and a stack policy from any of its resources.
 *
 * Elsewhere such a policy is not applicable, and says which key of its policy-pack config
 * applies it anyway (e.g. `requiredKeys` of required-tags, `budgetUsd` of cost-monthly-budget).
 */
import { projectOfUrn } from "./util";

/** This repository's Pulumi project (Pulumi.yaml `name`). */
export const OUR_PROJECT = "cutlist";

/** The resource belongs to this repository's program. */
export function isOurs(urn: string): boolean {
  return projectOfUrn(urn) === OUR_PROJECT;
}

/** The stack is this repository's program: any of its resources says so (they all share the project). */
export function isOurStack(resources: readonly { urn: string }[]): boolean {
  return resources.some((r) => isOurs(r.urn));
}

/**
 * The not-applicable reason for another program: whose it is and how to apply the policy
 * anyway, e.g. `set "budgetUsd" (or "milestone") under "cost-monthly-budget" in the policy-pack config`.
 */
export function foreignReason(urn: string | undefined, policy: string, optIn: readonly string[]): string {
  const project = urn === undefined ? undefined : projectOfUrn(urn);
  const keys = optIn.map((k) => JSON.stringify(k));
  const which = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(", ")} or ${keys[keys.length - 1]}`;
  return `a project-specific check and Pulumi project ${JSON.stringify(project ?? "?")} is not this repository's (${JSON.stringify(OUR_PROJECT)}); to apply it, set ${which} under ${JSON.stringify(policy)} in the policy-pack config`;
}
