/**
 * A thin, safe layer over `createApiClient` (@neondatabase/api-client 2.7.x).
 *
 * What it adds, per DESIGN §6 (API facts) and the Neon API docs (neon.com/docs/reference/api-reference,
 * read 2026-03):
 * - 423 (project locked by a running operation), 429 (past 700 req/min or 40 req/s per route) and
 *   503 are retried with exponential backoff and jitter, a bounded number of times;
 * - network errors are retried only for GET: a POST/PATCH/DELETE may have landed, so the caller
 *   decides (creates look the resource up by name first, deletes treat 404 as gone);
 * - every operation a mutation returns is polled until `finished` (`failed`/`error`/`cancelled`
 *   fail with the operation's error), within a bounded total wait;
 * - 401/403 fail at once with how to set the key.
 *
 * The dynamic providers build a client inside each method (they are serialised as closures), so
 * this module holds no state at module level.
 */
import {
  createApiClient,
  type Api,
  type Endpoint,
  type EndpointCreateRequest,
  type EndpointUpdateRequest,
  type Operation,
  type Project,
  type ProjectCreateRequest,
  type ProjectListItem,
  type ProjectUpdateRequest,
  type Branch,
} from "@neondatabase/api-client";

export const NEON_DEFAULT_API_BASE_URL = "https://console.neon.tech/api/v2";

/** Retry and wait budgets. Tests shrink them to milliseconds. */
export interface NeonTimings {
  /** Attempts per request for 423/429/503 (and network errors on GET), including the first. */
  readonly maxAttempts: number;
  /** First backoff, doubled per attempt, with jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff (also caps a server's Retry-After). */
  readonly maxDelayMs: number;
  /** Per-request timeout; a timeout counts as a network error. */
  readonly requestTimeoutMs: number;
  /** Delay between operation polls. */
  readonly pollIntervalMs: number;
  /** Total time to wait for the operations of one mutation. */
  readonly operationTimeoutMs: number;
}

/** Production defaults: ~2 min of backoff across 8 attempts; operations may take minutes. */
export const DEFAULT_NEON_TIMINGS: NeonTimings = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  requestTimeoutMs: 60_000,
  pollIntervalMs: 1_000,
  operationTimeoutMs: 15 * 60_000,
};

export interface NeonClientOptions {
  readonly apiKey: string;
  /**
   * API host or base URL: "console.neon.tech", "http://127.0.0.1:4010" or a full
   * ".../api/v2" URL. Default: env NEON_API_HOST, else https://console.neon.tech/api/v2.
   */
  readonly apiHost?: string;
  readonly timings?: Partial<NeonTimings>;
  /** Source of jitter in [0, 1); tests may pin it. */
  readonly random?: () => number;
}

export type NeonErrorKind =
  | "auth" // 401/403: bad or missing key, never retried
  | "not-found"
  | "conflict" // 409 that a lookup by name could not resolve
  | "http" // any other non-success status
  | "retries-exhausted" // 423/429/503 past maxAttempts
  | "network" // connection reset, refused, timed out
  | "operation-failed"
  | "operation-timeout"
  | "duplicate"; // more than one live resource answers to a name

/** Every failure of this layer, with the HTTP details when there were any. */
export class NeonError extends Error {
  constructor(
    message: string,
    readonly kind: NeonErrorKind,
    readonly status?: number,
    readonly code?: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "NeonError";
  }
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

interface AxiosLikeError {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
}

const RETRYABLE_STATUS = new Set([423, 429, 503]);
const TERMINAL_OK = new Set(["finished", "skipped"]);
const TERMINAL_BAD = new Set(["failed", "error", "cancelled"]);

/** Normalises `apiHost` to a base URL ending in /api/v2 unless a path is given. */
export function resolveNeonBaseUrl(apiHost?: string): string {
  const raw = (apiHost ?? process.env.NEON_API_HOST ?? "").trim();
  if (!raw) return NEON_DEFAULT_API_BASE_URL;
  const withScheme = /^https?:\/\//.test(raw) ? raw : `https://${raw}`;
  const url = new URL(withScheme);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path === "" ? "/api/v2" : path}`;
}

/** `ep-x-123.us-east-2.aws.neon.tech` → `ep-x-123-pooler.us-east-2.aws.neon.tech` (Neon's pooled host). */
export function poolerHostOf(host: string): string {
  const dot = host.indexOf(".");
  return dot < 0 ? `${host}-pooler` : `${host.slice(0, dot)}-pooler${host.slice(dot)}`;
}

export interface EnsureResult<T> {
  readonly value: T;
  /** True when an existing resource with that name was taken over instead of created. */
  readonly adopted: boolean;
}

export class NeonClient {
  readonly api: Api<unknown>;
  readonly timings: NeonTimings;
  readonly baseUrl: string;
  private readonly random: () => number;

  constructor(options: NeonClientOptions) {
    if (!options.apiKey || !options.apiKey.trim()) {
      throw new NeonError(
        "Neon API key is missing: set it with `pulumi config set --secret cutlist:neonApiKey <key>` or export NEON_API_KEY",
        "auth",
      );
    }
    this.timings = { ...DEFAULT_NEON_TIMINGS, ...(options.timings ?? {}) };
    this.baseUrl = resolveNeonBaseUrl(options.apiHost);
    this.random = options.random ?? Math.random;
    this.api = createApiClient({ apiKey: options.apiKey, baseURL: this.baseUrl, timeout: this.timings.requestTimeoutMs });
  }

  /** Backoff before attempt `attempt + 1`: base × 2^attempt, capped, "equal jitter" (half fixed, half random). */
  backoffMs(attempt: number, retryAfterSeconds?: number): number {
    const exp = Math.min(this.timings.maxDelayMs, this.timings.baseDelayMs * 2 ** attempt);
    const jittered = exp / 2 + this.random() * (exp / 2);
    const hinted = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? Math.min(this.timings.maxDelayMs, retryAfterSeconds * 1000) : 0;
    return Math.max(jittered, hinted);
  }

  /**
   * Runs one API call with the retry policy. `label` names the call in errors, e.g.
   * "GET /projects/{id}". Returns the response body.
   */
  async call<T>(method: Method, label: string, fn: (api: Api<unknown>) => Promise<{ data: T }>): Promise<T> {
    const { maxAttempts } = this.timings;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fn(this.api);
        return res.data;
      } catch (err) {
        const e = err as AxiosLikeError;
        const status = e.response?.status;
        if (status === undefined) {
          // No response: the request may or may not have reached Neon.
          if (!e.isAxiosError && !isNetworkCode(e.code)) throw err;
          if (method === "GET" && attempt + 1 < maxAttempts) {
            await sleep(this.backoffMs(attempt));
            continue;
          }
          throw new NeonError(
            `${label}: network error (${e.code ?? e.message ?? "unknown"})` +
              (method === "GET" ? ` after ${attempt + 1} attempts` : "; not retried because the request may have been applied — re-run to reconcile"),
            "network",
          );
        }
        const body = (e.response?.data ?? {}) as { code?: string; message?: string; request_id?: string };
        const detail = body.message ? `: ${body.message}` : "";
        if (status === 401 || status === 403) {
          throw new NeonError(
            `${label}: Neon rejected the API key (HTTP ${status}${detail}). Set a valid key with ` +
              "`pulumi config set --secret cutlist:neonApiKey <key>` or export NEON_API_KEY (create one at console.neon.tech → Account → API keys)",
            "auth",
            status,
            body.code,
            body.request_id,
          );
        }
        if (RETRYABLE_STATUS.has(status)) {
          if (attempt + 1 < maxAttempts) {
            const retryAfter = Number(e.response?.headers?.["retry-after"]);
            await sleep(this.backoffMs(attempt, Number.isFinite(retryAfter) ? retryAfter : undefined));
            continue;
          }
          throw new NeonError(`${label}: HTTP ${status}${detail} still after ${maxAttempts} attempts`, "retries-exhausted", status, body.code, body.request_id);
        }
        throw new NeonError(`${label}: HTTP ${status}${detail}`, status === 404 ? "not-found" : status === 409 ? "conflict" : "http", status, body.code, body.request_id);
      }
    }
  }

  /** Polls each operation until it is finished; one shared deadline for all of them. */
  async waitForOperations(projectId: string, operations: readonly Operation[] | undefined): Promise<void> {
    const deadline = Date.now() + this.timings.operationTimeoutMs;
    for (const op of operations ?? []) {
      let current = op;
      while (!TERMINAL_OK.has(current.status)) {
        if (TERMINAL_BAD.has(current.status)) {
          throw new NeonError(
            `Neon operation ${current.id} (${current.action}) on project ${projectId} ended ${current.status}${current.error ? `: ${current.error}` : ""}`,
            "operation-failed",
          );
        }
        if (Date.now() >= deadline) {
          throw new NeonError(
            `Neon operation ${current.id} (${current.action}) on project ${projectId} is still ${current.status} after ${this.timings.operationTimeoutMs} ms; ` +
              "it may still complete — check the Neon console, then re-run",
            "operation-timeout",
          );
        }
        await sleep(this.timings.pollIntervalMs);
        current = (await this.call("GET", `GET /projects/${projectId}/operations/${current.id}`, (api) => api.getProjectOperation(projectId, current.id))).operation;
      }
    }
  }

  /** Waits for whatever the project still has running (after adopting it, or before deleting). */
  async waitForProjectIdle(projectId: string): Promise<void> {
    const res = await this.call("GET", `GET /projects/${projectId}/operations`, (api) => api.listProjectOperations({ projectId, limit: 100 }));
    const pending = res.operations.filter((op) => !TERMINAL_OK.has(op.status) && !TERMINAL_BAD.has(op.status));
    await this.waitForOperations(projectId, pending);
  }

  // ---- projects ----

  async getProject(projectId: string): Promise<Project | undefined> {
    try {
      return (await this.call("GET", `GET /projects/${projectId}`, (api) => api.getProject(projectId))).project;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return undefined;
      throw err;
    }
  }

  /** Live projects whose name is exactly `name` (the API's `search` also matches substrings and ids). */
  async findProjectsByName(name: string, orgId?: string): Promise<ProjectListItem[]> {
    const found: ProjectListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await this.call("GET", "GET /projects", (api) => api.listProjects({ search: name, limit: 400, cursor, org_id: orgId }));
      found.push(...res.projects.filter((p) => p.name === name));
      const next = res.pagination?.cursor;
      if (!next || res.projects.length < 400 || next === cursor) break;
      cursor = next;
    }
    return found;
  }

  /**
   * Creates a project unless one with this name already answers to `matches`; adopts it then.
   * Looking up first makes a re-run after a lost response idempotent; a 409 triggers the same
   * lookup before deciding. Two matching projects are an error: we never pick one arbitrarily.
   */
  async ensureProject(request: ProjectCreateRequest, matches: (p: ProjectListItem) => boolean): Promise<EnsureResult<string>> {
    const name = request.project.name;
    if (!name) throw new NeonError("ensureProject needs project.name to stay idempotent", "http");
    const adoptExisting = async (): Promise<string | undefined> => {
      const same = await this.findProjectsByName(name, request.project.org_id);
      const fitting = same.filter(matches);
      if (fitting.length > 1) {
        throw new NeonError(
          `${fitting.length} Neon projects are named "${name}" (${fitting.map((p) => p.id).join(", ")}); delete the extras in the console, then re-run`,
          "duplicate",
        );
      }
      if (fitting.length === 1) {
        await this.waitForProjectIdle(fitting[0].id);
        return fitting[0].id;
      }
      return undefined;
    };
    const existing = await adoptExisting();
    if (existing) return { value: existing, adopted: true };
    try {
      const created = await this.call("POST", "POST /projects", (api) => api.createProject(request));
      await this.waitForOperations(created.project.id, created.operations);
      return { value: created.project.id, adopted: false };
    } catch (err) {
      if (!(err instanceof NeonError && err.status === 409)) throw err;
      const afterConflict = await adoptExisting();
      if (afterConflict) return { value: afterConflict, adopted: true };
      throw new NeonError(
        `POST /projects: Neon answered 409 for project "${name}" but no project with that name matches the requested region/Postgres version; rename it or remove the conflicting project`,
        "conflict",
        409,
        err.code,
        err.requestId,
      );
    }
  }

  async updateProject(projectId: string, request: ProjectUpdateRequest): Promise<Project> {
    const res = await this.call("PATCH", `PATCH /projects/${projectId}`, (api) => api.updateProject(projectId, request));
    await this.waitForOperations(projectId, res.operations);
    return res.project;
  }

  /** Deletes a project; false when it was already gone (404). */
  async deleteProject(projectId: string): Promise<boolean> {
    try {
      const res = await this.call("DELETE", `DELETE /projects/${projectId}`, (api) => api.deleteProject(projectId));
      const ops = (res as { operations?: Operation[] }).operations;
      if (ops?.length) await this.waitForOperations(projectId, ops);
      return true;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return false;
      throw err;
    }
  }

  async listBranches(projectId: string): Promise<Branch[]> {
    return (await this.call("GET", `GET /projects/${projectId}/branches`, (api) => api.listProjectBranches({ projectId }))).branches;
  }

  async defaultBranch(projectId: string): Promise<Branch> {
    const branches = await this.listBranches(projectId);
    const branch = branches.find((b) => b.default) ?? branches.find((b) => b.primary);
    if (!branch) throw new NeonError(`project ${projectId} has no default branch`, "not-found");
    return branch;
  }

  async connectionUri(projectId: string, params: { databaseName: string; roleName: string; endpointId?: string; branchId?: string; pooled: boolean }): Promise<string> {
    const res = await this.call("GET", `GET /projects/${projectId}/connection_uri`, (api) =>
      api.getConnectionUri({
        projectId,
        database_name: params.databaseName,
        role_name: params.roleName,
        endpoint_id: params.endpointId,
        branch_id: params.branchId,
        pooled: params.pooled,
      }),
    );
    return res.uri;
  }

  // ---- endpoints ----

  async listEndpoints(projectId: string): Promise<Endpoint[]> {
    return (await this.call("GET", `GET /projects/${projectId}/endpoints`, (api) => api.listProjectEndpoints(projectId))).endpoints;
  }

  async getEndpoint(projectId: string, endpointId: string): Promise<Endpoint | undefined> {
    try {
      return (await this.call("GET", `GET /projects/${projectId}/endpoints/${endpointId}`, (api) => api.getProjectEndpoint(projectId, endpointId))).endpoint;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return undefined;
      throw err;
    }
  }

  /** Creates an endpoint unless one with this name exists on the project and `matches`; same rules as ensureProject. */
  async ensureEndpoint(projectId: string, request: EndpointCreateRequest, matches: (e: Endpoint) => boolean): Promise<EnsureResult<Endpoint>> {
    const name = request.endpoint.name;
    if (!name) throw new NeonError("ensureEndpoint needs endpoint.name to stay idempotent", "http");
    const adoptExisting = async (): Promise<Endpoint | undefined> => {
      const same = (await this.listEndpoints(projectId)).filter((e) => e.name === name);
      const fitting = same.filter(matches);
      if (same.length > fitting.length) {
        const other = same.find((e) => !matches(e))!;
        throw new NeonError(
          `endpoint "${name}" already exists on project ${projectId} as ${other.id} (${other.type} on ${other.branch_id}), which does not match the requested ${request.endpoint.type} on ${request.endpoint.branch_id}; remove it or rename`,
          "conflict",
          409,
        );
      }
      if (fitting.length > 1) {
        throw new NeonError(`${fitting.length} endpoints are named "${name}" on project ${projectId} (${fitting.map((e) => e.id).join(", ")}); delete the extras, then re-run`, "duplicate");
      }
      if (fitting.length === 1) {
        await this.waitForProjectIdle(projectId);
        return fitting[0];
      }
      return undefined;
    };
    const existing = await adoptExisting();
    if (existing) return { value: existing, adopted: true };
    try {
      const created = await this.call("POST", `POST /projects/${projectId}/endpoints`, (api) => api.createProjectEndpoint(projectId, request));
      await this.waitForOperations(projectId, created.operations);
      return { value: created.endpoint, adopted: false };
    } catch (err) {
      if (!(err instanceof NeonError && err.status === 409)) throw err;
      const afterConflict = await adoptExisting();
      if (afterConflict) return { value: afterConflict, adopted: true };
      throw new NeonError(`POST /projects/${projectId}/endpoints: Neon answered 409 for endpoint "${name}" and no endpoint of that name matches`, "conflict", 409, err.code, err.requestId);
    }
  }

  async updateEndpoint(projectId: string, endpointId: string, request: EndpointUpdateRequest): Promise<Endpoint> {
    const res = await this.call("PATCH", `PATCH /projects/${projectId}/endpoints/${endpointId}`, (api) => api.updateProjectEndpoint(projectId, endpointId, request));
    await this.waitForOperations(projectId, res.operations);
    return res.endpoint;
  }

  /** Deletes an endpoint; false when it (or its project) was already gone (404). */
  async deleteEndpoint(projectId: string, endpointId: string): Promise<boolean> {
    try {
      const res = await this.call("DELETE", `DELETE /projects/${projectId}/endpoints/${endpointId}`, (api) => api.deleteProjectEndpoint(projectId, endpointId));
      await this.waitForOperations(projectId, res.operations);
      return true;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return false;
      throw err;
    }
  }
}

function isNetworkCode(code: string | undefined): boolean {
  return code !== undefined && ["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ERR_NETWORK", "ERR_SOCKET_CONNECTION_TIMEOUT"].includes(code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
