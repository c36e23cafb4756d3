/**
 * `npm run promote -- --stack <name> [--to <m>] [--dry-run] [--force] [--program <dir>]`:
 * moves the stack file to the next (or the named) milestone, changing only that value (its
 * comments and layout stay), after checking the new file: its YAML, its configuration, and
 * the plan of the change (base = the old milestone, target = the new one) with its
 * guardrails. The plan is printed; the last line on stderr says whether the file was written.
 *
 * Exit codes: 0 written (or a dry run that passes), 1 a mandatory guardrail failed (not
 * written unless --force), 2 usage, config or file error (not written).
 */
import { Command } from "commander";
import type { PolicyPackConfigFile } from "./guardrails/offline";
import { MILESTONE_IDS } from "../stacks/milestones";
import { FileWriteError } from "./atomic-write";
import { EXIT, checkStackName, displayPath, loadGuardrailConfig, parseArgs, programDir, runMain, tableWidth, useColor, userError } from "./cli";
import { planStack } from "./plan";
import { checkPromotedConfig, editStackFile, findStackFile, promotionWriteProblem, writePromotion, type Promotion } from "./promote";
import { ProjectError, readProject } from "./stackFiles";
import { renderTable } from "./render/table";

interface Options {
  stack: string;
  to?: string;
  dryRun?: boolean;
  force?: boolean;
  program?: string;
  policyConfig?: string;
  allowDataLoss?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command("promote")
    .description("Move a stack to its next milestone, after checking the new file and the plan of that change")
    .requiredOption("--stack <name>", "stack to promote")
    .option("--to <m>", `target milestone, one of ${MILESTONE_IDS.join(", ")} (default: the next one)`)
    .option("--dry-run", "show the plan without changing the stack file")
    .option("--force", "write the file even when a mandatory guardrail of the plan fails")
    .option("--program <dir>", "Pulumi program directory (default: this repository)")
    .option("--policy-config <file>", "guardrail config (default: policies/guardrails.json of this repository)")
    .option("--allow-data-loss", "let a delete or replace of a stateful resource pass (advisory instead of mandatory)");
  const parsed = parseArgs(program, argv);
  if (parsed !== undefined) return parsed;
  const opts = program.opts<Options>();
  // Every outcome ends with one line on what happened to the file: "<file>: m1 → m2, written"
  // or "<file>[: m1 → m2], not written: <why>".
  let subject = "";
  let file: string | undefined;
  try {
    checkStackName(opts.stack);
    const width = tableWidth(process.stdout);
    const dir = programDir(opts.program);
    file = findStackFile(readProject(dir).dir, opts.stack);
    if (file) subject = `${displayPath(file)}, `;
    const policyConfig = loadGuardrailConfig(opts.policyConfig);
    const p = editStackFile(dir, opts.stack, opts.to);
    subject = `${displayPath(p.file)}: ${p.from} → ${p.to}, `;
    checkPromotedConfig(p);
    return await planThenWrite(p, opts, policyConfig, subject, width);
  } catch (e) {
    // The line names the file already: a message that starts with it loses the repeat.
    const named = file !== undefined && e instanceof ProjectError && e.message.startsWith(`${file}: `);
    return userError("promote", named ? new ProjectError(e.message.slice(file!.length + 2)) : e, `${subject}not written`);
  }
}

/** Plans the prepared change, prints it, and writes the file unless the plan holds it back. */
async function planThenWrite(p: Promotion, opts: Options, policyConfig: PolicyPackConfigFile | undefined, subject: string, width: number): Promise<number> {
  // A file that cannot be written is refused before the plan's work, not after it.
  const unwritable = opts.dryRun ? undefined : promotionWriteProblem(p);
  if (unwritable) throw new FileWriteError(unwritable);
  const plan = await planStack({ dir: p.dir, stack: p.stack, baseMilestone: p.from, milestone: p.to, policyConfig, allowDataLoss: opts.allowDataLoss });
  process.stdout.write(renderTable([plan], { color: useColor(process.stdout), width }));
  const failed = [...new Set(plan.verdicts.filter((v) => v.mandatory && !v.passed).map((v) => v.policy))];
  const failures = failed.length ? `mandatory guardrail${failed.length > 1 ? "s" : ""} ${failed.join(", ")} failed` : "";
  if (opts.dryRun) {
    process.stderr.write(`promote: ${subject}not written: dry run${failures ? `; ${failures}` : ""}\n`);
    return failed.length ? EXIT.guardrail : EXIT.ok;
  }
  if (failed.length && !opts.force) {
    process.stderr.write(`promote: ${subject}not written: ${failures} (see the plan above); change the stack, or pass --force to write it anyway\n`);
    return EXIT.guardrail;
  }
  writePromotion(p);
  process.stderr.write(`promote: ${subject}written${failures ? ` (--force: ${failures})` : ""}\n`);
  return EXIT.ok;
}

if (require.main === module) runMain("promote", main);
