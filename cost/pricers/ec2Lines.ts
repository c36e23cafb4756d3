/**
 * Lines shared by everything that runs EC2 instances (a lone instance, an Auto Scaling
 * group through its launch template, an EKS node group) and by EBS volumes: instance hours,
 * EBS storage, IOPS and throughput, and a public IPv4 address.
 */
import { fixedLine, unknownQuantityLine, usageLine } from "../lines";
import { div, mul } from "../../model/money";
import { ebsPrices, ec2Prices, publicIpv4Hourly, type EbsPrices } from "../prices";
import { HOURS_PER_MONTH } from "../../model/usage";
import { type CostComponent } from "../types";

export interface EbsVolumeInput {
  /** GiB; AMI default when undefined (Amazon Linux 2023: 8 GiB). */
  readonly sizeGb: number;
  /** gp3, gp2, io1, io2, st1, sc1 or standard (magnetic); another value is not priced. */
  readonly type: string;
  /** Provisioned IOPS (gp3 includes 3,000; io1/io2 bill every one). */
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
  /** Why the instance is assumed to get (or not get) a public IPv4, shown on the line. */
  readonly publicIpv4Reason?: string;
}

/** Amazon Linux 2023's AMI root volume when the program does not set one. */
export const DEFAULT_ROOT_VOLUME: EbsVolumeInput = { sizeGb: 8, type: "gp3" };

/** The prices EC2 hosts need in one region; undefined when any of them is not sourced there. */
export interface Ec2RegionPrices {
  readonly instances: Readonly<Record<string, number>>;
  readonly ebs: EbsPrices;
  readonly publicIpv4Hour: number;
}

export function ec2RegionPrices(region: string): Ec2RegionPrices | undefined {
  const instances = ec2Prices(region);
  const ebs = ebsPrices(region);
  const publicIpv4Hour = publicIpv4Hourly(region);
  return instances && ebs && publicIpv4Hour !== undefined ? { instances, ebs, publicIpv4Hour } : undefined;
}

/** The hourly price or undefined; callers report "not priced" for unknown types. */
export function instancePrice(prices: Ec2RegionPrices, instanceType: string | undefined): number | undefined {
  return instanceType === undefined ? undefined : prices.instances[instanceType];
}

/**
 * Lines for `count` instances running all month (count may be an average, e.g. 1.5 for an
 * Auto Scaling group that holds 2 instances half the time).
 */
export function hostLines(host: Ec2HostInput, count: number, prices: Ec2RegionPrices): CostComponent[] {
  const lines: CostComponent[] = [];
  const hourly = instancePrice(prices, host.instanceType);
  const name = `Instance usage (Linux/UNIX, on-demand, ${host.instanceType ?? "unknown type"})`;
  if (hourly !== undefined) lines.push(fixedLine(name, "hours", mul(HOURS_PER_MONTH, count), hourly));
  else lines.push(unknownQuantityLine(name, "hours", 0, `No price for instance type ${host.instanceType ?? "(unknown)"} in cost/prices/aws-ec2-regions.json`));
  lines.push(...ebsLines(host.rootVolume, count, prices.ebs, "Root volume: "));
  if (host.publicIpv4) {
    const line = fixedLine("Public IPv4 address (in use)", "hours", mul(HOURS_PER_MONTH, count), prices.publicIpv4Hour);
    lines.push(host.publicIpv4Reason ? { ...line, note: host.publicIpv4Reason } : line);
  }
  return lines;
}

/** The EBS volume types with sourced prices. */
export const EBS_VOLUME_TYPES: ReadonlySet<string> = new Set(["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"]);

/** gp3 includes 3,000 IOPS and 125 MB/s whatever its size. */
const GP3_BASELINE = { iops: 3000, throughputMbps: 125 };
/** The io2 IOPS tier our prices cover; above it the rate is not sourced. */
const IO2_FIRST_TIER_IOPS = 32000;

/**
 * Storage lines for `count` copies of an EBS volume, at the region's prices. Usage:
 * `monthly_standard_io_requests` for magnetic volumes (each copy's I/O together).
 */
export function ebsLines(volume: EbsVolumeInput, count: number, ebs: EbsPrices, prefix = "", monthlyIoRequests?: number): CostComponent[] {
  const gb = mul(volume.sizeGb, count);
  const iopsLine = (label: string, iops: number | undefined, price: number): CostComponent =>
    iops === undefined ? unknownQuantityLine(`${prefix}${label}`, "IOPS", price, "iops not known at preview") : fixedLine(`${prefix}${label}`, "IOPS", mul(iops, count), price);
  switch (volume.type) {
    case "gp3": {
      const lines = [fixedLine(`${prefix}Storage (general purpose SSD, gp3)`, "GB", gb, ebs.gp3_gb_month)];
      const extraIops = Math.max(0, (volume.iops ?? GP3_BASELINE.iops) - GP3_BASELINE.iops);
      if (extraIops > 0) lines.push(fixedLine(`${prefix}Provisioned IOPS (gp3, above 3000)`, "IOPS", mul(extraIops, count), ebs.gp3_iops_month_over_3000));
      const extraThroughput = Math.max(0, (volume.throughputMbps ?? GP3_BASELINE.throughputMbps) - GP3_BASELINE.throughputMbps);
      if (extraThroughput > 0) lines.push(fixedLine(`${prefix}Provisioned throughput (gp3, above 125 MBps)`, "MBps", mul(extraThroughput, count), ebs.gp3_throughput_mbps_month_over_125));
      return lines;
    }
    case "gp2":
      return [fixedLine(`${prefix}Storage (general purpose SSD, gp2)`, "GB", gb, ebs.gp2_gb_month)];
    case "io1":
      return [fixedLine(`${prefix}Storage (provisioned IOPS SSD, io1)`, "GB", gb, ebs.io1_gb_month), iopsLine("Provisioned IOPS (io1)", volume.iops, ebs.io1_iops_month)];
    case "io2": {
      const lines = [fixedLine(`${prefix}Storage (provisioned IOPS SSD, io2)`, "GB", gb, ebs.io2_gb_month)];
      lines.push(iopsLine("Provisioned IOPS (io2, first 32000)", volume.iops === undefined ? undefined : Math.min(volume.iops, IO2_FIRST_TIER_IOPS), ebs.io2_iops_month_first_32000));
      if ((volume.iops ?? 0) > IO2_FIRST_TIER_IOPS) {
        lines.push({ ...unknownQuantityLine(`${prefix}Provisioned IOPS (io2, above 32000)`, "IOPS", 0, "No sourced price for io2 IOPS above 32,000"), monthlyQuantity: mul(volume.iops! - IO2_FIRST_TIER_IOPS, count) });
      }
      return lines;
    }
    case "st1":
      return [fixedLine(`${prefix}Storage (throughput optimized HDD, st1)`, "GB", gb, ebs.st1_gb_month)];
    case "sc1":
      return [fixedLine(`${prefix}Storage (cold HDD, sc1)`, "GB", gb, ebs.sc1_gb_month)];
    case "standard":
      return [
        fixedLine(`${prefix}Storage (magnetic)`, "GB", gb, ebs.magnetic_gb_month),
        usageLine(`${prefix}I/O requests`, "1M requests", monthlyIoRequests === undefined ? undefined : div(monthlyIoRequests, 1_000_000), ebs.magnetic_1m_io_requests),
      ];
    default:
      return [unknownQuantityLine(`${prefix}Storage (${volume.type})`, "GB", 0, `No price for EBS volume type ${volume.type} in cost/prices/aws-ec2-regions.json`)];
  }
}
