/**
 * Security policies, AWSGuard style: one const per policy, provider defaults handled
 * explicitly. A value that is merely unknown during a preview (an Output of another
 * resource) is never a violation; a value the program leaves out is one where the provider's
 * or AWS's default is insecure (IMDS tokens optional, unencrypted EBS and ElastiCache, the
 * 2016 ELB TLS policy), and is not where AWS's default is secure (SQS SSE-SQS since 2022).
 */
import { aws } from "./aws";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { tagShape } from "../model/resourceTypes";
import { REQUIRED_TAG_KEYS } from "../stacks/tags";
import {
  asArray,
  asNumber,
  asObject,
  configOf,
  isMissing,
  isUnknown,
  plain,
  show,
  T,
  tagsOf,
  truthy,
  validateTyped,
  type ConfigSchema,
  type ReportViolation,
} from "./util";

// ---------------------------------------------------------------------------------------------
// EC2: IMDSv2, EBS encryption

function checkImds(what: string, metadataOptions: Record<string, unknown> | undefined, props: Record<string, unknown>, report: ReportViolation): void {
  if (isUnknown(props, "metadataOptions")) return;
  const tokens = metadataOptions?.httpTokens;
  if (isUnknown(metadataOptions, "httpTokens")) return;
  if (metadataOptions?.httpEndpoint === "disabled") return; // no metadata service at all
  if (tokens !== "required") {
    report(`Set metadataOptions.httpTokens to "required" (IMDSv2) on ${what}; it is ${tokens === undefined ? 'not set (the default is "optional")' : show(tokens)}.`);
  }
}

export const ec2ImdsV2Required: ResourceValidationPolicy = {
  name: "ec2-imdsv2-required",
  description: "EC2 launch templates and instances require IMDSv2 session tokens (metadataOptions.httpTokens = \"required\"); the provider's default is \"optional\".",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.ec2.LaunchTemplate, (lt, args, report) => checkImds(`launch template ${args.name}`, asObject(lt.metadataOptions), lt, report)),
    validateTyped(aws.ec2.Instance, (i, args, report) => checkImds(`instance ${args.name}`, asObject(i.metadataOptions), i, report)),
  ],
};

/** One EBS volume declaration: encrypted must be true; missing means unencrypted. */
function checkEncrypted(where: string, ebs: Record<string, unknown>, report: ReportViolation): void {
  if (isUnknown(ebs, "encrypted")) return;
  if (truthy(ebs.encrypted) !== true) {
    report(`Set encrypted to true on ${where}; it is ${ebs.encrypted === undefined ? "not set (unencrypted unless the account enables EBS encryption by default)" : show(ebs.encrypted)}.`);
  }
}

export const ebsEncrypted: ResourceValidationPolicy = {
  name: "ebs-encrypted",
  description: "EBS volumes are encrypted: launch template block devices, instance root and extra block devices, and standalone volumes.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.ec2.LaunchTemplate, (lt, args, report) => {
      if (isMissing(lt as object, "blockDeviceMappings")) {
        report(`Declare the root volume of launch template ${args.name} in blockDeviceMappings with ebs.encrypted true; none is declared, so the image's unencrypted default applies.`);
        return;
      }
      asArray(lt.blockDeviceMappings).forEach((m, i) => {
        const ebs = asObject(asObject(m)?.ebs);
        if (ebs) checkEncrypted(`${args.name} blockDeviceMappings[${i}].ebs (${show(asObject(m)?.deviceName)})`, ebs, report);
      });
    }),
    validateTyped(aws.ec2.Instance, (instance, args, report) => {
      const props = instance;
      if (isMissing(props, "rootBlockDevice")) {
        report(`Declare rootBlockDevice with encrypted true on instance ${args.name}; it is not set, so the image's unencrypted default applies.`);
      } else {
        const root = asObject(instance.rootBlockDevice);
        if (root) checkEncrypted(`${args.name} rootBlockDevice`, root, report);
      }
      asArray(instance.ebsBlockDevices).forEach((d, i) => {
        const ebs = asObject(d);
        if (ebs) checkEncrypted(`${args.name} ebsBlockDevices[${i}]`, ebs, report);
      });
    }),
    validateTyped(aws.ebs.Volume, (volume, args, report) => checkEncrypted(`volume ${args.name}`, volume, report)),
  ],
};

// ---------------------------------------------------------------------------------------------
// S3: explicit encryption, public access blocked, TLS-only policy

const BUCKET_TYPES = new Set<string>([T.bucket, T.bucketV2]);

/** Resources of `types` that belong to `bucket`: they depend on it, or name it literally. */
function partsOf(bucket: PolicyResource, resources: readonly PolicyResource[], types: ReadonlySet<string>): PolicyResource[] {
  const name = plain<Record<string, unknown>>(bucket.props).bucket;
  return resources.filter((r) => {
    if (!types.has(r.type)) return false;
    if (r.dependencies.some((d) => d.urn === bucket.urn)) return true;
    const target = plain<Record<string, unknown>>(r.props).bucket;
    return typeof name === "string" && target === name;
  });
}

function buckets(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => BUCKET_TYPES.has(r.type));
}

export interface S3EncryptionConfig {
  readonly allowedAlgorithms: string[];
}

const S3_ENCRYPTION_SCHEMA: ConfigSchema = {
  properties: {
    allowedAlgorithms: {
      type: "array",
      items: { type: "string", enum: ["AES256", "aws:kms", "aws:kms:dsse"] },
      default: ["AES256", "aws:kms", "aws:kms:dsse"],
      description: "Server-side encryption algorithms a bucket may declare.",
    },
  },
};

/** The algorithms a bucket's encryption rules name (undefined entries: unknown). */
function sseAlgorithms(config: unknown): (string | undefined)[] {
  const rules = Array.isArray(config) ? config.flatMap((c) => asArray(asObject(c)?.rules)) : asArray(asObject(config)?.rules ?? asObject(config)?.rule);
  return rules.map((r) => {
    const d = asObject(asObject(r)?.applyServerSideEncryptionByDefault);
    return d && typeof d.sseAlgorithm === "string" ? d.sseAlgorithm : undefined;
  });
}

export const s3BucketEncrypted: StackValidationPolicy = {
  name: "s3-bucket-encrypted",
  description: "Every S3 bucket declares its default encryption (a server-side encryption configuration with an allowed algorithm), so the intent is in code and reviewable; AWS applies SSE-S3 to new buckets since 2023, which this makes explicit.",
  enforcementLevel: "mandatory",
  configSchema: S3_ENCRYPTION_SCHEMA,
  validateStack: (args, report) => {
    const cfg = configOf<S3EncryptionConfig>(S3_ENCRYPTION_SCHEMA, args);
    const all = buckets(args.resources);
    if (all.length === 0) args.notApplicable("no S3 buckets");
    const sseTypes = new Set<string>([T.bucketSse, T.bucketSseV2]);
    for (const bucket of all) {
      const props = plain<Record<string, unknown>>(bucket.props);
      const parts = partsOf(bucket, args.resources, sseTypes).map((p) => plain<Record<string, unknown>>(p.props));
      const inline = props.serverSideEncryptionConfiguration ?? props.serverSideEncryptionConfigurations;
      const declared = [...parts, ...(inline !== undefined ? [inline] : [])];
      const unknownInline = ("serverSideEncryptionConfiguration" in props || "serverSideEncryptionConfigurations" in props) && inline === undefined;
      if (declared.length === 0) {
        if (!unknownInline) report(`Declare default encryption (${cfg.allowedAlgorithms.join(" or ")}) for bucket ${bucket.name}; it has no server-side encryption configuration.`, bucket.urn);
        continue;
      }
      const algorithms = declared.flatMap(sseAlgorithms);
      const bad = algorithms.filter((a): a is string => a !== undefined && !cfg.allowedAlgorithms.includes(a));
      if (bad.length) report(`Encrypt bucket ${bucket.name} with ${cfg.allowedAlgorithms.join(" or ")}; it declares ${bad.map((a) => JSON.stringify(a)).join(", ")}.`, bucket.urn);
    }
  },
};

const PUBLIC_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);

export const s3PublicAccessBlocked: StackValidationPolicy = {
  name: "s3-public-access-blocked",
  description: "Every S3 bucket has a public access block with all four settings true and no public canned ACL.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const all = buckets(args.resources);
    if (all.length === 0) args.notApplicable("no S3 buckets");
    for (const bucket of all) {
      const props = plain<Record<string, unknown>>(bucket.props);
      if (typeof props.acl === "string" && PUBLIC_ACLS.has(props.acl)) report(`Remove the public ACL from bucket ${bucket.name}; it is ${show(props.acl)}.`, bucket.urn);
      const blocks = partsOf(bucket, args.resources, new Set([T.bucketPublicAccessBlock])).map((p) => plain<Record<string, unknown>>(p.props));
      if (blocks.length === 0) {
        report(`Add a public access block with ${PUBLIC_FLAGS.join(", ")} true to bucket ${bucket.name}; it has none.`, bucket.urn);
        continue;
      }
      for (const block of blocks) {
        // A flag left out defaults to false; an unknown one is not judged.
        const off = PUBLIC_FLAGS.filter((f) => !(f in block && block[f] === undefined) && block[f] !== true);
        if (off.length) report(`Set ${off.join(", ")} to true in the public access block of bucket ${bucket.name}; ${off.map((f) => `${f} is ${show(block[f])}`).join(", ")}.`, bucket.urn);
      }
    }
  },
};

/** Whether a policy document denies requests made without TLS. */
export function deniesInsecureTransport(doc: unknown): boolean {
  let parsed = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc);
    } catch {
      return false;
    }
  }
  const statements = asObject(parsed)?.Statement;
  return (Array.isArray(statements) ? statements : [statements]).some((s) => {
    const st = asObject(s);
    const secure = asObject(asObject(st?.Condition)?.Bool)?.["aws:SecureTransport"];
    return st?.Effect === "Deny" && (secure === "false" || secure === false || (Array.isArray(secure) && secure.some((v) => v === "false" || v === false)));
  });
}

export const s3TlsOnlyPolicy: StackValidationPolicy = {
  name: "s3-tls-only-policy",
  description: "Every S3 bucket has a bucket policy that denies requests not made over TLS (Deny with aws:SecureTransport false). A policy whose text is unknown during a preview is not judged.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const all = buckets(args.resources);
    if (all.length === 0) args.notApplicable("no S3 buckets");
    for (const bucket of all) {
      const props = plain<Record<string, unknown>>(bucket.props);
      const docs = partsOf(bucket, args.resources, new Set([T.bucketPolicy])).map((p) => plain<Record<string, unknown>>(p.props).policy);
      if ("policy" in props) docs.push(props.policy);
      if (docs.length === 0) {
        report(`Attach a bucket policy to bucket ${bucket.name} that denies requests without TLS (aws:SecureTransport false); it has no bucket policy.`, bucket.urn);
        continue;
      }
      if (docs.some((d) => d === undefined)) continue; // unknown during preview
      if (!docs.some(deniesInsecureTransport)) {
        report(`Add a Deny statement with condition Bool aws:SecureTransport "false" to the policy of bucket ${bucket.name}; its policy allows requests without TLS.`, bucket.urn);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// ElastiCache and SQS encryption

export const elasticacheEncrypted: ResourceValidationPolicy = {
  name: "elasticache-encrypted",
  description: "ElastiCache replication groups encrypt at rest and in transit; standalone cache clusters in transit. Both default to off.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.elasticache.ReplicationGroup, (rg, args, report) => {
      const props = rg;
      for (const key of ["atRestEncryptionEnabled", "transitEncryptionEnabled"] as const) {
        if (isUnknown(props, key)) continue;
        if (truthy(props[key]) !== true) report(`Set ${key} to true on replication group ${args.name}; it is ${props[key] === undefined ? "not set (default false)" : show(props[key])}.`);
      }
    }),
    validateTyped(aws.elasticache.Cluster, (cluster, args, report) => {
      const props = cluster;
      if ("replicationGroupId" in props) args.notApplicable("a member of a replication group, which is checked instead");
      if (isUnknown(props, "transitEncryptionEnabled")) return;
      if (truthy(props.transitEncryptionEnabled) !== true) {
        report(`Set transitEncryptionEnabled to true on cache cluster ${args.name}; it is ${props.transitEncryptionEnabled === undefined ? "not set (default false)" : show(props.transitEncryptionEnabled)}.`);
      }
    }),
  ],
};

export const sqsEncrypted: ResourceValidationPolicy = {
  name: "sqs-encrypted",
  description: "SQS queues are encrypted: SSE-SQS (sqsManagedSseEnabled, AWS's default for new queues) or a KMS key; turning SSE-SQS off without a KMS key is a violation.",
  enforcementLevel: "mandatory",
  validateResource: validateTyped(aws.sqs.Queue, (queue, args, report) => {
    const props = queue;
    if (("kmsMasterKeyId" in props && props.kmsMasterKeyId === undefined) || (typeof props.kmsMasterKeyId === "string" && props.kmsMasterKeyId !== "")) return;
    if (props.sqsManagedSseEnabled === false) {
      report(`Set sqsManagedSseEnabled to true or kmsMasterKeyId on queue ${args.name}; sqsManagedSseEnabled is false and no KMS key is set.`);
    }
  }),
};

// ---------------------------------------------------------------------------------------------
// CloudFront and ALB TLS

const HTTPS_VIEWER_POLICIES = new Set(["redirect-to-https", "https-only"]);

export interface CloudfrontTlsConfig {
  readonly minimumProtocolVersions: string[];
}

const CLOUDFRONT_SCHEMA: ConfigSchema = {
  properties: {
    minimumProtocolVersions: {
      type: "array",
      items: { type: "string" },
      default: ["TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
      description: "Security policies (viewerCertificate.minimumProtocolVersion) accepted with a custom certificate.",
    },
  },
};

export const cloudfrontHttpsOnly: ResourceValidationPolicy = {
  name: "cloudfront-https-only",
  description: "CloudFront distributions redirect viewers to HTTPS (or accept HTTPS only) on every cache behaviour, and with a custom certificate require a modern minimum TLS (TLS 1.2+).",
  enforcementLevel: "mandatory",
  configSchema: CLOUDFRONT_SCHEMA,
  validateResource: validateTyped(aws.cloudfront.Distribution, (dist, args, report) => {
    const cfg = configOf<CloudfrontTlsConfig>(CLOUDFRONT_SCHEMA, args);
    const behaviours: [string, Record<string, unknown> | undefined][] = [
      ["defaultCacheBehavior", asObject(dist.defaultCacheBehavior)],
      ...asArray(dist.orderedCacheBehaviors).map((b, i): [string, Record<string, unknown> | undefined] => [`orderedCacheBehaviors[${i}] (${show(asObject(b)?.pathPattern)})`, asObject(b)]),
    ];
    for (const [where, b] of behaviours) {
      if (!b || ("viewerProtocolPolicy" in b && b.viewerProtocolPolicy === undefined)) continue;
      if (!HTTPS_VIEWER_POLICIES.has(String(b.viewerProtocolPolicy))) {
        report(`Set viewerProtocolPolicy to "redirect-to-https" on ${where} of distribution ${args.name}; it is ${show(b.viewerProtocolPolicy)}.`);
      }
    }
    const cert = asObject(dist.viewerCertificate);
    if (!cert || truthy(cert.cloudfrontDefaultCertificate) === true) return; // see cloudfront-custom-certificate
    if (isUnknown(cert, "minimumProtocolVersion")) return;
    const version = cert.minimumProtocolVersion;
    if (typeof version !== "string" || !cfg.minimumProtocolVersions.includes(version)) {
      report(`Set viewerCertificate.minimumProtocolVersion of distribution ${args.name} to one of ${cfg.minimumProtocolVersions.join(", ")}; it is ${version === undefined ? 'not set (default "TLSv1")' : show(version)}.`);
    }
  }),
};

export const cloudfrontCustomCertificate: ResourceValidationPolicy = {
  name: "cloudfront-custom-certificate",
  description: "CloudFront distributions use a custom certificate: with the default *.cloudfront.net certificate CloudFront negotiates down to TLSv1 whatever minimumProtocolVersion says.",
  enforcementLevel: "advisory",
  validateResource: validateTyped(aws.cloudfront.Distribution, (dist, args, report) => {
    const cert = asObject(dist.viewerCertificate);
    if (cert && truthy(cert.cloudfrontDefaultCertificate) === true) {
      report(
        `Serve distribution ${args.name} with a custom certificate (viewerCertificate.acmCertificateArn) so its minimum TLS applies; it uses the default *.cloudfront.net certificate, which accepts TLSv1` +
          (typeof cert.minimumProtocolVersion === "string" ? ` (minimumProtocolVersion ${show(cert.minimumProtocolVersion)} is ignored).` : "."),
      );
    }
  }),
};

export const cloudfrontOriginHttps: ResourceValidationPolicy = {
  name: "cloudfront-origin-https",
  description: "CloudFront reaches custom origins (the ALB behind /api/*) over HTTPS only, so requests and responses are not plain text between the edge and AWS; needs a certificate on the origin.",
  enforcementLevel: "advisory",
  validateResource: validateTyped(aws.cloudfront.Distribution, (dist, args, report) => {
    if (!Array.isArray(dist.origins)) return;
    for (const origin of dist.origins) {
      const o = asObject(origin);
      const custom = asObject(o?.customOriginConfig);
      if (!o || !custom || isUnknown(custom, "originProtocolPolicy")) continue;
      if (custom.originProtocolPolicy !== "https-only") {
        report(
          `Set customOriginConfig.originProtocolPolicy to "https-only" on origin ${show(o.originId)} of distribution ${args.name} (with a certificate on the origin, e.g. cutlist:certificateArn for the ALB); it is ${show(custom.originProtocolPolicy)}.`,
        );
      }
    }
  }),
};

export interface AlbTlsConfig {
  readonly allowedPolicyPattern: string;
}

const ALB_SCHEMA: ConfigSchema = {
  properties: {
    allowedPolicyPattern: {
      type: "string",
      default: "^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)",
      description: "Regular expression the sslPolicy of HTTPS/TLS listeners must match (default: the TLS 1.2+ policies: TLS13-1-2/1-3, TLS-1-2, FS-1-2 families).",
    },
  },
};

function checkListener(listener: Record<string, unknown>, name: string, cfg: AlbTlsConfig, report: ReportViolation): void {
  if (listener.protocol !== "HTTPS" && listener.protocol !== "TLS") return;
  if (isUnknown(listener, "sslPolicy")) return;
  const policy = listener.sslPolicy;
  if (typeof policy !== "string" || !new RegExp(cfg.allowedPolicyPattern).test(policy)) {
    report(
      `Set sslPolicy of ${listener.protocol} listener ${name} to a TLS 1.2+ policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06" (matching ${cfg.allowedPolicyPattern}); it is ${policy === undefined ? 'not set (default "ELBSecurityPolicy-2016-08", which allows TLS 1.0)' : show(policy)}.`,
    );
  }
}

export const albTlsPolicy: ResourceValidationPolicy = {
  name: "alb-tls-policy",
  description: "Load balancer HTTPS and TLS listeners use a TLS 1.2+ security policy; the provider's default (ELBSecurityPolicy-2016-08) allows TLS 1.0.",
  enforcementLevel: "mandatory",
  configSchema: ALB_SCHEMA,
  validateResource: [
    validateTyped(aws.lb.Listener, (l, args, report) => checkListener(l, args.name, configOf(ALB_SCHEMA, args), report)),
    validateTyped(aws.alb.Listener, (l, args, report) => checkListener(l, args.name, configOf(ALB_SCHEMA, args), report)),
  ],
};

// ---------------------------------------------------------------------------------------------
// Security groups

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

export interface IngressConfig {
  readonly publicPorts: number[];
}

const INGRESS_SCHEMA: ConfigSchema = {
  properties: {
    publicPorts: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [80, 443], description: "TCP ports the entry point may open to 0.0.0.0/0 and ::/0." },
  },
};

/** One ingress permission, normalised from the three ways AWS resources declare one. */
interface Ingress {
  readonly protocol?: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: string[];
}

function ingressOf(type: string, props: Record<string, unknown>): Ingress[] {
  if (type === T.securityGroup) {
    return asArray(props.ingress).map((r) => {
      const o = asObject(r) ?? {};
      return { protocol: o.protocol === undefined ? undefined : String(o.protocol), fromPort: asNumber(o.fromPort), toPort: asNumber(o.toPort), cidrs: [...asArray(o.cidrBlocks), ...asArray(o.ipv6CidrBlocks)].filter((c): c is string => typeof c === "string") };
    });
  }
  if (type === T.securityGroupRule) {
    if (props.type !== "ingress") return [];
    return [{ protocol: props.protocol === undefined ? undefined : String(props.protocol), fromPort: asNumber(props.fromPort), toPort: asNumber(props.toPort), cidrs: [...asArray(props.cidrBlocks), ...asArray(props.ipv6CidrBlocks)].filter((c): c is string => typeof c === "string") }];
  }
  if (type === T.ingressRule) {
    const cidrs = [props.cidrIpv4, props.cidrIpv6].filter((c): c is string => typeof c === "string");
    return [{ protocol: props.ipProtocol === undefined ? undefined : String(props.ipProtocol), fromPort: asNumber(props.fromPort), toPort: asNumber(props.toPort), cidrs }];
  }
  return [];
}

function isTcp(protocol: string | undefined): boolean {
  return protocol === "tcp" || protocol === "6";
}

/** The world-facing permissions of a rule set that go beyond the public TCP ports. */
function tooOpen(rules: readonly Ingress[], publicPorts: readonly number[]): Ingress[] {
  return rules.filter((r) => {
    if (!r.cidrs.some((c) => WORLD.has(c))) return false;
    if (r.protocol === undefined) return false; // unknown
    if (!isTcp(r.protocol)) return true; // all traffic, UDP, ICMP…
    if (r.fromPort === undefined || r.toPort === undefined) return false; // unknown
    for (let p = r.fromPort; p <= r.toPort; p++) if (!publicPorts.includes(p)) return true;
    return false;
  });
}

function describeIngress(r: Ingress): string {
  const proto = r.protocol === "-1" ? "all traffic" : r.protocol;
  const ports = r.protocol === "-1" ? "" : r.fromPort === r.toPort ? ` port ${r.fromPort}` : ` ports ${r.fromPort}-${r.toPort}`;
  return `${proto}${ports} from ${r.cidrs.filter((c) => WORLD.has(c)).join(" and ")}`;
}

export const securityGroupIngress: ResourceValidationPolicy = {
  name: "security-group-ingress",
  description: "No security group (or standalone ingress rule) admits 0.0.0.0/0 or ::/0 except on the public web ports (TCP 80 and 443 by default).",
  enforcementLevel: "mandatory",
  configSchema: INGRESS_SCHEMA,
  validateResource: (args, report) => {
    if (args.type !== T.securityGroup && args.type !== T.securityGroupRule && args.type !== T.ingressRule) {
      args.notApplicable("not a security group or ingress rule");
    }
    const cfg = configOf<IngressConfig>(INGRESS_SCHEMA, args);
    for (const r of tooOpen(ingressOf(args.type, plain(args.props)), cfg.publicPorts)) {
      report(`Admit the internet to ${args.name} only on TCP ports ${cfg.publicPorts.join(", ")}; it admits ${describeIngress(r)}.`);
    }
  },
};

/** Security groups that admit the world on some port, with the rule resources that open them. */
function worldOpenGroups(resources: readonly PolicyResource[]): Map<string, PolicyResource> {
  const open = new Map<string, PolicyResource>();
  for (const r of resources) {
    const rules = ingressOf(r.type, plain(r.props));
    if (!rules.some((i) => i.cidrs.some((c) => WORLD.has(c)))) continue;
    if (r.type === T.securityGroup) open.set(r.urn, r);
    else for (const d of r.dependencies) if (d.type === T.securityGroup) open.set(d.urn, d);
  }
  return open;
}

function hasPublicIp(r: PolicyResource): boolean {
  const props = plain<Record<string, unknown>>(r.props);
  if (r.type === T.launchTemplate) return asArray(props.networkInterfaces).some((n) => truthy(asObject(n)?.associatePublicIpAddress) === true);
  if (r.type === T.instance) return truthy(props.associatePublicIpAddress) === true;
  return false;
}

export const publicIngressEntryPointOnly: StackValidationPolicy = {
  name: "public-ingress-entry-point-only",
  description: "Only the entry point admits the internet: the security groups of internet-facing load balancers, or — in a stack without one — of instances with a public IP. Any other group open to 0.0.0.0/0 is a violation.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const open = worldOpenGroups(args.resources);
    if (open.size === 0) args.notApplicable("no security group admits the internet");
    const lbs = args.resources.filter((r) => (r.type === T.lb || r.type === T.albLb) && plain<Record<string, unknown>>(r.props).internal !== true);
    const fronts = lbs.length > 0 ? lbs : args.resources.filter(hasPublicIp);
    const entry = new Set(fronts.flatMap((f) => f.dependencies.filter((d) => d.type === T.securityGroup).map((d) => d.urn)));
    const what = lbs.length > 0 ? `the internet-facing load balancer ${lbs.map((l) => l.name).join(", ")}` : fronts.length > 0 ? `the public instances (${fronts.map((f) => f.name).join(", ")})` : "no entry point";
    for (const [urn, sg] of open) {
      if (!entry.has(urn)) report(`Admit the internet only at the entry point (${what}); security group ${sg.name} is open to 0.0.0.0/0 but does not front it.`, urn);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Cost-allocation tags

export interface RequiredTagsConfig {
  readonly requiredKeys: string[];
}

const TAGS_SCHEMA: ConfigSchema = {
  properties: {
    requiredKeys: { type: "array", items: { type: "string", minLength: 1 }, default: [...REQUIRED_TAG_KEYS], description: "Tag keys every taggable AWS resource must carry with a non-empty value." },
  },
};

export const requiredTags: ResourceValidationPolicy = {
  name: "required-tags",
  description: "Every taggable AWS resource carries the cost-allocation tags (project, stack, milestone, component by default) with non-empty values.",
  enforcementLevel: "mandatory",
  configSchema: TAGS_SCHEMA,
  validateResource: (args, report) => {
    if (tagShape(args.type) === undefined) args.notApplicable("not a taggable type");
    const cfg = configOf<RequiredTagsConfig>(TAGS_SCHEMA, args);
    const props = plain<Record<string, unknown>>(args.props);
    if (isUnknown(props, "tags")) return;
    const tags = tagsOf(props) ?? {};
    // A key whose value is unknown (an Output) is present; a missing or empty one is not.
    const absent = cfg.requiredKeys.filter((k) => !(k in tags) || tags[k] === "");
    if (absent.length) {
      const have = Object.keys(tags);
      report(`Tag ${args.name} with ${absent.join(", ")}; it has ${have.length ? have.join(", ") : "no tags"}.`);
    }
  },
};
