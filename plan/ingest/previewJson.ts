/**
 * `pulumi preview --json` output, read as a change: the old states are what is deployed (the
 * base), the new states what the preview would deploy (the head), and each step's op is the
 * engine's own verdict on the resource.
 *
 * The document is a `PreviewDigest` (pulumi/pulumi sdk/go/common/display/json.go @
 * 1fe2f58220fe303af2a5395b8a6e5d02f282e66c): `{ config: {key: value}, steps: [PreviewStep],
 * diagnostics: [{urn, prefix, message, severity}], duration, changeSummary: {op: count},
 * maybeCorrupt }`; a step is `{ op, urn, provider, oldState?, newState?, diffReasons?,
 * replaceReasons?, detailedDiff }` with ResourceV3 states. How the CLI fills it
 * (pkg/backend/display/json.go @ 00d498e306299cb053d93a5c1bbc2566e92b70bc, `ShowPreviewDigest`):
 * secrets in states and config print as "[secret]"; a step is listed only when the display
 * would show it (pkg/backend/display/events.go `shouldShow`): `same` steps only with
 * `--show-sames` (or when `protect` changed), `create-replacement`/`delete-replaced` only with
 * `--show-replacement-steps` (the logical `replace` step otherwise); the root stack always.
 * The ops are pkg/resource/deploy/step.go's (@ ef316af51869a4772a3463e1c7b3c4f8e4cc6853).
 */
import * as path from "path";
import type { Recording, ResourceRecord } from "../../model/records";
import { formatUrn, urnType } from "../urn";
import { asArray, asObject, asString, asStrings, describe, JsonPath, optional, readJsonFile } from "./jsonFile";
import { parseUrn, readResourceState, STACK_TYPE, isDefaultProviderUrn, type ResourceState } from "./resourceState";

export const PREVIEW_FLAG = "--preview-json";

/** What each op means for the plan. */
const OPS = {
  same: "same",
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  "import-replacement": "replace",
  // The resource exists already (it is billed before and after); it joins the stack.
  import: "import",
  // Only `pulumi refresh --preview` writes these: the resource stays.
  refresh: "same",
  // Resources read, not managed (`.get`, `read`), and bookkeeping of the state: not cloud changes.
  read: "ignored",
  "read-replacement": "ignored",
  discard: "ignored",
  "discard-replaced": "ignored",
  "remove-pending-replace": "ignored",
} as const;

type Op = keyof typeof OPS;
export type StepKind = "same" | "create" | "update" | "delete" | "replace" | "import";

/** One resource's steps, merged: the engine's verdict and the states on each side. */
export interface PreviewChange {
  readonly urn: string;
  readonly kind: StepKind;
  /** Old state (deployed); for a rename, re-keyed to the new URN. */
  readonly before?: ResourceRecord;
  readonly after?: ResourceRecord;
  /** Top-level input keys the provider reported different (`diffReasons`). */
  readonly diffReasons: readonly string[];
  /** Top-level input keys that force the replacement (`replaceReasons`). */
  readonly replaceReasons: readonly string[];
}

export interface PreviewInput {
  /** The file, absolute. */
  readonly file: string;
  readonly project: string;
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  /** What is deployed, as far as the preview shows it. */
  readonly base: Recording;
  /** What the preview would deploy. */
  readonly head: Recording;
  /** Per resource, in step order. */
  readonly changes: readonly PreviewChange[];
  readonly notes: readonly string[];
}

/** Which states a step must carry, by op (the engine's steps: step.go `Old()`/`New()`). */
function requiredStates(op: Op): { old: boolean; new: boolean } {
  switch (op) {
    case "create":
    case "import":
      return { old: false, new: true };
    case "delete":
    case "delete-replaced":
      return { old: true, new: false };
    case "same":
    case "update":
    case "replace":
    case "create-replacement":
    case "refresh":
      return { old: true, new: true };
    default:
      return { old: false, new: false };
  }
}

/** Reads and checks a `pulumi preview --json` file (InputFileError naming the path inside it on any problem). */
export function readPreviewJson(file: string, label: string): PreviewInput {
  const at = new JsonPath(PREVIEW_FLAG, label);
  const doc = asObject(readJsonFile(file, at), at);
  if ("deployment" in doc && "version" in doc) throw at.fail("this is `pulumi stack export` output, not a preview; pass it with --state");
  if (!("steps" in doc)) throw at.fail("no \"steps\": `pulumi preview --json` writes { \"config\", \"steps\": […], \"changeSummary\" } (is this another command's output?)");

  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(optional(doc, "config", at, asObject) ?? {})) config[k] = asString(v, at.key("config").key(k));

  // A failed preview lists what it got to: refuse it rather than price half a stack.
  (optional(doc, "diagnostics", at, asArray) ?? []).forEach((d, i) => {
    const diag = asObject(d, at.key("diagnostics").index(i));
    if (diag.severity === "error") {
      const message = typeof diag.message === "string" ? diag.message.trim().split("\n")[0] : "";
      throw at.key("diagnostics").index(i).fail(`the preview failed${message ? ` (${message.length > 160 ? `${message.slice(0, 157)}...` : message})` : ""}; fix it and preview again`);
    }
  });

  const steps = asArray(doc.steps, at.key("steps"));
  let project: string | undefined;
  let stack: string | undefined;
  const merged = new Map<string, { ops: Op[]; before?: ResourceState; after?: ResourceState; diffReasons: Set<string>; replaceReasons: Set<string> }>();
  const ignored: Record<string, number> = {};
  let listedSames = 0;
  let implicitSames = 0;

  steps.forEach((v, i) => {
    const here = at.key("steps").index(i);
    const step = asObject(v, here);
    const opText = asString(step.op, here.key("op"));
    if (!(opText in OPS)) throw here.key("op").fail(`${describe(opText)} is not an op \`pulumi preview\` writes; one of ${Object.keys(OPS).join(", ")}`);
    const op = opText as Op;
    const urn = parseUrn(step.urn, here.key("urn"));
    if (project === undefined) {
      project = urn.project;
      stack = urn.stack;
    } else if (urn.project !== project || urn.stack !== stack) {
      throw here.key("urn").fail(`names project "${urn.project}", stack "${urn.stack}"; the steps before it name project "${project}", stack "${stack}"`);
    }
    optional(step, "provider", here, asString);
    const oldState = optional(step, "oldState", here, readResourceState);
    const newState = optional(step, "newState", here, readResourceState);
    const need = requiredStates(op);
    if (need.old && !oldState) throw here.key("oldState").fail(`missing; a "${op}" step carries the deployed state`);
    if (need.new && !newState) throw here.key("newState").fail(`missing; a "${op}" step carries the new state`);
    // A renamed resource (aliases) keeps its step's new URN; its old state names the old one.
    if (newState && newState.record.urn !== formatUrn(urn)) throw here.key("newState").key("urn").fail(`${JSON.stringify(newState.record.urn)} is not the step's URN`);
    const diffReasons = optional(step, "diffReasons", here, asStrings) ?? [];
    const replaceReasons = optional(step, "replaceReasons", here, asStrings) ?? [];
    optional(step, "detailedDiff", here, asObject);

    const type = urnType(urn);
    if (type === STACK_TYPE || isDefaultProviderUrn(urn)) {
      if (op === "same") implicitSames++;
      return;
    }
    if (OPS[op] === "ignored" || (newState ?? oldState)?.external) {
      ignored[op] = (ignored[op] ?? 0) + 1;
      return;
    }
    if (op === "same") listedSames++;
    const key = formatUrn(urn);
    const entry = merged.get(key);
    if (entry) {
      const replacing = (o: Op) => OPS[o] === "replace";
      if (!(replacing(op) && entry.ops.every(replacing))) {
        throw here.fail(`${key} appears again, as "${op}" after "${entry.ops.join(", ")}"; only the steps of one replacement share a URN`);
      }
    }
    const e = entry ?? { ops: [], diffReasons: new Set<string>(), replaceReasons: new Set<string>() };
    e.ops.push(op);
    e.before ??= oldState;
    e.after ??= newState;
    diffReasons.forEach((k) => e.diffReasons.add(k));
    replaceReasons.forEach((k) => e.replaceReasons.add(k));
    merged.set(key, e);
  });
  if (project === undefined || stack === undefined) throw at.key("steps").fail("empty: the preview lists no resource, not even the stack, so it names no project or stack");

  const changes: PreviewChange[] = [];
  const base: ResourceRecord[] = [];
  const head: ResourceRecord[] = [];
  let renamed = 0;
  for (const [urn, e] of merged) {
    if (e.before && e.before.record.urn !== urn) renamed++;
    const kinds = new Set(e.ops.map((o) => OPS[o]));
    const kind = (kinds.has("replace") ? "replace" : [...kinds][0]) as StepKind;
    const before = e.before ? { ...e.before.record, urn, name: e.after?.record.name ?? e.before.record.name } : undefined;
    const after = e.after?.record;
    // An imported resource is already running: it is billed on both sides.
    const deployed = kind === "import" ? after : before;
    if (deployed) base.push(deployed);
    if (after) head.push(after);
    changes.push({ urn, kind, before: deployed, after, diffReasons: [...e.diffReasons], replaceReasons: [...e.replaceReasons] });
  }

  const notes: string[] = [];
  // changeSummary counts every step the engine took, listed or not.
  const summary = optional(doc, "changeSummary", at, asObject) ?? {};
  for (const [k, n] of Object.entries(summary)) if (typeof n !== "number") throw at.key("changeSummary").key(k).fail(`expected a count, got ${describe(n)}`);
  const unlisted = typeof summary.same === "number" ? summary.same - listedSames - implicitSames : 0;
  if (unlisted > 0) {
    notes.push(`${label}: ${unlisted} unchanged resource${unlisted === 1 ? " is" : "s are"} not in the preview (\`pulumi preview --json --show-sames\` lists them): the totals cover the ${merged.size} resource${merged.size === 1 ? "" : "s"} it lists`);
  }
  const imported = changes.filter((c) => c.kind === "import").length;
  if (imported) notes.push(`${label}: ${imported} resource${imported === 1 ? "" : "s"} imported into the stack: already running, so counted on both sides`);
  const skipped = Object.entries(ignored).map(([op, n]) => `${n} ${op}`).join(", ");
  if (skipped) notes.push(`${label}: steps on resources the stack does not manage left out (${skipped})`);
  if (renamed) notes.push(`${label}: ${renamed} resource${renamed === 1 ? "" : "s"} renamed (aliases): compared under the new name`);

  const rec = (resources: ResourceRecord[]): Recording => ({ project: project!, stack: stack!, config, resources });
  return { file: path.resolve(file), project, stack, config, base: rec(base), head: rec(head), changes, notes };
}
