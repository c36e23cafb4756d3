/** Security policy cases: each starts from a happy-path factory and changes one thing. */
import { albTlsPolicy } from "../../../policies/security/alb";
import { cloudfrontCustomCertificate, cloudfrontHttpsOnly, cloudfrontOriginHttps } from "../../../policies/security/cloudfront";
import { ebsEncrypted, ec2ImdsV2Required } from "../../../policies/security/ec2";
import { elasticacheEncrypted } from "../../../policies/security/elasticache";
import { lambdaFunctionUrlAuth } from "../../../policies/security/lambda";
import { memorydbTlsEnabled } from "../../../policies/security/memorydb";
import { defaultSecurityGroupClosed, publicIngressEntryPointOnly, securityGroupIngress } from "../../../policies/security/network";
import { rdsNotPubliclyAccessible, rdsStorageEncrypted } from "../../../policies/security/rds";
import { s3BucketEncrypted, s3BucketNotPublic, s3PublicAccessBlocked, s3TlsOnlyPolicy } from "../../../policies/security/s3";
import { sqsEncrypted } from "../../../policies/security/sqs";
import { requiredTags } from "../../../policies/security/tags";
import * as aws from "@pulumi/aws";
import type { ResourceRecord } from "../../../model/records";
import {
  asg,
  bucketSet,
  changed,
  clusterInstance,
  defaultSecurityGroup,
  dependsOn,
  distribution,
  entryPoint,
  foreign,
  functionUrl,
  httpsListener,
  inputFrom,
  instance,
  launchConfiguration,
  launchTemplate,
  memorydbCluster,
  queue,
  rdsCluster,
  rdsInstance,
  replicationGroup,
  res,
  resOf,
  runPolicy,
  securityGroup,
  spotRequest,
  WEB_INGRESS,
  type PolicyCase,
} from "../util";

const entryStack = (change: (e: ReturnType<typeof entryPoint>) => ResourceRecord[] = (e) => Object.values(e)) => change(entryPoint());

/** Changes the record at `index` of a bucket set (0 bucket, 1 access block, 2 encryption, 3 policy). */
function bucketWith<I extends 0 | 1 | 2 | 3>(index: I, change: (inputs: ReturnType<typeof bucketSet>[I]["inputs"]) => void): ResourceRecord[] {
  const set: ResourceRecord[] = [...bucketSet()];
  set[index] = changed(bucketSet()[index], change);
  return set;
}

/** A bucket with nothing declared but itself: AWS's defaults (SSE-S3, Block Public Access) apply. */
const bareBucket = () => bucketSet()[0];

const ALLOW_ANYONE = { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::storage-files/*" };

/** The bucket set with its policy's statements replaced (known text). */
const bucketPolicyOf = (...Statement: object[]) => bucketWith(3, (i) => (i.policy = JSON.stringify({ Version: "2012-10-17", Statement })));

/** Two buckets; the policy configures `logs` (its bucket input) but its text names `files`, so it depends on both. */
function policyOfOtherBucket(): ResourceRecord[] {
  const files = bucketSet()[0];
  const logs = resOf(aws.s3.Bucket, "logs", { tags: files.inputs.tags });
  const policy = dependsOn(inputFrom(resOf(aws.s3.BucketPolicy, "logs", { bucket: undefined, policy: undefined }), "bucket", logs), files);
  return [files, logs, changed(policy, (i) => (i.policy = JSON.stringify({ Statement: [{ ...ALLOW_ANYONE, Resource: "arn:aws:s3:::logs/*" }] })))];
}

const HALVES_V4 = ["0.0.0.0/1", "128.0.0.0/1"];
const HALVES_V6 = ["::/1", "8000::/1"];

export const SECURITY_CASES: PolicyCase[] = [
  // ec2-imdsv2-required
  { policy: ec2ImdsV2Required, title: "a launch template requiring IMDSv2 passes", run: () => runPolicy(ec2ImdsV2Required, launchTemplate()), expect: "pass" },
  { policy: ec2ImdsV2Required, title: "httpTokens optional is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(launchTemplate(), (i) => (i.metadataOptions!.httpTokens = "optional"))), expect: [/"required".*it is "optional"/] },
  { policy: ec2ImdsV2Required, title: "no metadataOptions: the default (optional) is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(launchTemplate(), (i) => delete i.metadataOptions)), expect: [/not set \(the default is "optional"\)/] },
  { policy: ec2ImdsV2Required, title: "httpTokens unknown at preview is not judged", run: () => runPolicy(ec2ImdsV2Required, changed(launchTemplate(), (i) => (i.metadataOptions!.httpTokens = undefined))), expect: "pass" },
  { policy: ec2ImdsV2Required, title: "an instance without IMDSv2 is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(instance(), (i) => (i.metadataOptions = { httpTokens: "optional" }))), expect: [/instance web/] },
  { policy: ec2ImdsV2Required, title: "other types are not applicable", run: () => runPolicy(ec2ImdsV2Required, queue()), expect: "n/a" },
  { policy: ec2ImdsV2Required, title: "a launch configuration and a spot request requiring IMDSv2 pass", run: () => runPolicy(ec2ImdsV2Required, [launchConfiguration(), spotRequest()]), expect: "pass" },
  { policy: ec2ImdsV2Required, title: "a launch configuration without metadataOptions is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(launchConfiguration(), (i) => delete i.metadataOptions)), expect: [/httpTokens to "required" \(IMDSv2\) on launch configuration legacy; it is not set \(the default is "optional"\)/] },
  { policy: ec2ImdsV2Required, title: "a spot request with httpTokens optional is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(spotRequest(), (i) => (i.metadataOptions!.httpTokens = "optional"))), expect: [/on spot instance request batch; it is "optional"/] },

  // ebs-encrypted
  { policy: ebsEncrypted, title: "an encrypted root volume passes", run: () => runPolicy(ebsEncrypted, launchTemplate()), expect: "pass" },
  { policy: ebsEncrypted, title: "encrypted \"false\" is a violation", run: () => runPolicy(ebsEncrypted, changed(launchTemplate(), (i) => (i.blockDeviceMappings![0].ebs!.encrypted = "false"))), expect: [/Set encrypted to true on app blockDeviceMappings\[0\].*it is "false"/] },
  { policy: ebsEncrypted, title: "a launch template without block device mappings is a violation", run: () => runPolicy(ebsEncrypted, changed(launchTemplate(), (i) => delete i.blockDeviceMappings)), expect: [/Declare the root volume/] },
  { policy: ebsEncrypted, title: "an instance root volume without encrypted is a violation", run: () => runPolicy(ebsEncrypted, changed(instance(), (i) => delete i.rootBlockDevice!.encrypted)), expect: [/rootBlockDevice; it is not set/] },
  { policy: ebsEncrypted, title: "an unencrypted EBS volume is a violation", run: () => runPolicy(ebsEncrypted, res("aws:ebs/volume:Volume", "data", { availabilityZone: "us-east-1a", size: 10, encrypted: false })), expect: [/volume data; it is false/] },

  // s3-bucket-encrypted
  { policy: s3BucketEncrypted, title: "a bucket with SSE-S3 declared passes", run: () => runPolicy(s3BucketEncrypted, bucketSet()), expect: "pass" },
  { policy: s3BucketEncrypted, title: "a bucket without an encryption configuration is encrypted by AWS's default (SSE-S3 since 2023-01-05)", run: () => runPolicy(s3BucketEncrypted, bucketSet().filter((r) => !r.type.includes("ServerSideEncryption"))), expect: "pass" },
  { policy: s3BucketEncrypted, title: "requireExplicit asks for the declaration in code", run: () => runPolicy(s3BucketEncrypted, bucketSet().filter((r) => !r.type.includes("ServerSideEncryption")), { config: { requireExplicit: true } }), expect: [/Declare default encryption \(AES256 or aws:kms or aws:kms:dsse\) for bucket storage-files in code \(requireExplicit\); it has no server-side encryption configuration/] },
  { policy: s3BucketEncrypted, title: "AWS's default SSE-S3 is a violation where only KMS is allowed", run: () => runPolicy(s3BucketEncrypted, [bareBucket()], { config: { allowedAlgorithms: ["aws:kms"] } }), expect: [/Declare default encryption with aws:kms for bucket storage-files; it declares none, so AWS's default "AES256" \(SSE-S3\) applies/] },
  { policy: s3BucketEncrypted, title: "an algorithm outside allowedAlgorithms is a violation", run: () => runPolicy(s3BucketEncrypted, bucketSet(), { config: { allowedAlgorithms: ["aws:kms"] } }), expect: [/Encrypt bucket storage-files with aws:kms; it declares "AES256"/] },
  { policy: s3BucketEncrypted, title: "rules unknown at preview are not judged", run: () => runPolicy(s3BucketEncrypted, bucketWith(2, (i) => (i.rules = undefined))), expect: "pass" },

  // s3-public-access-blocked
  { policy: s3PublicAccessBlocked, title: "all four flags true passes", run: () => runPolicy(s3PublicAccessBlocked, bucketSet()), expect: "pass" },
  { policy: s3PublicAccessBlocked, title: "blockPublicPolicy false is a violation", run: () => runPolicy(s3PublicAccessBlocked, bucketWith(1, (i) => (i.blockPublicPolicy = false))), expect: [/Set blockPublicPolicy to true .*blockPublicPolicy is false/] },
  { policy: s3PublicAccessBlocked, title: "a flag left out (default false) is a violation", run: () => runPolicy(s3PublicAccessBlocked, bucketWith(1, (i) => delete i.restrictPublicBuckets)), expect: [/restrictPublicBuckets is not set/] },
  { policy: s3PublicAccessBlocked, title: "no public access block keeps AWS's default (all four on since April 2023)", run: () => runPolicy(s3PublicAccessBlocked, bucketSet().filter((r) => !r.type.includes("PublicAccessBlock"))), expect: "pass" },
  {
    policy: s3PublicAccessBlocked,
    title: "a block turned off is judged for its own bucket only (by its bucket input), not for another bucket it depends on",
    run: () => {
      const [files, pab] = bucketSet();
      const logs = resOf(aws.s3.Bucket, "logs", {});
      return runPolicy(s3PublicAccessBlocked, [files, logs, changed(dependsOn(inputFrom({ ...pab, dependencies: [] }, "bucket", logs), files), (i) => (i.blockPublicAcls = false))]);
    },
    expect: [/public access block of bucket logs; blockPublicAcls is false/],
  },

  // s3-bucket-not-public
  { policy: s3BucketNotPublic, title: "a private bucket with a TLS-only policy passes", run: () => runPolicy(s3BucketNotPublic, bucketSet()), expect: "pass" },
  { policy: s3BucketNotPublic, title: "a public-read ACL on the bucket is a violation", run: () => runPolicy(s3BucketNotPublic, bucketWith(0, (i) => (i.acl = "public-read"))), expect: [/Make the ACL of bucket storage-files private .*; it has canned ACL "public-read"/] },
  {
    policy: s3BucketNotPublic,
    title: "a BucketAclV2 granting READ to AllUsers is a violation of its bucket",
    run: () => {
      const [bucket] = bucketSet();
      const acl = inputFrom(resOf(aws.s3.BucketAclV2, "files-acl", { bucket: undefined, accessControlPolicy: { owner: { id: "owner" }, grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }] } }), "bucket", bucket);
      return runPolicy(s3BucketNotPublic, [bucket, acl]);
    },
    expect: [/bucket storage-files \(files-acl\) private .*; it has a "READ" grant to AllUsers/],
  },
  { policy: s3BucketNotPublic, title: "an aws.s3.BucketAcl naming the bucket literally with public-read-write is a violation", run: () => runPolicy(s3BucketNotPublic, [changed(bareBucket(), (i) => (i.bucket = "files-123")), resOf(aws.s3.BucketAcl, "files-acl", { bucket: "files-123", acl: "public-read-write" })]), expect: [/it has canned ACL "public-read-write"/] },
  { policy: s3BucketNotPublic, title: "a policy letting Principal \"*\" read is a violation", run: () => runPolicy(s3BucketNotPublic, bucketPolicyOf(ALLOW_ANYONE)), expect: [/Limit the Allow for Principal "\*" in the policy of bucket storage-files .*; statement "PublicRead" lets anyone on the internet in/] },
  { policy: s3BucketNotPublic, title: "{ AWS: \"*\" } is anyone too", run: () => runPolicy(s3BucketNotPublic, bucketPolicyOf({ ...ALLOW_ANYONE, Sid: undefined, Principal: { AWS: ["*"] } })), expect: [/statement #1 lets anyone/] },
  { policy: s3BucketNotPublic, title: "a condition that does not fix the caller (TLS only) does not make it private", run: () => runPolicy(s3BucketNotPublic, bucketPolicyOf({ ...ALLOW_ANYONE, Condition: { Bool: { "aws:SecureTransport": "true" } } })), expect: [/statement "PublicRead"/] },
  { policy: s3BucketNotPublic, title: "Principal \"*\" limited to a CloudFront distribution (aws:SourceArn) is not public", run: () => runPolicy(s3BucketNotPublic, bucketPolicyOf({ ...ALLOW_ANYONE, Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } } })), expect: "pass" },
  { policy: s3BucketNotPublic, title: "aws:SourceIp spanning the internet's halves fixes nothing", run: () => runPolicy(s3BucketNotPublic, [...bucketPolicyOf({ ...ALLOW_ANYONE, Condition: { IpAddress: { "aws:SourceIp": HALVES_V4 } } })]), expect: [/statement "PublicRead"/] },
  { policy: s3BucketNotPublic, title: "an office IP range is a fixed caller", run: () => runPolicy(s3BucketNotPublic, bucketPolicyOf({ ...ALLOW_ANYONE, Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } } })), expect: "pass" },
  { policy: s3BucketNotPublic, title: "a wildcard in the fixing key lets anyone match", run: () => runPolicy(s3BucketNotPublic, bucketPolicyOf({ ...ALLOW_ANYONE, Condition: { StringLike: { "aws:SourceArn": "arn:aws:*" } } })), expect: [/statement "PublicRead"/] },
  { policy: s3BucketNotPublic, title: "a public policy is charged to the bucket its bucket input names, not to another bucket its text depends on", run: () => runPolicy(s3BucketNotPublic, policyOfOtherBucket()), expect: [/policy of bucket logs to fixed callers/] },
  { policy: s3BucketNotPublic, title: "a policy text unknown at preview is not judged", run: () => runPolicy(s3BucketNotPublic, bucketWith(3, (i) => (i.policy = undefined))), expect: "pass" },

  // s3-tls-only-policy
  { policy: s3TlsOnlyPolicy, title: "a policy denying aws:SecureTransport false passes", run: () => runPolicy(s3TlsOnlyPolicy, bucketSet()), expect: "pass" },
  { policy: s3TlsOnlyPolicy, title: "a policy text unknown at preview is not judged", run: () => runPolicy(s3TlsOnlyPolicy, bucketWith(3, (i) => (i.policy = undefined))), expect: "pass" },
  { policy: s3TlsOnlyPolicy, title: "a policy without the TLS deny is a violation", run: () => runPolicy(s3TlsOnlyPolicy, bucketWith(3, (i) => (i.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] })))), expect: [/Add a Deny statement .*allows requests without TLS/] },
  { policy: s3TlsOnlyPolicy, title: "a bucket without a policy is a violation", run: () => runPolicy(s3TlsOnlyPolicy, bucketSet().filter((r) => !r.type.includes("BucketPolicy"))), expect: [/Attach a bucket policy .* it has no bucket policy/] },

  // elasticache-encrypted
  { policy: elasticacheEncrypted, title: "at rest and in transit passes", run: () => runPolicy(elasticacheEncrypted, replicationGroup()), expect: "pass" },
  { policy: elasticacheEncrypted, title: "transit encryption off is a violation", run: () => runPolicy(elasticacheEncrypted, changed(replicationGroup(), (i) => (i.transitEncryptionEnabled = false))), expect: [/Set transitEncryptionEnabled to true .*it is false/] },
  { policy: elasticacheEncrypted, title: "at-rest encryption left out (default false) is a violation", run: () => runPolicy(elasticacheEncrypted, changed(replicationGroup(), (i) => delete i.atRestEncryptionEnabled)), expect: [/atRestEncryptionEnabled .*not set \(default false\)/] },

  // sqs-encrypted
  { policy: sqsEncrypted, title: "SSE-SQS passes", run: () => runPolicy(sqsEncrypted, queue()), expect: "pass" },
  { policy: sqsEncrypted, title: "left out: AWS's default (SSE-SQS) passes", run: () => runPolicy(sqsEncrypted, changed(queue(), (i) => delete i.sqsManagedSseEnabled)), expect: "pass" },
  { policy: sqsEncrypted, title: "SSE-SQS off without a KMS key is a violation", run: () => runPolicy(sqsEncrypted, changed(queue(), (i) => (i.sqsManagedSseEnabled = false))), expect: [/sqsManagedSseEnabled is false and no KMS key/] },
  { policy: sqsEncrypted, title: "SSE-SQS off with a KMS key passes", run: () => runPolicy(sqsEncrypted, changed(queue(), (i) => ((i.sqsManagedSseEnabled = false), (i.kmsMasterKeyId = "alias/aws/sqs")))), expect: "pass" },

  // cloudfront-https-only
  { policy: cloudfrontHttpsOnly, title: "redirect-to-https everywhere with TLSv1.2_2021 passes", run: () => runPolicy(cloudfrontHttpsOnly, distribution()), expect: "pass" },
  { policy: cloudfrontHttpsOnly, title: "allow-all on /api/* is a violation", run: () => runPolicy(cloudfrontHttpsOnly, changed(distribution(), (i) => (i.orderedCacheBehaviors![0].viewerProtocolPolicy = "allow-all"))), expect: [/orderedCacheBehaviors\[0\] \("\/api\/\*"\).*it is "allow-all"/] },
  { policy: cloudfrontHttpsOnly, title: "a custom certificate with TLSv1 is a violation", run: () => runPolicy(cloudfrontHttpsOnly, changed(distribution(), (i) => (i.viewerCertificate!.minimumProtocolVersion = "TLSv1"))), expect: [/minimumProtocolVersion .* to one of TLSv1\.2_2019.*it is "TLSv1"/] },

  // cloudfront-origin-https
  {
    policy: cloudfrontOriginHttps,
    title: "an https-only custom origin passes (an S3 origin has no protocol to set)",
    run: () => runPolicy(cloudfrontOriginHttps, changed(distribution(), (i) => (i.origins = [{ originId: "assets", domainName: "b.s3.amazonaws.com" }, { originId: "api", domainName: "alb.example.com", customOriginConfig: { originProtocolPolicy: "https-only", httpPort: 80, httpsPort: 443, originSslProtocols: ["TLSv1.2"] } }]))),
    expect: "pass",
  },
  {
    policy: cloudfrontOriginHttps,
    title: "an http-only API origin is reported",
    run: () => runPolicy(cloudfrontOriginHttps, changed(distribution(), (i) => (i.origins = [{ originId: "api", domainName: "alb.example.com", customOriginConfig: { originProtocolPolicy: "http-only", httpPort: 80, httpsPort: 443, originSslProtocols: ["TLSv1.2"] } }]))),
    expect: [/Set customOriginConfig\.originProtocolPolicy to "https-only" on origin "api" of distribution cdn .*; it is "http-only"\./],
  },

  // cloudfront-custom-certificate
  { policy: cloudfrontCustomCertificate, title: "an ACM certificate passes", run: () => runPolicy(cloudfrontCustomCertificate, distribution()), expect: "pass" },
  { policy: cloudfrontCustomCertificate, title: "the default *.cloudfront.net certificate is reported", run: () => runPolicy(cloudfrontCustomCertificate, changed(distribution(), (i) => (i.viewerCertificate = { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" }))), expect: [/custom certificate .*accepts TLSv1 \(minimumProtocolVersion "TLSv1.2_2021" is ignored\)/] },

  // alb-tls-policy
  { policy: albTlsPolicy, title: "a TLS 1.3/1.2 policy passes", run: () => runPolicy(albTlsPolicy, httpsListener()), expect: "pass" },
  { policy: albTlsPolicy, title: "the 2016 policy (TLS 1.0) is a violation", run: () => runPolicy(albTlsPolicy, changed(httpsListener(), (i) => (i.sslPolicy = "ELBSecurityPolicy-2016-08"))), expect: [/TLS 1\.2\+ policy .*it is "ELBSecurityPolicy-2016-08"/] },
  { policy: albTlsPolicy, title: "no sslPolicy on HTTPS (default 2016-08) is a violation", run: () => runPolicy(albTlsPolicy, changed(httpsListener(), (i) => delete i.sslPolicy)), expect: [/not set \(default "ELBSecurityPolicy-2016-08"/] },
  { policy: albTlsPolicy, title: "an HTTP listener has no TLS to judge", run: () => runPolicy(albTlsPolicy, changed(httpsListener(), (i) => ((i.protocol = "HTTP"), delete i.sslPolicy))), expect: "pass" },

  // security-group-ingress
  { policy: securityGroupIngress, title: "port 80 from the world passes", run: () => runPolicy(securityGroupIngress, securityGroup("app-alb", [WEB_INGRESS])), expect: "pass" },
  { policy: securityGroupIngress, title: "SSH from 0.0.0.0/0 is a violation", run: () => runPolicy(securityGroupIngress, securityGroup("app-alb", [WEB_INGRESS, { ...WEB_INGRESS, ipv6CidrBlocks: undefined, fromPort: 22, toPort: 22 }])), expect: [/only on TCP ports 80, 443; it admits tcp port 22 from 0\.0\.0\.0\/0/] },
  { policy: securityGroupIngress, title: "all traffic from ::/0 is a violation", run: () => runPolicy(securityGroupIngress, securityGroup("app-alb", [{ ipv6CidrBlocks: ["::/0"], fromPort: 0, toPort: 0, protocol: "-1" }])), expect: [/it admits all traffic from ::\/0/] },
  { policy: securityGroupIngress, title: "a standalone ingress rule opening 5432 is a violation", run: () => runPolicy(securityGroupIngress, res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db", { cidrIpv4: "0.0.0.0/0", fromPort: 5432, toPort: 5432, ipProtocol: "tcp", securityGroupId: undefined })), expect: [/port 5432 from 0\.0\.0\.0\/0/] },
  { policy: securityGroupIngress, title: "publicPorts config widens the allowed ports", run: () => runPolicy(securityGroupIngress, securityGroup("app-alb", [{ ...WEB_INGRESS, fromPort: 8443, toPort: 8443 }]), { config: { publicPorts: [80, 443, 8443] } }), expect: "pass" },

  // public-ingress-entry-point-only
  { policy: publicIngressEntryPointOnly, title: "only the ALB's group is open to the world", run: () => runPolicy(publicIngressEntryPointOnly, entryStack()), expect: "pass" },
  { policy: publicIngressEntryPointOnly, title: "the instances' group open to the world behind an ALB is a violation", run: () => runPolicy(publicIngressEntryPointOnly, entryStack((e) => [e.albSg, e.lb, e.lt, changed(e.appSg, (i) => i.ingress!.push(WEB_INGRESS))])), expect: [/the internet-facing load balancer app\); security group app-instances is open/] },
  {
    policy: publicIngressEntryPointOnly,
    title: "without a load balancer the public instance's group is the entry point",
    run: () => {
      const sg = securityGroup("app-instances", [WEB_INGRESS]);
      return runPolicy(publicIngressEntryPointOnly, [sg, dependsOn(launchTemplate(), sg), asg(1, 1)]);
    },
    expect: "pass",
  },

  // security-group-ingress: the internet however it is spelled
  { policy: securityGroupIngress, title: "SSH from the two IPv4 halves in one rule is a violation", run: () => runPolicy(securityGroupIngress, securityGroup("admin", [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: HALVES_V4 }])), expect: [/it admits tcp port 22 from 0\.0\.0\.0\/1 and 128\.0\.0\.0\/1/] },
  { policy: securityGroupIngress, title: "SSH from the IPv6 halves split over two inline rules is a violation (one per rule)", run: () => runPolicy(securityGroupIngress, securityGroup("admin", HALVES_V6.map((c) => ({ protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: [c] })))), expect: [/port 22 from ::\/1\./, /port 22 from 8000::\/1\./] },
  { policy: securityGroupIngress, title: "four IPv4 quarters in one rule cover the internet too", run: () => runPolicy(securityGroupIngress, securityGroup("admin", [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"] }])), expect: [/port 22 from 0\.0\.0\.0\/2 and 64\.0\.0\.0\/2 and 128\.0\.0\.0\/2 and 192\.0\.0\.0\/2/] },
  { policy: securityGroupIngress, title: "three quarters leave a gap: a private-ish range, not the internet", run: () => runPolicy(securityGroupIngress, securityGroup("admin", [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/2", "64.0.0.0/2", "192.0.0.0/2"] }])), expect: "pass" },
  { policy: securityGroupIngress, title: "a security group rule with an IPv4 half is a violation", run: () => runPolicy(securityGroupIngress, res("aws:ec2/securityGroupRule:SecurityGroupRule", "db", { type: "ingress", cidrBlocks: ["128.0.0.0/1"], fromPort: 5432, toPort: 5432, protocol: "tcp", securityGroupId: undefined })), expect: [/port 5432 from 128\.0\.0\.0\/1/] },
  { policy: securityGroupIngress, title: "a vpc ingress rule with an IPv6 half is a violation", run: () => runPolicy(securityGroupIngress, res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db", { cidrIpv6: "8000::/1", fromPort: 5432, toPort: 5432, ipProtocol: "tcp", securityGroupId: undefined })), expect: [/port 5432 from 8000::\/1/] },
  { policy: securityGroupIngress, title: "a VPC's own range on SSH is not the internet", run: () => runPolicy(securityGroupIngress, securityGroup("admin", [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["fd00::/8"] }])), expect: "pass" },
  {
    policy: publicIngressEntryPointOnly,
    title: "a group opened by a standalone rule with the halves is open to the internet",
    run: () => {
      const e = entryPoint();
      const rule = inputFrom(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-instances-http", { cidrIpv4: "0.0.0.0/1", fromPort: 80, toPort: 80, ipProtocol: "tcp", securityGroupId: undefined, referencedSecurityGroupId: undefined }), "securityGroupId", e.appSg);
      return runPolicy(publicIngressEntryPointOnly, [...Object.values(e), dependsOn(rule, e.albSg)]);
    },
    expect: [/security group app-instances is open to the internet but does not front it/],
  },

  // default-security-group-closed
  { policy: defaultSecurityGroupClosed, title: "the default group admitting only itself passes", run: () => runPolicy(defaultSecurityGroupClosed, defaultSecurityGroup()), expect: "pass" },
  { policy: defaultSecurityGroupClosed, title: "the default group open to 0.0.0.0/0 on all traffic is a violation", run: () => runPolicy(defaultSecurityGroupClosed, changed(defaultSecurityGroup(), (i) => i.ingress!.push({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }))), expect: [/Remove the ingress from the internet from default security group default .*; it admits all traffic from 0\.0\.0\.0\/0\./] },
  { policy: defaultSecurityGroupClosed, title: "even on port 443, and however the internet is spelled", run: () => runPolicy(defaultSecurityGroupClosed, changed(defaultSecurityGroup(), (i) => i.ingress!.push({ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: HALVES_V6 }))), expect: [/it admits tcp port 443 from ::\/1 and 8000::\/1/] },

  // rds-storage-encrypted
  { policy: rdsStorageEncrypted, title: "an encrypted instance and cluster pass", run: () => runPolicy(rdsStorageEncrypted, [rdsInstance(), rdsCluster()]), expect: "pass" },
  { policy: rdsStorageEncrypted, title: "an instance left at the default (false) is a violation", run: () => runPolicy(rdsStorageEncrypted, changed(rdsInstance(), (i) => delete i.storageEncrypted)), expect: [/Set storageEncrypted to true on DB instance orders; it is not set \(default false\)\./] },
  { policy: rdsStorageEncrypted, title: "a provisioned Aurora cluster with storageEncrypted false is a violation", run: () => runPolicy(rdsStorageEncrypted, changed(rdsCluster(), (i) => (i.storageEncrypted = false))), expect: [/on DB cluster aurora; it is false\./] },
  { policy: rdsStorageEncrypted, title: "a provisioned cluster left at the default is a violation", run: () => runPolicy(rdsStorageEncrypted, changed(rdsCluster(), (i) => delete i.storageEncrypted)), expect: [/on DB cluster aurora; it is not set \(default false\)/] },
  { policy: rdsStorageEncrypted, title: "Aurora Serverless v1 is always encrypted", run: () => runPolicy(rdsStorageEncrypted, changed(rdsCluster(), (i) => ((i.engineMode = "serverless"), delete i.storageEncrypted))), expect: "pass" },
  { policy: rdsStorageEncrypted, title: "a read replica keeps its source's encryption", run: () => runPolicy(rdsStorageEncrypted, changed(rdsInstance(), (i) => (delete i.storageEncrypted, (i.replicateSourceDb = undefined)))), expect: "pass" },
  { policy: rdsStorageEncrypted, title: "storageEncrypted unknown at preview is not judged", run: () => runPolicy(rdsStorageEncrypted, changed(rdsInstance(), (i) => (i.storageEncrypted = undefined))), expect: "pass" },

  // rds-not-publicly-accessible
  { policy: rdsNotPubliclyAccessible, title: "a private instance and cluster instance pass (also when left at the default)", run: () => runPolicy(rdsNotPubliclyAccessible, [rdsInstance(), changed(clusterInstance(), (i) => delete i.publiclyAccessible)]), expect: "pass" },
  { policy: rdsNotPubliclyAccessible, title: "a publicly accessible instance is a violation", run: () => runPolicy(rdsNotPubliclyAccessible, changed(rdsInstance(), (i) => (i.publiclyAccessible = true))), expect: [/Set publiclyAccessible to false on DB instance orders .*; it is true/] },
  { policy: rdsNotPubliclyAccessible, title: "a publicly accessible Aurora cluster instance is a violation", run: () => runPolicy(rdsNotPubliclyAccessible, changed(clusterInstance(), (i) => (i.publiclyAccessible = true))), expect: [/on cluster instance aurora-1 .*; it is true/] },

  // lambda-function-url-auth
  { policy: lambdaFunctionUrlAuth, title: "an IAM-authenticated function URL passes", run: () => runPolicy(lambdaFunctionUrlAuth, functionUrl()), expect: "pass" },
  { policy: lambdaFunctionUrlAuth, title: "authorizationType NONE is a violation", run: () => runPolicy(lambdaFunctionUrlAuth, changed(functionUrl(), (i) => (i.authorizationType = "NONE"))), expect: [/Set authorizationType to "AWS_IAM" on function URL hook; it is "NONE", so anyone on the internet can invoke the function\./] },

  // memorydb-tls-enabled
  { policy: memorydbTlsEnabled, title: "TLS on passes, and so does the default", run: () => runPolicy(memorydbTlsEnabled, [memorydbCluster(), changed(memorydbCluster(), (i) => delete i.tlsEnabled)]), expect: "pass" },
  { policy: memorydbTlsEnabled, title: "tlsEnabled false is a violation", run: () => runPolicy(memorydbTlsEnabled, changed(memorydbCluster(), (i) => ((i.tlsEnabled = false), (i.aclName = "open-access")))), expect: [/Set tlsEnabled to true on MemoryDB cluster sessions; it is false\./] },

  // required-tags
  { policy: requiredTags, title: "all four cost tags pass", run: () => runPolicy(requiredTags, queue()), expect: "pass" },
  { policy: requiredTags, title: "a missing milestone tag is a violation", run: () => runPolicy(requiredTags, changed(queue(), (i) => delete i.tags!.milestone)), expect: [/Tag jobs with milestone; it has component, project, stack/] },
  { policy: requiredTags, title: "an Auto Scaling group's tag list is read", run: () => runPolicy(requiredTags, changed(asg(), (i) => (i.tags = i.tags!.filter((t) => t.key !== "component")))), expect: [/Tag app with component/] },
  { policy: requiredTags, title: "tags unknown at preview are not judged", run: () => runPolicy(requiredTags, changed(queue(), (i) => (i.tags = undefined))), expect: "pass" },
  { policy: requiredTags, title: "another program's untagged resource: not applicable, naming the key that applies it", run: async () => {
    const out = await runPolicy(requiredTags, foreign(changed(queue(), (i) => delete i.tags)));
    expect(out.notApplicable).toMatch(/Pulumi project "acme-shop" is not this repository's \("cutlist"\); to apply it, set "requiredKeys" under "required-tags" in the policy-pack config/);
    return out;
  }, expect: "n/a" },
  { policy: requiredTags, title: "another program with requiredKeys configured is checked against those keys", run: () => runPolicy(requiredTags, foreign(changed(queue(), (i) => (i.tags = { team: "shop" }))), { config: { requiredKeys: ["team", "owner"] } }), expect: [/Tag jobs with owner; it has team\./] },
  { policy: requiredTags, title: "requiredKeys replaces our keys on our own stacks too", run: () => runPolicy(requiredTags, changed(queue(), (i) => (i.tags = { project: "cutlist" })), { config: { requiredKeys: ["project"] } }), expect: "pass" },
];
