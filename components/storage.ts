import * as pulumi from "@pulumi/pulumi";
import type { StorageSpec } from "./storageSpec";
import { PrivateBucket } from "./privateBucket";

export interface StorageArgs {
  /** The milestone's object storage: versioning and lifecycle. */
  readonly spec: StorageSpec;
}

/**
 * Object storage for user files (cut lists, exported PDFs): a private, versioned, encrypted,
 * TLS-only bucket whose old versions expire and whose cold objects move to Standard-IA.
 */
export class Storage extends pulumi.ComponentResource {
  readonly files: PrivateBucket;

  constructor(name: string, args: StorageArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:storage:Storage", name, {}, opts);
    this.files = new PrivateBucket(`${name}-files`, {
      versioning: args.spec.versioning,
      noncurrentVersionExpirationDays: args.spec.noncurrentVersionExpirationDays,
      infrequentAccessAfterDays: args.spec.infrequentAccessAfterDays,
    }, { parent: this });
    this.registerOutputs({ bucketName: this.files.bucket.bucket });
  }
}
