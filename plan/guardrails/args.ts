/**
 * Recorded resources → the arguments @pulumi/policy builds (`policyResourcesOf`,
 * `resourceValidationArgs`, `stackValidationArgs`), so the offline runner and the tests call
 * `validateResource` / `validateStack` exactly as the analyzer would. The other direction
 * (policy resources → a recording, for the cost policies) is policies/recording.ts.
 */
import type { Resource } from "@pulumi/pulumi";
import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { Recording, ResourceRecord } from "../../model/records";
import { projectOfUrn, stackOfUrn } from "../../policies/util";

/** Thrown by `notApplicable()`; the runner records the reason instead of a violation. */
export class NotApplicableError extends Error {
  constructor(readonly reason: string) {
    // Control flow, thrown per resource and policy: a stack trace would only cost time.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
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
    const resource = out[i] as { parent?: PolicyResource; dependencies: PolicyResource[]; propertyDependencies: Record<string, PolicyResource[]> };
    const linked = (urns: readonly string[]) => urns.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
    if (r.parent && byUrn.has(r.parent)) resource.parent = byUrn.get(r.parent);
    resource.dependencies = linked(r.dependencies);
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) resource.propertyDependencies[key] = linked(urns);
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
