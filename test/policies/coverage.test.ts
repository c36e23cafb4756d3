/** Every policy of the pack and the plan has at least one passing and one failing case. */
import { aws } from "../../policies/aws";
import { PACK_POLICIES, PLAN_POLICIES } from "../../policies/pack";
import { CAPACITY_CASES } from "./cases/capacity";
import { COST_CASES } from "./cases/cost";
import { SAFETY_CASES } from "./cases/safety";
import { SECURITY_CASES } from "./cases/security";

const ALL = [...COST_CASES, ...CAPACITY_CASES, ...SECURITY_CASES, ...SAFETY_CASES];

test.each([...PACK_POLICIES, ...PLAN_POLICIES].map((p) => [p.name]))("%s has a passing and a failing case", (name) => {
  const cases = ALL.filter((c) => c.policy.name === name);
  expect(cases.filter((c) => c.expect === "pass").length).toBeGreaterThan(0);
  expect(cases.filter((c) => Array.isArray(c.expect)).length).toBeGreaterThan(0);
});

test("policy names are unique kebab-case and every policy says what it checks", () => {
  const all = [...PACK_POLICIES, ...PLAN_POLICIES];
  expect(new Set(all.map((p) => p.name)).size).toBe(all.length);
  for (const p of all) {
    expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(p.description.length).toBeGreaterThan(30);
    expect(["advisory", "mandatory"]).toContain(p.enforcementLevel);
    for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
      expect({ key, description: typeof schema.description }).toEqual({ key, description: "string" });
    }
  }
});

test("the pack's stand-ins for @pulumi/aws classes carry the real classes' type tokens", () => {
  const real = require("@pulumi/aws") as Record<string, Record<string, { __pulumiType?: string }>>;
  for (const [module, classes] of Object.entries(aws)) {
    for (const [name, cls] of Object.entries(classes)) {
      expect({ cls: `${module}.${name}`, token: cls.__pulumiType }).toEqual({ cls: `${module}.${name}`, token: real[module][name].__pulumiType });
    }
  }
});
