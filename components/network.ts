import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkSpec } from "./networkSpec";

/** The milestone's network (`NetworkSpec`); zones default to 2, the NAT gateway to off. */
export type NetworkArgs = Pick<NetworkSpec, "cidrBlock"> & Partial<Omit<NetworkSpec, "cidrBlock">>;

/**
 * A VPC across availability zones: public subnets (ALB, instances with public IPv4 for
 * egress) behind an internet gateway, and private subnets (cache) with no route out unless
 * a NAT gateway is asked for.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetIds: pulumi.Output<string>[];

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:network:Network", name, {}, opts);
    const zoneCount = args.availabilityZones ?? 2;
    const zones = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this });

    const vpc = new aws.ec2.Vpc(name, { cidrBlock: args.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true }, { parent: this });
    const igw = new aws.ec2.InternetGateway(name, { vpcId: vpc.id }, { parent: this });
    const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, {
      vpcId: vpc.id,
      routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
    }, { parent: this });
    const privateRoutes = new aws.ec2.RouteTable(`${name}-private`, { vpcId: vpc.id }, { parent: this });

    const [a, b] = args.cidrBlock.split(".");
    const subnetCidr = (index: number) => `${a}.${b}.${index * 16}.0/20`;
    this.publicSubnetIds = [];
    this.privateSubnetIds = [];
    for (let i = 0; i < zoneCount; i++) {
      const availabilityZone = zones.names.apply((names) => names[i % names.length]);
      const pub = new aws.ec2.Subnet(`${name}-public-${i}`, {
        vpcId: vpc.id, cidrBlock: subnetCidr(i), availabilityZone, mapPublicIpOnLaunch: false, tags: { tier: "public" },
      }, { parent: this });
      new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: pub.id, routeTableId: publicRoutes.id }, { parent: this });
      const priv = new aws.ec2.Subnet(`${name}-private-${i}`, {
        // The tier tag aims the disrupt-cache-network drill: only the cache lives here.
        vpcId: vpc.id, cidrBlock: subnetCidr(i + 8), availabilityZone, mapPublicIpOnLaunch: false, tags: { tier: "private" },
      }, { parent: this });
      new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: priv.id, routeTableId: privateRoutes.id }, { parent: this });
      this.publicSubnetIds.push(pub.id);
      this.privateSubnetIds.push(priv.id);
    }

    if (args.natGateway) {
      const eip = new aws.ec2.Eip(`${name}-nat`, { domain: "vpc" }, { parent: this });
      const nat = new aws.ec2.NatGateway(`${name}-nat`, { allocationId: eip.id, subnetId: this.publicSubnetIds[0] }, { parent: this, dependsOn: [igw] });
      new aws.ec2.Route(`${name}-private-egress`, { routeTableId: privateRoutes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, { parent: this });
    }

    this.vpcId = vpc.id;
    this.registerOutputs({ vpcId: this.vpcId });
  }
}
