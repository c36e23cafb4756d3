/** What a milestone may ask of object storage (`Storage`): plain data, no Pulumi. */

export interface StorageSpec {
  /** S3 bucket for user files (the seed's "file storage migration to object storage"). */
  readonly userFiles: boolean;
  readonly versioning: boolean;
  /** Days before noncurrent versions expire. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days before current objects move to Standard-IA; 0 = never. */
  readonly infrequentAccessAfterDays: number;
}

/** S3 moves objects to Standard-IA after 30 days at the earliest. */
export const S3_MIN_DAYS_BEFORE_IA = 30;
