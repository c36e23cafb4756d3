/**
 * Stack config that is hostile or broken in ways a schema does not see: JavaScript's reserved
 * key names, regions that only look like regions, replacement characters, secrets in plain
 * text, values JSON cannot show, and thousands of problems at once. Each is refused (or
 * warned about) with one line naming the key.
 */
import { parseStackConfig, stackConfigWarnings } from "../../stacks/config";
import { AWS_REGIONS } from "../../stacks/awsRegions";
import { ConfigError, MAX_PROBLEMS_SHOWN, describeValue } from "../../stacks/problems";
import { checkUsageAssumptions } from "../../stacks/usageAssumptions";
import { BASE_CONFIG as BASE, configProblems as problems, STACK_CONTEXT as ctx } from "../helpers";


const reserved = (where: string, name: string) =>
  `${where}: "${name}" is not allowed as a key name: JavaScript reserves it, and a value under it would be lost or misread`;

describe("JavaScript's reserved names are refused as keys anywhere", () => {
  test.each<[string, Record<string, string>, string[]]>([
    // `"constructor" in PROJECT_KEYS` was true: the key passed as a known one.
    ["cutlist:constructor as a stack key", { ...BASE, "cutlist:constructor": "m4" }, [reserved("cutlist:constructor", "constructor")]],
    ["cutlist:__proto__ as a stack key", { ...BASE, "cutlist:__proto__": "x" }, [reserved("cutlist:__proto__", "__proto__")]],
    ["a reserved namespace", { ...BASE, "prototype:milestone": "m4" }, [reserved("prototype:milestone", "prototype")]],
    ["a reserved key in a provider's namespace", { ...BASE, "aws:constructor": "x" }, [reserved("aws:constructor", "constructor")]],
    // The merge turned it into the profile's prototype: no error, no effect.
    ["__proto__ in cutlist:overrides", { ...BASE, "cutlist:overrides": '{"__proto__":{"app":{"maxInstances":50}}}' },
      [reserved("cutlist:overrides.__proto__", "__proto__")]],
    ["constructor deep in cutlist:overrides, next to a real problem", { ...BASE, "cutlist:overrides": '{"app":{"autoscaling":{"constructor":1},"minInstances":0}}' },
      [reserved("cutlist:overrides.app.autoscaling.constructor", "constructor"), "cutlist:overrides.app.minInstances: 0 is not allowed: must be an integer from 1 to 100"]],
    ["__proto__ in a list in cutlist:overrides", { ...BASE, "cutlist:overrides": '{"resilience":{"drills":[{"__proto__":1}]}}' },
      [reserved("cutlist:overrides.resilience.drills.0.__proto__", "__proto__"),
        'cutlist:overrides.resilience.drills.0: {} is not allowed: must be one of "terminate-app-instance", "stress-app-cpu", "failover-cache-primary", "interrupt-cache-az", "disrupt-cache-network"']],
    ["__proto__ in cutlist:capacity", { ...BASE, "cutlist:capacity": '{"rpsPerInstance":120,"__proto__":{"headroom":9}}' },
      [reserved("cutlist:capacity.__proto__", "__proto__")]],
    ["prototype in cutlist:usage", { ...BASE, "cutlist:usage": '{"prototype":1,"busy_hours_per_day":10}' },
      [reserved("cutlist:usage.prototype", "prototype")]],
  ])("%s", (_name, values, expected) => {
    expect(problems(values)).toEqual(expected);
  });

  test("the rest of the value still counts once the reserved key is refused", () => {
    // Without the reserved key the capacity is valid; it is only refused for the key.
    const values = { ...BASE, "cutlist:capacity": '{"rpsPerInstance":120,"__proto__":{"headroom":9}}' };
    expect(problems(values)).toHaveLength(1);
    const cfg = parseStackConfig({ ...BASE, "cutlist:capacity": '{"rpsPerInstance":120}' }, ctx);
    expect(cfg.capacity.rpsByInstanceType[cfg.profile.app.instanceType]).toBe(120);
  });
});

describe("aws:region must be a region AWS has", () => {
  test.each<[string, string]>([
    ["us-east-9", 'aws:region: "us-east-9" is not allowed: must be an AWS region such as "us-east-1" (did you mean "us-east-1"?)'],
    ["eu-centrl-1", 'aws:region: "eu-centrl-1" is not allowed: must be an AWS region such as "us-east-1" (did you mean "eu-central-1"?)'],
    ["ap-southeast-9", 'aws:region: "ap-southeast-9" is not allowed: must be an AWS region such as "us-east-1" (did you mean "ap-southeast-1"?)'],
    ["us-gov-north-1", 'aws:region: "us-gov-north-1" is not allowed: must be an AWS region such as "us-east-1" (did you mean "us-gov-east-1"?)'],
    ["US-EAST-1", 'aws:region: "US-EAST-1" is not allowed: must be an AWS region such as "us-east-1" (did you mean "us-east-1"?)'],
    ["mars-1", 'aws:region: "mars-1" is not allowed: must be an AWS region such as "us-east-1"'],
  ])("%s is refused", (region, message) => {
    expect(problems({ ...BASE, "aws:region": region })).toEqual([message]);
  });

  test.each(AWS_REGIONS)("%s is accepted", (region) => {
    expect(parseStackConfig({ ...BASE, "aws:region": region }, ctx).region).toBe(region);
  });
});

test("a value with U+FFFD (bytes that were not UTF-8, replaced by a reader) is refused, not echoed", () => {
  expect(problems({ ...BASE, "cutlist:alertEmail": "on\uFFFD\uFFFDcall@example.com" })).toEqual([
    "cutlist:alertEmail: the value contains U+FFFD, the character that stands in for bytes that are not UTF-8; save the stack file as UTF-8 and write the value again",
  ]);
});

describe("a plain-text cutlist:neonApiKey is a warning, never an error, never echoed", () => {
  const KEY = "napi_plaintext0123456789abcdef";
  const WARNING = "cutlist:neonApiKey is in plain text in the stack file, readable by anyone who can read the file; store it encrypted: pulumi config set --secret cutlist:neonApiKey <key> --stack prod (and rotate the key if the file was ever shared)";

  test("plain text: the config is accepted and carries one warning", () => {
    const cfg = parseStackConfig({ ...BASE, "cutlist:neonApiKey": KEY }, { ...ctx, secretKeys: [] });
    expect(cfg.neonApiKey).toBe(KEY);
    expect(cfg.warnings).toEqual([WARNING]);
    expect(cfg.warnings.join("")).not.toContain(KEY);
  });

  test("encrypted (secure:), absent, or with nothing known about secrets: no warning", () => {
    expect(parseStackConfig({ ...BASE, "cutlist:neonApiKey": "[secret]" }, { ...ctx, secretKeys: ["cutlist:neonApiKey"] }).warnings).toEqual([]);
    expect(parseStackConfig(BASE, { ...ctx, secretKeys: [] }).warnings).toEqual([]);
    expect(parseStackConfig({ ...BASE, "cutlist:neonApiKey": KEY }, ctx).warnings).toEqual([]);
  });

  test("warnings are there even when the config has errors (the CLI prints them first)", () => {
    expect(stackConfigWarnings({ "cutlist:neonApiKey": KEY }, { ...ctx, secretKeys: [] })).toEqual([WARNING]);
  });
});

describe("describeValue shows a value as written", () => {
  test.each<[unknown, string]>([
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    ["", '""'],
    [{ headroom: NaN, list: [1, -Infinity] }, '{"headroom":NaN,"list":[1,-Infinity]}'],
    [null, "null"],
    [undefined, "(missing)"],
    ["x".repeat(100), `"${"x".repeat(56)}...`],
  ])("%p → %s", (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  test("a deep or huge value is cut short without walking all of it", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(describeValue(deep)).toBe(`${"[".repeat(57)}...`);
    expect(describeValue(Array.from({ length: 100_000 }, (_, i) => i))).toMatch(/^\[0,1,2,.*\.\.\.$/);
  });

  test("usage assumptions that are not finite are named as such, not as null", () => {
    expect(checkUsageAssumptions({ busy_hour_load_fraction: NaN, average_response_kb: Infinity }, "cutlist:usage").problems).toEqual([
      "cutlist:usage.busy_hour_load_fraction: NaN is not allowed: must be a number from 0 to 1 (default 0.25)",
      "cutlist:usage.average_response_kb: Infinity is not allowed: must be a number from 0 to 100000 (default 4)",
    ]);
  });
});

describe("thousands of problems", () => {
  const many = (n: number) => {
    const values: Record<string, string> = { ...BASE };
    for (let i = 0; i < n; i++) values[`cutlist:key${String(i).padStart(5, "0")}`] = "value";
    return values;
  };

  test(`the message lists the first ${MAX_PROBLEMS_SHOWN} and counts the rest; every problem stays on the error`, () => {
    let error: ConfigError | undefined;
    try {
      parseStackConfig(many(5000), ctx);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(5000);
    const lines = error!.message.split("\n");
    expect(lines).toHaveLength(1 + MAX_PROBLEMS_SHOWN + 1);
    expect(lines[0]).toBe("invalid stack configuration (5000 problems):");
    expect(lines[1]).toMatch(/^ {2}- cutlist:key00000: unknown key Allowed: cutlist:milestone, /);
    expect(lines[MAX_PROBLEMS_SHOWN]).toMatch(/^ {2}- cutlist:key00019: unknown key/);
    expect(lines[MAX_PROBLEMS_SHOWN + 1]).toBe("  … and 4980 more");
  });

  test("exactly the limit: no count line", () => {
    expect(new ConfigError(Array.from({ length: MAX_PROBLEMS_SHOWN }, (_, i) => `p${i}`)).message.split("\n")).toHaveLength(MAX_PROBLEMS_SHOWN + 1);
  });
});
