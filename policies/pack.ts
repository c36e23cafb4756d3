/**
 * The pack's contents as plain data: its name, default enforcement level and policies, in
 * report order. `index.ts` hands them to `new PolicyPack(...)`; the offline runner reads them
 * here (importing `index.ts` would start the analyzer server).
 */
import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { capacityCacheTier, capacityDbConnections, capacityFleetThroughput, capacityTargetTracking, neonPlanLimits } from "./capacity";
import { costIncreaseLimit, costMonthlyBudget, costResourcesPriced, costWorstCaseBudget } from "./cost";
import type { PlanPolicy } from "./plan-policy";
import { statefulChangeNeedsAllowDataLoss, statefulProtectedInProd } from "./safety";
import {
  albTlsPolicy,
  cloudfrontCustomCertificate,
  cloudfrontOriginHttps,
  cloudfrontHttpsOnly,
  ebsEncrypted,
  ec2ImdsV2Required,
  elasticacheEncrypted,
  publicIngressEntryPointOnly,
  requiredTags,
  s3BucketEncrypted,
  s3PublicAccessBlocked,
  s3TlsOnlyPolicy,
  securityGroupIngress,
  sqsEncrypted,
} from "./security";

export const PACK_NAME = "cutlist-guardrails";

/** Level of a policy that declares none (every policy here declares its own). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

export const COST_POLICIES: readonly PackPolicy[] = [costMonthlyBudget, costWorstCaseBudget, costResourcesPriced];
export const CAPACITY_POLICIES: readonly PackPolicy[] = [capacityFleetThroughput, capacityTargetTracking, capacityDbConnections, neonPlanLimits, capacityCacheTier];
export const SECURITY_POLICIES: readonly PackPolicy[] = [
  ec2ImdsV2Required,
  ebsEncrypted,
  s3BucketEncrypted,
  s3PublicAccessBlocked,
  s3TlsOnlyPolicy,
  elasticacheEncrypted,
  sqsEncrypted,
  cloudfrontHttpsOnly,
  cloudfrontCustomCertificate,
  cloudfrontOriginHttps,
  albTlsPolicy,
  securityGroupIngress,
  publicIngressEntryPointOnly,
  requiredTags,
];
export const SAFETY_POLICIES: readonly PackPolicy[] = [statefulProtectedInProd];

/** Every policy of the CrossGuard pack. */
export const PACK_POLICIES: readonly PackPolicy[] = [...COST_POLICIES, ...CAPACITY_POLICIES, ...SECURITY_POLICIES, ...SAFETY_POLICIES];

/** Checks only the plan runs (they need a base and a diff); configured by the same file. */
export const PLAN_POLICIES: readonly PlanPolicy[] = [costIncreaseLimit, statefulChangeNeedsAllowDataLoss];
