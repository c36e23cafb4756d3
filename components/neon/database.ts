/**
 * `cutlist:neon:Database`: the app's Neon Postgres for one milestone — a project with its
 * read-write compute sized from the catalog, `read_only` replica endpoints when the milestone
 * has them, and the connection strings the app uses (secrets).
 */
import * as pulumi from "@pulumi/pulumi";
import type { DatabaseSpec } from "./databaseSpec";
import { NEON_SUSPEND_DEFAULT_SECONDS, NEON_SUSPEND_NEVER } from "./limits";
import { NeonEndpoint } from "./endpoint";
import { NeonProject } from "./project";
import {
  checkConnectionBudget,
  validateComputeRange,
  validateHistoryRetention,
  validatePlan,
  validatePostgresVersion,
  validateRegion,
  type ConnectionBudget,
} from "./validation";

export interface NeonDatabaseArgs {
  /** The milestone's database spec (`MilestoneSpec.database`, overrides applied). */
  readonly spec: DatabaseSpec;
  /** Most app instances that can run at once (the autoscaling group's max): sizes the connection budget. */
  readonly appMaxInstances: number;
  /** Neon API key; always stored as a secret. */
  readonly apiKey: pulumi.Input<string>;
  /** Protect the project (prod): Pulumi then refuses to delete or replace it. */
  readonly protect: boolean;
  /** API host or base URL (tests point it at the fake). Default env NEON_API_HOST, else console.neon.tech. */
  readonly apiHost?: pulumi.Input<string>;
  /** Organisation id, needed with personal API keys. Default: none (org keys infer it). */
  readonly orgId?: pulumi.Input<string>;
  /** Project name in Neon. Default `<pulumi project>-<stack>-<component name>`; keep it stable, it is the adoption key. */
  readonly projectName?: string;
  /** Database created with the project. Default "cutlist". */
  readonly databaseName?: string;
  /** Owner role the app connects as. Default "cutlist_app". */
  readonly roleName?: string;
}

/**
 * Everything wrong with the args, one message per problem (empty when valid). Internal;
 * exported for tests. The component throws with all of them joined.
 */
export function validateNeonDatabaseArgs(args: Pick<NeonDatabaseArgs, "spec" | "appMaxInstances">): string[] {
  const { spec } = args;
  const problems: string[] = [];
  const push = (fs: { reason: string }[]) => problems.push(...fs.map((f) => f.reason));
  push(validatePlan(spec.plan, "spec.plan"));
  if (problems.length > 0) return problems;
  push(validateRegion(spec.region, "spec.region"));
  push(validatePostgresVersion(spec.postgresVersion, "spec.postgresVersion"));
  push(validateComputeRange(spec.plan, spec.minCu, spec.maxCu, { min: "spec.minCu", max: "spec.maxCu" }));
  if (!Number.isInteger(spec.readReplicas) || spec.readReplicas < 0) {
    problems.push(`spec.readReplicas is ${spec.readReplicas}; expected a whole number ≥ 0`);
  } else if (spec.readReplicas > 0) {
    push(validateComputeRange(spec.plan, spec.replicaMinCu, spec.replicaMaxCu, { min: "spec.replicaMinCu", max: "spec.replicaMaxCu" }));
  }
  if (spec.plan === "free" && !spec.scaleToZero) {
    problems.push("spec.scaleToZero is false but the Neon free plan always scales to zero after 5 minutes; set it to true or use the launch/scale plan");
  }
  if (!Number.isFinite(spec.historyRetentionHours)) {
    problems.push(`spec.historyRetentionHours is ${spec.historyRetentionHours}; expected a number of hours`);
  } else {
    push(validateHistoryRetention(spec.plan, Math.round(spec.historyRetentionHours * 3600), "spec.historyRetentionHours (as seconds)"));
  }
  if (!Number.isInteger(args.appMaxInstances) || args.appMaxInstances < 1) {
    problems.push(`appMaxInstances is ${args.appMaxInstances}; expected a whole number ≥ 1`);
  }
  if (!Number.isInteger(spec.poolSizePerInstance) || spec.poolSizePerInstance < 1) {
    problems.push(`spec.poolSizePerInstance is ${spec.poolSizePerInstance}; expected a whole number ≥ 1`);
  }
  if (problems.length === 0) {
    const budget = neonConnectionBudget(args);
    if (!budget.ok) problems.push(budget.message);
  }
  return problems;
}

/** The app's connection budget against the primary compute (see `checkConnectionBudget`). */
export function neonConnectionBudget(args: Pick<NeonDatabaseArgs, "spec" | "appMaxInstances">): ConnectionBudget {
  return checkConnectionBudget({
    minCu: args.spec.minCu,
    poolSizePerInstance: args.spec.poolSizePerInstance,
    appMaxInstances: args.appMaxInstances,
    usePooler: args.spec.usePooler,
  });
}

/** Suspend timeout for a compute: 300 s where the milestone scales to zero, -1 (never) otherwise. */
export function neonSuspendTimeout(spec: Pick<DatabaseSpec, "scaleToZero">): number {
  return spec.scaleToZero ? NEON_SUSPEND_DEFAULT_SECONDS : NEON_SUSPEND_NEVER;
}

function withHost(uri: string, host: string): string {
  const url = new URL(uri);
  url.hostname = host;
  return url.toString();
}

export class NeonDatabase extends pulumi.ComponentResource {
  readonly project: NeonProject;
  /** `read_only` endpoints on the default branch, `${name}-replica-${i}`. */
  readonly replicas: NeonEndpoint[];
  readonly projectId: pulumi.Output<string>;
  readonly defaultBranchId: pulumi.Output<string>;
  /** Direct host of the read-write compute. */
  readonly host: pulumi.Output<string>;
  /** Pooled host of the read-write compute (`-pooler`). */
  readonly poolerHost: pulumi.Output<string>;
  readonly databaseName: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  /** Direct connection string (secret): migrations, session features. */
  readonly connectionUri: pulumi.Output<string>;
  /** Pooled connection string (secret). */
  readonly pooledConnectionUri: pulumi.Output<string>;
  /** What the app should use (secret): pooled when `spec.usePooler`, else direct. */
  readonly appConnectionUri: pulumi.Output<string>;
  readonly replicaHosts: pulumi.Output<string[]>;
  /** Pooled connection strings of the replicas (secret), in replica order. */
  readonly replicaPooledConnectionUris: pulumi.Output<string[]>;
  /** The budget the args were checked against (plain data). */
  readonly connectionBudget: ConnectionBudget;

  constructor(name: string, args: NeonDatabaseArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Validate before registering anything, so a bad spec leaves no half-declared component.
    const problems = validateNeonDatabaseArgs(args);
    if (problems.length > 0) {
      throw new Error(`NeonDatabase "${name}": invalid database settings:\n  - ${problems.join("\n  - ")}`);
    }
    // The connection settings go on the component as plain inputs (and outputs, below): no Neon
    // resource carries them, and the capacity-db-connections policy (policies/capacity.ts)
    // reads them there — inputs offline, outputs in `pulumi preview`'s stack analysis.
    const poolSettings = { poolSizePerInstance: args.spec.poolSizePerInstance, usePooler: args.spec.usePooler };
    super("cutlist:neon:Database", name, poolSettings, opts);
    const { spec } = args;
    this.connectionBudget = neonConnectionBudget(args);
    const apiKey = pulumi.secret(args.apiKey);
    const suspendTimeoutSeconds = neonSuspendTimeout(spec);

    this.project = new NeonProject(
      name,
      {
        apiKey,
        apiHost: args.apiHost,
        orgId: args.orgId,
        name: args.projectName ?? `${pulumi.getProject()}-${pulumi.getStack()}-${name}`,
        region: spec.region,
        pgVersion: spec.postgresVersion,
        historyRetentionSeconds: Math.round(spec.historyRetentionHours * 3600),
        plan: spec.plan,
        minCu: spec.minCu,
        maxCu: spec.maxCu,
        suspendTimeoutSeconds,
        databaseName: args.databaseName ?? "cutlist",
        roleName: args.roleName ?? "cutlist_app",
      },
      { parent: this, protect: args.protect },
    );

    // Replicas are stateless computes on the primary's storage: not protected, so a demotion
    // (m4 → m3) can remove them. Names are index-based and stable.
    this.replicas = [];
    for (let i = 0; i < spec.readReplicas; i++) {
      this.replicas.push(
        new NeonEndpoint(
          `${name}-replica-${i}`,
          {
            apiKey,
            apiHost: args.apiHost,
            projectId: this.project.projectId,
            branchId: this.project.defaultBranchId,
            type: "read_only",
            plan: spec.plan,
            minCu: spec.replicaMinCu,
            maxCu: spec.replicaMaxCu,
            suspendTimeoutSeconds,
          },
          { parent: this },
        ),
      );
    }

    this.projectId = this.project.projectId;
    this.defaultBranchId = this.project.defaultBranchId;
    this.host = this.project.host;
    this.poolerHost = this.project.poolerHost;
    this.databaseName = this.project.databaseName;
    this.roleName = this.project.roleName;
    this.connectionUri = pulumi.secret(this.project.connectionUri);
    this.pooledConnectionUri = pulumi.secret(this.project.pooledConnectionUri);
    this.appConnectionUri = spec.usePooler ? this.pooledConnectionUri : this.connectionUri;
    this.replicaHosts = pulumi.all(this.replicas.map((r) => r.host));
    this.replicaPooledConnectionUris = pulumi.secret(
      pulumi.all([this.connectionUri, pulumi.all(this.replicas.map((r) => r.poolerHost))]).apply(([uri, hosts]) => hosts.map((h) => withHost(uri, h))),
    );

    this.registerOutputs({
      ...poolSettings,
      projectId: this.projectId,
      host: this.host,
      poolerHost: this.poolerHost,
      appConnectionUri: this.appConnectionUri,
      replicaHosts: this.replicaHosts,
    });
  }
}
