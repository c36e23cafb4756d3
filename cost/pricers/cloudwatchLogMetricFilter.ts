/**
 * aws:cloudwatch/logMetricFilter:LogMetricFilter — the filter is free; the metric it
 * publishes is a custom metric, billed per metric-month ($0.30, first 10 custom metrics a
 * month free, account-wide). Each dimension value would be one more metric: a filter with
 * dimensions is priced for one and says so.
 */
import type { ResourceRecord } from "../../model/records";
import { obj } from "../../model/read";
import { fixedLine, freeLine, noPriceFor } from "../lines";
import { sub } from "../../model/money";
import { cloudwatchPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface LogMetricFilterInput {
  readonly region: string;
  /** True when the metric has dimensions (one metric per distinct value seen). */
  readonly dimensions: boolean;
}

export function mapLogMetricFilter(record: ResourceRecord, ctx: MapContext): LogMetricFilterInput {
  const transformation = obj(record.inputs.metricTransformation);
  return { region: ctx.regionOf(record), dimensions: Object.keys(obj(transformation?.dimensions) ?? {}).length > 0 };
}

export const logMetricFilterPricer: Pricer<LogMetricFilterInput> = {
  type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  usageSchema: {},
  map: mapLogMetricFilter,
  price(input, _usage, ctx) {
    const cw = cloudwatchPrices(input.region);
    if (!cw) return noPriceFor(input.region);
    const covered = ctx.freeTier.take("cloudwatch_custom_metrics", cw.free_custom_metrics, 1);
    return {
      costComponents: [
        freeLine("Custom metrics (free tier, first 10)", "metrics", covered, false),
        fixedLine("Custom metrics", "metrics", sub(1, covered), cw.custom_metric_month),
      ],
      note: input.dimensions ? "priced as one metric; every distinct dimension value is another $0.30/month" : undefined,
    };
  },
};
