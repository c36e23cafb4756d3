/**
 * aws:kms/key:Key (and replica and external keys) — a customer managed key bills a month per
 * key and its requests from usage (symmetric requests after the 20,000 free a month,
 * account-wide; asymmetric at their own rate). AWS managed keys are not resources a program
 * creates and cost nothing a month.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, str } from "../../model/read";
import { fixedLine, noPriceFor, per, usageLine, withFreeTierPer } from "../lines";
import { kmsPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface KmsKeyInput {
  readonly region: string;
  /** SYMMETRIC_DEFAULT (the default) or an asymmetric / HMAC spec. */
  readonly keySpec: string;
  readonly rotation: boolean;
}

export function mapKmsKey(record: ResourceRecord, ctx: MapContext): KmsKeyInput {
  const inputs = record.inputs;
  return {
    region: ctx.regionOf(record),
    keySpec: str(inputs.customerMasterKeySpec) ?? str(inputs.keySpec) ?? "SYMMETRIC_DEFAULT",
    rotation: bool(inputs.enableKeyRotation) ?? false,
  };
}

/** The usage keys this pricer reads, with their units. */
export const KMS_KEY_USAGE = {
  monthly_requests: "cryptographic requests a month using the key",
} as const;

export const kmsKeyPricer: Pricer<KmsKeyInput, typeof KMS_KEY_USAGE> = {
  type: "aws:kms/key:Key",
  usageSchema: KMS_KEY_USAGE,
  map: mapKmsKey,
  price(input, usage, ctx) {
    const p = kmsPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const lines: CostComponent[] = [fixedLine("Customer master key", "months", 1, p.key_month)];
    if (input.keySpec === "SYMMETRIC_DEFAULT") {
      lines.push(...withFreeTierPer(ctx.freeTier, { key: "kms_requests", total: p.free_requests_per_month, name: "Requests (free tier, first 20K)" }, "Requests", "10k requests", 10_000, usage.monthly_requests, p.requests_10k));
    } else {
      lines.push(usageLine("Requests (asymmetric)", "10k requests", per(usage.monthly_requests, 10_000), p.asymmetric_requests_10k));
    }
    return {
      costComponents: lines,
      note: input.rotation ? "automatic rotation: each rotated backing key adds up to $1 a month (not included)" : undefined,
    };
  },
};

export const kmsReplicaKeyPricer: Pricer<KmsKeyInput, typeof KMS_KEY_USAGE> = { ...kmsKeyPricer, type: "aws:kms/replicaKey:ReplicaKey" };
export const kmsExternalKeyPricer: Pricer<KmsKeyInput, typeof KMS_KEY_USAGE> = { ...kmsKeyPricer, type: "aws:kms/externalKey:ExternalKey" };
