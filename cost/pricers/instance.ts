/**
 * aws:ec2/instance:Instance — one on-demand instance, its root volume and, when it gets one,
 * its public IPv4 address ($0.005/h since 2024-02-01, in use or not).
 */
import type { ResourceRecord } from "../../model/records";
import { arr, bool, num, obj, str } from "../../model/read";
import { div } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { noPriceFor } from "../lines";
import type { MapContext, Pricer, ResourceUsage } from "../types";
import { DEFAULT_ROOT_VOLUME, ec2RegionPrices, hostLines, instancePrice, type Ec2HostInput } from "./ec2Lines";

export interface InstanceInput extends Ec2HostInput {
  readonly region: string;
}

const SUBNET_TYPE = "aws:ec2/subnet:Subnet";
const DEFAULT_SUBNET_TYPE = "aws:ec2/defaultSubnet:DefaultSubnet";

/**
 * Does the instance get a public IPv4? `associatePublicIpAddress` decides when set; else the
 * subnet's `mapPublicIpOnLaunch` (false unless set, true for a VPC's default subnets); with no
 * subnet at all the instance lands in the default VPC, whose default subnets map one.
 * Exported for testing.
 */
export function instancePublicIpv4(record: ResourceRecord, ctx: MapContext): { publicIpv4: boolean; publicIpv4Reason?: string } {
  const inputs = record.inputs;
  const explicit = bool(inputs.associatePublicIpAddress);
  if (explicit !== undefined) return explicit ? { publicIpv4: true, publicIpv4Reason: "associatePublicIpAddress is true" } : { publicIpv4: false };
  // An attached network interface carries its own addressing; not assumed public.
  if ((arr(inputs.networkInterfaces)?.length ?? 0) > 0 || inputs.primaryNetworkInterface !== undefined) return { publicIpv4: false };
  const defaultSubnet = ctx.dependenciesOfType(record, DEFAULT_SUBNET_TYPE)[0];
  if (defaultSubnet && bool(defaultSubnet.inputs.mapPublicIpOnLaunch) !== false) {
    return { publicIpv4: true, publicIpv4Reason: `default subnet ${defaultSubnet.name} maps a public IPv4 on launch` };
  }
  const subnets = ctx.dependenciesOfType(record, SUBNET_TYPE);
  if (subnets.length === 1) {
    return bool(subnets[0].inputs.mapPublicIpOnLaunch) === true
      ? { publicIpv4: true, publicIpv4Reason: `subnet ${subnets[0].name} maps a public IPv4 on launch (mapPublicIpOnLaunch)` }
      : { publicIpv4: false };
  }
  if (!("subnetId" in inputs) && subnets.length === 0 && !defaultSubnet) {
    return { publicIpv4: true, publicIpv4Reason: "no subnet given: launched in the default VPC, whose default subnets map a public IPv4 on launch" };
  }
  // A subnet we cannot see: its mapPublicIpOnLaunch defaults to false.
  return { publicIpv4: false };
}

export function mapInstance(record: ResourceRecord, ctx: MapContext): InstanceInput {
  const inputs = record.inputs;
  const root = obj(inputs.rootBlockDevice);
  return {
    region: ctx.regionOf(record),
    instanceType: str(inputs.instanceType),
    rootVolume: root
      ? {
          sizeGb: num(root.volumeSize) ?? DEFAULT_ROOT_VOLUME.sizeGb, // AMI default when unset
          type: str(root.volumeType) ?? "gp3", // AL2023's AMI root type
          iops: num(root.iops),
          throughputMbps: num(root.throughput),
        }
      : DEFAULT_ROOT_VOLUME,
    ...instancePublicIpv4(record, ctx),
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const INSTANCE_USAGE = {
  monthly_hours: "hours running a month (default 730)",
} as const;

export const instancePricer: Pricer<InstanceInput, typeof INSTANCE_USAGE> = {
  type: "aws:ec2/instance:Instance",
  usageSchema: INSTANCE_USAGE,
  map: mapInstance,
  /** Usage: `monthly_hours` (default 730, running all month). */
  price(input, usage: ResourceUsage) {
    const prices = ec2RegionPrices(input.region);
    if (!prices) return noPriceFor(input.region);
    const hours = usage.monthly_hours ?? 730;
    const lines = hostLines(input, div(hours, HOURS_PER_MONTH), prices);
    const known = instancePrice(prices, input.instanceType) !== undefined;
    return known
      ? { costComponents: lines, note: input.publicIpv4Reason ? `public IPv4: ${input.publicIpv4Reason}` : undefined }
      : { status: "not-priced", costComponents: lines, note: `No price for instance type ${input.instanceType ?? "(unknown)"}` };
  },
};
