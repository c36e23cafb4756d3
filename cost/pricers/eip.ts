/** aws:ec2/eip:Eip — a public IPv4 address, billed per hour whether attached or idle (since 2024-02-01). */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { fixedLine } from "../lines";
import { PRICES } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type Pricer } from "../types";

export interface EipInput {
  /** "vpc" (default) or "standard"; both are public IPv4 addresses. */
  readonly domain: string;
}

export function mapEip(record: ResourceRecord): EipInput {
  return { domain: str(record.inputs.domain) ?? "vpc" };
}

export const eipPricer: Pricer<EipInput> = {
  type: "aws:ec2/eip:Eip",
  usageSchema: {},
  map: mapEip,
  price: () => ({ costComponents: [fixedLine("Public IPv4 address (Elastic IP)", "hours", HOURS_PER_MONTH, PRICES.publicIpv4.hour)] }),
};
