import { recordStack } from "../plan/record";
import type { Recording, ResourceRecord } from "../model/records";

export const STACKS = ["dev", "prod"] as const;

/** Records one of our stacks, optionally at another milestone or with extra config. */
export function record(stack: string, milestone?: string, config: Record<string, string> = {}): Promise<Recording> {
  return recordStack({ stack, milestone, config });
}

export function ofType(rec: Recording, type: string): ResourceRecord[] {
  return rec.resources.filter((r) => r.type === type);
}

export function one(rec: Recording, type: string, name?: string): ResourceRecord {
  const found = ofType(rec, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
  return found[0];
}

/** Inputs as a loosely typed object for property assertions. */
export function inputs(r: ResourceRecord): Record<string, any> {
  return r.inputs as Record<string, any>;
}
