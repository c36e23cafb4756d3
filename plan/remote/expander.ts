/** The shape of one remote component's expansion (plan/remoteComponents.ts applies them). */
import type { ResourceRecord } from "../../model/records";

export interface ExpandContext {
  /** The region the component's children land in (its `region` arg, else the stack's `aws:region`). */
  readonly region: string;
}

/** The children the component's provider would register, and a few words on the defaults used. */
export interface Expansion {
  readonly children: readonly ResourceRecord[];
  readonly summary: string;
}

/** Expands one component, or throws CannotExpand saying why not. */
export type Expander = (component: ResourceRecord, ctx: ExpandContext) => Expansion;

/** Args an expander cannot read, or that awsx itself rejects: the component stays unexpanded ("not priced"), with the reason. */
export class CannotExpand extends Error {}

/** A plain object arg (or undefined when absent); anything else cannot be expanded. */
export function objectArg(inputs: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  if (!(key in inputs)) return undefined;
  const v = inputs[key];
  if (v === undefined) throw new CannotExpand(`${key} is unknown at preview`);
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new CannotExpand(`${key} is not an object`);
  return v as Record<string, unknown>;
}

/** A list arg (or undefined when absent). */
export function listArg(inputs: Record<string, unknown>, key: string): unknown[] | undefined {
  if (!(key in inputs)) return undefined;
  const v = inputs[key];
  if (v === undefined) throw new CannotExpand(`${key} is unknown at preview`);
  if (!Array.isArray(v)) throw new CannotExpand(`${key} is not a list`);
  return v;
}

/** A string arg that decides what gets created (or undefined when absent). */
export function stringArg(inputs: Record<string, unknown>, key: string): string | undefined {
  if (!(key in inputs)) return undefined;
  const v = inputs[key];
  if (v === undefined) throw new CannotExpand(`${key} is unknown at preview`);
  if (typeof v !== "string") throw new CannotExpand(`${key} is not a string`);
  return v;
}

/** A whole-number arg that decides what gets created (or undefined when absent). */
export function countArg(inputs: Record<string, unknown>, key: string): number | undefined {
  if (!(key in inputs)) return undefined;
  const v = inputs[key];
  if (v === undefined) throw new CannotExpand(`${key} is unknown at preview`);
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new CannotExpand(`${key} is not a positive whole number`);
  return v;
}

/** Inputs without the listed keys (the component's own args the AWS resource does not take). */
export function without(inputs: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** Only the listed keys that are present (the AWS resource's own args among the component's). */
export function only(inputs: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in inputs) out[k] = inputs[k];
  return out;
}
