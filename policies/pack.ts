/**
 * The pack's contents as plain data: its name, default enforcement level and policies, in
 * report order. Each policy registers itself beside its definition (`registry.ts`); loading
 * the area files below, in this order, is what puts them in the pack. `index.ts` hands them to
 * `new PolicyPack(...)`; the offline runner (plan/guardrails) reads them here, since importing
 * `index.ts` would start the analyzer server.
 *
 * Security policies, AWSGuard style: one const per policy, one file per service, provider
 * defaults handled explicitly. A value that is merely unknown during a preview (an Output of
 * another resource) is never a violation; a value the program leaves out is one where the
 * provider's or AWS's default is insecure (IMDS tokens optional, unencrypted EBS, RDS and
 * ElastiCache, the 2016 ELB TLS policy), and is not where AWS's default is secure (SQS SSE-SQS
 * since 2022, S3 SSE-S3 since 2023-01-05 and Block Public Access since 2023-04, MemoryDB TLS).
 *
 * Project-specific policies (our tags, milestone budgets and capacity targets, prod data
 * protection) judge this repository's stacks only, unless their config applies them to
 * another program (ours.ts).
 */
import type { EnforcementLevel } from "@pulumi/policy";
import "./cost";
import "./capacity";
import "./security/ec2";
import "./security/s3";
import "./security/rds";
import "./security/elasticache";
import "./security/memorydb";
import "./security/sqs";
import "./security/lambda";
import "./security/cloudfront";
import "./security/alb";
import "./security/network";
import "./security/tags";
import "./safety";
import { registeredPolicies, type PackPolicy } from "./registry";

export type { PackPolicy };

export const PACK_NAME = "cutlist-guardrails";

/** Level of a policy that declares none (every policy here declares its own). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

/** Every policy of the CrossGuard pack, in report order. */
export const PACK_POLICIES: readonly PackPolicy[] = registeredPolicies();
