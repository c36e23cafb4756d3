/**
 * Plan-only policies: checks that need a base and a diff, which CrossGuard does not give a
 * policy (an analyzer sees one stack at a time). They have the shape of a CrossGuard policy
 * (name, description, default level, config schema) so the same `--policy-pack-config` file
 * configures them, and the offline runner reports them as verdicts like the others. They are
 * not in the PolicyPack; `pulumi preview` ignores their config keys.
 */
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import type { Estimate } from "../../cost";
import type { PlanDiff } from "../diff";
import type { Recording } from "../../model/records";

export interface PlanValidationArgs {
  /** The head side (what the change would deploy). */
  readonly recording: Recording;
  /** The base side; undefined when the plan has nothing to compare with. */
  readonly base?: Recording;
  /** base → head; undefined without a base. */
  readonly diff?: PlanDiff;
  readonly estimate: Estimate;
  readonly baseEstimate?: Estimate;
  /** `--allow-data-loss` was given. */
  readonly allowDataLoss: boolean;
  getConfig<T extends object>(): T;
  notApplicable(reason?: string): never;
}

export interface PlanViolationOptions {
  /** Report at this level instead of the policy's (e.g. advisory when data loss is allowed). */
  readonly enforcementLevel?: Exclude<EnforcementLevel, "remediate" | "disabled">;
}

export type PlanReportViolation = (message: string, urn?: string, options?: PlanViolationOptions) => void;

export interface PlanPolicy extends Policy {
  validatePlan(args: PlanValidationArgs, reportViolation: PlanReportViolation): void;
}
