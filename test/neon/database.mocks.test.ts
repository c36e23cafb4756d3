/**
 * The NeonDatabase component under Pulumi's mock runtime (preview mode), for every milestone:
 * which Neon resources it registers, with which plain (cost-relevant) inputs, and how long the
 * dynamic providers' closure serialisation takes.
 */
import * as pulumi from "@pulumi/pulumi";
import { MILESTONES, MILESTONE_IDS, type MilestoneId } from "../../stacks/milestones";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];
/** Resource options as children received them (seen through a public transformation). */
const options: { name: string; type: string; protect?: boolean; deleteBeforeReplace?: boolean; additionalSecretOutputs?: string[] }[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => {
        throw new Error(`Mock not implemented: ${args.token}`);
      },
    },
    "cutlist",
    "test",
    true,
  );
});

async function construct(id: MilestoneId) {
  // Imported after the mocks are set (pulumi/examples testing-unit-ts).
  const { NeonDatabase } = await import("../../components/neon");
  const m = MILESTONES[id];
  const db = new NeonDatabase(
    `db-${id}`,
    { spec: m.database, appMaxInstances: m.app.maxInstances, apiKey: "test-key", protect: id === "m4" },
    {
      transformations: [
        (a) => {
          const custom = a.opts as pulumi.CustomResourceOptions;
          options.push({ name: a.name, type: a.type, protect: a.opts.protect, deleteBeforeReplace: custom.deleteBeforeReplace, additionalSecretOutputs: custom.additionalSecretOutputs });
          return undefined;
        },
      ],
    },
  );
  await new Promise((resolve) => pulumi.all([db.urn, db.project.urn, ...db.replicas.map((r) => r.urn)]).apply(resolve));
  return db;
}

describe("NeonDatabase under mocks", () => {
  const timings: Record<string, number> = {};

  test.each(MILESTONE_IDS.map((id) => [id]))("%s declares the catalog's Neon resources", async (id) => {
    const started = Date.now();
    await construct(id as MilestoneId);
    timings[id] = Date.now() - started;
    const spec = MILESTONES[id as MilestoneId].database;
    const mine = registered.filter((r) => r.name === `db-${id}` || r.name.startsWith(`db-${id}-`));
    const component = mine.find((r) => r.type === "cutlist:neon:Database");
    expect(component).toBeDefined();
    const projects = mine.filter((r) => r.type === "pulumi-nodejs:dynamic/neon:Project");
    expect(projects).toHaveLength(1);
    expect(projects[0].inputs).toMatchObject({
      plan: spec.plan,
      minCu: spec.minCu,
      maxCu: spec.maxCu,
      region: spec.region,
      pgVersion: spec.postgresVersion,
      suspendTimeoutSeconds: spec.scaleToZero ? 300 : -1,
      historyRetentionSeconds: spec.historyRetentionHours * 3600,
    });
    expect(typeof projects[0].inputs.__provider).toBe("string");
    const replicas = mine.filter((r) => r.type === "pulumi-nodejs:dynamic/neon:Endpoint");
    expect(replicas).toHaveLength(spec.readReplicas);
    for (const r of replicas) {
      expect(r.inputs).toMatchObject({ type: "read_only", plan: spec.plan, minCu: spec.replicaMinCu, maxCu: spec.replicaMaxCu });
    }
    if (id === "m4") expect(replicas.length).toBeGreaterThanOrEqual(1);
    // protect only on the project, only when asked (m4 plays prod here); secrets declared.
    const projectOpts = options.find((o) => o.name === `db-${id}` && o.type === "pulumi-nodejs:dynamic/neon:Project")!;
    expect(projectOpts.protect).toBe(id === "m4");
    expect(projectOpts.additionalSecretOutputs).toEqual(expect.arrayContaining(["apiKey", "password", "connectionUri", "pooledConnectionUri"]));
    for (const o of options.filter((x) => x.name.startsWith(`db-${id}-replica-`))) expect(o.protect).toBeFalsy();
    // A replica is deleted before its replacement is created, also on `pulumi up --replace` (where the
    // engine asks the provider no diff): a replacement beside it would adopt it by name. The project is
    // replaced create-first (the database must not go away before its successor exists).
    for (const o of options.filter((x) => x.name.startsWith(`db-${id}-replica-`))) expect(o.deleteBeforeReplace).toBe(true);
    expect(projectOpts.deleteBeforeReplace).toBeFalsy();
  });

  test("an endpoint refuses deleteBeforeReplace: false, naming the option and what is allowed", async () => {
    const { NeonEndpoint } = await import("../../components/neon");
    const args = { apiKey: "k", projectId: "p", branchId: "br", type: "read_only" as const, plan: "launch" as const, minCu: 0.25, maxCu: 1 };
    expect(() => new NeonEndpoint("ep-bad", args, { deleteBeforeReplace: false })).toThrow(/NeonEndpoint "ep-bad": deleteBeforeReplace is false; allowed: true or unset/);
  });

  test("bad settings fail at construction, naming key, value and what is allowed", async () => {
    const { NeonDatabase } = await import("../../components/neon");
    const spec = { ...MILESTONES.m2.database, plan: "free" as const, maxCu: 4, scaleToZero: false, usePooler: false, poolSizePerInstance: 80 };
    expect(() => new NeonDatabase("db-bad", { spec, appMaxInstances: 2, apiKey: "k", protect: false })).toThrow(
      /NeonDatabase "db-bad": invalid database settings:\n {2}- spec.maxCu is 4 CU but the Neon free plan autoscales to at most 2 CU[\s\S]*spec.scaleToZero is false/,
    );
    await new Promise((r) => setImmediate(r));
    expect(registered.filter((r) => r.name.startsWith("db-bad"))).toEqual([]);
  });

  test("the serialised provider closure evaluates on its own and validates", async () => {
    const project = registered.find((r) => r.type === "pulumi-nodejs:dynamic/neon:Project")!;
    const text = project.inputs.__provider as string;
    const mod = { exports: {} as { handler?: () => { check: (o: unknown, n: unknown) => Promise<{ failures: unknown[] }> } } };
    new Function("exports", "require", "module", "__filename", "__dirname", text)(mod.exports, require, mod, "closure.js", ".");
    const provider = mod.exports.handler!();
    const res = await provider.check({}, { ...project.inputs, apiKey: "k", name: "x", minCu: 0.3 });
    expect(res.failures).toEqual([expect.objectContaining({ property: "minCu" })]);
  });

  afterAll(() => {
    console.log(`NeonDatabase under mocks, ms per milestone: ${JSON.stringify(timings)}`);
  });
});
