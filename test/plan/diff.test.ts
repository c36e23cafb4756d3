import { diffRecordings, diffResource, isStateful } from "../../plan/diff";
import type { ResourceRecord } from "../../model/records";
import { record as recordStack } from "../helpers";
import { record, urnOf } from "../cost/factory";

function res(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<ResourceRecord> = {}): ResourceRecord {
  return record(type, name, inputs, { urn: urnOf(type, name, "prod"), ...extra });
}

test("an in-place input change is an update naming the input", () => {
  const a = res("aws:autoscaling/group:Group", "app", { minSize: 1, maxSize: 2 });
  const b = res("aws:autoscaling/group:Group", "app", { minSize: 2, maxSize: 4 });
  const d = diffResource(a, b);
  expect(d.kind).toBe("update");
  expect(d.changes).toEqual([
    { path: "minSize", before: 1, after: 2, forcesReplacement: false },
    { path: "maxSize", before: 2, after: 4, forcesReplacement: false },
  ]);
});

test("an update that changes only tags (map, ASG list or launch-template form) is marked tags-only", () => {
  const tags = (m: string) => ({ project: "cutlist", milestone: m });
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ["aws:sqs/queue:Queue", { tags: tags("m1") }, { tags: tags("m2") }],
    ["aws:autoscaling/group:Group", { tags: [{ key: "milestone", value: "m1" }] }, { tags: [{ key: "milestone", value: "m2" }] }],
    ["aws:ec2/launchTemplate:LaunchTemplate", { tagSpecifications: [{ tags: tags("m1") }] }, { tagSpecifications: [{ tags: tags("m2") }] }],
  ];
  for (const [type, before, after] of cases) expect(diffResource(res(type, "x", before), res(type, "x", after))).toMatchObject({ kind: "update", tagsOnly: true });
  // One more input beside the tags: a real update.
  const mixed = diffResource(res("aws:sqs/queue:Queue", "q", { tags: tags("m1"), delaySeconds: 0 }), res("aws:sqs/queue:Queue", "q", { tags: tags("m2"), delaySeconds: 5 }));
  expect(mixed).toMatchObject({ kind: "update", tagsOnly: false });
  const diff = diffRecordings({ project: "p", stack: "s", config: {}, resources: [res(cases[0][0], "x", cases[0][1])] }, { project: "p", stack: "s", config: {}, resources: [res(cases[0][0], "x", cases[0][2])] });
  expect(diff.tagsOnly).toBe(1);
});

test("a create-only input forces a replace, flagged stateful for a snapshotting cache", () => {
  const type = "aws:elasticache/replicationGroup:ReplicationGroup";
  const a = res(type, "cache", { port: 6379, snapshotRetentionLimit: 3 });
  const b = res(type, "cache", { port: 6380, snapshotRetentionLimit: 3 });
  const d = diffResource(a, b);
  expect(d.kind).toBe("replace");
  expect(d.stateful).toBe(true);
  // Any cache holds data; one without snapshots is tagged rebuildable by its component.
  expect(isStateful(res(type, "c", { snapshotRetentionLimit: 0 }))).toBe(true);
  expect(isStateful(res(type, "c", { snapshotRetentionLimit: 0, tags: { "data-class": "rebuildable" } }))).toBe(false);
});

test("nested changes are named by path; any change to a random password replaces it", () => {
  const a = res("random:index/randomPassword:RandomPassword", "p", { length: 40, special: false });
  const b = res("random:index/randomPassword:RandomPassword", "p", { length: 48, special: false });
  expect(diffResource(a, b).kind).toBe("replace");
  const c = res("aws:cloudfront/distribution:Distribution", "cdn", { origins: [{ originId: "assets", x: 1 }] });
  const e = res("aws:cloudfront/distribution:Distribution", "cdn", { origins: [{ originId: "assets", x: 2 }] });
  expect(diffResource(c, e).changes.map((x) => x.path)).toEqual(["origins[0].x"]);
});

test("a type without a replacement table reports its update as possibly a replace", () => {
  const d = diffResource(res("acme:index:Widget", "w", { size: 1 }), res("acme:index:Widget", "w", { size: 2 }));
  expect(d).toMatchObject({ kind: "update", replacementUnknown: true });
});

test("prod m3 → m4: queue, storage and replica appear; nothing is deleted; the serverless cache updates in place", async () => {
  const d = diffRecordings(await recordStack("prod", "m3"), await recordStack("prod", "m4"));
  // Both milestones drill the serverless cache the same way: no drill comes or goes.
  expect(d.changes.filter((c) => c.kind === "delete").map((c) => c.name)).toEqual([]);
  const created = d.changes.filter((c) => c.kind === "create").map((c) => c.type);
  expect(created).toEqual(expect.arrayContaining(["aws:sqs/queue:Queue", "aws:s3/bucket:Bucket"]));
  const cache = d.changes.find((c) => c.type === "aws:elasticache/serverlessCache:ServerlessCache")!;
  expect(cache.kind).toBe("update");
  expect(cache.changes.map((c) => c.path)).toEqual(expect.arrayContaining(["snapshotRetentionLimit"]));
});

test("on nodes, m3 → m4 swaps the failover drill for the AZ interruption and turns cluster mode on", async () => {
  const nodes = (drill: string) => ({ "cutlist:overrides": JSON.stringify({ cache: { deployment: "nodes" }, resilience: { drills: ["terminate-app-instance", "stress-app-cpu", drill] } }) });
  const d = diffRecordings(
    await recordStack("prod", "m3", nodes("failover-cache-primary")),
    await recordStack("prod", "m4", nodes("interrupt-cache-az")),
  );
  const deleted = d.changes.filter((c) => c.kind === "delete");
  expect(deleted.map((c) => c.name).sort()).toEqual([
    "drills-failover-cache-primary", "drills-failover-cache-primary", "drills-failover-cache-primary", "drills-failover-cache-primary",
    "drills-failover-cache-primary-automation", "drills-failover-cache-primary-automation",
  ]);
  expect(deleted.filter((c) => c.stateful)).toEqual([]);
  const cache = d.changes.find((c) => c.type === "aws:elasticache/replicationGroup:ReplicationGroup")!;
  expect(cache.kind).toBe("update");
  expect(cache.changes.map((c) => c.path)).toEqual(expect.arrayContaining(["clusterMode", "numNodeGroups"]));
});

test("prod m4 → m3 deletes the queue and the user-file bucket, both flagged stateful", async () => {
  const d = diffRecordings(await recordStack("prod", "m4"), await recordStack("prod", "m3"));
  const deleted = d.changes.filter((c) => c.kind === "delete" && c.stateful).map((c) => `${c.type} ${c.name}`);
  expect(deleted).toEqual(expect.arrayContaining(["aws:s3/bucket:Bucket storage-files", "aws:sqs/queue:Queue jobs", "aws:sqs/queue:Queue jobs-dlq"]));
});

test("two recordings of the same stack and milestone have no changes: the program is deterministic", async () => {
  // Two separate runs of the program (not one recording diffed with itself), so anything that
  // differs between runs (random names, time, iteration order) would show as a change here.
  const first = await recordStack("dev", "m2");
  const second = await recordStack("dev", "m2");
  expect(second).not.toBe(first);
  const d = diffRecordings(first, second);
  expect(d.changes.filter((c) => c.kind !== "same").map((c) => `${c.kind} ${c.urn}`)).toEqual([]);
  expect(d.counts.same).toBe(first.resources.filter((r) => r.custom).length);
});
