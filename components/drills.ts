import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CACHE_SUBNET_TAGS, type Drill, type DrillId } from "./drillsSpec";

export interface DrillsArgs {
  /** The milestone's drills (`drillsFor(profile)`): one experiment template each. */
  readonly drills: readonly Drill[];
  /**
   * Tags that pick this stack's resources (e.g. `{ project, stack }`); a target is these plus
   * `component` ("app" or "cache"). The roles may act only on resources carrying all of them.
   */
  readonly targetTags: Readonly<Record<string, string>>;
  /** Stop conditions: the SLO's fast-burn window alarms. Any in ALARM stops the experiment. */
  readonly stopAlarmArns: readonly pulumi.Input<string>[];
  /** `/cutlist/<stack>/drills` holds the experiment logs. */
  readonly stack: string;
  /** Retention of the experiment log group, days (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** The cache, for the cache drills: its replication group id (deterministic) and node group. */
  readonly cache?: { readonly replicationGroupId: string };
  /** Prefix of names that must be unique in the account (SSM document). Default `cutlist-${stack}`. */
  readonly namePrefix?: string;
}

type Statement = Record<string, unknown>;
type Target = aws.types.input.fis.ExperimentTemplateTarget;
type Action = aws.types.input.fis.ExperimentTemplateAction;

/** FIS's own document that loads CPUs with stress-ng (AWS-owned, in every region). */
export const CPU_STRESS_DOCUMENT = "AWSFIS-Run-CPU-Stress";

const iso = (minutes: number) => `PT${minutes}M`;

/** What one drill's template aims at and does, and what its role may do for it. */
interface DrillParts {
  readonly targets: readonly Target[];
  readonly actions: readonly Action[];
  /** The role policy's statements for this drill (the log delivery is added to every role). */
  readonly statements: readonly Statement[];
  /** Resources the template must wait for (the cache failover's runbook). */
  readonly dependsOn: readonly pulumi.Resource[];
  /** The tags the role's statements require of what it touches (named in the role's description). */
  readonly aimsAt: Readonly<Record<string, string>>;
}

/** The stack's ARNs and the tag-scoping helpers every drill uses. */
interface DrillScope {
  readonly arns: {
    readonly partition: pulumi.Output<string>;
    readonly region: pulumi.Output<string>;
    readonly instances: pulumi.Output<string>;
    readonly replicationGroups: pulumi.Output<string>;
    readonly ssm: (resource: string) => pulumi.Output<string>;
    readonly ec2: (resource: string) => pulumi.Output<string>;
  };
  /** A role trust policy for `service`, from this account only. */
  readonly trust: (service: string) => pulumi.Output<string>;
  /** The target tags: `targetTags` plus `component` (and any further tags, e.g. the subnet tier). */
  readonly tagsOf: (component: string, more?: Readonly<Record<string, string>>) => Record<string, string>;
  /** Condition: each of the target's tags (`aws:ResourceTag/<key>`) must match. */
  readonly onlyTagged: (component: string, more?: Readonly<Record<string, string>>) => Statement;
  /** The target's tags as FIS `resourceTags`. */
  readonly resourceTags: (component: string, more?: Readonly<Record<string, string>>) => { key: string; value: string }[];
}

/** What a drill builder gets: the scope, the drill and the component it builds in. */
interface DrillContext extends DrillScope {
  readonly drill: Drill;
  /** The component's name, for errors. */
  readonly name: string;
  readonly args: DrillsArgs;
  readonly parent: pulumi.Resource;
  /** The SSM Automation runbook (and its role) behind the cache failover. */
  readonly cacheFailoverAutomation: (replicationGroupId: string) => { role: aws.iam.Role; document: aws.ssm.Document; documentName: string };
}

/** The scope for one stack: its account, region and partition, and the target tags. */
function drillScope(
  targetTags: Readonly<Record<string, string>>,
  account: pulumi.Output<string>,
  region: pulumi.Output<string>,
  partition: pulumi.Output<string>,
): DrillScope {
  const tagsOf = (component: string, more: Readonly<Record<string, string>> = {}) => ({ ...targetTags, component, ...more });
  return {
    arns: {
      partition,
      region,
      instances: pulumi.interpolate`arn:${partition}:ec2:${region}:${account}:instance/*`,
      replicationGroups: pulumi.interpolate`arn:${partition}:elasticache:${region}:${account}:replicationgroup:*`,
      ssm: (resource: string) => pulumi.interpolate`arn:${partition}:ssm:${region}:${account}:${resource}`,
      ec2: (resource: string) => pulumi.interpolate`arn:${partition}:ec2:${region}:${account}:${resource}`,
    },
    trust: (service: string) => pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    }),
    tagsOf,
    onlyTagged: (component: string, more?: Readonly<Record<string, string>>) => ({
      StringEquals: Object.fromEntries(Object.entries(tagsOf(component, more)).map(([k, v]) => [`aws:ResourceTag/${k}`, v])),
    }),
    resourceTags: (component: string, more?: Readonly<Record<string, string>>) =>
      Object.entries(tagsOf(component, more)).map(([key, value]) => ({ key, value })),
  };
}

type DrillBuilder = (ctx: DrillContext) => DrillParts;

/** Running app instances, found by tag. */
function appTarget(ctx: DrillContext, selectionMode: string): Target {
  return {
    name: "app-instances",
    resourceType: "aws:ec2:instance",
    resourceTags: ctx.resourceTags("app"),
    filters: [{ path: "State.Name", values: ["running"] }],
    selectionMode,
  };
}

/** The cache args a cache drill needs; a clear error naming the drill without them. */
function requireCache(ctx: DrillContext, what: string): NonNullable<DrillsArgs["cache"]> {
  if (!ctx.args.cache) throw new Error(`Drills "${ctx.name}": drill "${ctx.drill.id}" needs args.cache (${what})`);
  return ctx.args.cache;
}

/** One builder per drill: its targets, actions, role statements and extra dependencies. */
const DRILL_BUILDERS: Record<DrillId, DrillBuilder> = {
  "terminate-app-instance": (ctx) => ({
    targets: [appTarget(ctx, "COUNT(1)")],
    actions: [{ name: "terminate", actionId: "aws:ec2:terminate-instances", description: ctx.drill.description, target: { key: "Instances", value: "app-instances" } }],
    statements: [
      { Sid: "TerminateTaggedAppInstances", Effect: "Allow", Action: "ec2:TerminateInstances", Resource: ctx.arns.instances, Condition: ctx.onlyTagged("app") },
      { Sid: "FindTargets", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
    ],
    dependsOn: [],
    aimsAt: ctx.tagsOf("app"),
  }),

  "stress-app-cpu": (ctx) => {
    const { partition, region } = ctx.arns;
    const minutes = ctx.drill.faultMinutes;
    return {
      targets: [appTarget(ctx, "ALL")],
      actions: [{
        name: "cpu-stress",
        actionId: "aws:ssm:send-command",
        description: ctx.drill.description,
        target: { key: "Instances", value: "app-instances" },
        parameters: [
          { key: "documentArn", value: pulumi.interpolate`arn:${partition}:ssm:${region}::document/${CPU_STRESS_DOCUMENT}` },
          { key: "documentParameters", value: JSON.stringify({ DurationSeconds: String(minutes * 60), InstallDependencies: "True" }) },
          { key: "duration", value: iso(minutes) },
        ],
      }],
      statements: [
        { Sid: "RunOnTaggedAppInstances", Effect: "Allow", Action: "ssm:SendCommand", Resource: ctx.arns.instances, Condition: ctx.onlyTagged("app") },
        { Sid: "RunTheStressDocument", Effect: "Allow", Action: "ssm:SendCommand", Resource: pulumi.interpolate`arn:${partition}:ssm:${region}::document/${CPU_STRESS_DOCUMENT}` },
        { Sid: "FollowCommands", Effect: "Allow", Action: ["ssm:ListCommands", "ssm:CancelCommand"], Resource: "*" },
        { Sid: "FindTargets", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
      ],
      dependsOn: [],
      aimsAt: ctx.tagsOf("app"),
    };
  },

  "failover-cache-primary": (ctx) => {
    const cache = requireCache(ctx, "a replicated cache");
    const automation = ctx.cacheFailoverAutomation(cache.replicationGroupId);
    return {
      targets: [],
      actions: [{
        name: "failover",
        actionId: "aws:ssm:start-automation-execution",
        description: ctx.drill.description,
        parameters: [
          { key: "documentArn", value: ctx.arns.ssm(`document/${automation.documentName}`) },
          { key: "documentParameters", value: pulumi.jsonStringify({ AutomationAssumeRoleArn: automation.role.arn, ReplicationGroupId: cache.replicationGroupId, NodeGroupId: "0001" }) },
          { key: "maxDuration", value: iso(ctx.drill.maxRunMinutes) },
        ],
      }],
      statements: [
        { Sid: "StartTheFailoverRunbook", Effect: "Allow", Action: "ssm:StartAutomationExecution", Resource: ctx.arns.ssm(`automation-definition/${automation.documentName}:*`) },
        { Sid: "FollowTheRunbook", Effect: "Allow", Action: ["ssm:GetAutomationExecution", "ssm:StopAutomationExecution"], Resource: ctx.arns.ssm("automation-execution/*") },
        { Sid: "HandTheRunbookItsRole", Effect: "Allow", Action: "iam:PassRole", Resource: automation.role.arn, Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } } },
      ],
      dependsOn: [automation.document],
      aimsAt: ctx.tagsOf("cache"),
    };
  },

  "interrupt-cache-az": (ctx) => {
    requireCache(ctx, "a Multi-AZ cache");
    const firstZone = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: ctx.parent }).names.apply((names) => names[0]);
    return {
      targets: [{
        name: "cache",
        resourceType: "aws:elasticache:replicationgroup",
        // Replication groups are found by tags only (FIS takes no ARNs for this type).
        resourceTags: ctx.resourceTags("cache"),
        parameters: { availabilityZoneIdentifier: firstZone },
        selectionMode: "ALL",
      }],
      actions: [{
        name: "az-power",
        actionId: "aws:elasticache:replicationgroup-interrupt-az-power",
        description: ctx.drill.description,
        target: { key: "ReplicationGroups", value: "cache" },
        parameters: [{ key: "duration", value: iso(ctx.drill.faultMinutes) }],
      }],
      statements: [
        { Sid: "InterruptTaggedCache", Effect: "Allow", Action: "elasticache:InterruptClusterAzPower", Resource: ctx.arns.replicationGroups, Condition: ctx.onlyTagged("cache") },
        { Sid: "FindTargets", Effect: "Allow", Action: ["elasticache:DescribeReplicationGroups", "tag:GetResources"], Resource: "*" },
      ],
      dependsOn: [],
      aimsAt: ctx.tagsOf("cache"),
    };
  },

  // FIS swaps each target subnet's network ACL for a deny-all one it creates (tagged
  // managedByFIS=true) and swaps the original back after the fault.
  "disrupt-cache-network": (ctx) => {
    requireCache(ctx, "a cache in the private subnets");
    const { component, ...more } = CACHE_SUBNET_TAGS;
    const fisAcl = { StringEquals: { "aws:ResourceTag/managedByFIS": "true" } };
    return {
      targets: [{ name: "cache-subnets", resourceType: "aws:ec2:subnet", resourceTags: ctx.resourceTags(component, more), selectionMode: "ALL" }],
      actions: [{
        name: "disrupt",
        actionId: "aws:network:disrupt-connectivity",
        description: ctx.drill.description,
        target: { key: "Subnets", value: "cache-subnets" },
        parameters: [{ key: "duration", value: iso(ctx.drill.faultMinutes) }, { key: "scope", value: "all" }],
      }],
      statements: [
        {
          Sid: "CreateTheDenyAllAcl", Effect: "Allow", Action: "ec2:CreateNetworkAcl", Resource: ctx.arns.ec2("network-acl/*"),
          Condition: { StringEquals: { "aws:RequestTag/managedByFIS": "true" } },
        },
        { Sid: "InItsVpc", Effect: "Allow", Action: "ec2:CreateNetworkAcl", Resource: ctx.arns.ec2("vpc/*") },
        {
          Sid: "TagItAtCreation", Effect: "Allow", Action: "ec2:CreateTags", Resource: ctx.arns.ec2("network-acl/*"),
          Condition: { StringEquals: { "ec2:CreateAction": "CreateNetworkAcl", "aws:RequestTag/managedByFIS": "true" } },
        },
        { Sid: "FillAndRemoveIt", Effect: "Allow", Action: ["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"], Resource: ctx.arns.ec2("network-acl/*"), Condition: fisAcl },
        { Sid: "SwapOnlyTaggedSubnets", Effect: "Allow", Action: "ec2:ReplaceNetworkAclAssociation", Resource: ctx.arns.ec2("subnet/*"), Condition: ctx.onlyTagged(component, more) },
        // The swap back names the subnet's original ACL, which carries no tag of ours.
        { Sid: "EitherAcl", Effect: "Allow", Action: "ec2:ReplaceNetworkAclAssociation", Resource: ctx.arns.ec2("network-acl/*") },
        {
          Sid: "FindTargets", Effect: "Allow", Resource: "*",
          Action: ["ec2:DescribeSubnets", "ec2:DescribeNetworkAcls", "ec2:DescribeVpcs", "ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries", "tag:GetResources"],
        },
      ],
      dependsOn: [],
      aimsAt: ctx.tagsOf(component, more),
    };
  },
};

// FIS delivers experiment logs to CloudWatch Logs through a log delivery it sets up with the role.
const LOG_DELIVERY: Statement = {
  Sid: "ExperimentLogs",
  Effect: "Allow",
  Action: ["logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"],
  Resource: "*",
};

/**
 * Resilience drills as AWS FIS experiment templates: each with its own IAM role whose policy
 * can touch only resources carrying this stack's tags (plus `component`), the fast-burn SLO
 * alarms as stop conditions, and logs in a CloudWatch log group. Templates are declared only:
 * an experiment starts when someone runs `aws fis start-experiment` (see the runbooks), never
 * during `pulumi up`.
 *
 * The cache failover goes through an SSM Automation runbook calling ElastiCache TestFailover
 * (FIS has no direct action for it); its automation role is tag-scoped the same way.
 */
export class Drills extends pulumi.ComponentResource {
  readonly templates: Record<string, aws.fis.ExperimentTemplate> = {};
  readonly roles: Record<string, aws.iam.Role> = {};
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: DrillsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:drills:Drills", name, {}, opts);
    const child = { parent: this };
    const prefix = args.namePrefix ?? `cutlist-${args.stack}`;
    const account = aws.getCallerIdentityOutput({}, child).accountId;
    const region = aws.getRegionOutput({}, child).region;
    const partition = aws.getPartitionOutput({}, child).partition;

    this.logGroup = new aws.cloudwatch.LogGroup(name, { name: `/cutlist/${args.stack}/drills`, retentionInDays: args.logRetentionDays }, child);
    const scope = drillScope(args.targetTags, account, region, partition);

    for (const drill of args.drills) {
      const id = drill.id;
      const parts = DRILL_BUILDERS[id]({
        ...scope,
        name,
        args,
        parent: this,
        drill,
        cacheFailoverAutomation: (replicationGroupId) => this.failoverAutomation(
          `${name}-${id}`, `${prefix}-cache-failover`, replicationGroupId, scope.trust, scope.arns.replicationGroups, scope.onlyTagged("cache"),
        ),
      });
      const role = this.drillRole(name, id, parts.statements, scope.trust, parts.aimsAt);
      this.templates[id] = this.template(name, prefix, drill, role, parts, args.stopAlarmArns);
    }

    this.registerOutputs({ templateIds: Object.fromEntries(Object.entries(this.templates).map(([k, t]) => [k, t.id])) });
  }

  /** The drill's FIS role: its statements plus the log delivery, acting only on `targetTags`. */
  private drillRole(
    name: string,
    id: DrillId,
    statements: readonly Statement[],
    trust: (service: string) => pulumi.Output<string>,
    targetTags: Readonly<Record<string, string>>,
  ): aws.iam.Role {
    const child = { parent: this };
    const role = new aws.iam.Role(`${name}-${id}`, {
      description: `FIS experiment role for the ${id} drill: acts only on resources tagged ${Object.entries(targetTags).map(([k, v]) => `${k}=${v}`).join(", ")}`,
      assumeRolePolicy: trust("fis.amazonaws.com"),
    }, child);
    new aws.iam.RolePolicy(`${name}-${id}`, {
      role: role.id,
      policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [...statements, LOG_DELIVERY] }),
    }, child);
    this.roles[id] = role;
    return role;
  }

  /** The experiment template: the drill's parts, the stop alarms, logs to the drills log group. */
  private template(
    name: string,
    prefix: string,
    drill: Drill,
    role: aws.iam.Role,
    parts: DrillParts,
    stopAlarmArns: readonly pulumi.Input<string>[],
  ): aws.fis.ExperimentTemplate {
    const id = drill.id;
    return new aws.fis.ExperimentTemplate(`${name}-${id}`, {
      description: `${drill.title}: ${drill.description}`.slice(0, 512),
      roleArn: role.arn,
      actions: [...parts.actions],
      targets: parts.targets.length > 0 ? [...parts.targets] : undefined,
      stopConditions: stopAlarmArns.map((value) => ({ source: "aws:cloudwatch:alarm", value })),
      logConfiguration: {
        logSchemaVersion: 2,
        cloudwatchLogsConfiguration: { logGroupArn: pulumi.interpolate`${this.logGroup.arn}:*` },
      },
      experimentOptions: { accountTargeting: "single-account", emptyTargetResolutionMode: "fail" },
      tags: { Name: `${prefix}-${id}`, drill: id },
    }, { parent: this, dependsOn: [...parts.dependsOn] });
  }


  /**
   * An SSM Automation runbook that fails over one node group's primary (ElastiCache
   * TestFailover) and waits until the group is available again, with its own role that may
   * fail over only replication groups carrying the stack's cache tags.
   */
  private failoverAutomation(
    name: string,
    documentName: string,
    replicationGroupId: string,
    trust: (service: string) => pulumi.Output<string>,
    replicationGroups: pulumi.Output<string>,
    condition: Record<string, unknown>,
  ) {
    const child = { parent: this };
    const role = new aws.iam.Role(`${name}-automation`, {
      description: "SSM Automation role for the cache failover drill: TestFailover on this stack's tagged cache only",
      assumeRolePolicy: trust("ssm.amazonaws.com"),
    }, child);
    new aws.iam.RolePolicy(`${name}-automation`, {
      role: role.id,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "FailOverTaggedCache", Effect: "Allow", Action: "elasticache:TestFailover", Resource: replicationGroups, Condition: condition },
          { Sid: "WatchTheCache", Effect: "Allow", Action: "elasticache:DescribeReplicationGroups", Resource: "*" },
        ],
      }),
    }, child);
    const document = new aws.ssm.Document(name, {
      name: documentName,
      documentType: "Automation",
      documentFormat: "JSON",
      content: JSON.stringify({
        schemaVersion: "0.3",
        description: `Fail over the primary of ElastiCache replication group ${replicationGroupId} (drill: failover-cache-primary)`,
        assumeRole: "{{ AutomationAssumeRoleArn }}",
        parameters: {
          AutomationAssumeRoleArn: { type: "String", description: "Role the runbook acts as" },
          ReplicationGroupId: { type: "String", default: replicationGroupId },
          NodeGroupId: { type: "String", default: "0001" },
        },
        mainSteps: [
          { name: "TestFailover", action: "aws:executeAwsApi", inputs: { Service: "elasticache", Api: "TestFailover", ReplicationGroupId: "{{ ReplicationGroupId }}", NodeGroupId: "{{ NodeGroupId }}" } },
          { name: "LetItStart", action: "aws:sleep", inputs: { Duration: "PT1M" } },
          {
            name: "WaitUntilAvailable", action: "aws:waitForAwsResourceProperty", timeoutSeconds: 780,
            inputs: { Service: "elasticache", Api: "DescribeReplicationGroups", ReplicationGroupId: "{{ ReplicationGroupId }}", PropertySelector: "$.ReplicationGroups[0].Status", DesiredValues: ["available"] },
          },
        ],
      }),
    }, child);
    return { role, document, documentName };
  }
}
