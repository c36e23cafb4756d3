import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ALB_TLS_POLICY, type AppSpec } from "./appSpec";
import { Fleet } from "./fleet";

export interface AppArgs {
  /** The milestone's web tier: instance type and counts, ALB or not, scaling targets. */
  readonly spec: AppSpec;
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's range: the ALB may only send to it. */
  readonly vpcCidrBlock: string;
  /** Public subnets, one per zone (ALB and instances). */
  readonly subnetIds: pulumi.Input<string>[];
  /** Port the app listens on. Default 3000. */
  readonly appPort?: number;
  /** Health-check path. Default "/healthz". */
  readonly healthCheckPath?: string;
  /** ACM certificate: adds an HTTPS listener and turns port 80 into a redirect. */
  readonly certificateArn?: string;
  /** Boot script for the instances. */
  readonly userData?: pulumi.Input<string>;
}

/**
 * The web tier: an Auto Scaling fleet, fronted by an ALB (target group, listeners) when the
 * milestone has one, with target-tracking policies on CPU and requests per target.
 * Without an ALB the instance itself is the entry point and admits the web ports.
 */
export class App extends pulumi.ComponentResource {
  readonly fleet: Fleet;
  readonly securityGroupId: pulumi.Output<string>;
  readonly loadBalancer?: aws.lb.LoadBalancer;
  readonly targetGroup?: aws.lb.TargetGroup;

  constructor(name: string, args: AppArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:app:App", name, {}, opts);
    const { spec } = args;
    const port = args.appPort ?? 3000;
    const webPorts = args.certificateArn ? [80, 443] : [80];
    const world = (fromPort: number) => ({ protocol: "tcp", fromPort, toPort: fromPort, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "public web" });
    const egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "egress (packages, Neon, AWS APIs)" }];

    let albSg: aws.ec2.SecurityGroup | undefined;
    if (spec.loadBalancer) {
      albSg = new aws.ec2.SecurityGroup(`${name}-alb`, {
        vpcId: args.vpcId,
        description: "ALB: public web ports only",
        ingress: webPorts.map(world),
        egress: [{ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: [args.vpcCidrBlock], description: "to app instances" }],
      }, { parent: this });
    }
    const appSg = new aws.ec2.SecurityGroup(`${name}-instances`, {
      vpcId: args.vpcId,
      // The description is create-only: keep it the same at every milestone so promotion
      // updates the rules in place instead of replacing the group under running instances.
      description: "CutList app instances",
      ingress: albSg
        ? [{ protocol: "tcp", fromPort: port, toPort: port, securityGroups: [albSg.id], description: "from the ALB" }]
        : webPorts.map(world),
      egress,
    }, { parent: this });
    this.securityGroupId = appSg.id;

    if (spec.loadBalancer && albSg) {
      this.loadBalancer = new aws.lb.LoadBalancer(name, {
        loadBalancerType: "application",
        internal: false,
        subnets: args.subnetIds,
        securityGroups: [albSg.id],
        dropInvalidHeaderFields: true,
        idleTimeout: 60,
      }, { parent: this });
      this.targetGroup = new aws.lb.TargetGroup(name, {
        vpcId: args.vpcId,
        port,
        protocol: "HTTP",
        targetType: "instance",
        deregistrationDelay: 30,
        healthCheck: { path: args.healthCheckPath ?? "/healthz", matcher: "200", interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
      }, { parent: this });
      const forward = [{ type: "forward", targetGroupArn: this.targetGroup.arn }];
      if (args.certificateArn) {
        new aws.lb.Listener(`${name}-https`, {
          loadBalancerArn: this.loadBalancer.arn, port: 443, protocol: "HTTPS",
          sslPolicy: ALB_TLS_POLICY, certificateArn: args.certificateArn, defaultActions: forward,
        }, { parent: this });
        new aws.lb.Listener(`${name}-http`, {
          loadBalancerArn: this.loadBalancer.arn, port: 80, protocol: "HTTP",
          defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        }, { parent: this });
      } else {
        new aws.lb.Listener(`${name}-http`, { loadBalancerArn: this.loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: forward }, { parent: this });
      }
    }

    this.fleet = new Fleet(name, {
      instanceType: spec.instanceType,
      minSize: spec.minInstances,
      maxSize: spec.maxInstances,
      subnetIds: args.subnetIds,
      securityGroupIds: [appSg.id],
      rootVolumeGb: spec.rootVolumeGb,
      userData: args.userData,
      targetGroupArns: this.targetGroup ? [this.targetGroup.arn] : undefined,
      warmupSeconds: spec.autoscaling.warmupSeconds,
      cooldownSeconds: spec.autoscaling.cooldownSeconds,
    }, { parent: this });

    // Target tracking only where the group can move.
    const scaling = spec.autoscaling;
    if (spec.maxInstances > spec.minInstances) {
      if (scaling.cpuTargetPercent !== null) {
        new aws.autoscaling.Policy(`${name}-cpu`, {
          autoscalingGroupName: this.fleet.group.name,
          policyType: "TargetTrackingScaling",
          estimatedInstanceWarmup: scaling.warmupSeconds,
          targetTrackingConfiguration: {
            predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
            targetValue: scaling.cpuTargetPercent,
          },
        }, { parent: this });
      }
      if (scaling.requestsPerTargetPerMinute !== null && this.loadBalancer && this.targetGroup) {
        new aws.autoscaling.Policy(`${name}-requests`, {
          autoscalingGroupName: this.fleet.group.name,
          policyType: "TargetTrackingScaling",
          estimatedInstanceWarmup: scaling.warmupSeconds,
          targetTrackingConfiguration: {
            predefinedMetricSpecification: {
              predefinedMetricType: "ALBRequestCountPerTarget",
              resourceLabel: pulumi.interpolate`${this.loadBalancer.arnSuffix}/${this.targetGroup.arnSuffix}`,
            },
            targetValue: scaling.requestsPerTargetPerMinute,
          },
        }, { parent: this });
      }
    }

    this.registerOutputs({ securityGroupId: this.securityGroupId, dnsName: this.loadBalancer?.dnsName });
  }
}
