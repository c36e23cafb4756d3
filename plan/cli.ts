/**
 * `npm run plan -- --stack <name> [--milestone <m>] [--program <dir>]`: records the stack's
 * program offline and prints what it would declare. Exit codes: 0 ok, 2 usage or config error.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../stacks/problems";
import { ProjectError, readProject, recordStack } from "./record";
import type { Recording } from "./types";

function inventory(rec: Recording): string {
  const byComponent = new Map<string, string[]>();
  for (const r of rec.resources.filter((x) => x.custom)) {
    const key = r.component ?? "(top level)";
    byComponent.set(key, [...(byComponent.get(key) ?? []), `${r.type}  ${r.name}${r.protect ? "  [protected]" : ""}`]);
  }
  const lines = [`${rec.project}/${rec.stack} at ${rec.config[`${rec.project}:milestone`] ?? "?"}: ${rec.resources.filter((x) => x.custom).length} resources`];
  for (const [component, items] of byComponent) lines.push(`  ${component}`, ...items.sort().map((i) => `    ${i}`));
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command("plan")
    .description("Offline preview of a stack: what it declares")
    .option("--stack <name>", "stack to plan (default: every stack with a Pulumi.<stack>.yaml)")
    .option("--milestone <m>", "plan the stack at this milestone instead of its configured one")
    .option("--program <dir>", "Pulumi program directory", undefined)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const opts = program.opts<{ stack?: string; milestone?: string; program?: string }>();
  try {
    const project = readProject(opts.program ?? `${__dirname}/..`);
    const stacks = opts.stack ? [opts.stack] : project.stacks;
    for (const stack of stacks) {
      const rec = await recordStack({ dir: project.dir, stack, milestone: opts.milestone });
      process.stdout.write(`${inventory(rec)}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ProjectError) {
      process.stderr.write(`plan: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`plan: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 3;
  });
}
