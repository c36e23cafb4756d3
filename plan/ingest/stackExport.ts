/**
 * `pulumi stack export` output, read as what is deployed: `{ "version": 3, "deployment":
 * { "manifest", "secrets_providers"?, "resources": [ResourceV3…], "pending_operations"? } }`
 * (pulumi/pulumi sdk/go/common/apitype/core.go @ 0061b2324230e2bd3fe6a77089c346d0b6947415,
 * `UntypedDeployment` and `DeploymentV3`). The engine writes version 4 for the same shape
 * when a stack uses a newer feature (`DeploymentSchemaVersionLatest`, listed in `features`).
 *
 * The records are what the recorder would write for the same resources: the root stack and
 * default providers are left out, explicit providers kept; resources only read (`external`)
 * or awaiting deletion are not part of what the stack runs.
 */
import * as path from "path";
import type { ResourceRecord } from "../../model/records";
import { asArray, asObject, describe, JsonPath, readJsonFile } from "./jsonFile";
import { readResourceState } from "./resourceState";

export const STATE_FLAG = "--state";

/** What a stack export says is deployed. */
export interface DeployedState {
  /** The file, absolute, and as the user named it. */
  readonly file: string;
  readonly label: string;
  /** Project and stack its URNs name; undefined when it holds no resources. */
  readonly project?: string;
  readonly stack?: string;
  readonly resources: readonly ResourceRecord[];
  /** What was left out and why, worth a line in the plan. */
  readonly notes: readonly string[];
}

/** Reads and checks a `pulumi stack export` file (InputFileError naming the path inside it on any problem). */
export function readStackExport(file: string, label: string): DeployedState {
  const at = new JsonPath(STATE_FLAG, label);
  const doc = asObject(readJsonFile(file, at), at);
  if ("steps" in doc || "changeSummary" in doc) throw at.fail("this is `pulumi preview --json` output, not a stack export; pass it with --preview-json");
  if ("checkpoint" in doc) throw at.fail("this is a backend checkpoint file; pass what `pulumi stack export` writes");
  const version = doc.version;
  if (version !== 3 && version !== 4) {
    throw at.key("version").fail(
      version === undefined ? "missing; `pulumi stack export` writes { \"version\": 3, \"deployment\": … }" : `${describe(version)} is not a deployment version this plan reads (3, or 4 for stacks using newer engine features); export the stack again with a current Pulumi CLI`,
    );
  }
  const deployment = asObject(doc.deployment, at.key("deployment"));
  const list = deployment.resources === undefined || deployment.resources === null ? [] : asArray(deployment.resources, at.key("deployment").key("resources"));
  const resources: ResourceRecord[] = [];
  let project: string | undefined;
  let stack: string | undefined;
  const left = { external: 0, leftover: 0 };
  list.forEach((v, i) => {
    const here = at.key("deployment").key("resources").index(i);
    const state = readResourceState(v, here);
    if (project === undefined) {
      project = state.urn.project;
      stack = state.urn.stack;
    } else if (state.urn.project !== project || state.urn.stack !== stack) {
      throw here.key("urn").fail(`names project "${state.urn.project}", stack "${state.urn.stack}"; the resources before it name project "${project}", stack "${stack}"`);
    }
    if (state.implicit) return;
    if (state.external) left.external++;
    else if (state.leftover) left.leftover++;
    else resources.push(state.record);
  });
  const notes: string[] = [];
  if (left.external) notes.push(`${label}: ${left.external} resource${left.external === 1 ? "" : "s"} only read by the stack (not managed by it) left out`);
  if (left.leftover) notes.push(`${label}: ${left.leftover} resource${left.leftover === 1 ? "" : "s"} awaiting deletion after a replacement left out`);
  const pending = deployment.pending_operations;
  if (Array.isArray(pending) && pending.length > 0) {
    notes.push(`${label}: ${pending.length} operation${pending.length === 1 ? " was" : "s were"} still running when the state was written (an interrupted update): the plan compares with the resources it lists`);
  }
  return { file: path.resolve(file), label, project, stack, resources, notes };
}
