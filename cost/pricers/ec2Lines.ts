/**
 * Lines shared by everything that runs EC2 instances (a lone instance, an Auto Scaling
 * group through its launch template): instance hours, the root EBS volume and a public IPv4.
 */
import { fixedLine, usageLine } from "../lines";
import { mul } from "../../model/money";
import { ec2HourlyPrice, PRICES } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type CostComponent } from "../types";

export interface EbsVolumeInput {
  /** GiB; AMI default when undefined (Amazon Linux 2023: 8 GiB). */
  readonly sizeGb: number;
  /** "gp3" (our launch templates), "gp2" (the EC2 API default for many AMIs), or another type. */
  readonly type: string;
  /** Provisioned IOPS (gp3 includes 3,000). */
  readonly iops?: number;
  /** Provisioned throughput, MB/s (gp3 includes 125). */
  readonly throughputMbps?: number;
}

export interface Ec2HostInput {
  /** Undefined when the program leaves it unknown (e.g. an unresolved launch template). */
  readonly instanceType?: string;
  readonly rootVolume: EbsVolumeInput;
  /** Whether each instance gets a public IPv4 ($0.005/h since 2024-02-01). */
  readonly publicIpv4: boolean;
}

/** Amazon Linux 2023's AMI root volume when the program does not set one. */
export const DEFAULT_ROOT_VOLUME: EbsVolumeInput = { sizeGb: 8, type: "gp3" };

/** The hourly price or undefined; callers report "not priced" for unknown types. */
export function instancePrice(instanceType: string | undefined): number | undefined {
  return instanceType === undefined ? undefined : ec2HourlyPrice(instanceType);
}

/**
 * Lines for `count` instances running all month (count may be an average, e.g. 1.5 for an
 * Auto Scaling group that holds 2 instances half the time).
 */
export function hostLines(host: Ec2HostInput, count: number): CostComponent[] {
  const lines: CostComponent[] = [];
  const hourly = instancePrice(host.instanceType);
  const name = `Instance usage (Linux/UNIX, on-demand, ${host.instanceType ?? "unknown type"})`;
  if (hourly !== undefined) lines.push(fixedLine(name, "hours", mul(HOURS_PER_MONTH, count), hourly));
  else lines.push({ ...usageLine(name, "hours", undefined, 0), usageBased: false, note: `No price for instance type ${host.instanceType ?? "(unknown)"} in cost/prices/aws-ec2.json` });
  lines.push(...ebsLines(host.rootVolume, count, "Root volume: "));
  if (host.publicIpv4) lines.push(fixedLine("Public IPv4 address (in use)", "hours", mul(HOURS_PER_MONTH, count), PRICES.publicIpv4.hour));
  return lines;
}

/** Storage lines for `count` copies of an EBS volume. */
export function ebsLines(volume: EbsVolumeInput, count: number, prefix = ""): CostComponent[] {
  const ebs = PRICES.ebs;
  if (volume.type === "gp3") {
    const lines = [fixedLine(`${prefix}Storage (general purpose SSD, gp3)`, "GB", mul(volume.sizeGb, count), ebs.gp3_gb_month)];
    const extraIops = Math.max(0, (volume.iops ?? 3000) - 3000);
    if (extraIops > 0) lines.push(fixedLine(`${prefix}Provisioned IOPS (gp3, above 3000)`, "IOPS", mul(extraIops, count), ebs.gp3_iops_month_over_3000));
    const extraThroughput = Math.max(0, (volume.throughputMbps ?? 125) - 125);
    if (extraThroughput > 0) lines.push(fixedLine(`${prefix}Provisioned throughput (gp3, above 125 MBps)`, "MBps", mul(extraThroughput, count), ebs.gp3_throughput_mbps_month_over_125));
    return lines;
  }
  if (volume.type === "gp2") return [fixedLine(`${prefix}Storage (general purpose SSD, gp2)`, "GB", mul(volume.sizeGb, count), ebs.gp2_gb_month)];
  return [{ ...usageLine(`${prefix}Storage (${volume.type})`, "GB", undefined, 0), usageBased: false, note: `No price for EBS volume type ${volume.type} in cost/prices/aws-ec2.json` }];
}
