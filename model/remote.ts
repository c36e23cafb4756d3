/**
 * Remote components whose contents a recording does not hold: registered as remote (their
 * provider plugin creates the children, out of a mocked program's sight) and with no child
 * in the recording. Nothing can say what they cost, so the estimator lists them as not priced
 * and the diff shows them as resources of their own, never as free structure.
 */
import type { ResourceRecord } from "./records";

/** URNs of the remote components in `resources` that have no child there. */
export function opaqueRemoteComponents(resources: readonly ResourceRecord[]): ReadonlySet<string> {
  const parents = new Set(resources.map((r) => r.parent).filter((p): p is string => p !== undefined));
  return new Set(resources.filter((r) => r.remote === true && !r.custom && !parents.has(r.urn)).map((r) => r.urn));
}

/** Why such a component is not priced (the wording every output shows). */
export function opaqueReason(type: string): string {
  return `contents unknown (remote component ${type})`;
}
