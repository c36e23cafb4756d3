import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SloSpec } from "./observabilitySpec";
import {
  ACCESS_LOG_FIELDS,
  ACCESS_LOG_METRICS,
  ALARM_KEYS,
  BURN_RATE_ALERTS,
  burnRateThreshold,
  burnWindowKey,
  errorBudget,
  windowText,
  type BurnRateAlert,
} from "./observabilitySpec";

/** Where the request SLI comes from: the ALB's metrics, or metric filters on the app's access log (no ALB). */
export type SliInput =
  | { readonly kind: "alb"; readonly loadBalancerArnSuffix: pulumi.Input<string> }
  | { readonly kind: "access-log"; readonly logGroupName: pulumi.Input<string>; readonly namespace: string };

export interface SloArgs {
  /** The milestone's objectives. */
  readonly slo: SloSpec;
  readonly sli: SliInput;
  /** CloudWatch names are `${alarmNamePrefix}-${key}` (keys from `ALARM_KEYS`). */
  readonly alarmNamePrefix: string;
  /** Receives the slow-burn ticket (ALARM and OK). */
  readonly ticketTopicArn: pulumi.Input<string>;
}

type MetricQuery = aws.types.input.cloudwatch.MetricAlarmMetricQuery;

/**
 * Metric-math queries whose one returned series (`ratio`) is the share of requests that
 * failed, each metric summed over `period` seconds. ALB: target and ELB 5xx over RequestCount
 * (an ELB 5xx is a request no healthy target answered). Access log: Http5xx over Requests.
 */
export function errorRatioQueries(sli: SliInput, period: number): MetricQuery[] {
  if (sli.kind === "alb") {
    const alb = (id: string, metricName: string): MetricQuery => ({
      id, returnData: false,
      metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: { LoadBalancer: sli.loadBalancerArnSuffix }, period, stat: "Sum" },
    });
    return [
      alb("target5xx", "HTTPCode_Target_5XX_Count"),
      alb("elb5xx", "HTTPCode_ELB_5XX_Count"),
      alb("requests", "RequestCount"),
      { id: "ratio", label: "5xx share of requests", returnData: true, expression: "IF(requests > 0, (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests, 0)" },
    ];
  }
  const log = (id: string, metricName: string): MetricQuery => ({
    id, returnData: false, metric: { namespace: sli.namespace, metricName, period, stat: "Sum" },
  });
  return [
    log("errors", ACCESS_LOG_METRICS.errors),
    log("requests", ACCESS_LOG_METRICS.requests),
    { id: "ratio", label: "5xx share of requests (access log)", returnData: true, expression: "IF(requests > 0, FILL(errors, 0) / requests, 0)" },
  ];
}

const percent = (fraction: number) => `${Number((fraction * 100).toPrecision(6))} %`;

/**
 * The milestone's SLOs in CloudWatch: multi-window, multi-burn-rate alerts on the error ratio
 * (one metric-math alarm per window, period = window; each pair joined by a composite AND)
 * and the p95 latency objective. Where there is no ALB, three CloudWatch Logs metric filters
 * turn the app's JSON access log into Requests, Http5xx and LatencyMs first.
 *
 * None of the window alarms, nor the fast-burn composite, has actions: the observability
 * component pages through composites that pair the fast burn with a cause (or with the
 * absence of any). The slow-burn composite is a ticket and notifies the topic itself.
 */
export class Slo extends pulumi.ComponentResource {
  /** Every alarm, by key (`ALARM_KEYS`). */
  readonly alarms: Record<string, aws.cloudwatch.MetricAlarm | aws.cloudwatch.CompositeAlarm> = {};
  /** The fast-burn pair (1 h, 5 min): the drills' stop conditions. */
  readonly fastBurnWindows: aws.cloudwatch.MetricAlarm[] = [];
  readonly fastBurn: aws.cloudwatch.CompositeAlarm;
  readonly slowBurn: aws.cloudwatch.CompositeAlarm;
  readonly latency: aws.cloudwatch.MetricAlarm;
  /** CloudWatch name of each alarm, by key. */
  readonly names: Record<string, string> = {};

  constructor(name: string, args: SloArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:slo:Slo", name, {}, opts);
    const child = { parent: this };
    const { slo, sli } = args;
    const nameOf = (key: string) => (this.names[key] = `${args.alarmNamePrefix}-${key}`);

    if (sli.kind === "access-log") {
      // One custom metric each (no dimensions, so no cardinality surprises).
      const filter = (key: string, metric: string, pattern: string, value: string, unit: string) =>
        new aws.cloudwatch.LogMetricFilter(`${name}-${key}`, {
          name: `${args.alarmNamePrefix}-${key}`,
          logGroupName: sli.logGroupName,
          pattern,
          metricTransformation: { name: metric, namespace: sli.namespace, value, unit },
        }, child);
      filter("requests", ACCESS_LOG_METRICS.requests, `{ $.${ACCESS_LOG_FIELDS.status} >= 100 }`, "1", "Count");
      filter("errors", ACCESS_LOG_METRICS.errors, `{ $.${ACCESS_LOG_FIELDS.status} >= 500 }`, "1", "Count");
      filter("latency", ACCESS_LOG_METRICS.latency, `{ $.${ACCESS_LOG_FIELDS.latencyMs} >= 0 }`, `$.${ACCESS_LOG_FIELDS.latencyMs}`, "Milliseconds");
    }

    const budget = errorBudget(slo);
    const windowAlarm = (alert: BurnRateAlert, which: "long" | "short") => {
      const key = burnWindowKey(alert, which);
      const seconds = which === "long" ? alert.longWindowSeconds : alert.shortWindowSeconds;
      const threshold = burnRateThreshold(alert.burnRate, slo);
      const alarm = new aws.cloudwatch.MetricAlarm(`${name}-${key}`, {
        name: nameOf(key),
        alarmDescription: `${alert.name === "fast" ? "Fast" : "Slow"} burn, ${windowText(seconds)} window: 5xx share of requests above ${percent(threshold)} ` +
          `(${alert.burnRate}× the ${percent(budget)} error budget of the ${percent(slo.availability)} SLO). Feeds the ${alert.name}-burn composite; no actions of its own.`,
        metricQueries: errorRatioQueries(sli, seconds),
        threshold,
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
      }, child);
      this.alarms[key] = alarm;
      return alarm;
    };

    const composites: aws.cloudwatch.CompositeAlarm[] = [];
    for (const alert of BURN_RATE_ALERTS) {
      const pair = [windowAlarm(alert, "long"), windowAlarm(alert, "short")];
      if (alert.name === "fast") this.fastBurnWindows.push(...pair);
      const key = alert.name === "fast" ? ALARM_KEYS.fastBurn : ALARM_KEYS.slowBurn;
      const ticket = alert.response === "ticket";
      const composite = new aws.cloudwatch.CompositeAlarm(`${name}-${key}`, {
        alarmName: nameOf(key),
        alarmDescription: ticket
          ? `Ticket, not a page: ${alert.budgetSpent * 100} % of the 30-day error budget would go in ${windowText(alert.longWindowSeconds)} at this rate (${alert.burnRate}×), and it is still burning.`
          : `${alert.budgetSpent * 100} % of the 30-day error budget gone in ${windowText(alert.longWindowSeconds)} (${alert.burnRate}×) and still burning. Pages through the incident composites; stops drills (its windows are their stop conditions).`,
        alarmRule: (["long", "short"] as const).map((w) => `ALARM("${this.names[burnWindowKey(alert, w)]}")`).join(" AND "),
        ...(ticket ? { alarmActions: [args.ticketTopicArn], okActions: [args.ticketTopicArn] } : {}),
      }, { parent: this, dependsOn: pair });
      this.alarms[key] = composite;
      composites.push(composite);
    }
    [this.fastBurn, this.slowBurn] = composites;

    // Latency objective: p95 above it for 3 of 5 minutes is a symptom (it pages only with a cause).
    const latencyMetric = sli.kind === "alb"
      ? { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", dimensions: { LoadBalancer: sli.loadBalancerArnSuffix }, threshold: slo.p95LatencyMs / 1000 }
      : { namespace: sli.namespace, metricName: ACCESS_LOG_METRICS.latency, dimensions: undefined, threshold: slo.p95LatencyMs };
    this.latency = new aws.cloudwatch.MetricAlarm(`${name}-${ALARM_KEYS.p95Latency}`, {
      name: nameOf(ALARM_KEYS.p95Latency),
      alarmDescription: `p95 response time above the SLO of ${slo.p95LatencyMs} ms for 3 of 5 minutes. Feeds the incident composite; no actions of its own.`,
      namespace: latencyMetric.namespace,
      metricName: latencyMetric.metricName,
      dimensions: latencyMetric.dimensions,
      extendedStatistic: "p95",
      period: 60,
      threshold: latencyMetric.threshold,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    }, child);
    this.alarms[ALARM_KEYS.p95Latency] = this.latency;

    this.registerOutputs({ fastBurn: this.fastBurn.arn, slowBurn: this.slowBurn.arn });
  }
}
