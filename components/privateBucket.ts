import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { REBUILDABLE_TAG } from "../model/resourceTypes";

export interface PrivateBucketArgs {
  /** Keep every version of every object. Default true. */
  readonly versioning?: boolean;
  /** Days before noncurrent versions expire. Default 30. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before current objects move to Standard-IA; 0 = never. Default 0. */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Write the TLS-only bucket policy here. Default true; false when the owner writes a policy
   * that needs resources created after the bucket (it must include `tlsOnlyStatement`).
   */
  readonly ownPolicy?: boolean;
  /** Empty and delete the bucket on destroy. Default false: deleting data must be deliberate. */
  readonly forceDestroy?: boolean;
  /**
   * The contents are rebuilt by every deploy (e.g. static assets), so losing the bucket loses
   * no data. Tags the bucket `data-class: rebuildable`, which the stateful-protected-in-prod
   * policy (policies/safety.ts) reads to not require `protect`. Default false.
   */
  readonly rebuildable?: boolean;
}

/** The statement that refuses any request not made over TLS. */
export function tlsOnlyStatement(bucket: aws.s3.Bucket) {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * An S3 bucket that can never be public: all public access blocked, owner-enforced
 * ownership, SSE-S3 encryption with bucket keys, a TLS-only policy, versioning and a
 * lifecycle for old versions and unfinished uploads.
 */
export class PrivateBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;

  constructor(name: string, args: PrivateBucketArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:storage:PrivateBucket", name, {}, opts);
    const child = { parent: this };
    this.bucket = new aws.s3.Bucket(name, {
      forceDestroy: args.forceDestroy ?? false,
      ...(args.rebuildable ? { tags: { [REBUILDABLE_TAG.key]: REBUILDABLE_TAG.value } } : {}),
    }, child);
    const bucket = this.bucket.id;

    this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(name, {
      bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, child);
    new aws.s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
      bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
    }, child);
    const versioning = args.versioning ?? true;
    new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: versioning ? "Enabled" : "Suspended" } }, child);

    const ia = args.infrequentAccessAfterDays ?? 0;
    new aws.s3.BucketLifecycleConfiguration(name, {
      bucket,
      rules: [
        { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        { id: "expire-noncurrent", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays ?? 30 } },
        ...(ia > 0 ? [{ id: "infrequent-access", status: "Enabled", filter: {}, transitions: [{ days: ia, storageClass: "STANDARD_IA" }] }] : []),
      ],
    }, child);

    if (args.ownPolicy ?? true) {
      new aws.s3.BucketPolicy(name, {
        bucket,
        policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [tlsOnlyStatement(this.bucket)] }),
      }, { parent: this, dependsOn: [this.publicAccessBlock] });
    }

    this.registerOutputs({ bucketName: this.bucket.bucket });
  }
}
