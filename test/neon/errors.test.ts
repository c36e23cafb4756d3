/**
 * Each error class the client handles, forced one at a time against the fake:
 * 401/403 (never retried, says how to set the key), 404 on delete, 409, 423, 429, 5xx on
 * idempotent requests vs POST, 2xx answers that are not the route's JSON (HTML, truncated,
 * missing field, cut mid-body), a body trickled past the request deadline, a failed
 * operation, an operation that never finishes, and network errors on GET vs POST.
 */
import { NeonClient, NeonError, resolveNeonBaseUrl } from "../../components/neon/client";
import { makeNeonEndpointProvider } from "../../components/neon/endpoint";
import { makeNeonProjectProvider, type NeonProjectOutputs } from "../../components/neon/project";
import { FakeNeonApi } from "../fakes/neon-api";
import { endpointInputs, FAST, KEY, projectInputs } from "./helpers";

const projects = makeNeonProjectProvider(FAST);
const endpoints = makeNeonEndpointProvider(FAST);
let fake: FakeNeonApi;
let project: NeonProjectOutputs;

beforeAll(async () => {
  fake = await FakeNeonApi.start({ operationMs: 3, forbiddenKeys: ["read-only-key"] });
  project = (await projects.create(projectInputs(fake.url))).outs!;
});
afterAll(() => fake.close());

/** Requests the fake saw while `fn` ran. */
async function requestsDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = fake.stats.requests;
  await fn().catch(() => undefined);
  return fake.stats.requests - before;
}

describe("401/403: fail at once with how to set the key", () => {
  test.each([
    ["401 (unknown key)", "wrong-key", 401],
    ["403 (key without access)", "read-only-key", 403],
  ])("%s", async (_label, apiKey, status) => {
    const inputs = projectInputs(fake.url, { apiKey });
    const err = await projects.create(inputs).catch((e) => e);
    expect(err).toBeInstanceOf(NeonError);
    expect(err).toMatchObject({ kind: "auth", status });
    expect(err.message).toContain("pulumi config set --secret cutlist:neonApiKey");
    expect(err.message).toContain("NEON_API_KEY");
    expect(await requestsDuring(() => projects.create(inputs))).toBe(1);
  });

  test("a missing key fails before any request", () => {
    expect(() => new NeonClient({ apiKey: "", apiHost: fake.url })).toThrow(/cutlist:neonApiKey.*NEON_API_KEY/);
  });
});

test("404 on delete means already gone", async () => {
  const { id, outs } = await endpoints.create(endpointInputs(fake.url, project.projectId, project.defaultBranchId));
  fake.injectNext({ kind: 404, method: "DELETE" });
  await expect(endpoints.delete!(id, outs!)).resolves.toBeUndefined();
  // The forced 404 answered without deleting: the real delete still works, and again is a no-op.
  await endpoints.delete!(id, outs!);
  await expect(endpoints.delete!(id, outs!)).resolves.toBeUndefined();
  const gone = { ...project, projectId: "no-such-project" };
  await expect(projects.delete!("no-such-project", gone)).resolves.toBeUndefined();
});

describe("409 on create: look up by name before deciding", () => {
  test("two racing creates of one project end with one project, both adopt it", async () => {
    const inputs = projectInputs(fake.url);
    // Both name lookups are answered late, so both see nothing and both POST.
    fake.injectNext({ kind: "slow", method: "GET", path: /^\/projects$/, count: 2 });
    const conflictsBefore = fake.stats.status[409] ?? 0;
    const [a, b] = await Promise.all([projects.create(inputs), projects.create(inputs)]);
    expect(a.id).toBe(b.id);
    expect((fake.stats.status[409] ?? 0) - conflictsBefore).toBe(1);
    expect(fake.liveProjects().filter((p) => p.name === inputs.name)).toHaveLength(1);
  });

  test("a same-named project that does not match fails with a clear message", async () => {
    const inputs = projectInputs(fake.url);
    await projects.create({ ...inputs, region: "aws-eu-central-1" });
    const err = await projects.create(inputs).catch((e) => e);
    expect(err).toMatchObject({ kind: "conflict", status: 409 });
    expect(err.message).toMatch(/409 for project "cutlist-test-\d+" but no project with that name matches the requested region\/Postgres version/);
  });
});

describe("retried statuses", () => {
  test.each([
    ["423", 3],
    ["429", 3],
    ["503", 2],
  ] as const)("%s ×%i then success", async (kind, count) => {
    const inputs = endpointInputs(fake.url, project.projectId, project.defaultBranchId);
    fake.injectNext({ kind, method: "POST", count });
    const n = await requestsDuring(() => endpoints.create(inputs));
    expect(fake.liveEndpoints(project.projectId).filter((e) => e.name === inputs.endpointName)).toHaveLength(1);
    expect(n).toBeGreaterThanOrEqual(count + 1);
  });

  test("429 past maxAttempts gives up with retries-exhausted", async () => {
    fake.injectNext({ kind: "429", method: "GET", count: FAST.maxAttempts! });
    const err = await projects.read!(project.projectId, project).catch((e) => e);
    expect(err).toMatchObject({ kind: "retries-exhausted", status: 429 });
    expect(err.message).toMatch(/HTTP 429: rate limit exceeded still after 8 attempts/);
  });

  test("natural 423: replicas created in parallel wait for each other's operations", async () => {
    const slowFake = await FakeNeonApi.start({ operationMs: 25 });
    try {
      const p = (await projects.create(projectInputs(slowFake.url))).outs!;
      const ins = [0, 1, 2].map(() => endpointInputs(slowFake.url, p.projectId, p.defaultBranchId));
      // The backoff budget must outlast the operations it waits behind (production: ~2 min vs seconds).
      const patient = makeNeonEndpointProvider({ ...FAST, maxDelayMs: 40, maxAttempts: 12 });
      await Promise.all(ins.map((i) => patient.create(i)));
      expect(slowFake.liveEndpoints(p.projectId)).toHaveLength(4);
      expect(slowFake.stats.locked).toBeGreaterThan(0);
    } finally {
      await slowFake.close();
    }
  });
});

describe("operations", () => {
  test("a failed operation fails the create with the operation's error", async () => {
    fake.failNextOperation("compute failed to start: out of capacity");
    const err = await endpoints.create(endpointInputs(fake.url, project.projectId, project.defaultBranchId)).catch((e) => e);
    expect(err).toMatchObject({ kind: "operation-failed" });
    expect(err.message).toMatch(/operation [0-9a-f-]{36} \(start_compute\) on project .* ended failed: compute failed to start: out of capacity/);
  });

  test("an operation that never finishes times out within the bound", async () => {
    const p = (await projects.create(projectInputs(fake.url))).outs!;
    const quick = makeNeonEndpointProvider({ ...FAST, operationTimeoutMs: 60 });
    fake.stallNextOperation();
    const started = Date.now();
    const err = await quick.create(endpointInputs(fake.url, p.projectId, p.defaultBranchId)).catch((e) => e);
    expect(err).toMatchObject({ kind: "operation-timeout" });
    expect(err.message).toMatch(/still running after 60 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("network errors", () => {
  test("GET: dropped connections are retried", async () => {
    fake.injectNext({ kind: "drop", method: "GET", count: 2 });
    await expect(projects.read!(project.projectId, project)).resolves.toMatchObject({ id: project.projectId });
  });

  test("GET: slow responses past the request timeout are retried", async () => {
    // The deadline bounds the whole exchange, so it must leave a loaded machine room for a normal one.
    const impatient = makeNeonProjectProvider({ ...FAST, requestTimeoutMs: 250 });
    const slow = await FakeNeonApi.start({ slowMs: 2_500 });
    try {
      const p = (await projects.create(projectInputs(slow.url))).outs!;
      slow.injectNext({ kind: "slow", method: "GET", count: 1 });
      await expect(impatient.read!(p.projectId, p)).resolves.toMatchObject({ id: p.projectId });
    } finally {
      await slow.close();
    }
  });

  test("POST: a dropped connection is not retried", async () => {
    const inputs = endpointInputs(fake.url, project.projectId, project.defaultBranchId);
    fake.injectNext({ kind: "drop", method: "POST" });
    const err = await endpoints.create(inputs).catch((e) => e);
    expect(err).toMatchObject({ kind: "network" });
    expect(err.message).toMatch(/not retried because the request may have been applied/);
    expect(fake.liveEndpoints(project.projectId).filter((e) => e.name === inputs.endpointName)).toHaveLength(0);
  });

  test("POST: a lost response is not retried; the re-run adopts what was created", async () => {
    const inputs = endpointInputs(fake.url, project.projectId, project.defaultBranchId);
    fake.injectNext({ kind: "lost", method: "POST" });
    await expect(endpoints.create(inputs)).rejects.toMatchObject({ kind: "network" });
    const created = fake.liveEndpoints(project.projectId).filter((e) => e.name === inputs.endpointName);
    expect(created).toHaveLength(1);
    const again = await endpoints.create(inputs);
    expect(again.id).toBe(created[0].id);
    expect(fake.liveEndpoints(project.projectId).filter((e) => e.name === inputs.endpointName)).toHaveLength(1);
  });
});

describe("a 2xx that is not the route's JSON is an error of its own, never \"gone\"", () => {
  const projectPath = () => new RegExp(`^/projects/${project.projectId}$`);

  test.each(["html", "truncated", "empty-object", "cut"] as const)("GET /projects/{id} answered %s once: retried, the project is read", async (kind) => {
    fake.injectNext({ kind, method: "GET", path: projectPath() });
    await expect(projects.read!(project.projectId, project)).resolves.toEqual({ id: project.projectId, props: expect.objectContaining({ projectId: project.projectId }) });
  });

  test.each([
    ["empty-object", /a JSON object without "project"/],
    ["html", /an HTML page \("<!doctype html>/],
    ["truncated", /unparseable JSON \("\{/],
  ] as const)("GET /projects/{id} answered %s every time: bad-response, not a deleted project", async (kind, detail) => {
    fake.injectNext({ kind, method: "GET", path: projectPath(), count: FAST.maxAttempts! });
    const err = await projects.read!(project.projectId, project).catch((e) => e);
    expect(err).toBeInstanceOf(NeonError);
    expect(err).toMatchObject({ kind: "bad-response", status: 200 });
    expect(err.message).toMatch(new RegExp(`GET /projects/${project.projectId}: Neon answered HTTP 200 with `));
    expect(err.message).toMatch(detail);
    expect(err.message).toMatch(/instead of a JSON object with "project" after 8 attempts/);
  });

  test("GET of an endpoint answered {} every time: bad-response, not a deleted endpoint", async () => {
    const { id, outs } = await endpoints.create(endpointInputs(fake.url, project.projectId, project.defaultBranchId));
    fake.injectNext({ kind: "empty-object", method: "GET", path: new RegExp(`/endpoints/${id}$`), count: FAST.maxAttempts! });
    await expect(endpoints.read!(id, outs)).rejects.toMatchObject({ kind: "bad-response" });
    await endpoints.delete!(id, outs!);
  });

  test("DELETE answered by a proxy's HTML page: retried until the endpoint is really gone", async () => {
    const { id, outs } = await endpoints.create(endpointInputs(fake.url, project.projectId, project.defaultBranchId));
    fake.injectNext({ kind: "html", method: "DELETE", count: 2 });
    await endpoints.delete!(id, outs!);
    expect(fake.liveEndpoints(project.projectId).some((e) => e.id === id)).toBe(false);
  });

  test("POST /projects answered by a proxy's HTML page (not applied): looked up, asked again, one project", async () => {
    const inputs = projectInputs(fake.url);
    fake.injectNext({ kind: "html", method: "POST", path: /^\/projects$/, count: 2 });
    const created = fake.stats.projectsCreated;
    const { id } = await projects.create(inputs);
    expect(fake.stats.projectsCreated).toBe(created + 1);
    expect(fake.liveProjects().filter((p) => p.name === inputs.name)).toEqual([expect.objectContaining({ id })]);
  });

  test("POST /projects applied but its answer truncated: the create adopts its project, no second one", async () => {
    const inputs = projectInputs(fake.url);
    fake.injectNext({ kind: "truncated", method: "POST", path: /^\/projects$/ });
    const created = fake.stats.projectsCreated;
    const { id } = await projects.create(inputs);
    expect(fake.stats.projectsCreated).toBe(created + 1);
    expect(fake.liveProjects().filter((p) => p.name === inputs.name)).toEqual([expect.objectContaining({ id, branchName: "main" })]);
  });
});

describe("5xx: idempotent requests retry, POST looks up first", () => {
  test.each(["500", "502", "504"] as const)("GET answered %s twice: retried", async (kind) => {
    fake.injectNext({ kind, method: "GET", count: 2 });
    await expect(projects.read!(project.projectId, project)).resolves.toMatchObject({ id: project.projectId });
  });

  test("PATCH answered 502 twice: retried, the update lands", async () => {
    const inputs = endpointInputs(fake.url, project.projectId, project.defaultBranchId);
    const { id, outs } = await endpoints.create(inputs);
    fake.injectNext({ kind: "502", method: "PATCH", count: 2 });
    await expect(endpoints.update!(id, outs!, { ...inputs, maxCu: 4 })).resolves.toMatchObject({ outs: { maxCu: 4 } });
    await endpoints.delete!(id, outs!);
  });

  test("GET answered 504 past maxAttempts: retries-exhausted", async () => {
    fake.injectNext({ kind: "504", method: "GET", count: FAST.maxAttempts! });
    const err = await projects.read!(project.projectId, project).catch((e) => e);
    expect(err).toMatchObject({ kind: "retries-exhausted", status: 504 });
    expect(err.message).toMatch(/HTTP 504: forced 504 still after 8 attempts/);
  });

  test("POST applied but answered 502 (names not unique, as in Neon): looked up, adopted, not created twice", async () => {
    const loose = await FakeNeonApi.start({ operationMs: 3, uniqueNames: false });
    try {
      const inputs = projectInputs(loose.url);
      loose.injectNext({ kind: "502-applied", method: "POST", path: /^\/projects$/ });
      const { id, outs } = await projects.create(inputs);
      expect(loose.stats.projectsCreated).toBe(1);
      const e = endpointInputs(loose.url, id, outs!.defaultBranchId);
      loose.injectNext({ kind: "502-applied", method: "POST", path: /\/endpoints$/ });
      const ep = await endpoints.create(e);
      expect(loose.stats.endpointsCreated).toBe(1);
      expect(loose.liveEndpoints(id).filter((x) => x.name === e.endpointName)).toEqual([expect.objectContaining({ id: ep.id })]);
    } finally {
      await loose.close();
    }
  });

  test("POST answered 502 without applying it: looked up, then asked again", async () => {
    const inputs = endpointInputs(fake.url, project.projectId, project.defaultBranchId);
    fake.injectNext({ kind: "502", method: "POST", count: 2 });
    const { id } = await endpoints.create(inputs);
    expect(fake.liveEndpoints(project.projectId).filter((e) => e.name === inputs.endpointName)).toEqual([expect.objectContaining({ id })]);
  });
});

describe("one deadline per request: connect, headers and the whole body", () => {
  // 20 ms between bytes: never idle long enough for an idle timeout; the body would take > 20 s.
  const DEADLINE_MS = 100;
  let trickling: FakeNeonApi;
  let p: NeonProjectOutputs;
  beforeAll(async () => {
    trickling = await FakeNeonApi.start({ operationMs: 3, trickleMs: 20 });
    p = (await projects.create(projectInputs(trickling.url))).outs!;
  });
  afterAll(() => trickling.close());

  test("GET whose body trickles: each attempt ends at the deadline, then a timeout error", async () => {
    const impatient = makeNeonProjectProvider({ ...FAST, requestTimeoutMs: DEADLINE_MS, maxAttempts: 2 });
    trickling.injectNext({ kind: "trickle", method: "GET", path: new RegExp(`^/projects/${p.projectId}$`), count: 2 });
    const started = Date.now();
    const err = await impatient.read!(p.projectId, p).catch((e) => e);
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ kind: "timeout" });
    expect(err.message).toMatch(/no complete answer within 100 ms \(connect, headers and body\) after 2 attempts/);
    expect(elapsed).toBeLessThan(10 * DEADLINE_MS * 2);
  });

  test("POST whose answer trickles: a timeout, not repeated; the re-run adopts what it made", async () => {
    const impatient = makeNeonProjectProvider({ ...FAST, requestTimeoutMs: DEADLINE_MS });
    const inputs = projectInputs(trickling.url);
    trickling.injectNext({ kind: "trickle", method: "POST", path: /^\/projects$/ });
    const err = await impatient.create(inputs).catch((e) => e);
    expect(err).toMatchObject({ kind: "timeout" });
    expect(err.message).toMatch(/not retried because the request may have been applied/);
    const again = await projects.create(inputs);
    expect(trickling.liveProjects().filter((x) => x.name === inputs.name)).toEqual([expect.objectContaining({ id: again.id })]);
  });
});

describe("client details", () => {
  test("backoff doubles, stays within [exp/2, exp], and caps at maxDelayMs", () => {
    const lo = new NeonClient({ apiKey: KEY, apiHost: fake.url, timings: { baseDelayMs: 100, maxDelayMs: 1000 }, random: () => 0 });
    const hi = new NeonClient({ apiKey: KEY, apiHost: fake.url, timings: { baseDelayMs: 100, maxDelayMs: 1000 }, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 10].map((a) => lo.backoffMs(a))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(hi.backoffMs(2)).toBeCloseTo(400, 0);
    // Retry-After is honoured but capped.
    expect(lo.backoffMs(0, 30)).toBe(1000);
  });

  test("api host accepts a host, an origin or a base URL", () => {
    expect(resolveNeonBaseUrl("console.neon.tech")).toBe("https://console.neon.tech/api/v2");
    expect(resolveNeonBaseUrl("http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010/api/v2");
    expect(resolveNeonBaseUrl("http://127.0.0.1:4010/api/v2/")).toBe("http://127.0.0.1:4010/api/v2");
    const saved = process.env.NEON_API_HOST;
    try {
      process.env.NEON_API_HOST = "http://localhost:1";
      expect(resolveNeonBaseUrl()).toBe("http://localhost:1/api/v2");
      delete process.env.NEON_API_HOST;
      expect(resolveNeonBaseUrl()).toBe("https://console.neon.tech/api/v2");
    } finally {
      if (saved === undefined) delete process.env.NEON_API_HOST;
      else process.env.NEON_API_HOST = saved;
    }
  });
});
