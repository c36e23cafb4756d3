/** SQS security: queues stay encrypted (SSE-SQS, AWS's default since 2022, or a KMS key). */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { registerPolicy } from "../registry";
import { validateTyped } from "../util";

export const sqsEncrypted: ResourceValidationPolicy = registerPolicy("security", {
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
});
