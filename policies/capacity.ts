/**
 * Capacity policies: the web tier covers the milestone's traffic, groups that can scale have
 * a target-tracking policy, the app's database connections fit, Neon plan limits hold, and
 * the cache tier is the one the milestone calls for.
 *
 * Targets come from the milestone catalog (`stacks/milestones.ts`, plain data) for the
 * milestone the resources are tagged with, or from policy config; load-test figures
 * (requests/s per instance, headroom) are config with the catalog's documented defaults.
 *
 * The targets are this repository's: on another program (policies/ours.ts) each policy is not
 * applicable until its config gives it a target, and a `milestone` tag there means nothing.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  checkConnectionBudget,
  validateComputeRange,
  validateHistoryRetention,
  validateSuspendTimeout,
} from "../components/neon/validation";
import { CACHE_TIERS, type CacheTier } from "../components/cacheSpec";
import { NEON_CU_SIZES, NEON_PLANS, NEON_POOLER_MAX_CLIENT_CONNECTIONS, type NeonPlan } from "../components/neon/limits";
import { DEFAULT_CAPACITY_ASSUMPTIONS, MILESTONES, type MilestoneId } from "../stacks/milestones";
import {
  asArray,
  asObject,
  asNumber,
  configOf,
  MILESTONE_CONFIG,
  milestoneTag,
  plain,
  resolveMilestone,
  T,
  tagsOf,
  type ConfigSchema,
} from "./util";
import { stackCapacity, stackCost } from "./cost";
import { registerPolicy } from "./registry";
import { foreignReason, isOurStack } from "./ours";

// ---------------------------------------------------------------------------------------------
// Web tier throughput

export interface FleetThroughputConfig {
  readonly rpsPerInstance?: number;
  readonly rpsByInstanceType?: Readonly<Record<string, number>>;
  readonly headroom: number;
  readonly requestsPerSecond?: number;
  readonly peakRequestsPerSecond?: number;
  readonly milestone?: MilestoneId;
  readonly webComponent: string;
}

const FLEET_SCHEMA: ConfigSchema = {
  properties: {
    rpsPerInstance: {
      type: "number",
      minimum: 1,
      description: "Requests per second one web instance serves within the latency objective, whatever its type (from your load test). Default: rpsByInstanceType for the group's instance type.",
    },
    rpsByInstanceType: {
      type: "object",
      additionalProperties: { type: "number", minimum: 1 },
      description: "Requests per second per instance type, on top of the catalog's table (t4g.small 200 from the seed's 2x-baseline test; others scaled by vCPU, stacks/milestones.ts INSTANCE_THROUGHPUT_RPS).",
    },
    headroom: { type: "number", minimum: 1, default: DEFAULT_CAPACITY_ASSUMPTIONS.headroom, description: "Factor the minimum fleet must exceed the sustained rate by (1.2 = 20 %)." },
    requestsPerSecond: { type: "number", minimum: 0, description: "Sustained rate to cover at minimum. Default: the milestone's capacity.requestsPerSecond." },
    peakRequestsPerSecond: { type: "number", minimum: 0, description: "Peak rate to cover at maximum. Default: the milestone's capacity.peakRequestsPerSecond." },
    milestone: MILESTONE_CONFIG,
    webComponent: { type: "string", default: "app", description: "Value of the `component` tag that marks the web tier's Auto Scaling group." },
  },
};

/** The instance type a group launches: its launch template's (through a dependency), or the first mixed-instances override. */
function instanceTypeOf(asg: PolicyResource): string | undefined {
  const props = plain<Record<string, unknown>>(asg.props);
  const override = asObject(asArray(asObject(asObject(props.mixedInstancesPolicy)?.launchTemplate)?.overrides)[0])?.instanceType;
  if (typeof override === "string") return override;
  const template = asg.dependencies.find((d) => d.type === T.launchTemplate);
  const type = template ? plain<Record<string, unknown>>(template.props).instanceType : undefined;
  return typeof type === "string" ? type : undefined;
}

export const capacityFleetThroughput: StackValidationPolicy = registerPolicy("capacity", {
  name: "capacity-fleet-throughput",
  description: "The web tier's Auto Scaling group serves the milestone's sustained rate with headroom at its minimum size and its peak rate at its maximum size (instances × requests/s one instance of its type serves).",
  enforcementLevel: "mandatory",
  configSchema: FLEET_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<FleetThroughputConfig>(FLEET_SCHEMA, args);
    const groups = args.resources.filter((r) => {
      if (r.type !== T.asg) return false;
      const props = plain<Record<string, unknown>>(r.props);
      const component = tagsOf(props)?.component;
      // The web tier: tagged as such; untagged programs: the group behind a load balancer.
      return component !== undefined ? component === cfg.webComponent : asArray(props.targetGroupArns).length > 0;
    });
    if (groups.length === 0) args.notApplicable("no web tier (no Auto Scaling group tagged component=app or behind a target group)");
    // The milestones' traffic targets are this repository's: another program names its own.
    const ours = isOurStack(args.resources);
    if (!ours && cfg.requestsPerSecond === undefined && cfg.peakRequestsPerSecond === undefined && cfg.milestone === undefined) {
      args.notApplicable(foreignReason(groups[0].urn, "capacity-fleet-throughput", ["requestsPerSecond", "peakRequestsPerSecond", "milestone"]));
    }
    const measured = ours ? stackCapacity(args.resources) : undefined;
    for (const asg of groups) {
      const props = plain<Record<string, unknown>>(asg.props);
      const milestone = cfg.milestone ?? (ours ? milestoneTag(props) : undefined);
      const target = cfg.requestsPerSecond ?? (milestone ? MILESTONES[milestone].capacity.requestsPerSecond : undefined);
      const peak = cfg.peakRequestsPerSecond ?? (milestone ? MILESTONES[milestone].capacity.peakRequestsPerSecond : undefined);
      if (target === undefined && peak === undefined) continue; // no traffic target: nothing to size against
      const type = instanceTypeOf(asg);
      if (type === undefined) continue; // the instance type is unknown at preview
      const per = cfg.rpsPerInstance ?? cfg.rpsByInstanceType?.[type] ?? measured?.rpsByInstanceType[type] ?? DEFAULT_CAPACITY_ASSUMPTIONS.rpsByInstanceType[type];
      if (per === undefined) {
        reportViolation(`Give the throughput of one ${type} instance (rpsByInstanceType.${type} in this policy's config, or cutlist:capacity.rpsByInstanceType, from a load test) so ${asg.name} can be sized; no figure is known for ${type}.`, asg.urn);
        continue;
      }
      const headroom = measured?.headroom ?? cfg.headroom;
      const src = milestone && cfg.requestsPerSecond === undefined ? ` (${milestone})` : "";
      const min = asNumber(props.minSize);
      if (min !== undefined && target !== undefined) {
        const needed = target * headroom;
        if (min * per < needed - 1e-9) {
          const instances = Math.ceil(needed / per - 1e-9);
          reportViolation(
            `Set minSize of ${asg.name} to at least ${instances} so the group serves ${target} rps${src} with ${headroom}× headroom at ${per} rps per ${type} (${needed} rps); minSize is ${min} (${min * per} rps).`,
            asg.urn,
          );
        }
      }
      const max = asNumber(props.maxSize);
      if (max !== undefined && peak !== undefined && max * per < peak - 1e-9) {
        const instances = Math.ceil(peak / per - 1e-9);
        reportViolation(`Set maxSize of ${asg.name} to at least ${instances} so the group absorbs the ${peak} rps peak${src} at ${per} rps per ${type}; maxSize is ${max} (${max * per} rps).`, asg.urn);
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Target tracking wherever a group can move

function isTargetTracking(p: PolicyResource): boolean {
  return plain<Record<string, unknown>>(p.props).policyType === "TargetTrackingScaling";
}

/** Scaling policies attached to `asg`: through a dependency, or by the group's literal name. */
function policiesOf(asg: PolicyResource, policies: readonly PolicyResource[]): PolicyResource[] {
  const name = plain<Record<string, unknown>>(asg.props).name;
  return policies.filter((p) => {
    if (p.dependencies.some((d) => d.urn === asg.urn)) return true;
    const target = plain<Record<string, unknown>>(p.props).autoscalingGroupName;
    return typeof name === "string" && target === name;
  });
}

const TRACKING_SCHEMA: ConfigSchema = {
  properties: {
    applyToOtherPrograms: { type: "boolean", default: false, description: "Also check programs that are not this repository's (by default only its own stacks are checked)." },
  },
};

export const capacityTargetTracking: StackValidationPolicy = registerPolicy("capacity", {
  name: "capacity-target-tracking",
  description: "Every Auto Scaling group whose maximum exceeds its minimum has a target-tracking scaling policy, so the room between them is used.",
  enforcementLevel: "mandatory",
  configSchema: TRACKING_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<{ applyToOtherPrograms: boolean }>(TRACKING_SCHEMA, args);
    if (!cfg.applyToOtherPrograms && !isOurStack(args.resources)) args.notApplicable(foreignReason(args.resources[0]?.urn, "capacity-target-tracking", ["applyToOtherPrograms"]));
    const groups = args.resources.filter((r) => r.type === T.asg);
    if (groups.length === 0) args.notApplicable("no Auto Scaling groups");
    const policies = args.resources.filter((r) => r.type === T.asgPolicy);
    for (const asg of groups) {
      const props = plain<Record<string, unknown>>(asg.props);
      const min = asNumber(props.minSize);
      const max = asNumber(props.maxSize);
      if (min === undefined || max === undefined || max <= min) continue;
      const attached = policiesOf(asg, policies);
      if (!attached.some(isTargetTracking)) {
        const found = attached.length ? `only ${attached.map((p) => `${p.name} (${JSON.stringify(plain<Record<string, unknown>>(p.props).policyType ?? "SimpleScaling")})`).join(", ")}` : "none";
        reportViolation(`Attach a TargetTrackingScaling policy to ${asg.name}, which can scale from ${min} to ${max} instances; scaling policies found: ${found}.`, asg.urn);
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Database connections

export interface DbConnectionsConfig {
  readonly poolSizePerInstance?: number;
  readonly usePooler?: boolean;
}

const DB_SCHEMA: ConfigSchema = {
  properties: {
    poolSizePerInstance: { type: "integer", minimum: 1, description: "Connections each app instance or worker may hold. Default: the `poolSizePerInstance` the cutlist:neon:Database component declares." },
    usePooler: { type: "boolean", description: "The app connects through Neon's pooler (`-pooler` host). Default: the component's `usePooler`." },
  },
};

/** The connection settings a `cutlist:neon:Database` component declares (its plain inputs). */
function declaredPool(project: PolicyResource): { poolSizePerInstance?: number; usePooler?: boolean } {
  for (let p = project.parent; p; p = p.parent) {
    if (p.type === T.neonDatabase) {
      const props = plain<Record<string, unknown>>(p.props);
      return {
        poolSizePerInstance: asNumber(props.poolSizePerInstance),
        usePooler: typeof props.usePooler === "boolean" ? props.usePooler : undefined,
      };
    }
  }
  return {};
}

export const capacityDbConnections: StackValidationPolicy = registerPolicy("capacity", {
  name: "capacity-db-connections",
  description: "The app's database connections at full scale (pool per instance × every instance and worker at maximum) fit the Neon compute's max_connections minus Neon's reserved ones at its minimum size, or go through the pooler.",
  enforcementLevel: "mandatory",
  configSchema: DB_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<DbConnectionsConfig>(DB_SCHEMA, args);
    const projects = args.resources.filter((r) => r.type === T.neonProject);
    if (projects.length === 0) args.notApplicable("no Neon project");
    if (cfg.poolSizePerInstance === undefined && !isOurStack(args.resources)) args.notApplicable(foreignReason(args.resources[0]?.urn, "capacity-db-connections", ["poolSizePerInstance"]));
    // Every instance that runs the app may hold a pool: Auto Scaling groups at maximum, plain instances.
    let instances = 0;
    for (const r of args.resources) {
      if (r.type === T.asg) {
        const max = asNumber(plain<Record<string, unknown>>(r.props).maxSize);
        if (max === undefined) args.notApplicable(`${r.name}: maxSize unknown`);
        instances += max!;
      } else if (r.type === T.instance) instances += 1;
    }
    for (const project of projects) {
      const props = plain<Record<string, unknown>>(project.props);
      const declared = declaredPool(project);
      const pool = cfg.poolSizePerInstance ?? declared.poolSizePerInstance;
      if (pool === undefined) args.notApplicable("pool size per instance unknown: set poolSizePerInstance in the policy config");
      const minCu = asNumber(props.minCu);
      if (minCu === undefined) continue;
      const usePooler = cfg.usePooler ?? declared.usePooler ?? false;
      const budget = checkConnectionBudget({ minCu, poolSizePerInstance: pool!, appMaxInstances: instances, usePooler });
      if (!budget.ok) {
        const where = usePooler
          ? `the pooler's ${NEON_POOLER_MAX_CLIENT_CONNECTIONS} client connections`
          : `${budget.available} direct connections at minCu ${minCu} CU (max_connections minus Neon's reserved), or use the pooler`;
        reportViolation(
          `Keep the app's database connections within ${where}; pool ${pool} × ${instances} instances at maximum = ${budget.needed}.`,
          project.urn,
        );
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Neon plan limits

export interface NeonLimitsConfig {
  readonly maxReadReplicas?: number;
  readonly milestone?: MilestoneId;
}

const NEON_SCHEMA: ConfigSchema = {
  properties: {
    maxReadReplicas: { type: "integer", minimum: 0, description: "Most read_only endpoints per project. Default: the milestone's database.readReplicas (m4: 1, else 0); no limit without a milestone." },
    milestone: MILESTONE_CONFIG,
  },
};

function isPlan(v: unknown): v is NeonPlan {
  return (NEON_PLANS as readonly unknown[]).includes(v);
}

/** Compute-size, suspend and history rules of `plan` for one project or endpoint (known values only). */
function planFailures(plan: NeonPlan, props: Record<string, unknown>, history: boolean): string[] {
  const out: string[] = [];
  if (props.minCu !== undefined && props.maxCu !== undefined) out.push(...validateComputeRange(plan, props.minCu, props.maxCu).map((f) => f.reason));
  if (props.suspendTimeoutSeconds !== undefined) out.push(...validateSuspendTimeout(plan, props.suspendTimeoutSeconds).map((f) => f.reason));
  if (history && props.historyRetentionSeconds !== undefined) out.push(...validateHistoryRetention(plan, props.historyRetentionSeconds).map((f) => f.reason));
  return out;
}

export const neonPlanLimits: StackValidationPolicy = registerPolicy("capacity", {
  name: "neon-plan-limits",
  description: "Neon projects and endpoints stay within their plan: compute sizes, the autoscaling maximum and the 8 CU spread, suspend timeout, history window; replicas use the project's plan and do not exceed the milestone's count.",
  enforcementLevel: "mandatory",
  configSchema: NEON_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<NeonLimitsConfig>(NEON_SCHEMA, args);
    const projects = args.resources.filter((r) => r.type === T.neonProject);
    const endpoints = args.resources.filter((r) => r.type === T.neonEndpoint);
    if (projects.length === 0 && endpoints.length === 0) args.notApplicable("no Neon projects or endpoints");
    const ours = isOurStack(args.resources);
    if (!ours && cfg.milestone === undefined && cfg.maxReadReplicas === undefined) args.notApplicable(foreignReason(args.resources[0]?.urn, "neon-plan-limits", ["milestone", "maxReadReplicas"]));
    const { milestone } = resolveMilestone(cfg.milestone, ours ? args.resources : []);
    const maxReplicas = cfg.maxReadReplicas ?? (milestone ? MILESTONES[milestone].database.readReplicas : undefined);
    const planOf = new Map<string, NeonPlan>();

    for (const project of projects) {
      const props = plain<Record<string, unknown>>(project.props);
      if (!isPlan(props.plan)) continue; // unknown plans are rejected by the provider's own check
      planOf.set(project.urn, props.plan);
      for (const reason of planFailures(props.plan, props, true)) reportViolation(`Keep ${project.name} within the Neon ${props.plan} plan: ${reason}.`, project.urn);
    }

    const replicasOf = new Map<string, PolicyResource[]>();
    for (const endpoint of endpoints) {
      const props = plain<Record<string, unknown>>(endpoint.props);
      const project = endpoint.dependencies.find((d) => d.type === T.neonProject);
      const projectPlan = project ? planOf.get(project.urn) : undefined;
      if (isPlan(props.plan)) {
        for (const reason of planFailures(props.plan, props, false)) reportViolation(`Keep ${endpoint.name} within the Neon ${props.plan} plan: ${reason}.`, endpoint.urn);
        if (projectPlan && props.plan !== projectPlan) {
          reportViolation(`Give ${endpoint.name} its project's plan ${JSON.stringify(projectPlan)}; it declares ${JSON.stringify(props.plan)}.`, endpoint.urn);
        }
      }
      if (props.type === "read_only") {
        const key = project?.urn ?? "";
        replicasOf.set(key, [...(replicasOf.get(key) ?? []), endpoint]);
      }
    }
    if (maxReplicas !== undefined) {
      for (const [projectUrn, replicas] of replicasOf) {
        if (replicas.length > maxReplicas) {
          const why = cfg.maxReadReplicas !== undefined ? "maxReadReplicas" : `the ${milestone} milestone`;
          reportViolation(
            `Keep read replicas at ${maxReplicas} or fewer (${why}); ${replicas.length} read_only endpoints are declared (${replicas.map((r) => r.name).join(", ")}).`,
            projectUrn || replicas[0].urn,
          );
        }
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Neon compute size at peak

export interface DbComputeConfig {
  readonly headroom: number;
  readonly milestone?: MilestoneId;
}

const DB_COMPUTE_SCHEMA: ConfigSchema = {
  properties: {
    headroom: { type: "number", minimum: 1, default: 1, description: "Factor the peak demand is multiplied by before it is compared with maxCu (the demand already keeps the CPU at the assumed target utilisation)." },
    milestone: MILESTONE_CONFIG,
  },
};

/**
 * The estimator holds each Neon compute's CU at its demand within [minCu, maxCu], so a maxCu
 * too small for the load looks cheap rather than slow: this guardrail makes it fail. The peak
 * demand is the usage profile's (`peak_demand_cu`: the milestone's peak requests per second ×
 * queries per request, less the cache's share, × CPU per query, at the target utilisation).
 */
export const capacityDbCompute: StackValidationPolicy = registerPolicy("capacity", {
  name: "capacity-db-compute",
  description: "Each Neon compute's autoscaling maximum (maxCu) holds the CU the milestone's peak load needs, by the usage profile's demand: below it queries queue at peak and latency breaks the SLO.",
  enforcementLevel: "mandatory",
  configSchema: DB_COMPUTE_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<DbComputeConfig>(DB_COMPUTE_SCHEMA, args);
    const computes = args.resources.filter((r) => r.type === T.neonProject || r.type === T.neonEndpoint);
    if (computes.length === 0) args.notApplicable("no Neon computes");
    const cost = stackCost(args.resources, { milestone: cfg.milestone });
    const byUrn = new Map(cost.estimate.resources.map((r) => [r.urn, r]));
    let known = 0;
    for (const compute of computes) {
      const peak = byUrn.get(compute.urn)?.usage?.peak_demand_cu;
      const maxCu = asNumber(plain<Record<string, unknown>>(compute.props).maxCu);
      if (peak === undefined || maxCu === undefined) continue;
      known++;
      const need = peak * cfg.headroom;
      if (need > maxCu + 1e-9) {
        const size = NEON_CU_SIZES.find((cu) => cu >= need - 1e-9);
        reportViolation(
          `Set maxCu of ${compute.name} to at least ${size ?? round2(need)} so it holds the peak load's ${round2(need)} CU${cfg.headroom === 1 ? "" : ` (${round2(peak)} CU × ${cfg.headroom} headroom)`}; maxCu is ${maxCu}.`,
          compute.urn,
        );
      }
    }
    if (known === 0) args.notApplicable("peak demand or maxCu unknown (no usage profile for this stack)");
  },
});

// ---------------------------------------------------------------------------------------------
// Neon Free plan allowances

export interface NeonFreeAllowanceConfig {
  readonly headroom: number;
  readonly milestone?: MilestoneId;
}

const NEON_FREE_SCHEMA: ConfigSchema = {
  properties: {
    headroom: { type: "number", minimum: 1, default: 1.2, description: "Factor the expected usage must stay under the allowance by (1.2: the expected month uses at most 1/1.2 of it), for a month busier than the average." },
    milestone: MILESTONE_CONFIG,
  },
};

/**
 * A Free project's computes stop when a month's usage passes its allowances (100 CU-hours, 5 GB
 * of egress, neon.com plans 2026-11-12): the site is down until the month ends. The expected
 * usage (the plan's estimate, which follows the load) with headroom must fit.
 */
export const neonFreePlanAllowance: StackValidationPolicy = registerPolicy("capacity", {
  name: "neon-free-plan-allowance",
  description: "A Neon project on the Free plan stays within its monthly allowances (100 CU-hours per project, 5 GB of egress) with headroom, by the plan's expected usage: past them Neon suspends the computes until the next month.",
  enforcementLevel: "mandatory",
  configSchema: NEON_FREE_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<NeonFreeAllowanceConfig>(NEON_FREE_SCHEMA, args);
    const free = args.resources.filter((r) => r.type === T.neonProject && plain<Record<string, unknown>>(r.props).plan === "free");
    if (free.length === 0) args.notApplicable("no Neon project on the Free plan");
    const cost = stackCost(args.resources, { milestone: cfg.milestone });
    const byUrn = new Map(cost.estimate.resources.map((r) => [r.urn, r]));
    for (const project of free) {
      // The project's own compute and every endpoint on it draw on one allowance.
      const computes = [project, ...args.resources.filter((r) => r.type === T.neonEndpoint && r.dependencies.some((d) => d.urn === project.urn))]
        .map((r) => byUrn.get(r.urn))
        .filter((e): e is NonNullable<typeof e> => e !== undefined);
      const cuHours = computes.reduce((n, e) => n + (e.metrics?.cu_hours ?? 0), 0);
      const egressGb = computes.reduce((n, e) => n + (e.metrics?.egress_gb ?? 0), 0);
      if (computes.every((e) => e.metrics?.cu_hours === undefined)) args.notApplicable(`${project.name}: compute usage unknown`);
      const cuLimit = NEON_FREE_ALLOWANCES.cuHours / cfg.headroom;
      if (cuHours > cuLimit + 1e-9) {
        // Hours without a database: the excess at the compute's average size while it runs.
        const activeHours = computes.reduce((n, e) => n + activeHoursOf(e.usage), 0);
        const averageCu = activeHours > 0 ? cuHours / activeHours : 0.25;
        const excess = Math.max(0, cuHours - NEON_FREE_ALLOWANCES.cuHours);
        const down = excess > 0
          ? `the computes would be suspended about ${Math.round(excess / averageCu)} hours a month (${round2(excess)} CU-hours past the allowance at ~${round2(averageCu)} CU)`
          : `no headroom for a busier month (${round2(NEON_FREE_ALLOWANCES.cuHours - cuHours)} CU-hours to spare)`;
        reportViolation(
          `Keep Neon project ${project.name} within the Free plan's ${NEON_FREE_ALLOWANCES.cuHours} CU-hours a month with ${cfg.headroom}× headroom (${round2(cuLimit)} CU-hours), or move it to the launch plan; it needs ${round2(cuHours)} CU-hours: ${down}.`,
          project.urn,
        );
      }
      const egressLimit = NEON_FREE_ALLOWANCES.egressGb / cfg.headroom;
      if (egressGb > egressLimit + 1e-9) {
        reportViolation(
          `Keep Neon project ${project.name} within the Free plan's ${NEON_FREE_ALLOWANCES.egressGb} GB of egress a month with ${cfg.headroom}× headroom (${round2(egressLimit)} GB), or move it to the launch plan; its query results need ${round2(egressGb)} GB, and the computes stop once the allowance is used.`,
          project.urn,
        );
      }
    }
  },
});

/** The Free plan's monthly allowances per project (neon.com plans, 2026-11-12). */
export const NEON_FREE_ALLOWANCES = { cuHours: 100, egressGb: 5 } as const;

function activeHoursOf(usage: Readonly<Record<string, number | undefined>> | undefined): number {
  if (!usage) return 0;
  if (usage.monthly_active_hours !== undefined) return usage.monthly_active_hours;
  return (usage.monthly_busy_hours ?? 0) + (usage.monthly_off_peak_hours ?? 0);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------------------------------------
// Cache tier

export interface CacheTierConfig {
  readonly tier?: CacheTier;
  readonly milestone?: MilestoneId;
}

const CACHE_SCHEMA: ConfigSchema = {
  properties: {
    tier: { type: "string", enum: [...CACHE_TIERS], description: "Cache tier the stack must provide at least. Default: the milestone's cache.tier." },
    milestone: MILESTONE_CONFIG,
  },
};

const TIER_RANK: Record<CacheTier, number> = { none: 0, single: 1, replicated: 2, cluster: 3 };

/** What a replication group (or single-node cluster) is: shards, replicas, snapshots, failover. */
export interface CacheShape {
  readonly tier: CacheTier;
  readonly shards?: number;
  readonly replicasPerShard?: number;
  readonly snapshotRetentionDays?: number;
  readonly automaticFailover?: boolean;
}

export function cacheShape(type: string, props: Record<string, unknown>): CacheShape {
  const snapshots = asNumber(props.snapshotRetentionLimit) ?? (props.snapshotRetentionLimit === undefined && "snapshotRetentionLimit" in props ? undefined : 0);
  // ElastiCache Serverless replicates across zones, fails over and scales out by itself: it
  // meets the cluster tier (and so every tier below), persistent when it keeps snapshots.
  if (type === T.serverlessCache) return { tier: "cluster", replicasPerShard: 1, snapshotRetentionDays: snapshots, automaticFailover: true };
  if (type === T.cacheCluster) {
    return { tier: "single", shards: 1, replicasPerShard: 0, snapshotRetentionDays: snapshots, automaticFailover: false };
  }
  const clusterMode = props.clusterMode === "enabled";
  const shards = asNumber(props.numNodeGroups) ?? (clusterMode ? undefined : 1);
  const replicas = asNumber(props.replicasPerNodeGroup) ?? (asNumber(props.numCacheClusters) !== undefined ? asNumber(props.numCacheClusters)! - 1 : "numCacheClusters" in props ? undefined : 0);
  const failover = props.automaticFailoverEnabled === undefined ? ("automaticFailoverEnabled" in props ? undefined : false) : props.automaticFailoverEnabled === true;
  const tier: CacheTier = (clusterMode || (shards ?? 1) > 1) && (shards ?? 2) >= 2 ? "cluster" : (replicas ?? 0) >= 1 ? "replicated" : "single";
  return { tier, shards, replicasPerShard: replicas, snapshotRetentionDays: snapshots, automaticFailover: failover };
}

function describeShape(s: CacheShape): string {
  return `${s.tier}: ${s.shards ?? "?"} shard(s) × (1 + ${s.replicasPerShard ?? "?"} replica(s)), snapshots ${s.snapshotRetentionDays ?? "?"} day(s), automatic failover ${s.automaticFailover ?? "?"}`;
}

export const capacityCacheTier: StackValidationPolicy = registerPolicy("capacity", {
  name: "capacity-cache-tier",
  description: "The cache provides at least the milestone's tier (single node, replicated with persistence, cluster; ElastiCache Serverless counts as cluster), and a persistent cache has what persistence means: snapshots, a replica and automatic failover.",
  enforcementLevel: "mandatory",
  configSchema: CACHE_SCHEMA,
  validateStack: (args, reportViolation) => {
    const cfg = configOf<CacheTierConfig>(CACHE_SCHEMA, args);
    const ours = isOurStack(args.resources);
    if (!ours && cfg.tier === undefined && cfg.milestone === undefined) args.notApplicable(foreignReason(args.resources[0]?.urn, "capacity-cache-tier", ["tier", "milestone"]));
    const { milestone } = resolveMilestone(cfg.milestone, ours ? args.resources : []);
    const required = cfg.tier ?? (milestone ? MILESTONES[milestone].cache.tier : undefined);
    const caches = args.resources.filter((r) => r.type === T.replicationGroup || r.type === T.cacheCluster || r.type === T.serverlessCache);
    // A cluster that belongs to a replication group is described by the group.
    const standalone = caches.filter((c) => c.type !== T.cacheCluster || plain<Record<string, unknown>>(c.props).replicationGroupId === undefined);
    if (standalone.length === 0) {
      if (required !== undefined && required !== "none") {
        reportViolation(`Declare a ${required} cache (${cfg.tier !== undefined ? "tier" : `the ${milestone} milestone`}); the stack has none.`);
        return;
      }
      args.notApplicable("no cache declared and none required");
    }
    const why = cfg.tier !== undefined ? "tier" : `the ${milestone} milestone`;
    for (const cache of standalone) {
      const shape = cacheShape(cache.type, plain(cache.props));
      if (required !== undefined && TIER_RANK[shape.tier] < TIER_RANK[required]) {
        reportViolation(`Give ${cache.name} the ${required} tier ${why} calls for; it is ${describeShape(shape)}.`, cache.urn);
        continue;
      }
      // Persistence (the replicated and cluster tiers, or any snapshots) means all three.
      const persistent = shape.tier !== "single" || (shape.snapshotRetentionDays ?? 0) > 0 || (required !== undefined && TIER_RANK[required] >= TIER_RANK.replicated);
      if (!persistent) continue;
      const missing: string[] = [];
      if (shape.snapshotRetentionDays === 0) missing.push("snapshots (snapshotRetentionLimit > 0; it is 0)");
      if (shape.replicasPerShard === 0) missing.push("a replica per shard (it has none)");
      if (shape.automaticFailover === false) missing.push("automatic failover (automaticFailoverEnabled is false)");
      if (missing.length) reportViolation(`Give the persistent cache ${cache.name} ${missing.join(", ")}.`, cache.urn);
    }
  },
});
