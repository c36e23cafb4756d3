/**
 * Reading stack files (`readStackConfig`) as Pulumi reads them: UTF-8 only, every key once
 * (`milestone` and `cutlist:milestone` are one key), no number JSON cannot carry, scalars as
 * written. The hostile files are fixtures in test/fixtures/hostile-config/.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProjectError, readProject, readStackConfig, stackConfigValues } from "../../plan/stackFiles";
import { parseStackConfig } from "../../stacks/config";
import { ConfigError } from "../../stacks/problems";

const HOSTILE = readProject(path.join(__dirname, "..", "fixtures", "hostile-config"));
const file = (stack: string) => path.join(HOSTILE.dir, `Pulumi.${stack}.yaml`);

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof ProjectError) return e.message;
    throw e;
  }
  throw new Error("expected a ProjectError");
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-files-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project `cutlist` in a fresh directory whose stack "s" is `text` (or bytes). */
function project(text: string | Buffer): ReturnType<typeof readProject> {
  const dir = fs.mkdtempSync(path.join(tmp, "p-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: cutlist\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), text);
  return readProject(dir);
}

test("a bare key and its namespaced form are one key written twice: refused, naming both", () => {
  expect(refusal(() => readStackConfig(HOSTILE, "both-milestones"))).toBe(
    `${file("both-milestones")}: config has both "cutlist:milestone" (line 5) and "milestone" (line 7), the same key for Pulumi (a key without a namespace is the project's); keep only "cutlist:milestone"`,
  );
});

test("the same collision in parsed data (what promote checks) is refused too", () => {
  expect(refusal(() => stackConfigValues("cutlist", { config: { alertEmail: "a@example.com", "cutlist:alertEmail": "b@example.com" } }))).toBe(
    `config has both "alertEmail" and "cutlist:alertEmail", the same key for Pulumi (a key without a namespace is the project's); keep only "cutlist:alertEmail"`,
  );
});

test("a key written twice is refused with both lines (the parser's own check is quadratic, so ours replaces it)", () => {
  expect(refusal(() => readStackConfig(HOSTILE, "duplicate-key"))).toBe(
    `${file("duplicate-key")}: line 5: cutlist:milestone is written twice (also on line 3); keep one`,
  );
  expect(refusal(() => readStackConfig(project("config:\n  cutlist:overrides:\n    app:\n      maxInstances: 2\n      maxInstances: 3\n"), "s"))).toMatch(
    /: line 5: cutlist:overrides\.app\.maxInstances is written twice \(also on line 4\); keep one$/,
  );
});

test("numbers JSON cannot carry (.inf, -.Inf, .nan, .NaN) are refused as written, with key and line", () => {
  expect(refusal(() => readStackConfig(HOSTILE, "infinite"))).toBe([
    `${file("infinite")}: 4 problems:`,
    "  - line 9: cutlist:overrides.app.autoscaling.requestsPerTargetPerMinute: .nan is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)",
    "  - line 10: cutlist:overrides.app.maxInstances: .inf is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)",
    "  - line 12: cutlist:capacity.headroom: -.Inf is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)",
    "  - line 14: cutlist:usage.busy_hour_load_fraction: .NaN is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)",
  ].join("\n"));
});

test(".nan where null is allowed is refused, not read as null", () => {
  expect(refusal(() => readStackConfig(HOSTILE, "nan-as-null"))).toBe(
    `${file("nan-as-null")}: line 9: cutlist:overrides.app.autoscaling.requestsPerTargetPerMinute: .nan is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)`,
  );
});

test("an .inf reached through an alias is refused at the alias's key", () => {
  const p = project("defs: &big .inf\nconfig:\n  cutlist:overrides:\n    app: {maxInstances: *big}\n");
  expect(refusal(() => readStackConfig(p, "s"))).toMatch(/: line 4: cutlist:overrides\.app\.maxInstances: \.inf is not allowed: must be a finite number/);
});

test("in parsed data, a number that is not finite is refused by key", () => {
  expect(refusal(() => stackConfigValues("cutlist", { config: { "cutlist:capacity": { headroom: Infinity } } }))).toBe(
    "cutlist:capacity.headroom: Infinity is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)",
  );
});

test("an alias inside the value it names is refused (JSON.stringify threw: exit 3 with a stack trace)", () => {
  expect(refusal(() => readStackConfig(HOSTILE, "self-alias"))).toBe(
    `${file("self-alias")}: line 8: cutlist:overrides.app.again: an alias to a value that contains it is not allowed: the value would never end`,
  );
});

test("bytes that are not UTF-8 are refused with the file and the line, never read as U+FFFD", () => {
  expect(refusal(() => readStackConfig(HOSTILE, "not-utf8"))).toBe(
    `${file("not-utf8")}: line 5: bytes 0xff 0xfe are not UTF-8; save the file as UTF-8 (Pulumi reads it as UTF-8 only)`,
  );
});

test.each<[string, number[], string]>([
  ["a lone continuation byte", [0x80], "byte 0x80 is"],
  ["an overlong slash", [0xc0, 0xaf], "bytes 0xc0 0xaf are"],
  ["a surrogate", [0xed, 0xa0, 0x80], "bytes 0xed 0xa0 0x80 are"],
  ["a sequence cut short at the end", [0xe2, 0x82], "bytes 0xe2 0x82 are"],
])("not UTF-8: %s", (_name, bytes, shown) => {
  const p = project(Buffer.concat([Buffer.from("config:\n  cutlist:alertEmail: \"é\"\n  cutlist:x: a"), Buffer.from(bytes)]));
  expect(refusal(() => readStackConfig(p, "s"))).toMatch(new RegExp(`: line 3: ${shown} not UTF-8;`));
});

test("UTF-8 text (accents, emoji, a byte-order mark) reads as written", () => {
  const p = project(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("config:\n  cutlist:alertEmail: zoë🚀@example.com\n")]));
  expect(readStackConfig(p, "s").config).toEqual({ "cutlist:alertEmail": "zoë🚀@example.com" });
});

test("scalars reach the program as written, as Pulumi passes them; an empty value is \"\"", () => {
  const p = project("config:\n  cutlist:protectData: True\n  cutlist:a: 1.0\n  cutlist:b: 0x1F\n  aws:region:\n  cutlist:c: ~\n  cutlist:d: 'quoted'\n  cutlist:e: {secure: v1:abc}\n");
  expect(readStackConfig(p, "s")).toEqual({
    config: { "cutlist:protectData": "True", "cutlist:a": "1.0", "cutlist:b": "0x1F", "aws:region": "", "cutlist:c": "", "cutlist:d": "quoted", "cutlist:e": "[secret]" },
    secretKeys: ["cutlist:e"],
  });
});

test('an empty aws:region is shown as "", not "null"', () => {
  const { config } = readStackConfig(HOSTILE, "empty-region");
  let problems: readonly string[] = [];
  try {
    parseStackConfig(config, { project: "cutlist", stack: "empty-region" });
  } catch (e) {
    problems = (e as ConfigError).problems;
  }
  expect(problems).toEqual(['aws:region: "" is not allowed: must be an AWS region such as "us-east-1"']);
});

test("__proto__ as a stack file key reaches the config check as a key (not lost by the parser)", () => {
  const { config } = readStackConfig(project("config:\n  __proto__: x\n  cutlist:constructor: y\n"), "s");
  expect(Object.keys(config)).toEqual(["cutlist:__proto__", "cutlist:constructor"]);
});

test("a config that is not a mapping is refused", () => {
  expect(refusal(() => readStackConfig(project("config: [a, b]\n"), "s"))).toMatch(/Pulumi\.s\.yaml: config: must be a mapping of "namespace:key: value" lines$/);
});

test("a stack file with many problems lists the first 20 and counts the rest", () => {
  const lines = ["config:"];
  for (let i = 0; i < 30; i++) lines.push(`  cutlist:k${i}: {x: .inf}`);
  const message = refusal(() => readStackConfig(project(`${lines.join("\n")}\n`), "s"));
  expect(message.split("\n")).toHaveLength(22);
  expect(message).toMatch(/: 30 problems:\n {2}- line 2: cutlist:k0\.x: \.inf is not allowed/);
  expect(message).toMatch(/\n {2}… and 10 more$/);
});

test("a file read again gives a fresh copy, and a changed file is read anew", () => {
  const p = project("config:\n  cutlist:milestone: m1\n");
  const first = readStackConfig(p, "s");
  first.config["cutlist:milestone"] = "m4"; // what the recorder does with --milestone
  expect(readStackConfig(p, "s").config).toEqual({ "cutlist:milestone": "m1" });
  fs.writeFileSync(path.join(p.dir, "Pulumi.s.yaml"), "config:\n  cutlist:milestone: m2\n");
  expect(readStackConfig(p, "s").config).toEqual({ "cutlist:milestone": "m2" });
});
