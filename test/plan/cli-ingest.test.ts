/**
 * The plan CLI on engine output and on awsx: `--preview-json`, a program of awsx components,
 * `--state`, and the usage errors, through the CLI's `main()` in this process, one run after
 * another (an awsx program still records in its own child; cli.test.ts keeps the real-process
 * run of the CLI).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../plan/cli";
import { inProcess, type Run } from "./cli-harness";

const PREVIEW = "test/fixtures/engine/preview-shop-prod.json";
const SAMPLE_STATE = "test/fixtures/engine/state-sample-dev.json";
const SHOP_STATE = "test/fixtures/engine/state-shop-dev.json";

const plan = (...args: string[]) => inProcess(main, args);
/** The output with wrapped messages joined back (the table wraps them, indented, to its width). */
const flat = (out: string) => out.replace(/\n {2,}(?=\S)/g, " ");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-ingest-"));
const ALL_ADVISORY = path.join(tmp, "all-advisory.json");
fs.writeFileSync(ALL_ADVISORY, JSON.stringify({ all: "advisory" }));
const BAD_PREVIEW = path.join(tmp, "bad-preview.json");
const doc = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../..", PREVIEW), "utf8"));
doc.steps[4].newState.custom = "yes";
fs.writeFileSync(BAD_PREVIEW, JSON.stringify(doc));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let runs: { preview: Run; previewJson: Run; awsx: Run; state: Run };

beforeAll(async () => {
  // The CLI's main in this process, one run after another (cli.test.ts runs it as a real process).
  const preview = await plan("--preview-json", PREVIEW);
  const awsx = await plan("--program", "test/fixtures/awsx-program", "--stack", "dev");
  const previewJson = await inProcess(main, ["--preview-json", PREVIEW, "--format", "json", "--allow-data-loss", "--policy-config", ALL_ADVISORY]);
  const state = await inProcess(main, ["--program", "test/fixtures/sample-program", "--state", SAMPLE_STATE, "--format", "markdown"]);
  runs = { preview, previewJson, awsx, state };
}, 300_000);

describe("--preview-json", () => {
  test("a table of the change with each resource's cost before and after; a stateful delete and replace fail the plan (exit 1)", () => {
    const { code, stderr } = runs.preview;
    const stdout = flat(runs.preview.stdout);
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(stdout).toMatch(/^shop\/prod: deployed → preview {2}\(2 to create, 1 to update, 1 to replace, 1 to delete\)$/m);
    expect(stdout).toMatch(/~ update\s+│ aws:ec2:Instance\s+│ web\s+│\s+\$11\.88 │\s+\$19\.47 │\s+\+\$7\.59 │/);
    expect(stdout).toMatch(/\+ create\s+│ aws:ec2:NatGateway\s+│ egress\s+│\s+— │\s+\$32\.85\* │\s+\+\$32\.85 │/);
    expect(stdout).toMatch(/\+\/- replace \(stateful!\) │ aws:elasticache:Cluster │ sessions\s+│\s+\$11\.68 │\s+\$9\.34 │\s+-\$2\.34 │/);
    expect(stdout).toMatch(/- delete \(stateful!\)\s+│ aws:s3:BucketV2\s+│ uploads/);
    expect(stdout).toContain("Total monthly: expected $23.56 → $65.32 (+$41.76)");
    expect(stdout).toContain("Data at risk: replace sessions (aws:elasticache/cluster:Cluster), delete uploads (aws:s3/bucketV2:BucketV2)");
    expect(stdout).toContain("FAIL stateful-change-needs-allow-data-loss [uploads]: Keep BucketV2 uploads, or pass --allow-data-loss");
    expect(stdout).toContain("note: test/fixtures/engine/preview-shop-prod.json: 2 unchanged resources are not in the preview");
  });

  test("json: Infracost's schema with exact decimal totals; --allow-data-loss and an all-advisory config pass (exit 0)", () => {
    const { code, stdout, stderr } = runs.previewJson;
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const out = JSON.parse(stdout);
    expect([out.pastTotalMonthlyCost, out.totalMonthlyCost, out.diffTotalMonthlyCost]).toEqual(["23.562", "65.318", "41.756"]);
    const project = out.projects[0];
    expect(project.name).toBe("shop/prod");
    expect(project.metadata.path).toBe(path.resolve(__dirname, "../..", PREVIEW));
    expect(project.diff.resources.map((r: any) => [r.metadata.change, r.metadata.name, r.monthlyCost])).toEqual([
      ["update", "web", "7.592"], ["create", "egress", "3.65"], ["create", "egress", "32.85"], ["replace", "sessions", "-2.336"], ["delete", "uploads", "0"],
    ]);
    expect(project.summary.changes).toEqual({ create: 2, update: 1, replace: 1, delete: 1, same: 0, retagged: 0, statefulDeletesOrReplaces: 2 });
  });
});

describe("awsx components in a program", () => {
  test("are priced as the resources awsx creates: NAT gateways and their addresses, the load balancer; the rest named as not priced", () => {
    const { code } = runs.awsx;
    const stdout = flat(runs.awsx.stdout);
    expect(code).toBe(1); // awsx's open security groups fail the ingress guardrail
    expect(stdout.match(/aws:ec2:NatGateway\s+│ (main-[123]|batch-1)\s+│\s+\$32\.85\*/g)).toHaveLength(4);
    expect(stdout.match(/aws:ec2:Eip\s+│ (main-[123]|batch-1)\s+│\s+\$3\.65/g)).toHaveLength(4);
    expect(stdout).toMatch(/aws:lb:LoadBalancer\s+│ web\s+│\s+\$23\.73\*/);
    expect(stdout).toMatch(/awsx:cloudtrail:Trail\s+│ audit\s+│\s+not priced/);
    expect(stdout).toMatch(/^Total monthly: expected \$198\.56; worst case \$198\.56$/m);
    expect(stdout).toContain("note: awsx:ec2:Vpc main: priced as the 32 resources awsx creates for it: 3 availability zones (awsx's default), 2 subnets per zone, NAT gateways OnePerAz: 3 with 3 Elastic IPs (awsx's default)");
    expect(stdout).toMatch(/^Not priced \(2\): .*audit \(awsx:cloudtrail:Trail\).*edge \(awsx:ec2:Vpc\)/m);
    expect(stdout).toMatch(/^FAIL security-group-ingress \[web\]/m);
  });
});

describe("--state", () => {
  test("markdown: what is deployed against the program as it is, with the deleted bucket flagged", () => {
    const { code, stdout, stderr } = runs.state;
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(stdout).toMatch(/^### sample\/dev: deployed \(test\/fixtures\/engine\/state-sample-dev\.json\) → as configured$/m);
    expect(stdout).toContain("| (top level) | update | web | `aws:ec2:Instance` | `instanceType` | +$3.80 |");
    expect(stdout).toContain("| (top level) | **delete** ⚠️ stateful | old-logs | `aws:s3:Bucket` |  | $0.00 |");
    expect(stdout).toContain("| (top level) | create | orders | `aws:appsync:GraphQLApi` |  | $0.00 |  |");
    expect(stdout).not.toMatch(/\| uploads \|/); // unchanged: its auto-name was the provider's default, not a change
  });
});

describe("usage errors exit 2 with one line", () => {
  const cases: [string, string[], string][] = [
    ["--preview-json with a program's flags", ["--preview-json", PREVIEW, "--stack", "dev", "--milestone", "m2"], "plan: --preview-json: not with --stack, --milestone: the preview names its own project and stack, and its sides are what is deployed and what it would deploy\n"],
    ["--preview-json with --state", ["--preview-json", PREVIEW, "--state", SAMPLE_STATE], "plan: --preview-json: not with --state: the preview names its own project and stack, and its sides are what is deployed and what it would deploy\n"],
    ["an empty file name", ["--preview-json", ""], 'plan: --preview-json: "" is not allowed: must name a file\n'],
    ["a missing file", ["--preview-json", "no/such/preview.json"], "plan: --preview-json: no/such/preview.json: no such file\n"],
    ["a value of the wrong shape inside the file", ["--preview-json", BAD_PREVIEW], `plan: --preview-json: ${BAD_PREVIEW}: steps[4].newState.custom: expected true or false, got "yes"\n`],
    ["--state with --base-milestone", ["--state", SAMPLE_STATE, "--base-milestone", "m1"], "plan: --state: not with --base-milestone: the base is what the state says is deployed\n"],
    ["the state of another project", ["--program", "test/fixtures/sample-program", "--state", SHOP_STATE], `plan: --state: ${SHOP_STATE} is the state of project "shop", stack "dev"; this plan is of project "sample", stack "dev"\n`],
    ["a preview given as a state", ["--state", PREVIEW], `plan: --state: ${PREVIEW}: this is \`pulumi preview --json\` output, not a stack export; pass it with --preview-json\n`],
  ];
  test.each(cases)("%s", async (_name, args, message) => {
    const { code, stdout, stderr } = await inProcess(main, args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe(message);
  });
});
