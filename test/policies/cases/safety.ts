/** Data-safety cases: prod protection and (plan only) deletes/replaces of stateful resources. */
import { statefulChangeNeedsAllowDataLoss } from "../../../plan/guardrails/planPolicies";
import { statefulProtectedInProd } from "../../../policies/safety";
import { bucketSet, changed, foreign, neon, replicationGroup, res, runPlanPolicy, runPolicy, tags, type PolicyCase } from "../util";

const project = () => neon().project;
const unprotected = <T extends { protect: boolean }>(r: T): T => ({ ...r, protect: false });

export const SAFETY_CASES: PolicyCase[] = [
  // stateful-protected-in-prod
  { policy: statefulProtectedInProd, title: "a protected Neon project in prod passes", run: () => runPolicy(statefulProtectedInProd, project()), expect: "pass" },
  { policy: statefulProtectedInProd, title: "an unprotected Neon project in prod (stack from the URN) is a violation", run: () => runPolicy(statefulProtectedInProd, unprotected(project())), expect: [/Protect Project db in stack "prod" \(resource option protect: true\)/] },
  { policy: statefulProtectedInProd, title: "an unprotected bucket in prod (stack tag) is a violation", run: () => runPolicy(statefulProtectedInProd, unprotected(bucketSet()[0])), expect: [/Protect Bucket storage-files/] },
  { policy: statefulProtectedInProd, title: "a cache with snapshots is stateful", run: () => runPolicy(statefulProtectedInProd, unprotected(replicationGroup())), expect: [/Protect ReplicationGroup cache/] },
  { policy: statefulProtectedInProd, title: "a cache without snapshots still holds data unless tagged rebuildable", run: () => runPolicy(statefulProtectedInProd, unprotected(changed(replicationGroup(), (i) => (i.snapshotRetentionLimit = 0)))), expect: [/Protect ReplicationGroup cache/] },
  { policy: statefulProtectedInProd, title: "a cache without snapshots tagged data-class=rebuildable (as components/cache.ts tags it) needs no protect", run: () => runPolicy(statefulProtectedInProd, unprotected(changed(replicationGroup(), (i) => { i.snapshotRetentionLimit = 0; i.tags!["data-class"] = "rebuildable"; }))), expect: "n/a" },
  { policy: statefulProtectedInProd, title: "dev is not a protected stack", run: () => runPolicy(statefulProtectedInProd, unprotected(changed(bucketSet()[0], (i) => (i.tags = tags("storage", "m4", "dev"))))), expect: "n/a" },
  { policy: statefulProtectedInProd, title: "protectedStacks config adds dev", run: () => runPolicy(statefulProtectedInProd, res("pulumi-nodejs:dynamic/neon:Project", "db", { plan: "free" }, { stack: "dev" }), { config: { protectedStacks: ["prod", "dev"] } }), expect: [/in stack "dev"/] },
  { policy: statefulProtectedInProd, title: "another program's unprotected prod bucket: not applicable (its prod is not ours to name)", run: () => runPolicy(statefulProtectedInProd, foreign(unprotected(bucketSet()[0]))), expect: "n/a" },
  { policy: statefulProtectedInProd, title: "another program with protectedStacks configured is checked", run: () => runPolicy(statefulProtectedInProd, foreign(unprotected(bucketSet()[0])), { config: { protectedStacks: ["prod"] } }), expect: [/Protect Bucket storage-files in stack "prod"/] },
  { policy: statefulProtectedInProd, title: "a bucket tagged data-class=rebuildable needs no protect", run: () => runPolicy(statefulProtectedInProd, unprotected(changed(bucketSet("cdn-assets")[0], (i) => (i.tags!["data-class"] = "rebuildable")))), expect: "n/a" },

  // stateful-change-needs-allow-data-loss (plan only)
  { policy: statefulChangeNeedsAllowDataLoss, title: "an update in place loses nothing", run: () => runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: [project()], head: [changed(project(), (i) => (i.maxCu = 8))] }), expect: "pass" },
  { policy: statefulChangeNeedsAllowDataLoss, title: "deleting a bucket is a violation", run: () => runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: bucketSet(), head: [] }), expect: [/Keep Bucket storage-files, or pass --allow-data-loss: the plan would delete it/] },
  { policy: statefulChangeNeedsAllowDataLoss, title: "replacing the Neon project (pgVersion) is a violation", run: () => runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: [project()], head: [changed(project(), (i) => (i.pgVersion = 16))] }), expect: [/would replace it \(pgVersion cannot change in place\)/] },
  { policy: statefulChangeNeedsAllowDataLoss, title: "deleting a rebuildable bucket loses no data", run: () => runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: [changed(bucketSet("cdn-assets")[0], (i) => (i.tags!["data-class"] = "rebuildable"))], head: [] }), expect: "pass" },
  { policy: statefulChangeNeedsAllowDataLoss, title: "no base: not applicable", run: () => runPlanPolicy(statefulChangeNeedsAllowDataLoss, { head: bucketSet() }), expect: "n/a" },
];
