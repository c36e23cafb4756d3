/**
 * The two directions between Pulumi's policy arguments and the plan's recordings:
 *
 * - `recordingOf(resources)`: the `PolicyResource[]` a stack policy receives (in a real
 *   `pulumi preview` or offline) → a `Recording`, so cost policies price with the plan's own
 *   estimator;
 * - `policyResourcesOf(recording)`, `resourceValidationArgs(...)`, `stackValidationArgs(...)`:
 *   recorded resources → the arguments @pulumi/policy builds, so the offline runner and the
 *   tests call `validateResource` / `validateStack` exactly as the analyzer would.
 */
import type { Resource } from "@pulumi/pulumi";
import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { Recording, ResourceRecord } from "../model/records";
import { plain, projectOfUrn, stackOfUrn } from "./util";

/** Thrown by `notApplicable()`; the runner records the reason instead of a violation. */
export class NotApplicableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "NotApplicableError";
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason ?? "not applicable");
}

/** @pulumi/policy's type test: the class's own type token (or its `isInstance`). */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
  const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean };
  if (typeof cls.__pulumiType === "string" && cls.__pulumiType.length > 0) return type === cls.__pulumiType;
  return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

type ClassOf = { new (...rest: any[]): Resource };

function optionsOf(r: Pick<ResourceRecord, "protect" | "ignoreChanges" | "deleteBeforeReplace" | "additionalSecretOutputs" | "parent">): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: [...r.ignoreChanges],
    deleteBeforeReplace: r.deleteBeforeReplace,
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...r.additionalSecretOutputs],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

/** The provider a custom resource would name (`pulumi:providers:<package>`); components have none. */
function providerOf(r: ResourceRecord) {
  if (!r.custom) return undefined;
  const pkg = r.type.split(":")[0];
  const name = "default";
  return { type: `pulumi:providers:${pkg}`, urn: `urn:pulumi:${stackOfUrn(r.urn) ?? "stack"}::${projectOfUrn(r.urn) ?? "project"}::pulumi:providers:${pkg}::${name}`, name, props: {} };
}

/** A recorded resource as the `PolicyResource` a stack policy sees (parent and dependencies linked). */
export function policyResourcesOf(recording: Recording): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const out: PolicyResource[] = [];
  for (const r of recording.resources) {
    const props = r.inputs as Record<string, any>;
    const provider = providerOf(r);
    const resource: PolicyResource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      ...(provider ? { provider } : {}),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls: ClassOf) => isTypeOf(r.type, cls),
      asType: ((cls: ClassOf) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
    };
    byUrn.set(r.urn, resource);
    out.push(resource);
  }
  recording.resources.forEach((r, i) => {
    const resource = out[i] as { parent?: PolicyResource; dependencies: PolicyResource[] };
    if (r.parent && byUrn.has(r.parent)) resource.parent = byUrn.get(r.parent);
    resource.dependencies = r.dependencies.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
  });
  return out;
}

export interface ArgsOptions {
  /** Config properties the policy's `getConfig()` returns. */
  readonly config?: Record<string, unknown>;
  /** Pulumi Cloud stack tags (`pulumi stack tag`). */
  readonly stackTags?: ReadonlyMap<string, string>;
}

/** Arguments of `validateResource` for one recorded resource. */
export function resourceValidationArgs(record: ResourceRecord, options: ArgsOptions = {}): ResourceValidationArgs {
  const props = record.inputs as Record<string, any>;
  const provider = providerOf(record);
  return {
    type: record.type,
    props,
    urn: record.urn,
    name: record.name,
    opts: optionsOf(record),
    ...(provider ? { provider } : {}),
    stackTags: options.stackTags ?? new Map(),
    isType: (cls: ClassOf) => isTypeOf(record.type, cls),
    asType: ((cls: ClassOf) => (isTypeOf(record.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({ ...(options.config ?? {}) }) as T,
    notApplicable: throwNotApplicable,
  };
}

/** Arguments of `validateStack` for a set of policy resources. */
export function stackValidationArgs(resources: PolicyResource[], options: ArgsOptions = {}): StackValidationArgs {
  return {
    resources,
    stackTags: options.stackTags ?? new Map(),
    getConfig: <T extends object>() => ({ ...(options.config ?? {}) }) as T,
    notApplicable: throwNotApplicable,
  };
}

// ---------------------------------------------------------------------------------------------
// PolicyResource[] → Recording (for the estimator)

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The stack's resources as a Recording: inputs made plain (unknown → undefined, see
 * `plain`), parents and dependencies as URNs, and each resource's top-level component
 * (the recorder's convention: `cutlist:app:App` → "app"). Custom resources are told from
 * components by their provider reference.
 */
export function recordingOf(resources: readonly PolicyResource[]): Recording {
  const first = resources.find((r) => r.type !== STACK_TYPE) ?? resources[0];
  const stack = (first && stackOfUrn(first.urn)) ?? "stack";
  const project = (first && projectOfUrn(first.urn)) ?? "project";
  const isCustom = (r: PolicyResource) => r.provider !== undefined || r.type.startsWith("pulumi:providers:");

  const componentOf = (r: PolicyResource): string | undefined => {
    // Walk up to the topmost ancestor below the stack; a component there names the group.
    let top: PolicyResource | undefined;
    for (let p: PolicyResource | undefined = r; p && p.type !== STACK_TYPE; p = p.parent) top = p;
    if (!top || isCustom(top)) return undefined;
    return top.type.split(":")[1];
  };

  const records: ResourceRecord[] = resources.map((r) => {
    const inputs = plain<Record<string, unknown>>(r.props) ?? {};
    delete inputs.__provider; // a dynamic provider's serialised code
    const parent = r.parent && r.parent.type !== STACK_TYPE ? r.parent.urn : undefined;
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
      component: componentOf(r),
    };
  });
  return { project, stack, config: {}, resources: records };
}
