/**
 * Pulumi URNs: `urn:pulumi:<stack>::<project>::<type chain>::<name>`, where the type chain is
 * the resource's type after its ancestors' (`parent$child`, the root stack left out) and the
 * name may itself contain `::` (pulumi/pulumi sdk/go/common/resource/urn.go).
 */

export interface UrnParts {
  readonly stack: string;
  readonly project: string;
  /** `awsx:ec2:Vpc$aws:ec2/vpc:Vpc`: the ancestors' types, then the resource's. */
  readonly typeChain: string;
  readonly name: string;
}

const PREFIX = "urn:pulumi:";

/** The parts of a URN, or undefined for anything else. */
export function urnParts(urn: string): UrnParts | undefined {
  if (!urn.startsWith(PREFIX)) return undefined;
  const [stack, project, typeChain, ...name] = urn.slice(PREFIX.length).split("::");
  if (!stack || !project || !typeChain || name.length === 0 || name.join("::") === "") return undefined;
  return { stack, project, typeChain, name: name.join("::") };
}

export function formatUrn(p: UrnParts): string {
  return `${PREFIX}${p.stack}::${p.project}::${p.typeChain}::${p.name}`;
}

/** The resource's own type: the last link of its type chain. */
export function urnType(p: UrnParts): string {
  return p.typeChain.slice(p.typeChain.lastIndexOf("$") + 1);
}
