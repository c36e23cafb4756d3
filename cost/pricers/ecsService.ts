/**
 * aws:ecs/service:Service — on Fargate, its tasks' vCPU and memory (from the task definition)
 * × the desired count, every hour, at the architecture's price, plus ephemeral storage above
 * the free 20 GB. On the EC2 launch type the tasks run on the cluster's instances, which are
 * billed on their Auto Scaling group or instances: the service itself is free. With an
 * Application Auto Scaling target on the service, the worst case is its maxCapacity.
 */
import type { ResourceRecord } from "../../model/records";
import { list, num, obj, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, joinNotes, noPriceFor } from "../lines";
import { fargatePrices, type FargatePrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export const TASK_DEFINITION_TYPE = "aws:ecs/taskDefinition:TaskDefinition";
const CLUSTER_CAPACITY_PROVIDERS_TYPE = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders";
const SCALING_TARGET_TYPE = "aws:appautoscaling/target:Target";

export interface FargateTask {
  readonly vcpu: number;
  readonly memoryGb: number;
  /** "X86_64" (the default) or "ARM64". */
  readonly architecture: string;
  /** LINUX (the default) or a WINDOWS_* family. */
  readonly os: string;
  /** GiB of ephemeral storage (20 included). */
  readonly ephemeralGb: number;
}

export interface EcsServiceInput {
  readonly region: string;
  /** FARGATE, FARGATE_SPOT (any share of it), EC2 or EXTERNAL. */
  readonly launchType: string;
  readonly desiredCount: number;
  readonly desiredCountSet: boolean;
  /** From an Application Auto Scaling target on the service, if the program has one. */
  readonly maxCount?: number;
  /** Undefined when the task definition is not in the program or its size is unknown. */
  readonly task?: FargateTask;
}

/** Task-level CPU: CPU units ("256", 1024 per vCPU) or "0.25 vCPU". */
export function parseVcpu(value: unknown): number | undefined {
  const s = typeof value === "number" ? String(value) : str(value);
  if (s === undefined) return undefined;
  const vcpu = /^\s*([\d.]+)\s*vcpu\s*$/i.exec(s);
  if (vcpu) return Number(vcpu[1]);
  const units = num(s);
  return units === undefined ? undefined : units / 1024;
}

/** Task-level memory: MiB ("512") or "1 GB" / "1GB". */
export function parseMemoryGb(value: unknown): number | undefined {
  const s = typeof value === "number" ? String(value) : str(value);
  if (s === undefined) return undefined;
  const gb = /^\s*([\d.]+)\s*gb\s*$/i.exec(s);
  if (gb) return Number(gb[1]);
  const mib = num(s);
  return mib === undefined ? undefined : mib / 1024;
}

function launchTypeOf(strategies: unknown[]): string | undefined {
  const providers = strategies.map((s) => str(obj(s)?.capacityProvider));
  if (providers.length === 0) return undefined;
  if (providers.includes("FARGATE_SPOT")) return "FARGATE_SPOT";
  if (providers.every((p) => p === "FARGATE")) return "FARGATE";
  return "EC2"; // a custom capacity provider is an Auto Scaling group
}

/** The launch type: `launchType`, else the service's capacity provider strategy, else the cluster's default, else EC2 (AWS's default). */
function resolveLaunchType(record: ResourceRecord, ctx: MapContext): string {
  const explicit = str(record.inputs.launchType);
  if (explicit) return explicit;
  const own = launchTypeOf(list(record.inputs.capacityProviderStrategies));
  if (own) return own;
  const cluster = ctx.dependenciesOfType(record, "aws:ecs/cluster:Cluster")[0];
  const defaults = cluster ? ctx.dependentsOfType(cluster, CLUSTER_CAPACITY_PROVIDERS_TYPE)[0] : undefined;
  return launchTypeOf(list(defaults?.inputs.defaultCapacityProviderStrategies)) ?? "EC2";
}

function resolveTask(record: ResourceRecord, ctx: MapContext): FargateTask | undefined {
  const family = str(record.inputs.taskDefinition)?.split(":")[0];
  const def = ctx.dependenciesOfType(record, TASK_DEFINITION_TYPE)[0] ?? ctx.recording.resources.find((r) => r.type === TASK_DEFINITION_TYPE && family !== undefined && str(r.inputs.family) === family);
  if (!def) return undefined;
  const vcpu = parseVcpu(def.inputs.cpu);
  const memoryGb = parseMemoryGb(def.inputs.memory);
  if (vcpu === undefined || memoryGb === undefined) return undefined;
  const platform = obj(def.inputs.runtimePlatform);
  return {
    vcpu,
    memoryGb,
    architecture: str(platform?.cpuArchitecture) ?? "X86_64",
    os: str(platform?.operatingSystemFamily) ?? "LINUX",
    ephemeralGb: num(obj(def.inputs.ephemeralStorage)?.sizeInGib) ?? 20,
  };
}

export function mapEcsService(record: ResourceRecord, ctx: MapContext): EcsServiceInput {
  const desired = num(record.inputs.desiredCount);
  const target = ctx.dependentsOfType(record, SCALING_TARGET_TYPE)[0];
  return {
    region: ctx.regionOf(record),
    launchType: resolveLaunchType(record, ctx),
    desiredCount: desired ?? 0, // the provider's default
    desiredCountSet: desired !== undefined,
    maxCount: num(target?.inputs.maxCapacity),
    task: resolveTask(record, ctx),
  };
}

function fargateLines(task: FargateTask, count: number, p: FargatePrices): CostComponent[] {
  const arm = task.architecture === "ARM64";
  const label = arm ? "Linux/ARM" : "Linux/x86";
  const hours = mul(count, HOURS_PER_MONTH);
  const lines = [
    fixedLine(`Per vCPU per hour (${label})`, "vCPU-hours", mul(task.vcpu, hours), arm ? p.linux_arm_vcpu_hour : p.linux_x86_vcpu_hour),
    fixedLine(`Per GB per hour (${label})`, "GB-hours", mul(task.memoryGb, hours), arm ? p.linux_arm_gb_hour : p.linux_x86_gb_hour),
  ];
  const extra = task.ephemeralGb - p.ephemeral_storage_included_gb;
  if (extra > 0) lines.push(fixedLine("Ephemeral storage (above 20 GB)", "GB-hours", mul(extra, hours), p.ephemeral_storage_gb_hour_over_20));
  return lines;
}

export const ecsServicePricer: Pricer<EcsServiceInput> = {
  type: "aws:ecs/service:Service",
  usageSchema: {},
  map: mapEcsService,
  price(input) {
    if (input.launchType === "EC2") return { status: "free", costComponents: [], note: "EC2 launch type: the tasks run on the cluster's instances, billed on their Auto Scaling group or instances" };
    if (input.launchType === "EXTERNAL") return { status: "not-priced", costComponents: [], note: "ECS Anywhere (EXTERNAL) instance-hours are not in the price file" };
    if (input.launchType === "FARGATE_SPOT") return { status: "not-priced", costComponents: [], note: "Fargate Spot has no fixed rate (a variable discount of up to 70 %)" };
    if (input.launchType !== "FARGATE") return { status: "not-priced", costComponents: [], note: `launch type ${input.launchType}` };
    const p = fargatePrices(input.region);
    if (!p) return noPriceFor(input.region);
    if (!input.task) return { status: "not-priced", costComponents: [], note: "Task definition (with task-level cpu and memory) not found among the service's dependencies" };
    if (input.task.os !== "LINUX") return noPriceFor(input.region, `Fargate ${input.task.os}`);
    const worst = input.maxCount !== undefined && input.maxCount > input.desiredCount ? fargateLines(input.task, input.maxCount, p) : undefined;
    return {
      costComponents: fargateLines(input.task, input.desiredCount, p),
      ...(worst ? { worstCaseCostComponents: worst } : {}),
      note: joinNotes(
        `${input.desiredCount} task${input.desiredCount === 1 ? "" : "s"} × ${input.task.vcpu} vCPU, ${input.task.memoryGb} GB`,
        input.desiredCountSet ? undefined : "desiredCount not set: 0 tasks (the provider's default)",
        worst ? `worst case ${input.maxCount} tasks (its scaling target's maxCapacity)` : undefined,
      ),
    };
  },
};
