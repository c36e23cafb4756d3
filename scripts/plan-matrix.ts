/**
 * The benchmark's workload: plans every stack × every milestone (each against the stack's
 * configured milestone, with diff and costs) in one process, and renders them as JSON.
 */
import { renderJson } from "../plan/render/json";
import { planStack, type StackPlan } from "../plan/plan";
import { readProject } from "../plan/stackFiles";
import { MILESTONE_IDS } from "../stacks/milestones";
import { REPO_ROOT } from "../plan/root";

async function main(): Promise<void> {
  const project = readProject(REPO_ROOT);
  const plans: StackPlan[] = [];
  for (const stack of project.stacks) {
    for (const milestone of MILESTONE_IDS) plans.push(await planStack({ dir: project.dir, stack, milestone }));
  }
  const json = renderJson(plans);
  process.stdout.write(`${plans.length} plans, ${json.length} bytes of JSON\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
