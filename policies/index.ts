/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack policies`.
 *
 * This file only constructs the PolicyPack: its constructor reads ./package.json and starts
 * the analyzer's gRPC server, so tests and the plan never import it; they use the plain
 * modules (`pack.ts`, `offline.ts`).
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, PACK_POLICIES } from "./pack";

new PolicyPack(PACK_NAME, {
  description: "CutListCreator guardrails: cost within the milestone's band, capacity for its targets, security baseline, stateful safety.",
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies: [...PACK_POLICIES],
});
