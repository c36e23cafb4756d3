/** What a milestone may ask of the async path (`Queue`): plain data, no Pulumi. */

export interface QueueSpec {
  /** SQS queue for heavy operations (PDF export, cut optimisation), with a DLQ. */
  readonly enabled: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionDays: number;
  /** Receives before a message moves to the DLQ. */
  readonly maxReceiveCount: number;
  readonly workerInstanceType: string;
  readonly minWorkers: number;
  readonly maxWorkers: number;
  /** Target-tracking target: visible messages per in-service worker. */
  readonly backlogPerWorker: number;
  /**
   * Run the workers on Spot from these types (empty: on demand). Jobs are retried from the
   * queue when AWS reclaims an instance (visibility timeout, then the DLQ after maxReceiveCount).
   */
  readonly workerSpotInstanceTypes: readonly string[];
}
