/**
 * `npm run optimize -- --stack <s> [--milestone <m>] [--format table|markdown|json]
 * [--out <file>] [--policy-config <file>]`: the cheapest configuration of the stack at each
 * milestone (or the one given) that passes every mandatory guardrail, as a `cutlist:overrides`
 * block ready to paste into the stack file, with the next alternatives and, for each cheaper
 * configuration the search rejected, the guardrails it broke.
 *
 * Exit codes: 0 every milestone has a passing configuration, 1 some milestone has none (the
 * report names the guardrails no candidate met), 2 usage or config error.
 */
import { Command } from "commander";
import YAML from "yaml";
import { decimalString, usd } from "../model/money";
import { MILESTONE_IDS, isMilestoneId, type MilestoneId, type Overrides } from "../stacks/milestones";
import { parseStackConfig } from "../stacks/config";
import { EXIT, emit, loadGuardrailConfig, parseArgs, runMain, UsageError, userError } from "./cli";
import { lowerBound, optionSpace } from "./optionSpace";
import { optimize, type Evaluation, type OptimizeResult } from "./optimize";
import { REPO_ROOT } from "./root";
import { readProject, readStackConfig } from "./stackFiles";

export const OPTIMIZE_FORMATS = ["table", "markdown", "json"] as const;

/** The block to paste under `config:` in Pulumi.<stack>.yaml. */
export function overridesBlock(overrides: Overrides): string {
  return YAML.stringify({ config: { "cutlist:overrides": overrides } }, { lineWidth: 0 }).trimEnd();
}

const money = (n: number) => decimalString(n, 2);

/** The JSON of one milestone's result (the issue's shape; other fields beside). */
export function resultJson(r: OptimizeResult) {
  const entry = (e: Evaluation) => ({
    overrides: e.overrides,
    choice: e.choice,
    expectedMonthlyCost: money(e.expectedMonthlyCost),
    worstCaseMonthlyCost: money(e.worstCaseMonthlyCost),
    warnings: e.warnings.map((v) => ({ policy: v.policy, message: v.message })),
    lineItems: e.lineItems.map((l) => ({ ...l, monthlyCost: money(l.monthlyCost) })),
  });
  return {
    stack: r.stack,
    milestone: r.milestone,
    best: r.best ? entry(r.best) : null,
    alternatives: r.alternatives.map(entry),
    rejected: r.rejected.map((e) => ({
      overrides: e.overrides,
      choice: e.choice,
      expectedMonthlyCost: money(e.expectedMonthlyCost),
      failedPolicies: e.failed.map((v) => ({ policy: v.policy, message: v.message })),
    })),
    ...(r.closest ? { closest: { ...entry(r.closest), failedPolicies: r.closest.failed.map((v) => ({ policy: v.policy, message: v.message })) } } : {}),
    ...(r.cheapestOverBudget ? { cheapestOverBudget: { ...entry(r.cheapestOverBudget), failedPolicies: r.cheapestOverBudget.failed.map((v) => ({ policy: v.policy, message: v.message })) } } : {}),
    unmet: r.unmet,
    stats: r.stats,
  };
}

function describeChoice(e: Evaluation): string {
  return Object.entries(e.choice).map(([group, label]) => `${group}: ${label}`).join("; ");
}

function failures(e: Evaluation): string {
  return e.failed.map((v) => v.policy).filter((p, i, all) => all.indexOf(p) === i).join(", ");
}

export function renderText(results: readonly OptimizeResult[], markdown: boolean): string {
  const out: string[] = [];
  const h = (s: string) => (markdown ? `### ${s}` : s);
  for (const r of results) {
    out.push(h(`${r.stack} at ${r.milestone}: ${r.best ? `${usd(r.best.expectedMonthlyCost)} a month expected (worst case ${usd(r.best.worstCaseMonthlyCost)})` : "no configuration passes every mandatory guardrail"}`));
    if (r.best) {
      out.push(`${describeChoice(r.best)}`);
      out.push(markdown ? "```yaml" : "");
      out.push(overridesBlock(r.best.overrides));
      if (markdown) out.push("```");
      out.push(`largest lines: ${r.best.lineItems.slice(0, 6).map((l) => `${l.resource} (${l.type.split(":").pop()}) ${usd(l.monthlyCost)}`).join(", ")}`);
      for (const w of r.best.warnings) out.push(`warn ${w.policy}: ${w.message}`);
      for (const a of r.alternatives) out.push(`${markdown ? "- " : "  "}alternative ${usd(a.expectedMonthlyCost)}: ${describeChoice(a)}`);
      for (const x of r.rejected) out.push(`${markdown ? "- " : "  "}rejected ${usd(x.expectedMonthlyCost)} (${failures(x)}): ${describeChoice(x)}`);
    } else {
      if (r.cheapestOverBudget) {
        const e = r.cheapestOverBudget;
        out.push(`cheapest that holds every other guardrail: ${usd(e.expectedMonthlyCost)} (worst case ${usd(e.worstCaseMonthlyCost)}): ${describeChoice(e)}`);
        out.push(markdown ? "```yaml" : "");
        out.push(overridesBlock(e.overrides));
        if (markdown) out.push("```");
        out.push(`largest lines: ${e.lineItems.slice(0, 6).map((l) => `${l.resource} (${l.type.split(":").pop()}) ${usd(l.monthlyCost)}`).join(", ")}`);
        for (const v of e.failed) out.push(`  FAIL ${v.policy}: ${v.message}`);
      } else if (r.closest) {
        out.push(`closest: ${usd(r.closest.expectedMonthlyCost)} failing ${failures(r.closest)}: ${describeChoice(r.closest)}`);
        for (const v of r.closest.failed) out.push(`  FAIL ${v.policy}: ${v.message}`);
      }
      for (const x of r.rejected) out.push(`${markdown ? "- " : "  "}rejected ${usd(x.expectedMonthlyCost)} (${failures(x)}): ${describeChoice(x)}`);
      out.push(`no candidate met: ${r.unmet.join(", ") || "(each guardrail was met by some candidate, never all at once)"}`);
    }
    out.push(`searched ${r.stats.evaluated} configurations (${r.stats.invalid} refused by the config checks, ${r.stats.pruned} skipped by the lower bound) in ${r.stats.seconds} s`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

interface Options {
  stack?: string;
  milestone?: string;
  format: string;
  out?: string;
  policyConfig?: string;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command("optimize")
    .description("The cheapest configuration of a stack at a milestone that passes every mandatory guardrail")
    .requiredOption("--stack <name>", "stack to optimise")
    .option("--milestone <m>", `milestone, one of ${MILESTONE_IDS.join(", ")} (default: all four)`)
    .option("--format <format>", `output format: ${OPTIMIZE_FORMATS.join(", ")}`, "table")
    .option("--out <file>", "write the output to a file instead of stdout")
    .option("--policy-config <file>", "guardrail config (default: policies/guardrails.json of this repository)");
  const parsed = parseArgs(program, argv);
  if (parsed !== undefined) return parsed;
  const opts = program.opts<Options>();
  try {
    if (!(OPTIMIZE_FORMATS as readonly string[]).includes(opts.format)) {
      throw new UsageError(`--format: ${JSON.stringify(opts.format)} is not allowed: must be one of ${OPTIMIZE_FORMATS.join(", ")}`);
    }
    if (opts.milestone !== undefined && !isMilestoneId(opts.milestone)) {
      throw new UsageError(`--milestone: ${JSON.stringify(opts.milestone)} is not allowed: must be one of ${MILESTONE_IDS.join(", ")}`);
    }
    const policyConfig = loadGuardrailConfig(opts.policyConfig);
    const project = readProject(REPO_ROOT);
    const stack = opts.stack!;
    const { config } = readStackConfig(project, stack);
    const milestones: MilestoneId[] = opts.milestone ? [opts.milestone as MilestoneId] : [...MILESTONE_IDS];
    const results: OptimizeResult[] = [];
    for (const milestone of milestones) {
      // The stack's own settings (overrides, capacity, commitments) checked as the plan checks them.
      const cfg = parseStackConfig({ ...config, [`${project.name}:milestone`]: milestone }, { project: project.name, stack });
      const baseOverrides = cfg.overrides;
      results.push(await optimize({
        stack,
        milestone,
        policyConfig,
        baseOverrides,
        space: optionSpace(milestone, baseOverrides, cfg.capacity),
        lowerBound: (o) => lowerBound(milestone, o, cfg.commitments, cfg.usage.spot_discount_percent, cfg.region),
      }));
    }
    const text = opts.format === "json"
      ? `${JSON.stringify(opts.milestone ? resultJson(results[0]) : results.map(resultJson), null, 2)}\n`
      : renderText(results, opts.format === "markdown");
    await emit("optimize", text, opts.out);
    return results.every((r) => r.best) ? EXIT.ok : EXIT.guardrail;
  } catch (e) {
    return userError("optimize", e);
  }
}

if (require.main === module) runMain("optimize", main);
