/** aws:ec2/natGateway:NatGateway — hours and data processed (from usage). Its Elastic IP is priced separately. */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { fixedLine, noPriceFor, usageLine } from "../lines";
import { natGatewayPrices } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type MapContext, type Pricer } from "../types";

export interface NatGatewayInput {
  readonly region: string;
  /** "public" (the provider default) or "private" (same price, no public address). */
  readonly connectivityType: string;
}

export function mapNatGateway(record: ResourceRecord, ctx: MapContext): NatGatewayInput {
  return { region: ctx.regionOf(record), connectivityType: str(record.inputs.connectivityType) ?? "public" };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const NAT_GATEWAY_USAGE = {
  monthly_data_processed_gb: "GB processed a month",
} as const;

export const natGatewayPricer: Pricer<NatGatewayInput, typeof NAT_GATEWAY_USAGE> = {
  type: "aws:ec2/natGateway:NatGateway",
  usageSchema: NAT_GATEWAY_USAGE,
  map: mapNatGateway,
  /** Usage: `monthly_data_processed_gb`. */
  price(input, usage) {
    const nat = natGatewayPrices(input.region);
    if (!nat) return noPriceFor(input.region);
    return {
      costComponents: [
        fixedLine("NAT gateway", "hours", HOURS_PER_MONTH, nat.hour),
        usageLine("Data processed", "GB", usage.monthly_data_processed_gb, nat.gb_processed),
      ],
    };
  },
};
