/**
 * `awsx:ecr:Repository` → the ECR repository (named in lower case) and, unless skipped, its
 * lifecycle policy (by default: expire untagged images beyond one), from pulumi/pulumi-awsx at
 * e60adf3cf01f3ac03cc6bc846cdd0df320afed23 (2026-08-20), `awsx/ecr/repository.ts`.
 */
import type { ResourceRecord } from "../../model/records";
import { Children, UNKNOWN } from "./children";
import { objectArg, without, type Expansion } from "./expander";

export function expandAwsxEcrRepository(component: ResourceRecord): Expansion {
  const args = component.inputs;
  const name = component.name.toLowerCase();
  const out = new Children(component);
  const repository = out.add(component, "aws:ecr/repository:Repository", name, without(args, ["lifecyclePolicy"]));
  const lifecycle = objectArg(args, "lifecyclePolicy");
  if (lifecycle?.skip !== true) {
    out.add(component, "aws:ecr/lifecyclePolicy:LifecyclePolicy", name, { repository: UNKNOWN, policy: UNKNOWN, ...("region" in args ? { region: args.region } : {}) }, { dependsOn: [repository] });
  }
  return { children: out.records, summary: `repository${lifecycle?.skip === true ? "" : lifecycle ? " with its lifecycle policy" : " with awsx's default lifecycle policy (expire untagged images beyond one)"}` };
}
