/** Shared test setup: tiny timings, a fake per suite, input factories. */
import type { NeonTimings } from "../../components/neon/client";
import type { NeonEndpointInputs } from "../../components/neon/endpoint";
import type { NeonProjectInputs } from "../../components/neon/project";

/** Milliseconds instead of seconds, so the whole suite stays fast. */
export const FAST: Partial<NeonTimings> = {
  maxAttempts: 8,
  baseDelayMs: 1,
  maxDelayMs: 8,
  requestTimeoutMs: 1_000,
  pollIntervalMs: 2,
  operationTimeoutMs: 2_000,
};

export const KEY = "test-key";

let seq = 0;
export function projectInputs(apiHost: string, over: Partial<NeonProjectInputs> = {}): NeonProjectInputs {
  seq++;
  return {
    apiKey: KEY,
    apiHost,
    name: `cutlist-test-${seq}`,
    region: "aws-us-east-1",
    pgVersion: 17,
    historyRetentionSeconds: 72 * 3600,
    plan: "launch",
    minCu: 0.5,
    maxCu: 4,
    suspendTimeoutSeconds: -1,
    databaseName: "cutlist",
    roleName: "cutlist_app",
    ...over,
  };
}

export function endpointInputs(apiHost: string, projectId: string, branchId: string, over: Partial<NeonEndpointInputs> = {}): NeonEndpointInputs {
  seq++;
  return {
    apiKey: KEY,
    apiHost,
    projectId,
    branchId,
    type: "read_only",
    endpointName: `replica-${seq}`,
    plan: "launch",
    minCu: 0.25,
    maxCu: 2,
    suspendTimeoutSeconds: 300,
    ...over,
  };
}
