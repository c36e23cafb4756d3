/** aws:ecr/repository:Repository — image storage from usage (data out to the internet is billed as egress). */
import type { ResourceRecord } from "../../model/records";
import { noPriceFor, usageLine } from "../lines";
import { ecrPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface EcrRepositoryInput {
  readonly region: string;
}

export function mapEcrRepository(record: ResourceRecord, ctx: MapContext): EcrRepositoryInput {
  return { region: ctx.regionOf(record) };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const ECR_REPOSITORY_USAGE = {
  storage_gb: "GB of images stored",
} as const;

export const ecrRepositoryPricer: Pricer<EcrRepositoryInput, typeof ECR_REPOSITORY_USAGE> = {
  type: "aws:ecr/repository:Repository",
  usageSchema: ECR_REPOSITORY_USAGE,
  map: mapEcrRepository,
  price(input, usage) {
    const p = ecrPrices(input.region);
    if (!p) return noPriceFor(input.region);
    return { costComponents: [usageLine("Storage", "GB", usage.storage_gb, p.storage_gb_month)] };
  },
};
