/**
 * `pulumi-nodejs:dynamic/neon:Project`: a Neon project with its default branch, role, database
 * and read-write compute.
 *
 * Pulumi serialises the provider object as a closure and runs it in a separate host: every
 * method builds its own `NeonClient`, takes the key from its inputs and captures nothing
 * stateful from this module (the helpers below are plain functions of their arguments).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ProjectCreateRequest } from "@neondatabase/api-client";
import type { NeonPlan } from "./limits";
import { NeonClient, NeonError, poolerHostOf, type NeonTimings } from "./client";
import {
  validateApiKey,
  validateComputeRange,
  validateHistoryRetention,
  validatePlan,
  validatePostgresVersion,
  validateRegion,
  validateSuspendTimeout,
  type NeonValidationFailure,
} from "./validation";
import { UNKNOWN_STRING } from "../../model/unknown";

/** Inputs as the provider sees them (plain values). */
export interface NeonProjectInputs {
  /** Neon API key (secret). */
  readonly apiKey: string;
  /** API host or base URL override; default env NEON_API_HOST, else console.neon.tech. */
  readonly apiHost?: string;
  /** Organisation for personal API keys; org keys infer it. */
  readonly orgId?: string;
  /** Project name in Neon, exactly as given; renaming it is an in-place update. */
  readonly name: string;
  /** Neon region id, e.g. "aws-us-east-1". Changing it replaces the project. */
  readonly region: string;
  /** Postgres major version. Changing it replaces the project. */
  readonly pgVersion: number;
  /** Point-in-time restore window, seconds. */
  readonly historyRetentionSeconds: number;
  /** Neon plan the account is on (free | launch | scale): bounds CU and suspend settings, and prices the compute. */
  readonly plan: NeonPlan;
  /** Autoscaling minimum of the read-write compute, CU. */
  readonly minCu: number;
  /** Autoscaling maximum of the read-write compute, CU. */
  readonly maxCu: number;
  /** Idle seconds before the compute suspends: -1 never, 0 default (300). */
  readonly suspendTimeoutSeconds: number;
  /** Database created with the project. Changing it replaces the project. */
  readonly databaseName: string;
  /** Owner role created with the project. Changing it replaces the project. */
  readonly roleName: string;
}

export interface NeonProjectOutputs extends NeonProjectInputs {
  readonly projectId: string;
  readonly defaultBranchId: string;
  readonly readWriteEndpointId: string;
  /** Direct host of the read-write compute. */
  readonly host: string;
  /** Pooled (PgBouncer, transaction mode) host: the `-pooler` variant of `host`. */
  readonly poolerHost: string;
  readonly password: string;
  readonly connectionUri: string;
  readonly pooledConnectionUri: string;
}

/** Inputs Neon changes in place; anything else in REPLACE_KEYS needs a new project. */
export const NEON_PROJECT_REPLACE_KEYS = ["region", "pgVersion", "orgId", "databaseName", "roleName"] as const;
export const NEON_PROJECT_UPDATE_KEYS = ["name", "historyRetentionSeconds", "minCu", "maxCu", "suspendTimeoutSeconds", "plan", "apiKey", "apiHost"] as const;


/** Validation of project inputs; exported for tests and for the component's early check. */
export function validateNeonProjectInputs(inputs: Partial<NeonProjectInputs>): NeonValidationFailure[] {
  const failures: NeonValidationFailure[] = [];
  if (inputs.apiKey !== UNKNOWN_STRING) failures.push(...validateApiKey(inputs.apiKey));
  failures.push(...validatePlan(inputs.plan));
  if (typeof inputs.name !== "string" || inputs.name.trim() === "" || inputs.name.length > 64) {
    failures.push({ property: "name", reason: `name is ${JSON.stringify(inputs.name)}; expected a non-empty project name of at most 64 characters` });
  }
  failures.push(...validateRegion(inputs.region));
  failures.push(...validatePostgresVersion(inputs.pgVersion));
  for (const key of ["databaseName", "roleName"] as const) {
    const v = inputs[key];
    if (typeof v !== "string" || !/^[a-z_][a-z0-9_]{0,62}$/.test(v)) {
      failures.push({ property: key, reason: `${key} is ${JSON.stringify(v)}; expected a lowercase Postgres identifier (a-z, 0-9, _; at most 63 characters)` });
    }
  }
  if (failures.some((f) => f.property === "plan")) return failures;
  const plan = inputs.plan as NeonPlan;
  failures.push(...validateComputeRange(plan, inputs.minCu, inputs.maxCu));
  failures.push(...validateSuspendTimeout(plan, inputs.suspendTimeoutSeconds));
  failures.push(...validateHistoryRetention(plan, inputs.historyRetentionSeconds));
  return failures;
}

/** Suspend timeout 0 means Neon's default, 300 s: the two must not show as a change. */
function sameSuspend(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === 0 ? 300 : v);
  return norm(a) === norm(b);
}

function changed(key: string, olds: object, news: object): boolean {
  const o = (olds as Record<string, unknown>)[key];
  const n = (news as Record<string, unknown>)[key];
  if (n === UNKNOWN_STRING) return true;
  if (key === "suspendTimeoutSeconds") return !sameSuspend(o, n);
  return o !== n;
}

/** Pure diff, exported for tests: replace for what Neon cannot change in place, update otherwise. */
export function diffNeonProject(olds: Partial<NeonProjectOutputs>, news: Partial<NeonProjectInputs>): pulumi.dynamic.DiffResult {
  const replaces = NEON_PROJECT_REPLACE_KEYS.filter((k) => changed(k, olds, news));
  const updates = NEON_PROJECT_UPDATE_KEYS.filter((k) => changed(k, olds, news));
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}

/** Name of a finished project's default branch. */
export const NEON_DEFAULT_BRANCH_NAME = "main";

/**
 * The per-create token. Why: a create must adopt an existing project only when it is provably
 * the one this create made — after a lost response, a re-run must find its project instead of
 * making a second one, but a replacement (a replace key changed, or `pulumi up --replace`) must
 * never take over the project it replaces, or the engine's delete of the old project removes
 * the new state's project.
 *
 * How: while a create is unfinished, the project's default branch is named
 * `creating-<token>` (`neonProjectClaimBranchName`); renaming it to "main" is the create's very
 * last step. A create adopts only a same-named project whose default branch still carries its
 * claim (client.ts `ensureProject`). A finished project — the one a replacement replaces, or
 * any other — has lost the claim and is never adopted; a project whose create never finished
 * keeps it, so the console shows what it is.
 *
 * The token is a hash of what the create asks for and cannot change in place (name, org,
 * region, Postgres version, database, role): a re-run with the same inputs finds its project,
 * a create with other values does not take over one left by a different, interrupted create.
 * It needs no input from the old resource, and could get none: the engine calls Check without
 * the old inputs before a replacement's Create, and before any create of `pulumi up --replace`
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go, read 2026-11-30), so a token computed in
 * `check` would be no different.
 */
export function neonProjectCreateToken(inputs: Pick<NeonProjectInputs, "name" | "orgId" | "region" | "pgVersion" | "databaseName" | "roleName">): string {
  const identity = JSON.stringify([inputs.name, inputs.orgId ?? "", inputs.region, inputs.pgVersion, inputs.databaseName, inputs.roleName]);
  // 64-bit FNV-1a over the UTF-8 bytes, inline so the serialised provider needs no extra module.
  // Not a security boundary: the project name is compared as well.
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(identity)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, "0");
}

/** The default branch's name while the create of these inputs is unfinished. */
export function neonProjectClaimBranchName(inputs: Parameters<typeof neonProjectCreateToken>[0]): string {
  return `creating-${neonProjectCreateToken(inputs)}`;
}

function projectCreateRequest(inputs: NeonProjectInputs): ProjectCreateRequest {
  return {
    project: {
      name: inputs.name,
      region_id: inputs.region,
      pg_version: inputs.pgVersion,
      history_retention_seconds: inputs.historyRetentionSeconds,
      default_endpoint_settings: {
        autoscaling_limit_min_cu: inputs.minCu,
        autoscaling_limit_max_cu: inputs.maxCu,
        suspend_timeout_seconds: inputs.suspendTimeoutSeconds,
      },
      branch: { name: neonProjectClaimBranchName(inputs), role_name: inputs.roleName, database_name: inputs.databaseName },
      org_id: inputs.orgId,
    },
  };
}

/** Reads the live project into outputs; undefined when it no longer exists (Neon answered 404). */
async function describeNeonProject(client: NeonClient, projectId: string, inputs: NeonProjectInputs): Promise<NeonProjectOutputs | undefined> {
  const project = await client.getProject(projectId);
  if (!project) return undefined;
  const branch = await client.defaultBranch(projectId);
  const rw = (await client.listEndpoints(projectId)).find((e) => e.branch_id === branch.id && e.type === "read_write");
  const defaults = project.default_endpoint_settings ?? {};
  const uriParams = { databaseName: inputs.databaseName, roleName: inputs.roleName, branchId: branch.id, endpointId: rw?.id };
  const connectionUri = rw ? await client.connectionUri(projectId, { ...uriParams, pooled: false }) : "";
  const pooledConnectionUri = rw ? await client.connectionUri(projectId, { ...uriParams, pooled: true }) : "";
  return {
    ...inputs,
    name: project.name,
    region: project.region_id,
    pgVersion: project.pg_version,
    historyRetentionSeconds: project.history_retention_seconds,
    // The compute's own limits are the truth; project defaults only seed new computes.
    minCu: rw?.autoscaling_limit_min_cu ?? defaults.autoscaling_limit_min_cu ?? inputs.minCu,
    maxCu: rw?.autoscaling_limit_max_cu ?? defaults.autoscaling_limit_max_cu ?? inputs.maxCu,
    suspendTimeoutSeconds: rw?.suspend_timeout_seconds ?? defaults.suspend_timeout_seconds ?? inputs.suspendTimeoutSeconds,
    projectId,
    defaultBranchId: branch.id,
    readWriteEndpointId: rw?.id ?? "",
    host: rw?.host ?? "",
    poolerHost: rw ? poolerHostOf(rw.host) : "",
    password: connectionUri ? decodeURIComponent(new URL(connectionUri).password) : "",
    connectionUri,
    pooledConnectionUri,
  };
}

/**
 * Creates the project, or adopts the one an unfinished run of this same create left (see
 * `neonProjectCreateToken`), brings it to the inputs, and marks it finished.
 */
async function createNeonProject(client: NeonClient, inputs: NeonProjectInputs): Promise<{ id: string; outs: NeonProjectOutputs }> {
  const { value: projectId, adopted } = await client.ensureProject(
    projectCreateRequest(inputs),
    (p) => p.region_id === inputs.region && p.pg_version === inputs.pgVersion,
  );
  let outs = await describeNeonProject(client, projectId, inputs);
  if (!outs) throw new Error(`Neon project ${projectId} ("${inputs.name}") vanished right after it was created`);
  // An adopted project may have stopped short of the inputs: bring it there.
  if (adopted && diffNeonProject(outs, inputs).changes) outs = await updateNeonProject(client, outs, inputs);
  await finishNeonProjectCreate(client, projectId, outs.defaultBranchId);
  return { id: projectId, outs };
}

/** The create's last step: rename the default branch from its claim to "main". */
async function finishNeonProjectCreate(client: NeonClient, projectId: string, branchId: string): Promise<void> {
  try {
    await client.renameBranch(projectId, branchId, NEON_DEFAULT_BRANCH_NAME);
  } catch (err) {
    if (!(err instanceof NeonError)) throw err;
    // The rename may have landed with its answer lost: read before calling it a failure.
    const now = await client.defaultBranch(projectId).catch(() => undefined);
    if (now?.id === branchId && now.name === NEON_DEFAULT_BRANCH_NAME) return;
    throw new NeonError(
      `Neon project ${projectId} was created but not marked finished (renaming its default branch to "${NEON_DEFAULT_BRANCH_NAME}" failed: ${err.message}); ` +
        "re-run `pulumi up`: the create finds this project again by its branch name and adopts it",
      err.kind,
      err.status,
      err.code,
      err.requestId,
    );
  }
}

/** Applies what Neon changes in place (name, history, compute), then reads the project back. */
async function updateNeonProject(client: NeonClient, olds: NeonProjectOutputs, news: NeonProjectInputs): Promise<NeonProjectOutputs> {
  const projectId = olds.projectId;
  const computeChanged = changed("minCu", olds, news) || changed("maxCu", olds, news) || changed("suspendTimeoutSeconds", olds, news);
  if (changed("name", olds, news) || changed("historyRetentionSeconds", olds, news) || computeChanged) {
    await client.updateProject(projectId, {
      project: {
        name: news.name,
        history_retention_seconds: news.historyRetentionSeconds,
        default_endpoint_settings: {
          autoscaling_limit_min_cu: news.minCu,
          autoscaling_limit_max_cu: news.maxCu,
          suspend_timeout_seconds: news.suspendTimeoutSeconds,
        },
      },
    });
  }
  if (computeChanged) {
    // Project defaults only apply to computes created later: patch the running one too.
    const branch = await client.defaultBranch(projectId);
    const rw = (await client.listEndpoints(projectId)).find((e) => e.branch_id === branch.id && e.type === "read_write");
    if (!rw) throw new Error(`Neon project ${projectId} has no read-write compute on its default branch; create one in the console or replace the project`);
    await client.updateEndpoint(projectId, rw.id, {
      endpoint: { autoscaling_limit_min_cu: news.minCu, autoscaling_limit_max_cu: news.maxCu, suspend_timeout_seconds: news.suspendTimeoutSeconds },
    });
  }
  const outs = await describeNeonProject(client, projectId, news);
  if (!outs) throw new Error(`Neon project ${projectId} was deleted while it was being updated; run \`pulumi refresh\``);
  return outs;
}

/** Builds the provider; tests pass tiny timings. The default instance is `neonProjectProvider`. */
export function makeNeonProjectProvider(timings?: Partial<NeonTimings>): pulumi.dynamic.ResourceProvider<NeonProjectInputs, NeonProjectOutputs> {
  const clientFor = (inputs: { apiKey: string; apiHost?: string }) => new NeonClient({ apiKey: inputs.apiKey, apiHost: inputs.apiHost, timings });
  return {
    async check(_olds, news) {
      const inputs: NeonProjectInputs = {
        ...news,
        databaseName: news.databaseName ?? "neondb",
        roleName: news.roleName ?? "neondb_owner",
        suspendTimeoutSeconds: news.suspendTimeoutSeconds ?? 0,
      };
      return { inputs, failures: validateNeonProjectInputs(inputs) };
    },

    async diff(_id, olds, news) {
      return diffNeonProject(olds, news);
    },

    async create(inputs) {
      return createNeonProject(clientFor(inputs), inputs);
    },

    async read(id, props) {
      if (!props) throw new Error(`reading Neon project ${id} needs its last known properties (apiKey, databaseName, roleName)`);
      const outs = await describeNeonProject(clientFor(props), id, props);
      // No id tells Pulumi the project is gone (deleted outside Pulumi).
      return outs ? { id, props: outs } : {};
    },

    async update(id, olds, news) {
      return { outs: await updateNeonProject(clientFor(news), { ...olds, projectId: id }, news) };
    },

    async delete(id, props) {
      // 404 means someone removed it already: the goal state is reached.
      await clientFor(props).deleteProject(id);
    },
  };
}

export const neonProjectProvider = makeNeonProjectProvider();

/** Resource arguments. Cost-relevant fields are plain so estimators and policies can read them in a preview. */
export interface NeonProjectArgs {
  readonly apiKey: pulumi.Input<string>;
  readonly apiHost?: pulumi.Input<string>;
  readonly orgId?: pulumi.Input<string>;
  readonly name: pulumi.Input<string>;
  readonly region: string;
  readonly pgVersion: number;
  readonly historyRetentionSeconds: number;
  readonly plan: NeonPlan;
  readonly minCu: number;
  readonly maxCu: number;
  /** Default 0 (Neon's 300 s). */
  readonly suspendTimeoutSeconds?: number;
  /** Default "neondb". */
  readonly databaseName?: string;
  /** Default "neondb_owner". */
  readonly roleName?: string;
}

const PROJECT_SECRET_OUTPUTS = ["apiKey", "password", "connectionUri", "pooledConnectionUri"];

export class NeonProject extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly pgVersion: pulumi.Output<number>;
  declare readonly plan: pulumi.Output<NeonPlan>;
  declare readonly minCu: pulumi.Output<number>;
  declare readonly maxCu: pulumi.Output<number>;
  declare readonly suspendTimeoutSeconds: pulumi.Output<number>;
  declare readonly projectId: pulumi.Output<string>;
  declare readonly defaultBranchId: pulumi.Output<string>;
  declare readonly readWriteEndpointId: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly poolerHost: pulumi.Output<string>;
  declare readonly databaseName: pulumi.Output<string>;
  declare readonly roleName: pulumi.Output<string>;
  declare readonly password: pulumi.Output<string>;
  declare readonly connectionUri: pulumi.Output<string>;
  declare readonly pooledConnectionUri: pulumi.Output<string>;

  constructor(name: string, args: NeonProjectArgs, opts: pulumi.CustomResourceOptions = {}, provider: pulumi.dynamic.ResourceProvider = neonProjectProvider) {
    const props = {
      ...args,
      suspendTimeoutSeconds: args.suspendTimeoutSeconds ?? 0,
      databaseName: args.databaseName ?? "neondb",
      roleName: args.roleName ?? "neondb_owner",
      apiKey: pulumi.secret(args.apiKey),
      projectId: undefined,
      defaultBranchId: undefined,
      readWriteEndpointId: undefined,
      host: undefined,
      poolerHost: undefined,
      password: undefined,
      connectionUri: undefined,
      pooledConnectionUri: undefined,
    };
    super(provider, name, props, { ...opts, additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? []), ...PROJECT_SECRET_OUTPUTS] }, "neon", "Project");
  }
}
