/**
 * A program recorded under mocks knows no value the cloud computes (ids, ARNs): they are
 * unknown (the key present, the value `undefined`). Compared with a deployed state that knows
 * them, every reference would read as a change (a subnet's `vpcId` "vpc-0ab…" → unknown) and
 * many as replacements. The engine would read them from the state, so do the same: an unknown
 * input takes the deployed value, unless the resource depends on one the deployment does not
 * have (then it is new, and so is the value).
 */
import type { Recording, ResourceRecord } from "../../model/records";

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `after` with each unknown in it replaced by the deployed value at the same place. */
function fill(after: unknown, before: unknown): unknown {
  if (isObject(after) && isObject(before)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(after)) out[k] = v === undefined && k in before ? before[k] : fill(v, before[k]);
    return out;
  }
  if (Array.isArray(after) && Array.isArray(before) && after.length === before.length) {
    return after.map((v, i) => (v === undefined ? before[i] : fill(v, before[i])));
  }
  return after;
}

/** The head recording with its unknown inputs taken from the deployed records of the same URN. */
export function withDeployedValues(head: Recording, deployed: readonly ResourceRecord[]): Recording {
  const before = new Map(deployed.map((r) => [r.urn, r]));
  const resources = head.resources.map((r) => {
    const b = before.get(r.urn);
    if (!b || r.dependencies.some((d) => !before.has(d))) return r;
    return { ...r, inputs: fill(r.inputs, b.inputs) as Record<string, unknown> };
  });
  return { ...head, resources };
}
