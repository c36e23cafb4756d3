/** Every policy of the pack and the plan has at least one passing and one failing case, and a row in policies/README.md. */
import * as fs from "fs";
import * as path from "path";
import { aws } from "../../policies/aws";
import { validateTyped } from "../../policies/util";
import { PLAN_POLICIES } from "../../plan/guardrails/planPolicies";
import { PACK_POLICIES } from "../../policies/pack";
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

test("validateTyped answers as @pulumi/policy's validateResourceOfType does", () => {
  const { validateResourceOfType } = require("@pulumi/policy") as typeof import("@pulumi/policy");
  const seen: string[] = [];
  const ours = validateTyped(aws.sqs.Queue, (props) => void seen.push(`ours:${props.name}`));
  const theirs = validateResourceOfType(aws.sqs.Queue as never, (props) => void seen.push(`theirs:${(props as { name: string }).name}`));
  expect((ours as { __pulumiType?: string }).__pulumiType).toBe((theirs as { __pulumiType?: string }).__pulumiType);
  const args = (type: string) => {
    const notApplicable: string[] = [];
    return {
      notApplicable,
      value: {
        type, props: { name: "q" }, urn: `urn:pulumi:s::p::${type}::q`, name: "q", opts: {},
        isType: (cls: { __pulumiType: string }) => cls.__pulumiType === type,
        asType: () => ({ name: "q" }),
        getConfig: () => ({}), stackTags: new Map(),
        notApplicable: (reason?: string): never => { notApplicable.push(reason ?? ""); throw new Error("n/a"); },
      },
    };
  };
  for (const fn of [ours, theirs]) fn(args("aws:sqs/queue:Queue").value as never, () => undefined);
  expect(seen).toEqual(["ours:q", "theirs:q"]);
  const other = [args("aws:s3/bucket:Bucket"), args("aws:s3/bucket:Bucket")];
  expect(() => ours(other[0].value as never, () => undefined)).toThrow("n/a");
  expect(() => theirs(other[1].value as never, () => undefined)).toThrow("n/a");
  expect(other[0].notApplicable).toEqual(other[1].notApplicable);
});

test("policies/README.md lists every policy once, with its default level and every setting", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../policies/README.md"), "utf8");
  const table = readme.split("\n## Policies\n")[1].split("\n## ")[0];
  const rows = table.split("\n").filter((l) => l.startsWith("| `"));
  const all = [...PACK_POLICIES, ...PLAN_POLICIES];
  expect(rows.length).toBe(all.length);
  for (const p of all) {
    const row = rows.filter((r) => r.startsWith(`| \`${p.name}\` |`));
    expect({ policy: p.name, rows: row.length }).toEqual({ policy: p.name, rows: 1 });
    const [, , level, settings] = row[0].split(" | ");
    const keys = Object.keys(p.configSchema?.properties ?? {});
    expect({ policy: p.name, level, missing: keys.filter((k) => !settings.includes(`\`${k}\``)) }).toEqual({ policy: p.name, level: p.enforcementLevel, missing: [] });
    if (keys.length === 0) expect({ policy: p.name, settings }).toEqual({ policy: p.name, settings: "none" });
  }
});
