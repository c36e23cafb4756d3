/**
 * The recorder at the size of real programs (plan/record.ts): output properties are made when
 * the program first reads them, registrations go through a few hundred per turn of the event
 * loop. Neither may change what a program sees or what is recorded: every resource, its inputs
 * (including those built from other resources' outputs) and its dependencies; and a program
 * that stops part-way is reported with everything it declared before.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { recordProgram, recordStack } from "../../plan/record";
import { ProgramError } from "../../plan/programError";

const RUN = { project: "scale", stack: "dev", config: { "aws:region": "us-east-1" } };

test("a program reads output properties before and after the registration answers, assigns its own, and lists them all", async () => {
  let keys: string[] = [];
  let assigned: unknown;
  const rec = await recordProgram(RUN, () => {
    const queue = new aws.sqs.Queue("jobs", { name: "jobs-queue", delaySeconds: 5 });
    keys = Object.keys(queue);
    // Read at once, before the registration has answered.
    new aws.sqs.Queue("dlq", { name: queue.name.apply((n) => `${n}-dlq`) });
    // Read once the queue is registered (its URN is known by then).
    queue.urn.apply(() => new aws.sqs.Queue("late", { name: queue.name.apply((n) => `${n}-late`), delaySeconds: queue.delaySeconds }));
    class Assigning extends pulumi.CustomResource {
      constructor() {
        super("aws:sqs/queue:Queue", "assigning", { name: "assigning", arn: undefined });
        (this as unknown as { arn: unknown }).arn = "assigned";
        assigned = (this as unknown as { arn: unknown }).arn;
      }
    }
    new Assigning();
  });
  expect(keys).toEqual(expect.arrayContaining(["arn", "url", "name", "delaySeconds", "fifoQueue"]));
  expect(assigned).toBe("assigned");
  const byName = new Map(rec.resources.map((r) => [r.name, r]));
  expect(byName.get("dlq")?.inputs.name).toBe("jobs-queue-dlq");
  expect(byName.get("late")?.inputs).toMatchObject({ name: "jobs-queue-late", delaySeconds: 5 });
  expect(byName.get("dlq")?.dependencies).toEqual([byName.get("jobs")?.urn]);
});

test("a Lambda callback that captures a resource is serialised with the resource's properties, as without lazy ones", async () => {
  const rec = await recordProgram(RUN, () => {
    const queue = new aws.sqs.Queue("jobs", { name: "jobs-queue" });
    // One property read before (made), the rest not: the serialiser walks them all.
    new aws.sqs.Queue("dlq", { name: queue.name.apply((n) => `${n}-dlq`) });
    // Passed on whole (not one property of it): the serialiser captures every property.
    const kindOf = (q: unknown) => typeof q;
    new aws.lambda.CallbackFunction("handler", { callback: async () => kindOf(queue) });
  });
  const fn = rec.resources.find((r) => r.type === "aws:lambda/function:Function");
  expect(fn?.name).toBe("handler");
  expect(fn?.inputs.code).toMatchObject({ __pulumiArchive: true });
});

describe("a program that declares 600 resources in a loop, in its own process", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "record-scale-"));
    fs.symlinkSync(path.join(__dirname, "..", "..", "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: scale\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
    const loop = [
      'const aws = require("@pulumi/aws");',
      "for (let i = 0; i < 120; i++) {",
      "  const bucket = new aws.s3.Bucket(`assets-${i}`, { bucket: `assets-${i}` });",
      "  new aws.s3.BucketPublicAccessBlock(`assets-${i}`, { bucket: bucket.bucket, blockPublicAcls: true });",
      "  const queue = new aws.sqs.Queue(`jobs-${i}`, { name: `jobs-${i}` });",
      "  new aws.sqs.Queue(`dlq-${i}`, { name: queue.name.apply((n) => `${n}-dlq`) });",
      "  new aws.cloudwatch.LogGroup(`logs-${i}`, { retentionInDays: 7 });",
      "}",
    ];
    fs.writeFileSync(path.join(dir, "index.js"), loop.join("\n"));
    fs.writeFileSync(path.join(dir, "exits.js"), [...loop, "process.exit(0);"].join("\n"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("every resource is recorded with the inputs and dependencies it got from other resources", async () => {
    const rec = await recordStack({ dir, stack: "dev" });
    expect(rec.resources.filter((r) => r.custom)).toHaveLength(600);
    const byUrn = new Map(rec.resources.map((r) => [r.urn, r]));
    const blocks = rec.resources.filter((r) => r.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    expect(blocks.map((b) => [b.name, b.inputs.bucket, byUrn.get(b.propertyDependencies?.bucket?.[0] ?? "")?.name])).toEqual(
      Array.from({ length: 120 }, (_, i) => [`assets-${i}`, `assets-${i}`, `assets-${i}`]),
    );
    const dlqs = rec.resources.filter((r) => r.name.startsWith("dlq-"));
    expect(dlqs.map((q) => q.inputs.name).sort()).toEqual(Array.from({ length: 120 }, (_, i) => `jobs-${i}-dlq`).sort());
  }, 120_000);

  test("one that calls process.exit after its loop is reported with all 600 it declared", async () => {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: scale\nruntime: nodejs\nmain: exits.js\n");
    try {
      const failure = await recordStack({ dir, stack: "dev" }).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(ProgramError);
      expect((failure as Error).message).toMatch(/it called process\.exit\(0\); 600 resources were recorded before it stopped/);
    } finally {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: scale\nruntime: nodejs\n");
    }
  }, 120_000);
});
