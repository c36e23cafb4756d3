import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SloSpec } from "./observabilitySpec";
import { accessLogNamespace, ALARM_KEYS, BURN_RATE_ALERTS, errorBudget, SLO_PERIOD_SECONDS } from "./observabilitySpec";
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
 * Monitoring for the milestone: an encrypted SNS topic with the on-call e-mail, the app log
 * group, the SLO (burn-rate alerts and the latency objective, see `Slo`), cause alarms (CPU,
 * status checks, instances in service, unhealthy targets, cache CPU/memory/evictions), and
 * a dashboard with the remaining error budget.
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

    this.topic = new aws.sns.Topic(`${name}-alerts`, { kmsMasterKeyId: "alias/aws/sns" }, child);
    new aws.sns.TopicSubscription(`${name}-oncall`, { topic: this.topic.arn, protocol: "email", endpoint: args.alertEmail }, child);
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
    if (args.dashboard ?? true) this.dashboard(name, args, sli, causes);

    this.registerOutputs({ topicArn: this.topic.arn });
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

  /** Error budget and burn rate, then the pages, symptoms and causes as alarm lists. */
  private dashboard(name: string, args: ObservabilityArgs, sli: SliInput, causes: readonly string[]): void {
    const child = { parent: this };
    const region = aws.getRegionOutput({}, child).region;
    const arns = (keys: readonly string[]) => keys.map((k) => this.alarms[k].arn);
    const symptoms = Object.keys(this.slo.alarms).filter((k) => k !== ALARM_KEYS.slowBurn);
    new aws.cloudwatch.Dashboard(`${name}`, {
      dashboardName: `cutlist-${args.stack}`,
      dashboardBody: pulumi.jsonStringify({
        widgets: [
          { type: "metric", x: 0, y: 0, width: 8, height: 6, properties: errorBudgetWidget(sli, args.slo, region) },
          { type: "metric", x: 8, y: 0, width: 16, height: 6, properties: burnRateWidget(sli, args.slo, region) },
          { type: "alarm", x: 0, y: 6, width: 8, height: 6, properties: { title: "Pages and tickets", alarms: arns(this.pages) } },
          { type: "alarm", x: 8, y: 6, width: 8, height: 6, properties: { title: "Symptoms (SLO)", alarms: arns(symptoms) } },
          { type: "alarm", x: 16, y: 6, width: 8, height: 6, properties: { title: "Causes", alarms: arns(causes) } },
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
