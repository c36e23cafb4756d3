/**
 * `pulumi-nodejs:dynamic/neon:Endpoint`: one Neon compute endpoint on a branch; a read replica
 * is `type: "read_only"` (DESIGN §6). Same closure rules as the project provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Endpoint } from "@neondatabase/api-client";
import type { NeonPlan } from "./limits";
import { NeonClient, poolerHostOf, type NeonTimings } from "./client";
import { validateApiKey, validateComputeRange, validatePlan, validateSuspendTimeout, type NeonValidationFailure } from "./validation";
import { UNKNOWN_STRING } from "../../model/unknown";

export const NEON_ENDPOINT_TYPES = ["read_write", "read_only"] as const;
export type NeonEndpointType = (typeof NEON_ENDPOINT_TYPES)[number];

export interface NeonEndpointInputs {
  readonly apiKey: string;
  readonly apiHost?: string;
  readonly projectId: string;
  /** Branch the compute serves. Changing it replaces the endpoint. */
  readonly branchId: string;
  /** Changing it replaces the endpoint. */
  readonly type: NeonEndpointType;
  /** Endpoint name in Neon; the key an interrupted create is found again by (unique per project). */
  readonly endpointName: string;
  readonly plan: NeonPlan;
  readonly minCu: number;
  readonly maxCu: number;
  /** -1 never, 0 default (300). */
  readonly suspendTimeoutSeconds: number;
}

export interface NeonEndpointOutputs extends NeonEndpointInputs {
  readonly endpointId: string;
  readonly host: string;
  readonly poolerHost: string;
}

export const NEON_ENDPOINT_REPLACE_KEYS = ["projectId", "branchId", "type"] as const;
export const NEON_ENDPOINT_UPDATE_KEYS = ["endpointName", "minCu", "maxCu", "suspendTimeoutSeconds", "plan", "apiKey", "apiHost"] as const;


export function validateNeonEndpointInputs(inputs: Partial<NeonEndpointInputs>): NeonValidationFailure[] {
  const failures: NeonValidationFailure[] = [];
  if (inputs.apiKey !== UNKNOWN_STRING) failures.push(...validateApiKey(inputs.apiKey));
  failures.push(...validatePlan(inputs.plan));
  if (!(NEON_ENDPOINT_TYPES as readonly unknown[]).includes(inputs.type)) {
    failures.push({ property: "type", reason: `type is ${JSON.stringify(inputs.type)}; allowed: ${NEON_ENDPOINT_TYPES.join(", ")}` });
  }
  for (const key of ["projectId", "branchId"] as const) {
    const v = inputs[key];
    if (v !== UNKNOWN_STRING && (typeof v !== "string" || v === "")) failures.push({ property: key, reason: `${key} is ${JSON.stringify(v)}; expected the Neon ${key === "projectId" ? "project" : "branch"} id` });
  }
  if (typeof inputs.endpointName !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(inputs.endpointName)) {
    failures.push({ property: "endpointName", reason: `endpointName is ${JSON.stringify(inputs.endpointName)}; expected letters, digits, - or _ (at most 63 characters)` });
  }
  if (failures.some((f) => f.property === "plan")) return failures;
  failures.push(...validateComputeRange(inputs.plan as NeonPlan, inputs.minCu, inputs.maxCu));
  failures.push(...validateSuspendTimeout(inputs.plan as NeonPlan, inputs.suspendTimeoutSeconds));
  return failures;
}

function changed(key: string, olds: object, news: object): boolean {
  const o = (olds as Record<string, unknown>)[key];
  const n = (news as Record<string, unknown>)[key];
  if (n === UNKNOWN_STRING) return true;
  if (key === "suspendTimeoutSeconds") return (o === 0 ? 300 : o) !== (n === 0 ? 300 : n);
  return o !== n;
}

/**
 * Pure diff, exported for tests. Replacement deletes first: a branch holds one read_write
 * compute, and the replacement reuses the endpoint name the old one holds (a create adopts a
 * same-named endpoint, so the old one must be gone by then; `NeonEndpoint` also forces it).
 */
export function diffNeonEndpoint(olds: Partial<NeonEndpointOutputs>, news: Partial<NeonEndpointInputs>): pulumi.dynamic.DiffResult {
  const replaces = NEON_ENDPOINT_REPLACE_KEYS.filter((k) => changed(k, olds, news));
  const updates = NEON_ENDPOINT_UPDATE_KEYS.filter((k) => changed(k, olds, news));
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
}

export function makeNeonEndpointProvider(timings?: Partial<NeonTimings>): pulumi.dynamic.ResourceProvider<NeonEndpointInputs, NeonEndpointOutputs> {
  const clientFor = (inputs: { apiKey: string; apiHost?: string }) => new NeonClient({ apiKey: inputs.apiKey, apiHost: inputs.apiHost, timings });

  const toOutputs = (inputs: NeonEndpointInputs, e: Endpoint): NeonEndpointOutputs => ({
    ...inputs,
    projectId: e.project_id,
    branchId: e.branch_id,
    type: e.type as NeonEndpointType,
    endpointName: e.name ?? inputs.endpointName,
    minCu: e.autoscaling_limit_min_cu,
    maxCu: e.autoscaling_limit_max_cu,
    suspendTimeoutSeconds: e.suspend_timeout_seconds,
    endpointId: e.id,
    host: e.host,
    poolerHost: poolerHostOf(e.host),
  });

  const settingsOf = (inputs: NeonEndpointInputs) => ({
    autoscaling_limit_min_cu: inputs.minCu,
    autoscaling_limit_max_cu: inputs.maxCu,
    suspend_timeout_seconds: inputs.suspendTimeoutSeconds,
  });

  return {
    async check(_olds, news) {
      const inputs: NeonEndpointInputs = { ...news, suspendTimeoutSeconds: news.suspendTimeoutSeconds ?? 0 };
      return { inputs, failures: validateNeonEndpointInputs(inputs) };
    },

    async diff(_id, olds, news) {
      return diffNeonEndpoint(olds, news);
    },

    async create(inputs) {
      const client = clientFor(inputs);
      const { value, adopted } = await client.ensureEndpoint(
        inputs.projectId,
        { endpoint: { branch_id: inputs.branchId, type: inputs.type as Endpoint["type"], name: inputs.endpointName, ...settingsOf(inputs) } },
        (e) => e.type === inputs.type && e.branch_id === inputs.branchId,
      );
      let endpoint = value;
      if (adopted && diffNeonEndpoint(toOutputs(inputs, endpoint), inputs).changes) {
        endpoint = await client.updateEndpoint(inputs.projectId, endpoint.id, { endpoint: settingsOf(inputs) });
      }
      return { id: endpoint.id, outs: toOutputs(inputs, endpoint) };
    },

    async read(id, props) {
      if (!props) throw new Error(`reading Neon endpoint ${id} needs its last known properties (apiKey, projectId)`);
      const endpoint = await clientFor(props).getEndpoint(props.projectId, id);
      return endpoint ? { id, props: toOutputs(props, endpoint) } : {};
    },

    async update(id, olds, news) {
      const client = clientFor(news);
      const computeChanged = ["minCu", "maxCu", "suspendTimeoutSeconds", "endpointName"].some((k) => changed(k, olds, news));
      const endpoint = computeChanged
        ? await client.updateEndpoint(news.projectId, id, { endpoint: { ...settingsOf(news), name: news.endpointName } })
        : await client.getEndpoint(news.projectId, id);
      if (!endpoint) throw new Error(`Neon endpoint ${id} on project ${news.projectId} no longer exists; run \`pulumi refresh\``);
      return { outs: toOutputs(news, endpoint) };
    },

    async delete(id, props) {
      await clientFor(props).deleteEndpoint(props.projectId, id);
    },
  };
}

export const neonEndpointProvider = makeNeonEndpointProvider();

export interface NeonEndpointArgs {
  readonly apiKey: pulumi.Input<string>;
  readonly apiHost?: pulumi.Input<string>;
  readonly projectId: pulumi.Input<string>;
  readonly branchId: pulumi.Input<string>;
  readonly type: NeonEndpointType;
  /** Default: the resource name. */
  readonly endpointName?: string;
  readonly plan: NeonPlan;
  readonly minCu: number;
  readonly maxCu: number;
  /** Default 0 (Neon's 300 s). */
  readonly suspendTimeoutSeconds?: number;
}

export class NeonEndpoint extends pulumi.dynamic.Resource {
  declare readonly projectId: pulumi.Output<string>;
  declare readonly branchId: pulumi.Output<string>;
  declare readonly type: pulumi.Output<NeonEndpointType>;
  declare readonly endpointName: pulumi.Output<string>;
  declare readonly plan: pulumi.Output<NeonPlan>;
  declare readonly minCu: pulumi.Output<number>;
  declare readonly maxCu: pulumi.Output<number>;
  declare readonly suspendTimeoutSeconds: pulumi.Output<number>;
  declare readonly endpointId: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly poolerHost: pulumi.Output<string>;

  /**
   * Always deleted before its replacement is created, also on `pulumi up --replace` (where the
   * engine asks no diff, so the provider's deleteBeforeReplace is not consulted — only this
   * option is). Otherwise the replacement's create would find the old endpoint under the same
   * name, adopt it, and the engine's delete of the old one would remove the new state's endpoint.
   */
  constructor(name: string, args: NeonEndpointArgs, opts: pulumi.CustomResourceOptions = {}, provider: pulumi.dynamic.ResourceProvider = neonEndpointProvider) {
    if (opts.deleteBeforeReplace === false) {
      throw new Error(
        `NeonEndpoint "${name}": deleteBeforeReplace is false; allowed: true or unset. A replacement created beside the old endpoint would adopt it by name, and deleting the old one would delete the new one`,
      );
    }
    const props = {
      ...args,
      suspendTimeoutSeconds: args.suspendTimeoutSeconds ?? 0,
      endpointName: args.endpointName ?? name,
      apiKey: pulumi.secret(args.apiKey),
      endpointId: undefined,
      host: undefined,
      poolerHost: undefined,
    };
    super(provider, name, props, { ...opts, deleteBeforeReplace: true, additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? []), "apiKey"] }, "neon", "Endpoint");
  }
}
