/**
 * The diff of two recordings (base → head), as plain data: what plan/diff.ts computes and the
 * renderers, the offline guardrails and the optimizer read.
 */
import type { ResourceRecord } from "./records";

export type ChangeKind = "create" | "update" | "replace" | "delete" | "same";

export interface InputChange {
  /** Dotted path of the input, e.g. `numNodeGroups` or `origins[1].domainName`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** The provider cannot change this input in place. */
  readonly forcesReplacement: boolean;
}

export interface ResourceChange {
  readonly kind: ChangeKind;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly component?: string;
  readonly before?: ResourceRecord;
  readonly after?: ResourceRecord;
  readonly changes: readonly InputChange[];
  /** Holds data that a delete or replace would lose. */
  readonly stateful: boolean;
  /** For updates of types without a replacement table: whether a replace is possible. */
  readonly replacementUnknown: boolean;
  /** An update that changes only tags (e.g. the `milestone` cost tag on a promotion). */
  readonly tagsOnly: boolean;
}

export interface PlanDiff {
  readonly changes: readonly ResourceChange[];
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Of the updates, how many change only tags. */
  readonly tagsOnly: number;
}
