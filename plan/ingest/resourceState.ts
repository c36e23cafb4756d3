/**
 * One resource state as the engine writes it (`apitype.ResourceV3`, pulumi/pulumi
 * sdk/go/common/apitype/core.go @ 0061b2324230e2bd3fe6a77089c346d0b6947415: `urn`, `custom`,
 * `delete`, `id`, `type`, `inputs`, `outputs`, `parent`, `protect`, `external`,
 * `dependencies`, `provider`, `propertyDependencies`, `pendingReplacement`,
 * `additionalSecretOutputs`, `retainOnDelete`, `ignoreChanges`, `replaceOnChanges`, …),
 * checked and turned into the ResourceRecord the recorder would write for it.
 *
 * As the recorder does: inputs are what the program declared (outputs are not read), the root
 * stack is nobody's parent, a resource names only an explicit provider (default providers,
 * `pulumi:providers:<pkg>::default…`, are not named), and the top-level component is the
 * first type of the URN's type chain.
 */
import type { ResourceRecord } from "../../model/records";
import { formatUrn, urnParts, urnType, type UrnParts } from "../urn";
import { decodeObject } from "./engineValues";
import { asBoolean, asObject, asString, asStrings, optional, type JsonPath } from "./jsonFile";

export const STACK_TYPE = "pulumi:pulumi:Stack";

/** A checked state: the record, its URN's parts, and what decides whether it is part of the deployment. */
export interface ResourceState {
  readonly record: ResourceRecord;
  readonly urn: UrnParts;
  /** The root stack, or a default provider: not recorded by the recorder either. */
  readonly implicit: boolean;
  /** Read, not managed (`external`, e.g. `aws.ec2.Vpc.get`). */
  readonly external: boolean;
  /** An old copy awaiting deletion (`delete`), or deleted before its replacement was created (`pendingReplacement`). */
  readonly leftover: boolean;
}

/** A URN string, checked. */
export function parseUrn(v: unknown, at: JsonPath): UrnParts {
  const s = asString(v, at);
  const parts = urnParts(s);
  if (!parts) throw at.fail(`expected a Pulumi URN ("urn:pulumi:<stack>::<project>::<type>::<name>"), got ${JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s)}`);
  return parts;
}

/** A default provider's URN (the engine names them `default`, or `default_<version>…`: pkg/resource/deploy/providers/provider.go `DefaultName`). */
export function isDefaultProviderUrn(p: UrnParts): boolean {
  return urnType(p).startsWith("pulumi:providers:") && /^default(_|$)/.test(p.name);
}

/** The provider URN of a provider reference `<provider URN>::<provider id>` (pkg/resource/deploy/providers/reference.go). */
export function providerUrnOf(ref: string, at: JsonPath): UrnParts {
  const cut = ref.lastIndexOf("::");
  const parts = cut > 0 ? urnParts(ref.slice(0, cut)) : undefined;
  if (!parts || !urnType(parts).startsWith("pulumi:providers:")) throw at.fail(`expected a provider reference ("<provider URN>::<id>"), got ${JSON.stringify(ref)}`);
  return parts;
}

/** The top-level component a resource belongs to, from its URN: `cutlist:app:App$…` → "app" (the recorder's rule). */
function componentOf(p: UrnParts, custom: boolean): string | undefined {
  const chain = p.typeChain.split("$");
  if (chain.length === 1 && custom) return undefined;
  return chain[0].split(":")[1];
}

/** Checks one ResourceV3 and makes its record. */
export function readResourceState(v: unknown, at: JsonPath): ResourceState {
  const o = asObject(v, at);
  const urn = parseUrn(o.urn, at.key("urn"));
  const type = asString(o.type, at.key("type"));
  if (type !== urnType(urn)) throw at.key("type").fail(`${JSON.stringify(type)} is not the type its URN names (${JSON.stringify(urnType(urn))})`);
  const custom = asBoolean(o.custom, at.key("custom"));
  const parent = optional(o, "parent", at, parseUrn);
  const providerRef = optional(o, "provider", at, asString);
  const provider = providerRef ? providerUrnOf(providerRef, at.key("provider")) : undefined;
  const record: ResourceRecord = {
    urn: formatUrn(urn),
    type,
    name: urn.name,
    ...(parent && urnType(parent) !== STACK_TYPE ? { parent: formatUrn(parent) } : {}),
    custom,
    inputs: optional(o, "inputs", at, (x, p) => decodeObject(asObject(x, p), p)) ?? {},
    protect: optional(o, "protect", at, asBoolean) ?? false,
    retainOnDelete: optional(o, "retainOnDelete", at, asBoolean) ?? false,
    // Not kept in states; the diff of an engine state takes the engine's own decision anyway.
    deleteBeforeReplace: false,
    ignoreChanges: optional(o, "ignoreChanges", at, asStrings) ?? [],
    replaceOnChanges: optional(o, "replaceOnChanges", at, asStrings) ?? [],
    additionalSecretOutputs: optional(o, "additionalSecretOutputs", at, asStrings) ?? [],
    ...(provider && !isDefaultProviderUrn(provider) ? { provider: formatUrn(provider) } : {}),
    dependencies: (optional(o, "dependencies", at, asStrings) ?? []).map((d, i) => {
      parseUrn(d, at.key("dependencies").index(i));
      return d;
    }),
    component: componentOf(urn, custom),
  };
  return {
    record,
    urn,
    implicit: type === STACK_TYPE || isDefaultProviderUrn(urn),
    external: optional(o, "external", at, asBoolean) ?? false,
    leftover: (optional(o, "delete", at, asBoolean) ?? false) || (optional(o, "pendingReplacement", at, asBoolean) ?? false),
  };
}
