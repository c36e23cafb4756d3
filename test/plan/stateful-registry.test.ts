/**
 * The one stateful registry (model/resourceTypes.ts): a delete or a replacement of any type
 * that holds data is held by the plan's data-loss guardrail, and flagged in the diff.
 */
import { diffRecordings } from "../../plan/diff";
import { statefulChangeNeedsAllowDataLoss } from "../../plan/guardrails/planPolicies";
import { isStatefulType, REBUILDABLE_TAG } from "../../model/resourceTypes";
import { record, recording } from "../cost/factory";
import { runPlanPolicy } from "../policies/util";

/** Every data store the registry must hold: RDS, Aurora, DynamoDB, every S3 bucket type, EBS, EFS, ElastiCache, MemoryDB, SQS, Neon. */
const DATA_STORES = [
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:dynamodb/table:Table",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:s3/directoryBucket:DirectoryBucket",
  "aws:ebs/volume:Volume",
  "aws:efs/fileSystem:FileSystem",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/cluster:Cluster",
  "aws:elasticache/serverlessCache:ServerlessCache",
  "aws:memorydb/cluster:Cluster",
  "aws:sqs/queue:Queue",
  "pulumi-nodejs:dynamic/neon:Project",
];

const store = (type: string, inputs: Record<string, unknown> = { size: 1 }) =>
  record(type, "data", inputs, { urn: `urn:pulumi:prod::cutlist::${type}::data`, replaceOnChanges: ["size"] });

test.each(DATA_STORES)("%s is stateful", (type) => {
  expect(isStatefulType(type)).toBe(true);
});

test.each(DATA_STORES)("deleting %s is held unless --allow-data-loss", async (type) => {
  const d = diffRecordings(recording([store(type)]), recording([]));
  expect(d.changes.map((c) => [c.kind, c.stateful])).toEqual([["delete", true]]);
  const held = await runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: [store(type)], head: [] });
  expect(held.violations).toEqual([expect.stringMatching(/^Keep .* data, or pass --allow-data-loss: the plan would delete it/)]);
  expect(held.levels).toEqual([undefined]); // the policy's own level: mandatory
  const allowed = await runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: [store(type)], head: [], allowDataLoss: true });
  expect(allowed.levels).toEqual(["advisory"]);
});

test.each(DATA_STORES)("replacing %s is held", async (type) => {
  const d = diffRecordings(recording([store(type)]), recording([store(type, { size: 2 })]));
  expect(d.changes.map((c) => [c.kind, c.stateful])).toEqual([["replace", true]]);
  const held = await runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: [store(type)], head: [store(type, { size: 2 })] });
  expect(held.violations).toEqual([expect.stringMatching(/would replace it \(size cannot change in place\)/)]);
});

test("a rebuildable-tagged store and a stateless type are not held", async () => {
  const tagged = store("aws:s3/bucket:Bucket", { size: 1, tags: { [REBUILDABLE_TAG.key]: REBUILDABLE_TAG.value } });
  const lambda = record("aws:lambda/function:Function", "fn", {}, { urn: "urn:pulumi:prod::cutlist::aws:lambda/function:Function::fn" });
  const out = await runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: [tagged, lambda], head: [] });
  expect(out.violations).toEqual([]);
});
