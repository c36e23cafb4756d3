/**
 * Data sources under the recorder: the common ones answer with values of the real shape, so
 * resources built from them are recorded with realistic inputs; one it has no answer for is
 * unknown (as a preview shows what it cannot know), and the resource built from it is still
 * recorded, with that input unknown (undefined), and the plan's notes say so.
 * Fixture: test/fixtures/hostile-data-sources (recorded in its child process).
 */
import * as path from "path";
import { recordStack } from "../../plan/record";
import type { Recording, ResourceRecord } from "../../model/records";

const DIR = path.resolve(__dirname, "../fixtures/hostile-data-sources");

let rec: Recording;
beforeAll(async () => {
  rec = await recordStack({ dir: DIR, stack: "dev" });
}, 120_000);

function one(type: string, name: string): ResourceRecord {
  const found = rec.resources.filter((r) => r.type === type && r.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

test("every resource of the program is recorded", () => {
  expect(rec.resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
    "aws:ec2/instance:Instance web",
    "aws:ec2/instance:Instance worker",
    "aws:ec2/launchTemplate:LaunchTemplate ecs",
    "aws:ec2/securityGroup:SecurityGroup web",
    "aws:lambda/eventSourceMapping:EventSourceMapping orders-stream",
    "aws:organizations/organizationalUnit:OrganizationalUnit development",
    "aws:s3/bucket:Bucket logs",
    "aws:s3/bucketPolicy:BucketPolicy logs",
    "aws:sns/topic:Topic alarms",
  ]);
});

test("the organization's root, the AMI, the default VPC and its subnets have AWS's id formats", () => {
  expect(one("aws:organizations/organizationalUnit:OrganizationalUnit", "development").inputs.parentId).toMatch(/^r-[0-9a-z]{4,32}$/);
  const web = one("aws:ec2/instance:Instance", "web").inputs;
  expect(web.ami).toMatch(/^ami-[0-9a-f]{17}$/);
  expect(web.subnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
  expect(one("aws:ec2/securityGroup:SecurityGroup", "web").inputs.vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
  // AWS's public SSM parameter of the ECS-optimised image holds an AMI id.
  expect(one("aws:ec2/launchTemplate:LaunchTemplate", "ecs").inputs.imageId).toMatch(/^ami-[0-9a-f]{17}$/);
});

test("a policy document is the JSON the data source builds from its statements", () => {
  const policy = JSON.parse(String(one("aws:s3/bucketPolicy:BucketPolicy", "logs").inputs.policy));
  expect(policy).toEqual({
    Version: "2012-10-17",
    Statement: [
      // The regional ELB log writer (us-east-1's account), one action and resource as strings.
      { Sid: "ElbWrites", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::logs/*", Principal: { AWS: "arn:aws:iam::127311923021:root" } },
      // No Sid; a wildcard principal as "*"; the condition by operator, then key.
      { Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"], Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ],
  });
});

test("a data source called with arguments unknown at preview is unknown: the resource built from its result is recorded", () => {
  expect(one("aws:ec2/instance:Instance", "worker").inputs.vpcSecurityGroupIds).toEqual([undefined]);
  expect(rec.notes?.join(" ")).not.toContain("getSecurityGroups"); // answered, just not knowable yet
});

test("a data source without an answer is unknown: the resource built from it is recorded with those inputs unknown", () => {
  const mapping = one("aws:lambda/eventSourceMapping:EventSourceMapping", "orders-stream");
  expect(mapping.inputs.functionName).toBe("process-orders");
  // Declared and unknown (present, undefined), not left out.
  expect(Object.keys(mapping.inputs)).toEqual(expect.arrayContaining(["eventSourceArn", "startingPosition"]));
  expect(mapping.inputs.eventSourceArn).toBeUndefined();
  expect(mapping.inputs.startingPosition).toBeUndefined();
  const topic = one("aws:sns/topic:Topic", "alarms");
  expect(Object.keys(topic.inputs)).toContain("kmsMasterKeyId");
  expect(topic.inputs.kmsMasterKeyId).toBeUndefined();
  expect(rec.notes).toEqual([expect.stringContaining("(aws:dynamodb/getTable:getTable, aws:kms/getKey:getKey)")]);
});
