import { parseStackConfig } from "../stacks/config";
import { ConfigError } from "../stacks/problems";
import { recordStack } from "../plan/record";
import type { Recording, ResourceRecord } from "../model/records";

export const STACKS = ["dev", "prod"] as const;

/** Records one of our stacks, optionally at another milestone or with extra config. */
export function record(stack: string, milestone?: string, config: Record<string, string> = {}): Promise<Recording> {
  return recordStack({ stack, milestone, config });
}

/** This test file's recordings of our stacks as they are configured, by stack and milestone. */
const recordings = new Map<string, Promise<Recording>>();

/**
 * One of our stacks at a milestone, recorded once per test file (jest gives each file its own
 * modules) and shared by the tests that read it, as plan/plan.ts shares recordings within one
 * run: each test waits for at most the recordings it reads, not a whole matrix in one hook.
 * Callers only read recordings; one that changes a recording takes `record` instead.
 */
export function recorded(stack: string, milestone?: string): Promise<Recording> {
  const key = `${stack}/${milestone ?? ""}`;
  let rec = recordings.get(key);
  if (!rec) {
    rec = record(stack, milestone);
    recordings.set(key, rec);
    rec.catch(() => recordings.delete(key)); // a failed recording is retried by the next test
  }
  return rec;
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

/** The stack the config tests parse for, and the smallest valid stack config of ours. */
export const STACK_CONTEXT = { project: "cutlist", stack: "prod" };
export const BASE_CONFIG = { "aws:region": "us-east-1", "cutlist:milestone": "m2", "cutlist:alertEmail": "oncall@example.com" };

/** The problems parseStackConfig reports for `values` (throws when it accepts them). */
export function configProblems(values: Record<string, string>): readonly string[] {
  try {
    parseStackConfig(values, STACK_CONTEXT);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error("expected a ConfigError");
}
