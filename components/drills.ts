import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Drill } from "./drillsSpec";

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

/** FIS's own document that loads CPUs with stress-ng (AWS-owned, in every region). */
export const CPU_STRESS_DOCUMENT = "AWSFIS-Run-CPU-Stress";

const iso = (minutes: number) => `PT${minutes}M`;

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

    const tagsOf = (component: string) => ({ ...args.targetTags, component });
    /** `aws:ResourceTag/<key>` must equal each of the target's tags. */
    const onlyTagged = (component: string) => ({
      StringEquals: Object.fromEntries(Object.entries(tagsOf(component)).map(([k, v]) => [`aws:ResourceTag/${k}`, v])),
    });
    const resourceTags = (component: string) => Object.entries(tagsOf(component)).map(([key, value]) => ({ key, value }));
    const trust = (service: string) => pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    });
    // FIS delivers experiment logs to CloudWatch Logs through a log delivery it sets up with the role.
    const logDelivery: Statement = {
      Sid: "ExperimentLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"],
      Resource: "*",
    };
    const instances = pulumi.interpolate`arn:${partition}:ec2:${region}:${account}:instance/*`;
    const replicationGroups = pulumi.interpolate`arn:${partition}:elasticache:${region}:${account}:replicationgroup:*`;
    const ssmArn = (resource: string) => pulumi.interpolate`arn:${partition}:ssm:${region}:${account}:${resource}`;

    for (const drill of args.drills) {
      const id = drill.id;
      let statements: Statement[];
      let actions: aws.types.input.fis.ExperimentTemplateAction[];
      let targets: aws.types.input.fis.ExperimentTemplateTarget[] = [];
      const extraDependencies: pulumi.Resource[] = [];
      const appTarget = (selectionMode: string): aws.types.input.fis.ExperimentTemplateTarget => ({
        name: "app-instances",
        resourceType: "aws:ec2:instance",
        resourceTags: resourceTags("app"),
        filters: [{ path: "State.Name", values: ["running"] }],
        selectionMode,
      });

      switch (id) {
        case "terminate-app-instance":
          targets = [appTarget("COUNT(1)")];
          actions = [{ name: "terminate", actionId: "aws:ec2:terminate-instances", description: drill.description, target: { key: "Instances", value: "app-instances" } }];
          statements = [
            { Sid: "TerminateTaggedAppInstances", Effect: "Allow", Action: "ec2:TerminateInstances", Resource: instances, Condition: onlyTagged("app") },
            { Sid: "FindTargets", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
          ];
          break;
        case "stress-app-cpu":
          targets = [appTarget("ALL")];
          actions = [{
            name: "cpu-stress",
            actionId: "aws:ssm:send-command",
            description: drill.description,
            target: { key: "Instances", value: "app-instances" },
            parameters: [
              { key: "documentArn", value: pulumi.interpolate`arn:${partition}:ssm:${region}::document/${CPU_STRESS_DOCUMENT}` },
              { key: "documentParameters", value: JSON.stringify({ DurationSeconds: String(drill.faultMinutes * 60), InstallDependencies: "True" }) },
              { key: "duration", value: iso(drill.faultMinutes) },
            ],
          }];
          statements = [
            { Sid: "RunOnTaggedAppInstances", Effect: "Allow", Action: "ssm:SendCommand", Resource: instances, Condition: onlyTagged("app") },
            { Sid: "RunTheStressDocument", Effect: "Allow", Action: "ssm:SendCommand", Resource: pulumi.interpolate`arn:${partition}:ssm:${region}::document/${CPU_STRESS_DOCUMENT}` },
            { Sid: "FollowCommands", Effect: "Allow", Action: ["ssm:ListCommands", "ssm:CancelCommand"], Resource: "*" },
            { Sid: "FindTargets", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
          ];
          break;
        case "failover-cache-primary": {
          if (!args.cache) throw new Error(`Drills "${name}": drill "${id}" needs args.cache (a replicated cache)`);
          const automation = this.failoverAutomation(`${name}-${id}`, `${prefix}-cache-failover`, args.cache.replicationGroupId, trust, replicationGroups, onlyTagged("cache"));
          extraDependencies.push(automation.document);
          actions = [{
            name: "failover",
            actionId: "aws:ssm:start-automation-execution",
            description: drill.description,
            parameters: [
              { key: "documentArn", value: ssmArn(`document/${automation.documentName}`) },
              { key: "documentParameters", value: pulumi.jsonStringify({ AutomationAssumeRoleArn: automation.role.arn, ReplicationGroupId: args.cache.replicationGroupId, NodeGroupId: "0001" }) },
              { key: "maxDuration", value: iso(drill.maxRunMinutes) },
            ],
          }];
          statements = [
            { Sid: "StartTheFailoverRunbook", Effect: "Allow", Action: "ssm:StartAutomationExecution", Resource: ssmArn(`automation-definition/${automation.documentName}:*`) },
            { Sid: "FollowTheRunbook", Effect: "Allow", Action: ["ssm:GetAutomationExecution", "ssm:StopAutomationExecution"], Resource: ssmArn("automation-execution/*") },
            { Sid: "HandTheRunbookItsRole", Effect: "Allow", Action: "iam:PassRole", Resource: automation.role.arn, Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } } },
          ];
          break;
        }
        case "interrupt-cache-az": {
          if (!args.cache) throw new Error(`Drills "${name}": drill "${id}" needs args.cache (a Multi-AZ cache)`);
          const firstZone = aws.getAvailabilityZonesOutput({ state: "available" }, child).names.apply((names) => names[0]);
          targets = [{
            name: "cache",
            resourceType: "aws:elasticache:replicationgroup",
            // Replication groups are found by tags only (FIS takes no ARNs for this type).
            resourceTags: resourceTags("cache"),
            parameters: { availabilityZoneIdentifier: firstZone },
            selectionMode: "ALL",
          }];
          actions = [{
            name: "az-power",
            actionId: "aws:elasticache:replicationgroup-interrupt-az-power",
            description: drill.description,
            target: { key: "ReplicationGroups", value: "cache" },
            parameters: [{ key: "duration", value: iso(drill.faultMinutes) }],
          }];
          statements = [
            { Sid: "InterruptTaggedCache", Effect: "Allow", Action: "elasticache:InterruptClusterAzPower", Resource: replicationGroups, Condition: onlyTagged("cache") },
            { Sid: "FindTargets", Effect: "Allow", Action: ["elasticache:DescribeReplicationGroups", "tag:GetResources"], Resource: "*" },
          ];
          break;
        }
      }

      const role = new aws.iam.Role(`${name}-${id}`, {
        description: `FIS experiment role for the ${id} drill: acts only on resources tagged ${Object.entries(tagsOf(id.includes("cache") ? "cache" : "app")).map(([k, v]) => `${k}=${v}`).join(", ")}`,
        assumeRolePolicy: trust("fis.amazonaws.com"),
      }, child);
      new aws.iam.RolePolicy(`${name}-${id}`, {
        role: role.id,
        policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [...statements, logDelivery] }),
      }, child);
      this.roles[id] = role;

      this.templates[id] = new aws.fis.ExperimentTemplate(`${name}-${id}`, {
        description: `${drill.title}: ${drill.description}`.slice(0, 512),
        roleArn: role.arn,
        actions,
        targets: targets.length > 0 ? targets : undefined,
        stopConditions: args.stopAlarmArns.map((value) => ({ source: "aws:cloudwatch:alarm", value })),
        logConfiguration: {
          logSchemaVersion: 2,
          cloudwatchLogsConfiguration: { logGroupArn: pulumi.interpolate`${this.logGroup.arn}:*` },
        },
        experimentOptions: { accountTargeting: "single-account", emptyTargetResolutionMode: "fail" },
        tags: { Name: `${prefix}-${id}`, drill: id },
      }, { parent: this, dependsOn: extraDependencies });
    }

    this.registerOutputs({ templateIds: Object.fromEntries(Object.entries(this.templates).map(([k, t]) => [k, t.id])) });
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
