import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface FleetArgs {
  /** EC2 instance type; Graviton types (t4g, m7g, …) get the arm64 image. */
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** Subnets the group launches into. */
  readonly subnetIds: pulumi.Input<string>[];
  readonly securityGroupIds: pulumi.Input<string>[];
  /** gp3 root volume, GiB, always encrypted. Default 8. */
  readonly rootVolumeGb?: number;
  /**
   * A public IPv4 per instance ($3.65/month each), for egress without a NAT gateway.
   * Default true.
   */
  readonly publicIp?: boolean;
  /** Boot script (plain text; encoded here). */
  readonly userData?: pulumi.Input<string>;
  /** Managed policies for the instance role. SSM Session Manager is always attached (no SSH). */
  readonly managedPolicyArns?: string[];
  /** Extra inline policy document (JSON) for the instance role. */
  readonly inlinePolicy?: pulumi.Input<string>;
  /** Target groups the instances register with; their presence switches health checks to ELB. */
  readonly targetGroupArns?: pulumi.Input<string>[];
  /** Seconds before a new instance's metrics count for scaling. Default 120. */
  readonly warmupSeconds?: number;
  /** Default cooldown between simple scaling activities, seconds. Default 300. */
  readonly cooldownSeconds?: number;
  /**
   * Run every instance on Spot (none on demand), from these types (the first is `instanceType`'s
   * role; more types widen the pools), allocated price-capacity-optimized with capacity
   * rebalancing. For interruptible work only (queue workers). Default: on demand.
   */
  readonly spotInstanceTypes?: readonly string[];
}

/** Graviton families carry a "g" after the generation digit: t4g, m7g, c7gn, r8gd. */
export function isArm64(instanceType: string): boolean {
  return /^[a-z]+\d+[a-z]*g/.test(instanceType.split(".")[0]);
}

/**
 * A hardened Auto Scaling fleet: instance role and profile, a launch template (IMDSv2
 * required, encrypted gp3 root volume, Amazon Linux 2023 through SSM resolution), and the
 * group with rolling instance refresh. Used for the web tier and the queue workers.
 */
export class Fleet extends pulumi.ComponentResource {
  readonly group: aws.autoscaling.Group;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly role: aws.iam.Role;

  constructor(name: string, args: FleetArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:fleet:Fleet", name, {}, opts);
    const arch = isArm64(args.instanceType) ? "arm64" : "x86_64";

    this.role = new aws.iam.Role(name, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }, { parent: this });
    const policies = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy", ...(args.managedPolicyArns ?? [])];
    policies.forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-${i}`, { role: this.role.name, policyArn }, { parent: this }));
    if (args.inlinePolicy) new aws.iam.RolePolicy(name, { role: this.role.id, policy: args.inlinePolicy }, { parent: this });
    const profile = new aws.iam.InstanceProfile(name, { role: this.role.name }, { parent: this });

    this.launchTemplate = new aws.ec2.LaunchTemplate(name, {
      instanceType: args.instanceType,
      imageId: `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`,
      iamInstanceProfile: { arn: profile.arn },
      // IMDSv2 only; hop limit 2 lets containers on the host reach it.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
      blockDeviceMappings: [{
        deviceName: "/dev/xvda",
        ebs: { volumeSize: args.rootVolumeGb ?? 8, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
      }],
      networkInterfaces: [{
        associatePublicIpAddress: String(args.publicIp ?? true),
        securityGroups: args.securityGroupIds,
        deleteOnTermination: "true",
      }],
      monitoring: { enabled: false },
      // Burstable Spot instances in standard credit mode: no surplus-credit charges on a discounted instance.
      ...(args.spotInstanceTypes && /^t\d/.test(args.instanceType) ? { creditSpecification: { cpuCredits: "standard" } } : {}),
      userData: args.userData ? pulumi.output(args.userData).apply((s) => Buffer.from(s).toString("base64")) : undefined,
      updateDefaultVersion: true,
    }, { parent: this });

    const behindLoadBalancer = (args.targetGroupArns?.length ?? 0) > 0;
    this.group = new aws.autoscaling.Group(name, {
      minSize: args.minSize,
      maxSize: args.maxSize,
      vpcZoneIdentifiers: args.subnetIds,
      ...(args.spotInstanceTypes
        ? {
          mixedInstancesPolicy: {
            instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0, spotAllocationStrategy: "price-capacity-optimized" },
            launchTemplate: {
              launchTemplateSpecification: { launchTemplateId: this.launchTemplate.id, version: "$Latest" },
              // The template's own type first (it is what the group is sized on), then the other pools.
              overrides: [...new Set([args.instanceType, ...args.spotInstanceTypes])].map((instanceType) => ({ instanceType })),
            },
          },
          // Replace a Spot instance AWS warns it will reclaim before the interruption.
          capacityRebalance: true,
        }
        : { launchTemplate: { id: this.launchTemplate.id, version: "$Latest" } }),
      targetGroupArns: args.targetGroupArns,
      healthCheckType: behindLoadBalancer ? "ELB" : "EC2",
      healthCheckGracePeriod: 120,
      defaultCooldown: args.cooldownSeconds ?? 300,
      defaultInstanceWarmup: args.warmupSeconds ?? 120,
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: behindLoadBalancer ? 50 : 0 } },
      enabledMetrics: ["GroupInServiceInstances", "GroupDesiredCapacity"],
    }, { parent: this });

    this.registerOutputs({ groupName: this.group.name });
  }
}
