/**
 * The usage profile of one of our stacks: the quantities usage-based cost lines need
 * (requests, egress, storage, log volume, queue messages, database activity, expected
 * instances), derived from a milestone's seed targets (overrides included) through the named
 * assumptions of `usageAssumptions.ts`.
 *
 * Rules find resources by what they are, never by a child's name: the type, the top-level
 * component they belong to (the recorder's `component`, from the component's type, which the
 * program's `component` tag repeats) and, where a component holds several of one type, their
 * `role` tag. The keys are the ones each type's pricer declares (`usageSchema` in
 * cost/pricers); the estimator refuses a key its pricer does not read.
 */
import { HOURS_PER_MONTH, type UsageProfile, type UsageRule } from "../model/usage";
import { TYPE } from "../model/resourceTypes";
import { DEFAULT_CAPACITY_ASSUMPTIONS, MILESTONES, MILESTONE_IDS, rpsPerInstance, type CapacityAssumptions, type MilestoneId, type MilestoneSpec } from "./milestones";
import type { Commitments } from "./config";
import { DEFAULT_USAGE_ASSUMPTIONS, type UsageAssumptions } from "./usageAssumptions";

/** What the program's components are called in records (`component`) and the roles they tag. */
export const ROLE = {
  web: "app",
  queue: "queue",
  cache: "cache",
  cdn: "cdn",
  storage: "storage",
  database: "neon",
  observability: "observability",
  drills: "drills",
  network: "network",
  /** The `role` tag of the queue's dead-letter queue. */
  deadLetter: "dead-letter",
} as const;

/** Days in a 730-hour month. */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** Requests per instance per second that the group's target-tracking policies would hold. */
export function targetRpsPerInstance(spec: MilestoneSpec, capacity: CapacityAssumptions): number | undefined {
  const targets: number[] = [];
  const { cpuTargetPercent, requestsPerTargetPerMinute } = spec.app.autoscaling;
  // CPU is taken as proportional to load, 100 % at the type's load-tested rate; a type nobody
  // measured scales on requests only (the capacity guardrail asks for its figure).
  const perInstance = rpsPerInstance(capacity, spec.app.instanceType);
  if (cpuTargetPercent !== null && perInstance !== undefined) targets.push((perInstance * cpuTargetPercent) / 100);
  if (requestsPerTargetPerMinute !== null) targets.push(requestsPerTargetPerMinute / 60);
  // With several policies the group scales out on whichever asks for more instances.
  return targets.length ? Math.min(...targets) : undefined;
}

/**
 * Instances target tracking holds at `rps`, within [min, max]; with no policy the group sits
 * at its minimum.
 */
export function instancesAt(rps: number, spec: MilestoneSpec, capacity: CapacityAssumptions): number {
  const perInstance = targetRpsPerInstance(spec, capacity);
  const wanted = perInstance === undefined ? spec.app.minInstances : Math.ceil(rps / perInstance - 1e-9);
  return Math.min(spec.app.maxInstances, Math.max(spec.app.minInstances, wanted));
}

function round(n: number, places = 6): number {
  return Number(n.toFixed(places));
}

/** The usage keys that give a fleet's always-on instances the account's EC2 commitment. */
function ec2Commitment(commitments: Commitments, alwaysOn: number): Record<string, number> {
  const c = commitments.ec2;
  if (!c || alwaysOn < 1) return {};
  return { committed_instances: alwaysOn, commitment_discount_percent: c.discountPercent, commitment_term_years: c.term === "3y" ? 3 : 1 };
}

/** What the database carries at a milestone: CU demand per compute, egress, restore history. */
interface DatabaseDemand {
  readonly primaryBusyCu: number;
  readonly primaryOffPeakCu: number;
  /** At the milestone's peak rate (the seed's 2× load test): what maxCu must hold. */
  readonly primaryPeakCu: number;
  readonly replicaPeakCu: number;
  readonly replicaBusyCu: number;
  readonly replicaOffPeakCu: number;
  readonly primaryEgressGb: number;
  readonly replicaEgressGb: number;
  readonly historyGb: number;
  readonly replicas: number;
}

/**
 * The database's load from the requests the milestone carries: queries per request, less what
 * a managed cache absorbs, times the CPU per query, over the utilisation the autoscaler keeps
 * (1 CU = 1 vCPU). Read replicas take their share of the queries, split evenly. Egress is the
 * query results the app reads; history is the data rewritten over the restore window.
 */
function databaseDemand(spec: MilestoneSpec, a: UsageAssumptions, busyRps: number, peakRps: number, monthlyRequests: number, dbGb: number): DatabaseDemand {
  const offload = spec.cache.tier === "none" ? 0 : a.cache_db_offload_share;
  const replicas = spec.database.readReplicas;
  const replicaShare = replicas > 0 ? a.replica_read_share : 0;
  const cuFor = (rps: number, share: number) => round((rps * a.db_queries_per_request * (1 - offload) * share * a.db_cpu_ms_per_query) / 1000 / a.db_target_utilization, 4);
  const egress = (share: number) => round((monthlyRequests * a.db_queries_per_request * (1 - offload) * share * a.db_result_kb_per_query) / 1e6);
  return {
    primaryBusyCu: cuFor(busyRps, 1 - replicaShare),
    primaryOffPeakCu: cuFor(busyRps * a.off_peak_load_fraction, 1 - replicaShare),
    primaryPeakCu: cuFor(peakRps, 1 - replicaShare),
    replicaPeakCu: replicas > 0 ? cuFor(peakRps, replicaShare / replicas) : 0,
    replicaBusyCu: replicas > 0 ? cuFor(busyRps, replicaShare / replicas) : 0,
    replicaOffPeakCu: replicas > 0 ? cuFor(busyRps * a.off_peak_load_fraction, replicaShare / replicas) : 0,
    primaryEgressGb: egress(1 - replicaShare),
    replicaEgressGb: replicas > 0 ? egress(replicaShare / replicas) : 0,
    historyGb: round(dbGb * a.db_daily_change_share * (spec.database.historyRetentionHours / 24)),
    replicas,
  };
}

/** A month's traffic and how it splits between CloudFront and the origin. */
interface Traffic {
  /** Sustained busy-hour requests per second. */
  readonly rps: number;
  readonly offPeakHours: number;
  readonly activeHoursPerDay: number;
  readonly monthlyRequests: number;
  readonly totalGb: number;
  readonly cdnRequestShare: number;
  readonly cdnByteShare: number;
  readonly cdnRequests: number;
  readonly cdnGb: number;
  /** Requests and bytes that reach the ALB (not rounded). */
  readonly originRequests: number;
  readonly originGb: number;
  /** Invocations of the edge function (the API requests it runs on). */
  readonly functionInvocations: number;
}

/** Instances the web tier (time-weighted) and the queue workers run. */
interface Fleet {
  readonly busy: number;
  readonly offPeak: number;
  readonly quiet: number;
  readonly expected: number;
  readonly workers: number;
}

/** Logs, storage, database hours and queue requests per month. */
interface Quantities {
  readonly logGb: number;
  readonly dbGb: number;
  readonly filesGb: number;
  readonly activeHours: number;
  readonly busyHours: number;
  readonly offPeakHours: number;
  readonly idleHours: number;
  readonly queueRequests: number;
  readonly db: DatabaseDemand;
}

/**
 * The usage profile of one milestone (or any resolved spec, overrides included), from its seed
 * targets and the named assumptions.
 */
export function usageProfile(
  milestone: MilestoneId | MilestoneSpec,
  overrides: Partial<UsageAssumptions> = {},
  capacity: CapacityAssumptions = DEFAULT_CAPACITY_ASSUMPTIONS,
  commitments: Commitments = {},
): UsageProfile {
  const spec = typeof milestone === "string" ? MILESTONES[milestone] : milestone;
  const a: UsageAssumptions = { ...DEFAULT_USAGE_ASSUMPTIONS, ...overrides };
  const t = monthlyTraffic(spec, a);
  const f = expectedFleet(spec, a, capacity, t);
  const q = monthlyQuantities(spec, a, t, f);
  return {
    id: spec.id,
    description: `${spec.id} · ${spec.title}: ${t.rps} rps for ${a.busy_hours_per_day} h/day, ${a.off_peak_load_fraction * 100} % of it for ${t.offPeakHours} h, idle ${a.quiet_hours_per_day} h`,
    assumptions: { ...a },
    derived: derivedValues(t, f, q),
    traffic: { monthly_requests: t.monthlyRequests, monthly_data_transfer_gb: t.totalGb, cdn_byte_share: t.cdnByteShare, cdn_request_share: t.cdnRequestShare },
    rules: [...servingRules(spec, a, t, f, commitments), ...cdnRules(a, t, commitments), ...dataRules(spec, a, q), ...platformRules(a, t, q, commitments)],
  };
}

/** Requests and bytes a month, and the shares CloudFront and the origin (ALB) carry. */
function monthlyTraffic(spec: MilestoneSpec, a: UsageAssumptions): Traffic {
  const rps = spec.capacity.requestsPerSecond * a.busy_hour_load_fraction;
  const offPeakHours = Math.max(0, 24 - a.busy_hours_per_day - a.quiet_hours_per_day);
  const activeHoursPerDay = a.busy_hours_per_day + offPeakHours;

  // Requests: busy hours at the sustained rate, off-peak hours at a fraction, quiet hours none.
  const requestHoursPerDay = a.busy_hours_per_day + offPeakHours * a.off_peak_load_fraction;
  const monthlyRequests = round(rps * 3600 * requestHoursPerDay * DAYS_PER_MONTH, 0);
  const totalGb = round((monthlyRequests * a.average_response_kb) / 1_000_000); // KB → GB (decimal, as AWS bills)

  // What CloudFront carries (used only if the program declares a distribution): static assets
  // in every mode, and the API as routed: all of it, only its cacheable paths, or none.
  const cacheableShare = spec.cdn.apiRouting === "all" ? 1 : spec.cdn.apiRouting === "cacheable" ? a.cacheable_api_request_share : 0;
  const cdnRequestShare = spec.cdn.mode === "none" ? 0 : a.static_request_share + (1 - a.static_request_share) * cacheableShare;
  const cdnByteShare = spec.cdn.mode === "none" ? 0 : a.static_byte_share + (1 - a.static_byte_share) * cacheableShare;
  const cdnRequests = round(monthlyRequests * cdnRequestShare, 0);
  const cdnGb = round(totalGb * cdnByteShare);

  // Origin (ALB) traffic: API requests CloudFront does not carry, and those it carries but
  // does not answer from its cache.
  const apiRequests = spec.cdn.mode === "none" ? monthlyRequests : monthlyRequests * (1 - a.static_request_share);
  const originRequests = apiRequests * (1 - cacheableShare * a.api_cache_hit_share);
  const originBytesShare = spec.cdn.mode === "none" ? 1 : (1 - a.static_byte_share) * (1 - cacheableShare * a.api_cache_hit_share);
  const originGb = totalGb * originBytesShare;
  // The edge function runs on the API behaviours only.
  const functionInvocations = spec.cdn.mode === "edge" && spec.cdn.edgeFunction ? round(monthlyRequests * (1 - a.static_request_share) * cacheableShare, 0) : 0;
  return { rps, offPeakHours, activeHoursPerDay, monthlyRequests, totalGb, cdnRequestShare, cdnByteShare, cdnRequests, cdnGb, originRequests, originGb, functionInvocations };
}

/** App instances time-weighted over busy, off-peak and quiet hours; workers at their minimum. */
function expectedFleet(spec: MilestoneSpec, a: UsageAssumptions, capacity: CapacityAssumptions, t: Traffic): Fleet {
  const busy = instancesAt(t.rps, spec, capacity);
  const offPeak = instancesAt(t.rps * a.off_peak_load_fraction, spec, capacity);
  const quiet = instancesAt(0, spec, capacity);
  const expected = round((busy * a.busy_hours_per_day + offPeak * t.offPeakHours + quiet * a.quiet_hours_per_day) / 24, 4);
  const workers = spec.queue.enabled ? spec.queue.minWorkers : 0;
  return { busy, offPeak, quiet, expected, workers };
}

/** Logs, storage, database hours and queue requests. */
function monthlyQuantities(spec: MilestoneSpec, a: UsageAssumptions, t: Traffic, f: Fleet): Quantities {
  const logGb = round((t.monthlyRequests * a.log_bytes_per_request) / 1e9);
  const dbGb = round(spec.capacity.storageGb * a.database_storage_share);
  const filesGb = round(spec.capacity.storageGb - dbGb);
  const activeHours = round(t.activeHoursPerDay * DAYS_PER_MONTH);
  const busyHours = round(a.busy_hours_per_day * DAYS_PER_MONTH);
  const offPeakHours = round(t.offPeakHours * DAYS_PER_MONTH);
  const idleHours = round(a.quiet_hours_per_day * DAYS_PER_MONTH);
  const db = databaseDemand(spec, a, t.rps, spec.capacity.peakRequestsPerSecond, t.monthlyRequests, dbGb);

  // Queue: jobs (send/receive/delete) plus empty long-poll receives by the workers.
  const jobs = spec.queue.enabled ? spec.capacity.users * a.jobs_per_user_per_month : 0;
  const queueRequests = round(jobs * a.requests_per_job + f.workers * a.empty_receives_per_worker_hour * HOURS_PER_MONTH, 0);
  return { logGb, dbGb, filesGb, activeHours, busyHours, offPeakHours, idleHours, queueRequests, db };
}

/** The derived values a profile shows, by name. */
function derivedValues(t: Traffic, f: Fleet, q: Quantities): Record<string, number> {
  return {
    monthly_requests: t.monthlyRequests,
    monthly_data_transfer_gb: t.totalGb,
    cdn_monthly_requests: t.cdnRequests,
    cdn_monthly_data_transfer_gb: t.cdnGb,
    origin_monthly_requests: round(t.originRequests, 0),
    origin_monthly_data_transfer_gb: round(t.originGb),
    app_instances_busy: f.busy,
    app_instances_off_peak: f.offPeak,
    app_instances_quiet: f.quiet,
    app_expected_instances: f.expected,
    worker_expected_instances: f.workers,
    log_monthly_data_ingested_gb: q.logGb,
    database_storage_gb: q.dbGb,
    user_files_storage_gb: q.filesGb,
    database_monthly_active_hours: q.activeHours,
    database_monthly_busy_hours: q.busyHours,
    queue_monthly_requests: q.queueRequests,
    database_busy_demand_cu: q.db.primaryBusyCu,
    database_peak_demand_cu: q.db.primaryPeakCu,
    database_monthly_egress_gb: round(q.db.primaryEgressGb + q.db.replicaEgressGb * q.db.replicas),
  };
}

/** The web tier, the queue workers and the ALB in front of them. */
function servingRules(spec: MilestoneSpec, a: UsageAssumptions, t: Traffic, f: Fleet, commitments: Commitments): UsageRule[] {
  const monthlySeconds = HOURS_PER_MONTH * 3600;
  return [
    { match: { type: TYPE.asg, component: ROLE.web }, usage: { expected_instances: f.expected, ...ec2Commitment(commitments, spec.app.minInstances) }, note: "web tier: target tracking at the sustained rate, time-weighted over the day" },
    // Queue workers hold their minimum: the backlog stays below one target's worth of jobs.
    { match: { type: TYPE.asg, component: ROLE.queue }, usage: { expected_instances: f.workers, spot_discount_percent: a.spot_discount_percent, ...ec2Commitment(commitments, spec.queue.minWorkers) }, note: "queue workers at their minimum (Spot at the assumed discount where they run on Spot)" },
    {
      match: { type: TYPE.lb, component: ROLE.web },
      usage: {
        new_connections: round(t.originRequests / a.requests_per_connection / monthlySeconds),
        active_connections: round(spec.capacity.users * a.connections_per_user),
        processed_bytes_gb: round(t.originGb / HOURS_PER_MONTH),
        rule_evaluations: 0, // our listeners carry fewer than the 10 free rules per request
      },
      note: "origin traffic averaged over the month",
    },
  ];
}

/** CloudFront: the distribution, its viewer-request function and the assets bucket. */
function cdnRules(a: UsageAssumptions, t: Traffic, commitments: Commitments): UsageRule[] {
  const bundle = commitments.cloudfrontSecurityBundle;
  return [
    {
      match: { type: TYPE.distribution, component: ROLE.cdn },
      usage: { monthly_data_transfer_to_internet_gb: t.cdnGb, monthly_https_requests: t.cdnRequests, ...(bundle ? { savings_bundle_discount_percent: bundle.discountPercent } : {}) },
    },
    { match: { type: TYPE.cloudfrontFunction, component: ROLE.cdn }, usage: { monthly_invocations: t.functionInvocations }, note: "a viewer-request function on the API behaviours" },
    { match: { type: TYPE.bucket, component: ROLE.cdn }, usage: { storage_gb: a.static_assets_gb, monthly_tier_1_requests: 1000, monthly_tier_2_requests: round(t.cdnRequests * a.cdn_origin_miss_share * a.static_request_share, 0) }, note: "static assets behind CloudFront" },
  ];
}

/** User files, the queue and its dead letters, the log groups. */
function dataRules(spec: MilestoneSpec, a: UsageAssumptions, q: Quantities): UsageRule[] {
  return [
    {
      match: { type: TYPE.bucket, component: ROLE.storage },
      usage: {
        storage_gb: q.filesGb,
        monthly_tier_1_requests: spec.capacity.users * a.file_uploads_per_user_per_month,
        monthly_tier_2_requests: spec.capacity.users * a.file_downloads_per_user_per_month,
      },
      note: "user files",
    },
    { match: { type: TYPE.queue, component: ROLE.queue }, usage: { monthly_requests: q.queueRequests }, note: "jobs plus workers' long polling" },
    { match: { type: TYPE.queue, component: ROLE.queue, role: ROLE.deadLetter }, usage: { monthly_requests: 0 }, note: "dead letters only" },
    // Request logs go to the observability component's log groups (split among them).
    { match: { type: TYPE.logGroup, component: ROLE.observability }, usage: { monthly_data_ingested_gb: q.logGb }, shared: true, note: "request logs, split across log groups" },
    // Drill (FIS experiment) logs: tens of events per run, a few KB; they are not request logs.
    { match: { type: TYPE.logGroup, component: ROLE.drills }, usage: { monthly_data_ingested_gb: 0.001 }, note: "FIS experiment logs, a few KB per run" },
    // The alerts topic's key: SNS asks KMS for a data key (2 requests) at most every 5 minutes per
    // publisher (SNS Developer Guide, "Estimating AWS KMS costs": R = B / D × 2P), so even one
    // alarm flapping all month is 2 × 8,760 requests, inside the free 20,000.
    { match: { type: TYPE.kmsKey, component: ROLE.observability }, usage: { monthly_requests: 2 * HOURS_PER_MONTH * 12 }, note: "alerts topic: at most a data key per 5 minutes all month" },
    // assumption: at most ~500 alarm, budget and anomaly notifications a month (one alarm
    // flapping 16 times a day), each e-mailed once: inside SNS's free 1M publishes and 1,000 e-mails.
    { match: { type: TYPE.topic, component: ROLE.observability }, usage: { monthly_requests: 500 }, note: "alerts: notifications a month" },
  ];
}

/** The cache's snapshots, the NAT gateway, the Neon database and the drills. */
function platformRules(a: UsageAssumptions, t: Traffic, q: Quantities, commitments: Commitments): UsageRule[] {
  const dbPlan = commitments.databaseSavingsPlan;
  return [
    { match: { type: TYPE.replicationGroup, component: ROLE.cache }, usage: { snapshot_storage_size_gb: a.cache_dataset_gb } },
    {
      match: { type: TYPE.serverlessCache, component: ROLE.cache },
      usage: {
        average_data_stored_gb: a.cache_dataset_gb,
        monthly_ecpus: round(t.monthlyRequests * a.cache_ops_per_request, 0),
        snapshot_storage_gb: a.cache_dataset_gb,
        ...(dbPlan ? { commitment_discount_percent: dbPlan.discountPercent } : {}),
      },
      note: "serverless cache: the working set, and one ECPU per cache command",
    },
    { match: { type: TYPE.natGateway, component: ROLE.network }, usage: { monthly_data_processed_gb: a.nat_data_processed_gb } },
    {
      match: { type: TYPE.neonProject, component: ROLE.database },
      usage: {
        monthly_busy_hours: q.busyHours,
        busy_demand_cu: q.db.primaryBusyCu,
        monthly_off_peak_hours: q.offPeakHours,
        off_peak_demand_cu: q.db.primaryOffPeakCu,
        peak_demand_cu: q.db.primaryPeakCu,
        monthly_idle_hours: q.idleHours,
        storage_gb: q.dbGb,
        history_storage_gb: q.db.historyGb,
        monthly_egress_gb: q.db.primaryEgressGb,
      },
      note: "read-write compute: the CU its share of the queries needs, suspended in idle hours where it may scale to zero",
    },
    {
      match: { type: TYPE.neonEndpoint, component: ROLE.database },
      usage: {
        monthly_busy_hours: q.busyHours,
        busy_demand_cu: q.db.replicaBusyCu,
        monthly_off_peak_hours: q.offPeakHours,
        off_peak_demand_cu: q.db.replicaOffPeakCu,
        peak_demand_cu: q.db.replicaPeakCu,
        monthly_idle_hours: q.idleHours,
        monthly_egress_gb: q.db.replicaEgressGb,
      },
      note: "each read replica: its share of the reads",
    },
    { match: { type: TYPE.experimentTemplate, component: ROLE.drills }, usage: { monthly_experiment_runs: a.experiment_runs_per_month, action_minutes_per_run: a.action_minutes_per_run } },
  ];
}

/** All four milestone profiles with the same assumptions. */
export function milestoneProfiles(overrides: Partial<UsageAssumptions> = {}): Record<MilestoneId, UsageProfile> {
  return Object.fromEntries(MILESTONE_IDS.map((m) => [m, usageProfile(m, overrides)])) as Record<MilestoneId, UsageProfile>;
}

