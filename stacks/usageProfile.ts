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
  readonly replicaBusyCu: number;
  readonly replicaOffPeakCu: number;
  readonly primaryEgressGb: number;
  readonly replicaEgressGb: number;
  readonly historyGb: number;
}

/**
 * The database's load from the requests the milestone carries: queries per request, less what
 * a managed cache absorbs, times the CPU per query, over the utilisation the autoscaler keeps
 * (1 CU = 1 vCPU). Read replicas take their share of the queries, split evenly. Egress is the
 * query results the app reads; history is the data rewritten over the restore window.
 */
function databaseDemand(spec: MilestoneSpec, a: UsageAssumptions, busyRps: number, monthlyRequests: number, dbGb: number): DatabaseDemand {
  const offload = spec.cache.tier === "none" ? 0 : a.cache_db_offload_share;
  const replicas = spec.database.readReplicas;
  const replicaShare = replicas > 0 ? a.replica_read_share : 0;
  const cuFor = (rps: number, share: number) => round((rps * a.db_queries_per_request * (1 - offload) * share * a.db_cpu_ms_per_query) / 1000 / a.db_target_utilization, 4);
  const egress = (share: number) => round((monthlyRequests * a.db_queries_per_request * (1 - offload) * share * a.db_result_kb_per_query) / 1e6);
  return {
    primaryBusyCu: cuFor(busyRps, 1 - replicaShare),
    primaryOffPeakCu: cuFor(busyRps * a.off_peak_load_fraction, 1 - replicaShare),
    replicaBusyCu: replicas > 0 ? cuFor(busyRps, replicaShare / replicas) : 0,
    replicaOffPeakCu: replicas > 0 ? cuFor(busyRps * a.off_peak_load_fraction, replicaShare / replicas) : 0,
    primaryEgressGb: egress(1 - replicaShare),
    replicaEgressGb: replicas > 0 ? egress(replicaShare / replicas) : 0,
    historyGb: round(dbGb * a.db_daily_change_share * (spec.database.historyRetentionHours / 24)),
  };
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
  const rps = spec.capacity.requestsPerSecond * a.busy_hour_load_fraction;
  const offPeakHours = Math.max(0, 24 - a.busy_hours_per_day - a.quiet_hours_per_day);

  // Requests: busy hours at the sustained rate, off-peak hours at a fraction, quiet hours none.
  const requestHoursPerDay = a.busy_hours_per_day + offPeakHours * a.off_peak_load_fraction;
  const monthlyRequests = round(rps * 3600 * requestHoursPerDay * DAYS_PER_MONTH, 0);
  const totalGb = round((monthlyRequests * a.average_response_kb) / 1_000_000); // KB → GB (decimal, as AWS bills)

  // What CloudFront carries, by CDN mode (used only if the program declares a distribution).
  const withApi = spec.cdn.mode === "static-api" || spec.cdn.mode === "edge";
  const cdnRequestShare = spec.cdn.mode === "none" ? 0 : withApi ? 1 : a.static_request_share;
  const cdnByteShare = spec.cdn.mode === "none" ? 0 : withApi ? 1 : a.static_byte_share;
  const cdnRequests = round(monthlyRequests * cdnRequestShare, 0);
  const cdnGb = round(totalGb * cdnByteShare);

  // Origin (ALB) traffic: requests CloudFront does not answer from its cache.
  const apiRequests = monthlyRequests * (1 - a.static_request_share);
  const originRequests = spec.cdn.mode === "none" ? monthlyRequests : withApi ? apiRequests * (1 - a.api_cache_hit_share) : apiRequests;
  const originBytesShare = spec.cdn.mode === "none" ? 1 : (1 - a.static_byte_share) * (withApi ? 1 - a.api_cache_hit_share : 1);
  const originGb = totalGb * originBytesShare;
  const monthlySeconds = HOURS_PER_MONTH * 3600;

  // App instances: time-weighted over busy, off-peak and quiet hours.
  const busyInstances = instancesAt(rps, spec, capacity);
  const offPeakInstances = instancesAt(rps * a.off_peak_load_fraction, spec, capacity);
  const quietInstances = instancesAt(0, spec, capacity);
  const expectedInstances = round((busyInstances * a.busy_hours_per_day + offPeakInstances * offPeakHours + quietInstances * a.quiet_hours_per_day) / 24, 4);

  // Logs, storage, database.
  const logGb = round((monthlyRequests * a.log_bytes_per_request) / 1e9);
  const dbGb = round(spec.capacity.storageGb * a.database_storage_share);
  const filesGb = round(spec.capacity.storageGb - dbGb);
  const busyHours = round(a.busy_hours_per_day * DAYS_PER_MONTH);
  const offPeakMonthHours = round(offPeakHours * DAYS_PER_MONTH);
  const idleHours = round(a.quiet_hours_per_day * DAYS_PER_MONTH);
  const db = databaseDemand(spec, a, rps, monthlyRequests, dbGb);

  // Queue: jobs (send/receive/delete) plus empty long-poll receives by the workers.
  const jobs = spec.queue.enabled ? spec.capacity.users * a.jobs_per_user_per_month : 0;
  const workers = spec.queue.enabled ? spec.queue.minWorkers : 0;
  const queueRequests = round(jobs * a.requests_per_job + workers * a.empty_receives_per_worker_hour * HOURS_PER_MONTH, 0);

  const derived: Record<string, number> = {
    monthly_requests: monthlyRequests,
    monthly_data_transfer_gb: totalGb,
    cdn_monthly_requests: cdnRequests,
    cdn_monthly_data_transfer_gb: cdnGb,
    origin_monthly_requests: round(originRequests, 0),
    origin_monthly_data_transfer_gb: round(originGb),
    app_instances_busy: busyInstances,
    app_instances_off_peak: offPeakInstances,
    app_instances_quiet: quietInstances,
    app_expected_instances: expectedInstances,
    worker_expected_instances: workers,
    log_monthly_data_ingested_gb: logGb,
    database_storage_gb: dbGb,
    user_files_storage_gb: filesGb,
    database_monthly_active_hours: round(busyHours + offPeakMonthHours),
    database_monthly_busy_hours: busyHours,
    queue_monthly_requests: queueRequests,
    database_busy_demand_cu: db.primaryBusyCu,
    database_monthly_egress_gb: round(db.primaryEgressGb + db.replicaEgressGb * spec.database.readReplicas),
  };

  const rules: UsageRule[] = [
    { match: { type: TYPE.asg, component: ROLE.web }, usage: { expected_instances: expectedInstances, ...ec2Commitment(commitments, spec.app.minInstances) }, note: "web tier: target tracking at the sustained rate, time-weighted over the day" },
    // Queue workers hold their minimum: the backlog stays below one target's worth of jobs.
    { match: { type: TYPE.asg, component: ROLE.queue }, usage: { expected_instances: workers, spot_discount_percent: a.spot_discount_percent, ...ec2Commitment(commitments, spec.queue.minWorkers) }, note: "queue workers at their minimum" },
    {
      match: { type: TYPE.lb, component: ROLE.web },
      usage: {
        new_connections: round(originRequests / a.requests_per_connection / monthlySeconds),
        active_connections: round(spec.capacity.users * a.connections_per_user),
        processed_bytes_gb: round(originGb / HOURS_PER_MONTH),
        rule_evaluations: 0, // our listeners carry fewer than the 10 free rules per request
      },
      note: "origin traffic averaged over the month",
    },
    { match: { type: TYPE.distribution, component: ROLE.cdn }, usage: { monthly_data_transfer_to_internet_gb: cdnGb, monthly_https_requests: cdnRequests } },
    { match: { type: TYPE.cloudfrontFunction, component: ROLE.cdn }, usage: { monthly_invocations: cdnRequests }, note: "a viewer-request function on every CDN request" },
    { match: { type: TYPE.bucket, component: ROLE.cdn }, usage: { storage_gb: a.static_assets_gb, monthly_tier_1_requests: 1000, monthly_tier_2_requests: round(cdnRequests * a.cdn_origin_miss_share * a.static_request_share, 0) }, note: "static assets behind CloudFront" },
    {
      match: { type: TYPE.bucket, component: ROLE.storage },
      usage: {
        storage_gb: filesGb,
        monthly_tier_1_requests: spec.capacity.users * a.file_uploads_per_user_per_month,
        monthly_tier_2_requests: spec.capacity.users * a.file_downloads_per_user_per_month,
      },
      note: "user files",
    },
    { match: { type: TYPE.queue, component: ROLE.queue }, usage: { monthly_requests: queueRequests }, note: "jobs plus workers' long polling" },
    { match: { type: TYPE.queue, component: ROLE.queue, role: ROLE.deadLetter }, usage: { monthly_requests: 0 }, note: "dead letters only" },
    // Request logs go to the observability component's log groups (split among them).
    { match: { type: TYPE.logGroup, component: ROLE.observability }, usage: { monthly_data_ingested_gb: logGb }, shared: true, note: "request logs, split across log groups" },
    // Drill (FIS experiment) logs: tens of events per run, a few KB; they are not request logs.
    { match: { type: TYPE.logGroup, component: ROLE.drills }, usage: { monthly_data_ingested_gb: 0.001 }, note: "FIS experiment logs, a few KB per run" },
    { match: { type: TYPE.replicationGroup, component: ROLE.cache }, usage: { snapshot_storage_size_gb: a.cache_dataset_gb } },
        { match: { type: TYPE.natGateway, component: ROLE.network }, usage: { monthly_data_processed_gb: a.nat_data_processed_gb } },
    {
      match: { type: TYPE.neonProject, component: ROLE.database },
      usage: {
        monthly_busy_hours: busyHours,
        busy_demand_cu: db.primaryBusyCu,
        monthly_off_peak_hours: offPeakMonthHours,
        off_peak_demand_cu: db.primaryOffPeakCu,
        monthly_idle_hours: idleHours,
        storage_gb: dbGb,
        history_storage_gb: db.historyGb,
        monthly_egress_gb: db.primaryEgressGb,
      },
      note: "read-write compute: the CU its share of the queries needs, suspended in idle hours where it may scale to zero",
    },
    {
      match: { type: TYPE.neonEndpoint, component: ROLE.database },
      usage: {
        monthly_busy_hours: busyHours,
        busy_demand_cu: db.replicaBusyCu,
        monthly_off_peak_hours: offPeakMonthHours,
        off_peak_demand_cu: db.replicaOffPeakCu,
        monthly_idle_hours: idleHours,
        monthly_egress_gb: db.replicaEgressGb,
      },
      note: "each read replica: its share of the reads",
    },
    { match: { type: TYPE.experimentTemplate, component: ROLE.drills }, usage: { monthly_experiment_runs: a.experiment_runs_per_month, action_minutes_per_run: a.action_minutes_per_run } },
  ];

  return {
    id: spec.id,
    description: `${spec.id} · ${spec.title}: ${rps} rps for ${a.busy_hours_per_day} h/day, ${a.off_peak_load_fraction * 100} % of it for ${offPeakHours} h, idle ${a.quiet_hours_per_day} h`,
    assumptions: { ...a },
    derived,
    traffic: { monthly_requests: monthlyRequests, monthly_data_transfer_gb: totalGb, cdn_byte_share: cdnByteShare, cdn_request_share: cdnRequestShare },
    rules,
  };
}

/** All four milestone profiles with the same assumptions. */
export function milestoneProfiles(overrides: Partial<UsageAssumptions> = {}): Record<MilestoneId, UsageProfile> {
  return Object.fromEntries(MILESTONE_IDS.map((m) => [m, usageProfile(m, overrides)])) as Record<MilestoneId, UsageProfile>;
}

