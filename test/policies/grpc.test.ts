/**
 * The real policy pack, end to end: `policies/` started as its own process by the same entry
 * point the Pulumi CLI uses (`@pulumi/pulumi/cmd/run-policy-pack`, ts-node with type checking,
 * cwd = the pack), then asked over gRPC exactly what `pulumi preview --policy-pack policies`
 * asks it, in the engine's order (see ./grpc-engine.ts). The resources are the dev stack as
 * the program declares it (recorded under mocks), with values unknown at preview sent as the
 * engine's unknown sentinel; each failing case changes one thing on that happy path.
 */
import * as fs from "fs";
import * as path from "path";
import type { Recording, ResourceRecord } from "../../model/records";
import { readProject, readStackConfig } from "../../plan/stackFiles";
import { PLAN_POLICIES } from "../../plan/guardrails/planPolicies";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME as PACK_MODULE_NAME, PACK_POLICIES } from "../../policies/pack";
import { record } from "../helpers";
import { AnalyzedResource, AnalyzerInfo, Diagnostic, PolicyConfigError, PolicyPackProcess, UNKNOWN, secret } from "./grpc-engine";

const ROOT = path.resolve(__dirname, "../..");
const PACK_DIR = path.join(ROOT, "policies");
const PACK_NAME = "cutlist-guardrails";
const STACK = "dev";

// Generous for a loaded CI machine. Idle, the file takes ~10 s: 7-9 s of it is the pack's start
// (Node, then ts-node type-checking the pack and what it imports, as the CLI does), overlapped
// with recording the dev stack; the RPCs themselves take well under a second.
jest.setTimeout(120_000);

let pack: PolicyPackProcess;
let rec: Recording;
let info: AnalyzerInfo;
let handshake: boolean;

beforeAll(async () => {
  // The stack's config goes to the pack as the CLI passes it (PULUMI_CONFIG); the pack compiles
  // while the program records.
  const project = readProject(ROOT);
  const { config } = readStackConfig(project, STACK);
  [pack, rec] = await Promise.all([
    PolicyPackProcess.launch(PACK_DIR, { project: project.name, stack: STACK, config, dryRun: true }),
    record(STACK),
  ]);
  // The engine's opening sequence, before the first resource.
  handshake = await pack.handshake();
  await pack.configureStack();
  info = await pack.getAnalyzerInfo();
  await pack.configure(info);
});

afterAll(async () => {
  await pack?.stop();
});

// ---- the stack as the engine sends it -------------------------------------------------------

const stackUrn = () => `urn:pulumi:${rec.stack}::${rec.project}::pulumi:pulumi:Stack::${rec.project}-${rec.stack}`;

function awsProvider(): NonNullable<AnalyzedResource["provider"]> {
  const version = (require("@pulumi/aws/package.json") as { version: string }).version;
  const name = `default_${version.replace(/[.-]/g, "_")}`;
  return {
    urn: `urn:pulumi:${rec.stack}::${rec.project}::pulumi:providers:aws::${name}`,
    type: "pulumi:providers:aws",
    name,
    properties: { region: rec.config["aws:region"] ?? "us-east-1", version },
  };
}

/** Recorded inputs → engine properties: `[secret]` placeholders travel as secrets. */
function engineProps(value: unknown): unknown {
  if (value === "[secret]") return secret("[secret]");
  if (Array.isArray(value)) return value.map(engineProps);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, engineProps(v)]));
  return value;
}

function toEngine(r: ResourceRecord, inputs: Record<string, unknown> = r.inputs): AnalyzedResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    properties: engineProps(inputs) as Record<string, unknown>,
    parent: r.parent ?? stackUrn(),
    dependencies: r.dependencies,
    protect: r.protect,
    deleteBeforeReplace: r.deleteBeforeReplace || undefined,
    ignoreChanges: r.ignoreChanges,
    additionalSecretOutputs: r.additionalSecretOutputs,
    provider: r.custom && r.type.startsWith("aws:") ? awsProvider() : undefined,
  };
}

/** Every resource the engine would show the pack: the stack, the default provider, the program's. */
function engineStack(resources: readonly ResourceRecord[] = rec.resources): AnalyzedResource[] {
  const p = awsProvider();
  return [
    { urn: stackUrn(), type: "pulumi:pulumi:Stack", name: `${rec.project}-${rec.stack}`, properties: {} },
    { urn: p.urn, type: p.type, name: p.name, properties: p.properties, parent: stackUrn() },
    ...resources.map((r) => toEngine(r)),
  ];
}

function only(type: string, name?: string): ResourceRecord {
  const found = rec.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) throw new Error(`dev stack: expected one ${type}${name ? ` "${name}"` : ""}, found ${found.length}`);
  return found[0];
}

/** The record with one input changed (a deep clone; the recording stays the happy path). */
function withInputs(r: ResourceRecord, change: (inputs: any) => void): AnalyzedResource {
  const inputs = structuredClone(r.inputs);
  change(inputs);
  return toEngine(r, inputs);
}

const mandatory = (ds: Diagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");
const named = (ds: Diagnostic[], policy: string) => ds.filter((d) => d.policyName === policy);
const describe1 = (ds: Diagnostic[]) => ds.map((d) => `${d.policyName} [${d.enforcementLevel}] ${d.urn}: ${d.message}`);

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const VPC = "aws:ec2/vpc:Vpc";
const ASG = "aws:autoscaling/group:Group";
const NEON = "pulumi-nodejs:dynamic/neon:Project";
const IMDS = "ec2-imdsv2-required";

// ---- the tests --------------------------------------------------------------------------------

describe("pulumi preview --policy-pack policies, as the engine runs it", () => {
  test("the pack starts from the CLI's entry point and prints only its port first", () => {
    expect(pack.port).toBeGreaterThan(0);
    expect(pack.stdout.split("\n")[0]).toBe(String(pack.port));
    expect(pack.running).toBe(true);
    expect(typeof handshake).toBe("boolean"); // @pulumi/policy answers UNIMPLEMENTED; the engine moves on
    // Startup is Node + ts-node type-checking the pack, as the CLI does it.
    process.stderr.write(`policy pack ready in ${pack.startupMs.toFixed(0)} ms (port ${pack.port})\n`);
  });

  test("GetAnalyzerInfo names the pack, its version and every policy with its default level", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string };
    expect(info.name).toBe(PACK_NAME);
    expect(PACK_MODULE_NAME).toBe(PACK_NAME);
    expect(info.version).toBe(pkg.version);
    expect(info.supportsConfig).toBe(true);
    expect(info.initialConfig).toEqual({});
    // What the process serves is exactly the plain policy list the plan runs offline.
    expect(info.policies.map((p) => p.name)).toEqual(PACK_POLICIES.map((p) => p.name));
    for (const local of PACK_POLICIES) {
      const served = info.policies.find((p) => p.name === local.name)!;
      expect(served).toEqual({
        name: local.name,
        description: local.description,
        enforcementLevel: local.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL,
        type: "validateStack" in local ? "stack" : "resource",
        ...(local.configSchema
          ? { configSchema: { properties: JSON.parse(JSON.stringify(local.configSchema.properties)), required: local.configSchema.required ?? [] } }
          : {}),
      });
    }
    expect(info.policies.find((p) => p.name === IMDS)).toMatchObject({ enforcementLevel: "mandatory", type: "resource" });
  });

  test("Analyze: no resource of the dev stack breaks a mandatory policy, and no policy is blinded by unknowns", async () => {
    const all: Diagnostic[] = [];
    for (const r of engineStack()) all.push(...(await pack.analyze(r)).diagnostics);
    expect(describe1(mandatory(all))).toEqual([]);
    expect(describe1(all.filter((d) => /can't run policy .* during preview/.test(d.message)))).toEqual([]);
  });

  test("Analyze: a launch template with IMDSv1 allowed is a mandatory violation naming the policy", async () => {
    const bad = withInputs(only(LT), (i) => (i.metadataOptions.httpTokens = "optional"));
    const { diagnostics } = await pack.analyze(bad);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ policyName: IMDS, policyPackName: PACK_NAME, policyPackVersion: info.version, enforcementLevel: "mandatory" });
    expect(diagnostics[0].message).toMatch(/required/);
    expect(diagnostics[0].message).toMatch(/optional/);
  });

  test("Analyze: the same check sees through a secret", async () => {
    const bad = withInputs(only(LT), (i) => (i.metadataOptions = secret({ ...i.metadataOptions, httpTokens: "optional" })));
    expect(named((await pack.analyze(bad)).diagnostics, IMDS)).toMatchObject([{ enforcementLevel: "mandatory" }]);
  });

  test("Analyze: a value unknown at preview is not judged: no violation, and no \"can't run\" note", async () => {
    // The engine's sentinel, as it arrives on the wire (grpc-engine also sends `undefined` as it).
    const unknown = withInputs(only(LT), (i) => (i.metadataOptions.httpTokens = UNKNOWN));
    expect(describe1((await pack.analyze(unknown)).diagnostics)).toEqual([]);
  });

  test("Analyze: a security group open to the internet on SSH breaks security-group-ingress", async () => {
    const sg = only(SG, "app-instances");
    const bad = withInputs(sg, (i) => (i.ingress = [...(i.ingress ?? []), { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }]));
    const ds = (await pack.analyze(bad)).diagnostics;
    expect(describe1(ds)).toEqual([expect.stringMatching(/^security-group-ingress \[mandatory\]/)]);
    expect(ds[0].message).toMatch(/22/);
    expect(ds[0].message).toMatch(/0\.0\.0\.0\/0/);
  });

  test("Analyze: a resource without its cost-allocation tags breaks required-tags", async () => {
    const bad = withInputs(only(VPC), (i) => delete i.tags.milestone);
    const ds = (await pack.analyze(bad)).diagnostics;
    expect(describe1(ds)).toEqual([expect.stringMatching(/^required-tags \[mandatory\].*milestone/)]);
  });

  test("AnalyzeStack: the dev stack as a whole passes every mandatory policy", async () => {
    const { diagnostics } = await pack.analyzeStack(engineStack());
    expect(describe1(mandatory(diagnostics))).toEqual([]);
  });

  test("AnalyzeStack: a group that may grow without a target-tracking policy breaks capacity-target-tracking", async () => {
    const asg = only(ASG);
    expect(rec.resources.filter((r) => r.type === "aws:autoscaling/policy:Policy")).toEqual([]); // m1: one instance, no scaling
    const stack = engineStack().map((r) => (r.urn === asg.urn ? withInputs(asg, (i) => (i.maxSize = 3)) : r));
    const ds = named((await pack.analyzeStack(stack)).diagnostics, "capacity-target-tracking");
    expect(ds).toMatchObject([{ enforcementLevel: "mandatory", urn: asg.urn }]);
    expect(ds[0].message).toMatch(/from 1 to 3/);
  });
});

describe("--policy-pack-config", () => {
  afterEach(async () => {
    await pack.configure(info); // back to the defaults, as a fresh preview would be
  });

  test('"disabled" silences a policy', async () => {
    await pack.configure(info, { [IMDS]: "disabled" });
    const bad = withInputs(only(LT), (i) => (i.metadataOptions.httpTokens = "optional"));
    expect((await pack.analyze(bad)).diagnostics).toEqual([]);
  });

  test('"all": "advisory" downgrades every policy', async () => {
    const sent = await pack.configure(info, { all: "advisory" });
    for (const p of info.policies) expect(sent[p.name].enforcementLevel).toBe("advisory");
    const bad = withInputs(only(LT), (i) => (i.metadataOptions.httpTokens = "optional"));
    expect(named((await pack.analyze(bad)).diagnostics, IMDS)).toMatchObject([{ enforcementLevel: "advisory" }]);
  });

  test("a policy's own setting reaches it: a $1 budget fails the dev stack", async () => {
    const sent = await pack.configure(info, { "cost-monthly-budget": { budgetUsd: 1 } });
    expect(sent["cost-monthly-budget"]).toMatchObject({ enforcementLevel: "mandatory", properties: { budgetUsd: 1 } });
    const ds = named((await pack.analyzeStack(engineStack())).diagnostics, "cost-monthly-budget");
    expect(ds).toMatchObject([{ enforcementLevel: "mandatory" }]);
    expect(ds[0].message).toMatch(/within \$1\.00 \(budgetUsd\); it is \$\d+\.\d\d/);
  });

  test("protectedStacks: [\"dev\"] makes the unprotected dev database a violation", async () => {
    const db = toEngine(only(NEON));
    expect(named((await pack.analyze(db)).diagnostics, "stateful-protected-in-prod")).toEqual([]);
    await pack.configure(info, { "stateful-protected-in-prod": { protectedStacks: ["dev"] } });
    expect(named((await pack.analyze(db)).diagnostics, "stateful-protected-in-prod")).toMatchObject([{ enforcementLevel: "mandatory" }]);
  });

  test("a value outside a policy's configSchema is refused, naming the policy, as the CLI does", async () => {
    const refused = pack.configure(info, { "cost-monthly-budget": { budgetUsd: -5 } });
    await expect(refused).rejects.toThrow(PolicyConfigError);
    await expect(refused).rejects.toThrow(/cost-monthly-budget: budgetUsd: must be >= 0/);
  });

  test("one config file serves plan and preview: plan-only keys pass through the engine to a pack that ignores them", async () => {
    const planOnly = PLAN_POLICIES.map((p) => p.name);
    expect(planOnly).toContain("cost-increase-limit");
    const sent = await pack.configure(info, {
      all: "advisory",
      "cost-monthly-budget": "mandatory",
      "cost-increase-limit": { enforcementLevel: "mandatory", maxIncreasePercent: 20 },
    });
    expect(sent["cost-increase-limit"]).toEqual({ enforcementLevel: "mandatory", properties: { maxIncreasePercent: 20 } });
    const { diagnostics } = await pack.analyzeStack(engineStack());
    expect(diagnostics.filter((d) => planOnly.includes(d.policyName))).toEqual([]);
    expect(describe1(mandatory(diagnostics))).toEqual([]);
  });

  test("…but only with an explicit enforcementLevel: without one the CLI's Configure fails the preview", async () => {
    // ReconcilePolicyPackConfig gives a name the pack does not declare no level (not even from
    // "all"), and analyzer.Configure rejects "" — so `pulumi preview` stops before any resource.
    await expect(pack.configure(info, { all: "advisory", "cost-increase-limit": { maxIncreasePercent: 20 } })).rejects.toThrow(
      /invalid enforcement level "" \(policy "cost-increase-limit"\)/,
    );
  });

  test("an invalid enforcement level is refused before the pack is configured", async () => {
    await expect(pack.configure(info, { [IMDS]: "blocking" as never })).rejects.toThrow(PolicyConfigError);
    const bad = withInputs(only(LT), (i) => (i.metadataOptions.httpTokens = "optional"));
    expect(named((await pack.analyze(bad)).diagnostics, IMDS)).toMatchObject([{ enforcementLevel: "mandatory" }]);
  });
});
