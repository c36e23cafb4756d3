/**
 * Where the pack's policies are registered, each beside its own definition (as AWSGuard's
 * policy manager does): a policy file wraps every policy it exports in `registerPolicy`, and
 * `pack.ts` loads the files in report order. A policy exists in the pack exactly when its
 * definition does; no list elsewhere can forget one.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** The areas of the pack, in report order. */
export const POLICY_AREAS = ["cost", "capacity", "security", "safety"] as const;
export type PolicyArea = (typeof POLICY_AREAS)[number];

const registered: { area: PolicyArea; policy: PackPolicy }[] = [];

/** Adds a policy to the pack under its area; returns it, so the definition reads as one constant. */
export function registerPolicy<P extends PackPolicy>(area: PolicyArea, policy: P): P {
  if (registered.some((r) => r.policy.name === policy.name)) throw new Error(`policy ${policy.name} is registered twice`);
  registered.push({ area, policy });
  return policy;
}

/** The registered policies, by area in report order (then in registration order), optionally of one area. */
export function registeredPolicies(area?: PolicyArea): PackPolicy[] {
  return POLICY_AREAS.filter((a) => area === undefined || a === area).flatMap((a) => registered.filter((r) => r.area === a).map((r) => r.policy));
}
