/**
 * aws:ec2/launchTemplate:LaunchTemplate — no cost of its own. Its mapper is reused by the Auto
 * Scaling group pricer, which bills the instances the template describes.
 */
import type { ResourceRecord } from "../../model/records";
import { arr, bool, num, obj, str } from "../../model/read";
import type { Pricer } from "../types";
import { DEFAULT_ROOT_VOLUME, type Ec2HostInput, type EbsVolumeInput } from "./ec2Lines";

export const LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";

/** Root device names EC2 AMIs use; the first block device mapping counts as root otherwise. */
const ROOT_DEVICES = new Set(["/dev/xvda", "/dev/sda1", "/dev/sda", "/dev/nvme0n1"]);

export function mapLaunchTemplate(record: ResourceRecord): Ec2HostInput {
  const inputs = record.inputs;
  const mappings = (arr(inputs.blockDeviceMappings) ?? []).map(obj).filter((m): m is Record<string, unknown> => m !== undefined);
  const root = mappings.find((m) => ROOT_DEVICES.has(str(m.deviceName) ?? "")) ?? mappings[0];
  const ebs = obj(root?.ebs);
  const rootVolume: EbsVolumeInput = ebs
    ? {
        sizeGb: num(ebs.volumeSize) ?? DEFAULT_ROOT_VOLUME.sizeGb, // AMI default size when unset
        type: str(ebs.volumeType) ?? "gp3", // the launch template API default for new volumes is the AMI's; AL2023 ships gp3
        iops: num(ebs.iops),
        throughputMbps: num(ebs.throughput),
      }
    : DEFAULT_ROOT_VOLUME;
  const nics = (arr(inputs.networkInterfaces) ?? []).map(obj);
  // A public IPv4 only when a network interface asks for one; without interfaces the subnet's
  // mapPublicIpOnLaunch decides, which our subnets set to false.
  const publicIpv4 = nics.some((nic) => bool(nic?.associatePublicIpAddress) === true);
  return { instanceType: str(inputs.instanceType), rootVolume, publicIpv4 };
}

export const launchTemplatePricer: Pricer<Ec2HostInput> = {
  type: LAUNCH_TEMPLATE_TYPE,
  usageSchema: {},
  map: mapLaunchTemplate,
  price: () => ({ status: "free", costComponents: [], note: "Template only; its instances are billed on the Auto Scaling group or instance that uses it" }),
};
