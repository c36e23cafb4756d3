/**
 * The diff of a preview, with the engine's verdict per resource: a step the engine will
 * replace is a replace (whatever this plan's registry knows of the type's create-only inputs),
 * an update is an update, and the inputs listed as changed are the provider's `diffReasons`
 * and `replaceReasons` (with the values from the old and new states).
 */
import type { InputChange, PlanDiff, ResourceChange } from "../../model/diff";
import { diffResource, isStateful, onlyTags, planDiffOf } from "../diff";
import type { PreviewChange } from "./previewJson";

function topKey(path: string): string {
  return path.split(/[.[]/)[0];
}

/** The changed inputs of an update or replace: ours where the provider agrees, plus any it names that we do not see. */
function inputChanges(c: PreviewChange): InputChange[] {
  const computed = diffResource(c.before!, c.after!).changes;
  const reasons = new Set([...c.diffReasons, ...c.replaceReasons]);
  const kept = reasons.size ? computed.filter((x) => reasons.has(topKey(x.path))) : [...computed];
  for (const key of reasons) {
    // A secret or a value the provider computes can differ while both states print the same.
    if (!kept.some((x) => topKey(x.path) === key)) kept.push({ path: key, before: c.before!.inputs[key], after: c.after!.inputs[key], forcesReplacement: false });
  }
  const forcing = new Set(c.replaceReasons);
  return kept.map((x) => ({ ...x, forcesReplacement: c.kind === "replace" && forcing.has(topKey(x.path)) }));
}

export function previewDiff(changes: readonly PreviewChange[]): PlanDiff {
  const out: ResourceChange[] = changes.map((c) => {
    const any = (c.after ?? c.before)!;
    const kind = c.kind === "import" ? "same" : c.kind;
    const changed = kind === "update" || kind === "replace" ? inputChanges(c) : [];
    return {
      kind,
      urn: c.urn,
      type: any.type,
      name: any.name,
      component: any.component,
      before: c.before,
      after: c.after,
      changes: changed,
      stateful: (c.after !== undefined && isStateful(c.after)) || (c.before !== undefined && isStateful(c.before)),
      // The engine asked the provider: an update is in place.
      replacementUnknown: false,
      tagsOnly: kind === "update" && onlyTags(changed),
    };
  });
  return planDiffOf(out);
}
