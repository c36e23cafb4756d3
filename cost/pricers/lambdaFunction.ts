/**
 * aws:lambda/function:Function — requests and compute duration (GB-seconds) from usage, at
 * the architecture's price with AWS's volume tiers (counted account-wide per region and
 * architecture), ephemeral storage above the free 512 MB, and the always-free 1M requests and
 * 400,000 GB-seconds a month as explicit lines. Provisioned concurrency is priced on its own
 * resource (lambdaProvisionedConcurrency.ts); a function that has it gets no free tier.
 */
import type { ResourceRecord } from "../../model/records";
import { arr, num, obj, str } from "../../model/read";
import { div, mul, sub } from "../../model/money";
import { freeLine, noPriceFor, per, pooledTierLines, usageLine, withFreeTierPer } from "../lines";
import { lambdaPrices, type Architecture, type LambdaPrices } from "../prices";
import type { CostComponent, FreeTierPool, MapContext, Pricer } from "../types";

export const LAMBDA_FUNCTION_TYPE = "aws:lambda/function:Function";
export const PROVISIONED_CONCURRENCY_TYPE = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";

export interface LambdaFunctionInput {
  readonly region: string;
  /** MB; the provider default is 128. */
  readonly memoryMb: number;
  /** x86_64 unless `architectures` says arm64 (the provider default is x86_64). */
  readonly architecture: Architecture;
  /** MB of /tmp; the provider default (and the free amount) is 512. */
  readonly ephemeralStorageMb: number;
  /** A provisioned concurrency config targets this function (no free tier then). */
  readonly hasProvisionedConcurrency: boolean;
}

export function lambdaArchitecture(record: ResourceRecord): Architecture {
  return arr(record.inputs.architectures)?.[0] === "arm64" ? "arm64" : "x86_64";
}

export function mapLambdaFunction(record: ResourceRecord, ctx: MapContext): LambdaFunctionInput {
  const inputs = record.inputs;
  return {
    region: ctx.regionOf(record),
    memoryMb: num(inputs.memorySize) ?? 128,
    architecture: lambdaArchitecture(record),
    ephemeralStorageMb: num(obj(inputs.ephemeralStorage)?.size) ?? 512,
    hasProvisionedConcurrency: ctx.dependentsOfType(record, PROVISIONED_CONCURRENCY_TYPE).length > 0 || provisionedConfigNamed(record, ctx),
  };
}

/** A config that names the function (`functionName` = its `name` input) rather than depending on it. */
function provisionedConfigNamed(record: ResourceRecord, ctx: MapContext): boolean {
  const name = str(record.inputs.name);
  return name !== undefined && ctx.recording.resources.some((r) => r.type === PROVISIONED_CONCURRENCY_TYPE && str(r.inputs.functionName) === name);
}

/** Compute seconds a month: requests × the duration rounded up to the millisecond. */
export function lambdaSeconds(requests: number | undefined, durationMs: number | undefined): number | undefined {
  return requests === undefined || durationMs === undefined ? undefined : mul(requests, div(Math.ceil(durationMs), 1000));
}

/** The duration tiers' names, as Infracost writes them (tier bounds in GB-seconds). */
const TIER_NAMES: Readonly<Record<Architecture, readonly string[]>> = {
  x86_64: ["Duration (first 6B)", "Duration (next 9B)", "Duration (over 15B)"],
  arm64: ["Duration (first 7.5B)", "Duration (next 11.25B)", "Duration (over 18.75B)"],
};

/** Duration lines for `gbSeconds` after the free tier, tiered account-wide. */
export function durationLines(p: LambdaPrices, region: string, arch: Architecture, gbSeconds: number | undefined, pool: FreeTierPool, freeTier: boolean): { lines: CostComponent[]; note?: string } {
  const names = p.tiersSourced ? TIER_NAMES[arch] : ["Duration"];
  const tiers = p.durationTiers[arch];
  const lines: CostComponent[] = [];
  let paid = gbSeconds;
  if (gbSeconds !== undefined && freeTier) {
    const covered = pool.take("lambda_gb_seconds", p.freeGbSeconds, gbSeconds);
    lines.push(freeLine("Duration (free tier, first 400K GB-seconds)", "GB-seconds", covered));
    paid = sub(gbSeconds, covered);
  }
  lines.push(...pooledTierLines(pool, `lambda_duration:${region}:${arch}`, (i) => names[Math.min(i, names.length - 1)], "GB-seconds", paid, tiers));
  const note =
    !p.tiersSourced && paid !== undefined && paid > p.firstTierGbSeconds[arch]
      ? `only the first duration tier is sourced for ${region}: above ${p.firstTierGbSeconds[arch]} GB-seconds a month AWS charges less than shown`
      : undefined;
  return { lines, note };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const LAMBDA_FUNCTION_USAGE = {
  monthly_requests: "invocations a month (not those served by provisioned concurrency)",
  request_duration_ms: "average duration of one invocation, ms (billed rounded up to 1 ms)",
} as const;

export const lambdaFunctionPricer: Pricer<LambdaFunctionInput, typeof LAMBDA_FUNCTION_USAGE> = {
  type: LAMBDA_FUNCTION_TYPE,
  usageSchema: LAMBDA_FUNCTION_USAGE,
  map: mapLambdaFunction,
  price(input, usage, ctx) {
    const p = lambdaPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const freeTier = !input.hasProvisionedConcurrency;
    const requests = usage.monthly_requests;
    const lines: CostComponent[] = freeTier
      ? withFreeTierPer(ctx.freeTier, { key: "lambda_requests", total: p.freeRequests, name: "Requests (free tier, first 1M)" }, "Requests", "1M requests", 1_000_000, requests, p.requests1m)
      : [usageLine("Requests", "1M requests", per(requests, 1_000_000), p.requests1m)];
    const seconds = lambdaSeconds(requests, usage.request_duration_ms);
    const gbSeconds = seconds === undefined ? undefined : mul(seconds, div(input.memoryMb, 1024));
    const duration = durationLines(p, input.region, input.architecture, gbSeconds, ctx.freeTier, freeTier);
    lines.push(...duration.lines);
    if (input.ephemeralStorageMb > 512) {
      const extraGb = div(input.ephemeralStorageMb - 512, 1024);
      lines.push(usageLine("Ephemeral storage", "GB-seconds", seconds === undefined ? undefined : mul(seconds, extraGb), p.ephemeralGbSecondOver512Mb));
    }
    const notes = [`${input.memoryMb} MB, ${input.architecture}`];
    if (!freeTier) notes.push("no free tier: the function has provisioned concurrency");
    if (duration.note) notes.push(duration.note);
    return { costComponents: lines, note: notes.join("; ") };
  },
};
