/**
 * Keeps the fake honest: drives the providers through a full lifecycle (plus error answers)
 * with the fake recording every exchange, then validates each response body — and each request
 * body the provider sent — against the OpenAPI spec shipped in @neondatabase/api-client
 * (`public-v2-for-users.gen.yaml`). If the package's spec moves, this test says where.
 */
import * as fs from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { makeNeonEndpointProvider } from "../../components/neon/endpoint";
import { makeNeonProjectProvider } from "../../components/neon/project";
import { FakeNeonApi } from "../fakes/neon-api";
import { endpointInputs, FAST, projectInputs } from "./helpers";

type Json = Record<string, any>;

const spec: Json = parse(fs.readFileSync(require.resolve("@neondatabase/api-client/public-v2-for-users.gen.yaml"), "utf8"));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "neon", components: spec.components });

/** Points local refs (`#/components/...`) at the registered spec document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === "object") {
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `neon${v}` : rebase(v)]));
  }
  return schema;
}

function operation(operationId: string): Json {
  for (const item of Object.values(spec.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (method !== "parameters" && (op as Json).operationId === operationId) return op as Json;
    }
  }
  throw new Error(`operationId ${operationId} is not in the spec`);
}

const cache = new Map<string, ValidateFunction>();
function compiled(key: string, schema: unknown): ValidateFunction {
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile(rebase(schema) as Json);
    cache.set(key, v);
  }
  return v;
}

function responseValidator(operationId: string, status: number): ValidateFunction {
  const op = operation(operationId);
  let res: Json = op.responses[String(status)] ?? op.responses.default;
  if (!res) throw new Error(`${operationId} documents no ${status} response`);
  if (res.$ref) res = spec.components.responses[res.$ref.split("/").pop()];
  return compiled(`${operationId} ${status}`, res.content["application/json"].schema);
}

function requestValidator(operationId: string): ValidateFunction | undefined {
  const schema = operation(operationId).requestBody?.content?.["application/json"]?.schema;
  return schema ? compiled(`${operationId} request`, schema) : undefined;
}

test("every response of the fake (and every request the provider sends) matches the Neon OpenAPI spec", async () => {
  const fake = await FakeNeonApi.start({ operationMs: 2, recordExchanges: true });
  try {
    const projects = makeNeonProjectProvider(FAST);
    const endpoints = makeNeonEndpointProvider(FAST);
    const inputs = projectInputs(fake.url);
    const { id, outs } = await projects.create(inputs);
    await projects.read!(id, outs);
    // A re-run after a lost answer adopts the project its first run left unfinished (lists its operations).
    // (Re-running a create whose project is finished no longer adopts it: that was the replacement hazard.)
    const rerun = projectInputs(fake.url);
    fake.injectNext({ kind: "lost", method: "POST", path: /^\/projects$/ });
    await projects.create(rerun).catch(() => undefined);
    const adopted = await projects.create(rerun);
    await projects.delete!(adopted.id, adopted.outs!);
    const updated = (await projects.update!(id, outs!, { ...inputs, maxCu: 8 })).outs!;
    const e = endpointInputs(fake.url, id, updated.defaultBranchId);
    const ep = await endpoints.create(e);
    await endpoints.read!(ep.id, ep.outs);
    const epUpdated = (await endpoints.update!(ep.id, ep.outs!, { ...e, maxCu: 4 })).outs!;
    await endpoints.delete!(ep.id, epUpdated);
    await endpoints.delete!(ep.id, epUpdated); // 404
    await projects.create({ ...inputs, region: "aws-eu-central-1" }).catch(() => undefined); // 409
    fake.injectNext({ kind: "423", method: "PATCH" });
    fake.injectNext({ kind: "429", method: "GET" });
    fake.injectNext({ kind: "503", method: "GET" });
    await projects.update!(id, updated, { ...inputs, maxCu: 4 });
    await projects.create(projectInputs(fake.url, { apiKey: "bad" })).catch(() => undefined); // 401
    await projects.delete!(id, updated);

    const seen = new Set<string>();
    const problems: string[] = [];
    for (const x of fake.exchanges) {
      // Faults and errors answer with GeneralError (the spec's `default` response).
      const operationId = x.operationId === "unknown" || x.operationId === "error" ? "getProject" : x.operationId;
      const check = x.operationId === "unknown" || x.operationId === "error" ? compiled("GeneralError", { $ref: "#/components/schemas/GeneralError" }) : responseValidator(operationId, x.status);
      seen.add(`${x.operationId} ${x.status}`);
      if (!check(x.responseBody)) problems.push(`${x.method} ${x.path} → ${x.status} (${x.operationId}): ${ajv.errorsText(check.errors)}`);
      const req = x.requestBody !== undefined && x.operationId !== "unknown" && x.operationId !== "error" ? requestValidator(x.operationId) : undefined;
      if (req && !req(x.requestBody)) problems.push(`request ${x.method} ${x.path} (${x.operationId}): ${ajv.errorsText(req.errors)}`);
    }
    expect(problems).toEqual([]);
    expect(fake.exchanges.length).toBeGreaterThan(30);
    // The exchanges covered every route the provider uses.
    for (const op of [
      "listProjects",
      "createProject",
      "getProject",
      "updateProject",
      "deleteProject",
      "listProjectOperations",
      "getProjectOperation",
      "listProjectBranches",
      "updateProjectBranch",
      "getConnectionURI",
      "listProjectEndpoints",
      "createProjectEndpoint",
      "getProjectEndpoint",
      "updateProjectEndpoint",
      "deleteProjectEndpoint",
    ]) {
      expect([...seen].some((s) => s.startsWith(`${op} `))).toBe(true);
    }
    expect([...seen].filter((s) => / (401|404|409|423|429|503)$/.test(s)).length).toBeGreaterThanOrEqual(4);
  } finally {
    await fake.close();
  }
});

test("the validator does catch a drifted shape", () => {
  const check = responseValidator("getProjectEndpoint", 200);
  expect(check({ endpoint: { id: "ep-1" } })).toBe(false);
  expect(ajv.errorsText(check.errors)).toMatch(/must have required property 'host'/);
  const created = responseValidator("createProject", 201);
  expect(created({ project: {}, roles: [], databases: [], operations: [], branch: {}, endpoints: [] })).toBe(false);
  expect(ajv.errorsText(created.errors)).toMatch(/connection_uris/);
  const op = responseValidator("getProjectOperation", 200);
  expect(op({ operation: { id: "x", project_id: "p", action: "start_compute", status: "done", failures_count: 0, created_at: "", updated_at: "", total_duration_ms: 0 } })).toBe(false);
});
