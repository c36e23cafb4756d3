/**
 * A deliberately bad program (test/fixtures/bad-program, plain resources, not ours in shape),
 * recorded under mocks as `plan --program` would: every security policy catches it, exactly
 * once, on the resource the fixture's comments name. It is another Pulumi project, so the
 * config applies the two checks that are opt-in there: our tag keys (required-tags) and an
 * encryption configuration in code (s3-bucket-encrypted; AWS's SSE-S3 default covers it otherwise).
 */
import * as path from "path";
import { recordStack } from "../../plan/record";
import type { Recording } from "../../model/records";
import { evaluatePolicies, type Verdict } from "../../plan/guardrails/offline";
import "../../policies/pack";
import { registeredPolicies } from "../../policies/registry";
import { REQUIRED_TAG_KEYS } from "../../stacks/tags";

const SECURITY_POLICIES = registeredPolicies("security");

const DIR = path.resolve(__dirname, "../fixtures/bad-program");

/** Policy → the resource (type token suffix and name) it must name. */
const EXPECTED: Record<string, { name: string; type: string }> = {
  "ec2-imdsv2-required": { name: "web", type: "aws:ec2/instance:Instance" },
  "ebs-encrypted": { name: "web", type: "aws:ec2/instance:Instance" },
  "s3-bucket-encrypted": { name: "uploads", type: "aws:s3/bucket:Bucket" },
  "s3-public-access-blocked": { name: "uploads", type: "aws:s3/bucket:Bucket" },
  "s3-tls-only-policy": { name: "uploads", type: "aws:s3/bucket:Bucket" },
  "s3-bucket-not-public": { name: "uploads", type: "aws:s3/bucket:Bucket" },
  "rds-storage-encrypted": { name: "orders", type: "aws:rds/instance:Instance" },
  "rds-not-publicly-accessible": { name: "orders", type: "aws:rds/instance:Instance" },
  "memorydb-tls-enabled": { name: "sessions-db", type: "aws:memorydb/cluster:Cluster" },
  "lambda-function-url-auth": { name: "hook", type: "aws:lambda/functionUrl:FunctionUrl" },
  "default-security-group-closed": { name: "default", type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup" },
  "elasticache-encrypted": { name: "sessions", type: "aws:elasticache/replicationGroup:ReplicationGroup" },
  "sqs-encrypted": { name: "jobs", type: "aws:sqs/queue:Queue" },
  "cloudfront-https-only": { name: "cdn", type: "aws:cloudfront/distribution:Distribution" },
  "cloudfront-custom-certificate": { name: "cdn", type: "aws:cloudfront/distribution:Distribution" },
  "cloudfront-origin-https": { name: "cdn", type: "aws:cloudfront/distribution:Distribution" },
  "alb-tls-policy": { name: "edge-https", type: "aws:lb/listener:Listener" },
  "security-group-ingress": { name: "ssh", type: "aws:ec2/securityGroup:SecurityGroup" },
  "public-ingress-entry-point-only": { name: "ssh", type: "aws:ec2/securityGroup:SecurityGroup" },
  "required-tags": { name: "jobs", type: "aws:sqs/queue:Queue" },
};

let verdicts: Verdict[];
let recording: Recording;

beforeAll(async () => {
  recording = await recordStack({ dir: DIR, stack: "dev" });
  verdicts = await evaluatePolicies({
    recording,
    config: { "required-tags": { requiredKeys: [...REQUIRED_TAG_KEYS] }, "s3-bucket-encrypted": { requireExplicit: true } },
  });
});

test("the expectations cover every security policy", () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(SECURITY_POLICIES.map((p) => p.name).sort());
});

test.each(SECURITY_POLICIES.map((p) => [p.name, p.enforcementLevel]))("%s catches it once", (name, level) => {
  const failed = verdicts.filter((v) => v.policy === name && !v.passed);
  expect(failed.map((v) => ({ resourceName: v.resourceName, resourceType: v.resourceType, enforcementLevel: v.enforcementLevel }))).toEqual([
    { ...{ resourceName: EXPECTED[name].name, resourceType: EXPECTED[name].type }, enforcementLevel: level },
  ]);
  expect(failed[0].message).toMatch(/^[A-Z][^]*\.$/);
});

test("without that config, another program is held to neither our tag keys nor an explicit encryption declaration", async () => {
  const plainVerdicts = await evaluatePolicies({ recording });
  expect(plainVerdicts.filter((v) => v.policy === "required-tags")).toEqual([
    expect.objectContaining({ passed: true, message: expect.stringMatching(/^Not applicable: .*Pulumi project "bad" is not this repository's .*set "requiredKeys" under "required-tags"/) }),
  ]);
  expect(plainVerdicts.filter((v) => v.policy === "s3-bucket-encrypted")).toEqual([expect.objectContaining({ passed: true, message: "Passed." })]);
});
