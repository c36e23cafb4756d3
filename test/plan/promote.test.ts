import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promoteStack } from "../../plan/promote";
import { ProjectError } from "../../plan/record";

function projectWith(stackYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "promote-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: cutlist\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), stackYaml);
  return dir;
}

const PROD = `# prod: the stack users reach.
config:
  aws:region: us-east-1
  cutlist:milestone: m1          # m1 | m2 | m3 | m4
  cutlist:overrides:
    app: { maxInstances: 3 }     # kept as written
`;

test("promotes to the next milestone, changing only that value", () => {
  const dir = projectWith(PROD);
  const p = promoteStack(dir, "prod");
  expect(p).toMatchObject({ from: "m1", to: "m2" });
  expect(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8")).toBe(PROD.replace("milestone: m1 ", "milestone: m2 "));
});

test("--to jumps to a named milestone; dry run leaves the file alone", () => {
  const dir = projectWith(PROD);
  const p = promoteStack(dir, "prod", "m3", true);
  expect(p.text).toContain("cutlist:milestone: m3          # m1 | m2 | m3 | m4");
  expect(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8")).toBe(PROD);
});

test.each([
  ["the last milestone", PROD.replace("m1 ", "m4 "), undefined, 'stack "prod" is at m4, the last milestone; nothing to promote to'],
  ["an unknown target", PROD, "m7", '--to: "m7" is not allowed: must be one of m1, m2, m3, m4'],
  ["the same milestone", PROD, "m1", 'stack "prod" is already at m1'],
])("refuses %s", (_n, yaml, to, message) => {
  const dir = projectWith(yaml);
  expect(() => promoteStack(dir, "prod", to)).toThrow(new ProjectError(message));
  expect(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8")).toBe(yaml);
});

test("refuses a stack file without a valid milestone, naming the file", () => {
  const dir = projectWith("config:\n  aws:region: us-east-1\n");
  expect(() => promoteStack(dir, "prod")).toThrow(/Pulumi\.prod\.yaml: config cutlist:milestone is missing; it must be one of m1, m2, m3, m4 before promoting/);
  expect(() => promoteStack(dir, "stage")).toThrow(/stack "stage": no Pulumi.stage.yaml/);
});
