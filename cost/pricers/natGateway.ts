/** aws:ec2/natGateway:NatGateway — hours and data processed (from usage). Its Elastic IP is priced separately. */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { fixedLine, usageLine } from "../lines";
import { PRICES } from "../prices";
import { HOURS_PER_MONTH, type Pricer } from "../types";

export interface NatGatewayInput {
  /** "public" (the provider default) or "private" (same price, no public address). */
  readonly connectivityType: string;
}

export function mapNatGateway(record: ResourceRecord): NatGatewayInput {
  return { connectivityType: str(record.inputs.connectivityType) ?? "public" };
}

export const natGatewayPricer: Pricer<NatGatewayInput> = {
  type: "aws:ec2/natGateway:NatGateway",
  map: mapNatGateway,
  /** Usage: `monthly_data_processed_gb`. */
  price(_input, usage) {
    const nat = PRICES.natGateway;
    return {
      costComponents: [
        fixedLine("NAT gateway", "hours", HOURS_PER_MONTH, nat.hour),
        usageLine("Data processed", "GB", usage.monthly_data_processed_gb, nat.gb_processed),
      ],
    };
  },
};
