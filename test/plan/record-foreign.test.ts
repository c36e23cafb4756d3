/**
 * A program directory with its own node_modules: its `@pulumi/pulumi` must be ours while it
 * is recorded (the mocks live in our copy). The program's copy here is a stand-in that throws
 * when loaded, so the test fails loudly if the redirection ever stops working. The recorder
 * runs such a program in a child process of its own, outside jest's module registry (which
 * would bypass Node's resolver).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { recordStack } from "../../plan/record";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "foreign-program-"));
  const own = path.join(dir, "node_modules", "@pulumi", "pulumi");
  fs.mkdirSync(own, { recursive: true });
  fs.writeFileSync(path.join(own, "package.json"), JSON.stringify({ name: "@pulumi/pulumi", version: "3.0.0", main: "index.js" }));
  fs.writeFileSync(path.join(own, "index.js"), 'throw new Error("the program\'s own @pulumi/pulumi was loaded");\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: foreign\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: eu-west-1\n");
  fs.writeFileSync(path.join(dir, "index.js"), [
    'const pulumi = require("@pulumi/pulumi");',
    'new pulumi.CustomResource("aws:sqs/queue:Queue", "jobs", { delaySeconds: 5 });',
    'const config = new pulumi.Config("aws");',
    'exports.region = config.require("region");',
  ].join("\n"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("records the program against our SDK and its mocks, not the program's own copy", async () => {
  // recordStack runs a program that is not ours in a child process of its own (record-foreign.ts).
  const { resources } = await recordStack({ dir, stack: "dev" });
  expect(resources.map((r) => [r.type, r.urn])).toEqual(expect.arrayContaining([["aws:sqs/queue:Queue", "urn:pulumi:dev::foreign::aws:sqs/queue:Queue::jobs"]]));
  expect(resources.find((r) => r.type === "aws:sqs/queue:Queue")?.inputs).toEqual({ delaySeconds: 5 });
  // Outside a recording, the program's own copy is what its files get.
  expect(() => require(path.join(dir, "node_modules", "@pulumi", "pulumi"))).toThrow(/own @pulumi\/pulumi was loaded/);
}, 60_000);

test("an ES-module TypeScript program (\"type\": \"module\", imports of its own files as ./x.js) is recorded", async () => {
  const { resources } = await recordStack({ dir: path.join(__dirname, "..", "fixtures", "esm-program"), stack: "dev" });
  expect(resources.map((r) => [r.type, r.name, r.inputs.messageRetentionSeconds])).toEqual([["aws:sqs/queue:Queue", "jobs", 345600]]);
}, 60_000);

test("a project without \"main\" in Pulumi.yaml runs the file its package.json names, as Node resolves a directory", async () => {
  const { resources } = await recordStack({ dir: path.join(__dirname, "..", "fixtures", "package-main-program"), stack: "dev" });
  expect(resources.map((r) => [r.type, r.name])).toEqual([["aws:sqs/queue:Queue", "from-src"]]);
}, 60_000);
