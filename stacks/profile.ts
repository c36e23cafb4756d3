/**
 * Resolves a milestone plus the stack's `cutlist:overrides` into one `ScaleProfile` and
 * checks it: first field by field against a JSON schema (types, ranges, enums, unknown keys),
 * then across fields (max ≥ min, cluster mode needs shards, Neon CU rules, …). Every problem
 * becomes one message that names the key, the value and what is allowed.
 */
import Ajv, { type ErrorObject } from "ajv";
import { CACHE_DEPLOYMENTS, CACHE_ENGINE_VERSIONS, CACHE_ENGINES, CACHE_MAINTENANCE_WINDOW, CACHE_MIN_SNAPSHOT_WINDOW_MINUTES, CACHE_TIERS } from "../components/cacheSpec";
import { CDN_API_ROUTINGS, CDN_MODES, CDN_PRICE_CLASSES, CDN_PRICING_PLANS } from "../components/cdnSpec";
import { DRILL_IDS } from "../components/drillsSpec";
import { NEON_CU_SIZES, NEON_MAX_CU_SPREAD, NEON_PLAN_MAX_CU, NEON_PLAN_MAX_HISTORY_HOURS, NEON_PLANS, POSTGRES_VERSIONS } from "../components/neon/limits";
import { LOG_RETENTION_DAYS } from "../components/observabilitySpec";
import { S3_MIN_DAYS_BEFORE_IA } from "../components/storageSpec";
import { MILESTONES, type MilestoneId, type MilestoneSpec, type Overrides } from "./milestones";
import { describeValue, ConfigError, suggest } from "./problems";

/** A milestone's spec after overrides: what the program builds. */
export type ScaleProfile = MilestoneSpec;

type Schema = Record<string, unknown>;
const int = (minimum: number, maximum: number): Schema => ({ type: "integer", minimum, maximum });
const num = (minimum: number, maximum: number): Schema => ({ type: "number", minimum, maximum });
const oneOf = (values: readonly (string | number)[]): Schema => ({ enum: [...values] });
const bool: Schema = { type: "boolean" };
const nullable = (s: Schema): Schema => ({ ...s, type: [s.type as string, "null"] });
const str = (pattern: string, description: string): Schema => ({ type: "string", pattern, description });
const obj = (properties: Record<string, Schema>): Schema => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

const INSTANCE_TYPE = str("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", 'an EC2 instance type such as "t4g.small"');

/** The schema of a resolved profile (everything but id and title). */
export const PROFILE_SCHEMA: Schema = obj({
  network: obj({
    cidrBlock: str("^10\\.\\d{1,3}\\.0\\.0/16$", 'a /16 in 10.0.0.0/8 such as "10.40.0.0/16"'),
    availabilityZones: int(2, 3),
    natGateway: bool,
  }),
  app: obj({
    instanceType: INSTANCE_TYPE,
    minInstances: int(1, 100),
    maxInstances: int(1, 100),
    loadBalancer: bool,
    rootVolumeGb: int(8, 1024),
    autoscaling: obj({
      cpuTargetPercent: nullable(int(10, 95)),
      requestsPerTargetPerMinute: nullable(int(1, 1_000_000)),
      warmupSeconds: int(0, 3600),
      cooldownSeconds: int(0, 3600),
    }),
  }),
  cache: obj({
    tier: oneOf(CACHE_TIERS),
    engine: oneOf(CACHE_ENGINES),
    engineVersion: str("^\\d+\\.\\d+$", 'an engine version such as "8.0"'),
    nodeType: str("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", 'an ElastiCache node type such as "cache.t4g.micro"'),
    shards: int(1, 500),
    replicasPerShard: int(0, 5),
    snapshotRetentionDays: int(0, 35),
    snapshotWindow: str("^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d$", 'a UTC window "hh:mm-hh:mm" such as "03:00-04:00"'),
    deployment: oneOf(CACHE_DEPLOYMENTS),
    serverlessMaxDataGb: int(1, 5000),
    serverlessMaxEcpuPerSecond: int(1000, 15_000_000),
  }),
  cdn: obj({
    mode: oneOf(CDN_MODES),
    priceClass: oneOf(CDN_PRICE_CLASSES),
    staticTtlSeconds: int(0, 31_536_000),
    apiTtlSeconds: int(0, 86_400),
    apiRouting: oneOf(CDN_API_ROUTINGS),
    cacheableApiPaths: {
      type: "array",
      items: { type: "string", pattern: "^/api/[A-Za-z0-9_.~/-]*\\*?$" },
      uniqueItems: true,
      maxItems: 20,
      description: 'a list of distinct API path patterns such as ["/api/catalog/*"]',
    },
    edgeFunction: bool,
    pricingPlan: oneOf(CDN_PRICING_PLANS),
  }),
  database: obj({
    plan: oneOf(NEON_PLANS),
    region: str("^(aws|azure)-[a-z0-9-]+$", 'a Neon region id such as "aws-us-east-1"'),
    postgresVersion: oneOf(POSTGRES_VERSIONS),
    minCu: oneOf(NEON_CU_SIZES),
    maxCu: oneOf(NEON_CU_SIZES),
    scaleToZero: bool,
    readReplicas: int(0, 5),
    replicaMinCu: oneOf(NEON_CU_SIZES),
    replicaMaxCu: oneOf(NEON_CU_SIZES),
    poolSizePerInstance: int(1, 1000),
    usePooler: bool,
    historyRetentionHours: int(0, 720),
  }),
  queue: obj({
    enabled: bool,
    visibilityTimeoutSeconds: int(0, 43_200),
    messageRetentionDays: int(1, 14),
    maxReceiveCount: int(1, 1000),
    workerInstanceType: INSTANCE_TYPE,
    minWorkers: int(0, 50),
    maxWorkers: int(0, 50),
    backlogPerWorker: int(1, 100_000),
    workerSpotInstanceTypes: { type: "array", items: INSTANCE_TYPE, uniqueItems: true, maxItems: 20, description: 'a list of distinct EC2 instance types such as ["t4g.small", "t4g.medium"] (empty: on demand)' },
  }),
  storage: obj({
    userFiles: bool,
    versioning: bool,
    noncurrentVersionExpirationDays: int(1, 3650),
    infrequentAccessAfterDays: int(0, 3650),
  }),
  observability: obj({
    logRetentionDays: oneOf(LOG_RETENTION_DAYS),
    dashboard: bool,
  }),
  slo: obj({
    availability: { type: "number", exclusiveMinimum: 0.9, exclusiveMaximum: 1, description: "a fraction above 0.9 and below 1, such as 0.995" },
    p95LatencyMs: int(1, 60_000),
    errorRate: { type: "number", exclusiveMinimum: 0, maximum: 0.5, description: "a fraction above 0 and at most 0.5, such as 0.01" },
  }),
  resilience: obj({
    drills: {
      type: "array",
      items: oneOf(DRILL_IDS),
      uniqueItems: true,
      description: `a list of distinct drill ids from ${DRILL_IDS.map((d) => JSON.stringify(d)).join(", ")}`,
    },
    faultMinutes: int(1, 60),
  }),
  capacity: obj({
    users: int(1, 10_000_000),
    requestsPerSecond: num(0.01, 1_000_000),
    peakRequestsPerSecond: num(0.01, 1_000_000),
    dbConnections: int(1, 100_000),
    storageGb: num(0, 1_000_000),
  }),
  costBand: obj({
    minUsd: num(0, 1_000_000),
    maxUsd: num(0, 1_000_000),
    approvedUsd: num(0, 1_000_000),
  }),
});

// The schema is a constant checked against the JSON-schema meta-schema by the tests
// (test/stacks/config.test.ts); skipping that check here saves ~20 ms of every start.
const ajv = new Ajv({ allErrors: true, strict: true, validateSchema: false });
const validateProfileSchema = ajv.compile(PROFILE_SCHEMA);

/** Schema node at a dotted path, for describing what is allowed there. */
function schemaAt(path: string[]): Schema | undefined {
  let node: Schema | undefined = PROFILE_SCHEMA;
  for (const key of path) {
    // List elements (`resilience.drills.0`) are described by the list's `items`.
    node = /^\d+$/.test(key) && node?.items ? (node.items as Schema) : (node?.properties as Record<string, Schema> | undefined)?.[key];
  }
  return node;
}

/** Human description of what a schema node allows. */
export function describeAllowed(schema: Schema | undefined): string {
  if (!schema) return "a known key";
  if (typeof schema.description === "string") return schema.description;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  const types = ([] as unknown[]).concat(schema.type);
  const orNull = types.includes("null") ? ", or null" : "";
  if (types.includes("object")) return `an object with keys ${Object.keys(schema.properties as object).join(", ")}`;
  if (types.includes("boolean")) return "true or false";
  if (types.includes("integer")) return `an integer from ${schema.minimum} to ${schema.maximum}${orNull}`;
  if (types.includes("number")) return `a number from ${schema.minimum} to ${schema.maximum}${orNull}`;
  return String(types.join(" or "));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep merge of plain objects; any other value in `over` replaces the base value. */
function merge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/** True when `path` was set by the overrides (so messages can name `cutlist:overrides.…`). */
function overridden(overrides: unknown, path: string[]): boolean {
  let node = overrides;
  for (const key of path) {
    if (!(isPlainObject(node) || Array.isArray(node)) || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Resolves `milestone` + `overrides` into a checked profile.
 * Throws `ConfigError` listing every problem.
 */
export function resolveProfile(milestone: MilestoneId, overrides: Overrides | unknown = {}): ScaleProfile {
  const base = MILESTONES[milestone];
  const { id, title, ...spec } = base;
  const keyOf = (path: string[]): string =>
    overridden(overrides, path) ? `cutlist:overrides.${path.join(".")}` : `${milestone} catalog ${path.join(".")}`;

  if (!isPlainObject(overrides)) {
    throw new ConfigError([
      `cutlist:overrides: ${describeValue(overrides)} is not allowed: must be ${describeAllowed(PROFILE_SCHEMA)}`,
    ]);
  }
  const merged = merge(spec, overrides) as Omit<MilestoneSpec, "id" | "title">;
  const problems: string[] = [];
  if (!validateProfileSchema(merged)) {
    problems.push(...schemaProblems(validateProfileSchema.errors ?? [], merged, keyOf));
  }
  if (problems.length === 0) problems.push(...consistencyProblems(merged, keyOf, (path) => overridden(overrides, path)));
  if (problems.length > 0) throw new ConfigError(problems);
  return { id, title, ...merged };
}

function valueAt(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function schemaProblems(errors: ErrorObject[], merged: unknown, keyOf: (p: string[]) => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const path = e.instancePath.split("/").filter(Boolean).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (e.keyword === "additionalProperties") {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const full = [...path, key];
      if (seen.has(full.join("."))) continue;
      seen.add(full.join("."));
      const known = Object.keys((schemaAt(path)?.properties as object) ?? {});
      const hint = suggest(key, known);
      out.push(
        `cutlist:overrides.${full.join(".")}: unknown key${hint ? `; did you mean "${hint}"?` : ""} Allowed keys here: ${known.join(", ")}`,
      );
      continue;
    }
    if (e.keyword === "required") continue; // a base catalog value always exists; only overrides can remove it
    const id = path.join(".");
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(`${keyOf(path)}: ${describeValue(valueAt(merged, path))} is not allowed: must be ${describeAllowed(schemaAt(path))}`);
  }
  return out;
}

/**
 * Cross-field rules on a profile whose fields are each valid. A rule involves several keys;
 * its message is filed under the ones the overrides set (the user's change caused it) and
 * states every value involved.
 */
function consistencyProblems(p: Omit<MilestoneSpec, "id" | "title">, keyOf: (path: string[]) => string, isOverridden: (path: string[]) => boolean): string[] {
  const out: string[] = [];
  const { app, cache, cdn, database: db, queue, storage } = p;
  const fail = (keys: string[], text: string) => {
    const paths = keys.map((k) => k.split("."));
    const blamed = paths.filter(isOverridden);
    out.push(`${(blamed.length ? blamed : paths.slice(0, 1)).map(keyOf).join(", ")}: ${text}`);
  };

  if (app.maxInstances < app.minInstances) {
    fail(["app.maxInstances", "app.minInstances"], `app.maxInstances ${app.maxInstances} is below app.minInstances ${app.minInstances}; maxInstances must be at least minInstances`);
  }
  if (!app.loadBalancer && app.maxInstances > 1) {
    fail(["app.maxInstances", "app.loadBalancer"], `app.maxInstances ${app.maxInstances} needs app.loadBalancer true, got false (more than one instance must sit behind an ALB); use maxInstances 1 or loadBalancer true`);
  }
  if (!app.loadBalancer && app.autoscaling.requestsPerTargetPerMinute !== null) {
    fail(["app.autoscaling.requestsPerTargetPerMinute", "app.loadBalancer"], `app.autoscaling.requestsPerTargetPerMinute ${app.autoscaling.requestsPerTargetPerMinute} needs app.loadBalancer true, got false (the metric comes from the ALB); use null or add the ALB`);
  }

  if (cache.tier === "single" && (cache.shards !== 1 || cache.replicasPerShard !== 0)) {
    fail(["cache.tier", "cache.shards", "cache.replicasPerShard"], `cache.tier "single" needs cache.shards 1 and cache.replicasPerShard 0, got ${cache.shards} and ${cache.replicasPerShard}; use tier "replicated" or "cluster" for more nodes`);
  }
  if (cache.tier === "replicated" && cache.shards !== 1) {
    fail(["cache.shards", "cache.tier"], `cache.shards ${cache.shards} is not allowed for cache.tier "replicated": must be 1; use tier "cluster" for shards`);
  }
  if (cache.tier === "replicated" && cache.replicasPerShard < 1) {
    fail(["cache.replicasPerShard", "cache.tier"], `cache.replicasPerShard 0 is not allowed for cache.tier "replicated": must be 1 to 5 (automatic failover needs a replica)`);
  }
  if (cache.tier === "cluster" && cache.shards < 2) {
    fail(["cache.shards", "cache.tier"], `cache.shards ${cache.shards} is not allowed for cache.tier "cluster": cluster mode needs at least 2 shards`);
  }
  if (cache.deployment === "serverless" && (cache.tier === "none" || cache.tier === "single")) {
    fail(["cache.deployment", "cache.tier"], `cache.deployment "serverless" is not allowed for cache.tier "${cache.tier}": serverless is a choice for the "replicated" and "cluster" tiers (it always replicates across zones)`);
  }
  if (cache.deployment === "serverless") {
    for (const [i, drill] of p.resilience.drills.entries()) {
      if (drill === "failover-cache-primary" || drill === "interrupt-cache-az") {
        fail(["resilience.drills", "cache.deployment"], `resilience.drills[${i}] "${drill}" needs a node-based cache (cache.deployment "nodes"); a serverless cache has no nodes to fail over: use "disrupt-cache-network"`);
      }
    }
  }
  const versions = CACHE_ENGINE_VERSIONS[cache.engine];
  if (cache.tier !== "none" && !versions.pattern.test(cache.engineVersion)) {
    fail(["cache.engineVersion", "cache.engine"], `cache.engineVersion "${cache.engineVersion}" is not allowed for cache.engine "${cache.engine}": must be ${versions.allowed}`);
  }

  const apiModes = cdn.mode === "static-api" || cdn.mode === "edge";
  if (apiModes && cdn.apiRouting === "none") {
    fail(["cdn.apiRouting", "cdn.mode"], `cdn.apiRouting "none" is not allowed for cdn.mode "${cdn.mode}": the mode caches API responses, so CloudFront must carry "cacheable" paths or "all" of /api/*`);
  }
  if (!apiModes && cdn.apiRouting !== "none") {
    fail(["cdn.apiRouting", "cdn.mode"], `cdn.apiRouting "${cdn.apiRouting}" is not allowed for cdn.mode "${cdn.mode}": only "static-api" and "edge" route API requests through CloudFront; use "none"`);
  }
  if (cdn.apiRouting === "cacheable" && cdn.cacheableApiPaths.length === 0) {
    fail(["cdn.cacheableApiPaths", "cdn.apiRouting"], `cdn.cacheableApiPaths [] is not allowed with cdn.apiRouting "cacheable": name at least one path such as "/api/catalog/*"`);
  }
  if (cdn.edgeFunction && cdn.mode !== "edge") {
    fail(["cdn.edgeFunction", "cdn.mode"], `cdn.edgeFunction true is not allowed for cdn.mode "${cdn.mode}": the function is part of edge mode; use mode "edge" or false`);
  }
  if (cdn.mode === "none" && cdn.pricingPlan !== "pay-as-you-go") {
    fail(["cdn.pricingPlan", "cdn.mode"], `cdn.pricingPlan "${cdn.pricingPlan}" is not allowed for cdn.mode "none": there is no distribution to put on a plan`);
  }
  if ((cdn.mode === "static-api" || cdn.mode === "edge") && !app.loadBalancer) {
    fail(["cdn.mode", "app.loadBalancer"], `cdn.mode "${cdn.mode}" needs app.loadBalancer true, got false (the ALB is the /api/* origin); use "static" or add the ALB`);
  }

  const planMax = NEON_PLAN_MAX_CU[db.plan];
  const cuRange = (minKey: "minCu" | "replicaMinCu", maxKey: "maxCu" | "replicaMaxCu") => {
    const min = db[minKey];
    const max = db[maxKey];
    const keys = [`database.${maxKey}`, `database.${minKey}`];
    if (max < min) fail(keys, `database.${maxKey} ${max} is below database.${minKey} ${min}; ${maxKey} must be at least ${minKey}`);
    else if (max - min > NEON_MAX_CU_SPREAD) fail(keys, `database.${maxKey} ${max} is ${max - min} CU above database.${minKey} ${min}; Neon allows a spread of at most ${NEON_MAX_CU_SPREAD} CU`);
    if (max > planMax) fail([`database.${maxKey}`, "database.plan"], `database.${maxKey} ${max} CU is over the ${db.plan} plan's maximum of ${planMax} CU`);
  };
  cuRange("minCu", "maxCu");
  if (db.readReplicas > 0) cuRange("replicaMinCu", "replicaMaxCu");
  if (db.plan === "free" && !db.scaleToZero) {
    fail(["database.scaleToZero", "database.plan"], `database.scaleToZero false is not allowed on the free plan: Free computes always scale to zero after 5 minutes`);
  }
  if (db.historyRetentionHours > NEON_PLAN_MAX_HISTORY_HOURS[db.plan]) {
    fail(["database.historyRetentionHours", "database.plan"], `database.historyRetentionHours ${db.historyRetentionHours} is over the ${db.plan} plan's maximum of ${NEON_PLAN_MAX_HISTORY_HOURS[db.plan]} hours`);
  }

  if (cache.tier !== "none" && cache.snapshotRetentionDays > 0) {
    const [start, end] = cache.snapshotWindow.split("-").map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));
    const length = (end - start + 1440) % 1440;
    const covers = (minute: number) => (minute - start + 1440) % 1440 < length;
    if (length < CACHE_MIN_SNAPSHOT_WINDOW_MINUTES) {
      fail(["cache.snapshotWindow"], `cache.snapshotWindow "${cache.snapshotWindow}" is ${length} minutes long; ElastiCache needs a window of at least ${CACHE_MIN_SNAPSHOT_WINDOW_MINUTES} minutes`);
    } else if (covers(CACHE_MAINTENANCE_WINDOW.startMinute) || covers(CACHE_MAINTENANCE_WINDOW.endMinute - 1) || (start >= CACHE_MAINTENANCE_WINDOW.startMinute && start < CACHE_MAINTENANCE_WINDOW.endMinute)) {
      fail(["cache.snapshotWindow"], `cache.snapshotWindow "${cache.snapshotWindow}" overlaps the cache maintenance window (${CACHE_MAINTENANCE_WINDOW.label}); ElastiCache rejects overlapping windows`);
    }
  }
  for (const [i, drill] of p.resilience.drills.entries()) {
    const key = [`resilience.drills`];
    if (drill === "failover-cache-primary" && cache.tier !== "replicated") {
      fail([...key, "cache.tier"], `resilience.drills[${i}] "failover-cache-primary" needs cache.tier "replicated" (a primary with a replica, cluster mode off), got "${cache.tier}"; use "interrupt-cache-az" in cluster mode`);
    }
    if (drill === "interrupt-cache-az" && !((cache.tier === "replicated" || cache.tier === "cluster") && cache.replicasPerShard > 0)) {
      fail([...key, "cache.tier"], `resilience.drills[${i}] "interrupt-cache-az" needs a Multi-AZ cache (cache.tier "replicated" or "cluster" with replicas), got tier "${cache.tier}" with ${cache.replicasPerShard} replicas per shard`);
    }
    if (drill === "disrupt-cache-network" && cache.tier === "none") {
      fail([...key, "cache.tier"], `resilience.drills[${i}] "disrupt-cache-network" needs a cache (cache.tier other than "none"): it cuts the cache's subnets off`);
    }
  }

  if (queue.enabled && queue.maxWorkers < 1) {
    fail(["queue.maxWorkers", "queue.enabled"], `queue.maxWorkers ${queue.maxWorkers} is not allowed with queue.enabled true: must be at least 1`);
  }
  if (queue.enabled && queue.maxWorkers < queue.minWorkers) {
    fail(["queue.maxWorkers", "queue.minWorkers"], `queue.maxWorkers ${queue.maxWorkers} is below queue.minWorkers ${queue.minWorkers}; maxWorkers must be at least minWorkers`);
  }
  if (storage.infrequentAccessAfterDays > 0 && storage.infrequentAccessAfterDays < S3_MIN_DAYS_BEFORE_IA) {
    fail(["storage.infrequentAccessAfterDays"], `storage.infrequentAccessAfterDays ${storage.infrequentAccessAfterDays} is not allowed: S3 moves objects to Standard-IA after ${S3_MIN_DAYS_BEFORE_IA} days at the earliest; use 0 (never) or ${S3_MIN_DAYS_BEFORE_IA} or more`);
  }
  if (p.capacity.peakRequestsPerSecond < p.capacity.requestsPerSecond) {
    fail(["capacity.peakRequestsPerSecond", "capacity.requestsPerSecond"], `capacity.peakRequestsPerSecond ${p.capacity.peakRequestsPerSecond} is below capacity.requestsPerSecond ${p.capacity.requestsPerSecond}; the peak must be at least the sustained rate`);
  }
  if (p.costBand.maxUsd < p.costBand.minUsd) {
    fail(["costBand.maxUsd", "costBand.minUsd"], `costBand.maxUsd ${p.costBand.maxUsd} is below costBand.minUsd ${p.costBand.minUsd}; maxUsd must be at least minUsd`);
  }
  return out;
}
