/**
 * Building the child records a remote component's provider would register: URNs as the
 * engine forms them (the parent's type chain, then the child's type, then its name), options
 * inherited from the component, and unknown values as the recorder writes them (the key
 * present, the value `undefined`).
 */
import type { ResourceRecord } from "../../model/records";
import { formatUrn, urnParts } from "../urn";

/** A value the provider computes at deploy time (an id, an ARN): unknown at preview. */
export const UNKNOWN = undefined;

/** The children of one remote component, in the order its provider registers them. */
export class Children {
  readonly records: ResourceRecord[] = [];

  constructor(private readonly root: ResourceRecord) {}

  /**
   * Adds a child of `parent` (the component or one of its children). Custom unless said
   * otherwise; `dependsOn` adds the URNs of the records it waits for or reads.
   */
  add(parent: ResourceRecord, type: string, name: string, inputs: Record<string, unknown>, opts: { custom?: boolean; dependsOn?: readonly ResourceRecord[] } = {}): ResourceRecord {
    const record: ResourceRecord = {
      urn: childUrn(parent.urn, type, name),
      type,
      name,
      parent: parent.urn,
      custom: opts.custom ?? true,
      inputs,
      // Children inherit their parent's protect and retainOnDelete, as the SDKs pass them down.
      protect: this.root.protect,
      retainOnDelete: this.root.retainOnDelete,
      deleteBeforeReplace: false,
      ignoreChanges: [],
      replaceOnChanges: [],
      additionalSecretOutputs: [],
      // An explicit AWS provider given to the component reaches its AWS children.
      ...(this.root.provider && /::pulumi:providers:aws::/.test(this.root.provider) ? { provider: this.root.provider } : {}),
      dependencies: (opts.dependsOn ?? []).map((r) => r.urn),
      component: this.root.component,
    };
    this.records.push(record);
    return record;
  }
}

/** The URN the engine gives a child: the parent's type chain, `$`, the child's type. */
export function childUrn(parentUrn: string, type: string, name: string): string {
  const parts = urnParts(parentUrn);
  if (!parts) throw new Error(`not a Pulumi URN: ${parentUrn}`);
  return formatUrn({ ...parts, typeChain: `${parts.typeChain}$${type}`, name });
}
