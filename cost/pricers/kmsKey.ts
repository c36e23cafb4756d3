/**
 * aws:kms/key:Key — a customer managed key is $1.00 a month; API requests are $0.03 per
 * 10,000 beyond the 20,000 free a month (account-wide, all regions). Automatic rotation adds
 * up to $1 a month per rotated backing key from the first rotation (a year after creation):
 * not in the monthly figure, said in a note.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, str } from "../../model/read";
import { div } from "../../model/money";
import { fixedLine, withFreeTier } from "../lines";
import { PRICES } from "../prices";
import type { Pricer } from "../types";

export interface KmsKeyInput {
  readonly rotation: boolean;
  /** Keys in a CloudHSM custom key store also need the cluster (not priced here). */
  readonly customKeyStore: boolean;
}

export function mapKmsKey(record: ResourceRecord): KmsKeyInput {
  return { rotation: bool(record.inputs.enableKeyRotation) === true, customKeyStore: str(record.inputs.customKeyStoreId) !== undefined };
}

export const KMS_KEY_USAGE = {
  monthly_requests: "KMS API requests a month (encrypt, decrypt, data keys)",
} as const;

export const kmsKeyPricer: Pricer<KmsKeyInput, typeof KMS_KEY_USAGE> = {
  type: "aws:kms/key:Key",
  usageSchema: KMS_KEY_USAGE,
  map: mapKmsKey,
  price(input, usage, ctx) {
    const kms = PRICES.kms;
    const notes = [
      input.rotation ? "automatic rotation: each rotated backing key adds up to $1/month from the first rotation, a year on" : undefined,
      input.customKeyStore ? "custom key store: the CloudHSM cluster is billed separately" : undefined,
    ].filter((n) => n !== undefined);
    return {
      costComponents: [
        fixedLine("Customer master key", "months", 1, kms.key_month),
        ...withFreeTier(
          ctx.freeTier,
          { key: "kms_requests", total: kms.free_requests_per_month / 10_000, name: "Requests (free tier, first 20,000)" },
          "Requests", "10k requests",
          usage.monthly_requests === undefined ? undefined : div(usage.monthly_requests, 10_000),
          kms.requests_10k,
        ),
      ],
      note: notes.length ? notes.join("; ") : undefined,
    };
  },
};
