/**
 * `awsx:ec2:Vpc` → the resources awsx's provider creates for it, from its args and its
 * documented defaults. What each default is, and where awsx says so, is cited beside it:
 * pulumi/pulumi-awsx at e60adf3cf01f3ac03cc6bc846cdd0df320afed23 (2026-08-20),
 * `awsx/ec2/vpc.ts`, `awsx/ec2/subnetDistributorNew.ts`, `awsx/ec2/subnetNaming.ts` and the
 * schema `provider/cmd/pulumi-resource-awsx/schema.json`. Only what decides the cost and the
 * identity of the children is modelled: CIDR blocks and ids stay unknown (as at preview).
 */
import type { ResourceRecord } from "../../model/records";
import { Children, UNKNOWN } from "./children";
import { CannotExpand, countArg, listArg, objectArg, only, stringArg, type ExpandContext, type Expansion } from "./expander";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  igw: "aws:ec2/internetGateway:InternetGateway",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  route: "aws:ec2/route:Route",
  eip: "aws:ec2/eip:Eip",
  natGateway: "aws:ec2/natGateway:NatGateway",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
} as const;

/** The `aws.ec2.Vpc` args awsx passes through (it spreads its args into the inner VPC). */
const AWS_VPC_ARGS = [
  "assignGeneratedIpv6CidrBlock", "enableDnsHostnames", "enableDnsSupport", "enableNetworkAddressUsageMetrics", "instanceTenancy",
  "ipv4IpamPoolId", "ipv4NetmaskLength", "ipv6CidrBlock", "ipv6CidrBlockNetworkBorderGroup", "ipv6IpamPoolId", "ipv6NetmaskLength", "region",
];

type SubnetType = "Public" | "Private" | "Isolated" | "Unused";
const SUBNET_TYPES: readonly SubnetType[] = ["Public", "Private", "Isolated", "Unused"];

type NatStrategy = "None" | "Single" | "OnePerAz";
const NAT_STRATEGIES: readonly NatStrategy[] = ["None", "Single", "OnePerAz"];

interface SubnetSpec {
  readonly type: Exclude<SubnetType, "Unused">;
  /** The spec's name, or its type in lower case (subnetNaming.ts `subnetName`). */
  readonly specName: string;
  readonly tags?: Record<string, unknown>;
  readonly assignIpv6AddressOnCreation?: unknown;
}

/** Availability zones: the given names, else the first N of the region (schema: "defaults to the first 3 AZs"). */
function availabilityZones(inputs: Record<string, unknown>, region: string): string[] {
  const names = listArg(inputs, "availabilityZoneNames");
  const count = countArg(inputs, "numberOfAvailabilityZones");
  // vpc.ts: "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified".
  if (names && count !== undefined) throw new CannotExpand("awsx rejects it: only one of availabilityZoneNames and numberOfAvailabilityZones can be specified");
  if (names) {
    if (names.length === 0 || names.some((n) => typeof n !== "string")) throw new CannotExpand("availabilityZoneNames is not a list of zone names");
    return names as string[];
  }
  // vpc.ts `getDefaultAzs`: `azCount ?? 3`, the first names getAvailabilityZones returns. The
  // real names come from AWS; letters in order stand in for them (they only name subnets).
  const n = count ?? 3;
  if (n > 26) throw new CannotExpand(`numberOfAvailabilityZones ${n} is more zones than any region has`);
  return Array.from({ length: n }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

/** Subnet specs per zone: the given ones without "Unused", else one Private and one Public (subnetDistributorNew.ts `defaultSubnetInputsBare`). */
function subnetSpecs(inputs: Record<string, unknown>): SubnetSpec[] {
  const raw = listArg(inputs, "subnetSpecs") ?? [{ type: "Private" }, { type: "Public" }];
  const specs: SubnetSpec[] = [];
  raw.forEach((s, i) => {
    const o = s && typeof s === "object" && !Array.isArray(s) ? (s as Record<string, unknown>) : undefined;
    const type = o?.type;
    if (typeof type !== "string" || !SUBNET_TYPES.includes(type as SubnetType)) {
      throw new CannotExpand(`subnetSpecs[${i}].type is ${type === undefined ? "unknown" : JSON.stringify(type)}; awsx takes ${SUBNET_TYPES.join(", ")}`);
    }
    if (type === "Unused") return; // vpc.ts skips them: `x.type !== "Unused"`
    if (o && "name" in o && typeof o.name !== "string") throw new CannotExpand(`subnetSpecs[${i}].name is not a string`);
    specs.push({
      type: type as SubnetSpec["type"],
      specName: typeof o?.name === "string" ? o.name : type.toLowerCase(),
      ...(o?.tags && typeof o.tags === "object" ? { tags: o.tags as Record<string, unknown> } : {}),
      ...(o && "assignIpv6AddressOnCreation" in o ? { assignIpv6AddressOnCreation: o.assignIpv6AddressOnCreation } : {}),
    });
  });
  return specs;
}

/** Public first, then private, then isolated; stable within a type (vpc.ts `compareSubnetSpecs`). */
const ORDER: Record<SubnetSpec["type"], number> = { Public: 0, Private: 1, Isolated: 2 };

/** The NAT strategy: the given one, else "OnePerAz" (vpc.ts: `args.natGateways?.strategy ?? "OnePerAz"`). */
function natStrategy(natGateways: Record<string, unknown> | undefined): NatStrategy {
  const raw = natGateways ? stringArg(natGateways, "strategy") : undefined;
  if (raw === undefined) return "OnePerAz";
  // awsx compares strategies in lower case.
  const found = NAT_STRATEGIES.find((s) => s.toLowerCase() === raw.toLowerCase());
  if (!found) throw new CannotExpand(`natGateways.strategy ${JSON.stringify(raw)} is not one of ${NAT_STRATEGIES.join(", ")}`);
  return found;
}

/** awsx's own checks of the NAT configuration (vpc.ts `validateEips`, `validateNatGatewayStrategy`): a failing one fails the real preview too. */
function checkNat(strategy: NatStrategy, defaulted: boolean, allocationIds: readonly unknown[], zones: number, specs: readonly SubnetSpec[]): void {
  if (strategy === "None" && allocationIds.length > 0) throw new CannotExpand("awsx rejects it: Elastic IP allocation IDs cannot be specified when the NAT gateway strategy is None");
  if (strategy === "Single" && allocationIds.length > 1) throw new CannotExpand("awsx rejects it: exactly one Elastic IP may be specified when the NAT gateway strategy is Single");
  if (strategy === "OnePerAz" && allocationIds.length > 0 && allocationIds.length !== zones) {
    throw new CannotExpand(`awsx rejects it: ${allocationIds.length} Elastic IP allocation IDs for ${zones} availability zones (NAT gateway strategy OnePerAz needs one per zone)`);
  }
  if (strategy !== "None" && !(specs.some((s) => s.type === "Public") && specs.some((s) => s.type !== "Public"))) {
    throw new CannotExpand(`awsx rejects it: NAT gateway strategy ${strategy}${defaulted ? " (awsx's default)" : ""} needs public subnets to host the gateways and private or isolated ones to route through them; set natGateways.strategy to None`);
  }
}

/** vpc.ts `shouldCreateNatGateway`: Single makes one in the first zone, OnePerAz one per zone. */
function wantsNat(strategy: NatStrategy, existing: number, zoneIndex: number): boolean {
  return strategy === "Single" ? existing < 1 : strategy === "OnePerAz" ? existing < zoneIndex + 1 : false;
}

/** The name suffix under subnetNameTagStrategy "AvailabilityZone": `us-east-1a` → `1a` (subnetNaming.ts `azSuffix`). */
function zoneSuffix(zone: string): string {
  return zone.replace(/^[a-z]{2}(?:-[a-z]+)+-/, "");
}

export function expandAwsxVpc(component: ResourceRecord, ctx: ExpandContext): Expansion {
  const args = component.inputs;
  const name = component.name;
  const region = typeof args.region === "string" ? args.region : ctx.region;
  const zones = availabilityZones(args, region);
  const specs = subnetSpecs(args);
  const natGateways = objectArg(args, "natGateways");
  const strategy = natStrategy(natGateways);
  const allocationIds = (natGateways ? listArg(natGateways, "elasticIpAllocationIds") : undefined) ?? [];
  checkNat(strategy, natGateways === undefined || !("strategy" in natGateways), allocationIds, zones.length, specs);
  const nameTags = stringArg(args, "subnetNameTagStrategy") ?? "Legacy";
  const tags = objectArg(args, "tags");
  // vpc.ts: `sharedTags = { Name: name, ...args.tags }`.
  const sharedTags = { Name: name, ...tags };
  const regionArg = "region" in args ? { region: args.region } : {};

  const out = new Children(component);
  // vpc.ts `decideCidrBlockVpcInput`: the given block, none with an IPAM pool, else 10.0.0.0/16.
  const cidrBlock = "cidrBlock" in args ? { cidrBlock: args.cidrBlock } : "ipv4IpamPoolId" in args ? {} : { cidrBlock: "10.0.0.0/16" };
  const vpc = out.add(component, T.vpc, name, { ...only(args, AWS_VPC_ARGS), ...cidrBlock, tags: sharedTags });
  // vpc.ts: the internet gateway is created unconditionally ("AWS does not charge for it").
  const igw = out.add(vpc, T.igw, name, { ...regionArg, vpcId: UNKNOWN, tags: sharedTags }, { dependsOn: [vpc] });

  const natGatewaysMade: ResourceRecord[] = [];
  let eips = 0;
  zones.forEach((zone, i) => {
    const azNum = i + 1;
    for (const spec of [...specs].sort((a, b) => ORDER[a.type] - ORDER[b.type])) {
      const resourceName = `${name}-${spec.specName}-${azNum}`;
      const nameTag = nameTags === "AvailabilityZone" ? `${name}-${spec.specName}-${zoneSuffix(zone)}` : resourceName;
      const isPublic = spec.type === "Public";
      const subnet = out.add(vpc, T.subnet, resourceName, {
        ...regionArg,
        vpcId: UNKNOWN,
        availabilityZone: zone,
        mapPublicIpOnLaunch: isPublic,
        cidrBlock: UNKNOWN,
        assignIpv6AddressOnCreation: spec.assignIpv6AddressOnCreation ?? args.assignGeneratedIpv6CidrBlock ?? false,
        tags: { ...sharedTags, ...spec.tags, Name: nameTag, SubnetType: spec.type },
      }, { dependsOn: [vpc] });
      const routeTable = out.add(subnet, T.routeTable, resourceName, { ...regionArg, vpcId: UNKNOWN, tags: { ...sharedTags, Name: nameTag, SubnetType: spec.type } }, { dependsOn: [subnet] });
      out.add(routeTable, T.routeTableAssociation, resourceName, { ...regionArg, routeTableId: UNKNOWN, subnetId: UNKNOWN }, { dependsOn: [routeTable, subnet] });
      if (isPublic && wantsNat(strategy, natGatewaysMade.length, i)) {
        // One Elastic IP per gateway unless allocation IDs are given; both named `${name}-${zone number}`.
        const eip = allocationIds.length === 0 ? out.add(subnet, T.eip, `${name}-${azNum}`, { ...regionArg, tags: { ...tags, Name: `${name}-${azNum}` } }, { dependsOn: [subnet] }) : undefined;
        if (eip) eips++;
        natGatewaysMade.push(out.add(subnet, T.natGateway, `${name}-${azNum}`, {
          ...regionArg,
          subnetId: UNKNOWN,
          allocationId: eip ? UNKNOWN : allocationIds[i],
          tags: { ...tags, Name: `${name}-${azNum}` },
        }, { dependsOn: eip ? [subnet, eip] : [subnet] }));
      }
      if (isPublic) {
        out.add(routeTable, T.route, resourceName, { ...regionArg, routeTableId: UNKNOWN, gatewayId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0" }, { dependsOn: [routeTable, igw] });
      } else if (spec.type === "Private" && strategy !== "None") {
        // Private subnets route through their zone's gateway (Single: the only one).
        const nat = strategy === "Single" ? natGatewaysMade[0] : natGatewaysMade[i];
        out.add(routeTable, T.route, resourceName, { ...regionArg, routeTableId: UNKNOWN, natGatewayId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0" }, { dependsOn: nat ? [routeTable, nat] : [routeTable] });
      }
      // Isolated subnets get no route out.
    }
  });

  const endpoints = vpcEndpoints(args, out, vpc, zones.length, sharedTags);
  const nat = strategy === "None" ? "no NAT gateways" : `NAT gateways ${strategy}: ${natGatewaysMade.length}${eips ? ` with ${eips} Elastic IP${eips === 1 ? "" : "s"}` : ""}`;
  return {
    children: out.records,
    summary: `${zones.length} availability zone${zones.length === 1 ? "" : "s"}${"availabilityZoneNames" in args || "numberOfAvailabilityZones" in args ? "" : " (awsx's default)"}, ${specs.length} subnet${specs.length === 1 ? "" : "s"} per zone, ${nat}${natGateways && "strategy" in natGateways ? "" : " (awsx's default)"}${endpoints ? `, ${endpoints} VPC endpoint${endpoints === 1 ? "" : "s"}` : ""}`,
  };
}

/**
 * `vpcEndpointSpecs`: one endpoint each, named by its service; with vpcEndpointStrategy
 * "Auto" an interface endpoint without security groups gets its own group and an HTTPS
 * rule (vpc.ts `createVpcEndpointSecurityGroupId`), and one subnet per zone.
 */
function vpcEndpoints(args: Record<string, unknown>, out: Children, vpc: ResourceRecord, zones: number, sharedTags: Record<string, unknown>): number {
  const specs = listArg(args, "vpcEndpointSpecs") ?? [];
  const auto = (stringArg(args, "vpcEndpointStrategy") ?? "Legacy") === "Auto";
  specs.forEach((s, i) => {
    const spec = s && typeof s === "object" && !Array.isArray(s) ? (s as Record<string, unknown>) : undefined;
    const serviceName = spec?.serviceName;
    if (!spec || typeof serviceName !== "string") throw new CannotExpand(`vpcEndpointSpecs[${i}].serviceName is not a known string`);
    // An omitted type is a gateway endpoint (vpc.ts `tryGetVpcEndpointType`).
    const type = typeof spec.vpcEndpointType === "string" ? spec.vpcEndpointType.toLowerCase() : spec.vpcEndpointType === undefined && !("vpcEndpointType" in spec) ? "gateway" : undefined;
    const autoInterface = auto && type === "interface";
    const region = spec.region ?? args.region;
    let securityGroupIds = spec.securityGroupIds;
    if (autoInterface && !("securityGroupIds" in spec)) {
      const sg = out.add(vpc, T.securityGroup, `${serviceName}-sg`, { ...(region !== undefined ? { region } : {}), vpcId: UNKNOWN, tags: { ...sharedTags, ...(spec.tags as object) } }, { dependsOn: [vpc] });
      out.add(vpc, T.securityGroupRule, `${serviceName}-ingress`, { ...(region !== undefined ? { region } : {}), type: "ingress", securityGroupId: UNKNOWN, protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [UNKNOWN] }, { dependsOn: [sg] });
      securityGroupIds = [UNKNOWN];
    }
    const subnetIds = autoInterface && !("subnetIds" in spec) && !("subnetConfigurations" in spec) ? Array.from({ length: zones }, () => UNKNOWN) : spec.subnetIds;
    out.add(vpc, T.vpcEndpoint, serviceName, {
      ...only(spec, ["autoAccept", "dnsOptions", "ipAddressType", "policy", "resourceConfigurationArn", "routeTableIds", "serviceNetworkArn", "serviceRegion", "subnetConfigurations", "vpcEndpointType"]),
      ...(region !== undefined ? { region } : {}),
      serviceName,
      ...(autoInterface && !("privateDnsEnabled" in spec) ? { privateDnsEnabled: true } : "privateDnsEnabled" in spec ? { privateDnsEnabled: spec.privateDnsEnabled } : {}),
      ...(subnetIds !== undefined ? { subnetIds } : {}),
      ...(securityGroupIds !== undefined ? { securityGroupIds } : {}),
      tags: { ...sharedTags, ...(spec.tags as object) },
      vpcId: UNKNOWN,
    }, { dependsOn: [vpc] });
  });
  return specs.length;
}
