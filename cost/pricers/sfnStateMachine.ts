/**
 * aws:sfn/stateMachine:StateMachine — a Standard workflow bills state transitions (the first
 * 4,000 a month free, account-wide); an Express workflow bills requests and duration in
 * GB-hours (memory rounded up to 64 MB, duration to 100 ms, as AWS meters it), in volume tiers.
 */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { div, mul } from "../../model/money";
import { noPriceFor, per, pooledTierLines, usageLine, withFreeTierPer } from "../lines";
import { stepFunctionsPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface StateMachineInput {
  readonly region: string;
  /** "STANDARD" (the provider default) or "EXPRESS". */
  readonly workflowType: string;
}

export function mapStateMachine(record: ResourceRecord, ctx: MapContext): StateMachineInput {
  return { region: ctx.regionOf(record), workflowType: (str(record.inputs.type) ?? "STANDARD").toUpperCase() };
}

/** Express duration: requests × duration (100 ms steps) × memory (64 MB steps, 64 MB minimum), in GB-hours. */
export function expressGbHours(requests: number | undefined, durationMs: number | undefined, memoryMb = 64): number | undefined {
  if (requests === undefined || durationMs === undefined) return undefined;
  const mb = Math.max(64, Math.ceil(memoryMb / 64) * 64);
  const ms = Math.ceil(durationMs / 100) * 100;
  return mul(requests, div(ms, 1000 * 3600), div(mb, 1024));
}

const DURATION_NAMES = ["Duration (first 1K)", "Duration (next 4K)", "Duration (over 5K)"];

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const STATE_MACHINE_USAGE = {
  monthly_transitions: "state transitions a month (Standard)",
  monthly_requests: "workflow executions a month (Express)",
  workflow_duration_ms: "average execution duration, ms (Express)",
  memory_mb: "memory an execution uses, MB (Express; default 64)",
} as const;

export const stateMachinePricer: Pricer<StateMachineInput, typeof STATE_MACHINE_USAGE> = {
  type: "aws:sfn/stateMachine:StateMachine",
  usageSchema: STATE_MACHINE_USAGE,
  map: mapStateMachine,
  price(input, usage, ctx) {
    const p = stepFunctionsPrices(input.region);
    if (input.workflowType === "EXPRESS") {
      if (!p?.express) return noPriceFor(input.region, "Express workflows");
      const gbHours = expressGbHours(usage.monthly_requests, usage.workflow_duration_ms, usage.memory_mb);
      return {
        costComponents: [
          usageLine("Requests", "1M requests", per(usage.monthly_requests, 1_000_000), p.express.requests1m),
          ...pooledTierLines(ctx.freeTier, `sfn_express_gb_hours:${input.region}`, (i) => DURATION_NAMES[i], "GB-hours", gbHours, p.express.durationTiersGbHours),
        ],
      };
    }
    if (p?.standard1kTransitions === undefined) return noPriceFor(input.region);
    return {
      costComponents: withFreeTierPer(
        ctx.freeTier,
        { key: "sfn_transitions", total: p.standardFreeTransitions, name: "Transitions (free tier, first 4K)" },
        "Transitions",
        "1K transitions",
        1000,
        usage.monthly_transitions,
        p.standard1kTransitions,
      ),
    };
  },
};
