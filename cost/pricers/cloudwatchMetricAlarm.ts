/**
 * aws:cloudwatch/metricAlarm:MetricAlarm — billed per alarm metric per month: a metric-math
 * alarm pays for every metric it reads (expressions are free), an anomaly-detection alarm for
 * three; periods under 60 s are high resolution. The first 10 standard alarm metrics a month
 * are free (account-wide).
 */
import type { ResourceRecord } from "../../model/records";
import { arr, num, obj, str } from "../../model/read";
import { fixedLine, freeLine, noPriceFor } from "../lines";
import { sub } from "../../model/money";
import { cloudwatchPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface MetricAlarmInput {
  readonly region: string;
  /** Metrics the alarm evaluates (1 for a plain alarm). */
  readonly metrics: number;
  readonly highResolution: boolean;
}

export function mapMetricAlarm(record: ResourceRecord, ctx: MapContext): MetricAlarmInput {
  const inputs = record.inputs;
  const queries = (arr(inputs.metricQueries) ?? []).map(obj);
  const metricQueries = queries.filter((q) => q?.metric !== undefined);
  const anomaly = str(inputs.thresholdMetricId) !== undefined || queries.some((q) => /ANOMALY_DETECTION_BAND/.test(str(q?.expression) ?? ""));
  const periods = queries.length > 0 ? metricQueries.map((q) => num(obj(q?.metric)?.period) ?? 60) : [num(inputs.period) ?? 60];
  const base = queries.length > 0 ? Math.max(1, metricQueries.length) : 1;
  return {
    region: ctx.regionOf(record),
    // An anomaly detection band bills as 3 metrics (the metric and the band's two bounds).
    metrics: anomaly ? base * 3 : base,
    highResolution: periods.some((p) => p < 60),
  };
}

export const metricAlarmPricer: Pricer<MetricAlarmInput> = {
  type: "aws:cloudwatch/metricAlarm:MetricAlarm",
  usageSchema: {},
  map: mapMetricAlarm,
  price(input, _usage, ctx) {
    const cw = cloudwatchPrices(input.region);
    if (!cw) return noPriceFor(input.region);
    if (input.highResolution) {
      return { costComponents: [fixedLine("High resolution alarm metrics", "alarm metrics", input.metrics, cw.alarm_high_resolution_metric_month)] };
    }
    const covered = ctx.freeTier.take("cloudwatch_alarm_metrics", cw.free_alarm_metrics, input.metrics);
    const lines: CostComponent[] = [freeLine("Standard resolution alarm metrics (free tier, first 10)", "alarm metrics", covered, false)];
    lines.push(fixedLine("Standard resolution alarm metrics", "alarm metrics", sub(input.metrics, covered), cw.alarm_standard_metric_month));
    return { costComponents: lines, note: input.metrics > 1 ? `${input.metrics} metrics, each billed` : undefined };
  },
};
