/**
 * Diff of two recordings (base → head) by URN: which resources are created, updated (and
 * which inputs change), replaced, deleted or unchanged, with stateful resources flagged.
 *
 * Replacement is decided from each type's create-only inputs (the provider schema's
 * "forces replacement" properties, in model/resourceTypes.ts) and the resource's own
 * `replaceOnChanges`. For a type the registry does not know, a changed input is reported as
 * an update whose replacement is unknown, never silently as a safe update.
 */
import type { ChangeKind, InputChange, PlanDiff, ResourceChange } from "../model/diff";
import type { Recording, ResourceRecord } from "../model/records";
import { holdsData, replaceOnChange } from "../model/resourceTypes";
import { opaqueRemoteComponents } from "../model/remote";

export type { ChangeKind, InputChange, PlanDiff, ResourceChange };

/** Inputs that hold tags: the map most types take, and the list forms of ASGs and launch templates. */
const TAG_INPUTS = new Set(["tags", "tagsAll", "tagSpecifications"]);

/** Inputs that never describe the resource itself (tags are metadata, updated in place). */
const IGNORED_INPUTS = new Set(["__provider"]);

/** Does this resource hold data that deleting or replacing it would lose? */
export function isStateful(r: ResourceRecord): boolean {
  return holdsData(r.type, r.inputs);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Leaf-level differences between two input trees. */
function compare(before: unknown, after: unknown, path: string, out: { path: string; before: unknown; after: unknown }[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!path && IGNORED_INPUTS.has(key)) continue;
      compare(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => compare(b, after[i], `${path}[${i}]`, out));
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before, after });
}

function topKey(path: string): string {
  return path.split(/[.[]/)[0];
}

/** An update whose every change is to tags (map, ASG list or launch-template form). */
export function onlyTags(changes: readonly InputChange[]): boolean {
  return changes.length > 0 && changes.every((c) => TAG_INPUTS.has(topKey(c.path)));
}

/** Compares one resource's two registrations. */
export function diffResource(before: ResourceRecord, after: ResourceRecord): ResourceChange {
  const raw: { path: string; before: unknown; after: unknown }[] = [];
  compare(before.inputs, after.inputs, "", raw);
  const table = replaceOnChange(after.type);
  const forced = new Set([...(table ?? []), ...after.replaceOnChanges]);
  const changes = raw.map((c) => ({ ...c, forcesReplacement: forced.has("*") || forced.has(topKey(c.path)) }));
  const kind: ChangeKind = changes.length === 0 ? "same" : changes.some((c) => c.forcesReplacement) ? "replace" : "update";
  return {
    kind,
    urn: after.urn,
    type: after.type,
    name: after.name,
    component: after.component,
    before,
    after,
    changes,
    stateful: isStateful(after) || isStateful(before),
    replacementUnknown: kind === "update" && (after.custom || after.remote === true) && table === undefined,
    tagsOnly: kind === "update" && onlyTags(changes),
  };
}

/**
 * Diff of custom resources between two recordings (components are structure, not cloud), and
 * of remote components whose contents are unknown (they stand for whatever cloud they hold).
 */
export function diffRecordings(base: Recording | undefined, head: Recording): PlanDiff {
  const cloud = (resources: readonly ResourceRecord[]) => {
    const opaque = opaqueRemoteComponents(resources);
    return new Map(resources.filter((r) => r.custom || opaque.has(r.urn)).map((r) => [r.urn, r]));
  };
  const before = cloud(base?.resources ?? []);
  const after = cloud(head.resources);
  const changes: ResourceChange[] = [];
  for (const [urn, a] of after) {
    const b = before.get(urn);
    if (!b) {
      changes.push({ kind: "create", urn, type: a.type, name: a.name, component: a.component, after: a, changes: [], stateful: isStateful(a), replacementUnknown: false, tagsOnly: false });
    } else {
      changes.push(diffResource(b, a));
    }
  }
  for (const [urn, b] of before) {
    if (!after.has(urn)) {
      changes.push({ kind: "delete", urn, type: b.type, name: b.name, component: b.component, before: b, changes: [], stateful: isStateful(b), replacementUnknown: false, tagsOnly: false });
    }
  }
  return planDiffOf(changes);
}

/** A PlanDiff of resource changes: the changes with their counts. */
export function planDiffOf(changes: readonly ResourceChange[]): PlanDiff {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const c of changes) counts[c.kind]++;
  return { changes, counts, tagsOnly: changes.filter((c) => c.tagsOnly).length };
}
