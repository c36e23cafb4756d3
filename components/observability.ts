import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { REBUILDABLE_TAG } from "../model/resourceTypes";
import { CostGuardrails } from "./costGuardrails";
import type { SloSpec } from "./observabilitySpec";
import {
  accessLogNamespace,
  ACTIVE_USERS_FIELD,
  ACTIVE_USERS_METRIC,
  ALARM_KEYS,
  ALERT_PUBLISHERS,
  approvedDailyUsd,
  BILLING_METRIC,
  BURN_RATE_ALERTS,
  DAYS_PER_MONTH,
  errorBudget,
  SLO_PERIOD_SECONDS,
} from "./observabilitySpec";
import { errorRatioQueries, Slo, type SliInput } from "./slo";

/** A metric-math alarm may hold at most 10 metrics; node alarms are split to fit. */
const MAX_METRICS_PER_ALARM = 9;

export interface ObservabilityArgs {
  /** The milestone's objectives: SLO alarm thresholds come from them. */
  readonly slo: SloSpec;
  /** Receives every page and ticket (ALARM and OK). */
  readonly alertEmail: string;
  /** CloudWatch Logs retention, days. */
  readonly logRetentionDays: number;
  /** Stack name, for the log group path, metric namespace and dashboard name. */
  readonly stack: string;
  /** CloudWatch alarm names are `${alarmNamePrefix}-${key}`. Default `cutlist-${stack}`. */
  readonly alarmNamePrefix?: string;
  /** Build a dashboard. Default true. */
  readonly dashboard?: boolean;
  /** The milestone's approved monthly budget, USD: the stack's AWS Budget and the daily-spend widget's line. */
  readonly approvedMonthlyUsd: number;
  /** The web tier's Auto Scaling group. */
  readonly appGroupName: pulumi.Input<string>;
  /** The web tier's minimum size: fewer in service for 10 minutes is the in-service alarm. */
  readonly appMinInstances: number;
  /**
   * The ALB and target group, when the milestone has one (their ARN suffixes). Without one the
   * request SLI comes from the app's access log in this component's log group.
   */
  readonly loadBalancer?: { readonly arnSuffix: pulumi.Input<string>; readonly targetGroupArnSuffix: pulumi.Input<string> };
  /** Cache node ids, when there is a node-based cache. */
  readonly cacheNodeIds?: readonly string[];
  /** The serverless cache, when there is one: its name and the usage ceilings it was given. */
  readonly serverlessCache?: { readonly name: string; readonly maxDataGb: number; readonly maxEcpuPerSecond: number };
  /** Queue and dead-letter queue names, when the milestone has a queue. */
  readonly queue?: { readonly name: pulumi.Input<string>; readonly deadLetterName: pulumi.Input<string> };
}

/**
 * What an alarm is for. A cause explains a symptom and never pages alone; a page notifies the
 * on-call topic itself (ALARM and OK).
 */
type AlarmRole = "cause" | "page";

interface AlarmDef {
  readonly key: string;
  readonly role: AlarmRole;
  readonly description: string;
  readonly args: Partial<aws.cloudwatch.MetricAlarmArgs>;
}

type Alarm = aws.cloudwatch.MetricAlarm | aws.cloudwatch.CompositeAlarm;

/** What a page sends to: the on-call topic, on ALARM and on OK. */
interface Notify {
  readonly alarmActions: pulumi.Input<string>[];
  readonly okActions: pulumi.Input<string>[];
}

/**
 * Monitoring for the milestone: an SNS topic with the on-call e-mail, encrypted with its own
 * KMS key that the services publishing to it may use, the app log group, the SLO (burn-rate
 * alerts and the latency objective, see `Slo`), cause alarms (CPU, status checks, instances in
 * service, unhealthy targets, cache CPU/memory/evictions), the cost guardrails (the stack's
 * budget and anomaly alerts, see `CostGuardrails`), and a dashboard with the remaining error
 * budget, daily spend and spend per active user.
 *
 * Paging policy (automated incident detection): single alarms never page; composites do.
 * - `incident`: a symptom (fast burn, or p95 latency over the objective) AND a cause. One page
 *   that already names where to look.
 * - `slo-fast-burn-no-cause`: fast burn AND no cause in ALARM. Still a page: 2 % of the month's
 *   budget in an hour is the SRE workbook's page condition, and a bad deploy or a database
 *   problem has no cause alarm here. Latency alone (no cause) does not page.
 * - `slo-slow-burn`: a ticket (same topic, description says so).
 * - Alone: the queue alarms (jobs waiting or dead-lettered are their own symptom) and, where
 *   there is no ALB (m1), `app-in-service`: with one instance, none in service is the outage,
 *   and the access-log SLI cannot see it.
 */
export class Observability extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  /** The topic's KMS key (see `alertTopic`). */
  readonly topicKey: aws.kms.Key;
  readonly topicPolicy: aws.sns.TopicPolicy;
  readonly costGuardrails: CostGuardrails;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly slo: Slo;
  /** Every alarm, by key (`ALARM_KEYS`), the SLO's included. */
  readonly alarms: Record<string, Alarm> = {};
  /** Keys of the alarms that notify the topic. */
  readonly pages: string[] = [];

  constructor(name: string, args: ObservabilityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:observability:Observability", name, {}, opts);
    const child = { parent: this };
    const prefix = args.alarmNamePrefix ?? `cutlist-${args.stack}`;
    const alarmName = (key: string) => `${prefix}-${key}`;

    const alerts = this.alertTopic(name, args, prefix);
    this.topic = alerts.topic;
    this.topicKey = alerts.key;
    this.topicPolicy = alerts.policy;
    this.logGroup = new aws.cloudwatch.LogGroup(`${name}-app`, { name: `/cutlist/${args.stack}/app`, retentionInDays: args.logRetentionDays }, child);
    const notify: Notify = { alarmActions: [this.topic.arn], okActions: [this.topic.arn] };

    const causes = this.metricAlarms(name, [
      ...appAlarms(args),
      ...(args.loadBalancer ? loadBalancerAlarms(args.loadBalancer) : []),
      ...cacheNodeAlarms(args.cacheNodeIds ?? []),
      ...(args.serverlessCache ? serverlessCacheAlarms(args.serverlessCache) : []),
      ...(args.queue ? queueAlarms(args.queue) : []),
    ], alarmName, notify);

    const sli: SliInput = args.loadBalancer
      ? { kind: "alb", loadBalancerArnSuffix: args.loadBalancer.arnSuffix }
      : { kind: "access-log", logGroupName: this.logGroup.name, namespace: accessLogNamespace(args.stack) };
    this.slo = new Slo(name, { slo: args.slo, sli, alarmNamePrefix: prefix, ticketTopicArn: this.topic.arn }, child);
    Object.assign(this.alarms, this.slo.alarms);
    this.pages.push(ALARM_KEYS.slowBurn);

    this.compositePages(name, causes, alarmName, notify);
    this.costGuardrails = new CostGuardrails(name, {
      stack: args.stack,
      namePrefix: prefix,
      approvedMonthlyUsd: args.approvedMonthlyUsd,
      topicArn: this.topic.arn,
      publishAllowedBy: this.topicPolicy,
    }, child);
    if (args.dashboard ?? true) this.dashboard(name, args, prefix, sli, causes);

    this.registerOutputs({ topicArn: this.topic.arn });
  }

  /**
   * The on-call topic, its e-mail subscription, its KMS key and its policy.
   *
   * Its own key, not the AWS-managed alias/aws/sns: that key's policy cannot be edited and
   * grants no AWS service, so CloudWatch alarms, AWS Budgets and Cost Anomaly Detection,
   * which encrypt as themselves when they publish, are refused and the alert is dropped with
   * only a line in the alarm's history ("CloudWatch Alarms does not have authorization to
   * access the SNS topic encryption key"). Sources: SNS Developer Guide, "Enable compatibility
   * between event sources from AWS services and encrypted topics" (step 1: use a customer
   * managed key; step 2: the key policy grants the service kms:GenerateDataKey* and
   * kms:Decrypt); AWS re:Post knowledge center "How do I configure a CloudWatch alarm with an
   * encrypted SNS topic?" (read 2026-11-30). A key costs $1 a month; an unencrypted topic for
   * cost alerts would have left the pages broken.
   */
  private alertTopic(name: string, args: ObservabilityArgs, prefix: string) {
    const child = { parent: this };
    const account = aws.getCallerIdentityOutput({}, child).accountId;
    const partition = aws.getPartitionOutput({}, child).partition;
    const key = new aws.kms.Key(`${name}-alerts`, {
      description: `${prefix} on-call alerts topic: CloudWatch alarms, AWS Budgets and Cost Anomaly Detection encrypt with it when they publish`,
      enableKeyRotation: true,
      policy: pulumi.all([account, partition]).apply(([a, p]) => JSON.stringify(alertKeyPolicy(a, p))),
      // It only ever encrypts messages in flight: losing it loses no data.
      tags: { [REBUILDABLE_TAG.key]: REBUILDABLE_TAG.value },
    }, child);
    const topic = new aws.sns.Topic(`${name}-alerts`, { kmsMasterKeyId: key.arn }, child);
    new aws.sns.TopicSubscription(`${name}-oncall`, { topic: topic.arn, protocol: "email", endpoint: args.alertEmail }, child);
    const policy = new aws.sns.TopicPolicy(`${name}-alerts`, {
      arn: topic.arn,
      policy: pulumi.all([topic.arn, account, partition]).apply(([arn, a, p]) => JSON.stringify(alertTopicPolicy(arn, a, p))),
    }, child);
    return { topic, key, policy };
  }

  /** One metric alarm per definition; pages notify the topic. Returns the causes' keys. */
  private metricAlarms(name: string, defs: readonly AlarmDef[], alarmName: (key: string) => string, notify: Notify): string[] {
    const causes: string[] = [];
    for (const def of defs) {
      this.alarms[def.key] = new aws.cloudwatch.MetricAlarm(`${name}-${def.key}`, {
        name: alarmName(def.key),
        alarmDescription: def.role === "cause" ? `${def.description}. A cause: feeds the incident composite, no actions of its own.` : def.description,
        treatMissingData: "notBreaching",
        ...(def.role === "page" ? notify : {}),
        ...def.args,
      } as aws.cloudwatch.MetricAlarmArgs, { parent: this });
      if (def.role === "page") this.pages.push(def.key);
      else causes.push(def.key);
    }
    return causes;
  }

  /** The pages: symptom AND cause, or a fast burn nothing explains. */
  private compositePages(name: string, causes: readonly string[], alarmName: (key: string) => string, notify: Notify): void {
    const ALARM = (key: string) => `ALARM("${alarmName(key)}")`;
    const anyCause = `(${causes.map(ALARM).join(" OR ")})`;
    const causeAlarms = causes.map((key) => this.alarms[key]);
    const symptom = `(${ALARM(ALARM_KEYS.fastBurn)} OR ${ALARM(ALARM_KEYS.p95Latency)})`;
    const incident = new aws.cloudwatch.CompositeAlarm(`${name}-${ALARM_KEYS.incident}`, {
      alarmName: alarmName(ALARM_KEYS.incident),
      alarmDescription: "PAGE: users are affected (error budget burning fast, or p95 latency over the objective) and a cause is in ALARM: " +
        `one of ${causes.join(", ")}. The alarm's state reason names which.`,
      alarmRule: `${symptom} AND ${anyCause}`,
      ...notify,
    }, { parent: this, dependsOn: [this.slo.fastBurn, this.slo.latency, ...causeAlarms] });
    const noCause = new aws.cloudwatch.CompositeAlarm(`${name}-${ALARM_KEYS.fastBurnNoCause}`, {
      alarmName: alarmName(ALARM_KEYS.fastBurnNoCause),
      alarmDescription: "PAGE: the error budget is burning fast (2 % of the month in an hour) and no infrastructure cause is in ALARM: " +
        "suspect the last deploy, the database (Neon) or a dependency.",
      alarmRule: `${ALARM(ALARM_KEYS.fastBurn)} AND NOT ${anyCause}`,
      ...notify,
    }, { parent: this, dependsOn: [this.slo.fastBurn, ...causeAlarms] });
    this.alarms[ALARM_KEYS.incident] = incident;
    this.alarms[ALARM_KEYS.fastBurnNoCause] = noCause;
    this.pages.push(ALARM_KEYS.incident, ALARM_KEYS.fastBurnNoCause);
  }

  /**
   * Error budget and burn rate, then the pages, symptoms and causes as alarm lists, then daily
   * spend and spend per active user (with the metric filter that publishes the app's count).
   */
  private dashboard(name: string, args: ObservabilityArgs, prefix: string, sli: SliInput, causes: readonly string[]): void {
    const child = { parent: this };
    const region = aws.getRegionOutput({}, child).region;
    const arns = (keys: readonly string[]) => keys.map((k) => this.alarms[k].arn);
    const symptoms = Object.keys(this.slo.alarms).filter((k) => k !== ALARM_KEYS.slowBurn);
    // The app's active-users line (observabilitySpec.ts, ACTIVE_USERS_FIELD) as a custom metric;
    // only the cost-per-user widget reads it.
    new aws.cloudwatch.LogMetricFilter(`${name}-active-users`, {
      name: `${prefix}-active-users`,
      logGroupName: this.logGroup.name,
      pattern: `{ $.${ACTIVE_USERS_FIELD} >= 0 }`,
      metricTransformation: { name: ACTIVE_USERS_METRIC, namespace: accessLogNamespace(args.stack), value: `$.${ACTIVE_USERS_FIELD}`, unit: "Count" },
    }, child);
    new aws.cloudwatch.Dashboard(`${name}`, {
      dashboardName: `cutlist-${args.stack}`,
      dashboardBody: pulumi.jsonStringify({
        widgets: [
          { type: "metric", x: 0, y: 0, width: 8, height: 6, properties: errorBudgetWidget(sli, args.slo, region) },
          { type: "metric", x: 8, y: 0, width: 16, height: 6, properties: burnRateWidget(sli, args.slo, region) },
          { type: "alarm", x: 0, y: 6, width: 8, height: 6, properties: { title: "Pages and tickets", alarms: arns(this.pages) } },
          { type: "alarm", x: 8, y: 6, width: 8, height: 6, properties: { title: "Symptoms (SLO)", alarms: arns(symptoms) } },
          { type: "alarm", x: 16, y: 6, width: 8, height: 6, properties: { title: "Causes", alarms: arns(causes) } },
          { type: "metric", x: 0, y: 12, width: 12, height: 6, properties: dailySpendWidget(args.approvedMonthlyUsd) },
          { type: "metric", x: 12, y: 12, width: 12, height: 6, properties: costPerUserWidget(accessLogNamespace(args.stack), region) },
        ],
      }),
    }, child);
  }
}

/** A one-metric alarm's metric at a one-minute period. */
function singleMetric(namespace: string, metricName: string, stat: string, dimensions: Record<string, pulumi.Input<string>>) {
  return { namespace, metricName, statistic: stat, dimensions, period: 60 };
}

/** The web tier: CPU and status checks (causes), instances in service (a page without an ALB). */
function appAlarms(args: ObservabilityArgs): AlarmDef[] {
  const group = { AutoScalingGroupName: args.appGroupName };
  const min = args.appMinInstances;
  return [
    {
      key: ALARM_KEYS.appCpu,
      role: "cause",
      description: "App fleet CPU above 85 % for 10 minutes: scaling is not keeping up",
      args: { ...singleMetric("AWS/EC2", "CPUUtilization", "Average", group), threshold: 85, evaluationPeriods: 10, datapointsToAlarm: 10, comparisonOperator: "GreaterThanThreshold" },
    },
    {
      key: ALARM_KEYS.appStatusCheck,
      role: "cause",
      description: "An app instance fails its EC2 status checks",
      args: { ...singleMetric("AWS/EC2", "StatusCheckFailed", "Maximum", group), threshold: 0, evaluationPeriods: 3, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
    },
    {
      key: ALARM_KEYS.appInService,
      // Without an ALB nothing else sees the lone instance go: this is the outage page.
      role: args.loadBalancer ? "cause" : "page",
      description: `Fewer than ${min} app instance${min === 1 ? "" : "s"} in service for 10 minutes: the group is not healing itself` +
        (args.loadBalancer ? "" : ". Pages alone: with one instance and no ALB this is the outage"),
      args: {
        ...singleMetric("AWS/AutoScaling", "GroupInServiceInstances", "Minimum", group),
        threshold: min, evaluationPeriods: 10, datapointsToAlarm: 10, comparisonOperator: "LessThanThreshold",
      },
    },
  ];
}

/** The ALB's target group: an unhealthy target is a cause. */
function loadBalancerAlarms(lb: NonNullable<ObservabilityArgs["loadBalancer"]>): AlarmDef[] {
  const tg = { LoadBalancer: lb.arnSuffix, TargetGroup: lb.targetGroupArnSuffix };
  return [{
    key: ALARM_KEYS.unhealthyHosts,
    role: "cause",
    description: "A target is failing ALB health checks",
    args: { ...singleMetric("AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", tg), threshold: 0, evaluationPeriods: 5, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold" },
  }];
}

/**
 * The cache nodes' CPU, memory and evictions (causes), each on the worst node by metric math;
 * more nodes than one alarm may hold are split into numbered chunks (`cache-cpu-0`, …).
 */
function cacheNodeAlarms(nodes: readonly string[]): AlarmDef[] {
  const defs: AlarmDef[] = [];
  for (let start = 0; start < nodes.length; start += MAX_METRICS_PER_ALARM) {
    const chunk = nodes.slice(start, start + MAX_METRICS_PER_ALARM);
    const suffix = nodes.length > MAX_METRICS_PER_ALARM ? `-${start / MAX_METRICS_PER_ALARM}` : "";
    const worstNode = (metricName: string, stat: string, label: string) => worstNodeQueries(chunk, metricName, stat, label);
    defs.push({
      key: `${ALARM_KEYS.cacheCpu}${suffix}`,
      role: "cause",
      description: "A cache node's engine CPU above 80 % for 15 minutes",
      args: { metricQueries: worstNode("EngineCPUUtilization", "Average", "worst node engine CPU %"), threshold: 80, evaluationPeriods: 3, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold" },
    });
    defs.push({
      key: `${ALARM_KEYS.cacheMemory}${suffix}`,
      role: "cause",
      description: "A cache node's memory above 80 % of maxmemory",
      args: { metricQueries: worstNode("DatabaseMemoryUsagePercentage", "Maximum", "worst node memory %"), threshold: 80, evaluationPeriods: 3, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold" },
    });
    defs.push({
      key: `${ALARM_KEYS.cacheEvictions}${suffix}`,
      role: "cause",
      description: "The cache is evicting keys: it is too small for the working set",
      args: { metricQueries: worstNode("Evictions", "Sum", "most evictions on a node"), threshold: 100, evaluationPeriods: 3, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
    });
  }
  return defs;
}

/**
 * A serverless cache has no nodes: the same three causes watch its usage against the ceilings
 * it was created with (ECPUs per second, data stored), since at a ceiling it throttles or
 * evicts; throttled commands are a fourth cause. Serverless metrics carry the `clusterId`
 * dimension (the cache's name).
 */
function serverlessCacheAlarms(cache: NonNullable<ObservabilityArgs["serverlessCache"]>): AlarmDef[] {
  const dims = { clusterId: cache.name };
  const metric = (metricName: string, stat: string, period: number) =>
    ({ namespace: "AWS/ElastiCache", metricName, dimensions: dims, period, stat });
  return [
    {
      key: ALARM_KEYS.cacheCpu,
      role: "cause",
      description: `The serverless cache above 80 % of its ${cache.maxEcpuPerSecond} ECPU/s ceiling for 15 minutes`,
      args: {
        metricQueries: [
          { id: "ecpu", returnData: false, metric: metric("ElastiCacheProcessingUnits", "Sum", 60) },
          { id: "share", label: "% of the ECPU/s ceiling", returnData: true, expression: `100 * ecpu / 60 / ${cache.maxEcpuPerSecond}` },
        ],
        threshold: 80, evaluationPeriods: 15, datapointsToAlarm: 15, comparisonOperator: "GreaterThanThreshold",
      },
    },
    {
      key: ALARM_KEYS.cacheMemory,
      role: "cause",
      description: `The serverless cache holds over 80 % of its ${cache.maxDataGb} GB data ceiling`,
      args: { ...singleMetric("AWS/ElastiCache", "BytesUsedForCache", "Maximum", dims), period: 300, threshold: 0.8 * cache.maxDataGb * 1e9, evaluationPeriods: 3, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold" },
    },
    {
      key: ALARM_KEYS.cacheEvictions,
      role: "cause",
      description: "The serverless cache is evicting keys: its data ceiling is too small for the working set",
      args: { ...singleMetric("AWS/ElastiCache", "Evictions", "Sum", dims), period: 300, threshold: 100, evaluationPeriods: 3, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
    },
    {
      key: ALARM_KEYS.cacheThrottled,
      role: "cause",
      description: "The serverless cache is throttling commands: its ECPU/s ceiling is too low",
      args: { ...singleMetric("AWS/ElastiCache", "ThrottledCmds", "Sum", dims), period: 300, threshold: 0, evaluationPeriods: 3, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
    },
  ];
}

/** One metric per node (hidden) and their maximum (the alarm's value). */
function worstNodeQueries(chunk: readonly string[], metricName: string, stat: string, label: string) {
  return [
    ...chunk.map((node, i) => ({
      id: `n${i}`, returnData: false,
      metric: { namespace: "AWS/ElastiCache", metricName, dimensions: { CacheClusterId: node }, period: 300, stat },
    })),
    { id: "worst", label, returnData: true, expression: `MAX([${chunk.map((_, i) => `n${i}`).join(", ")}])` },
  ];
}

/** The queue: jobs waiting too long or dead-lettered page on their own. */
function queueAlarms(queue: NonNullable<ObservabilityArgs["queue"]>): AlarmDef[] {
  return [
    {
      key: ALARM_KEYS.queueAge,
      role: "page",
      description: "The oldest queued job waited over 10 minutes: workers are behind",
      args: { ...singleMetric("AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", { QueueName: queue.name }), period: 300, threshold: 600, evaluationPeriods: 2, datapointsToAlarm: 2, comparisonOperator: "GreaterThanThreshold" },
    },
    {
      key: ALARM_KEYS.dlqDepth,
      role: "page",
      description: "Jobs reached the dead-letter queue",
      args: { ...singleMetric("AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", { QueueName: queue.deadLetterName }), period: 300, threshold: 0, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold" },
    },
  ];
}

/**
 * The remaining error budget over the last 30 days, as one number:
 * 100 × (1 − (errors / requests) / (1 − SLO)). 100 = untouched, 0 = spent, below 0 = the SLO
 * is missed. The seed's 60-day criterion is "error budget maintained > 50 %".
 */
export function errorBudgetWidget(sli: SliInput, slo: SloSpec, region: pulumi.Input<string>) {
  return {
    title: `Error budget remaining, last 30 days (SLO ${Number((slo.availability * 100).toPrecision(6))} %)`,
    view: "singleValue", region, setPeriodToTimeRange: true, start: "-PT720H", end: "P0D", period: SLO_PERIOD_SECONDS,
    metrics: [
      ...dashboardRows(errorRatioQueries(sli, SLO_PERIOD_SECONDS), false),
      [{ id: "budget", label: "error budget remaining %", expression: `100 * (1 - ratio / ${errorBudget(slo)})` }],
    ],
  };
}

/** Burn rate over 1-hour windows with the fast (page) and slow (ticket) rates marked. */
export function burnRateWidget(sli: SliInput, slo: SloSpec, region: pulumi.Input<string>) {
  return {
    title: "Burn rate over 1 h windows (1 = the budget lasts exactly 30 days)",
    view: "timeSeries", region, period: 3600, stat: "Sum",
    metrics: [
      ...dashboardRows(errorRatioQueries(sli, 3600), false),
      [{ id: "burn", label: "burn rate", expression: `ratio / ${errorBudget(slo)}` }],
    ],
    annotations: {
      horizontal: BURN_RATE_ALERTS.map((a) => ({ label: `${a.name} burn (${a.response})`, value: a.burnRate })),
    },
  };
}

/** Metric-alarm queries as dashboard metric rows (`[namespace, name, dim, value, {id, stat}]`). */
function dashboardRows(queries: aws.types.input.cloudwatch.MetricAlarmMetricQuery[], visible: boolean): unknown[][] {
  return queries.map((q) => {
    const query = q as { id: string; expression?: string; label?: string; metric?: { namespace: string; metricName: string; dimensions?: Record<string, pulumi.Input<string>>; stat: string; period: number } };
    if (query.expression) return [{ id: query.id, expression: query.expression, label: query.label, visible }];
    const m = query.metric!;
    const dims = Object.entries(m.dimensions ?? {}).flat();
    return [m.namespace, m.metricName, ...dims, { id: query.id, stat: m.stat, period: m.period, visible }];
  });
}

/** The SNS actions AWS's default topic policy grants the owning account. */
const OWNER_TOPIC_ACTIONS = [
  "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
  "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish",
];

/**
 * The on-call topic's policy. A topic policy replaces the default one, so it starts with the
 * default's statement (the owning account, by AWS:SourceOwner), which is also what lets this
 * account's CloudWatch alarms publish, as they did before. Then the cost services, each only
 * on this account's behalf:
 * - AWS Budgets: SNS:Publish for budgets.amazonaws.com with aws:SourceAccount and an
 *   aws:SourceArn of this account's budgets (AWS Cost Management User Guide, "Creating an
 *   Amazon SNS topic for budget notifications", read 2026-11-30);
 * - Cost Anomaly Detection: SNS:Publish for costalerts.amazonaws.com with aws:SourceAccount
 *   (same guide, "Creating an Amazon SNS topic for anomaly notifications").
 */
export function alertTopicPolicy(topicArn: string, accountId: string, partition: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OwningAccount", Effect: "Allow", Principal: { AWS: "*" }, Action: OWNER_TOPIC_ACTIONS, Resource: topicArn,
        Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
      },
      {
        Sid: "BudgetsPublish", Effect: "Allow", Principal: { Service: ALERT_PUBLISHERS.budgets }, Action: "SNS:Publish", Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": `arn:${partition}:budgets::${accountId}:*` } },
      },
      {
        Sid: "CostAnomalyDetectionPublish", Effect: "Allow", Principal: { Service: ALERT_PUBLISHERS.costAnomalyDetection }, Action: "SNS:Publish", Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/**
 * The topic key's policy: the account administers the key (KMS's default statement, so IAM
 * policies decide for people and roles), and the services that publish to the topic may
 * encrypt with it (kms:GenerateDataKey* and kms:Decrypt, as the SNS Developer Guide's
 * compatibility section writes it). No condition on the service statement: the guide gives
 * none, a condition key a service does not send would drop every alert without a word, and
 * the topic policy already limits whose behalf they publish on.
 */
export function alertKeyPolicy(accountId: string, partition: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "AlertPublishersEncrypt", Effect: "Allow", Principal: { Service: Object.values(ALERT_PUBLISHERS) },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*",
      },
    ],
  };
}

/**
 * One day's spend from the month-to-date bill: the day's last figure minus the day before's;
 * on the first of a month the figure starts again from zero, so the difference is negative and
 * the day's figure is the day's spend.
 */
export const DAILY_SPEND_EXPRESSION = "IF(DIFF(mtd) >= 0, DIFF(mtd), mtd)";

/** The account's month-to-date estimated bill at its last value each day (hidden), as `mtd`. */
function billingRow(): unknown[] {
  const m = BILLING_METRIC;
  return [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), { id: "mtd", stat: "Maximum", period: 86_400, region: m.region, visible: false }];
}

/**
 * AWS spend per day over the last 30 days, against the approved budget per day. The figure is
 * the whole account's (the billing metric has no tags), in us-east-1 whatever the stack's
 * region, and only once "Receive Billing Alerts" is on (BILLING_METRIC); the approved budget
 * also pays for Neon, which AWS does not bill. The budget (`CostGuardrails`) is the stack's.
 */
export function dailySpendWidget(approvedMonthlyUsd: number) {
  return {
    title: "AWS spend per day, whole account (USD, estimated; Neon is billed separately)",
    view: "timeSeries", region: BILLING_METRIC.region, period: 86_400, start: "-PT720H", end: "P0D",
    metrics: [
      billingRow(),
      [{ id: "daily", label: "spend that day", expression: DAILY_SPEND_EXPRESSION }],
    ],
    annotations: {
      horizontal: [{
        label: `approved budget per day ($${approvedMonthlyUsd} a month ÷ ${Number(DAYS_PER_MONTH.toFixed(2))} days, Neon included)`,
        value: approvedDailyUsd(approvedMonthlyUsd),
      }],
    },
    yAxis: { left: { min: 0 } },
  };
}

/**
 * Spend per active user per day: the day's AWS spend (as above, the whole account's) over the
 * app's count of distinct users that day (`ActiveUsers`, its daily Maximum). A day with no
 * users shows no point (metric math drops a division by zero). The widget lives in us-east-1
 * with the billing metric; the users row names the stack's region, which is us-east-1 for our
 * stacks (elsewhere CloudWatch must join the two regions in one graph: not verified here).
 */
export function costPerUserWidget(namespace: string, appRegion: pulumi.Input<string>) {
  return {
    title: `AWS spend per active user per day (whole account ÷ ${namespace} ${ACTIVE_USERS_METRIC})`,
    view: "timeSeries", region: BILLING_METRIC.region, period: 86_400, start: "-PT720H", end: "P0D",
    metrics: [
      billingRow(),
      [{ id: "daily", label: "spend that day", expression: DAILY_SPEND_EXPRESSION, visible: false }],
      [namespace, ACTIVE_USERS_METRIC, { id: "users", stat: "Maximum", period: 86_400, region: appRegion, label: "active users that day", yAxis: "right" }],
      [{ id: "perUser", label: "USD per active user", expression: "daily / users" }],
    ],
    yAxis: { left: { min: 0 }, right: { min: 0 } },
  };
}
