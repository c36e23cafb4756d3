/**
 * The usage assumptions a stack's cost estimate rests on (`cutlist:usage`), where the seed is
 * silent: busy hours, response sizes, cache hit rates, jobs per user… Each is named, with its
 * reasoning, its default and its range. The program itself ignores them; the plan and the
 * cost policies derive a usage profile from them (`stacks/usageProfile.ts`).
 */
import { describeValue, suggest } from "./problems";

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
  /**
   * Share of API requests that go to the cacheable paths (`cdn.cacheableApiPaths`: public
   * catalogue and shared-list reads): what CloudFront carries when it routes only those.
   */
  readonly cacheable_api_request_share: number;
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
  /** Cache commands per request (a read, sometimes a write), each of up to 1 KB: one ElastiCache Processing Unit each on a serverless cache. */
  readonly cache_ops_per_request: number;
  /**
   * Database queries per request that reach the database (after the app's own in-process
   * caching). With the CPU per query below it sets the CU the load needs: Neon's autoscaler
   * follows that demand, so the bill follows the load, not the configured maximum.
   */
  readonly db_queries_per_request: number;
  /** CPU milliseconds per query on a Neon compute (1 CU = 1 vCPU): indexed OLTP reads and writes. */
  readonly db_cpu_ms_per_query: number;
  /** CPU share the autoscaler keeps a compute at before it grows (demand CU = CPU needed ÷ this). */
  readonly db_target_utilization: number;
  /** Share of database queries a managed cache (Redis/Valkey) absorbs: the seed's "Redis caching reducing DB load by 30%". */
  readonly cache_db_offload_share: number;
  /** Share of all queries the read replicas take when there are any (reads routed to them), split evenly among them. */
  readonly replica_read_share: number;
  /** Average result size of a query, KB: what the database sends the app (Neon bills egress). */
  readonly db_result_kb_per_query: number;
  /** Share of the database rewritten per day: sets the instant-restore history Neon keeps (size × share × days). */
  readonly db_daily_change_share: number;
  /**
   * Expected discount of Spot instances off on-demand, percent (AWS: "up to 90 %", commonly
   * 60-70 % for burstable Graviton types; it varies by pool and hour, so it is an assumption to
   * replace with your account's Spot price history). Used where a fleet runs on Spot.
   */
  readonly spot_discount_percent: number;
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
  cacheable_api_request_share: 0.15,
  cdn_origin_miss_share: 0.02,
  requests_per_connection: 10,
  connections_per_user: 2,
  log_bytes_per_request: 100,
  database_storage_share: 0.5,
  static_assets_gb: 0.5,
  cache_dataset_gb: 0.25,
  cache_ops_per_request: 2,
  db_queries_per_request: 2,
  db_cpu_ms_per_query: 2,
  db_target_utilization: 0.6,
  cache_db_offload_share: 0.3,
  replica_read_share: 0.5,
  db_result_kb_per_query: 0.5,
  db_daily_change_share: 0.02,
  spot_discount_percent: 60,
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
 * The range each assumption may take: fractions and shares 0 to 1, hours within a day, and
 * ceilings far above any real app that keep the estimate's arithmetic finite (a response of
 * 1e308 KB is a typo, not a workload).
 */
export const USAGE_ASSUMPTION_LIMITS: Readonly<Record<keyof UsageAssumptions, { readonly min: number; readonly max: number }>> = {
  busy_hours_per_day: { min: 0, max: 24 },
  busy_hour_load_fraction: { min: 0, max: 1 },
  quiet_hours_per_day: { min: 0, max: 24 },
  off_peak_load_fraction: { min: 0, max: 1 },
  average_response_kb: { min: 0, max: 100_000 },
  static_request_share: { min: 0, max: 1 },
  static_byte_share: { min: 0, max: 1 },
  api_cache_hit_share: { min: 0, max: 1 },
  cacheable_api_request_share: { min: 0, max: 1 },
  cdn_origin_miss_share: { min: 0, max: 1 },
  // A divisor: at least one request per connection.
  requests_per_connection: { min: 1, max: 1_000_000 },
  connections_per_user: { min: 0, max: 1_000 },
  log_bytes_per_request: { min: 0, max: 1_000_000 },
  database_storage_share: { min: 0, max: 1 },
  static_assets_gb: { min: 0, max: 1_000_000 },
  cache_dataset_gb: { min: 0, max: 100_000 },
  cache_ops_per_request: { min: 0, max: 1_000 },
  db_queries_per_request: { min: 0, max: 1_000 },
  db_cpu_ms_per_query: { min: 0, max: 10_000 },
  // A divisor: at least 5 % busy.
  db_target_utilization: { min: 0.05, max: 1 },
  cache_db_offload_share: { min: 0, max: 1 },
  replica_read_share: { min: 0, max: 1 },
  db_result_kb_per_query: { min: 0, max: 100_000 },
  db_daily_change_share: { min: 0, max: 1 },
  spot_discount_percent: { min: 0, max: 90 },
  jobs_per_user_per_month: { min: 0, max: 1_000_000 },
  requests_per_job: { min: 0, max: 10_000 },
  empty_receives_per_worker_hour: { min: 0, max: 1_000_000 },
  file_uploads_per_user_per_month: { min: 0, max: 1_000_000 },
  file_downloads_per_user_per_month: { min: 0, max: 1_000_000 },
  nat_data_processed_gb: { min: 0, max: 10_000_000 },
  experiment_runs_per_month: { min: 0, max: 10_000 },
  action_minutes_per_run: { min: 0, max: 1_440 },
};

/**
 * Checks a stack's `cutlist:usage` (assumption overrides for the estimate): known keys only,
 * finite numbers ≥ 0, shares and fractions at most 1, busy + quiet hours at most 24.
 * Returns the overrides and one line per problem, naming `key.<assumption>`.
 */
export function checkUsageAssumptions(raw: unknown, key: string): { assumptions: Partial<UsageAssumptions>; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { assumptions: {}, problems: [`${key}: ${describeValue(raw)} is not allowed: must be a mapping of usage assumptions (stacks/usageAssumptions.ts), e.g. { busy_hour_load_fraction: 0.5 }`] };
  }
  const known = Object.keys(DEFAULT_USAGE_ASSUMPTIONS);
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!known.includes(name)) {
      const hint = suggest(name, known);
      problems.push(`${key}.${name}: unknown usage assumption${hint ? `; did you mean "${hint}"?` : ""} Allowed: ${known.join(", ")}`);
      continue;
    }
    const { min, max } = USAGE_ASSUMPTION_LIMITS[name as keyof UsageAssumptions];
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      problems.push(`${key}.${name}: ${describeValue(value)} is not allowed: must be a number from ${min} to ${max} (default ${DEFAULT_USAGE_ASSUMPTIONS[name as keyof UsageAssumptions]})`);
      continue;
    }
    out[name] = value;
  }
  const busy = out.busy_hours_per_day ?? DEFAULT_USAGE_ASSUMPTIONS.busy_hours_per_day;
  const quiet = out.quiet_hours_per_day ?? DEFAULT_USAGE_ASSUMPTIONS.quiet_hours_per_day;
  if (busy + quiet > 24) problems.push(`${key}: busy_hours_per_day (${busy}) + quiet_hours_per_day (${quiet}) is ${busy + quiet}, more than the 24 hours of a day`);
  return { assumptions: out as Partial<UsageAssumptions>, problems };
}

