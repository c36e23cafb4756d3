/**
 * What a milestone may ask of monitoring (`Observability`, `Slo`, `CostGuardrails`), as plain
 * data and pure functions: the objectives, error budgets, the multi-window multi-burn-rate alert
 * windows of Google's SRE workbook (chapter 5, "Alerting on SLOs") and the thresholds they
 * imply, the app's access-log and active-users contracts, the alarm keys the components
 * declare, and the cost guardrails (budget alerts, anomaly threshold, billing metric). No Pulumi
 * imports: the catalog, runbook checks and tests read this module without starting a program.
 */
import { HOURS_PER_MONTH } from "../model/usage";

export interface ObservabilitySpec {
  /** CloudWatch Logs retention, days (one of `LOG_RETENTION_DAYS`). */
  readonly logRetentionDays: number;
  readonly dashboard: boolean;
}

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export interface SloSpec {
  /** Availability objective, as a fraction (0.99 = 99 %). */
  readonly availability: number;
  /** p95 latency objective, milliseconds. */
  readonly p95LatencyMs: number;
  /** Error-rate objective, as a fraction of requests (0.01 = 1 %). */
  readonly errorRate: number;
}

/** The error budget is counted over a rolling 30 days (the workbook's worked example). */
export const SLO_PERIOD_DAYS = 30;
export const SLO_PERIOD_SECONDS = SLO_PERIOD_DAYS * 86_400;

/**
 * One burn-rate alert: the error ratio must exceed `burnRate × (1 − availability)` over both
 * the long window (enough budget is really gone) and the short window (it is still burning,
 * so the alert resets soon after a fix).
 */
export interface BurnRateAlert {
  readonly name: "fast" | "slow";
  /** Multiple of the sustainable error rate. */
  readonly burnRate: number;
  /** Share of the 30-day budget spent when the rate holds for the whole long window. */
  readonly budgetSpent: number;
  readonly longWindowSeconds: number;
  readonly shortWindowSeconds: number;
  /** Pages go to on-call; tickets are looked at in working hours. */
  readonly response: "page" | "ticket";
}

/**
 * The workbook's recommended pair for a 30-day SLO: fast burn = 2 % of the budget in 1 h
 * (14.4×), checked again over 5 min; slow burn = 5 % in 6 h (6×), checked again over 30 min.
 * burnRate = budgetSpent × period / long window (0.02 × 720 h / 1 h = 14.4; 0.05 × 720 / 6 = 6).
 */
export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
  { name: "fast", burnRate: 14.4, budgetSpent: 0.02, longWindowSeconds: 3_600, shortWindowSeconds: 300, response: "page" },
  { name: "slow", burnRate: 6, budgetSpent: 0.05, longWindowSeconds: 21_600, shortWindowSeconds: 1_800, response: "ticket" },
];

/**
 * CloudWatch limits the windows live within: a metric alarm's period is 10, 30 or a multiple
 * of 60 seconds, and period × evaluation periods may not exceed one day. Each window is one
 * alarm with period = window and one evaluation period, so the 6 h window (21,600 s) is the
 * longest and fits. CloudWatch re-evaluates such an alarm every minute over the trailing
 * window, which makes it a sliding window.
 */
export const CLOUDWATCH_MAX_ALARM_RANGE_SECONDS = 86_400;

/** Rounds away float noise (14.4 × 0.01 = 0.14400000000000002) without hiding real digits. */
function clean(n: number): number {
  return Number(n.toPrecision(12));
}

/** The error budget: the share of requests allowed to fail (1 − availability). */
export function errorBudget(slo: Pick<SloSpec, "availability">): number {
  return clean(1 - slo.availability);
}

/** Error-ratio threshold of one burn rate: burnRate × (1 − availability). */
export function burnRateThreshold(burnRate: number, slo: Pick<SloSpec, "availability">): number {
  return clean(burnRate * errorBudget(slo));
}

/**
 * Error-ratio thresholds of the fast and slow burn alerts for an objective:
 * 99 % → fast 0.144, slow 0.06; 99.5 % → fast 0.072, slow 0.03.
 */
export function burnRateThresholds(slo: Pick<SloSpec, "availability">): { readonly fast: number; readonly slow: number } {
  const [fast, slow] = BURN_RATE_ALERTS.map((a) => burnRateThreshold(a.burnRate, slo));
  return { fast, slow };
}

/** "1h", "5m", "6h", "30m": the suffix of a window's alarm key. */
export function windowLabel(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds / 60}m`;
}

/** "1 hour", "5 minutes": a window in words, for descriptions and runbooks. */
export function windowText(seconds: number): string {
  const [n, unit] = seconds % 3600 === 0 ? [seconds / 3600, "hour"] : [seconds / 60, "minute"];
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** Alarm key of one burn-rate window, e.g. "slo-fast-burn-1h". */
export function burnWindowKey(alert: BurnRateAlert, window: "long" | "short"): string {
  return `slo-${alert.name}-burn-${windowLabel(window === "long" ? alert.longWindowSeconds : alert.shortWindowSeconds)}`;
}

/**
 * Keys of the alarms the observability component declares; the CloudWatch alarm name is
 * `${project}-${stack}-${key}`. Runbooks refer to alarms by these keys.
 */
export const ALARM_KEYS = {
  // Causes: feed the incident composite and never page alone, except app-in-service where
  // there is no ALB (m1): with one instance and no ALB, zero in service is the outage itself.
  appCpu: "app-cpu",
  appStatusCheck: "app-status-check",
  appInService: "app-in-service",
  unhealthyHosts: "unhealthy-hosts",
  cacheCpu: "cache-cpu",
  cacheMemory: "cache-memory",
  cacheEvictions: "cache-evictions",
  cacheThrottled: "cache-throttled",
  // Symptoms: feed composites, never page alone.
  p95Latency: "p95-latency",
  fastBurnLong: "slo-fast-burn-1h",
  fastBurnShort: "slo-fast-burn-5m",
  slowBurnLong: "slo-slow-burn-6h",
  slowBurnShort: "slo-slow-burn-30m",
  // Composites.
  fastBurn: "slo-fast-burn",
  slowBurn: "slo-slow-burn",
  incident: "incident",
  fastBurnNoCause: "slo-fast-burn-no-cause",
  // Queue alarms: their own symptom (jobs waiting), they page alone.
  queueAge: "queue-age",
  dlqDepth: "dlq-depth",
} as const;
export type AlarmKey = (typeof ALARM_KEYS)[keyof typeof ALARM_KEYS];

/** Where a milestone's request SLI comes from: the ALB's metrics, or the app's access log (no ALB). */
export type SliSourceKind = "alb" | "access-log";

/**
 * The app's access-log contract the access-log SLI reads: one JSON object per request in the
 * log group `/cutlist/<stack>/app`, with the HTTP status as a number in `status` and the time
 * to respond in milliseconds as a number in `latency_ms`.
 */
export const ACCESS_LOG_FIELDS = { status: "status", latencyMs: "latency_ms" } as const;

/** Namespace of the metrics the access-log SLI's metric filters publish. */
export function accessLogNamespace(stack: string): string {
  return `CutList/${stack}`;
}

/** Metric names the access-log SLI publishes (each one CloudWatch custom metric). */
export const ACCESS_LOG_METRICS = { requests: "Requests", errors: "Http5xx", latency: "LatencyMs" } as const;

/** What each SLI source measures, and what it cannot see; runbooks quote these. */
export const SLI_SOURCE_NOTES: Readonly<Record<SliSourceKind, string>> = {
  alb:
    "Requests, errors and latency come from the Application Load Balancer: errors are HTTPCode_Target_5XX_Count + " +
    "HTTPCode_ELB_5XX_Count over RequestCount (so a request no healthy instance could answer counts as an error), " +
    "latency is the p95 of TargetResponseTime.",
  "access-log":
    "m1 has no load balancer (it alone would cost more than the m1 band allows), so the SLI is the closest honest " +
    "equivalent: CloudWatch Logs metric filters on the app's JSON access log (/cutlist/<stack>/app: `status`, " +
    "`latency_ms`) publish Requests, Http5xx and LatencyMs (3 custom metrics, inside the free 10), and the same " +
    "burn-rate math runs over them. It only sees requests the app answered: a dead instance logs nothing, so the " +
    "app-in-service alarm (no instance in service for 10 minutes) pages on its own at m1, and a dead process on a " +
    "live instance stays invisible until the ALB arrives at m2.",
};

// ---- Cost guardrails at run time (the seed's "cost overrun" risk: monitoring and alerts)

/**
 * The cost-allocation tag that scopes a stack's budget and anomaly monitor: every resource the
 * program tags carries `stack` (stacks/tags.ts). AWS bills by it only once the key is activated
 * as a cost-allocation tag in the Billing console (Billing → Cost allocation tags; in an
 * organization, from the management account), and only for costs from then on. Activation is
 * account-wide, so it is a manual step (README, "Operations"), not a resource of each stack.
 */
export const COST_ALLOCATION_TAG_KEY = "stack";

/**
 * The budget's cost filter value for a stack's tag: `user:<key>$<value>` is how AWS Budgets
 * names a user-defined cost-allocation tag (the `TagKeyValue` filter).
 */
export function budgetTagFilterValue(stack: string): string {
  return `user:${COST_ALLOCATION_TAG_KEY}$${stack}`;
}

/** One budget notification: actual or forecast spend above a share of the approved budget. */
export interface BudgetAlert {
  readonly notificationType: "ACTUAL" | "FORECASTED";
  /** Percent of the approved monthly budget. */
  readonly percent: number;
  /** What it means for on-call; the README and runbooks quote it. */
  readonly meaning: string;
}

/**
 * The stack's monthly budget alerts, all to the on-call topic: 80 % spent leaves a fifth of the
 * month's money to react with; 100 % spent is the overrun itself; a forecast over 100 % warns
 * while there is still time to change course (AWS forecasts from the month so far).
 */
export const BUDGET_ALERTS: readonly BudgetAlert[] = [
  { notificationType: "ACTUAL", percent: 80, meaning: "80 % of the approved monthly budget is spent" },
  { notificationType: "ACTUAL", percent: 100, meaning: "the approved monthly budget is spent: an overrun" },
  { notificationType: "FORECASTED", percent: 100, meaning: "AWS forecasts the month will end over the approved budget" },
];

/**
 * When Cost Anomaly Detection alerts (IMMEDIATE, to the on-call topic): an anomaly whose total
 * impact is at least a tenth of the approved monthly budget AND at least 20 % above the spend
 * AWS expected. Both, not either: the dollar floor keeps a cheap service doubling (a few cents)
 * quiet, the percentage floor keeps normal growth of a large bill quiet; a tenth of the month's
 * money scales with the milestone ($3 at m1, $25 at m4), where a fixed $5 would page on noise
 * at m4's size and come late at m1's.
 */
export const COST_ANOMALY_ALERT = { budgetShare: 0.1, minImpactPercent: 20 } as const;

/** The anomaly alert's dollar floor for an approved monthly budget (cents, rounded). */
export function anomalyAlertImpactUsd(approvedMonthlyUsd: number): number {
  return Math.round(approvedMonthlyUsd * COST_ANOMALY_ALERT.budgetShare * 100) / 100;
}

/** Days in the 730-hour month the cost figures use. */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** The approved monthly budget as a daily figure (cents, rounded), the daily-spend widget's line. */
export function approvedDailyUsd(approvedMonthlyUsd: number): number {
  return Math.round((approvedMonthlyUsd / DAYS_PER_MONTH) * 100) / 100;
}

/**
 * The account's month-to-date estimated bill, the one spend figure CloudWatch has: published
 * only in us-east-1 (for the whole account, every region), only once "Receive Billing Alerts" is
 * turned on in the Billing console's preferences, updated a few times a day. It cannot be split
 * by tag: the dashboard's spend is the account's, the budget's is the stack's.
 */
export const BILLING_METRIC = {
  namespace: "AWS/Billing",
  metricName: "EstimatedCharges",
  dimensions: { Currency: "USD" },
  region: "us-east-1",
} as const;

/**
 * The app's active-users contract, beside the access-log one: at least once an hour, the app
 * writes to the same log group (`/cutlist/<stack>/app`) one JSON line with the number of
 * distinct signed-in users since 00:00 UTC in `active_users`, e.g. `{"active_users": 57}`. The
 * count is the whole app's (from the database, not one instance's memory); any instance may
 * write it, and more often is fine. A metric filter publishes it as `CutList/<stack>`
 * `ActiveUsers` (one custom metric, no dimensions); the day's Maximum is that day's users.
 */
export const ACTIVE_USERS_FIELD = "active_users";
export const ACTIVE_USERS_METRIC = "ActiveUsers";

/**
 * Services that publish to the on-call topic themselves, so the topic policy and the topic's
 * KMS key must let them (components/observability.ts, `alertTopicPolicy`, `alertKeyPolicy`).
 */
export const ALERT_PUBLISHERS = {
  cloudwatch: "cloudwatch.amazonaws.com",
  budgets: "budgets.amazonaws.com",
  costAnomalyDetection: "costalerts.amazonaws.com",
} as const;
