/**
 * Stack config and profile validation: each bad value gets one exact message naming the key,
 * the value and what is allowed; a fast-check property over random overrides.
 */
import fc from "fast-check";
import { parseStackConfig } from "../../stacks/config";
import { MILESTONES, MILESTONE_IDS } from "../../stacks/milestones";
import { ConfigError } from "../../stacks/problems";
import Ajv from "ajv";
import { PROFILE_SCHEMA, resolveProfile } from "../../stacks/profile";
import { recordProgram } from "../../plan/record";
import { defineStack } from "../../stacks/program";
import { BASE_CONFIG as BASE, configProblems as problems, STACK_CONTEXT as ctx } from "../helpers";

const withOverrides = (overrides: unknown, milestone = "m2") =>
  problems({ ...BASE, "cutlist:milestone": milestone, "cutlist:overrides": JSON.stringify(overrides) });

test("the committed stacks' config is valid and resolves to m1", () => {
  const cfg = parseStackConfig(BASE, ctx);
  expect(cfg.milestone).toBe("m2");
  expect(cfg.profile).toEqual(MILESTONES.m2);
  expect(cfg.protectData).toBe(true);
  expect(parseStackConfig(BASE, { ...ctx, stack: "dev" }).protectData).toBe(false);
});

test.each(MILESTONE_IDS)("catalog milestone %s passes its own consistency check", (m) => {
  expect(resolveProfile(m, {})).toEqual(MILESTONES[m]);
});

const bad: [string, Record<string, string>, string[]][] = [
  ["unknown milestone", { ...BASE, "cutlist:milestone": "m9" },
    ['cutlist:milestone: "m9" is not allowed: must be one of m1, m2, m3, m4']],
  ["milestone in capitals", { ...BASE, "cutlist:milestone": "M3" },
    ['cutlist:milestone: "M3" is not allowed: must be one of m1, m2, m3, m4 (did you mean "m3"?)']],
  ["missing milestone and e-mail", { "aws:region": "us-east-1" },
    ["cutlist:milestone: (missing) is required: must be one of m1, m2, m3, m4", "cutlist:alertEmail: (missing) is required: must be an e-mail address for alarms"]],
  ["bad region", { ...BASE, "aws:region": "us-east-9x" },
    ['aws:region: "us-east-9x" is not allowed: must be an AWS region such as "us-east-1" (did you mean "us-east-1"?)']],
  ["bad e-mail", { ...BASE, "cutlist:alertEmail": "oncall" },
    ['cutlist:alertEmail: "oncall" is not allowed: must be an e-mail address such as "oncall@example.com"']],
  ["misspelt project key", { ...BASE, "cutlist:milestones": "m2" },
    ['cutlist:milestones: unknown key; did you mean "cutlist:milestone"? Allowed: cutlist:milestone, cutlist:alertEmail, cutlist:overrides, cutlist:capacity, cutlist:commitments, cutlist:certificateArn, cutlist:protectData, cutlist:neonApiKey, cutlist:usage']],
  ["misspelt namespace", { ...BASE, "cutlsit:alertEmail": "x@example.com" },
    ['cutlsit:alertEmail: unknown namespace "cutlsit"; did you mean "cutlist:alertEmail"?']],
  ["overrides not a mapping", { ...BASE, "cutlist:overrides": "app.maxInstances=3" },
    ['cutlist:overrides: "app.maxInstances=3" is not allowed: must be an object (a partial milestone spec) (YAML mapping)']],
  ["bad certificate", { ...BASE, "cutlist:certificateArn": "arn:aws:iam::1:cert" },
    ['cutlist:certificateArn: "arn:aws:iam::1:cert" is not allowed: must be an ACM certificate ARN such as "arn:aws:acm:us-east-1:123456789012:certificate/<uuid>"']],
  ["protectData not boolean", { ...BASE, "cutlist:protectData": "yes" },
    ['cutlist:protectData: "yes" is not allowed: must be true or false']],
  ["capacity with a typo and a bad headroom", { ...BASE, "cutlist:capacity": JSON.stringify({ rpsPerInstanse: 150, headroom: 0.5 }) },
    ['cutlist:capacity.rpsPerInstanse: unknown key; did you mean "rpsPerInstance"? Allowed keys here: rpsPerInstance, rpsByInstanceType, headroom',
      "cutlist:capacity.headroom: 0.5 is not allowed: must be a number from 1 to 10 (1.2 = 20 % headroom)"]],
];

test.each(bad)("bad config: %s", (_name, values, expected) => {
  expect(problems(values)).toEqual(expected);
});

const badOverrides: [string, unknown, string, string[]][] = [
  ["unknown key with suggestion", { app: { maxInstnces: 3 } }, "m2",
    ['cutlist:overrides.app.maxInstnces: unknown key; did you mean "maxInstances"? Allowed keys here: instanceType, minInstances, maxInstances, loadBalancer, rootVolumeGb, autoscaling']],
  ["unknown section", { databse: { maxCu: 2 } }, "m2",
    ['cutlist:overrides.databse: unknown key; did you mean "database"? Allowed keys here: network, app, cache, cdn, database, queue, storage, observability, slo, resilience, capacity, costBand']],
  ["wrong type", { app: { maxInstances: "three" } }, "m2",
    ['cutlist:overrides.app.maxInstances: "three" is not allowed: must be an integer from 1 to 100']],
  ["section replaced by a scalar", { app: 5 }, "m2",
    ["cutlist:overrides.app: 5 is not allowed: must be an object with keys instanceType, minInstances, maxInstances, loadBalancer, rootVolumeGb, autoscaling"]],
  ["max below min", { app: { minInstances: 3, maxInstances: 2 } }, "m3",
    ["cutlist:overrides.app.maxInstances, cutlist:overrides.app.minInstances: app.maxInstances 2 is below app.minInstances 3; maxInstances must be at least minInstances"]],
  ["two instances without an ALB", { app: { maxInstances: 2 } }, "m1",
    ["cutlist:overrides.app.maxInstances: app.maxInstances 2 needs app.loadBalancer true, got false (more than one instance must sit behind an ALB); use maxInstances 1 or loadBalancer true"]],
  ["removing the ALB that the catalog's instances need", { app: { loadBalancer: false } }, "m2",
    ["cutlist:overrides.app.loadBalancer: app.maxInstances 2 needs app.loadBalancer true, got false (more than one instance must sit behind an ALB); use maxInstances 1 or loadBalancer true"]],
  ["cluster mode with one shard", { cache: { shards: 1 } }, "m4",
    ['cutlist:overrides.cache.shards: cache.shards 1 is not allowed for cache.tier "cluster": cluster mode needs at least 2 shards']],
  ["unknown cache tier", { cache: { tier: "redis-cluster" } }, "m2",
    ['cutlist:overrides.cache.tier: "redis-cluster" is not allowed: must be one of "none", "single", "replicated", "cluster"']],
  ["Neon CU spread over 8", { database: { minCu: 0.5, maxCu: 10 } }, "m3",
    ["cutlist:overrides.database.maxCu, cutlist:overrides.database.minCu: database.maxCu 10 is 9.5 CU above database.minCu 0.5; Neon allows a spread of at most 8 CU"]],
  ["Free plan over 2 CU", { database: { plan: "free", maxCu: 4 } }, "m1",
    ["cutlist:overrides.database.maxCu, cutlist:overrides.database.plan: database.maxCu 4 CU is over the free plan's maximum of 2 CU"]],
  ["CU size Neon does not offer", { database: { maxCu: 0.75 } }, "m2",
    ["cutlist:overrides.database.maxCu: 0.75 is not allowed: must be one of 0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16"]],
  ["Free plan cannot stay on", { database: { plan: "free", maxCu: 1, scaleToZero: false } }, "m1",
    ["cutlist:overrides.database.scaleToZero, cutlist:overrides.database.plan: database.scaleToZero false is not allowed on the free plan: Free computes always scale to zero after 5 minutes"]],
  ["API caching without an ALB", { cdn: { mode: "static-api", apiRouting: "all" } }, "m1",
    ['cutlist:overrides.cdn.mode: cdn.mode "static-api" needs app.loadBalancer true, got false (the ALB is the /api/* origin); use "static" or add the ALB']],
  ["log retention CloudWatch refuses", { observability: { logRetentionDays: 10 } }, "m2",
    ["cutlist:overrides.observability.logRetentionDays: 10 is not allowed: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"]],
  ["Standard-IA too early", { storage: { infrequentAccessAfterDays: 7 } }, "m4",
    ["cutlist:overrides.storage.infrequentAccessAfterDays: storage.infrequentAccessAfterDays 7 is not allowed: S3 moves objects to Standard-IA after 30 days at the earliest; use 0 (never) or 30 or more"]],
  ["several problems at once", { app: { minInstances: 0 }, slo: { availability: 1.5 } }, "m2",
    ["cutlist:overrides.app.minInstances: 0 is not allowed: must be an integer from 1 to 100",
      "cutlist:overrides.slo.availability: 1.5 is not allowed: must be a fraction above 0.9 and below 1, such as 0.995"]],
];

test.each(badOverrides)("bad overrides: %s", (_name, overrides, milestone, expected) => {
  expect(withOverrides(overrides, milestone)).toEqual(expected);
});

test("a ConfigError's message lists every problem, one per line", () => {
  try {
    parseStackConfig({ "aws:region": "mars-1" }, ctx);
    throw new Error("expected a ConfigError");
  } catch (e) {
    expect((e as Error).message).toBe([
      "invalid stack configuration (3 problems):",
      "  - cutlist:milestone: (missing) is required: must be one of m1, m2, m3, m4",
      '  - aws:region: "mars-1" is not allowed: must be an AWS region such as "us-east-1"',
      "  - cutlist:alertEmail: (missing) is required: must be an e-mail address for alarms",
    ].join("\n"));
  }
});

/** Random overrides: sometimes valid values, sometimes values or keys that are not. */
const overrideArb = fc.record({
  app: fc.record({
    minInstances: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(0, -1, 2.5)),
    maxInstances: fc.integer({ min: 1, max: 10 }),
    loadBalancer: fc.boolean(),
  }, { requiredKeys: [] }),
  cache: fc.record({
    tier: fc.constantFrom("none", "single", "replicated", "cluster", "memcached"),
    shards: fc.integer({ min: 0, max: 4 }),
    replicasPerShard: fc.integer({ min: 0, max: 6 }),
  }, { requiredKeys: [] }),
  database: fc.record({
    minCu: fc.constantFrom(0.25, 0.5, 1, 2, 0.3),
    maxCu: fc.constantFrom(0.25, 1, 2, 4, 9, 12),
    plan: fc.constantFrom("free", "launch", "scale", "pro"),
  }, { requiredKeys: [] }),
  cdn: fc.record({ mode: fc.constantFrom("none", "static", "static-api", "edge") }, { requiredKeys: [] }),
  bogus: fc.constant(1),
}, { requiredKeys: [] });

test("property: random overrides either declare resources or fail with messages naming their key", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...MILESTONE_IDS), overrideArb, async (milestone, overrides) => {
      let cfg;
      try {
        cfg = parseStackConfig({ ...BASE, "cutlist:milestone": milestone, "cutlist:overrides": JSON.stringify(overrides) }, ctx);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        expect(e.problems.length).toBeGreaterThan(0);
        for (const p of e.problems) expect(p).toMatch(/^cutlist:overrides\.[a-zA-Z.]+(, cutlist:overrides\.[a-zA-Z.]+)*: /);
        return;
      }
      const rec = await recordProgram({ project: "cutlist", stack: "prod", config: { ...BASE } }, () => defineStack(cfg));
      const asg = rec.resources.find((r) => r.type === "aws:autoscaling/group:Group" && r.name === "app");
      expect(asg?.inputs).toMatchObject({ minSize: cfg.profile.app.minInstances, maxSize: cfg.profile.app.maxInstances });
      const caches = rec.resources.filter((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup" || r.type === "aws:elasticache/serverlessCache:ServerlessCache");
      expect(caches).toHaveLength(cfg.profile.cache.tier === "none" ? 0 : 1);
    }),
    { numRuns: 60, seed: 20261127 },
  );
});

test("the profile schema is a valid JSON schema (the program compiles it without the meta-schema check)", () => {
  const ajv = new Ajv({ strict: true });
  expect(ajv.validateSchema(PROFILE_SCHEMA)).toBe(true);
  expect(ajv.errors ?? null).toBeNull();
});
