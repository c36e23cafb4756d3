/**
 * Usage profiles: the quantities usage-based cost lines need (requests, egress, storage, log
 * volume, queue messages, database activity, expected instances), derived from a milestone's
 * seed targets through assumptions that are all named in `UsageAssumptions` below.
 *
 * Keys follow Infracost's usage file: snake_case, ending in their unit. A profile is a list of
 * rules matched against resource records (type, logical-name glob, component glob, input
 * values); later rules override earlier ones key by key, and a `shared` rule's quantities are
 * split evenly among all the records it matches (e.g. log volume across log groups).
 */
import {
  DEFAULT_CAPACITY_ASSUMPTIONS,
  MILESTONES,
  type CapacityAssumptions,
  type MilestoneId,
  type MilestoneSpec,
} from "../stacks/milestones";
import type { ResourceRecord } from "../model/records";
import { describeValue, suggest } from "../stacks/problems";
import { HOURS_PER_MONTH, type ResourceUsage } from "./types";

/** Every assumption the profiles rest on; override any subset with `Partial<UsageAssumptions>`. */
export interface UsageAssumptions {
  /** Hours a day at the milestone's sustained rate (`capacity.requestsPerSecond`): a working day. */
  readonly busy_hours_per_day: number;
  /**
   * Share of the seed's rate actually seen, on average, during busy hours. The seed's figures
   * ("Capacity Baseline": ~100 rps for ~100 concurrent users) are capacity the fleet must hold
   * at peak concurrency, and the catalog sizes instances on them at face value; billing follows
   * mean traffic. 0.25 assumes a 4:1 peak-to-mean ratio inside the busy hours (0.15 requests/s
   * per concurrent user at m3, one interaction every ~7 s). Replace it with the ratio of your
   * ALB's mean to peak `RequestCount` once the app runs behind one.
   */
  readonly busy_hour_load_fraction: number;
  /** Hours a day with no traffic at all (night); a Neon compute that may scale to zero sleeps then. */
  readonly quiet_hours_per_day: number;
  /** Load in the remaining hours, as a fraction of the sustained rate (evenings, other time zones). */
  readonly off_peak_load_fraction: number;
  /** Average bytes sent per request, KB (gzip JSON API responses; browsers cache assets). */
  readonly average_response_kb: number;
  /** Share of requests that are static assets (servable by a CDN in every CDN mode). */
  readonly static_request_share: number;
  /** Share of response bytes that are static assets (assets are larger than API responses). */
  readonly static_byte_share: number;
  /** Share of API requests CloudFront answers from cache in the static-api and edge modes (short TTLs). */
  readonly api_cache_hit_share: number;
  /** Share of CDN requests that miss the edge cache and read S3 (static assets, long TTLs). */
  readonly cdn_origin_miss_share: number;
  /** Requests carried per new connection (HTTP keep-alive), for ALB LCUs. */
  readonly requests_per_connection: number;
  /** Open connections per concurrent user (browser tabs, keep-alive), for ALB LCUs. */
  readonly connections_per_user: number;
  /** Log bytes shipped to CloudWatch per request: one compact structured app line (ALB access logs off). */
  readonly log_bytes_per_request: number;
  /** Share of `capacity.storageGb` that is the database; the rest is user files. */
  readonly database_storage_share: number;
  /** Size of the static asset bundle in S3, GB. */
  readonly static_assets_gb: number;
  /** Cached data set (one backup's size), GB; a cache.t4g.micro holds ~0.5 GB. */
  readonly cache_dataset_gb: number;
  /**
   * Where Neon's autoscaler sits between minCu and maxCu during busy hours (0 = min, 1 = max).
   * 0.2: mean busy-hour load is a quarter of capacity (above), and the cache takes reads off the
   * database (the seed's "Redis caching reducing DB load by 30%").
   */
  readonly busy_cu_load_fraction: number;
  /** Share of the primary's busy-hour load that read replicas take (their own busy hours). */
  readonly replica_busy_hours_share: number;
  /** Heavy operations (PDF export, cut optimisation) per user per month, when a queue exists. */
  readonly jobs_per_user_per_month: number;
  /** SQS requests per job: send, receive, delete. */
  readonly requests_per_job: number;
  /** Empty receives per worker per hour with 20 s long polling (3 a minute). */
  readonly empty_receives_per_worker_hour: number;
  /** User-file uploads and downloads per user per month (S3 user files, m4). */
  readonly file_uploads_per_user_per_month: number;
  readonly file_downloads_per_user_per_month: number;
  /** Data through a NAT gateway, GB/month, if one exists (package updates from private subnets). */
  readonly nat_data_processed_gb: number;
  /** Chaos drills (FIS experiment runs) per month, and minutes per run when actions give no duration. */
  readonly experiment_runs_per_month: number;
  readonly action_minutes_per_run: number;
}

export const DEFAULT_USAGE_ASSUMPTIONS: UsageAssumptions = {
  busy_hours_per_day: 8,
  busy_hour_load_fraction: 0.25,
  quiet_hours_per_day: 6,
  off_peak_load_fraction: 0.2,
  average_response_kb: 4,
  static_request_share: 0.3,
  static_byte_share: 0.7,
  api_cache_hit_share: 0.2,
  cdn_origin_miss_share: 0.02,
  requests_per_connection: 10,
  connections_per_user: 2,
  log_bytes_per_request: 100,
  database_storage_share: 0.5,
  static_assets_gb: 0.5,
  cache_dataset_gb: 0.25,
  busy_cu_load_fraction: 0.2,
  replica_busy_hours_share: 1,
  jobs_per_user_per_month: 20,
  requests_per_job: 3,
  empty_receives_per_worker_hour: 180,
  file_uploads_per_user_per_month: 20,
  file_downloads_per_user_per_month: 100,
  nat_data_processed_gb: 10,
  experiment_runs_per_month: 1,
  action_minutes_per_run: 10,
};

/**
 * Checks a stack's `cutlist:usage` (assumption overrides for the estimate): known keys only,
 * finite numbers ≥ 0, shares and fractions at most 1, busy + quiet hours at most 24.
 * Returns the overrides and one line per problem, naming `key.<assumption>`.
 */
export function checkUsageAssumptions(raw: unknown, key: string): { assumptions: Partial<UsageAssumptions>; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { assumptions: {}, problems: [`${key}: ${describeValue(raw)} is not allowed: must be a mapping of usage assumptions (cost/usage.ts), e.g. { busy_hour_load_fraction: 0.5 }`] };
  }
  const known = Object.keys(DEFAULT_USAGE_ASSUMPTIONS);
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!known.includes(name)) {
      const hint = suggest(name, known);
      problems.push(`${key}.${name}: unknown usage assumption${hint ? `; did you mean "${hint}"?` : ""} Allowed: ${known.join(", ")}`);
      continue;
    }
    const bounded = /_(fraction|share)$/.test(name);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (bounded && value > 1)) {
      problems.push(`${key}.${name}: ${describeValue(value)} is not allowed: must be ${bounded ? "a number from 0 to 1" : "a number ≥ 0"} (default ${(DEFAULT_USAGE_ASSUMPTIONS as unknown as Record<string, number>)[name]})`);
      continue;
    }
    out[name] = value;
  }
  const busy = out.busy_hours_per_day ?? DEFAULT_USAGE_ASSUMPTIONS.busy_hours_per_day;
  const quiet = out.quiet_hours_per_day ?? DEFAULT_USAGE_ASSUMPTIONS.quiet_hours_per_day;
  if (busy + quiet > 24) problems.push(`${key}: busy_hours_per_day (${busy}) + quiet_hours_per_day (${quiet}) is ${busy + quiet}, more than the 24 hours of a day`);
  return { assumptions: out as Partial<UsageAssumptions>, problems };
}

/** Days in a 730-hour month. */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** Which records a rule applies to; every given field must match. Globs use `*`. */
export interface UsageMatch {
  readonly type?: string;
  /** Glob on the logical name. */
  readonly name?: string;
  /** Glob on the top-level component. */
  readonly component?: string;
  /** Inputs that must equal these plain values. */
  readonly inputs?: Readonly<Record<string, string | number | boolean>>;
}

export interface UsageRule {
  readonly match: UsageMatch;
  readonly usage: ResourceUsage;
  /** Split the quantities evenly among all records this rule matches. */
  readonly shared?: boolean;
  /** Why these numbers (shown in reports). */
  readonly note?: string;
}

/** The traffic picture a profile was derived from, for reports and for the data-transfer line. */
export interface TrafficSummary {
  readonly monthly_requests: number;
  /** All response bytes leaving AWS, GB/month. */
  readonly monthly_data_transfer_gb: number;
  /** Share of bytes CloudFront serves when the program has a distribution. */
  readonly cdn_byte_share: number;
  /** Share of requests through CloudFront when the program has a distribution. */
  readonly cdn_request_share: number;
}

export interface UsageProfile {
  /** "m1".."m4", "default", or a caller's name. */
  readonly id: string;
  readonly description: string;
  readonly assumptions: UsageAssumptions;
  /** Derived values worth showing (expected instances, CU-hours inputs…), by name. */
  readonly derived: Readonly<Record<string, number>>;
  readonly traffic?: TrafficSummary;
  readonly rules: readonly UsageRule[];
}

const T = {
  asg: "aws:autoscaling/group:Group",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  cdn: "aws:cloudfront/distribution:Distribution",
  cdnFunction: "aws:cloudfront/function:Function",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  queue: "aws:sqs/queue:Queue",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  cache: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheCluster: "aws:elasticache/cluster:Cluster",
  nat: "aws:ec2/natGateway:NatGateway",
  neonProject: "pulumi-nodejs:dynamic/neon:Project",
  neonEndpoint: "pulumi-nodejs:dynamic/neon:Endpoint",
  fis: "aws:fis/experimentTemplate:ExperimentTemplate",
} as const;

/** Requests per instance per second that the group's target-tracking policies would hold. */
export function targetRpsPerInstance(spec: MilestoneSpec, capacity: CapacityAssumptions): number | undefined {
  const targets: number[] = [];
  const { cpuTargetPercent, requestsPerTargetPerMinute } = spec.app.autoscaling;
  // CPU is taken as proportional to load, 100 % at rpsPerInstance (the seed's load-test rate).
  if (cpuTargetPercent !== null) targets.push((capacity.rpsPerInstance * cpuTargetPercent) / 100);
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

/**
 * The usage profile of one milestone (or any resolved spec, overrides included), from its seed
 * targets and the named assumptions.
 */
export function usageProfile(
  milestone: MilestoneId | MilestoneSpec,
  overrides: Partial<UsageAssumptions> = {},
  capacity: CapacityAssumptions = DEFAULT_CAPACITY_ASSUMPTIONS,
): UsageProfile {
  const spec = typeof milestone === "string" ? MILESTONES[milestone] : milestone;
  const a: UsageAssumptions = { ...DEFAULT_USAGE_ASSUMPTIONS, ...overrides };
  const rps = spec.capacity.requestsPerSecond * a.busy_hour_load_fraction;
  const offPeakHours = Math.max(0, 24 - a.busy_hours_per_day - a.quiet_hours_per_day);
  const activeHoursPerDay = a.busy_hours_per_day + offPeakHours;

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
  const activeHours = round(activeHoursPerDay * DAYS_PER_MONTH);
  const busyHours = round(a.busy_hours_per_day * DAYS_PER_MONTH);

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
    database_monthly_active_hours: activeHours,
    database_monthly_busy_hours: busyHours,
    queue_monthly_requests: queueRequests,
  };

  const rules: UsageRule[] = [
    { match: { type: T.asg }, usage: { expected_instances: expectedInstances }, note: "web tier: target tracking at the sustained rate, time-weighted over the day" },
    // Queue workers hold their minimum: the backlog stays below one target's worth of jobs.
    { match: { type: T.asg, name: "*worker*" }, usage: { expected_instances: workers }, note: "queue workers at their minimum" },
    {
      match: { type: T.lb },
      usage: {
        new_connections: round(originRequests / a.requests_per_connection / monthlySeconds),
        active_connections: round(spec.capacity.users * a.connections_per_user),
        processed_bytes_gb: round(originGb / HOURS_PER_MONTH),
        rule_evaluations: 0, // our listeners carry fewer than the 10 free rules per request
      },
      note: "origin traffic averaged over the month",
    },
    { match: { type: T.cdn }, usage: { monthly_data_transfer_to_internet_gb: cdnGb, monthly_https_requests: cdnRequests } },
    { match: { type: T.cdnFunction }, usage: { monthly_invocations: cdnRequests }, note: "a viewer-request function on every CDN request" },
    { match: { type: T.bucket }, usage: { storage_gb: a.static_assets_gb, monthly_tier_1_requests: 1000, monthly_tier_2_requests: round(cdnRequests * a.cdn_origin_miss_share * a.static_request_share, 0) }, note: "static assets behind CloudFront" },
    {
      match: { type: T.bucket, name: "*files*" },
      usage: {
        storage_gb: filesGb,
        monthly_tier_1_requests: spec.capacity.users * a.file_uploads_per_user_per_month,
        monthly_tier_2_requests: spec.capacity.users * a.file_downloads_per_user_per_month,
      },
      note: "user files",
    },
    { match: { type: T.queue }, usage: { monthly_requests: queueRequests }, note: "jobs plus workers' long polling" },
    { match: { type: T.queue, name: "*dlq*" }, usage: { monthly_requests: 0 }, note: "dead letters only" },
    // Request logs go to the observability component's log groups (split among them).
    { match: { type: T.logGroup, component: "observability" }, usage: { monthly_data_ingested_gb: logGb }, shared: true, note: "request logs, split across log groups" },
    // Drill (FIS experiment) logs: tens of events per run, a few KB; they are not request logs.
    { match: { type: T.logGroup, component: "drills" }, usage: { monthly_data_ingested_gb: 0.001 }, note: "FIS experiment logs, a few KB per run" },
    { match: { type: T.cache }, usage: { snapshot_storage_size_gb: a.cache_dataset_gb } },
    { match: { type: T.cacheCluster }, usage: { snapshot_storage_size_gb: a.cache_dataset_gb } },
    { match: { type: T.nat }, usage: { monthly_data_processed_gb: a.nat_data_processed_gb } },
    {
      match: { type: T.neonProject },
      usage: { monthly_active_hours: activeHours, monthly_busy_hours: busyHours, busy_cu_load_fraction: a.busy_cu_load_fraction, storage_gb: dbGb },
      note: "read-write compute active whenever traffic arrives",
    },
    {
      match: { type: T.neonEndpoint },
      usage: { monthly_active_hours: activeHours, monthly_busy_hours: round(busyHours * a.replica_busy_hours_share), busy_cu_load_fraction: a.busy_cu_load_fraction },
      note: "replicas follow the primary's day",
    },
    { match: { type: T.fis }, usage: { monthly_experiment_runs: a.experiment_runs_per_month, action_minutes_per_run: a.action_minutes_per_run } },
  ];
  // The older BucketV2 token gets the same usage as Bucket.
  rules.push(...rules.filter((r) => r.match.type === T.bucket).map((r) => ({ ...r, match: { ...r.match, type: T.bucketV2 } })));

  return {
    id: spec.id,
    description: `${spec.id} · ${spec.title}: ${rps} rps for ${a.busy_hours_per_day} h/day, ${a.off_peak_load_fraction * 100} % of it for ${offPeakHours} h, idle ${a.quiet_hours_per_day} h`,
    assumptions: a,
    derived,
    traffic: { monthly_requests: monthlyRequests, monthly_data_transfer_gb: totalGb, cdn_byte_share: cdnByteShare, cdn_request_share: cdnRequestShare },
    rules,
  };
}

/** All four milestone profiles with the default assumptions. */
export function milestoneProfiles(overrides: Partial<UsageAssumptions> = {}): Record<MilestoneId, UsageProfile> {
  return { m1: usageProfile("m1", overrides), m2: usageProfile("m2", overrides), m3: usageProfile("m3", overrides), m4: usageProfile("m4", overrides) };
}

/**
 * For programs that are not ours: no usage numbers at all, as Infracost does without a usage
 * file. Usage-based lines say "Monthly cost depends on usage", Auto Scaling groups are priced
 * at their desired capacity (else minimum), Neon computes that never suspend run 730 h.
 */
export const DEFAULT_USAGE_PROFILE: UsageProfile = {
  id: "default",
  description: "no usage profile: usage-based lines show their unit price only",
  assumptions: DEFAULT_USAGE_ASSUMPTIONS,
  derived: {},
  rules: [],
};

/** Add rules on top of a profile (later rules win), e.g. from a usage file or CLI flags. */
export function withUsage(profile: UsageProfile, rules: readonly UsageRule[]): UsageProfile {
  return { ...profile, rules: [...profile.rules, ...rules] };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
}

const globCache = new Map<string, RegExp>();
function globMatch(glob: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  let re = globCache.get(glob);
  if (!re) globCache.set(glob, (re = globToRegExp(glob)));
  return re.test(value);
}

export function ruleMatches(match: UsageMatch, record: ResourceRecord): boolean {
  if (match.type !== undefined && match.type !== record.type) return false;
  if (match.name !== undefined && !globMatch(match.name, record.name)) return false;
  if (match.component !== undefined && !globMatch(match.component, record.component)) return false;
  if (match.inputs) for (const [k, v] of Object.entries(match.inputs)) if (record.inputs[k] !== v) return false;
  return true;
}

/**
 * The usage of every record under a profile: rules in order, later keys win; shared rules
 * divide by the number of records they match.
 */
export function resolveUsage(profile: UsageProfile, records: readonly ResourceRecord[]): Map<string, ResourceUsage> {
  const result = new Map<string, Record<string, number | undefined>>();
  for (const rule of profile.rules) {
    const matched = records.filter((r) => ruleMatches(rule.match, r));
    for (const record of matched) {
      const usage = (result.get(record.urn) ?? {}) as Record<string, number | undefined>;
      for (const [k, v] of Object.entries(rule.usage)) usage[k] = rule.shared && v !== undefined ? round(v / matched.length, 9) : v;
      result.set(record.urn, usage);
    }
  }
  return result;
}
