import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SloSpec } from "../stacks/milestones";

/** A metric-math alarm may hold at most 10 metrics; node alarms are split to fit. */
const MAX_METRICS_PER_ALARM = 9;

export interface ObservabilityArgs {
  /** The milestone's objectives: alarm thresholds come from them. */
  readonly slo: SloSpec;
  /** Receives every alarm and OK notification. */
  readonly alertEmail: string;
  /** CloudWatch Logs retention, days. */
  readonly logRetentionDays: number;
  /** Stack name, for the log group path and dashboard name. */
  readonly stack: string;
  /** Build a dashboard. Default true. */
  readonly dashboard?: boolean;
  /** The web tier's Auto Scaling group. */
  readonly appGroupName: pulumi.Input<string>;
  /** The ALB and target group, when the milestone has one (their ARN suffixes). */
  readonly loadBalancer?: { readonly arnSuffix: pulumi.Input<string>; readonly targetGroupArnSuffix: pulumi.Input<string> };
  /** Cache node ids, when there is a managed cache. */
  readonly cacheNodeIds?: readonly string[];
  /** Queue and dead-letter queue names, when the milestone has a queue. */
  readonly queue?: { readonly name: pulumi.Input<string>; readonly deadLetterName: pulumi.Input<string> };
}

interface AlarmDef {
  readonly key: string;
  readonly description: string;
  readonly args: Partial<aws.cloudwatch.MetricAlarmArgs>;
}

/**
 * Monitoring for the milestone: an encrypted SNS topic with the on-call e-mail, a log group
 * with retention, CloudWatch alarms at the SLO's thresholds (p95 latency, 5xx rate by metric
 * math, unhealthy hosts) and on causes (CPU, status checks, cache CPU/memory/evictions, queue
 * age and DLQ depth), each sending both ALARM and OK, and a dashboard.
 */
export class Observability extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly alarms: Record<string, aws.cloudwatch.MetricAlarm> = {};

  constructor(name: string, args: ObservabilityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:observability:Observability", name, {}, opts);
    const child = { parent: this };
    const { slo } = args;

    this.topic = new aws.sns.Topic(`${name}-alerts`, { kmsMasterKeyId: "alias/aws/sns" }, child);
    new aws.sns.TopicSubscription(`${name}-oncall`, { topic: this.topic.arn, protocol: "email", endpoint: args.alertEmail }, child);
    this.logGroup = new aws.cloudwatch.LogGroup(`${name}-app`, { name: `/cutlist/${args.stack}/app`, retentionInDays: args.logRetentionDays }, child);

    const defs: AlarmDef[] = [];
    const single = (namespace: string, metricName: string, stat: string, dimensions: Record<string, pulumi.Input<string>>) => ({
      namespace, metricName, statistic: stat, dimensions, period: 60,
    });
    defs.push({
      key: "app-cpu",
      description: "App fleet CPU above 85 % for 10 minutes: scaling is not keeping up",
      args: { ...single("AWS/EC2", "CPUUtilization", "Average", { AutoScalingGroupName: args.appGroupName }), threshold: 85, evaluationPeriods: 10, datapointsToAlarm: 10, comparisonOperator: "GreaterThanThreshold" },
    });
    defs.push({
      key: "app-status-check",
      description: "An app instance fails its EC2 status checks",
      args: { ...single("AWS/EC2", "StatusCheckFailed", "Maximum", { AutoScalingGroupName: args.appGroupName }), threshold: 0, evaluationPeriods: 3, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
    });

    if (args.loadBalancer) {
      const lb = { LoadBalancer: args.loadBalancer.arnSuffix };
      const tg = { LoadBalancer: args.loadBalancer.arnSuffix, TargetGroup: args.loadBalancer.targetGroupArnSuffix };
      defs.push({
        key: "p95-latency",
        description: `p95 target response time above the SLO of ${slo.p95LatencyMs} ms for 3 of 5 minutes`,
        args: {
          namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", extendedStatistic: "p95", dimensions: lb, period: 60,
          threshold: slo.p95LatencyMs / 1000, evaluationPeriods: 5, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold",
        },
      });
      const alb = (id: string, metricName: string) => ({
        id, returnData: false,
        metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: lb, period: 60, stat: "Sum" },
      });
      defs.push({
        key: "error-rate",
        description: `5xx responses above the SLO's ${(slo.errorRate * 100).toFixed(2)} % of requests for 3 of 5 minutes`,
        args: {
          metricQueries: [
            alb("target5xx", "HTTPCode_Target_5XX_Count"),
            alb("elb5xx", "HTTPCode_ELB_5XX_Count"),
            alb("requests", "RequestCount"),
            { id: "errorRate", label: "5xx % of requests", returnData: true, expression: "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / IF(requests > 0, requests, 1)" },
          ],
          threshold: slo.errorRate * 100, evaluationPeriods: 5, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold",
        },
      });
      defs.push({
        key: "unhealthy-hosts",
        description: "A target is failing ALB health checks",
        args: { ...single("AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", tg), threshold: 0, evaluationPeriods: 5, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold" },
      });
    }

    const nodes = args.cacheNodeIds ?? [];
    for (let start = 0; start < nodes.length; start += MAX_METRICS_PER_ALARM) {
      const chunk = nodes.slice(start, start + MAX_METRICS_PER_ALARM);
      const suffix = nodes.length > MAX_METRICS_PER_ALARM ? `-${start / MAX_METRICS_PER_ALARM}` : "";
      const worstNode = (metricName: string, stat: string, label: string) => [
        ...chunk.map((node, i) => ({
          id: `n${i}`, returnData: false,
          metric: { namespace: "AWS/ElastiCache", metricName, dimensions: { CacheClusterId: node }, period: 300, stat },
        })),
        { id: "worst", label, returnData: true, expression: `MAX([${chunk.map((_, i) => `n${i}`).join(", ")}])` },
      ];
      defs.push({
        key: `cache-cpu${suffix}`,
        description: "A cache node's engine CPU above 80 % for 15 minutes",
        args: { metricQueries: worstNode("EngineCPUUtilization", "Average", "worst node engine CPU %"), threshold: 80, evaluationPeriods: 3, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold" },
      });
      defs.push({
        key: `cache-memory${suffix}`,
        description: "A cache node's memory above 80 % of maxmemory",
        args: { metricQueries: worstNode("DatabaseMemoryUsagePercentage", "Maximum", "worst node memory %"), threshold: 80, evaluationPeriods: 3, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold" },
      });
      defs.push({
        key: `cache-evictions${suffix}`,
        description: "The cache is evicting keys: it is too small for the working set",
        args: { metricQueries: worstNode("Evictions", "Sum", "most evictions on a node"), threshold: 100, evaluationPeriods: 3, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
      });
    }

    if (args.queue) {
      defs.push({
        key: "queue-age",
        description: "The oldest queued job waited over 10 minutes: workers are behind",
        args: { ...single("AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", { QueueName: args.queue.name }), period: 300, threshold: 600, evaluationPeriods: 2, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
      });
      defs.push({
        key: "dlq-depth",
        description: "Jobs reached the dead-letter queue",
        args: { ...single("AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", { QueueName: args.queue.deadLetterName }), period: 300, threshold: 0, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold" },
      });
    }

    for (const def of defs) {
      this.alarms[def.key] = new aws.cloudwatch.MetricAlarm(`${name}-${def.key}`, {
        alarmDescription: def.description,
        treatMissingData: "notBreaching",
        alarmActions: [this.topic.arn],
        okActions: [this.topic.arn],
        ...def.args,
      } as aws.cloudwatch.MetricAlarmArgs, child);
    }

    if (args.dashboard ?? true) {
      new aws.cloudwatch.Dashboard(`${name}`, {
        dashboardName: `cutlist-${args.stack}`,
        dashboardBody: pulumi.jsonStringify({
          widgets: Object.values(this.alarms).map((alarm, i) => ({
            type: "alarm", x: (i % 3) * 8, y: Math.floor(i / 3) * 4, width: 8, height: 4,
            properties: { title: pulumi.interpolate`${alarm.name}`, alarms: [alarm.arn] },
          })),
        }),
      }, child);
    }

    this.registerOutputs({ topicArn: this.topic.arn });
  }
}
