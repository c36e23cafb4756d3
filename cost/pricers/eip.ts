/**
 * aws:ec2/eip:Eip — a public IPv4 address, billed per hour whether attached or idle (since
 * 2024-02-01; before, an attached address was free and Infracost's "IP address (if unused)"
 * still reflects that). One price in every commercial region.
 */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { fixedLine, noPriceFor } from "../lines";
import { publicIpv4Hourly } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type MapContext, type Pricer } from "../types";

export interface EipInput {
  readonly region: string;
  /** "vpc" (default) or "standard"; both are public IPv4 addresses. */
  readonly domain: string;
}

export function mapEip(record: ResourceRecord, ctx: MapContext): EipInput {
  return { region: ctx.regionOf(record), domain: str(record.inputs.domain) ?? "vpc" };
}

export const eipPricer: Pricer<EipInput> = {
  type: "aws:ec2/eip:Eip",
  usageSchema: {},
  map: mapEip,
  price(input) {
    const hour = publicIpv4Hourly(input.region);
    if (hour === undefined) return noPriceFor(input.region);
    return { costComponents: [fixedLine("Public IPv4 address (Elastic IP)", "hours", HOURS_PER_MONTH, hour)] };
  },
};
