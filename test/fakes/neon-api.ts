/**
 * A fake Neon API v2 on 127.0.0.1 (random port) for provider tests.
 *
 * It implements the routes the provider uses, with shapes from the OpenAPI spec shipped in
 * @neondatabase/api-client 2.7.3 (`public-v2-for-users.gen.yaml`; test/neon/fake-spec.test.ts
 * validates every recorded exchange against it). Operations run asynchronously: `running`
 * until `operationMs` has passed, then `finished` — computed when read, so no timers. While a
 * project has a running operation, mutations on it answer 423 like Neon does.
 *
 * Fault injection: a seeded failure rate over chosen kinds, or forced faults for the next
 * matching requests. Kinds:
 * - refused before processing: HTTP 429 / 423 / 500 / 502 / 503 / 504; `drop` (connection
 *   destroyed); `html` (a proxy's 200 HTML page);
 * - processed, then the answer goes wrong: `slow` (delayed); `lost` (connection destroyed, no
 *   answer); `502-applied` (a gateway's 502 although the request was applied); `truncated`
 *   (200, the JSON cut in half, content-length to match); `empty-object` (200 `{}`: no top-level
 *   field); `cut` (200, content-length promised, half the body sent, connection destroyed);
 *   `trickle` (200, the body sent one byte every `trickleMs` — each gap far below any idle
 *   timeout, the whole far beyond any sane deadline).
 * Random faults draw from every kind but `trickle` unless `faultKinds` says otherwise.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export const FAULT_KINDS = ["429", "503", "423", "slow", "drop", "lost", "500", "502", "504", "502-applied", "html", "truncated", "empty-object", "cut", "trickle"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Kinds a random fault draws from by default: all but `trickle`, which would make a soak slow. */
export const RANDOM_FAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((k) => k !== "trickle");

export interface FakeNeonOptions {
  /** Key accepted as `Authorization: Bearer <key>`. Default "test-key". */
  readonly apiKey?: string;
  /** Keys answered with 403 (valid but not allowed). */
  readonly forbiddenKeys?: readonly string[];
  /** How long an operation stays `running`. Default 5 ms. */
  readonly operationMs?: number;
  /** Share of requests that get a random fault, 0..1. Default 0. */
  readonly faultRate?: number;
  readonly faultKinds?: readonly FaultKind[];
  /** Delay of a `slow` response. Default 20 ms. */
  readonly slowMs?: number;
  /** Gap between the bytes of a `trickle` body. Default 20 ms. */
  readonly trickleMs?: number;
  /** Seed of the fault PRNG, so a soak run is reproducible. Default 1. */
  readonly seed?: number;
  /** Answer 409 to a second live project (or endpoint in a project) of the same name. Default true. Real Neon does not, so the soak test turns it off. */
  readonly uniqueNames?: boolean;
  /** Keep every exchange (for the spec test). Default false. */
  readonly recordExchanges?: boolean;
}

export interface Exchange {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly requestBody?: unknown;
  readonly responseBody: unknown;
}

export interface ForcedFault {
  readonly kind: FaultKind | 401 | 403 | 404 | 500;
  /** Only requests with this method. */
  readonly method?: string;
  /** Only requests whose path (after /api/v2) matches. */
  readonly path?: RegExp;
  /** How many matching requests get it. Default 1. */
  readonly count?: number;
}

interface OpRecord {
  id: string;
  projectId: string;
  branchId?: string;
  endpointId?: string;
  action: string;
  createdAt: string;
  startedMs: number;
  finishAt: number;
  final: "finished" | "failed";
  error?: string;
}

interface ProjectRecord {
  id: string;
  name: string;
  regionId: string;
  pgVersion: number;
  historyRetentionSeconds: number;
  defaults: { autoscaling_limit_min_cu?: number; autoscaling_limit_max_cu?: number; suspend_timeout_seconds?: number };
  orgId?: string;
  branchId: string;
  branchName: string;
  roleName: string;
  password: string;
  databaseName: string;
  createdAt: string;
  updatedAt: string;
}

interface EndpointRecord {
  id: string;
  name?: string;
  projectId: string;
  branchId: string;
  type: "read_write" | "read_only";
  min: number;
  max: number;
  suspend: number;
  createdAt: string;
  updatedAt: string;
  readyAt: number;
}

export interface FakeStats {
  requests: number;
  faults: Record<FaultKind, number>;
  forced: number;
  /** Natural 423s (a mutation while an operation ran). */
  locked: number;
  status: Record<string, number>;
  projectsCreated: number;
  endpointsCreated: number;
  projectsDeleted: number;
  endpointsDeleted: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CU_SIZES = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56];

/** mulberry32: small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FakeNeonApi {
  readonly url: string;
  readonly stats: FakeStats;
  readonly exchanges: Exchange[] = [];
  /** Ids of projects / endpoints removed by a DELETE (not cascades). */
  readonly deletedProjectIds: string[] = [];
  readonly deletedEndpointIds: string[] = [];
  /** Endpoint ids removed because their project was deleted. */
  readonly cascadedEndpointIds: string[] = [];

  private readonly projects = new Map<string, ProjectRecord>();
  private readonly endpoints = new Map<string, EndpointRecord>();
  private readonly operations = new Map<string, OpRecord>();
  private readonly forced: (ForcedFault & { left: number })[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextFailure?: string;
  private stallNext = false;
  private counter = 0;
  private random: () => number;
  private options: Required<Omit<FakeNeonOptions, "forbiddenKeys">> & { forbiddenKeys: readonly string[] };

  private constructor(
    private readonly server: http.Server,
    options: FakeNeonOptions,
  ) {
    this.options = {
      apiKey: "test-key",
      forbiddenKeys: [],
      operationMs: 5,
      faultRate: 0,
      faultKinds: RANDOM_FAULT_KINDS,
      slowMs: 20,
      trickleMs: 20,
      seed: 1,
      uniqueNames: true,
      recordExchanges: false,
      ...options,
    };
    this.random = prng(this.options.seed);
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/v2`;
    this.stats = {
      requests: 0,
      faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
      forced: 0,
      locked: 0,
      status: {},
      projectsCreated: 0,
      endpointsCreated: 0,
      projectsDeleted: 0,
      endpointsDeleted: 0,
    };
  }

  static async start(options: FakeNeonOptions = {}): Promise<FakeNeonApi> {
    let fake: FakeNeonApi | undefined;
    const server = http.createServer((req, res) => fake!.handle(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake = new FakeNeonApi(server, options);
    return fake;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Changes the random fault rate (and kinds) from now on. */
  setFaults(rate: number, kinds: readonly FaultKind[] = RANDOM_FAULT_KINDS): void {
    this.options = { ...this.options, faultRate: rate, faultKinds: kinds };
  }

  /** Forces a fault on the next matching request(s), before any random one. */
  injectNext(fault: ForcedFault): void {
    this.forced.push({ ...fault, left: fault.count ?? 1 });
  }

  /** The next operation created ends `failed` with this error. */
  failNextOperation(error = "compute failed to start: out of capacity"): void {
    this.nextFailure = error;
  }

  /** The next operation created stays `running` forever. */
  stallNextOperation(): void {
    this.stallNext = true;
  }

  // ---- inspection ----

  liveProjects(): { id: string; name: string; regionId: string; pgVersion: number; historyRetentionSeconds: number; defaults: ProjectRecord["defaults"]; branchName: string; databaseName: string }[] {
    return [...this.projects.values()].map((p) => ({
      id: p.id,
      name: p.name,
      regionId: p.regionId,
      pgVersion: p.pgVersion,
      historyRetentionSeconds: p.historyRetentionSeconds,
      defaults: { ...p.defaults },
      branchName: p.branchName,
      databaseName: p.databaseName,
    }));
  }

  liveEndpoints(projectId?: string): { id: string; name?: string; projectId: string; branchId: string; type: string; min: number; max: number; suspend: number }[] {
    return [...this.endpoints.values()]
      .filter((e) => projectId === undefined || e.projectId === projectId)
      .map((e) => ({ id: e.id, name: e.name, projectId: e.projectId, branchId: e.branchId, type: e.type, min: e.min, max: e.max, suspend: e.suspend }));
  }

  /** Changes an endpoint behind the provider's back (drift). */
  driftEndpoint(endpointId: string, change: Partial<Pick<EndpointRecord, "min" | "max" | "suspend">>): void {
    const e = this.endpoints.get(endpointId);
    if (!e) throw new Error(`no endpoint ${endpointId}`);
    Object.assign(e, change);
  }

  /** Deletes a project behind the provider's back. */
  removeProject(projectId: string): void {
    this.projects.delete(projectId);
    for (const e of [...this.endpoints.values()]) if (e.projectId === projectId) this.endpoints.delete(e.id);
  }

  // ---- HTTP ----

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      this.stats.requests++;
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", "http://fake");
      const path = url.pathname.replace(/^\/api\/v2/, "");
      const fault = this.pickFault(method, path);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}, operationId = "unknown", requestBody?: unknown) => {
        this.stats.status[status] = (this.stats.status[status] ?? 0) + 1;
        if (this.options.recordExchanges) this.exchanges.push({ operationId, method, path, status, requestBody, responseBody: body });
        const text = JSON.stringify(body);
        const write = () => {
          if (res.destroyed) return;
          res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
          res.end(text);
        };
        if (fault === "slow") this.later(this.options.slowMs, write);
        else if (fault === "lost") req.socket.destroy();
        else if (fault === "502-applied") this.writeRaw(res, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        else if (fault === "truncated") this.writeRaw(res, 200, "application/json", text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        else if (fault === "empty-object") this.writeRaw(res, 200, "application/json", "{}");
        else if (fault === "cut") this.cut(req, res, text);
        else if (fault === "trickle") this.trickle(res, text);
        else write();
      };
      if (fault === "drop") {
        req.socket.destroy();
        return;
      }
      if (fault === "html") return this.writeRaw(res, 200, "text/html", "<!doctype html><html><head><title>Just a moment...</title></head><body>checking your browser</body></html>");
      if (fault === "429") return send(429, { code: "", message: "rate limit exceeded" }, { "retry-after": "1" });
      if (fault === "503") return send(503, { code: "", message: "service unavailable, try again" });
      if (fault === "500" || fault === "502" || fault === "504") return send(Number(fault), { code: "", message: `forced ${fault}` });
      if (fault === "423") return send(423, { code: "", message: "project already has running conflicting operations, scheduling of new ones is prohibited" });
      if (typeof fault === "number") return send(fault, { code: "", message: fault === 401 ? "authentication required" : `forced ${fault}` });

      const auth = req.headers.authorization ?? "";
      const key = auth.startsWith("Bearer ") ? auth.slice(7) : "";
      if (this.options.forbiddenKeys.includes(key)) return send(403, { code: "", message: "this API key has no access to the requested resource" });
      if (key !== this.options.apiKey) return send(401, { code: "", message: "authentication required" });

      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return send(400, { code: "", message: "request body is not valid JSON" });
      }
      try {
        const [operationId, status, out] = this.route(method, path, url.searchParams, body);
        send(status, out, {}, operationId, body);
      } catch (err) {
        if (err instanceof HttpError) {
          if (err.status === 423) this.stats.locked++;
          send(err.status, { code: "", message: err.message, request_id: randomUUID() }, {}, "error", body);
        } else {
          send(500, { code: "", message: String(err) }, {}, "error", body);
        }
      }
    });
  }

  /** Writes a whole answer that is not what the route returns. */
  private writeRaw(res: http.ServerResponse, status: number, contentType: string, text: string): void {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  /** Promises the whole body, sends half, then drops the connection. */
  private cut(req: http.IncomingMessage, res: http.ServerResponse, text: string): void {
    if (res.destroyed) return;
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    this.later(5, () => req.socket.destroy());
  }

  /** Sends the body one byte every `trickleMs`: never idle, never done in time. */
  private trickle(res: http.ServerResponse, text: string): void {
    if (res.destroyed) return;
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    let sent = 0;
    const next = () => {
      if (res.destroyed) return;
      if (sent >= text.length) return void res.end();
      res.write(text[sent++]);
      this.later(this.options.trickleMs, next);
    };
    next();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private pickFault(method: string, path: string): FaultKind | 401 | 403 | 404 | 500 | undefined {
    const forced = this.forced.find((f) => f.left > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)));
    if (forced) {
      forced.left--;
      this.stats.forced++;
      if (typeof forced.kind === "string") this.stats.faults[forced.kind]++;
      return forced.kind;
    }
    if (this.options.faultRate > 0 && this.random() < this.options.faultRate) {
      const kinds = this.options.faultKinds;
      const kind = kinds[Math.floor(this.random() * kinds.length)];
      this.stats.faults[kind]++;
      return kind;
    }
    return undefined;
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown): [string, number, unknown] {
    const parts = path.split("/").filter(Boolean);
    if (parts[0] !== "projects") throw new HttpError(404, `no route ${method} ${path}`);
    if (parts.length === 1) {
      if (method === "GET") return ["listProjects", 200, this.listProjects(query)];
      if (method === "POST") return ["createProject", 201, this.createProject(body)];
    }
    const project = this.projects.get(parts[1]);
    if (!project) throw new HttpError(404, `project ${parts[1]} not found`);
    if (parts.length === 2) {
      if (method === "GET") return ["getProject", 200, { project: this.projectView(project) }];
      if (method === "PATCH") return ["updateProject", 200, this.updateProject(project, body)];
      if (method === "DELETE") return ["deleteProject", 200, this.deleteProject(project)];
    }
    const sub = parts[2];
    if (sub === "operations" && parts.length === 3 && method === "GET") {
      const ops = [...this.operations.values()].filter((o) => o.projectId === project.id).reverse();
      const limit = Number(query.get("limit") ?? 100);
      const page = ops.slice(0, limit).map((o) => this.opView(o));
      return ["listProjectOperations", 200, { operations: page, ...(page.length ? { pagination: { cursor: page[page.length - 1].created_at } } : {}) }];
    }
    if (sub === "operations" && parts.length === 4 && method === "GET") {
      const op = this.operations.get(parts[3]);
      if (!op || op.projectId !== project.id) throw new HttpError(404, `operation ${parts[3]} not found`);
      return ["getProjectOperation", 200, { operation: this.opView(op) }];
    }
    if (sub === "branches" && parts.length === 3 && method === "GET") {
      return ["listProjectBranches", 200, { branches: [this.branchView(project)], annotations: {} }];
    }
    if (sub === "branches" && parts.length === 4 && method === "PATCH") {
      if (parts[3] !== project.branchId) throw new HttpError(404, `branch ${parts[3]} not found`);
      return ["updateProjectBranch", 200, this.updateBranch(project, body)];
    }
    if (sub === "connection_uri" && parts.length === 3 && method === "GET") {
      return ["getConnectionURI", 200, this.connectionUri(project, query)];
    }
    if (sub === "endpoints") {
      if (parts.length === 3 && method === "GET") return ["listProjectEndpoints", 200, { endpoints: this.endpointsOf(project.id).map((e) => this.endpointView(e)) }];
      if (parts.length === 3 && method === "POST") return ["createProjectEndpoint", 201, this.createEndpoint(project, body)];
      const endpoint = this.endpoints.get(parts[3]);
      if (!endpoint || endpoint.projectId !== project.id) throw new HttpError(404, `endpoint ${parts[3]} not found`);
      if (parts.length === 4 && method === "GET") return ["getProjectEndpoint", 200, { endpoint: this.endpointView(endpoint) }];
      if (parts.length === 4 && method === "PATCH") return ["updateProjectEndpoint", 200, this.updateEndpoint(project, endpoint, body)];
      if (parts.length === 4 && method === "DELETE") return ["deleteProjectEndpoint", 200, this.deleteEndpoint(project, endpoint)];
    }
    throw new HttpError(404, `no route ${method} ${path}`);
  }

  // ---- behaviour ----

  private id(prefix: string): string {
    this.counter++;
    const words = ["shiny", "bold", "quiet", "misty", "proud", "steep", "aged", "raspy"];
    return `${prefix}${words[this.counter % words.length]}-fake-${String(this.counter).padStart(6, "0")}`;
  }

  private now(): string {
    return new Date().toISOString();
  }

  private assertUnlocked(projectId: string): void {
    const now = Date.now();
    for (const op of this.operations.values()) {
      if (op.projectId === projectId && now < op.finishAt) {
        throw new HttpError(423, "project already has running conflicting operations, scheduling of new ones is prohibited");
      }
    }
  }

  private newOp(projectId: string, action: string, ids: { branchId?: string; endpointId?: string } = {}): OpRecord {
    const started = Date.now();
    const op: OpRecord = {
      id: randomUUID(),
      projectId,
      ...ids,
      action,
      createdAt: new Date(started).toISOString(),
      startedMs: started,
      finishAt: this.stallNext ? Number.POSITIVE_INFINITY : started + this.options.operationMs,
      final: this.nextFailure ? "failed" : "finished",
      error: this.nextFailure,
    };
    this.stallNext = false;
    this.nextFailure = undefined;
    this.operations.set(op.id, op);
    return op;
  }

  private checkCompute(min: unknown, max: unknown, suspend: unknown): void {
    for (const [k, v] of [
      ["autoscaling_limit_min_cu", min],
      ["autoscaling_limit_max_cu", max],
    ] as const) {
      if (v !== undefined && !CU_SIZES.includes(v as number)) throw new HttpError(400, `invalid ${k}: ${v}`);
    }
    if (typeof min === "number" && typeof max === "number") {
      if (min > max) throw new HttpError(400, "autoscaling_limit_min_cu must not exceed autoscaling_limit_max_cu");
      if (max - min > 8) throw new HttpError(400, "the difference between autoscaling_limit_max_cu and autoscaling_limit_min_cu must not exceed 8");
    }
    if (suspend !== undefined && (typeof suspend !== "number" || suspend < -1 || suspend > 604800 || (suspend > 0 && suspend < 60))) {
      throw new HttpError(400, `invalid suspend_timeout_seconds: ${suspend}`);
    }
  }

  private listProjects(query: URLSearchParams): unknown {
    const search = query.get("search") ?? "";
    const limit = Number(query.get("limit") ?? 10);
    const cursor = query.get("cursor");
    let all = [...this.projects.values()].filter((p) => !search || p.name.includes(search) || p.id.includes(search));
    if (cursor) all = all.filter((p) => p.id > cursor);
    all.sort((a, b) => a.id.localeCompare(b.id));
    const page = all.slice(0, limit);
    return {
      projects: page.map((p) => this.projectListView(p)),
      ...(page.length ? { pagination: { cursor: page[page.length - 1].id } } : {}),
      applications: {},
      integrations: {},
    };
  }

  private createProject(body: unknown): unknown {
    const req = (body as { project?: Record<string, any> } | undefined)?.project;
    if (!req) throw new HttpError(400, "request body must contain project");
    const name: string = req.name ?? this.id("project-");
    if (this.options.uniqueNames && [...this.projects.values()].some((p) => p.name === name)) {
      throw new HttpError(409, `project with name "${name}" already exists`);
    }
    const pg = req.pg_version ?? 17;
    if (!Number.isInteger(pg) || pg < 14 || pg > 18) throw new HttpError(400, `unsupported pg_version ${pg}`);
    const d = req.default_endpoint_settings ?? {};
    this.checkCompute(d.autoscaling_limit_min_cu, d.autoscaling_limit_max_cu, d.suspend_timeout_seconds);
    const ts = this.now();
    const project: ProjectRecord = {
      id: this.id(""),
      name,
      regionId: req.region_id ?? "aws-us-east-2",
      pgVersion: pg,
      historyRetentionSeconds: req.history_retention_seconds ?? 86400,
      defaults: {
        autoscaling_limit_min_cu: d.autoscaling_limit_min_cu,
        autoscaling_limit_max_cu: d.autoscaling_limit_max_cu,
        suspend_timeout_seconds: d.suspend_timeout_seconds,
      },
      orgId: req.org_id,
      branchId: this.id("br-"),
      branchName: req.branch?.name ?? "main",
      roleName: req.branch?.role_name ?? "neondb_owner",
      password: `npg_${randomUUID().replace(/-/g, "").slice(0, 12)}`,
      databaseName: req.branch?.database_name ?? "neondb",
      createdAt: ts,
      updatedAt: ts,
    };
    this.projects.set(project.id, project);
    this.stats.projectsCreated++;
    const endpoint: EndpointRecord = {
      id: this.id("ep-"),
      projectId: project.id,
      branchId: project.branchId,
      type: "read_write",
      min: d.autoscaling_limit_min_cu ?? 0.25,
      max: d.autoscaling_limit_max_cu ?? 2,
      suspend: d.suspend_timeout_seconds ?? 0,
      createdAt: ts,
      updatedAt: ts,
      readyAt: 0,
    };
    this.endpoints.set(endpoint.id, endpoint);
    const ops = [this.newOp(project.id, "create_timeline", { branchId: project.branchId }), this.newOp(project.id, "start_compute", { branchId: project.branchId, endpointId: endpoint.id })];
    endpoint.readyAt = ops[1].finishAt;
    const host = this.hostOf(endpoint);
    return {
      project: this.projectView(project),
      connection_uris: [
        {
          connection_uri: this.uri(project, host),
          connection_parameters: { database: project.databaseName, password: project.password, role: project.roleName, host, pooler_host: this.poolerHostOf(host) },
        },
      ],
      roles: [{ branch_id: project.branchId, name: project.roleName, password: project.password, protected: false, created_at: ts, updated_at: ts }],
      databases: [{ id: this.counter, branch_id: project.branchId, name: project.databaseName, owner_name: project.roleName, created_at: ts, updated_at: ts }],
      operations: ops.map((o) => this.opView(o)),
      branch: this.branchView(project),
      endpoints: [this.endpointView(endpoint)],
    };
  }

  private updateProject(project: ProjectRecord, body: unknown): unknown {
    const req = (body as { project?: Record<string, any> } | undefined)?.project;
    if (!req) throw new HttpError(400, "request body must contain project");
    this.assertUnlocked(project.id);
    const d = req.default_endpoint_settings;
    if (d) this.checkCompute(d.autoscaling_limit_min_cu, d.autoscaling_limit_max_cu, d.suspend_timeout_seconds);
    if (req.name !== undefined) project.name = req.name;
    if (req.history_retention_seconds !== undefined) project.historyRetentionSeconds = req.history_retention_seconds;
    if (d) project.defaults = { ...project.defaults, ...d };
    project.updatedAt = this.now();
    // Neon answers a settings-only PATCH without operations.
    return { project: this.projectView(project), operations: [] };
  }

  private updateBranch(project: ProjectRecord, body: unknown): unknown {
    const req = (body as { branch?: Record<string, any> } | undefined)?.branch;
    if (!req) throw new HttpError(400, "request body must contain branch");
    if (req.name !== undefined && (typeof req.name !== "string" || req.name.length < 1 || req.name.length > 256)) throw new HttpError(400, `invalid branch name ${JSON.stringify(req.name)}`);
    this.assertUnlocked(project.id);
    if (req.name !== undefined) project.branchName = req.name;
    project.updatedAt = this.now();
    // A rename is metadata only: no operations, like a settings-only project PATCH.
    return { branch: this.branchView(project), operations: [] };
  }

  private deleteProject(project: ProjectRecord): unknown {
    this.assertUnlocked(project.id);
    const view = this.projectView(project);
    this.projects.delete(project.id);
    for (const e of [...this.endpoints.values()]) {
      if (e.projectId === project.id) {
        this.endpoints.delete(e.id);
        this.cascadedEndpointIds.push(e.id);
      }
    }
    this.deletedProjectIds.push(project.id);
    this.stats.projectsDeleted++;
    return { project: view };
  }

  private endpointsOf(projectId: string): EndpointRecord[] {
    return [...this.endpoints.values()].filter((e) => e.projectId === projectId);
  }

  private createEndpoint(project: ProjectRecord, body: unknown): unknown {
    const req = (body as { endpoint?: Record<string, any> } | undefined)?.endpoint;
    if (!req || !req.branch_id || !req.type) throw new HttpError(400, "endpoint.branch_id and endpoint.type are required");
    if (req.branch_id !== project.branchId) throw new HttpError(404, `branch ${req.branch_id} not found`);
    if (req.type !== "read_write" && req.type !== "read_only") throw new HttpError(400, `invalid endpoint type ${req.type}`);
    this.checkCompute(req.autoscaling_limit_min_cu, req.autoscaling_limit_max_cu, req.suspend_timeout_seconds);
    this.assertUnlocked(project.id);
    const siblings = this.endpointsOf(project.id);
    if (req.type === "read_write" && siblings.some((e) => e.branchId === req.branch_id && e.type === "read_write")) {
      throw new HttpError(400, `branch ${req.branch_id} already has a read_write endpoint`);
    }
    if (this.options.uniqueNames && req.name && siblings.some((e) => e.name === req.name)) {
      throw new HttpError(409, `endpoint with name "${req.name}" already exists`);
    }
    const ts = this.now();
    const endpoint: EndpointRecord = {
      id: this.id("ep-"),
      name: req.name,
      projectId: project.id,
      branchId: req.branch_id,
      type: req.type,
      min: req.autoscaling_limit_min_cu ?? 0.25,
      max: req.autoscaling_limit_max_cu ?? req.autoscaling_limit_min_cu ?? 0.25,
      suspend: req.suspend_timeout_seconds ?? 0,
      createdAt: ts,
      updatedAt: ts,
      readyAt: 0,
    };
    this.endpoints.set(endpoint.id, endpoint);
    this.stats.endpointsCreated++;
    const op = this.newOp(project.id, "start_compute", { branchId: endpoint.branchId, endpointId: endpoint.id });
    endpoint.readyAt = op.finishAt;
    return { endpoint: this.endpointView(endpoint), operations: [this.opView(op)] };
  }

  private updateEndpoint(project: ProjectRecord, endpoint: EndpointRecord, body: unknown): unknown {
    const req = (body as { endpoint?: Record<string, any> } | undefined)?.endpoint;
    if (!req) throw new HttpError(400, "request body must contain endpoint");
    const min = req.autoscaling_limit_min_cu ?? endpoint.min;
    const max = req.autoscaling_limit_max_cu ?? endpoint.max;
    this.checkCompute(min, max, req.suspend_timeout_seconds);
    this.assertUnlocked(project.id);
    endpoint.min = min;
    endpoint.max = max;
    if (req.suspend_timeout_seconds !== undefined) endpoint.suspend = req.suspend_timeout_seconds;
    if (req.name !== undefined) endpoint.name = req.name;
    endpoint.updatedAt = this.now();
    const op = this.newOp(project.id, "apply_config", { branchId: endpoint.branchId, endpointId: endpoint.id });
    return { endpoint: this.endpointView(endpoint), operations: [this.opView(op)] };
  }

  private deleteEndpoint(project: ProjectRecord, endpoint: EndpointRecord): unknown {
    this.assertUnlocked(project.id);
    const view = this.endpointView(endpoint);
    this.endpoints.delete(endpoint.id);
    this.deletedEndpointIds.push(endpoint.id);
    this.stats.endpointsDeleted++;
    const op = this.newOp(project.id, "suspend_compute", { branchId: endpoint.branchId, endpointId: endpoint.id });
    return { endpoint: view, operations: [this.opView(op)] };
  }

  private connectionUri(project: ProjectRecord, query: URLSearchParams): unknown {
    const db = query.get("database_name");
    const role = query.get("role_name");
    if (!db || !role) throw new HttpError(400, "database_name and role_name are required");
    if (db !== project.databaseName) throw new HttpError(404, `database ${db} not found`);
    if (role !== project.roleName) throw new HttpError(404, `role ${role} not found`);
    const endpointId = query.get("endpoint_id");
    const endpoint = endpointId ? this.endpoints.get(endpointId) : this.endpointsOf(project.id).find((e) => e.type === "read_write" && e.branchId === project.branchId);
    if (!endpoint || endpoint.projectId !== project.id) throw new HttpError(404, `endpoint ${endpointId ?? "(read_write)"} not found`);
    const host = this.hostOf(endpoint);
    return { uri: this.uri(project, query.get("pooled") === "true" ? this.poolerHostOf(host) : host) };
  }

  // ---- views (shapes from the OpenAPI spec) ----

  private hostOf(e: EndpointRecord): string {
    const region = this.projects.get(e.projectId)?.regionId ?? "aws-us-east-1";
    return `${e.id}.${region.replace(/^aws-/, "")}.aws.neon.tech`;
  }

  private poolerHostOf(host: string): string {
    const dot = host.indexOf(".");
    return `${host.slice(0, dot)}-pooler${host.slice(dot)}`;
  }

  private uri(p: ProjectRecord, host: string): string {
    return `postgresql://${p.roleName}:${p.password}@${host}/${p.databaseName}?sslmode=require`;
  }

  private opView(o: OpRecord): Record<string, unknown> {
    const done = Date.now() >= o.finishAt;
    return {
      id: o.id,
      project_id: o.projectId,
      ...(o.branchId ? { branch_id: o.branchId } : {}),
      ...(o.endpointId ? { endpoint_id: o.endpointId } : {}),
      action: o.action,
      status: done ? o.final : "running",
      ...(done && o.error ? { error: o.error } : {}),
      failures_count: done && o.final === "failed" ? 1 : 0,
      created_at: o.createdAt,
      updated_at: done && Number.isFinite(o.finishAt) ? new Date(o.finishAt).toISOString() : o.createdAt,
      total_duration_ms: done ? Math.round(o.finishAt - o.startedMs) : 0,
    };
  }

  private projectCommon(p: ProjectRecord): Record<string, unknown> {
    return {
      id: p.id,
      platform_id: "aws",
      region_id: p.regionId,
      name: p.name,
      provisioner: "k8s-neonvm",
      default_endpoint_settings: Object.fromEntries(Object.entries(p.defaults).filter(([, v]) => v !== undefined)),
      settings: { allowed_ips: { ips: [], protected_branches_only: false }, enable_logical_replication: false },
      pg_version: p.pgVersion,
      proxy_host: `${p.regionId.replace(/^aws-/, "")}.aws.neon.tech`,
      branch_logical_size_limit: 0,
      branch_logical_size_limit_bytes: 10_737_418_240,
      store_passwords: true,
      cpu_used_sec: 0,
      creation_source: "console",
      history_retention_seconds: p.historyRetentionSeconds,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      owner_id: "fake-owner-1",
      ...(p.orgId ? { org_id: p.orgId } : {}),
    };
  }

  private projectView(p: ProjectRecord): Record<string, unknown> {
    return {
      ...this.projectCommon(p),
      data_storage_bytes_hour: 0,
      data_transfer_bytes: 0,
      written_data_bytes: 0,
      compute_time_seconds: 0,
      active_time_seconds: 0,
      consumption_period_start: "2026-03-01T00:00:00Z",
      consumption_period_end: "2026-04-01T00:00:00Z",
      owner: { email: "owner@example.com", name: "Fake Owner", branches_limit: 10, subscription_type: "launch" },
    };
  }

  private projectListView(p: ProjectRecord): Record<string, unknown> {
    return { ...this.projectCommon(p), active_time: 0 };
  }

  private branchView(p: ProjectRecord): Record<string, unknown> {
    return {
      id: p.branchId,
      project_id: p.id,
      name: p.branchName,
      current_state: "ready",
      state_changed_at: p.createdAt,
      logical_size: 30_000_000,
      creation_source: "console",
      primary: true,
      default: true,
      protected: false,
      cpu_used_sec: 0,
      compute_time_seconds: 0,
      active_time_seconds: 0,
      written_data_bytes: 0,
      data_transfer_bytes: 0,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      init_source: "parent-data",
    };
  }

  private endpointView(e: EndpointRecord): Record<string, unknown> {
    const ready = Date.now() >= e.readyAt;
    const region = this.projects.get(e.projectId)?.regionId ?? "aws-us-east-1";
    return {
      host: this.hostOf(e),
      id: e.id,
      ...(e.name ? { name: e.name } : {}),
      project_id: e.projectId,
      branch_id: e.branchId,
      autoscaling_limit_min_cu: e.min,
      autoscaling_limit_max_cu: e.max,
      region_id: region,
      type: e.type,
      current_state: ready ? "idle" : "init",
      ...(ready ? {} : { pending_state: "active" }),
      settings: { pg_settings: {} },
      pooler_enabled: false,
      pooler_mode: "transaction",
      disabled: false,
      passwordless_access: true,
      creation_source: "console",
      created_at: e.createdAt,
      updated_at: e.updatedAt,
      proxy_host: `${region.replace(/^aws-/, "")}.aws.neon.tech`,
      suspend_timeout_seconds: e.suspend,
      provisioner: "k8s-neonvm",
    };
  }
}
