/** aws:ec2/instance:Instance — one on-demand instance, its root volume and public IPv4. */
import type { ResourceRecord } from "../../model/records";
import { bool, num, obj, str } from "../../model/read";
import { div } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type Pricer, type ResourceUsage } from "../types";
import { DEFAULT_ROOT_VOLUME, hostLines, instancePrice, type Ec2HostInput } from "./ec2Lines";

export function mapInstance(record: ResourceRecord): Ec2HostInput {
  const inputs = record.inputs;
  const root = obj(inputs.rootBlockDevice);
  return {
    instanceType: str(inputs.instanceType),
    rootVolume: root
      ? {
          sizeGb: num(root.volumeSize) ?? DEFAULT_ROOT_VOLUME.sizeGb, // AMI default when unset
          type: str(root.volumeType) ?? "gp3", // AL2023's AMI root type
          iops: num(root.iops),
          throughputMbps: num(root.throughput),
        }
      : DEFAULT_ROOT_VOLUME,
    // Unset: the subnet's mapPublicIpOnLaunch decides; ours is false, so no address is assumed.
    publicIpv4: bool(inputs.associatePublicIpAddress) === true,
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const INSTANCE_USAGE = {
  monthly_hours: "hours running a month (default 730)",
} as const;

export const instancePricer: Pricer<Ec2HostInput, typeof INSTANCE_USAGE> = {
  type: "aws:ec2/instance:Instance",
  usageSchema: INSTANCE_USAGE,
  map: mapInstance,
  /** Usage: `monthly_hours` (default 730, running all month). */
  price(input, usage: ResourceUsage) {
    const hours = usage.monthly_hours ?? 730;
    const lines = hostLines(input, div(hours, HOURS_PER_MONTH));
    const known = instancePrice(input.instanceType) !== undefined;
    return known
      ? { costComponents: lines }
      : { status: "not-priced", costComponents: lines, note: `No price for instance type ${input.instanceType ?? "(unknown)"}` };
  },
};
