/** What a milestone may ask of the network (`Network`): plain data, no Pulumi. */

export interface NetworkSpec {
  /** VPC address range; each subnet takes a /20 of it. */
  readonly cidrBlock: string;
  /** Availability zones spanned: one public and one private subnet per zone. */
  readonly availabilityZones: number;
  /**
   * A NAT gateway (in the first zone) for the private subnets' egress: $0.045/h ($32.85/month)
   * plus $0.045/GB, more than the whole m1 budget.
   */
  readonly natGateway: boolean;
}
