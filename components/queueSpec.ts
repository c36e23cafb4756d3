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
}
