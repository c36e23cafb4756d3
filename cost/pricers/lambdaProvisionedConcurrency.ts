/**
 * aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig — the concurrency kept
 * warm (concurrent executions × the function's memory, every second it is enabled) and the
 * requests and duration it serves, at the provisioned rates (no free tier). The function's
 * memory, architecture and region come from the function record it targets.
 */
import type { ResourceRecord } from "../../model/records";
import { num, str } from "../../model/read";
import { div, mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, per, usageLine } from "../lines";
import { lambdaPrices, type Architecture } from "../prices";
import type { MapContext, Pricer } from "../types";
import { LAMBDA_FUNCTION_TYPE, lambdaArchitecture, lambdaSeconds, PROVISIONED_CONCURRENCY_TYPE } from "./lambdaFunction";

export interface ProvisionedConcurrencyInput {
  readonly region: string;
  readonly concurrentExecutions?: number;
  /** From the function; undefined when it is not in the recording. */
  readonly function?: { readonly name: string; readonly memoryMb: number; readonly architecture: Architecture };
}

/** The function the config targets: a dependency (functionName is its output), else by its `name`. */
function targetFunction(record: ResourceRecord, ctx: MapContext): ResourceRecord | undefined {
  const deps = ctx.dependenciesOfType(record, LAMBDA_FUNCTION_TYPE);
  if (deps.length > 0) return deps[0];
  const name = str(record.inputs.functionName);
  return name === undefined ? undefined : ctx.recording.resources.find((r) => r.type === LAMBDA_FUNCTION_TYPE && str(r.inputs.name) === name);
}

export function mapProvisionedConcurrency(record: ResourceRecord, ctx: MapContext): ProvisionedConcurrencyInput {
  const fn = targetFunction(record, ctx);
  return {
    region: ctx.regionOf(record),
    concurrentExecutions: num(record.inputs.provisionedConcurrentExecutions),
    function: fn ? { name: fn.name, memoryMb: num(fn.inputs.memorySize) ?? 128, architecture: lambdaArchitecture(fn) } : undefined,
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const PROVISIONED_CONCURRENCY_USAGE = {
  monthly_duration_hrs: "hours a month the concurrency is enabled (default 730)",
  monthly_requests: "invocations a month served by the provisioned concurrency",
  request_duration_ms: "average duration of one of those invocations, ms",
} as const;

export const provisionedConcurrencyPricer: Pricer<ProvisionedConcurrencyInput, typeof PROVISIONED_CONCURRENCY_USAGE> = {
  type: PROVISIONED_CONCURRENCY_TYPE,
  usageSchema: PROVISIONED_CONCURRENCY_USAGE,
  map: mapProvisionedConcurrency,
  price(input, usage) {
    if (!input.function) return { status: "not-priced", costComponents: [], note: "Target function not found in the program; its memory is unknown" };
    if (input.concurrentExecutions === undefined) return { status: "not-priced", costComponents: [], note: "provisionedConcurrentExecutions not known at preview" };
    const p = lambdaPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const rates = p.provisioned[input.function.architecture];
    if (!rates) return noPriceFor(input.region, `${input.function.architecture} provisioned concurrency`);
    const gb = div(input.function.memoryMb, 1024);
    const hours = usage.monthly_duration_hrs ?? HOURS_PER_MONTH;
    const seconds = lambdaSeconds(usage.monthly_requests, usage.request_duration_ms);
    return {
      costComponents: [
        fixedLine("Provisioned Concurrency", "GB-seconds", mul(input.concurrentExecutions, gb, hours, 3600), rates.concurrency),
        usageLine("Requests", "1M requests", per(usage.monthly_requests, 1_000_000), p.requests1m),
        usageLine("Duration", "GB-seconds", seconds === undefined ? undefined : mul(seconds, gb), rates.duration),
      ],
      note: `${input.concurrentExecutions} × ${input.function.memoryMb} MB (${input.function.architecture}) of ${input.function.name}`,
    };
  },
};
