import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { QueueSpec } from "./queueSpec";
import { Fleet } from "./fleet";

export interface QueueArgs {
  /** The milestone's queue and worker sizing; `enabled` must be true. */
  readonly spec: QueueSpec;
  readonly vpcId: pulumi.Input<string>;
  /** Subnets for the workers (public: egress through their own IPv4, no NAT). */
  readonly subnetIds: pulumi.Input<string>[];
  /** Boot script for the workers. */
  readonly userData?: pulumi.Input<string>;
  /**
   * `protect` the queue and its dead-letter queue: queued jobs are data a delete would lose.
   * Only the queues: the worker fleet must stay free to be replaced. Default false.
   */
  readonly protectQueues?: boolean;
}

/**
 * The async path for heavy operations: an SQS queue with a dead-letter queue and redrive,
 * both encrypted (SSE-SQS), and a worker fleet that target-tracks the backlog per worker
 * (visible messages ÷ in-service workers), as AWS recommends for queue consumers.
 */
export class Queue extends pulumi.ComponentResource {
  readonly queue: aws.sqs.Queue;
  readonly deadLetterQueue: aws.sqs.Queue;
  readonly workers: Fleet;
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: QueueArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:queue:Queue", name, {}, opts);
    const { spec } = args;
    if (!spec.enabled) throw new Error(`Queue "${name}": spec.enabled is false; do not declare the component`);
    const child = { parent: this };

    const queueOpts = { parent: this, protect: args.protectQueues ?? false };
    // The role tag tells the two queues apart for whoever reads the records (usage, reports).
    this.deadLetterQueue = new aws.sqs.Queue(`${name}-dlq`, { messageRetentionSeconds: 14 * 86400, sqsManagedSseEnabled: true, tags: { role: "dead-letter" } }, queueOpts);
    this.queue = new aws.sqs.Queue(name, {
      visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
      messageRetentionSeconds: spec.messageRetentionDays * 86400,
      receiveWaitTimeSeconds: 20, // long polling: fewer empty receives, fewer billed requests
      sqsManagedSseEnabled: true,
      redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: spec.maxReceiveCount }),
    }, queueOpts);
    new aws.sqs.RedriveAllowPolicy(`${name}-dlq`, {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: pulumi.jsonStringify({ redrivePermission: "byQueue", sourceQueueArns: [this.queue.arn] }),
    }, child);

    const sg = new aws.ec2.SecurityGroup(`${name}-workers`, {
      vpcId: args.vpcId,
      description: "Queue workers: no inbound",
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "egress (SQS, Neon, S3)" }],
    }, child);
    this.securityGroupId = sg.id;

    this.workers = new Fleet(`${name}-workers`, {
      instanceType: spec.workerInstanceType,
      minSize: spec.minWorkers,
      maxSize: spec.maxWorkers,
      subnetIds: args.subnetIds,
      securityGroupIds: [sg.id],
      userData: args.userData,
      ...(spec.workerSpotInstanceTypes.length > 0 ? { spotInstanceTypes: spec.workerSpotInstanceTypes } : {}),
      inlinePolicy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
          Effect: "Allow",
          Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
          Resource: this.queue.arn,
        }],
      }),
    }, child);

    if (spec.maxWorkers > spec.minWorkers) {
      new aws.autoscaling.Policy(`${name}-backlog`, {
        autoscalingGroupName: this.workers.group.name,
        policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: {
          targetValue: spec.backlogPerWorker,
          customizedMetricSpecification: {
            metrics: [
              {
                id: "visible", returnData: false,
                metricStat: { stat: "Sum", metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: this.queue.name }] } },
              },
              {
                id: "workers", returnData: false,
                metricStat: { stat: "Average", metric: { namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: [{ name: "AutoScalingGroupName", value: this.workers.group.name }] } },
              },
              { id: "backlog", expression: "visible / workers", label: "Backlog per worker", returnData: true },
            ],
          },
        },
      }, child);
    }

    this.registerOutputs({ queueUrl: this.queue.url, deadLetterQueueUrl: this.deadLetterQueue.url });
  }
}
