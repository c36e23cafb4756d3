/**
 * The test factories are typed by the resources' own args (AWSGuard's `Unwrap<Args>`), so a
 * misspelt property fails `npm run typecheck` instead of silently testing nothing.
 */
import * as aws from "@pulumi/aws";
import { changed, replicationGroup, res, resOf } from "./util";

test("a factory's record carries the class's type token and the inputs as given", () => {
  const q = resOf(aws.sqs.Queue, "jobs", { sqsManagedSseEnabled: true, messageRetentionSeconds: 60 });
  expect(q.type).toBe("aws:sqs/queue:Queue");
  expect(q.inputs).toEqual({ sqsManagedSseEnabled: true, messageRetentionSeconds: 60 });
  expect(q.urn).toBe("urn:pulumi:prod::cutlist::aws:sqs/queue:Queue::jobs");
});

test("misspelt or mistyped inputs do not compile", () => {
  // @ts-expect-error sqsManagedSseEnabeld is not an argument of aws.sqs.Queue
  resOf(aws.sqs.Queue, "q", { sqsManagedSseEnabeld: true });
  // @ts-expect-error snapshotRetentionLimit is a number
  changed(replicationGroup(), (i) => (i.snapshotRetentionLimit = "seven"));
  // @ts-expect-error snapshotRetentionLimt is not an argument of aws.elasticache.ReplicationGroup
  changed(replicationGroup(), (i) => (i.snapshotRetentionLimt = 0));
  // @ts-expect-error minCu is a number in the Neon project provider's inputs
  res<{ minCu: number }>("pulumi-nodejs:dynamic/neon:Project", "db", { minCu: "0.25" });
  // Unknown values (Outputs at preview) stay allowed anywhere.
  const cache = changed(replicationGroup(), (i) => (i.nodeType = undefined));
  expect(cache.inputs.nodeType).toBeUndefined();
});
