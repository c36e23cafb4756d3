/**
 * A thin, safe layer over `createApiClient` (@neondatabase/api-client 2.7.x).
 *
 * What it adds, per DESIGN §6 (API facts) and the Neon API docs (neon.com/docs/reference/api-reference,
 * read 2026-03):
 * - every request attempt has one total deadline (`requestTimeoutMs`: connect, headers and the whole
 *   body), enforced with an AbortSignal — axios's own `timeout` only bounds socket idleness, so a
 *   body trickled a few bytes at a time would outlive it;
 * - a 2xx answer must be a JSON object with the route's top-level key (`project`, `endpoints`, …);
 *   an HTML page, truncated JSON or a missing key is a `bad-response`, never read as "gone";
 * - 423 (project locked by a running operation) and 429 (past 700 req/min or 40 req/s per route)
 *   mean Neon did nothing: retried for every method, with exponential backoff and jitter;
 * - 500/502/503/504, network errors, timeouts and bad responses are retried (same backoff) for the
 *   idempotent requests only: GET, and our PATCHes and DELETEs, which set absolute values or answer
 *   404 once done. A POST may have landed, so it is never repeated here: the `ensure*` methods look
 *   the resource up before deciding;
 * - every operation a mutation returns is polled until `finished` (`failed`/`error`/`cancelled`
 *   fail with the operation's error), within a bounded total wait;
 * - 401/403 fail at once with how to set the key.
 *
 * The dynamic providers build a client inside each method (they are serialised as closures), so
 * this module holds no state at module level.
 */
import type {
  Api,
  Branch,
  Endpoint,
  EndpointCreateRequest,
  EndpointUpdateRequest,
  Operation,
  Project,
  ProjectCreateRequest,
  ProjectListItem,
  ProjectUpdateRequest,
  RequestParams,
} from "@neondatabase/api-client";

export const NEON_DEFAULT_API_BASE_URL = "https://console.neon.tech/api/v2";

/** Retry and wait budgets. Tests shrink them to milliseconds. */
export interface NeonTimings {
  /** Attempts per request for a retryable failure (see the module comment), including the first. */
  readonly maxAttempts: number;
  /** First backoff, doubled per attempt, with jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff (also caps a server's Retry-After). */
  readonly maxDelayMs: number;
  /** Total deadline of one request attempt: connect, headers and the whole body. */
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
  | "conflict" // 409 that a lookup could not resolve
  | "http" // any other non-success status
  | "retries-exhausted" // 423/429/5xx past maxAttempts
  | "server-error" // 5xx to a POST: not repeated blindly (the ensure* methods look up first)
  | "bad-response" // a 2xx whose body is not the JSON object the route returns
  | "network" // connection reset, refused, dropped
  | "timeout" // no complete answer within requestTimeoutMs
  | "operation-failed"
  | "operation-timeout"
  | "duplicate"; // more than one live resource answers to a create

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

/** Passed on to each api-client call (merged into its axios request config). */
export type NeonRequestConfig = RequestParams & { readonly signal: AbortSignal };

interface AxiosLikeError {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
}

/** Neon did nothing (locked, rate-limited): safe to repeat any request. */
const BUSY_STATUS = new Set([423, 429]);
/** The server failed: the request may or may not have been applied. */
const SERVER_ERROR_STATUS = new Set([500, 502, 503, 504]);
const TERMINAL_OK = new Set(["finished", "skipped"]);
const TERMINAL_BAD = new Set(["failed", "error", "cancelled"]);

/** One attempt's outcome when it did not yield the expected body. */
type AttemptFailure =
  | { readonly type: "busy" | "server"; readonly status: number; readonly detail: string; readonly code?: string; readonly requestId?: string; readonly retryAfter?: number }
  | { readonly type: "network"; readonly detail: string }
  | { readonly type: "timeout" }
  | { readonly type: "bad-response"; readonly status: number; readonly detail: string }
  | { readonly type: "final"; readonly error: NeonError };

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
  /** True when a resource left by an earlier, unfinished run of the same create was taken over. */
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
    // No axios `timeout`: it bounds socket idleness only. Each attempt gets a total deadline in `call`.
    // Required here, not at the top: the API client (and axios) load only when something talks
    // to Neon, never while the plan records a program.
    const { createApiClient } = require("@neondatabase/api-client") as typeof import("@neondatabase/api-client");
    this.api = createApiClient({ apiKey: options.apiKey, baseURL: this.baseUrl });
  }

  /** Backoff before attempt `attempt + 1`: base × 2^attempt, capped, "equal jitter" (half fixed, half random). */
  backoffMs(attempt: number, retryAfterSeconds?: number): number {
    const exp = Math.min(this.timings.maxDelayMs, this.timings.baseDelayMs * 2 ** attempt);
    const jittered = exp / 2 + this.random() * (exp / 2);
    const hinted = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? Math.min(this.timings.maxDelayMs, retryAfterSeconds * 1000) : 0;
    return Math.max(jittered, hinted);
  }

  /**
   * Runs one API call with the retry policy and returns its body, which must be a JSON object
   * holding `key` (the route's top-level field). `label` names the call in errors, e.g.
   * "GET /projects/{id}"; `fn` must pass `config` on to the api-client method (it carries the
   * deadline's AbortSignal).
   */
  async call<T>(method: Method, label: string, key: string, fn: (api: Api<unknown>, config: NeonRequestConfig) => Promise<{ data: T; status?: number }>): Promise<T> {
    const { maxAttempts } = this.timings;
    // POST creates: repeating one may create twice. Our PATCHes set absolute values and a repeated
    // DELETE answers 404 (= gone), so those are as safe to repeat as a GET.
    const idempotent = method !== "POST";
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(label, key, fn);
      if ("data" in outcome) return outcome.data;
      const failure = outcome.failure;
      const more = attempt + 1 < maxAttempts;
      const tries = `after ${attempt + 1} attempts`;
      const mayHaveLanded = "; not retried because the request may have been applied — re-run to reconcile";
      switch (failure.type) {
        case "final":
          throw failure.error;
        case "busy":
        case "server":
          if (failure.type === "busy" || idempotent) {
            if (more) {
              await sleep(this.backoffMs(attempt, failure.retryAfter));
              continue;
            }
            throw new NeonError(`${label}: HTTP ${failure.status}${failure.detail} still after ${maxAttempts} attempts`, "retries-exhausted", failure.status, failure.code, failure.requestId);
          }
          throw new NeonError(`${label}: HTTP ${failure.status}${failure.detail}; the request may have been applied`, "server-error", failure.status, failure.code, failure.requestId);
        case "network":
        case "timeout": {
          if (idempotent && more) {
            await sleep(this.backoffMs(attempt));
            continue;
          }
          const what = failure.type === "network" ? `network error (${failure.detail})` : `no complete answer within ${this.timings.requestTimeoutMs} ms (connect, headers and body)`;
          throw new NeonError(`${label}: ${what}${idempotent ? ` ${tries}` : mayHaveLanded}`, failure.type);
        }
        case "bad-response":
          if (idempotent && more) {
            await sleep(this.backoffMs(attempt));
            continue;
          }
          throw new NeonError(
            `${label}: Neon answered HTTP ${failure.status} with ${failure.detail} instead of a JSON object with "${key}"` +
              (idempotent ? ` ${tries}` : "; the request may have been applied"),
            "bad-response",
            failure.status,
          );
      }
    }
  }

  /** One request under the total deadline, classified. */
  private async attempt<T>(label: string, key: string, fn: (api: Api<unknown>, config: NeonRequestConfig) => Promise<{ data: T; status?: number }>): Promise<{ data: T } | { failure: AttemptFailure }> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timings.requestTimeoutMs);
    try {
      const res = await fn(this.api, { signal: deadline.signal });
      const problem = bodyProblem(res.data, key);
      return problem ? { failure: { type: "bad-response", status: res.status ?? 200, detail: problem } } : { data: res.data };
    } catch (err) {
      if (deadline.signal.aborted) return { failure: { type: "timeout" } };
      const e = err as AxiosLikeError;
      const status = e.response?.status;
      if (status === undefined) {
        // No response: the request may or may not have reached Neon.
        if (!e.isAxiosError && !isNetworkCode(e.code)) throw err;
        return { failure: { type: "network", detail: e.code ?? e.message ?? "unknown" } };
      }
      // A 2xx that failed while its body streamed (connection cut mid-body).
      if (status >= 200 && status < 300) return { failure: { type: "bad-response", status, detail: `a body cut short (${e.code ?? e.message ?? "aborted"})` } };
      const body = e.response?.data;
      const fields = (body && typeof body === "object" ? body : {}) as { code?: string; message?: string; request_id?: string };
      const detail = fields.message ? `: ${fields.message}` : typeof body === "string" && body.trim() ? `: ${excerpt(body)}` : "";
      if (status === 401 || status === 403) {
        return {
          failure: {
            type: "final",
            error: new NeonError(
              `${label}: Neon rejected the API key (HTTP ${status}${detail}). Set a valid key with ` +
                "`pulumi config set --secret cutlist:neonApiKey <key>` or export NEON_API_KEY (create one at console.neon.tech → Account → API keys)",
              "auth",
              status,
              fields.code,
              fields.request_id,
            ),
          },
        };
      }
      const retryAfter = Number(e.response?.headers?.["retry-after"]);
      const common = { status, detail, code: fields.code, requestId: fields.request_id, retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined };
      if (BUSY_STATUS.has(status)) return { failure: { type: "busy", ...common } };
      if (SERVER_ERROR_STATUS.has(status)) return { failure: { type: "server", ...common } };
      const kind: NeonErrorKind = status === 404 ? "not-found" : status === 409 ? "conflict" : "http";
      return { failure: { type: "final", error: new NeonError(`${label}: HTTP ${status}${detail}`, kind, status, fields.code, fields.request_id) } };
    } finally {
      clearTimeout(timer);
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
        const opId = current.id;
        current = (await this.call("GET", `GET /projects/${projectId}/operations/${opId}`, "operation", (api, cfg) => api.getProjectOperation(projectId, opId, cfg))).operation;
      }
    }
  }

  /** Waits for whatever the project still has running (after adopting it, or before deleting). */
  async waitForProjectIdle(projectId: string): Promise<void> {
    const res = await this.call("GET", `GET /projects/${projectId}/operations`, "operations", (api, cfg) => api.listProjectOperations({ projectId, limit: 100 }, cfg));
    const pending = res.operations.filter((op) => !TERMINAL_OK.has(op.status) && !TERMINAL_BAD.has(op.status));
    await this.waitForOperations(projectId, pending);
  }

  // ---- projects ----

  /** The project, or undefined when Neon answers 404 (never for an unreadable answer: that throws). */
  async getProject(projectId: string): Promise<Project | undefined> {
    try {
      return (await this.call("GET", `GET /projects/${projectId}`, "project", (api, cfg) => api.getProject(projectId, cfg))).project;
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
      const res = await this.call("GET", "GET /projects", "projects", (api, cfg) => api.listProjects({ search: name, limit: 400, cursor, org_id: orgId }, cfg));
      found.push(...res.projects.filter((p) => p.name === name));
      const next = res.pagination?.cursor;
      if (!next || res.projects.length < 400 || next === cursor) break;
      cursor = next;
    }
    return found;
  }

  /**
   * Creates a project, or adopts the one an earlier, unfinished run of this very create left
   * behind (its response was lost, or it failed before returning). Never adopts anything else.
   *
   * The proof is the default branch's name: the request must name it with a per-create claim
   * (`request.project.branch.name`, e.g. `creating-<token>`), which the caller renames once the
   * create has completed (`renameBranch`). A project found under the same name, region and
   * Postgres version (`matches`) whose default branch still carries the claim is this create's;
   * a finished one — such as the project a replacement replaces — never is.
   *
   * A POST is never repeated blindly: after a 5xx or an unreadable 2xx, the lookup runs first and
   * the POST is sent again only when nothing of this create exists. A 409 also triggers the
   * lookup. Two claimed projects are an error: we never pick one.
   */
  async ensureProject(request: ProjectCreateRequest, matches: (p: ProjectListItem) => boolean): Promise<EnsureResult<string>> {
    const name = request.project.name;
    const claim = request.project.branch?.name;
    if (!name || !claim) throw new NeonError("ensureProject needs project.name and the claim in project.branch.name to stay idempotent", "http");
    const orgId = request.project.org_id;
    /** Same-named projects, each with whether it fits and whether its default branch holds the claim. */
    const survey = async () => {
      const same = await this.findProjectsByName(name, orgId);
      const seen: { project: ProjectListItem; fits: boolean; claimed: boolean }[] = [];
      for (const project of same) {
        const fits = matches(project);
        const claimed = fits && (await this.defaultBranchNameOf(project.id)) === claim;
        seen.push({ project, fits, claimed });
      }
      return seen;
    };
    const adoptClaimed = async (seen: Awaited<ReturnType<typeof survey>>): Promise<string | undefined> => {
      const ours = seen.filter((s) => s.claimed).map((s) => s.project);
      if (ours.length > 1) {
        throw new NeonError(
          `${ours.length} Neon projects named "${name}" were left by unfinished creates of this resource (${ours.map((p) => p.id).join(", ")}); delete the extras in the console, then re-run`,
          "duplicate",
        );
      }
      if (ours.length === 0) return undefined;
      await this.waitForProjectIdle(ours[0].id);
      return ours[0].id;
    };
    const existing = await adoptClaimed(await survey());
    if (existing) return { value: existing, adopted: true };
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.call("POST", "POST /projects", "project", (api, cfg) => api.createProject(request, cfg));
        await this.waitForOperations(created.project.id, created.operations);
        return { value: created.project.id, adopted: false };
      } catch (err) {
        if (!(err instanceof NeonError) || !["conflict", "server-error", "bad-response"].includes(err.kind)) throw err;
        const seen = await survey();
        const adopted = await adoptClaimed(seen);
        if (adopted) return { value: adopted, adopted: true };
        if (err.kind !== "conflict") {
          // Not created (the lookup shows nothing of ours): safe to ask again.
          if (attempt + 1 < this.timings.maxAttempts) {
            await sleep(this.backoffMs(attempt));
            continue;
          }
          throw new NeonError(`${err.message}; still after ${attempt + 1} attempts, and no project of this create exists`, "retries-exhausted", err.status);
        }
        const others = seen.map((s) => `${s.project.id} (${s.project.region_id}, Postgres ${s.project.pg_version}${s.fits ? ", not left by this create" : ""})`);
        throw new NeonError(
          `POST /projects: Neon answered 409 for project "${name}" but no project with that name matches the requested region/Postgres version ` +
            `and awaits this create${others.length ? ` (found: ${others.join(", ")})` : ""}; rename it or remove the conflicting project`,
          "conflict",
          409,
          err.code,
          err.requestId,
        );
      }
    }
  }

  /** Name of the project's default branch; undefined when the project is gone. */
  private async defaultBranchNameOf(projectId: string): Promise<string | undefined> {
    try {
      return (await this.defaultBranch(projectId)).name;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return undefined;
      throw err;
    }
  }

  async updateProject(projectId: string, request: ProjectUpdateRequest): Promise<Project> {
    const res = await this.call("PATCH", `PATCH /projects/${projectId}`, "project", (api, cfg) => api.updateProject(projectId, request, cfg));
    await this.waitForOperations(projectId, res.operations);
    return res.project;
  }

  /** Deletes a project; false when it was already gone (404). */
  async deleteProject(projectId: string): Promise<boolean> {
    try {
      const res = await this.call("DELETE", `DELETE /projects/${projectId}`, "project", (api, cfg) => api.deleteProject(projectId, cfg));
      const ops = (res as { operations?: Operation[] }).operations;
      if (ops?.length) await this.waitForOperations(projectId, ops);
      return true;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return false;
      throw err;
    }
  }

  async listBranches(projectId: string): Promise<Branch[]> {
    return (await this.call("GET", `GET /projects/${projectId}/branches`, "branches", (api, cfg) => api.listProjectBranches({ projectId }, cfg))).branches;
  }

  async defaultBranch(projectId: string): Promise<Branch> {
    const branches = await this.listBranches(projectId);
    const branch = branches.find((b) => b.default) ?? branches.find((b) => b.primary);
    if (!branch) throw new NeonError(`project ${projectId} has no default branch`, "not-found");
    return branch;
  }

  async renameBranch(projectId: string, branchId: string, name: string): Promise<Branch> {
    const res = await this.call("PATCH", `PATCH /projects/${projectId}/branches/${branchId}`, "branch", (api, cfg) => api.updateProjectBranch(projectId, branchId, { branch: { name } }, cfg));
    await this.waitForOperations(projectId, res.operations);
    return res.branch;
  }

  async connectionUri(projectId: string, params: { databaseName: string; roleName: string; endpointId?: string; branchId?: string; pooled: boolean }): Promise<string> {
    const res = await this.call("GET", `GET /projects/${projectId}/connection_uri`, "uri", (api, cfg) =>
      api.getConnectionUri(
        {
          projectId,
          database_name: params.databaseName,
          role_name: params.roleName,
          endpoint_id: params.endpointId,
          branch_id: params.branchId,
          pooled: params.pooled,
        },
        cfg,
      ),
    );
    return res.uri;
  }

  // ---- endpoints ----

  async listEndpoints(projectId: string): Promise<Endpoint[]> {
    return (await this.call("GET", `GET /projects/${projectId}/endpoints`, "endpoints", (api, cfg) => api.listProjectEndpoints(projectId, cfg))).endpoints;
  }

  /** The endpoint, or undefined when Neon answers 404 (never for an unreadable answer: that throws). */
  async getEndpoint(projectId: string, endpointId: string): Promise<Endpoint | undefined> {
    try {
      return (await this.call("GET", `GET /projects/${projectId}/endpoints/${endpointId}`, "endpoint", (api, cfg) => api.getProjectEndpoint(projectId, endpointId, cfg))).endpoint;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return undefined;
      throw err;
    }
  }

  /**
   * Creates an endpoint unless one with this name exists on the project and `matches`; adopts it
   * then. Endpoint names are unique per resource and a replaced endpoint is deleted before its
   * replacement is created (`NeonEndpoint` forces deleteBeforeReplace), so the only same-named
   * endpoint a create can meet is one its own earlier, unfinished run made. POST retries follow
   * ensureProject: after a 5xx or an unreadable 2xx, look up before asking again.
   */
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
    const label = `POST /projects/${projectId}/endpoints`;
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.call("POST", label, "endpoint", (api, cfg) => api.createProjectEndpoint(projectId, request, cfg));
        await this.waitForOperations(projectId, created.operations);
        return { value: created.endpoint, adopted: false };
      } catch (err) {
        if (!(err instanceof NeonError) || !["conflict", "server-error", "bad-response"].includes(err.kind)) throw err;
        const found = await adoptExisting();
        if (found) return { value: found, adopted: true };
        if (err.kind !== "conflict") {
          if (attempt + 1 < this.timings.maxAttempts) {
            await sleep(this.backoffMs(attempt));
            continue;
          }
          throw new NeonError(`${err.message}; still after ${attempt + 1} attempts, and no endpoint "${name}" exists`, "retries-exhausted", err.status);
        }
        throw new NeonError(`${label}: Neon answered 409 for endpoint "${name}" and no endpoint of that name matches`, "conflict", 409, err.code, err.requestId);
      }
    }
  }

  async updateEndpoint(projectId: string, endpointId: string, request: EndpointUpdateRequest): Promise<Endpoint> {
    const res = await this.call("PATCH", `PATCH /projects/${projectId}/endpoints/${endpointId}`, "endpoint", (api, cfg) => api.updateProjectEndpoint(projectId, endpointId, request, cfg));
    await this.waitForOperations(projectId, res.operations);
    return res.endpoint;
  }

  /** Deletes an endpoint; false when it (or its project) was already gone (404). */
  async deleteEndpoint(projectId: string, endpointId: string): Promise<boolean> {
    try {
      const res = await this.call("DELETE", `DELETE /projects/${projectId}/endpoints/${endpointId}`, "endpoint", (api, cfg) => api.deleteProjectEndpoint(projectId, endpointId, cfg));
      await this.waitForOperations(projectId, res.operations);
      return true;
    } catch (err) {
      if (err instanceof NeonError && err.kind === "not-found") return false;
      throw err;
    }
  }
}

/** Why a 2xx body is not what the route returns (an object holding `key`), or undefined when it is. */
function bodyProblem(data: unknown, key: string): string | undefined {
  if (typeof data === "string") return data.trimStart().startsWith("<") ? `an HTML page (${excerpt(data)})` : `unparseable JSON (${excerpt(data)})`;
  if (data === null || data === undefined) return "an empty body";
  if (typeof data !== "object" || Array.isArray(data)) return `a JSON ${Array.isArray(data) ? "array" : typeof data}`;
  const value = (data as Record<string, unknown>)[key];
  return value === undefined || value === null ? `a JSON object without "${key}"` : undefined;
}

/** The first characters of a body, on one line, for an error message. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 60)}…` : flat);
}

function isNetworkCode(code: string | undefined): boolean {
  return code !== undefined && ["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ERR_NETWORK", "ERR_SOCKET_CONNECTION_TIMEOUT"].includes(code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
