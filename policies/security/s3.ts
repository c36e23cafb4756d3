/** S3 security: every bucket declares its encryption, blocks public access and refuses requests without TLS. */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, configOf, plain, show, T, type ConfigSchema } from "../util";
import { registerPolicy } from "../registry";

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

export const s3BucketEncrypted: StackValidationPolicy = registerPolicy("security", {
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
});

const PUBLIC_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);

export const s3PublicAccessBlocked: StackValidationPolicy = registerPolicy("security", {
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
});

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

export const s3TlsOnlyPolicy: StackValidationPolicy = registerPolicy("security", {
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
});
