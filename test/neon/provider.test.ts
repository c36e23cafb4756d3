/**
 * The project and endpoint providers against the fake Neon API: check, diff, create, read
 * (incl. drift and deletion outside Pulumi), update, delete, and a replica added and removed
 * as a stack goes m3 → m4 → m3.
 */
import { makeNeonEndpointProvider, diffNeonEndpoint, type NeonEndpointOutputs } from "../../components/neon/endpoint";
import { makeNeonProjectProvider, diffNeonProject, type NeonProjectOutputs } from "../../components/neon/project";
import { neonSuspendTimeout } from "../../components/neon/database";
import { MILESTONES, type MilestoneId } from "../../stacks/milestones";
import { FakeNeonApi } from "../fakes/neon-api";
import { endpointInputs, FAST, projectInputs } from "./helpers";

const projects = makeNeonProjectProvider(FAST);
const endpoints = makeNeonEndpointProvider(FAST);
let fake: FakeNeonApi;

beforeAll(async () => {
  fake = await FakeNeonApi.start({ operationMs: 3 });
});
afterAll(() => fake.close());

describe("project provider", () => {
  test("check accepts a milestone's settings and fills defaults", async () => {
    const { databaseName: _d, roleName: _r, suspendTimeoutSeconds: _s, ...rest } = projectInputs(fake.url);
    const res = await projects.check!({} as never, rest as never);
    expect(res.failures).toEqual([]);
    expect(res.inputs).toMatchObject({ databaseName: "neondb", roleName: "neondb_owner", suspendTimeoutSeconds: 0 });
  });

  test.each([
    [{ minCu: 0.3 }, "minCu", /minCu is 0.3; Neon accepts one of 0.25, 0.5, 1/],
    [{ minCu: 0.25, maxCu: 10 }, "maxCu", /at most 8 CU between autoscaling min and max/],
    [{ plan: "free", minCu: 0.25, maxCu: 4, suspendTimeoutSeconds: 300, historyRetentionSeconds: 3600 }, "maxCu", /free plan autoscales to at most 2 CU/],
    [{ plan: "free", minCu: 0.25, maxCu: 1, suspendTimeoutSeconds: -1, historyRetentionSeconds: 3600 }, "suspendTimeoutSeconds", /free plan always scales to zero/],
    [{ suspendTimeoutSeconds: 30 }, "suspendTimeoutSeconds", /accepts -1 \(never suspend\), 0 \(default, 300 s\) or 60\.\.604800/],
    [{ pgVersion: 13 }, "pgVersion", /pgVersion is 13; allowed: 15, 16, 17/],
    [{ region: "us-east-1" }, "region", /expected a Neon region id such as "aws-us-east-1"/],
    [{ historyRetentionSeconds: 30 * 86400 }, "historyRetentionSeconds", /launch plan keeps at most 168 h/],
    [{ plan: "pro" }, "plan", /plan is "pro"; allowed: free, launch, scale/],
    [{ apiKey: "" }, "apiKey", /pulumi config set --secret cutlist:neonApiKey/],
  ])("check rejects %j on %s", async (over, property, reason) => {
    const res = await projects.check!({} as never, projectInputs(fake.url, over as never));
    expect(res.failures).toEqual(expect.arrayContaining([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]));
  });

  test("diff replaces only region, pg version and bootstrap names; updates the rest in place", () => {
    const olds = { ...projectInputs(fake.url), projectId: "p" } as NeonProjectOutputs;
    expect(diffNeonProject(olds, { ...olds })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(diffNeonProject(olds, { ...olds, region: "aws-eu-central-1" }).replaces).toEqual(["region"]);
    expect(diffNeonProject(olds, { ...olds, pgVersion: 16 }).replaces).toEqual(["pgVersion"]);
    expect(diffNeonProject(olds, { ...olds, databaseName: "other" }).replaces).toEqual(["databaseName"]);
    for (const change of [{ name: "renamed" }, { minCu: 1 }, { maxCu: 8 }, { suspendTimeoutSeconds: 300 }, { historyRetentionSeconds: 3600 }, { plan: "scale" as const }, { apiKey: "rotated" }]) {
      expect(diffNeonProject(olds, { ...olds, ...change })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    }
    // 0 is Neon's default of 300 s: not a change.
    expect(diffNeonProject({ ...olds, suspendTimeoutSeconds: 0 }, { ...olds, suspendTimeoutSeconds: 300 }).changes).toBe(false);
    // Unknown during preview: assume it changes.
    expect(diffNeonProject(olds, { ...olds, region: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }).replaces).toEqual(["region"]);
  });

  test("create, read, update, drift, delete", async () => {
    const inputs = projectInputs(fake.url);
    const { id, outs } = await projects.create(inputs);
    expect(id).toMatch(/^[a-z0-9-]+$/);
    const live = fake.liveProjects().find((p) => p.id === id)!;
    expect(live).toMatchObject({ name: inputs.name, regionId: "aws-us-east-1", pgVersion: 17, historyRetentionSeconds: 72 * 3600 });
    const rw = fake.liveEndpoints(id).find((e) => e.type === "read_write")!;
    expect(rw).toMatchObject({ min: 0.5, max: 4, suspend: -1 });
    expect(outs).toMatchObject({ projectId: id, readWriteEndpointId: rw.id, minCu: 0.5, maxCu: 4, suspendTimeoutSeconds: -1, databaseName: "cutlist", roleName: "cutlist_app" });
    expect(outs!.poolerHost).toBe(outs!.host.replace(/^([^.]+)/, "$1-pooler"));
    expect(outs!.connectionUri).toContain(`@${outs!.host}/cutlist`);
    expect(outs!.pooledConnectionUri).toContain(`@${outs!.poolerHost}/cutlist`);
    expect(outs!.connectionUri).toContain(outs!.password);

    const read = await projects.read!(id, outs);
    expect(read).toEqual({ id, props: outs });

    // Promotion m2 → m3 style change: bigger compute, longer history, new name.
    const news = { ...inputs, name: `${inputs.name}-x`, minCu: 1, maxCu: 8, historyRetentionSeconds: 168 * 3600 };
    expect(diffNeonProject(outs!, news)).toMatchObject({ changes: true, replaces: [] });
    const updated = await projects.update!(id, outs!, news);
    expect(updated.outs).toMatchObject({ name: news.name, minCu: 1, maxCu: 8, historyRetentionSeconds: 168 * 3600 });
    expect(fake.liveEndpoints(id).find((e) => e.id === rw.id)).toMatchObject({ min: 1, max: 8 });
    expect(fake.liveProjects().find((p) => p.id === id)!.defaults).toMatchObject({ autoscaling_limit_min_cu: 1, autoscaling_limit_max_cu: 8 });

    // Someone resizes the compute in the console: read shows it, diff asks to put it back.
    fake.driftEndpoint(rw.id, { max: 2 });
    const drifted = await projects.read!(id, updated.outs);
    expect(drifted.props).toMatchObject({ maxCu: 2 });
    expect(diffNeonProject(drifted.props!, news)).toMatchObject({ changes: true, replaces: [] });
    await projects.update!(id, drifted.props!, news);
    expect(fake.liveEndpoints(id).find((e) => e.id === rw.id)).toMatchObject({ max: 8 });

    await projects.delete!(id, updated.outs!);
    expect(fake.liveProjects().some((p) => p.id === id)).toBe(false);
    expect(await projects.read!(id, updated.outs)).toEqual({});
    // Deleting what is gone is a success (404 = already gone).
    await expect(projects.delete!(id, updated.outs!)).resolves.toBeUndefined();
  });

  test("read reports a project deleted outside Pulumi as gone", async () => {
    const { id, outs } = await projects.create(projectInputs(fake.url));
    fake.removeProject(id);
    expect(await projects.read!(id, outs)).toEqual({});
  });

  test("a create re-run after a lost response adopts the project instead of duplicating it", async () => {
    const inputs = projectInputs(fake.url);
    fake.injectNext({ kind: "lost", method: "POST", path: /^\/projects$/ });
    await expect(projects.create(inputs)).rejects.toMatchObject({ kind: "network" });
    expect(fake.liveProjects().filter((p) => p.name === inputs.name)).toHaveLength(1);
    const again = await projects.create(inputs);
    expect(fake.liveProjects().filter((p) => p.name === inputs.name)).toEqual([expect.objectContaining({ id: again.id })]);
  });
});

describe("endpoint provider", () => {
  let project: NeonProjectOutputs;
  beforeAll(async () => {
    project = (await projects.create(projectInputs(fake.url))).outs!;
  });

  test("check validates type, CU and plan maxima", async () => {
    const ok = endpointInputs(fake.url, project.projectId, project.defaultBranchId);
    expect((await endpoints.check!({} as never, ok)).failures).toEqual([]);
    const bad = await endpoints.check!({} as never, { ...ok, type: "replica" as never, minCu: 0.25, maxCu: 12, plan: "launch" });
    expect(bad.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ property: "type", reason: 'type is "replica"; allowed: read_write, read_only' }),
        expect.objectContaining({ property: "maxCu", reason: expect.stringMatching(/maxCu − minCu is 11.75 CU/) }),
      ]),
    );
    const free = await endpoints.check!({} as never, { ...ok, plan: "free", maxCu: 4 });
    expect(free.failures).toEqual(expect.arrayContaining([expect.objectContaining({ property: "maxCu", reason: expect.stringMatching(/free plan autoscales to at most 2 CU.*launch, scale/) })]));
  });

  test("diff replaces type, branch and project (delete first); updates CU and suspend in place", () => {
    const olds = { ...endpointInputs(fake.url, "p", "br-1"), endpointId: "ep-1", host: "h", poolerHost: "h" } as NeonEndpointOutputs;
    expect(diffNeonEndpoint(olds, olds).changes).toBe(false);
    expect(diffNeonEndpoint(olds, { ...olds, type: "read_write" })).toEqual({ changes: true, replaces: ["type"], deleteBeforeReplace: true });
    expect(diffNeonEndpoint(olds, { ...olds, branchId: "br-2" })).toEqual({ changes: true, replaces: ["branchId"], deleteBeforeReplace: true });
    expect(diffNeonEndpoint(olds, { ...olds, maxCu: 4 })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(diffNeonEndpoint(olds, { ...olds, suspendTimeoutSeconds: -1 })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  test("create, read, update, drift, delete a read replica", async () => {
    const inputs = endpointInputs(fake.url, project.projectId, project.defaultBranchId);
    const { id, outs } = await endpoints.create(inputs);
    expect(fake.liveEndpoints(project.projectId).find((e) => e.id === id)).toMatchObject({ type: "read_only", min: 0.25, max: 2, suspend: 300, name: inputs.endpointName });
    expect(outs).toMatchObject({ endpointId: id, type: "read_only", minCu: 0.25, maxCu: 2 });
    expect(outs!.poolerHost).toMatch(/-pooler\./);
    expect(await endpoints.read!(id, outs)).toEqual({ id, props: outs });

    const news = { ...inputs, minCu: 0.5, maxCu: 4, suspendTimeoutSeconds: -1 };
    const updated = await endpoints.update!(id, outs!, news);
    expect(updated.outs).toMatchObject({ minCu: 0.5, maxCu: 4, suspendTimeoutSeconds: -1 });
    expect(fake.liveEndpoints(project.projectId).find((e) => e.id === id)).toMatchObject({ min: 0.5, max: 4, suspend: -1 });

    fake.driftEndpoint(id, { min: 0.25 });
    const drifted = await endpoints.read!(id, updated.outs);
    expect(drifted.props).toMatchObject({ minCu: 0.25 });
    expect(diffNeonEndpoint(drifted.props!, news)).toMatchObject({ changes: true, replaces: [] });

    await endpoints.delete!(id, updated.outs!);
    expect(fake.liveEndpoints(project.projectId).some((e) => e.id === id)).toBe(false);
    expect(await endpoints.read!(id, updated.outs)).toEqual({});
    await expect(endpoints.delete!(id, updated.outs!)).resolves.toBeUndefined();
    // The project and its read-write compute are untouched.
    expect(fake.liveEndpoints(project.projectId).map((e) => e.type)).toEqual(["read_write"]);
  });
});

describe("promotion m3 → m4 → m3", () => {
  interface State {
    project?: NeonProjectOutputs;
    replicas: Map<string, NeonEndpointOutputs>;
  }

  /** What the Pulumi engine does for the component's resources: diff, then create/update/delete. */
  async function converge(state: State, id: MilestoneId, name: string): Promise<string[]> {
    const spec = MILESTONES[id].database;
    const steps: string[] = [];
    const suspend = neonSuspendTimeout(spec);
    const pInputs = projectInputs(fake.url, {
      name,
      plan: spec.plan,
      region: spec.region,
      pgVersion: spec.postgresVersion,
      minCu: spec.minCu,
      maxCu: spec.maxCu,
      suspendTimeoutSeconds: suspend,
      historyRetentionSeconds: spec.historyRetentionHours * 3600,
    });
    if (!state.project) {
      state.project = (await projects.create(pInputs)).outs!;
      steps.push("create project");
    } else {
      const d = diffNeonProject(state.project, pInputs);
      expect(d.replaces).toEqual([]);
      if (d.changes) {
        state.project = (await projects.update!(state.project.projectId, state.project, pInputs)).outs!;
        steps.push("update project");
      }
    }
    const wanted = new Set(Array.from({ length: spec.readReplicas }, (_, i) => `${name}-replica-${i}`));
    for (const [rname, outs] of state.replicas) {
      if (!wanted.has(rname)) {
        await endpoints.delete!(outs.endpointId, outs);
        state.replicas.delete(rname);
        steps.push(`delete ${rname}`);
      }
    }
    for (const rname of wanted) {
      if (!state.replicas.has(rname)) {
        const e = endpointInputs(fake.url, state.project.projectId, state.project.defaultBranchId, {
          endpointName: rname,
          plan: spec.plan,
          minCu: spec.replicaMinCu,
          maxCu: spec.replicaMaxCu,
          suspendTimeoutSeconds: suspend,
        });
        state.replicas.set(rname, (await endpoints.create(e)).outs!);
        steps.push(`create ${rname}`);
      }
    }
    return steps;
  }

  test("adds the read replica at m4 and removes it at m3, leaving the primary alone", async () => {
    const state: State = { replicas: new Map() };
    const name = "cutlist-promo";
    expect(await converge(state, "m3", name)).toEqual(["create project"]);
    const pid = state.project!.projectId;
    const rwId = state.project!.readWriteEndpointId;
    expect(fake.liveEndpoints(pid)).toEqual([expect.objectContaining({ type: "read_write", min: 0.25, max: 3, suspend: 300 })]);

    // m4: same primary, longer history, one read replica 0.25-3 CU.
    expect(await converge(state, "m4", name)).toEqual(["update project", `create ${name}-replica-0`]);
    const live = fake.liveEndpoints(pid);
    expect(live).toHaveLength(2);
    expect(live.find((e) => e.type === "read_only")).toMatchObject({ name: `${name}-replica-0`, min: 0.25, max: 3 });
    expect(fake.liveProjects().find((p) => p.id === pid)!.historyRetentionSeconds).toBe(168 * 3600);

    // Back to m3: the replica goes, the primary and the project stay.
    expect(await converge(state, "m3", name)).toEqual(["update project", `delete ${name}-replica-0`]);
    expect(fake.liveEndpoints(pid)).toEqual([expect.objectContaining({ id: rwId, type: "read_write" })]);
    expect(fake.deletedProjectIds).not.toContain(pid);
  });
});
