/**
 * What a milestone may ask of the web tier (`App`): plain data, no Pulumi, so the catalog,
 * the config checks and the policies read it without loading a provider.
 */

/** Target-tracking settings of the web tier's Auto Scaling group. */
export interface AutoscalingSpec {
  /** Target-tracking on average CPU, percent; null for no CPU policy. */
  readonly cpuTargetPercent: number | null;
  /**
   * Target-tracking on ALBRequestCountPerTarget (requests per target per minute, the
   * metric's own unit); null for none. Needs an ALB.
   */
  readonly requestsPerTargetPerMinute: number | null;
  /** Seconds before a new instance's metrics count (the policies' estimated warm-up). */
  readonly warmupSeconds: number;
  /** The group's default cooldown, seconds, between simple scaling activities. */
  readonly cooldownSeconds: number;
}

export interface AppSpec {
  /** EC2 instance type of the web tier. Graviton (t4g) is ~20 % cheaper than t3. */
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  /** Whether an Application Load Balancer fronts the instances (needed for more than one). */
  readonly loadBalancer: boolean;
  /** gp3 root volume size, GiB. */
  readonly rootVolumeGb: number;
  readonly autoscaling: AutoscalingSpec;
}

/** TLS policy for HTTPS listeners: TLS 1.3 with 1.2 fallback (AWS's recommended policy). */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
