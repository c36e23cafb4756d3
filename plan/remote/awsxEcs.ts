/**
 * `awsx:ecs:FargateService`, `awsx:ecs:EC2Service` and their task definitions (also when
 * declared alone) → the ECS service, the task definition with its CPU, memory and
 * architecture, its log group and IAM roles, and the default security group, from the args
 * and awsx's defaults: pulumi/pulumi-awsx at e60adf3cf01f3ac03cc6bc846cdd0df320afed23
 * (2026-08-20), `awsx/ecs/fargateService.ts`, `ec2Service.ts`, `fargateTaskDefinition.ts`,
 * `ec2TaskDefinition.ts`, `fargateMemoryAndCpu.ts`, `awsx/role.ts`, `awsx/cloudwatch/logGroup.ts`.
 */
import { createHash } from "crypto";
import type { ResourceRecord } from "../../model/records";
import { Children, UNKNOWN } from "./children";
import { CannotExpand, objectArg, without, type Expansion } from "./expander";

const T = {
  service: "aws:ecs/service:Service",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  fargateTaskDefinition: "awsx:ecs:FargateTaskDefinition",
  ec2TaskDefinition: "awsx:ecs:EC2TaskDefinition",
} as const;

type LaunchType = "FARGATE" | "EC2";

/** Task definition args awsx reads itself; the rest go to `aws.ecs.TaskDefinition`. */
const TASK_OWN_ARGS = ["container", "containers", "logGroup", "taskRole", "executionRole"];
/** Service args awsx reads itself; the rest go to `aws.ecs.Service`. */
const SERVICE_OWN_ARGS = ["taskDefinitionArgs", "assignPublicIp", "continueBeforeSteadyState", "useClusterDefaultCapacityProviderStrategy"];

/** role.ts `defaultRoleAssumeRolePolicy`: ECS tasks may assume the role. */
const ASSUME_ROLE_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" }, Effect: "Allow", Sid: "" }] });
/** role.ts: the execution role gets AmazonECSTaskExecutionRolePolicy; the task role none. */
const EXECUTION_POLICY_ARNS = ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"];

/** The security group awsx gives a Fargate service without network configuration (fargateService.ts `getDefaultNetworkConfiguration`). */
const OPEN_SECURITY_GROUP = {
  ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
  egress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
};

/**
 * Fargate's task sizes, vCPU → memory GB (AWS ECS developer guide, "Task CPU and memory":
 * docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html, as awsx
 * lists them in fargateMemoryAndCpu.ts).
 */
const FARGATE_SIZES: readonly { vcpu: number; memGB: readonly number[] }[] = [
  { vcpu: 0.25, memGB: [0.5, 1, 2] },
  { vcpu: 0.5, memGB: range(1, 4) },
  { vcpu: 1, memGB: range(2, 8) },
  { vcpu: 2, memGB: range(4, 16) },
  { vcpu: 4, memGB: range(8, 30) },
  { vcpu: 8, memGB: range(16, 60) },
  { vcpu: 16, memGB: range(32, 120) },
  { vcpu: 32, memGB: [60, 120, 244] },
];

function range(low: number, high: number): number[] {
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}

/**
 * The task size awsx picks when the task definition gives no cpu/memory: the cheapest size
 * that holds the containers' summed cpu units and memory (reservation, else limit), ranked by
 * the x86 Fargate rates awsx ranks with ($0.04048 per vCPU-hour, $0.004445 per GB-hour,
 * fargateMemoryAndCpu.ts). Returned as awsx writes them: CPU units and MiB, as strings.
 * (awsx's table ends up ordered by memory, then vCPU, before it searches; on AWS's grid that
 * first fit is the cheapest fit for every request, checked size by size.)
 */
export function fargateTaskSize(containers: readonly { cpu?: number; memory?: number; memoryReservation?: number }[]): { cpu: string; memory: string } {
  let units = 0;
  let mib = 0;
  for (const c of containers) {
    units += c.cpu ?? 0;
    mib += c.memoryReservation || c.memory || 0;
  }
  const vcpu = units / 1024;
  const gb = mib / 1024;
  const fits = FARGATE_SIZES.flatMap((s) => s.memGB.map((m) => ({ vcpu: s.vcpu, memGB: m }))).filter((s) => s.vcpu >= vcpu && s.memGB >= gb);
  if (fits.length === 0) throw new CannotExpand(`awsx rejects it: the containers ask for ${vcpu} vCPU and ${gb} GB, more than any Fargate task size`);
  const cost = (s: { vcpu: number; memGB: number }) => 0.04048 * s.vcpu + 0.004445 * s.memGB;
  const best = fits.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  return { cpu: `${best.vcpu * 1024}`, memory: `${best.memGB * 1024}` };
}

/** The containers of a task definition's args: `container` or `containers`, exactly one. */
function containersOf(args: Record<string, unknown>): Record<string, unknown>[] {
  if (("container" in args) === ("containers" in args)) throw new CannotExpand("awsx rejects it: exactly one of [container] or [containers] must be provided");
  if ("container" in args) return [objectArg(args, "container")!];
  return Object.entries(objectArg(args, "containers")!).map(([k, c]) => {
    if (!c || typeof c !== "object" || Array.isArray(c)) throw new CannotExpand(`containers.${k} is not an object`);
    return c as Record<string, unknown>;
  });
}

/** A container's cpu, memory or memoryReservation: a number, absent, or unknown (then the task size is unknown). */
function containerNumber(c: Record<string, unknown>, key: string): number | undefined | null {
  if (!(key in c)) return undefined;
  const v = c[key];
  return typeof v === "number" ? v : null;
}

/** The task's cpu and memory: as given, else (Fargate) the size awsx computes from the containers; unknown when a container's figures are. */
function taskSize(args: Record<string, unknown>, launch: LaunchType): Record<string, unknown> {
  const containers = containersOf(args);
  if (launch === "EC2") return {}; // ec2TaskDefinition.ts passes cpu/memory through; none is computed.
  if ("cpu" in args && "memory" in args) return {};
  const figures = containers.map((c) => ({ cpu: containerNumber(c, "cpu"), memory: containerNumber(c, "memory"), memoryReservation: containerNumber(c, "memoryReservation") }));
  const size = figures.some((f) => f.cpu === null || f.memory === null || f.memoryReservation === null)
    ? { cpu: UNKNOWN, memory: UNKNOWN }
    : fargateTaskSize(figures.map((f) => ({ cpu: f.cpu ?? undefined, memory: f.memory ?? undefined, memoryReservation: f.memoryReservation ?? undefined })));
  return { ...("cpu" in args ? {} : { cpu: size.cpu }), ...("memory" in args ? {} : { memory: size.memory }) };
}

/** role.ts `defaultRoleWithPolicies`: a role (and its policy attachments) unless skipped or given by ARN. */
function role(out: Children, parent: ResourceRecord, name: string, options: Record<string, unknown> | undefined, defaultPolicyArns: readonly string[]): ResourceRecord | undefined {
  if (options && "roleArn" in options && "args" in options) throw new CannotExpand("awsx rejects it: a role's args cannot be given with its roleArn");
  if (options?.skip === true || (options && "roleArn" in options)) return undefined;
  const args = { assumeRolePolicy: ASSUME_ROLE_POLICY, policyArns: defaultPolicyArns as unknown, ...(options?.args as Record<string, unknown> | undefined) };
  const assumeRolePolicy = typeof args.assumeRolePolicy === "string" ? args.assumeRolePolicy : JSON.stringify(args.assumeRolePolicy);
  const policyArns = Array.isArray(args.policyArns) ? args.policyArns : [];
  const r = out.add(parent, T.role, name, { ...without(args, ["policyArns"]), assumeRolePolicy });
  // Attachments are named by the first 8 hex digits of the policy ARN's SHA-1 (awsx/utils.ts `sha1hash`).
  for (const arn of policyArns) {
    if (typeof arn !== "string") throw new CannotExpand(`${name}: a policy ARN is unknown at preview`);
    out.add(parent, T.rolePolicyAttachment, `${name}-${createHash("sha1").update(arn).digest("hex").slice(0, 8)}`, { role: UNKNOWN, policyArn: arn }, { dependsOn: [r] });
  }
  return r;
}

/**
 * A task definition's resources under `parent` (its awsx component): the log group (unless
 * skipped or existing), the task and execution roles, and the task definition itself
 * (fargateTaskDefinition.ts / ec2TaskDefinition.ts, in that order).
 */
function taskDefinitionChildren(out: Children, parent: ResourceRecord, name: string, args: Record<string, unknown>, launch: LaunchType): ResourceRecord {
  const size = taskSize(args, launch);
  const logGroup = objectArg(args, "logGroup");
  if (logGroup && "existing" in logGroup && "args" in logGroup) throw new CannotExpand("awsx rejects it: log group args cannot be given with an existing log group");
  if (logGroup?.skip !== true && !(logGroup && "existing" in logGroup)) {
    out.add(parent, T.logGroup, name, { ...(logGroup?.args as Record<string, unknown> | undefined) });
  }
  const taskRole = role(out, parent, `${name}-task`, objectArg(args, "taskRole"), []);
  const executionRole = role(out, parent, `${name}-execution`, objectArg(args, "executionRole"), EXECUTION_POLICY_ARNS);
  const own = without(args, TASK_OWN_ARGS);
  const common = { taskRoleArn: UNKNOWN, executionRoleArn: UNKNOWN, family: "family" in args ? args.family : UNKNOWN, containerDefinitions: UNKNOWN };
  const inputs = launch === "FARGATE"
    ? { ...own, ...size, requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", ...common }
    : { networkMode: "awsvpc", ...own, requiresCompatibilities: ["EC2"], ...common };
  return out.add(parent, T.taskDefinition, name, inputs, { dependsOn: [taskRole, executionRole].filter((r): r is ResourceRecord => r !== undefined) });
}

function sizeText(td: ResourceRecord): string {
  const { cpu, memory, runtimePlatform } = td.inputs as { cpu?: unknown; memory?: unknown; runtimePlatform?: { cpuArchitecture?: unknown } };
  const arch = typeof runtimePlatform?.cpuArchitecture === "string" ? runtimePlatform.cpuArchitecture : "X86_64";
  const known = typeof cpu === "string" || typeof cpu === "number";
  return known ? `task ${Number(cpu) / 1024} vCPU, ${Number(memory) / 1024} GB, ${arch}` : "task size unknown at preview";
}

function expandService(component: ResourceRecord, launch: LaunchType): Expansion {
  const args = component.inputs;
  const name = component.name;
  if ("taskDefinition" in args && "taskDefinitionArgs" in args) throw new CannotExpand("awsx rejects it: only one of `taskDefinition` or `taskDefinitionArgs` can be provided");
  if (!("taskDefinition" in args) && !("taskDefinitionArgs" in args)) throw new CannotExpand("awsx rejects it: either `taskDefinition` or `taskDefinitionArgs` must be provided");
  if ("capacityProviderStrategies" in args && args.useClusterDefaultCapacityProviderStrategy) {
    throw new CannotExpand("awsx rejects it: only one of `capacityProviderStrategies` or `useClusterDefaultCapacityProviderStrategy` can be provided");
  }
  if (launch === "FARGATE" && "networkConfiguration" in args && "assignPublicIp" in args) throw new CannotExpand("awsx rejects it: only one of `networkConfiguration` or `assignPublicIp` can be provided");
  const out = new Children(component);

  let taskDefinition: ResourceRecord | undefined;
  const tdArgs = objectArg(args, "taskDefinitionArgs");
  if (tdArgs) {
    const tdComponent = out.add(component, launch === "FARGATE" ? T.fargateTaskDefinition : T.ec2TaskDefinition, name, {}, { custom: false });
    taskDefinition = taskDefinitionChildren(out, tdComponent, name, tdArgs, launch);
  }
  let networkConfiguration: Record<string, unknown> = "networkConfiguration" in args ? { networkConfiguration: args.networkConfiguration } : {};
  if (launch === "FARGATE" && !("networkConfiguration" in args)) {
    // The default VPC's private subnets (public ones with assignPublicIp) and an open security group.
    out.add(component, T.securityGroup, `${name}-sg`, { vpcId: UNKNOWN, ...OPEN_SECURITY_GROUP });
    networkConfiguration = { networkConfiguration: { subnets: UNKNOWN, assignPublicIp: "assignPublicIp" in args ? args.assignPublicIp : false, securityGroups: [UNKNOWN] } };
  }
  // Capacity provider strategies (given or the cluster's) replace the launch type.
  const launchType = "capacityProviderStrategies" in args || args.useClusterDefaultCapacityProviderStrategy ? {} : { launchType: launch };
  const continueBefore = args.continueBeforeSteadyState;
  const service = out.add(component, T.service, name, {
    // fargateService.ts: `desiredCount: 1, ...args`; ec2Service.ts sets no default (the schema: "Defaults to 0").
    ...(launch === "FARGATE" ? { desiredCount: 1 } : {}),
    ...without(args, SERVICE_OWN_ARGS),
    ...networkConfiguration,
    ...launchType,
    waitForSteadyState: continueBefore === undefined && !("continueBeforeSteadyState" in args) ? true : typeof continueBefore === "boolean" ? !continueBefore : UNKNOWN,
    taskDefinition: "taskDefinition" in args ? args.taskDefinition : UNKNOWN,
  }, { dependsOn: taskDefinition ? [taskDefinition] : [] });
  const count = service.inputs.desiredCount;
  const tasks = typeof count === "number" ? `${count} task${count === 1 ? "" : "s"}${"desiredCount" in args ? "" : " (awsx's default)"}` : count === undefined && "desiredCount" in args ? "task count unknown at preview" : "no desired count";
  const size = taskDefinition ? `, ${sizeText(taskDefinition)}` : ", task definition given by ARN";
  return { children: out.records, summary: `${launch === "FARGATE" ? "Fargate" : "EC2"} service, ${tasks}${size}` };
}

export function expandAwsxFargateService(component: ResourceRecord): Expansion {
  return expandService(component, "FARGATE");
}

export function expandAwsxEc2Service(component: ResourceRecord): Expansion {
  return expandService(component, "EC2");
}

/** A task definition component declared on its own (e.g. for `run`): its children directly under it. */
function expandTaskDefinition(component: ResourceRecord, launch: LaunchType): Expansion {
  const out = new Children(component);
  const td = taskDefinitionChildren(out, component, component.name, component.inputs, launch);
  return { children: out.records, summary: `${launch === "FARGATE" ? "Fargate" : "EC2"} task definition, ${sizeText(td)} (no service runs it)` };
}

export function expandAwsxFargateTaskDefinition(component: ResourceRecord): Expansion {
  return expandTaskDefinition(component, "FARGATE");
}

export function expandAwsxEc2TaskDefinition(component: ResourceRecord): Expansion {
  return expandTaskDefinition(component, "EC2");
}
