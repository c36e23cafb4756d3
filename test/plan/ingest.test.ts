/**
 * Engine output as the plan's input: `pulumi preview --json` (test/fixtures/engine/
 * preview-shop-prod.json) and `pulumi stack export` (state-*.json), hand-written in the
 * engine's documented shapes (see that folder's README). Prices are checked line by line
 * against hand computation from cost/prices: t3.micro $0.0104/h, t3.small $0.0208/h,
 * t3.nano $0.0052/h, gp3 $0.08/GB-month (8 GB root volume: $0.64), NAT gateway $0.045/h,
 * public IPv4 $0.005/h, ElastiCache cache.t4g.micro Redis $0.016/h and Valkey $0.0128/h; 730 h.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { replaceOnChange } from "../../model/resourceTypes";
import { readPreviewJson } from "../../plan/ingest/previewJson";
import { readStackExport } from "../../plan/ingest/stackExport";
import { planStack, type StackPlan } from "../../plan/plan";
import { planPreview } from "../../plan/planPreview";

const ENGINE = path.resolve(__dirname, "../fixtures/engine");
const PREVIEW = path.join(ENGINE, "preview-shop-prod.json");
const SAMPLE = path.resolve(__dirname, "../fixtures/sample-program");
const AWSX = path.resolve(__dirname, "../fixtures/awsx-program");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-ingest-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SHOP = "urn:pulumi:prod::shop::";
const lines = (plan: StackPlan, name: string, side: "before" | "after") =>
  plan.resources.filter((r) => r.name === name).flatMap((r) => r[side]?.costComponents.map((c) => [c.name, c.monthlyQuantity, c.price, c.monthlyCost]) ?? []);

/** A copy of the preview fixture changed by `edit`, written to a temporary file. */
function previewVariant(name: string, edit: (doc: any) => void): string {
  const doc = JSON.parse(fs.readFileSync(PREVIEW, "utf8"));
  edit(doc);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe("--preview-json", () => {
  let plan: StackPlan;
  beforeAll(async () => {
    plan = await planPreview({ preview: readPreviewJson(PREVIEW, "preview-shop-prod.json") });
  });

  test("old states are the base, new states the head; project and stack from the URNs, config from the preview", () => {
    expect([plan.project, plan.stack, plan.sides]).toEqual(["shop", "prod", { base: "deployed", head: "preview" }]);
    expect(plan.resources.map((r) => [r.kind, r.type, r.name])).toEqual([
      ["update", "aws:ec2/instance:Instance", "web"],
      ["create", "aws:ec2/eip:Eip", "egress"],
      ["create", "aws:ec2/natGateway:NatGateway", "egress"],
      ["replace", "aws:elasticache/cluster:Cluster", "sessions"],
      ["same", "cost:aws/dataTransfer:DataTransfer", "data-transfer"],
      ["delete", "aws:s3/bucketV2:BucketV2", "uploads"],
    ]);
    expect(plan.diff.counts).toEqual({ create: 2, update: 1, replace: 1, delete: 1, same: 0 });
  });

  test("every line priced as computed by hand: $23.562 → $65.318 a month", () => {
    expect(lines(plan, "web", "before")).toEqual([["Instance usage (Linux/UNIX, on-demand, t3.micro)", 730, 0.0104, 7.592], ["Root volume: Storage (general purpose SSD, gp3)", 8, 0.08, 0.64], ["Public IPv4 address (in use)", 730, 0.005, 3.65]]);
    expect(lines(plan, "web", "after")).toEqual([["Instance usage (Linux/UNIX, on-demand, t3.small)", 730, 0.0208, 15.184], ["Root volume: Storage (general purpose SSD, gp3)", 8, 0.08, 0.64], ["Public IPv4 address (in use)", 730, 0.005, 3.65]]);
    expect(lines(plan, "egress", "after")).toEqual([["Public IPv4 address (Elastic IP)", 730, 0.005, 3.65], ["NAT gateway", 730, 0.045, 32.85], ["Data processed", null, 0.045, null]]);
    expect(lines(plan, "sessions", "before")).toEqual([["ElastiCache (on-demand, redis, cache.t4g.micro)", 730, 0.016, 11.68]]);
    expect(lines(plan, "sessions", "after")).toEqual([["ElastiCache (on-demand, valkey, cache.t4g.micro)", 730, 0.0128, 9.344]]);
    // A bucket's cost is all usage; nobody gave any.
    expect(lines(plan, "uploads", "before").map((l) => l[3])).toEqual([null, null, null]);
    // The instance names no subnet: launched in the default VPC, whose subnets map a public IPv4.
    expect(plan.baseEstimate.totalMonthlyCost).toBe(23.562); // 7.592 + 0.64 + 3.65 + 11.68
    expect(plan.estimate.totalMonthlyCost).toBe(65.318); // 15.184 + 0.64 + 3.65 + 3.65 + 32.85 + 9.344
    expect(plan.totalMonthlyDelta).toBe(41.756);
  });

  test("the engine's replace stays a replace though the registry knows no create-only input of the type; the update names its input", () => {
    expect(replaceOnChange("aws:elasticache/cluster:Cluster")).toBeUndefined();
    const byName = new Map(plan.diff.changes.map((c) => [`${c.type} ${c.name}`, c]));
    expect(byName.get("aws:elasticache/cluster:Cluster sessions")).toMatchObject({
      kind: "replace", stateful: true, changes: [{ path: "engine", before: "redis", after: "valkey", forcesReplacement: true }],
    });
    expect(byName.get("aws:ec2/instance:Instance web")).toMatchObject({
      kind: "update", replacementUnknown: false, changes: [{ path: "instanceType", before: "t3.micro", after: "t3.small", forcesReplacement: false }],
    });
  });

  test("the states read as the recorder writes: unknowns undefined, secrets \"[secret]\", defaulted and internal keys gone, explicit providers named", () => {
    const rec = (urn: string) => plan.diff.changes.find((c) => c.urn === urn)!;
    const web = rec(`${SHOP}shop:web:Web$aws:ec2/instance:Instance::web`).after!;
    expect(web).toMatchObject({ parent: `${SHOP}shop:web:Web::web`, component: "web", provider: `${SHOP}pulumi:providers:aws::use1` });
    expect(web.inputs).toEqual({ ami: "ami-0123456789abcdef0", instanceType: "t3.small", metadataOptions: { httpTokens: "required" }, tags: { Name: "web", team: "shop" }, userData: "[secret]" });
    const nat = rec(`${SHOP}aws:ec2/natGateway:NatGateway::egress`).after!;
    expect(nat.inputs).toEqual({ allocationId: undefined, subnetId: "subnet-0f1e2d3c4b5a69788", tags: { team: "shop" } });
    expect("allocationId" in nat.inputs).toBe(true); // unknown at preview, not absent
    // At the top level (the root stack is nobody's parent), with the default provider (not named).
    expect([nat.parent, nat.component, nat.provider, nat.dependencies]).toEqual([undefined, undefined, undefined, [`${SHOP}aws:ec2/eip:Eip::egress`]]);
    expect(rec(`${SHOP}aws:s3/bucketV2:BucketV2::uploads`).before!.inputs).toEqual({ tags: { team: "shop" } });
    expect(plan.resources.some((r) => r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:") || r.name === "default")).toBe(false);
  });

  test("the notes say what the preview leaves out: unchanged resources without --show-sames, resources only read", () => {
    expect(plan.notes).toEqual([
      "preview-shop-prod.json: 2 unchanged resources are not in the preview (`pulumi preview --json --show-sames` lists them): the totals cover the 5 resources it lists",
      "preview-shop-prod.json: steps on resources the stack does not manage left out (1 read)",
    ]);
  });

  test("deleting or replacing a stateful resource fails the plan-only guardrail; --allow-data-loss makes it advisory", async () => {
    const held = plan.verdicts.filter((v) => v.policy === "stateful-change-needs-allow-data-loss");
    expect(held.map((v) => [v.mandatory, v.passed, v.resourceName, v.message])).toEqual([
      [true, false, "sessions", "Keep Cluster sessions, or pass --allow-data-loss: the plan would replace it (engine cannot change in place) and lose what it holds."],
      [true, false, "uploads", "Keep BucketV2 uploads, or pass --allow-data-loss: the plan would delete it and lose what it holds."],
    ]);
    const allowed = await planPreview({ preview: readPreviewJson(PREVIEW, "p.json"), allowDataLoss: true });
    expect(allowed.verdicts.filter((v) => v.policy === "stateful-change-needs-allow-data-loss").map((v) => [v.enforcementLevel, v.passed])).toEqual([["advisory", false], ["advisory", false]]);
  });

  test("without --show-replacement-steps (the logical replace step alone) the plan is the same", async () => {
    const file = previewVariant("logical-only.json", (doc) => {
      doc.steps = doc.steps.filter((s: { op: string }) => s.op !== "create-replacement" && s.op !== "delete-replaced");
    });
    const logical = await planPreview({ preview: readPreviewJson(file, "logical-only.json") });
    expect(logical.diff).toEqual(plan.diff);
    expect(logical.totalMonthlyDelta).toBe(41.756);
  });

  test("with --show-sames, an unchanged resource is on both sides and no note says the totals are partial", async () => {
    const file = previewVariant("sames.json", (doc) => {
      const web = doc.steps.find((s: { urn: string }) => s.urn.endsWith("::web"));
      const queue = { urn: `${SHOP}aws:sqs/queue:Queue::jobs`, custom: true, type: "aws:sqs/queue:Queue", inputs: { __defaults: ["name"], name: "jobs-5d6e7f8" } };
      doc.steps.push({ op: "same", urn: queue.urn, provider: web.provider, oldState: queue, newState: queue, detailedDiff: null });
      doc.changeSummary.same = 2;
    });
    const sames = await planPreview({ preview: readPreviewJson(file, "sames.json") });
    expect(sames.resources.find((r) => r.name === "jobs")).toMatchObject({ kind: "same", monthlyBefore: 0, monthlyAfter: 0 });
    expect(sames.notes.some((n) => n.includes("unchanged"))).toBe(false);
  });
});

describe("a preview file that is not what pulumi preview --json writes: one line naming the path inside it", () => {
  const cases: [string, (doc: any) => void, string][] = [
    ["an op the engine does not have", (d) => { d.steps[2].op = "modify"; }, '--preview-json: bad.json: steps[2].op: "modify" is not an op `pulumi preview` writes; one of same, create, update, delete, replace, create-replacement, delete-replaced, import-replacement, import, refresh, read, read-replacement, discard, discard-replaced, remove-pending-replace'],
    ["a state whose type is not its URN's", (d) => { d.steps[3].newState.type = "aws:ec2/eip:Eips"; }, '--preview-json: bad.json: steps[3].newState.type: "aws:ec2/eip:Eips" is not the type its URN names ("aws:ec2/eip:Eip")'],
    ["a create without its new state", (d) => { delete d.steps[4].newState; }, '--preview-json: bad.json: steps[4].newState: missing; a "create" step carries the new state'],
    ["a URN that is no URN", (d) => { d.steps[2].urn = "web"; }, '--preview-json: bad.json: steps[2].urn: expected a Pulumi URN ("urn:pulumi:<stack>::<project>::<type>::<name>"), got "web"'],
    ["inputs that are not an object", (d) => { d.steps[2].newState.inputs = ["t3.small"]; }, "--preview-json: bad.json: steps[2].newState.inputs: expected an object, got a list"],
    ["a secret of an unknown kind", (d) => { d.steps[2].newState.inputs.userData = { "4dabf18193072939515e22adb298388d": "0000" }; }, '--preview-json: bad.json: steps[2].newState.inputs.userData: unrecognized signature "0000" in property map (the engine writes secrets, resource references, output values, assets and archives)'],
    ["steps of two stacks", (d) => { d.steps[8].urn = d.steps[8].urn.replace(":prod::", ":dev::"); d.steps[8].oldState.urn = d.steps[8].urn; }, '--preview-json: bad.json: steps[8].urn: names project "shop", stack "dev"; the steps before it name project "shop", stack "prod"'],
    ["a failed preview", (d) => { d.diagnostics = [{ message: "error: could not load plugin aws\nmore", severity: "error" }]; }, "--preview-json: bad.json: diagnostics[0]: the preview failed (error: could not load plugin aws); fix it and preview again"],
    ["a stack export", (d) => { for (const k of Object.keys(d)) delete d[k]; Object.assign(d, { version: 3, deployment: { resources: [] } }); }, "--preview-json: bad.json: this is `pulumi stack export` output, not a preview; pass it with --state"],
  ];
  test.each(cases)("%s", (_name, edit, message) => {
    const file = previewVariant("bad.json", edit);
    expect(() => readPreviewJson(file, "bad.json")).toThrow(message);
    expect(message).not.toContain("\n");
  });

  test("a missing file, an empty one, and one that is not JSON", () => {
    expect(() => readPreviewJson(path.join(tmp, "nope.json"), "nope.json")).toThrow("--preview-json: nope.json: no such file");
    fs.writeFileSync(path.join(tmp, "empty.json"), "\n");
    expect(() => readPreviewJson(path.join(tmp, "empty.json"), "empty.json")).toThrow("--preview-json: empty.json: is empty; expected JSON");
    fs.writeFileSync(path.join(tmp, "text.json"), "Previewing update (prod):\n");
    expect(() => readPreviewJson(path.join(tmp, "text.json"), "text.json")).toThrow(/^--preview-json: text\.json: is not JSON: /);
    expect(() => readPreviewJson(tmp, "dir")).toThrow("--preview-json: dir: is a directory; name the JSON file");
  });
});

describe("--state", () => {
  test("a stack export reads as the recorder would record the same resources: no root stack, no default provider, no defaulted inputs", () => {
    const state = readStackExport(path.join(ENGINE, "state-sample-dev.json"), "state.json");
    expect([state.project, state.stack]).toEqual(["sample", "dev"]);
    expect(state.resources.map((r) => [r.urn, r.inputs])).toEqual([
      ["urn:pulumi:dev::sample::aws:ec2/instance:Instance::web", { ami: "ami-0123456789abcdef0", instanceType: "t3.nano", tags: { Name: "web" } }],
      ["urn:pulumi:dev::sample::aws:s3/bucket:Bucket::uploads", {}],
      ["urn:pulumi:dev::sample::aws:sqs/queue:Queue::jobs", { messageRetentionSeconds: 345600 }],
      ["urn:pulumi:dev::sample::aws:s3/bucket:Bucket::old-logs", {}],
    ]);
    expect(state.resources.every((r) => r.parent === undefined && r.provider === undefined)).toBe(true);
  });

  test("the program compared with what is deployed: the instance resized, a table to create, a bucket the program dropped deleted (held)", async () => {
    const deployed = readStackExport(path.join(ENGINE, "state-sample-dev.json"), "state-sample-dev.json");
    const plan = await planStack({ dir: SAMPLE, stack: "dev", deployed });
    expect(plan.resources.map((r) => [r.kind, r.name])).toEqual([
      ["same", "jobs"], ["create", "orders"], ["same", "uploads"], ["update", "web"], ["same", "data-transfer"], ["delete", "old-logs"],
    ]);
    // No subnet named: the default VPC's subnets map a public IPv4 on launch ($3.65 both sides).
    expect(lines(plan, "web", "before")).toEqual([["Instance usage (Linux/UNIX, on-demand, t3.nano)", 730, 0.0052, 3.796], ["Root volume: Storage (general purpose SSD, gp3)", 8, 0.08, 0.64], ["Public IPv4 address (in use)", 730, 0.005, 3.65]]);
    expect(plan.resources.find((r) => r.name === "web")).toMatchObject({ monthlyBefore: 8.086, monthlyAfter: 11.882, monthlyDelta: 3.796 });
    expect(plan.sides).toEqual({ base: "deployed (state-sample-dev.json)", head: "as configured" });
    expect(plan.verdicts.find((v) => v.policy === "stateful-change-needs-allow-data-loss" && !v.passed)).toMatchObject({ mandatory: true, resourceName: "old-logs" });
  });

  test("values the cloud computed are taken from the state: an awsx subnet whose VPC id is unknown under mocks plans as unchanged, not replaced", async () => {
    const deployed = readStackExport(path.join(ENGINE, "state-shop-dev.json"), "state-shop-dev.json");
    const plan = await planStack({ dir: AWSX, stack: "dev", deployed });
    const chain = "urn:pulumi:dev::shop::awsx:ec2:Vpc$aws:ec2/vpc:Vpc";
    const subnet = plan.diff.changes.find((c) => c.urn === `${chain}$aws:ec2/subnet:Subnet::main-public-1`)!;
    expect(subnet).toMatchObject({ kind: "same", changes: [] });
    expect(subnet.after!.inputs).toMatchObject({ vpcId: "vpc-0a1b2c3d4e5f60789", cidrBlock: "10.0.64.0/20" });
    expect(plan.diff.changes.find((c) => c.urn === `${chain}::main`)).toMatchObject({ kind: "same" });
    // The rest of the program is not deployed yet.
    expect(plan.diff.counts).toMatchObject({ same: 2, update: 0, replace: 0, delete: 0 });
    expect(plan.totalMonthlyDelta).toBe(198.56); // test/plan/remote-components.test.ts works it out
  });

  test("a state of another stack, a state version it cannot read, a preview passed as a state", async () => {
    const deployed = readStackExport(path.join(ENGINE, "state-shop-dev.json"), "shop.json");
    await expect(planStack({ dir: SAMPLE, stack: "dev", deployed })).rejects.toThrow('--state: shop.json is the state of project "shop", stack "dev"; this plan is of project "sample", stack "dev"');
    await expect(planStack({ dir: SAMPLE, stack: "dev", deployed, baseMilestone: "m1" })).rejects.toThrow("--base-milestone: not with --state");
    const v2 = path.join(tmp, "v2.json");
    fs.writeFileSync(v2, JSON.stringify({ version: 2, deployment: { resources: [] } }));
    expect(() => readStackExport(v2, "v2.json")).toThrow("--state: v2.json: version: number 2 is not a deployment version this plan reads (3, or 4 for stacks using newer engine features); export the stack again with a current Pulumi CLI");
    expect(() => readStackExport(PREVIEW, "p.json")).toThrow("--state: p.json: this is `pulumi preview --json` output, not a stack export; pass it with --preview-json");
    const typo = path.join(tmp, "typo.json");
    const doc = JSON.parse(fs.readFileSync(path.join(ENGINE, "state-sample-dev.json"), "utf8"));
    doc.deployment.resources[3].custom = "yes";
    fs.writeFileSync(typo, JSON.stringify(doc));
    expect(() => readStackExport(typo, "typo.json")).toThrow('--state: typo.json: deployment.resources[3].custom: expected true or false, got "yes"');
  });
});
