/**
 * aws:secretsmanager/secret:Secret — a monthly price per secret and per replica (billed in the
 * replica's region), and API requests from usage. Versions are included.
 */
import type { ResourceRecord } from "../../model/records";
import { list, obj, str } from "../../model/read";
import { fixedLine, noPriceFor, per, usageLine } from "../lines";
import { secretsManagerPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface SecretInput {
  readonly region: string;
  /** Replica regions; undefined entries are unknown at preview. */
  readonly replicaRegions: readonly (string | undefined)[];
}

export function mapSecret(record: ResourceRecord, ctx: MapContext): SecretInput {
  return { region: ctx.regionOf(record), replicaRegions: list(record.inputs.replicas).map((r) => str(obj(r)?.region)) };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const SECRET_USAGE = {
  monthly_requests: "API requests a month (GetSecretValue and others)",
} as const;

export const secretPricer: Pricer<SecretInput, typeof SECRET_USAGE> = {
  type: "aws:secretsmanager/secret:Secret",
  usageSchema: SECRET_USAGE,
  map: mapSecret,
  price(input, usage) {
    const p = secretsManagerPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const lines: CostComponent[] = [fixedLine("Secret", "months", 1, p.secret_month)];
    for (const replica of input.replicaRegions) {
      if (replica === undefined) return { status: "not-priced", costComponents: [], note: "a replica's region is not known at preview" };
      const rp = secretsManagerPrices(replica);
      if (!rp) return noPriceFor(replica, "secret replica");
      lines.push(fixedLine(`Secret replica (${replica})`, "months", 1, rp.secret_month));
    }
    lines.push(usageLine("API requests", "10k requests", per(usage.monthly_requests, 10_000), p.api_10k_calls));
    return { costComponents: lines };
  },
};
