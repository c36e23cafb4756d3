/**
 * Pure checks on Neon compute and project settings, shared by the dynamic providers' `check`
 * and by the `NeonDatabase` component (which fails at construction, before anything registers).
 *
 * Every message names the key, the value given and what is allowed. The providers serialise
 * these functions into their closures, so this module stays free of Pulumi and I/O.
 */
import {
  maxConnectionsForCu,
  NEON_CU_SIZES,
  NEON_MAX_CU_SPREAD,
  NEON_PLAN_MAX_CU,
  NEON_PLAN_MAX_HISTORY_HOURS,
  NEON_PLANS,
  NEON_POOLER_MAX_CLIENT_CONNECTIONS,
  NEON_RESERVED_CONNECTIONS,
  NEON_SUSPEND_DEFAULT_SECONDS,
  NEON_SUSPEND_MAX_SECONDS,
  NEON_SUSPEND_MIN_SECONDS,
  NEON_SUSPEND_NEVER,
  POSTGRES_VERSIONS,
  type NeonPlan,
} from "./limits";

/** One failed rule: the input key and why it failed (the shape Pulumi's CheckFailure wants). */
export interface NeonValidationFailure {
  readonly property: string;
  readonly reason: string;
}

function fmt(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Validates an autoscaling range against Neon's sizes, the 8 CU spread rule and the plan maximum. */
export function validateComputeRange(
  plan: NeonPlan,
  minCu: unknown,
  maxCu: unknown,
  keys: { min: string; max: string } = { min: "minCu", max: "maxCu" },
): NeonValidationFailure[] {
  const failures: NeonValidationFailure[] = [];
  const sizes = NEON_CU_SIZES as readonly number[];
  const allowed = sizes.join(", ");
  for (const [key, value] of [
    [keys.min, minCu],
    [keys.max, maxCu],
  ] as const) {
    if (typeof value !== "number" || !sizes.includes(value)) {
      failures.push({ property: key, reason: `${key} is ${fmt(value)}; Neon accepts one of ${allowed} CU` });
    }
  }
  if (failures.length > 0) return failures;
  const min = minCu as number;
  const max = maxCu as number;
  if (min > max) {
    failures.push({ property: keys.min, reason: `${keys.min} (${min} CU) is above ${keys.max} (${max} CU); the minimum must not exceed the maximum` });
  }
  if (max - min > NEON_MAX_CU_SPREAD) {
    failures.push({
      property: keys.max,
      reason: `${keys.max} − ${keys.min} is ${max - min} CU (${min}-${max}); Neon allows at most ${NEON_MAX_CU_SPREAD} CU between autoscaling min and max`,
    });
  }
  const planMax = NEON_PLAN_MAX_CU[plan];
  if (max > planMax) {
    failures.push({
      property: keys.max,
      reason: `${keys.max} is ${max} CU but the Neon ${plan} plan autoscales to at most ${planMax} CU; lower ${keys.max} or choose a larger plan (${NEON_PLANS.filter((p) => NEON_PLAN_MAX_CU[p] >= max).join(", ") || "none"})`,
    });
  }
  return failures;
}

/** Validates a suspend timeout against the API range and what the plan lets you choose. */
export function validateSuspendTimeout(plan: NeonPlan, value: unknown, key = "suspendTimeoutSeconds"): NeonValidationFailure[] {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return [{ property: key, reason: `${key} is ${fmt(value)}; expected an integer number of seconds (-1 never, 0 default, or ${NEON_SUSPEND_MIN_SECONDS}..${NEON_SUSPEND_MAX_SECONDS})` }];
  }
  const inApiRange = value === NEON_SUSPEND_NEVER || value === 0 || (value >= NEON_SUSPEND_MIN_SECONDS && value <= NEON_SUSPEND_MAX_SECONDS);
  if (!inApiRange) {
    return [{ property: key, reason: `${key} is ${value}; Neon accepts -1 (never suspend), 0 (default, 300 s) or ${NEON_SUSPEND_MIN_SECONDS}..${NEON_SUSPEND_MAX_SECONDS} seconds` }];
  }
  if (plan === "free" && value !== 0 && value !== NEON_SUSPEND_DEFAULT_SECONDS) {
    return [{ property: key, reason: `${key} is ${value} but the Neon free plan always scales to zero after 5 minutes; use 0 or 300, or the launch/scale plan` }];
  }
  if (plan === "launch" && ![0, NEON_SUSPEND_DEFAULT_SECONDS, NEON_SUSPEND_NEVER].includes(value)) {
    return [{ property: key, reason: `${key} is ${value} but the Neon launch plan offers only scale to zero after 5 minutes (0 or 300) or never (-1); a custom timeout needs the scale plan` }];
  }
  return [];
}

export function validatePlan(value: unknown, key = "plan"): NeonValidationFailure[] {
  return (NEON_PLANS as readonly unknown[]).includes(value)
    ? []
    : [{ property: key, reason: `${key} is ${fmt(value)}; allowed: ${NEON_PLANS.join(", ")}` }];
}

export function validatePostgresVersion(value: unknown, key = "pgVersion"): NeonValidationFailure[] {
  return (POSTGRES_VERSIONS as readonly unknown[]).includes(value)
    ? []
    : [{ property: key, reason: `${key} is ${fmt(value)}; allowed: ${POSTGRES_VERSIONS.join(", ")}` }];
}

/** Neon region ids look like `aws-us-east-1` or `azure-eastus2`. */
export function validateRegion(value: unknown, key = "region"): NeonValidationFailure[] {
  return typeof value === "string" && /^(aws|azure)-[a-z0-9-]+$/.test(value)
    ? []
    : [{ property: key, reason: `${key} is ${fmt(value)}; expected a Neon region id such as "aws-us-east-1" (neon.com/docs/introduction/regions)` }];
}

export function validateHistoryRetention(plan: NeonPlan, seconds: unknown, key = "historyRetentionSeconds"): NeonValidationFailure[] {
  const maxHours = NEON_PLAN_MAX_HISTORY_HOURS[plan];
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0) {
    return [{ property: key, reason: `${key} is ${fmt(seconds)}; expected a whole number of seconds ≥ 0` }];
  }
  if (seconds > maxHours * 3600) {
    return [{ property: key, reason: `${key} is ${seconds} (${seconds / 3600} h) but the Neon ${plan} plan keeps at most ${maxHours} h (${maxHours * 3600} s)` }];
  }
  return [];
}

export function validateApiKey(value: unknown, key = "apiKey"): NeonValidationFailure[] {
  return typeof value === "string" && value.trim().length > 0
    ? []
    : [{ property: key, reason: `${key} is missing; set it with \`pulumi config set --secret cutlist:neonApiKey <key>\` or export NEON_API_KEY` }];
}

/** Input to the connection budget check. */
export interface ConnectionBudgetInput {
  /** Smallest compute size the endpoint autoscales down to (its max_connections is the floor). */
  readonly minCu: number;
  readonly poolSizePerInstance: number;
  readonly appMaxInstances: number;
  readonly usePooler: boolean;
}

export interface ConnectionBudget {
  readonly ok: boolean;
  /** Connections the app may open at most: pool size × max instances. */
  readonly needed: number;
  /** Connections available where the app connects (direct: max_connections − reserved; pooler: 10,000). */
  readonly available: number;
  /** Direct connections the compute has at minCu, after Neon's reserved ones. */
  readonly directAvailable: number;
  readonly viaPooler: boolean;
  readonly message: string;
}

/**
 * The app's worst case (every instance holding its full pool) must fit what it connects to:
 * direct, the compute's max_connections at minCu (the size it may be at when load arrives)
 * minus Neon's reserved connections; through the pooler, the pooler's 10,000 client slots.
 */
export function checkConnectionBudget(input: ConnectionBudgetInput): ConnectionBudget {
  const needed = input.poolSizePerInstance * input.appMaxInstances;
  const directAvailable = maxConnectionsForCu(input.minCu) - NEON_RESERVED_CONNECTIONS;
  const available = input.usePooler ? NEON_POOLER_MAX_CLIENT_CONNECTIONS : directAvailable;
  const ok = Number.isFinite(needed) && needed >= 0 && needed <= available;
  const where = input.usePooler
    ? `the pooler's ${NEON_POOLER_MAX_CLIENT_CONNECTIONS} client connections`
    : `max_connections at minCu ${input.minCu} CU (${maxConnectionsForCu(input.minCu)}) minus ${NEON_RESERVED_CONNECTIONS} reserved = ${directAvailable}`;
  const message = ok
    ? `connection budget ok: poolSizePerInstance ${input.poolSizePerInstance} × appMaxInstances ${input.appMaxInstances} = ${needed} ≤ ${where}`
    : `connection budget exceeded: poolSizePerInstance ${input.poolSizePerInstance} × appMaxInstances ${input.appMaxInstances} = ${needed} > ${where}; ` +
      (input.usePooler
        ? "lower poolSizePerInstance or appMaxInstances"
        : "set usePooler: true (the -pooler host takes up to 10,000 clients), raise minCu, or lower poolSizePerInstance/appMaxInstances");
  return { ok, needed, available, directAvailable, viaPooler: input.usePooler, message };
}
