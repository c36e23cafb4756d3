/**
 * Fault soak: ≥ 200 provider operations (create/read/update/delete of projects and replica
 * endpoints, 14 stacks in parallel) while ≥ 30 % of all requests fail by injection (423, 429,
 * 500/502/503/504 before processing, 502 after applying, a proxy's HTML page, truncated JSON,
 * `{}`, a body cut mid-way, slow, dropped before processing, response lost after processing:
 * every kind of test/fakes/neon-api.ts but `trickle`). Like Neon, the fake lets two projects
 * share a name here, so only the provider's lookup-before-create stands between a lost or
 * garbled answer and a duplicate.
 *
 * An operation that surfaces an error is re-run, as a user re-runs `pulumi up`. The test ends
 * with every operation done, no duplicate projects or endpoints, nothing deleted that was not
 * asked, the fake's state equal to the desired one, and prints the counts.
 *
 * Reproduce: source scripts/node-env.sh && npx jest test/neon/soak
 */
import { makeNeonEndpointProvider, type NeonEndpointInputs, type NeonEndpointOutputs } from "../../components/neon/endpoint";
import { makeNeonProjectProvider, type NeonProjectInputs, type NeonProjectOutputs } from "../../components/neon/project";
import { FakeNeonApi } from "../fakes/neon-api";
import { endpointInputs, FAST, projectInputs } from "./helpers";

const LANES = 14;
const FAULT_RATE = 0.35;
const MAX_RERUNS = 30;
// Backoff budget per request (~10 attempts, up to 20 ms each) outlasts the fake's 3 ms operations.
const TIMINGS = { ...FAST, maxAttempts: 10, maxDelayMs: 20 };
/** Fault sequence seed; NEON_SOAK_SEED=<n> tries another one. */
const SEED = Number(process.env.NEON_SOAK_SEED ?? 20260320);

test(`soak: ≥ 200 provider operations at ${FAULT_RATE * 100} % injected failures`, async () => {
  const fake = await FakeNeonApi.start({ operationMs: 3, slowMs: 5, faultRate: FAULT_RATE, seed: SEED, uniqueNames: false });
  const projects = makeNeonProjectProvider(TIMINGS);
  const endpoints = makeNeonEndpointProvider(TIMINGS);
  const counts = { operations: 0, attempts: 0, reruns: 0, surfaced: {} as Record<string, number> };
  const askedProjectDeletes = new Set<string>();
  const askedEndpointDeletes = new Set<string>();

  /** One provider operation, re-run until it succeeds (bounded). */
  async function op<T>(label: string, fn: () => Promise<T>): Promise<T> {
    for (let run = 1; ; run++) {
      counts.attempts++;
      try {
        const result = await fn();
        counts.operations++;
        return result;
      } catch (err) {
        const kind = (err as { kind?: string }).kind ?? "other";
        counts.surfaced[kind] = (counts.surfaced[kind] ?? 0) + 1;
        if (kind === "other" || kind === "auth" || run >= MAX_RERUNS) throw new Error(`${label}: ${String(err)} (run ${run})`);
        counts.reruns++;
      }
    }
  }

  interface Lane {
    name: string;
    keep: boolean;
    project: NeonProjectOutputs;
    replicas: Map<string, NeonEndpointOutputs>;
  }

  async function lane(i: number): Promise<Lane> {
    const keep = i % 2 === 1;
    const base: NeonProjectInputs = projectInputs(fake.url, { name: `soak-${i}`, plan: "launch", minCu: 0.25, maxCu: 2, suspendTimeoutSeconds: 300, historyRetentionSeconds: 24 * 3600 });
    let project = (await op(`create soak-${i}`, () => projects.create(base))).outs!;
    expect((await op("read project", () => projects.read!(project.projectId, project))).id).toBe(project.projectId);

    const rIn = (r: string, over: Partial<NeonEndpointInputs> = {}) => endpointInputs(fake.url, project.projectId, project.defaultBranchId, { endpointName: `soak-${i}-${r}`, ...over });
    const replicas = new Map<string, NeonEndpointOutputs>();
    await Promise.all(["r0", "r1"].map(async (r) => replicas.set(r, (await op(`create ${r}`, () => endpoints.create(rIn(r)))).outs!)));
    for (const r of ["r0", "r1"]) await op(`read ${r}`, () => endpoints.read!(replicas.get(r)!.endpointId, replicas.get(r)));

    const promoted = { ...base, minCu: 0.5, maxCu: 4, suspendTimeoutSeconds: -1, historyRetentionSeconds: 72 * 3600 };
    project = (await op("update project", () => projects.update!(project.projectId, project, promoted))).outs!;
    await Promise.all(
      ["r0", "r1"].map(async (r) => {
        const o = replicas.get(r)!;
        replicas.set(r, (await op(`update ${r}`, () => endpoints.update!(o.endpointId, o, rIn(r, { maxCu: 4 })))).outs!);
      }),
    );
    await op("read project", () => projects.read!(project.projectId, project));

    const r0 = replicas.get("r0")!;
    askedEndpointDeletes.add(r0.endpointId);
    await op("delete r0", () => endpoints.delete!(r0.endpointId, r0));
    replicas.delete("r0");
    expect(await op("read deleted r0", () => endpoints.read!(r0.endpointId, r0))).toEqual({});

    replicas.set("r2", (await op("create r2", () => endpoints.create(rIn("r2", { minCu: 0.5, maxCu: 1 })))).outs!);
    const renamed = { ...promoted, name: `soak-${i}-renamed` };
    project = (await op("rename project", () => projects.update!(project.projectId, project, renamed))).outs!;
    for (const r of ["r1", "r2"]) await op(`read ${r}`, () => endpoints.read!(replicas.get(r)!.endpointId, replicas.get(r)));

    if (!keep) {
      await Promise.all(
        [...replicas.entries()].map(async ([r, o]) => {
          askedEndpointDeletes.add(o.endpointId);
          await op(`delete ${r}`, () => endpoints.delete!(o.endpointId, o));
          replicas.delete(r);
        }),
      );
      askedProjectDeletes.add(project.projectId);
      await op("delete project", () => projects.delete!(project.projectId, project));
    }
    return { name: renamed.name, keep, project, replicas };
  }

  const started = Date.now();
  let lanes: Lane[];
  try {
    lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
  } finally {
    await fake.close();
  }
  const ms = Date.now() - started;

  const injected = Object.values(fake.stats.faults).reduce((a, b) => a + b, 0);
  const share = injected / fake.stats.requests;
  const duplicates = fake.stats.projectsCreated - LANES + (fake.stats.endpointsCreated - LANES * 3);
  console.log(
    `neon soak: ${counts.operations} provider operations done (${counts.attempts} attempts, ${counts.reruns} re-runs) · ` +
      `${fake.stats.requests} requests, ${injected} injected faults (${(share * 100).toFixed(1)} %: ${JSON.stringify(fake.stats.faults)}) + ${fake.stats.locked} natural 423s · ` +
      `surfaced errors ${JSON.stringify(counts.surfaced)} · created ${fake.stats.projectsCreated} projects / ${fake.stats.endpointsCreated} endpoints, ` +
      `deleted ${fake.stats.projectsDeleted} / ${fake.stats.endpointsDeleted} · duplicates ${duplicates} · seed ${SEED} · ${ms} ms`,
  );

  expect(counts.operations).toBeGreaterThanOrEqual(200);
  expect(share).toBeGreaterThanOrEqual(0.3);

  // No duplicates: one project per lane ever created, one endpoint per replica name.
  expect(duplicates).toBe(0);
  expect(fake.stats.projectsCreated).toBe(LANES);
  expect(fake.stats.endpointsCreated).toBe(LANES * 3);
  const live = fake.liveProjects();
  expect(new Set(live.map((p) => p.name)).size).toBe(live.length);
  expect(live.map((p) => p.name).sort()).toEqual(lanes.filter((l) => l.keep).map((l) => l.name).sort());

  // Nothing deleted that was not asked.
  expect(fake.deletedProjectIds.filter((id) => !askedProjectDeletes.has(id))).toEqual([]);
  expect(fake.deletedEndpointIds.filter((id) => !askedEndpointDeletes.has(id))).toEqual([]);
  expect(new Set(fake.deletedProjectIds)).toEqual(askedProjectDeletes);
  expect(fake.cascadedEndpointIds).toEqual(
    expect.arrayContaining(lanes.filter((l) => !l.keep).map((l) => l.project.readWriteEndpointId)),
  );
  expect(fake.cascadedEndpointIds).toHaveLength(LANES / 2);

  // The fake ends in the desired state.
  for (const l of lanes.filter((x) => x.keep)) {
    const eps = fake.liveEndpoints(l.project.projectId);
    expect(eps.map((e) => e.name ?? "rw").sort()).toEqual(["rw", `soak-${l.name.split("-")[1]}-r1`, `soak-${l.name.split("-")[1]}-r2`].sort());
    expect(eps.find((e) => e.type === "read_write")).toMatchObject({ min: 0.5, max: 4, suspend: -1 });
    expect(eps.find((e) => e.name?.endsWith("-r1"))).toMatchObject({ min: 0.25, max: 4 });
    expect(eps.find((e) => e.name?.endsWith("-r2"))).toMatchObject({ min: 0.5, max: 1 });
  }
  // CPU-bound (~1,300 requests through the client and the fake): ~7 s on an idle machine, 25 s
  // at a load average of 34 on two cores.
}, 120_000);
