/** Security policy cases: each starts from a happy-path factory and changes one thing. */
import { albTlsPolicy } from "../../../policies/security/alb";
import { cloudfrontCustomCertificate, cloudfrontHttpsOnly, cloudfrontOriginHttps } from "../../../policies/security/cloudfront";
import { ebsEncrypted, ec2ImdsV2Required } from "../../../policies/security/ec2";
import { elasticacheEncrypted } from "../../../policies/security/elasticache";
import { publicIngressEntryPointOnly, securityGroupIngress } from "../../../policies/security/network";
import { s3BucketEncrypted, s3PublicAccessBlocked, s3TlsOnlyPolicy } from "../../../policies/security/s3";
import { sqsEncrypted } from "../../../policies/security/sqs";
import { requiredTags } from "../../../policies/security/tags";
import type { ResourceRecord } from "../../../model/records";
import {
  asg,
  bucketSet,
  changed,
  dependsOn,
  distribution,
  entryPoint,
  httpsListener,
  instance,
  launchTemplate,
  queue,
  replicationGroup,
  res,
  runPolicy,
  securityGroup,
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

export const SECURITY_CASES: PolicyCase[] = [
  // ec2-imdsv2-required
  { policy: ec2ImdsV2Required, title: "a launch template requiring IMDSv2 passes", run: () => runPolicy(ec2ImdsV2Required, launchTemplate()), expect: "pass" },
  { policy: ec2ImdsV2Required, title: "httpTokens optional is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(launchTemplate(), (i) => (i.metadataOptions!.httpTokens = "optional"))), expect: [/"required".*it is "optional"/] },
  { policy: ec2ImdsV2Required, title: "no metadataOptions: the default (optional) is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(launchTemplate(), (i) => delete i.metadataOptions)), expect: [/not set \(the default is "optional"\)/] },
  { policy: ec2ImdsV2Required, title: "httpTokens unknown at preview is not judged", run: () => runPolicy(ec2ImdsV2Required, changed(launchTemplate(), (i) => (i.metadataOptions!.httpTokens = undefined))), expect: "pass" },
  { policy: ec2ImdsV2Required, title: "an instance without IMDSv2 is a violation", run: () => runPolicy(ec2ImdsV2Required, changed(instance(), (i) => (i.metadataOptions = { httpTokens: "optional" }))), expect: [/instance web/] },
  { policy: ec2ImdsV2Required, title: "other types are not applicable", run: () => runPolicy(ec2ImdsV2Required, queue()), expect: "n/a" },

  // ebs-encrypted
  { policy: ebsEncrypted, title: "an encrypted root volume passes", run: () => runPolicy(ebsEncrypted, launchTemplate()), expect: "pass" },
  { policy: ebsEncrypted, title: "encrypted \"false\" is a violation", run: () => runPolicy(ebsEncrypted, changed(launchTemplate(), (i) => (i.blockDeviceMappings![0].ebs!.encrypted = "false"))), expect: [/Set encrypted to true on app blockDeviceMappings\[0\].*it is "false"/] },
  { policy: ebsEncrypted, title: "a launch template without block device mappings is a violation", run: () => runPolicy(ebsEncrypted, changed(launchTemplate(), (i) => delete i.blockDeviceMappings)), expect: [/Declare the root volume/] },
  { policy: ebsEncrypted, title: "an instance root volume without encrypted is a violation", run: () => runPolicy(ebsEncrypted, changed(instance(), (i) => delete i.rootBlockDevice!.encrypted)), expect: [/rootBlockDevice; it is not set/] },
  { policy: ebsEncrypted, title: "an unencrypted EBS volume is a violation", run: () => runPolicy(ebsEncrypted, res("aws:ebs/volume:Volume", "data", { availabilityZone: "us-east-1a", size: 10, encrypted: false })), expect: [/volume data; it is false/] },

  // s3-bucket-encrypted
  { policy: s3BucketEncrypted, title: "a bucket with SSE-S3 declared passes", run: () => runPolicy(s3BucketEncrypted, bucketSet()), expect: "pass" },
  { policy: s3BucketEncrypted, title: "a bucket without an encryption configuration is a violation", run: () => runPolicy(s3BucketEncrypted, bucketSet().filter((r) => !r.type.includes("ServerSideEncryption"))), expect: [/Declare default encryption .* for bucket storage-files/] },
  { policy: s3BucketEncrypted, title: "an algorithm outside allowedAlgorithms is a violation", run: () => runPolicy(s3BucketEncrypted, bucketSet(), { config: { allowedAlgorithms: ["aws:kms"] } }), expect: [/Encrypt bucket storage-files with aws:kms; it declares "AES256"/] },
  { policy: s3BucketEncrypted, title: "rules unknown at preview are not judged", run: () => runPolicy(s3BucketEncrypted, bucketWith(2, (i) => (i.rules = undefined))), expect: "pass" },

  // s3-public-access-blocked
  { policy: s3PublicAccessBlocked, title: "all four flags true passes", run: () => runPolicy(s3PublicAccessBlocked, bucketSet()), expect: "pass" },
  { policy: s3PublicAccessBlocked, title: "blockPublicPolicy false is a violation", run: () => runPolicy(s3PublicAccessBlocked, bucketWith(1, (i) => (i.blockPublicPolicy = false))), expect: [/Set blockPublicPolicy to true .*blockPublicPolicy is false/] },
  { policy: s3PublicAccessBlocked, title: "a flag left out (default false) is a violation", run: () => runPolicy(s3PublicAccessBlocked, bucketWith(1, (i) => delete i.restrictPublicBuckets)), expect: [/restrictPublicBuckets is not set/] },
  { policy: s3PublicAccessBlocked, title: "no public access block is a violation", run: () => runPolicy(s3PublicAccessBlocked, bucketSet().filter((r) => !r.type.includes("PublicAccessBlock"))), expect: [/Add a public access block .* it has none/] },
  { policy: s3PublicAccessBlocked, title: "a public-read ACL is a violation", run: () => runPolicy(s3PublicAccessBlocked, bucketWith(0, (i) => (i.acl = "public-read"))), expect: [/Remove the public ACL .*"public-read"/] },

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

  // required-tags
  { policy: requiredTags, title: "all four cost tags pass", run: () => runPolicy(requiredTags, queue()), expect: "pass" },
  { policy: requiredTags, title: "a missing milestone tag is a violation", run: () => runPolicy(requiredTags, changed(queue(), (i) => delete i.tags!.milestone)), expect: [/Tag jobs with milestone; it has component, project, stack/] },
  { policy: requiredTags, title: "an Auto Scaling group's tag list is read", run: () => runPolicy(requiredTags, changed(asg(), (i) => (i.tags = i.tags!.filter((t) => t.key !== "component")))), expect: [/Tag app with component/] },
  { policy: requiredTags, title: "tags unknown at preview are not judged", run: () => runPolicy(requiredTags, changed(queue(), (i) => (i.tags = undefined))), expect: "pass" },
];
