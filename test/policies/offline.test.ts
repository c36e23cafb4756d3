/**
 * The offline runner: the pack and the plan-only policies over real recordings of our program
 * (both stacks at every milestone), config as `--policy-pack-config` takes it, and the
 * verdict shape the plan renders.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Recording } from "../../model/records";
import { PolicyConfigError } from "../../plan/guardrails/config";
import { checkPolicyPackConfig, evaluatePolicies, hasMandatoryFailure, loadPolicyPackConfig, type Verdict } from "../../plan/guardrails/offline";
import { PLAN_POLICIES } from "../../plan/guardrails/planPolicies";
import { PACK_POLICIES } from "../../policies/pack";
import { MILESTONE_IDS } from "../../stacks/milestones";
import { record, STACKS } from "../helpers";

const EXAMPLE = path.resolve(__dirname, "../../policies/config.example.json");

/**
 * The team's guardrail config (what `npm run plan` uses by default): approved budgets per
 * milestone above the seed's bands at m2-m4, a deliberate exception the README explains
 * with numbers. Without it, the budget policy holds m2-m4 (tested below).
 */
const GUARDRAILS = loadPolicyPackConfig(path.resolve(__dirname, "../../policies/guardrails.json"));

const recordings = new Map<string, Recording>();
const verdicts = new Map<string, Verdict[]>();

beforeAll(async () => {
  for (const stack of STACKS) {
    for (const m of MILESTONE_IDS) {
      const rec = await record(stack, m);
      recordings.set(`${stack}-${m}`, rec);
      verdicts.set(`${stack}-${m}`, await evaluatePolicies({ recording: rec, config: GUARDRAILS }));
    }
  }
});

const describeFailures = (vs: Verdict[]) => vs.filter((v) => !v.passed).map((v) => `${v.policy} [${v.enforcementLevel}] ${v.resourceName ?? "(stack)"}: ${v.message}`);

describe("the catalog: both stacks at every milestone", () => {
  const cells = STACKS.flatMap((s) => MILESTONE_IDS.map((m) => [s, m] as const));

  test.each(cells)("%s at %s breaks no mandatory policy", (stack, m) => {
    const vs = verdicts.get(`${stack}-${m}`)!;
    const failed = vs.filter((v) => v.mandatory && !v.passed);
    expect(describeFailures(failed)).toEqual([]);
  });

  test.each(cells)("%s at %s: every policy answers (one passed verdict, or its violations)", (stack, m) => {
    const vs = verdicts.get(`${stack}-${m}`)!;
    for (const p of [...PACK_POLICIES, ...PLAN_POLICIES]) expect({ policy: p.name, answered: vs.some((v) => v.policy === p.name) }).toEqual({ policy: p.name, answered: true });
    for (const v of vs) {
      expect(["advisory", "mandatory", "disabled"]).toContain(v.enforcementLevel);
      expect(v.mandatory).toBe(v.enforcementLevel === "mandatory");
      if (!v.passed) expect(v.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  test("no policy is blinded: the security, capacity and safety policies all apply to prod at m4", () => {
    const notApplicable = verdicts.get("prod-m4")!.filter((v) => v.passed && v.message.startsWith("Not applicable"));
    // Besides the two that need a base, only the policies for types our stacks do not declare
    // (RDS, Lambda function URLs, MemoryDB, the VPC's default security group).
    const otherTypes = ["default-security-group-closed", "lambda-function-url-auth", "memorydb-tls-enabled", "rds-not-publicly-accessible", "rds-storage-encrypted"];
    expect(notApplicable.map((v) => v.policy).sort()).toEqual(["cost-increase-limit", ...otherTypes, "stateful-change-needs-allow-data-loss"].sort());
    for (const v of notApplicable.filter((x) => otherTypes.includes(x.policy))) expect(v.message).toMatch(/^Not applicable: no aws:/);
  });

  test("prod protects every stateful resource, dev need not", () => {
    expect(verdicts.get("prod-m4")!.find((v) => v.policy === "stateful-protected-in-prod")).toMatchObject({ passed: true, message: expect.stringMatching(/^Passed: \d+ resources checked/) });
    expect(verdicts.get("dev-m4")!.find((v) => v.policy === "stateful-protected-in-prod")?.message).toMatch(/^Not applicable/);
  });

  test("with the seed's bands as budgets, m1 fits and m2-m4 are held, naming the ceiling and the estimate", async () => {
    const band = async (m: string) => (await evaluatePolicies({ recording: recordings.get(`prod-${m}`)! })).find((x) => x.policy === "cost-monthly-budget")!;
    expect(await band("m1")).toMatchObject({ enforcementLevel: "mandatory", passed: true });
    for (const [m, ceiling] of [["m2", "60.00"], ["m3", "120.00"], ["m4", "250.00"]]) {
      expect(await band(m)).toMatchObject({ mandatory: true, passed: false, message: expect.stringContaining(`within $${ceiling} (${m} seed band ceiling); it is $`) });
    }
  });
});

describe("plan-only policies over a diff", () => {
  test("a demotion m4 → m1 deletes stateful resources: mandatory unless --allow-data-loss", async () => {
    const base = recordings.get("prod-m4")!;
    const head = recordings.get("prod-m1")!;
    const refused = (await evaluatePolicies({ recording: head, base })).filter((v) => v.policy === "stateful-change-needs-allow-data-loss");
    expect(refused.every((v) => !v.passed && v.mandatory)).toBe(true);
    expect(refused.map((v) => v.resourceName)).toEqual(expect.arrayContaining(["storage-files", "cache"]));
    expect(refused.map((v) => v.resourceName)).not.toContain("cdn-assets"); // rebuildable: no data to lose
    const allowed = (await evaluatePolicies({ recording: head, base, allowDataLoss: true })).filter((v) => v.policy === "stateful-change-needs-allow-data-loss");
    expect(allowed.map((v) => [v.resourceName, v.enforcementLevel, v.mandatory])).toEqual(refused.map((v) => [v.resourceName, "advisory", false]));
  });

  test("cost-increase-limit compares the expected cost of head and base", async () => {
    const base = recordings.get("dev-m1")!;
    const head = recordings.get("dev-m2")!;
    const vs = await evaluatePolicies({ recording: head, base, config: { "cost-increase-limit": { enforcementLevel: "mandatory", maxIncreaseUsd: 20 } } });
    const v = vs.find((x) => x.policy === "cost-increase-limit")!;
    expect(v).toMatchObject({ passed: false, mandatory: true, message: expect.stringMatching(/^Keep the monthly cost increase within \$20\.00; this change raises it \$\d+\.\d\d → \$\d+\.\d\d/) });
    expect(hasMandatoryFailure(vs)).toBe(true);
  });
});

describe("--policy-pack-config", () => {
  const rec = () => recordings.get("dev-m2")!;

  test("the example file is valid and configures the policies it names", async () => {
    const config = loadPolicyPackConfig(EXAMPLE);
    const vs = await evaluatePolicies({ recording: rec(), config });
    expect(vs.find((v) => v.policy === "cost-worst-case-budget")?.enforcementLevel).toBe("advisory");
  });

  test('"all": "advisory" leaves no mandatory verdict', async () => {
    const vs = await evaluatePolicies({ recording: rec(), config: { all: "advisory" } });
    expect(vs.filter((v) => v.mandatory)).toEqual([]);
    expect(hasMandatoryFailure(vs)).toBe(false);
  });

  test('a policy\'s own level wins over "all"; "disabled" answers once', async () => {
    const vs = await evaluatePolicies({ recording: rec(), config: { all: "advisory", "required-tags": "mandatory", "ec2-imdsv2-required": "disabled" } });
    expect(vs.find((v) => v.policy === "required-tags")?.enforcementLevel).toBe("mandatory");
    expect(vs.filter((v) => v.policy === "ec2-imdsv2-required")).toEqual([
      { policy: "ec2-imdsv2-required", enforcementLevel: "disabled", mandatory: false, passed: true, message: "Disabled by the policy-pack config." },
    ]);
  });

  test("properties reach the policy: a $1 budget", async () => {
    const vs = await evaluatePolicies({ recording: rec(), config: { "cost-monthly-budget": { budgetUsd: 1 } } });
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
