/** The recorder names a resource's explicit provider (its region lives there). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { recordStack } from "../../plan/record";

const ROOT_DIR = path.resolve(__dirname, "../..");

test("a resource given an explicit provider names it (the estimator reads its region there); default providers are not named", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-program-"));
  fs.symlinkSync(path.join(ROOT_DIR, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: regions\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
  fs.writeFileSync(path.join(dir, "index.ts"), [
    'import * as aws from "@pulumi/aws";',
    'const eu = new aws.Provider("eu", { region: "eu-central-1" });',
    'new aws.ec2.Instance("web", { instanceType: "t3.micro", ami: "ami-1" }, { provider: eu });',
    'new aws.ec2.Instance("home", { instanceType: "t3.micro", ami: "ami-1" });',
  ].join("\n"));
  const rec = await recordStack({ dir, stack: "dev" });
  const byName = new Map(rec.resources.map((r) => [r.name, r]));
  expect(byName.get("web")?.provider).toBe("urn:pulumi:dev::regions::pulumi:providers:aws::eu");
  expect(byName.get("home")?.provider).toBeUndefined();
  expect(byName.get("eu")?.inputs.region).toBe("eu-central-1");
});
