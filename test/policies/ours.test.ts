/** The rule that tells this repository's stacks from other programs (policies/ours.ts). */
import * as path from "path";
import { readProject } from "../../plan/stackFiles";
import { foreignReason, isOurs, isOurStack, OUR_PROJECT } from "../../policies/ours";

test("our project is the one this repository's Pulumi.yaml names", () => {
  expect(OUR_PROJECT).toBe(readProject(path.resolve(__dirname, "../..")).name);
});

test("a resource is ours by its URN's project; a stack when any of its resources is", () => {
  expect(isOurs("urn:pulumi:prod::cutlist::aws:s3/bucket:Bucket::files")).toBe(true);
  expect(isOurs("urn:pulumi:prod::acme::aws:s3/bucket:Bucket::files")).toBe(false);
  // The project segment, not a name that happens to contain it.
  expect(isOurs("urn:pulumi:cutlist::acme::aws:s3/bucket:Bucket::cutlist")).toBe(false);
  expect(isOurStack([{ urn: "urn:pulumi:dev::acme::pulumi:pulumi:Stack::acme-dev" }])).toBe(false);
  expect(isOurStack([{ urn: "urn:pulumi:dev::cutlist::pulumi:pulumi:Stack::cutlist-dev" }])).toBe(true);
  expect(isOurStack([])).toBe(false);
});

test("the reason names the project and every key that applies the policy", () => {
  expect(foreignReason("urn:pulumi:dev::acme::aws:sqs/queue:Queue::q", "cost-monthly-budget", ["budgetUsd", "milestone"])).toBe(
    'a project-specific check and Pulumi project "acme" is not this repository\'s ("cutlist"); to apply it, set "budgetUsd" or "milestone" under "cost-monthly-budget" in the policy-pack config',
  );
});
