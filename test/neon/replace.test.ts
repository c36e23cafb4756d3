/**
 * Which project a create may adopt. The engine replaces a project by creating the new one
 * (after a Check without the old inputs) and then deleting the old one; if the create took over
 * the old project, that delete would remove the new state's project. A re-run of a create
 * whose answer was lost must still find the project it made. Driven like the engine drives the
 * provider, against the fake with names not unique (as in Neon).
 */
import { makeNeonProjectProvider, neonProjectClaimBranchName, neonProjectCreateToken, type NeonProjectInputs, type NeonProjectOutputs } from "../../components/neon/project";
import { FakeNeonApi } from "../fakes/neon-api";
import { FAST, projectInputs } from "./helpers";

const projects = makeNeonProjectProvider(FAST);
let fake: FakeNeonApi;

beforeAll(async () => {
  fake = await FakeNeonApi.start({ operationMs: 3, uniqueNames: false });
});
afterAll(() => fake.close());

/** Check as the engine calls it before a replacement's create: no old inputs. */
async function checked(news: NeonProjectInputs): Promise<NeonProjectInputs> {
  const res = await projects.check!({} as never, news);
  expect(res.failures).toEqual([]);
  return res.inputs!;
}

/** A create-before-delete replacement as the engine runs it. */
async function replace(olds: NeonProjectOutputs, news: NeonProjectInputs): Promise<{ id: string; outs: NeonProjectOutputs }> {
  const created = await projects.create(await checked(news));
  await projects.delete!(olds.projectId, olds);
  return { id: created.id, outs: created.outs! };
}

const live = (name: string) => fake.liveProjects().filter((p) => p.name === name);

describe("a replacement never adopts the project it replaces", () => {
  test.each<[string, Partial<NeonProjectInputs>]>([
    ["a replace key changed (databaseName)", { databaseName: "cutlist_v2" }],
    ["`pulumi up --replace` with identical inputs", {}],
  ])("%s: a new project, alive after the old one's delete", async (_label, change) => {
    const inputs = projectInputs(fake.url);
    const old = await projects.create(await checked(inputs));
    const next = await replace(old.outs!, { ...inputs, ...change });
    expect(next.id).not.toBe(old.id);
    expect(fake.deletedProjectIds).toContain(old.id);
    expect(live(inputs.name)).toEqual([expect.objectContaining({ id: next.id, branchName: "main", databaseName: change.databaseName ?? inputs.databaseName })]);
    await expect(projects.read!(next.id, next.outs)).resolves.toEqual({ id: next.id, props: next.outs });
  });

  test.each<[string, Partial<NeonProjectInputs>]>([
    ["a replace key changed (databaseName)", { databaseName: "cutlist_v2" }],
    ["`pulumi up --replace` with identical inputs", {}],
  ])("%s, first answer lost: the re-run adopts the project its first run made", async (_label, change) => {
    const inputs = projectInputs(fake.url);
    const old = await projects.create(await checked(inputs));
    const news = await checked({ ...inputs, ...change });
    fake.injectNext({ kind: "lost", method: "POST", path: /^\/projects$/ });
    await expect(projects.create(news)).rejects.toMatchObject({ kind: "network" });
    // The engine keeps the old project; the lost create left one more, still claimed.
    const unfinished = live(inputs.name).find((p) => p.id !== old.id)!;
    expect(unfinished.branchName).toBe(neonProjectClaimBranchName(news));
    const createdBefore = fake.stats.projectsCreated;

    const rerun = await projects.create(news);
    expect(rerun.id).toBe(unfinished.id);
    expect(fake.stats.projectsCreated).toBe(createdBefore);
    await projects.delete!(old.id, old.outs!);
    expect(live(inputs.name)).toEqual([expect.objectContaining({ id: unfinished.id, branchName: "main" })]);
  });
});

test("an unfinished create of other inputs is not taken over", async () => {
  const inputs = projectInputs(fake.url);
  fake.injectNext({ kind: "lost", method: "POST", path: /^\/projects$/ });
  await expect(projects.create(inputs)).rejects.toMatchObject({ kind: "network" });
  const leftover = live(inputs.name)[0];
  // The user changes a replace key before re-running: the leftover (wrong database) is not this create's.
  const other = await projects.create(await checked({ ...inputs, databaseName: "cutlist_v2" }));
  expect(other.id).not.toBe(leftover.id);
  expect(live(inputs.name).find((p) => p.id === leftover.id)!.branchName).toBe(neonProjectClaimBranchName(inputs));
});

test("a create that cannot mark its project finished fails clearly; the re-run adopts and finishes it", async () => {
  const inputs = projectInputs(fake.url);
  fake.injectNext({ kind: "500", method: "PATCH", path: /\/branches\//, count: FAST.maxAttempts! });
  const err = await projects.create(inputs).catch((e) => e);
  expect(err).toMatchObject({ kind: "retries-exhausted", status: 500 });
  expect(err.message).toMatch(/Neon project \S+ was created but not marked finished .*re-run `pulumi up`: the create finds this project again/);
  const [made] = live(inputs.name);
  expect(made.branchName).toBe(neonProjectClaimBranchName(inputs));

  const rerun = await projects.create(inputs);
  expect(rerun.id).toBe(made.id);
  expect(live(inputs.name)).toEqual([expect.objectContaining({ id: made.id, branchName: "main" })]);
});

test("the create token: stable for the same create, different for anything a create fixes; the project name stays as given", async () => {
  const inputs = projectInputs(fake.url);
  const resized: NeonProjectInputs = { ...inputs, maxCu: 8, historyRetentionSeconds: 3600 };
  expect(neonProjectCreateToken(inputs)).toBe(neonProjectCreateToken(resized));
  expect(neonProjectCreateToken(inputs)).toMatch(/^[0-9a-f]{16}$/);
  const changes = [{ name: "other" }, { orgId: "org-1" }, { region: "aws-eu-central-1" }, { pgVersion: 16 }, { databaseName: "x" }, { roleName: "y" }];
  const tokens = new Set([neonProjectCreateToken(inputs), ...changes.map((c) => neonProjectCreateToken({ ...inputs, ...c }))]);
  expect(tokens.size).toBe(changes.length + 1);
  const { id, outs } = await projects.create(inputs);
  expect(live(inputs.name)).toEqual([expect.objectContaining({ id, branchName: "main" })]);
  expect(outs!.name).toBe(inputs.name);
});
