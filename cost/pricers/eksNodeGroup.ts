/**
 * aws:eks/nodeGroup:NodeGroup — a managed node group's EC2 instances (the first instance
 * type; t3.medium when none is given) and their root volumes (diskSize GB of gp2, 20 by
 * default, or the launch template's), at the desired size (usage `instances` overrides it,
 * within min and max); the worst case is maxSize. The node group itself costs nothing.
 */
import type { ResourceRecord } from "../../model/records";
import { arr, num, obj, str } from "../../model/read";
import { joinNotes, noPriceFor } from "../lines";
import type { MapContext, Pricer } from "../types";
import { ec2RegionPrices, hostLines, instancePrice, type Ec2HostInput } from "./ec2Lines";
import { LAUNCH_TEMPLATE_TYPE, mapLaunchTemplate } from "./launchTemplate";

export interface EksNodeGroupInput {
  readonly region: string;
  readonly host: Ec2HostInput;
  readonly desiredSize: number;
  readonly minSize: number;
  readonly maxSize: number;
  /** ON_DEMAND (the default) or SPOT. */
  readonly capacityType: string;
  readonly amiType?: string;
}

/** EKS's defaults for a node group without a launch template. */
const DEFAULT_INSTANCE_TYPE = "t3.medium";
const DEFAULT_DISK_GB = 20;

export function mapEksNodeGroup(record: ResourceRecord, ctx: MapContext): EksNodeGroupInput {
  const inputs = record.inputs;
  const scaling = obj(inputs.scalingConfig) ?? {};
  const template = ctx.dependenciesOfType(record, LAUNCH_TEMPLATE_TYPE)[0];
  const fromTemplate = template ? mapLaunchTemplate(template) : undefined;
  const instanceType = str(arr(inputs.instanceTypes)?.[0]) ?? fromTemplate?.instanceType ?? DEFAULT_INSTANCE_TYPE;
  const host: Ec2HostInput = fromTemplate
    ? { ...fromTemplate, instanceType }
    : { instanceType, rootVolume: { sizeGb: num(inputs.diskSize) ?? DEFAULT_DISK_GB, type: "gp2" }, publicIpv4: false };
  const minSize = num(scaling.minSize) ?? 1;
  const maxSize = Math.max(minSize, num(scaling.maxSize) ?? minSize);
  return {
    region: ctx.regionOf(record),
    host,
    desiredSize: num(scaling.desiredSize) ?? minSize,
    minSize,
    maxSize,
    capacityType: str(inputs.capacityType) ?? "ON_DEMAND",
    amiType: str(inputs.amiType),
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const EKS_NODE_GROUP_USAGE = {
  instances: "average nodes running over the month (default: desired size; clamped to [minSize, maxSize])",
} as const;

export const eksNodeGroupPricer: Pricer<EksNodeGroupInput, typeof EKS_NODE_GROUP_USAGE> = {
  type: "aws:eks/nodeGroup:NodeGroup",
  usageSchema: EKS_NODE_GROUP_USAGE,
  map: mapEksNodeGroup,
  price(input, usage) {
    if (input.capacityType === "SPOT") return { status: "not-priced", costComponents: [], note: "Spot capacity has no fixed price" };
    if (input.amiType?.startsWith("WINDOWS")) return { status: "not-priced", costComponents: [], note: "Windows instance prices are not in the price file" };
    const prices = ec2RegionPrices(input.region);
    if (!prices) return noPriceFor(input.region);
    const expected = Math.min(input.maxSize, Math.max(input.minSize, usage.instances ?? input.desiredSize));
    const range = `${input.minSize}-${input.maxSize} nodes; expected ${expected}, worst case ${input.maxSize}`;
    const costComponents = hostLines(input.host, expected, prices);
    const worstCaseCostComponents = hostLines(input.host, input.maxSize, prices);
    if (instancePrice(prices, input.host.instanceType) === undefined) {
      return { status: "not-priced", costComponents, worstCaseCostComponents, note: joinNotes(`No price for instance type ${input.host.instanceType}`, range) };
    }
    return { costComponents, worstCaseCostComponents, note: range };
  },
};
