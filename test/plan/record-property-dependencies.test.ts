/**
 * The recorder keeps which input each dependency came through (the engine's property
 * dependencies), so a bucket policy is charged to the bucket its `bucket` input names and not
 * to another bucket it merely depends on.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { recordStack } from "../../plan/record";
import { evaluatePolicies } from "../../plan/guardrails/offline";

const ROOT_DIR = path.resolve(__dirname, "../..");

test("a bucket policy's `bucket` input names its bucket; an explicit dependency on another bucket does not", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "property-deps-program-"));
  fs.symlinkSync(path.join(ROOT_DIR, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: buckets\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
  fs.writeFileSync(path.join(dir, "index.ts"), [
    'import * as aws from "@pulumi/aws";',
    'const site = new aws.s3.Bucket("site", {});',
    'const logs = new aws.s3.Bucket("logs", {});',
    "const statement = { Effect: \"Allow\", Principal: \"*\", Action: \"s3:GetObject\", Resource: \"arn:aws:s3:::site/*\" };",
    'new aws.s3.BucketPolicy("site", { bucket: site.id, policy: JSON.stringify({ Statement: [statement] }) }, { dependsOn: [logs] });',
  ].join("\n"));
  const rec = await recordStack({ dir, stack: "dev" });
  const byName = (type: string, name: string) => rec.resources.find((r) => r.type === type && r.name === name)!;
  const site = byName("aws:s3/bucket:Bucket", "site");
  const logs = byName("aws:s3/bucket:Bucket", "logs");
  const policy = byName("aws:s3/bucketPolicy:BucketPolicy", "site");
  expect([...policy.dependencies].sort()).toEqual([logs.urn, site.urn].sort());
  expect(policy.propertyDependencies).toEqual({ bucket: [site.urn] });
  expect(logs.propertyDependencies).toBeUndefined();

  const verdicts = await evaluatePolicies({ recording: rec });
  const failed = (policyName: string) => verdicts.filter((v) => v.policy === policyName && !v.passed).map((v) => v.resourceName);
  expect(failed("s3-bucket-not-public")).toEqual(["site"]);
  // Each bucket is judged on its own policy: site's lacks the TLS deny, logs has none.
  expect(failed("s3-tls-only-policy").sort()).toEqual(["logs", "site"]);
});
