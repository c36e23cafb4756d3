/**
 * `--usage-file`: usage per resource and per type for a program that is not ours (the sample
 * program: an instance, a bucket, a queue, an AppSync API), priced line by line against hand
 * computation, and every kind of bad file refused with one message naming the key (exit 2).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../plan/cli";
import { inProcess } from "./cli-harness";

const SAMPLE = "test/fixtures/sample-program";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "usage-file-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
}

const GOOD = file("usage.yml", [
  "version: 0.1",
  "resource_type_default_usage:",
  "  aws:s3/bucket:Bucket:",
  "    storage_gb: 100",
  "resource_usage:",
  "  jobs:",
  "    monthly_requests: 3000000",
  "  uploads:",
  "    monthly_tier_1_requests: 10000",
].join("\n"));

interface Line { name: string; monthlyQuantity: string | null; price: string; monthlyCost: string | null }
const linesOf = (doc: { projects: { breakdown: { resources: { name: string; costComponents: Line[] }[] } }[] }, suffix: string) =>
  doc.projects[0].breakdown.resources.find((r) => r.name.endsWith(suffix))!.costComponents.map((c) => [c.name, c.monthlyQuantity, c.price, c.monthlyCost]);

test("usage per resource and per type prices the lines it feeds: the queue past its free 1M, the bucket's GB and PUTs", async () => {
  const run = await inProcess(main, ["--program", SAMPLE, "--stack", "dev", "--format", "json", "--usage-file", GOOD]);
  expect(run.stderr).toBe("");
  const doc = JSON.parse(run.stdout);
  // SQS standard: the first 1M requests a month free, then $0.40 per 1M: 2M × 0.40 = $0.80.
  expect(linesOf(doc, "::jobs")).toEqual([
    ["Requests (free tier, first 1M)", "1", "0", "0"],
    ["Requests (standard)", "2", "0.4", "0.8"],
  ]);
  // S3 Standard: 100 GB × $0.023 = $2.30 (the type's default); 10k PUTs × $0.005 = $0.05 (the resource's own).
  const bucket = linesOf(doc, "::uploads");
  expect(bucket).toEqual(expect.arrayContaining([
    ["Storage (S3 Standard)", "100", "0.023", "2.3"],
    ["PUT, COPY, POST, LIST requests", "10", "0.005", "0.05"],
  ]));
});

test.each<[string, string, RegExp]>([
  ["an unknown resource, with a did-you-mean", "version: 0.1\nresource_usage:\n  jbos:\n    monthly_requests: 1\n", /usage file .*: resource_usage\.jbos: no resource of the program is named "jbos"; did you mean "jobs"\?/],
  ["a key the pricer does not read", "version: 0.1\nresource_usage:\n  jobs:\n    monthly_request: 1\n", /resource_usage\.jobs\.monthly_request: not a usage key of aws:sqs\/queue:Queue; did you mean "monthly_requests"\? Allowed: monthly_requests, request_size_kb/],
  ["a negative number", "version: 0.1\nresource_usage:\n  jobs:\n    monthly_requests: -5\n", /resource_usage\.jobs\.monthly_requests: -5 is not allowed: must be a number ≥ 0/],
  ["a string", "version: 0.1\nresource_usage:\n  jobs:\n    monthly_requests: lots\n", /resource_usage\.jobs\.monthly_requests: "lots" is not allowed: must be a number ≥ 0/],
  ["a type the program does not declare", "version: 0.1\nresource_type_default_usage:\n  aws:lambda/function:Function:\n    monthly_requests: 1\n", /resource_type_default_usage\.aws:lambda\/function:Function: the program declares no aws:lambda\/function:Function/],
  ["a type nothing prices", "version: 0.1\nresource_usage:\n  orders:\n    monthly_requests: 1\n", /resource_usage\.orders: aws:appsync\/graphQLApi:GraphQLApi has no pricer here/],
  ["a missing version", "resource_usage: {}\n", /version: \(missing\) is required: must be 0\.1/],
  ["an unknown top-level key", "version: 0.1\nresource_usages: {}\n", /resource_usages: unknown key; did you mean "resource_usage"\?/],
  ["not YAML", "version: [0.1\n", /not valid YAML/],
])("%s: exit 2, one message naming it, no stack trace", async (name, text, message) => {
  const f = file(`${name.replace(/\W+/g, "-")}.yml`, text);
  const run = await inProcess(main, ["--program", SAMPLE, "--stack", "dev", "--usage-file", f]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test("a usage file that does not exist: exit 2 naming it", async () => {
  const run = await inProcess(main, ["--program", SAMPLE, "--stack", "dev", "--usage-file", "no/such/usage.yml"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/usage file no\/such\/usage\.yml: cannot read it: ENOENT/);
});
