/**
 * The `PolicyResource[]` a stack policy receives (in a real `pulumi preview` or offline) as a
 * `Recording`, so the cost policies price with the plan's own estimator.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { Recording, ResourceRecord } from "../model/records";
import { TYPE } from "../model/resourceTypes";
import { plain, projectOfUrn, stackOfUrn } from "./util";

/**
 * The stack's resources as a Recording: inputs made plain (unknown → undefined, see
 * `plain`), parents and dependencies as URNs, and each resource's top-level component
 * (the recorder's convention: `cutlist:app:App` → "app"). Custom resources are told from
 * components by their provider reference.
 */
export function recordingOf(resources: readonly PolicyResource[]): Recording {
  const first = resources.find((r) => r.type !== TYPE.stack) ?? resources[0];
  const stack = (first && stackOfUrn(first.urn)) ?? "stack";
  const project = (first && projectOfUrn(first.urn)) ?? "project";
  const isCustom = (r: PolicyResource) => r.provider !== undefined || r.type.startsWith("pulumi:providers:");

  const componentOf = (r: PolicyResource): string | undefined => {
    // Walk up to the topmost ancestor below the stack; a component there names the group.
    let top: PolicyResource | undefined;
    for (let p: PolicyResource | undefined = r; p && p.type !== TYPE.stack; p = p.parent) top = p;
    if (!top || isCustom(top)) return undefined;
    return top.type.split(":")[1];
  };

  const records: ResourceRecord[] = resources.map((r) => {
    const inputs = plain<Record<string, unknown>>(r.props) ?? {};
    delete inputs.__provider; // a dynamic provider's serialised code
    const parent = r.parent && r.parent.type !== TYPE.stack ? r.parent.urn : undefined;
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      ...(parent ? { parent } : {}),
      custom: isCustom(r),
      inputs,
      protect: Boolean(r.opts?.protect),
      retainOnDelete: false,
      deleteBeforeReplace: Boolean(r.opts?.deleteBeforeReplace),
      ignoreChanges: [...(r.opts?.ignoreChanges ?? [])],
      replaceOnChanges: [],
      additionalSecretOutputs: [...(r.opts?.additionalSecretOutputs ?? [])],
      dependencies: r.dependencies.map((d) => d.urn),
      ...(Object.keys(r.propertyDependencies ?? {}).length
        ? { propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, deps]) => [k, deps.map((d) => d.urn)])) }
        : {}),
      component: componentOf(r),
    };
  });
  return { project, stack, config: {}, resources: records };
}
