/**
 * The offline runner: the pack and the plan-only policies over real recordings of our program
 * (both stacks at every milestone), config as `--policy-pack-config` takes it, and the
 * verdict shape the plan renders.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyConfigError } from "../../plan/guardrails/config";
import { checkPolicyPackConfig, evaluatePolicies, hasMandatoryFailure, loadPolicyPackConfig, type Verdict } from "../../plan/guardrails/offline";
import { PLAN_POLICIES } from "../../plan/guardrails/planPolicies";
import { PACK_POLICIES } from "../../policies/pack";
import { MILESTONE_IDS, MILESTONES } from "../../stacks/milestones";
import type { PolicyPackConfigFile } from "../../plan/guardrails/config";
import { recorded, STACKS } from "../helpers";

const EXAMPLE = path.resolve(__dirname, "../../policies/config.example.json");

/**
 * The team's guardrail config (what `npm run plan` uses by default): approved budgets per
 * milestone above the seed's bands at m2-m4, a deliberate exception the README explains
 * with numbers. Without it, the budget policy holds m2-m4 (tested below).
 */
const GUARDRAILS = loadPolicyPackConfig(path.resolve(__dirname, "../../policies/guardrails.json"));

const verdicts = new Map<string, Promise<Verdict[]>>();

/** The verdicts on a stack at a milestone under the team's config, evaluated once per file. */
function verdictsOf(stack: string, m: string): Promise<Verdict[]> {
  const key = `${stack}-${m}`;
  let vs = verdicts.get(key);
  if (!vs) verdicts.set(key, (vs = recorded(stack, m).then((recording) => evaluatePolicies({ recording, config: GUARDRAILS }))));
  return vs;
}

const describeFailures = (vs: Verdict[]) => vs.filter((v) => !v.passed).map((v) => `${v.policy} [${v.enforcementLevel}] ${v.resourceName ?? "(stack)"}: ${v.message}`);

describe("the catalog: both stacks at every milestone", () => {
  const cells = STACKS.flatMap((s) => MILESTONE_IDS.map((m) => [s, m] as const));

  test.each(cells)("%s at %s breaks no mandatory policy", async (stack, m) => {
    const vs = await verdictsOf(stack, m);
    const failed = vs.filter((v) => v.mandatory && !v.passed);
    expect(describeFailures(failed)).toEqual([]);
  });

  test.each(cells)("%s at %s: every policy answers (one passed verdict, or its violations)", async (stack, m) => {
    const vs = await verdictsOf(stack, m);
    for (const p of [...PACK_POLICIES, ...PLAN_POLICIES]) expect({ policy: p.name, answered: vs.some((v) => v.policy === p.name) }).toEqual({ policy: p.name, answered: true });
    for (const v of vs) {
      expect(["advisory", "mandatory", "disabled"]).toContain(v.enforcementLevel);
      expect(v.mandatory).toBe(v.enforcementLevel === "mandatory");
      if (!v.passed) expect(v.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  test("no policy is blinded: the security, capacity and safety policies all apply to prod at m4", async () => {
    const notApplicable = (await verdictsOf("prod", "m4")).filter((v) => v.passed && v.message.startsWith("Not applicable"));
    // Besides the two that need a base: CloudFront pays as you go (no flat-rate allowance), the
    // cache is serverless (always encrypted, nothing to configure), Neon is on Launch, not Free;
    // and the policies for types our stacks do not declare (RDS, Lambda function URLs, MemoryDB,
    // the VPC's default security group).
    const otherTypes = ["default-security-group-closed", "lambda-function-url-auth", "memorydb-tls-enabled", "rds-not-publicly-accessible", "rds-storage-encrypted"];
    expect(notApplicable.map((v) => v.policy).sort()).toEqual(["cloudfront-flat-rate-allowance", "cost-increase-limit", "elasticache-encrypted", "neon-free-plan-allowance", ...otherTypes, "stateful-change-needs-allow-data-loss"].sort());
    for (const v of notApplicable.filter((x) => otherTypes.includes(x.policy))) expect(v.message).toMatch(/^Not applicable: no aws:/);
  });

  test("prod protects every stateful resource, dev need not", async () => {
    expect((await verdictsOf("prod", "m4")).find((v) => v.policy === "stateful-protected-in-prod")).toMatchObject({ passed: true, message: expect.stringMatching(/^Passed: \d+ resources checked/) });
    expect((await verdictsOf("dev", "m4")).find((v) => v.policy === "stateful-protected-in-prod")?.message).toMatch(/^Not applicable/);
  });

  test("by default each milestone fits its approved budget; held to the seed bands, m1-m3 (the optimizer's proven gaps) fail, naming the ceiling and the estimate", async () => {
    const verdict = async (m: string, config?: PolicyPackConfigFile) => (await evaluatePolicies({ recording: await recorded("prod", m), ...(config ? { config } : {}) })).find((x) => x.policy === "cost-monthly-budget")!;
    for (const m of MILESTONE_IDS) expect(await verdict(m)).toMatchObject({ enforcementLevel: "mandatory", passed: true });
    const seedBands = { "cost-monthly-budget": { budgetsUsd: Object.fromEntries(MILESTONE_IDS.map((m) => [m, MILESTONES[m].costBand.maxUsd])) } };
    expect(await verdict("m4", seedBands)).toMatchObject({ passed: true });
    for (const [m, ceiling] of [["m1", "30.00"], ["m2", "60.00"], ["m3", "120.00"]]) {
      expect(await verdict(m, seedBands)).toMatchObject({ mandatory: true, passed: false, message: expect.stringContaining(`within $${ceiling} (budgetsUsd.${m}; seed band ceiling $${ceiling}); it is $`) });
    }
  });
});

describe("plan-only policies over a diff", () => {
  test("a demotion m4 → m1 deletes stateful resources: mandatory unless --allow-data-loss", async () => {
    const base = await recorded("prod", "m4");
    const head = await recorded("prod", "m1");
    const refused = (await evaluatePolicies({ recording: head, base })).filter((v) => v.policy === "stateful-change-needs-allow-data-loss");
    expect(refused.every((v) => !v.passed && v.mandatory)).toBe(true);
    expect(refused.map((v) => v.resourceName)).toEqual(expect.arrayContaining(["storage-files", "cache"]));
    expect(refused.map((v) => v.resourceName)).not.toContain("cdn-assets"); // rebuildable: no data to lose
    const allowed = (await evaluatePolicies({ recording: head, base, allowDataLoss: true })).filter((v) => v.policy === "stateful-change-needs-allow-data-loss");
    expect(allowed.map((v) => [v.resourceName, v.enforcementLevel, v.mandatory])).toEqual(refused.map((v) => [v.resourceName, "advisory", false]));
  });

  test("cost-increase-limit compares the expected cost of head and base", async () => {
    const base = await recorded("dev", "m1");
    const head = await recorded("dev", "m2");
    const vs = await evaluatePolicies({ recording: head, base, config: { "cost-increase-limit": { enforcementLevel: "mandatory", maxIncreaseUsd: 20 } } });
    const v = vs.find((x) => x.policy === "cost-increase-limit")!;
    expect(v).toMatchObject({ passed: false, mandatory: true, message: expect.stringMatching(/^Keep the monthly cost increase within \$20\.00; this change raises it \$\d+\.\d\d → \$\d+\.\d\d/) });
    expect(hasMandatoryFailure(vs)).toBe(true);
  });
});

describe("--policy-pack-config", () => {
  const rec = () => recorded("dev", "m2");

  test("the example file is valid and configures the policies it names", async () => {
    const config = loadPolicyPackConfig(EXAMPLE);
    const vs = await evaluatePolicies({ recording: await rec(), config });
    expect(vs.find((v) => v.policy === "cost-worst-case-budget")?.enforcementLevel).toBe("advisory");
  });

  test('"all": "advisory" leaves no mandatory verdict', async () => {
    const vs = await evaluatePolicies({ recording: await rec(), config: { all: "advisory" } });
    expect(vs.filter((v) => v.mandatory)).toEqual([]);
    expect(hasMandatoryFailure(vs)).toBe(false);
  });

  test('a policy\'s own level wins over "all"; "disabled" answers once', async () => {
    const vs = await evaluatePolicies({ recording: await rec(), config: { all: "advisory", "required-tags": "mandatory", "ec2-imdsv2-required": "disabled" } });
    expect(vs.find((v) => v.policy === "required-tags")?.enforcementLevel).toBe("mandatory");
    expect(vs.filter((v) => v.policy === "ec2-imdsv2-required")).toEqual([
      { policy: "ec2-imdsv2-required", enforcementLevel: "disabled", mandatory: false, passed: true, message: "Disabled by the policy-pack config." },
    ]);
  });

  test("properties reach the policy: a $1 budget", async () => {
    const vs = await evaluatePolicies({ recording: await rec(), config: { "cost-monthly-budget": { budgetUsd: 1 } } });
    expect(vs.find((v) => v.policy === "cost-monthly-budget")).toMatchObject({ passed: false, message: expect.stringMatching(/within \$1\.00 \(budgetUsd\)/) });
  });

  const BAD: [string, unknown, RegExp][] = [
    ["an unknown policy, with a hint", { "cost-monthly-budgt": "advisory" }, /"cost-monthly-budgt": unknown policy; did you mean "cost-monthly-budget"\?/],
    ["an invalid level", { "ec2-imdsv2-required": "blocking" }, /"ec2-imdsv2-required": "blocking" is not allowed: must be one of "advisory", "mandatory", "remediate", "disabled"/],
    ["a value outside the schema", { "cost-monthly-budget": { budgetUsd: -5 } }, /"cost-monthly-budget"\.budgetUsd: -5 is not allowed: must be >= 0/],
    ["an unknown nested key, with its own allowed keys", { "cost-monthly-budget": { budgetsUsd: { m5: 3 } } }, /"cost-monthly-budget"\.budgetsUsd\.m5: unknown key; did you mean "m1"\? allowed keys: m1, m2, m3, m4/],
    ["a wrong type", { "capacity-fleet-throughput": { rpsPerInstance: "200" } }, /"capacity-fleet-throughput"\.rpsPerInstance: "200" is not allowed: must be number/],
    ["a value outside an enum", { "capacity-cache-tier": { tier: "huge" } }, /"capacity-cache-tier"\.tier: "huge" is not allowed: must be one of "none", "single", "replicated", "cluster"/],
    ["an unknown key, with a hint", { "security-group-ingress": { publicPort: [80] } }, /"security-group-ingress"\.publicPort: unknown key; did you mean "publicPorts"\? allowed keys: enforcementLevel, publicPorts/],
    ["a plan-only policy without a level", { "cost-increase-limit": { maxIncreasePercent: 10 } }, /"cost-increase-limit"\.enforcementLevel: missing/],
    ["not an object", ["advisory"], /must be an object of policy name/],
  ];

  test.each(BAD)("refuses %s", (_title, config, message) => {
    expect(() => checkPolicyPackConfig(config)).toThrow(PolicyConfigError);
    expect(() => checkPolicyPackConfig(config)).toThrow(message);
  });

  test("a config file that is not JSON names the file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "bad.json");
    fs.writeFileSync(file, "{ all: advisory }");
    expect(() => loadPolicyPackConfig(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: not valid JSON`));
  });
});
