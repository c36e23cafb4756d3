/**
 * A deliberately bad program (test/fixtures/bad-program, plain resources, not ours in shape),
 * recorded under mocks as `plan --program` would: every security policy catches it, exactly
 * once, on the resource the fixture's comments name.
 */
import * as path from "path";
import { recordStack } from "../../plan/record";
import { evaluatePolicies, type Verdict } from "../../plan/guardrails/offline";
import "../../policies/pack";
import { registeredPolicies } from "../../policies/registry";

const SECURITY_POLICIES = registeredPolicies("security");

const DIR = path.resolve(__dirname, "../fixtures/bad-program");

/** Policy → the resource (type token suffix and name) it must name. */
const EXPECTED: Record<string, { name: string; type: string }> = {
  "ec2-imdsv2-required": { name: "web", type: "aws:ec2/instance:Instance" },
  "ebs-encrypted": { name: "web", type: "aws:ec2/instance:Instance" },
  "s3-bucket-encrypted": { name: "uploads", type: "aws:s3/bucket:Bucket" },
  "s3-public-access-blocked": { name: "uploads", type: "aws:s3/bucket:Bucket" },
  "s3-tls-only-policy": { name: "uploads", type: "aws:s3/bucket:Bucket" },
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

beforeAll(async () => {
  const recording = await recordStack({ dir: DIR, stack: "dev" });
  verdicts = await evaluatePolicies({ recording });
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
