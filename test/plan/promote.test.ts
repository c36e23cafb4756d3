/**
 * The stack-file edit of `promote` on its own (no plan): every YAML spelling of the milestone
 * value is edited in place or refused, the new config is checked before anything is written,
 * and writes are atomic, through symlinks, keeping the file's mode.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { FileWriteError } from "../../plan/atomic-write";
import { preparePromotion, writePromotion } from "../../plan/promote";
import { ProjectError } from "../../plan/stackFiles";
import { ConfigError } from "../../stacks/problems";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function projectWith(stackYaml: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "promote-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: cutlist\nruntime: nodejs\n");
  const file = path.join(dir, "Pulumi.prod.yaml");
  fs.writeFileSync(file, stackYaml);
  return { dir, file };
}

const PROD = `# prod: the stack users reach.
config:
  aws:region: us-east-1
  cutlist:milestone: m1          # m1 | m2 | m3 | m4
  cutlist:alertEmail: oncall@example.com
  cutlist:overrides:
    app: { maxInstances: 2 }     # kept as written
`;

const REST = "  aws:region: us-east-1\n  # who gets paged\n  cutlist:alertEmail: oncall@example.com\n";

test("promotes to the next milestone, changing only that value", () => {
  const { dir, file } = projectWith(PROD);
  const p = preparePromotion(dir, "prod");
  expect(p).toMatchObject({ from: "m1", to: "m2", file, source: PROD });
  expect(fs.readFileSync(file, "utf8")).toBe(PROD); // nothing written yet
  writePromotion(p);
  expect(fs.readFileSync(file, "utf8")).toBe(PROD.replace("milestone: m1 ", "milestone: m2 "));
});

// Each spelling of the value, before and after: only the id changes, every other byte stays.
test.each([
  ["plain", `config:\n  cutlist:milestone: m1\n${REST}`, `config:\n  cutlist:milestone: m2\n${REST}`],
  ["single-quoted", `config:\n  cutlist:milestone: 'm1'   # quoted\n${REST}`, `config:\n  cutlist:milestone: 'm2'   # quoted\n${REST}`],
  ["double-quoted", `config:\n  "cutlist:milestone": "m1"\n${REST}`, `config:\n  "cutlist:milestone": "m2"\n${REST}`],
  ["folded >-", `config:\n  cutlist:milestone: >-\n    m1\n${REST}`, `config:\n  cutlist:milestone: >-\n    m2\n${REST}`],
  ["folded with a header comment and a blank line", `config:\n  cutlist:milestone: >- # m1 today\n      m1\n\n${REST}`, `config:\n  cutlist:milestone: >- # m1 today\n      m2\n\n${REST}`],
  ["literal |-", `config:\n  cutlist:milestone: |-\n    m1\n${REST}`, `config:\n  cutlist:milestone: |-\n    m2\n${REST}`],
  ["literal |2- as the last line, without a newline", `config:\n${REST}  cutlist:milestone: |2-\n    m1`, `config:\n${REST}  cutlist:milestone: |2-\n    m2`],
  ["a flow mapping", "config: {cutlist:milestone: m1, aws:region: us-east-1, cutlist:alertEmail: oncall@example.com}  # one line\n", "config: {cutlist:milestone: m2, aws:region: us-east-1, cutlist:alertEmail: oncall@example.com}  # one line\n"],
  ["a bare milestone key", `config:\n  milestone: m1\n${REST}`, `config:\n  milestone: m2\n${REST}`],
  ["CRLF line ends", `config:\r\n  cutlist:milestone: m1 # crlf\r\n${REST.replace(/\n/g, "\r\n")}`, `config:\r\n  cutlist:milestone: m2 # crlf\r\n${REST.replace(/\n/g, "\r\n")}`],
])("edits %s in place", (_style, before, after) => {
  const { dir, file } = projectWith(before);
  writePromotion(preparePromotion(dir, "prod"));
  expect(fs.readFileSync(file, "utf8")).toBe(after);
  const key = before.includes("  milestone:") ? "milestone" : "cutlist:milestone";
  expect(YAML.parse(after)).toEqual({ config: { ...YAML.parse(before).config, [key]: "m2" } });
});

test.each([
  ["both milestone and cutlist:milestone", `config:\n  milestone: m2\n  cutlist:milestone: m1\n${REST}`, 'config has both "milestone" and "cutlist:milestone", the same key for Pulumi; keep only cutlist:milestone before promoting'],
  ["an escaped spelling", `config:\n  cutlist:milestone: "\\x6d1"\n${REST}`, 'config cutlist:milestone is written as "\\"\\\\x6d1\\"", a form promote does not edit; write it as "cutlist:milestone: m1" and promote again'],
  ["an alias", `defaults:\n  milestone: &m m1\nconfig:\n  cutlist:milestone: *m\n${REST}`, "config cutlist:milestone is an alias (*m); promote edits only a value written in place"],
  ["an anchor another key shares", `config:\n  cutlist:milestone: &m m1\n${REST}notes:\n  since: *m\n`, "refusing to edit the file: the edit would change other values than the milestone (an anchor or alias shares it)"],
  ["a folded value that keeps its newline (not a milestone)", `config:\n  cutlist:milestone: >\n    m1\n${REST}`, 'config cutlist:milestone is "m1\\n"; it must be one of m1, m2, m3, m4 before promoting'],
  ["a file that is not YAML", "config:\n  cutlist:milestone: m1\n   bad: [\n", "Pulumi.prod.yaml: "],
])("refuses %s, writing nothing", (_name, yaml, message) => {
  const { dir, file } = projectWith(yaml);
  expect(() => preparePromotion(dir, "prod")).toThrow(ProjectError);
  expect(() => preparePromotion(dir, "prod")).toThrow(message);
  expect(fs.readFileSync(file, "utf8")).toBe(yaml);
});

test("checks the new file's config: overrides valid at m1 but not at m2 are a ConfigError", () => {
  const yaml = PROD.replace("app: { maxInstances: 2 }", "app: { loadBalancer: false }");
  const { dir } = projectWith(yaml);
  expect(() => preparePromotion(dir, "prod")).toThrow(ConfigError);
  expect(() => preparePromotion(dir, "prod")).toThrow(/cutlist:overrides\.app\.loadBalancer: .*needs app\.loadBalancer true/);
});

test.each([
  ["the last milestone", PROD.replace("m1 ", "m4 "), undefined, 'stack "prod" is at m4, the last milestone; nothing to promote to'],
  ["an unknown target", PROD, "m7", '--to: "m7" is not allowed: must be one of m1, m2, m3, m4'],
  ["the same milestone", PROD, "m1", 'stack "prod" is already at m1'],
])("refuses %s", (_n, yaml, to, message) => {
  const { dir, file } = projectWith(yaml);
  expect(() => preparePromotion(dir, "prod", to)).toThrow(new ProjectError(message));
  expect(fs.readFileSync(file, "utf8")).toBe(yaml);
});

test("refuses a stack file without a valid milestone, a missing stack and a stack name that is a path", () => {
  const { dir } = projectWith("config:\n  aws:region: us-east-1\n");
  expect(() => preparePromotion(dir, "prod")).toThrow(/Pulumi\.prod\.yaml: config cutlist:milestone is missing; it must be one of m1, m2, m3, m4 before promoting/);
  expect(() => preparePromotion(dir, "stage")).toThrow(/stack "stage": no Pulumi.stage.yaml/);
  expect(() => preparePromotion(dir, "../prod")).toThrow('--stack: "../prod" is not allowed: a stack name is letters, digits, "_", "." and "-" (not "." or ".."), as in Pulumi.<stack>.yaml');
});

describe("writing", () => {
  test("through a symlink: the link stays, its target changes and keeps its mode; no temporary file is left", () => {
    const { dir } = projectWith("");
    const real = path.join(dir, "stacks", "prod.yaml");
    fs.mkdirSync(path.dirname(real));
    fs.writeFileSync(real, PROD);
    fs.chmodSync(real, 0o640);
    const link = path.join(dir, "Pulumi.prod.yaml");
    fs.rmSync(link);
    fs.symlinkSync(path.join("stacks", "prod.yaml"), link);
    writePromotion(preparePromotion(dir, "prod"));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, "utf8")).toBe(PROD.replace("milestone: m1 ", "milestone: m2 "));
    expect(fs.statSync(real).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.dirname(real))).toEqual(["prod.yaml"]);
  });

  test("a file edited since it was read is not overwritten", () => {
    const { dir, file } = projectWith(PROD);
    const p = preparePromotion(dir, "prod");
    fs.appendFileSync(file, "# edited meanwhile\n");
    expect(() => writePromotion(p)).toThrow(new FileWriteError(`${file} changed while promote was planning; promote again`));
    expect(fs.readFileSync(file, "utf8")).toBe(`${PROD}# edited meanwhile\n`);
  });
});
