/**
 * `npm run promote -- --stack <name> [--to <m>] [--dry-run] [--program <dir>]`: moves the
 * stack file to the next (or the named) milestone, keeping its comments and layout, then
 * prints the plan of that change (base = the old milestone, target = the new one).
 *
 * Exit codes as `plan`: 0 ok, 1 a mandatory guardrail failed, 2 usage or config error.
 */
import * as path from "path";
import { Command } from "commander";
import { MILESTONE_IDS } from "../stacks/milestones";
import { EXIT, loadGuardrailConfig, parseArgs, runMain, useColor, userError } from "./cli";
import { mandatoryFailed, planStack } from "./plan";
import { promoteStack } from "./promote";
import { renderTable } from "./render/table";
import { REPO_ROOT } from "./root";

export async function main(argv: string[]): Promise<number> {
  const program = new Command("promote")
    .description("Move a stack to its next milestone and show the plan of that change")
    .requiredOption("--stack <name>", "stack to promote")
    .option("--to <m>", `target milestone, one of ${MILESTONE_IDS.join(", ")} (default: the next one)`)
    .option("--dry-run", "show the plan without changing the stack file")
    .option("--program <dir>", "Pulumi program directory (default: this repository)")
    .option("--policy-config <file>", "guardrail config (default: policies/guardrails.json of this repository)")
    .option("--allow-data-loss", "let a delete or replace of a stateful resource pass (advisory instead of mandatory)");
  const parsed = parseArgs(program, argv);
  if (parsed !== undefined) return parsed;
  const opts = program.opts<{ stack: string; to?: string; dryRun?: boolean; program?: string; policyConfig?: string; allowDataLoss?: boolean }>();
  const dir = path.resolve(opts.program ?? REPO_ROOT);
  try {
    const policyConfig = loadGuardrailConfig(opts.policyConfig);
    const p = promoteStack(dir, opts.stack, opts.to, Boolean(opts.dryRun));
    process.stderr.write(`promote: ${path.relative(process.cwd(), p.file) || p.file}: ${p.from} → ${p.to}${opts.dryRun ? " (dry run, file unchanged)" : ""}\n`);
    const plan = await planStack({ dir, stack: opts.stack, baseMilestone: p.from, milestone: p.to, policyConfig, allowDataLoss: opts.allowDataLoss });
    process.stdout.write(renderTable([plan], { color: useColor(process.stdout) }));
    return mandatoryFailed([plan]) ? EXIT.guardrail : EXIT.ok;
  } catch (e) {
    return userError("promote", e);
  }
}

if (require.main === module) runMain("promote", main);
