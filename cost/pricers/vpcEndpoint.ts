/**
 * aws:ec2/vpcEndpoint:VpcEndpoint — an Interface endpoint bills an hour per AZ (one network
 * interface per subnet, its own subnets and any subnet associations) and each GB it processes,
 * in tiers counted account-wide per region; a Gateway Load Balancer endpoint bills its hours
 * and GB; a Gateway endpoint (S3, DynamoDB, the provider's default type) is free.
 */
import type { ResourceRecord } from "../../model/records";
import { arr, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, noPriceFor, pooledTierLines, unknownQuantityLine, usageLine } from "../lines";
import { vpcEndpointPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface VpcEndpointInput {
  readonly region: string;
  /** "Gateway" (the provider default), "Interface" or "GatewayLoadBalancer". */
  readonly endpointType: string;
  /** Subnets (one AZ each); undefined when the list is unknown at preview. */
  readonly zones?: number;
}

export function mapVpcEndpoint(record: ResourceRecord, ctx: MapContext): VpcEndpointInput {
  const subnets = arr(record.inputs.subnetIds) ?? arr(record.inputs.subnetConfigurations);
  const associations = ctx.dependentsOfType(record, "aws:ec2/vpcEndpointSubnetAssociation:VpcEndpointSubnetAssociation").length;
  return {
    region: ctx.regionOf(record),
    endpointType: str(record.inputs.vpcEndpointType) ?? "Gateway",
    zones: subnets === undefined ? (associations > 0 ? associations : undefined) : subnets.length + associations,
  };
}

const DATA_NAMES = ["Data processed (first 1PB)", "Data processed (next 4PB)", "Data processed (over 5PB)"];

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const VPC_ENDPOINT_USAGE = {
  monthly_data_processed_gb: "GB processed a month",
} as const;

export const vpcEndpointPricer: Pricer<VpcEndpointInput, typeof VPC_ENDPOINT_USAGE> = {
  type: "aws:ec2/vpcEndpoint:VpcEndpoint",
  usageSchema: VPC_ENDPOINT_USAGE,
  map: mapVpcEndpoint,
  price(input, usage, ctx) {
    if (input.endpointType === "Gateway") return { status: "free", costComponents: [], note: "Gateway endpoints (S3, DynamoDB) have no hourly or data charge" };
    const p = vpcEndpointPrices(input.region);
    if (!p) return noPriceFor(input.region);
    if (input.endpointType === "GatewayLoadBalancer") {
      return {
        costComponents: [
          fixedLine("Endpoint (GatewayLoadBalancer)", "hours", HOURS_PER_MONTH, p.gateway_load_balancer_endpoint_hour),
          usageLine("Data processed", "GB", usage.monthly_data_processed_gb, p.gateway_load_balancer_endpoint_gb),
        ],
      };
    }
    if (input.endpointType !== "Interface") return { status: "not-priced", costComponents: [], note: `endpoint type ${input.endpointType}` };
    return {
      costComponents: [
        input.zones === undefined
          ? unknownQuantityLine("Endpoint (Interface)", "hours", p.interface_az_hour, "subnetIds not known at preview: 730 hours per subnet (AZ)")
          : fixedLine("Endpoint (Interface)", "hours", mul(HOURS_PER_MONTH, input.zones), p.interface_az_hour),
        ...pooledTierLines(ctx.freeTier, `vpc_endpoint_gb:${input.region}`, (i) => DATA_NAMES[i], "GB", usage.monthly_data_processed_gb, p.interface_gb_tiers),
      ],
      note: input.zones === undefined ? undefined : `${input.zones} AZ${input.zones === 1 ? "" : "s"}`,
    };
  },
};
