/**
 * S3 security, knowing what AWS does by default (AWS S3 announcements, checked 2026-11-30,
 * DESIGN.md §8): every new object is encrypted with SSE-S3 since 2023-01-05, and Block Public
 * Access is on (all four settings) for every new bucket since April 2023. So a bucket that
 * declares neither is encrypted and private; what makes one weaker is something the program
 * says: an algorithm outside the allowed ones, a public access block with a setting turned
 * off, a public ACL, a bucket policy that lets anyone in. Every bucket also refuses requests
 * without TLS, which no default does.
 *
 * A part (access block, encryption configuration, ACL, policy) belongs to the bucket its
 * `bucket` input names: the same literal name, or an Output of that bucket resource (the
 * engine's property dependencies of `bucket`). A policy whose text merely mentions another
 * bucket's ARN depends on that bucket too, but does not configure it.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { worldRanges } from "../cidr";
import { asArray, asObject, configOf, plain, show, T, type ConfigSchema } from "../util";
import { registerPolicy } from "../registry";

const BUCKET_TYPES = new Set<string>([T.bucket, T.bucketV2]);

function buckets(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => BUCKET_TYPES.has(r.type));
}

/** The stack's buckets by URN and by their declared `bucket` name. */
interface BucketIndex {
  readonly byUrn: ReadonlyMap<string, PolicyResource>;
  readonly byName: ReadonlyMap<unknown, PolicyResource[]>;
}

function indexBuckets(resources: readonly PolicyResource[]): BucketIndex {
  const byUrn = new Map<string, PolicyResource>();
  const byName = new Map<unknown, PolicyResource[]>();
  for (const b of buckets(resources)) {
    byUrn.set(b.urn, b);
    const name = plain<Record<string, unknown>>(b.props).bucket;
    const named = byName.get(name);
    if (named) named.push(b);
    else byName.set(name, [b]);
  }
  return { byUrn, byName };
}

/**
 * The buckets a part configures, by its `bucket` input: a literal name matches the bucket
 * declared with that name; an Output matches the bucket it comes from. Without per-input
 * dependencies (a host that does not give them), a part that depends on exactly one bucket
 * configures that one; one that depends on several is not attributed.
 */
function bucketsOfPart(part: PolicyResource, index: BucketIndex): PolicyResource[] {
  const target = plain<Record<string, unknown>>(part.props).bucket;
  if (typeof target === "string") return index.byName.get(target) ?? [];
  const viaInput = part.propertyDependencies?.bucket;
  const candidates = viaInput?.length ? viaInput : part.dependencies;
  const found = [...new Set(candidates.map((d) => d.urn))].map((urn) => index.byUrn.get(urn)).filter((b): b is PolicyResource => b !== undefined);
  return viaInput?.length || found.length === 1 ? found : [];
}

/**
 * The resources of `types` that configure each bucket, by the bucket's URN (see
 * bucketsOfPart). Built once per check: a stack has thousands of buckets and parts.
 */
function partsByBucket(resources: readonly PolicyResource[], types: ReadonlySet<string>): (bucket: PolicyResource) => PolicyResource[] {
  const index = indexBuckets(resources);
  const parts = new Map<string, PolicyResource[]>();
  for (const r of resources) {
    if (!types.has(r.type)) continue;
    for (const b of bucketsOfPart(r, index)) {
      const list = parts.get(b.urn);
      if (list) list.push(r);
      else parts.set(b.urn, [r]);
    }
  }
  return (bucket) => parts.get(bucket.urn) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Encryption

export interface S3EncryptionConfig {
  readonly allowedAlgorithms: string[];
  readonly requireExplicit: boolean;
}

/** The algorithm AWS applies to a bucket that declares none (SSE-S3, since 2023-01-05). */
const DEFAULT_ALGORITHM = "AES256";

const S3_ENCRYPTION_SCHEMA: ConfigSchema = {
  properties: {
    allowedAlgorithms: {
      type: "array",
      items: { type: "string", enum: ["AES256", "aws:kms", "aws:kms:dsse"] },
      default: ["AES256", "aws:kms", "aws:kms:dsse"],
      description: "Server-side encryption algorithms a bucket may use. A bucket that declares none uses AWS's default, AES256 (SSE-S3).",
    },
    requireExplicit: {
      type: "boolean",
      default: false,
      description: "Require every bucket to declare its encryption in code, even though AWS encrypts new objects with SSE-S3 by default (since 2023-01-05).",
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

export const s3BucketEncrypted: StackValidationPolicy = registerPolicy("security", {
  name: "s3-bucket-encrypted",
  description: "S3 buckets are encrypted with an allowed algorithm. AWS encrypts every new object with SSE-S3 (AES256) by default since 2023-01-05, so a bucket without an encryption configuration passes unless AES256 is not allowed or requireExplicit asks for the declaration in code.",
  enforcementLevel: "mandatory",
  configSchema: S3_ENCRYPTION_SCHEMA,
  validateStack: (args, report) => {
    const cfg = configOf<S3EncryptionConfig>(S3_ENCRYPTION_SCHEMA, args);
    const all = buckets(args.resources);
    if (all.length === 0) args.notApplicable("no S3 buckets");
    const encryptionOf = partsByBucket(args.resources, new Set<string>([T.bucketSse, T.bucketSseV2]));
    const allowed = cfg.allowedAlgorithms.join(" or ");
    for (const bucket of all) {
      const props = plain<Record<string, unknown>>(bucket.props);
      const parts = encryptionOf(bucket).map((p) => plain<Record<string, unknown>>(p.props));
      const inline = props.serverSideEncryptionConfiguration ?? props.serverSideEncryptionConfigurations;
      const declared = [...parts, ...(inline !== undefined ? [inline] : [])];
      const unknownInline = ("serverSideEncryptionConfiguration" in props || "serverSideEncryptionConfigurations" in props) && inline === undefined;
      if (declared.length === 0) {
        if (unknownInline) continue;
        if (cfg.requireExplicit) {
          report(`Declare default encryption (${allowed}) for bucket ${bucket.name} in code (requireExplicit); it has no server-side encryption configuration, so only AWS's default SSE-S3 applies.`, bucket.urn);
        } else if (!cfg.allowedAlgorithms.includes(DEFAULT_ALGORITHM)) {
          report(`Declare default encryption with ${allowed} for bucket ${bucket.name}; it declares none, so AWS's default "${DEFAULT_ALGORITHM}" (SSE-S3) applies.`, bucket.urn);
        }
        continue;
      }
      const algorithms = declared.flatMap(sseAlgorithms);
      const bad = algorithms.filter((a): a is string => a !== undefined && !cfg.allowedAlgorithms.includes(a));
      if (bad.length) report(`Encrypt bucket ${bucket.name} with ${allowed}; it declares ${bad.map((a) => JSON.stringify(a)).join(", ")}.`, bucket.urn);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Public access

const PUBLIC_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3PublicAccessBlocked: StackValidationPolicy = registerPolicy("security", {
  name: "s3-public-access-blocked",
  description: "A public access block a program declares for a bucket keeps all four settings true. A bucket without one keeps AWS's default for new buckets since April 2023 (all four on) and passes.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const all = buckets(args.resources);
    if (all.length === 0) args.notApplicable("no S3 buckets");
    const blocksOf = partsByBucket(args.resources, new Set([T.bucketPublicAccessBlock]));
    for (const bucket of all) {
      const blocks = blocksOf(bucket).map((p) => plain<Record<string, unknown>>(p.props));
      for (const block of blocks) {
        // A flag left out of a declared block is false; an unknown one is not judged.
        const off = PUBLIC_FLAGS.filter((f) => !(f in block && block[f] === undefined) && block[f] !== true);
        if (off.length) report(`Set ${off.join(", ")} to true in the public access block of bucket ${bucket.name}; ${off.map((f) => `${f} is ${show(block[f])}`).join(", ")}.`, bucket.urn);
      }
    }
  },
});

/** Canned ACLs that grant access to everyone (AllUsers) or every AWS account (AuthenticatedUsers). */
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GRANTEES = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/**
 * What makes an ACL public: a public canned ACL, or a grant to AllUsers/AuthenticatedUsers
 * (an ACL resource's accessControlPolicy.grants, or a bucket's own `grants`).
 */
function publicAcl(props: Record<string, unknown>): string | undefined {
  if (typeof props.acl === "string" && PUBLIC_ACLS.has(props.acl)) return `canned ACL ${show(props.acl)}`;
  const grants = [
    ...asArray(asObject(props.accessControlPolicy)?.grants).map((g) => ({ uri: asObject(asObject(g)?.grantee)?.uri, permission: show(asObject(g)?.permission) })),
    ...asArray(props.grants).map((g) => ({ uri: asObject(g)?.uri, permission: asArray(asObject(g)?.permissions).map(show).join("/") })),
  ];
  for (const g of grants) {
    if (typeof g.uri === "string" && PUBLIC_GRANTEES.test(g.uri)) return `a ${g.permission} grant to ${g.uri.split("/").pop()}`;
  }
  return undefined;
}

/**
 * Condition keys that limit an Allow to fixed callers, so a statement for Principal "*" with
 * one of them is not public (AWS S3 API Reference, PublicAccessBlockConfiguration: "Amazon S3
 * considers a bucket policy public unless…", read 2026-11-30), plus the principal keys, which
 * name a fixed account, organisation or role the same way a fixed principal does.
 */
const RESTRICTING_KEYS = new Set(
  [
    "aws:SourceIp", "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner", "aws:SourceAccount",
    "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid",
    "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID",
  ].map((k) => k.toLowerCase()),
);

function isFixed(key: string, values: unknown[]): boolean {
  const strings = values.filter((v): v is string => typeof v === "string");
  if (strings.length !== values.length || strings.length === 0) return false;
  if (key === "aws:sourceip") return worldRanges(strings).length === 0;
  // A wildcard or a policy variable lets any caller match.
  return strings.every((v) => !/[*?]|\$\{/.test(v));
}

/** Operators that hold a key to the values given (negations, Null and …IfExists let other callers through). */
const MATCHING_OPERATORS = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/;

/** The statement limits who may call to fixed values (see RESTRICTING_KEYS). */
function restricted(condition: unknown): boolean {
  const ops = asObject(condition);
  if (!ops) return false;
  return Object.entries(ops).some(([op, clauses]) => {
    if (!MATCHING_OPERATORS.test(op)) return false;
    return Object.entries(asObject(clauses) ?? {}).some(([key, value]) => RESTRICTING_KEYS.has(key.toLowerCase()) && isFixed(key.toLowerCase(), Array.isArray(value) ? value : [value]));
  });
}

function anyone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = asObject(principal)?.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** A policy document's statements (given as JSON text or an object); undefined if it is not a policy. */
function policyStatements(doc: unknown): unknown[] | undefined {
  let parsed = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  const statement = asObject(parsed)?.Statement;
  if (statement === undefined) return undefined;
  return Array.isArray(statement) ? statement : [statement];
}

/** The Sids (or positions) of a policy's statements that let anyone in; undefined if the text is not a policy. */
export function publicStatements(doc: unknown): string[] | undefined {
  const statements = policyStatements(doc);
  if (!statements) return undefined;
  return statements.flatMap((s, i) => {
    const st = asObject(s);
    if (!st || st.Effect !== "Allow" || !anyone(st.Principal) || restricted(st.Condition)) return [];
    return [typeof st.Sid === "string" && st.Sid !== "" ? JSON.stringify(st.Sid) : `#${i + 1}`];
  });
}

const ACL_TYPES = new Set<string>([aws.s3.BucketAclV2.__pulumiType, aws.s3.BucketAcl.__pulumiType]);

export const s3BucketNotPublic: StackValidationPolicy = registerPolicy("security", {
  name: "s3-bucket-not-public",
  description: "No S3 bucket is made public by its own ACL (a public canned ACL or a grant to AllUsers/AuthenticatedUsers, on the bucket or an aws.s3.BucketAcl/BucketAclV2 of it) or by its bucket policy (an Allow for Principal \"*\" without a condition fixing the caller: source account, ARN, VPC, endpoint, IP range, organisation). A policy text unknown during a preview is not judged.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const all = buckets(args.resources);
    if (all.length === 0) args.notApplicable("no S3 buckets");
    const aclsOf = partsByBucket(args.resources, ACL_TYPES);
    const policiesOf = partsByBucket(args.resources, new Set([T.bucketPolicy]));
    for (const bucket of all) {
      const props = plain<Record<string, unknown>>(bucket.props);
      const acls = [{ where: "", props }, ...aclsOf(bucket).map((p) => ({ where: ` (${p.name})`, props: plain<Record<string, unknown>>(p.props) }))];
      for (const acl of acls) {
        const grant = publicAcl(acl.props);
        if (grant) report(`Make the ACL of bucket ${bucket.name}${acl.where} private (or drop it: ACLs are off by default since April 2023); it has ${grant}.`, bucket.urn);
      }
      const docs = policiesOf(bucket).map((p) => plain<Record<string, unknown>>(p.props).policy);
      if (props.policy !== undefined) docs.push(props.policy);
      for (const doc of docs) {
        const open = doc === undefined ? undefined : publicStatements(doc);
        if (open?.length) {
          report(`Limit the Allow for Principal "*" in the policy of bucket ${bucket.name} to fixed callers (a service principal, aws:SourceArn, aws:SourceAccount, aws:SourceVpce…); statement ${open.join(", ")} lets anyone on the internet in.`, bucket.urn);
        }
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// TLS only

/** Whether a policy document denies requests made without TLS. */
export function deniesInsecureTransport(doc: unknown): boolean {
  return (policyStatements(doc) ?? []).some((s) => {
    const st = asObject(s);
    const secure = asObject(asObject(st?.Condition)?.Bool)?.["aws:SecureTransport"];
    return st?.Effect === "Deny" && (secure === "false" || secure === false || (Array.isArray(secure) && secure.some((v) => v === "false" || v === false)));
  });
}

export const s3TlsOnlyPolicy: StackValidationPolicy = registerPolicy("security", {
  name: "s3-tls-only-policy",
  description: "Every S3 bucket has a bucket policy that denies requests not made over TLS (Deny with aws:SecureTransport false): S3 accepts plain HTTP by default. A policy whose text is unknown during a preview is not judged.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const all = buckets(args.resources);
    if (all.length === 0) args.notApplicable("no S3 buckets");
    const policiesOf = partsByBucket(args.resources, new Set([T.bucketPolicy]));
    for (const bucket of all) {
      const props = plain<Record<string, unknown>>(bucket.props);
      const docs = policiesOf(bucket).map((p) => plain<Record<string, unknown>>(p.props).policy);
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
});
