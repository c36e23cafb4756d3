/**
 * aws:apigateway/stage:Stage — a stage is free; a stage with caching enabled bills its cache
 * memory by the hour, by size. Only the 0.5 GB and 237 GB sizes are sourced.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, str } from "../../model/read";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor } from "../lines";
import { apiGatewayPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface ApiStageInput {
  readonly region: string;
  readonly cacheEnabled: boolean;
  /** GB as API Gateway names the sizes ("0.5", "1.6", … "237"); AWS's default is 0.5. */
  readonly cacheSizeGb: string;
}

export function mapApiStage(record: ResourceRecord, ctx: MapContext): ApiStageInput {
  return {
    region: ctx.regionOf(record),
    cacheEnabled: bool(record.inputs.cacheClusterEnabled) ?? false, // provider default: no cache
    cacheSizeGb: str(record.inputs.cacheClusterSize) ?? "0.5",
  };
}

export const apiStagePricer: Pricer<ApiStageInput> = {
  type: "aws:apigateway/stage:Stage",
  usageSchema: {},
  map: mapApiStage,
  price(input) {
    if (!input.cacheEnabled) return { status: "free", costComponents: [], note: "Stages are free (requests are billed on the REST API); no cache enabled" };
    const p = apiGatewayPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const hourly = (p.rest_cache_hour as Record<string, number>)[input.cacheSizeGb];
    if (hourly === undefined) return noPriceFor(input.region, `a ${input.cacheSizeGb} GB cache`);
    return { costComponents: [fixedLine(`Cache memory (${input.cacheSizeGb} GB)`, "hours", HOURS_PER_MONTH, hourly)] };
  },
};
