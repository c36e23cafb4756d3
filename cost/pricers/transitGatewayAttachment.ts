/**
 * aws:ec2transitgateway/vpcAttachment:VpcAttachment — a transit gateway bills each attachment
 * by the hour and the GB it processes (from usage); the gateway itself has no charge.
 */
import type { ResourceRecord } from "../../model/records";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, usageLine } from "../lines";
import { transitGatewayPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface TransitGatewayAttachmentInput {
  readonly region: string;
}

export function mapTransitGatewayAttachment(record: ResourceRecord, ctx: MapContext): TransitGatewayAttachmentInput {
  return { region: ctx.regionOf(record) };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const TRANSIT_GATEWAY_ATTACHMENT_USAGE = {
  monthly_data_processed_gb: "GB sent through the attachment a month",
} as const;

export const transitGatewayAttachmentPricer: Pricer<TransitGatewayAttachmentInput, typeof TRANSIT_GATEWAY_ATTACHMENT_USAGE> = {
  type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  usageSchema: TRANSIT_GATEWAY_ATTACHMENT_USAGE,
  map: mapTransitGatewayAttachment,
  price(input, usage) {
    const p = transitGatewayPrices(input.region);
    if (!p) return noPriceFor(input.region);
    return {
      costComponents: [
        fixedLine("Transit gateway attachment", "hours", HOURS_PER_MONTH, p.attachment_hour),
        usageLine("Data processed", "GB", usage.monthly_data_processed_gb, p.gb_processed),
      ],
    };
  },
};
