/**
 * `npm run plan -- [--stack <name>] [--milestone <m>] [--base-milestone <m>]
 * [--format table|markdown|json] [--out <file>] [--program <dir>] [--state <file>]`: records
 * each stack's program offline at its configured milestone (or `--base-milestone`) and at the
 * target (`--milestone`, or the next milestone), prices both, diffs them and renders the plan.
 * With no --stack it plans every stack of the program directory. `--state` takes what is
 * deployed (`pulumi stack export`) as the base instead; `--preview-json <file>` plans what
 * `pulumi preview --json` wrote, with no program at all.
 *
 * Relative paths start from the directory the user ran the command in (see userCwd).
 *
 * Exit codes: 0 ok, 1 a mandatory guardrail failed, 2 usage, config or program error (one
 * clear message, no stack trace), 3 an internal error. A reader that stops reading (EPIPE,
 * `plan | head`) ends the plan quietly with its own code.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Command, CommanderError } from "commander";
import { ConfigError } from "../stacks/problems";
import { stackConfigWarnings } from "../stacks/config";
import { MILESTONE_IDS, isMilestoneId } from "../stacks/milestones";
import { loadPolicyPackConfig, PolicyConfigError, type PolicyPackConfigFile } from "./guardrails/offline";
import { mandatoryFailed, planStack, type StackPlan } from "./plan";
import { FileWriteError, writeFileAtomic, writeProblem } from "./atomic-write";
import { protectedReason } from "./protected-paths";
import { ProjectError, readProject, readStackConfig, type ProjectInfo } from "./stackFiles";
import { DEFAULT_TIMEOUT_SECONDS } from "./record-foreign";
import { readUsageFile } from "./usageFile";
import { AWS_REGIONS } from "../stacks/awsRegions";
import { suggest } from "../model/suggest";
import { renderJson } from "./render/json";
import { renderMarkdown } from "./render/markdown";
import { renderTable } from "./render/table";
import { outputWidth } from "./render/width";
import { REPO_ROOT } from "./root";
import { stackNameProblem } from "./stack-name";
import { planPreview } from "./planPreview";
import { PREVIEW_FLAG, readPreviewJson } from "./ingest/previewJson";
import { readStackExport, STATE_FLAG, type DeployedState } from "./ingest/stackExport";

export const FORMATS = ["table", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, guardrail: 1, usage: 2, internal: 3 } as const;

/** Colours for the terminal table: a TTY (unless NO_COLOR), or FORCE_COLOR. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "" ) return force !== "0" && force !== "false";
  return Boolean(stream.isTTY) && !("NO_COLOR" in env);
}

/**
 * Columns the terminal table must fit in: COLUMNS, else the stream's width when it is a TTY,
 * else 100 (plan/render/width.ts). A COLUMNS that is no number is a UsageError.
 */
export function tableWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): number {
  const w = outputWidth(stream, env);
  if ("problem" in w) throw new UsageError(w.problem);
  return w.width;
}

export function render(plans: readonly StackPlan[], format: Format, color: boolean, width?: number): string {
  switch (format) {
    case "json": return renderJson(plans);
    case "markdown": return renderMarkdown(plans);
    default: return renderTable(plans, { color, width });
  }
}

/**
 * Parses argv with commander's own usage errors and help. Returns an exit code when the run
 * ends here (help shown: 0; usage error: 2), undefined when the command should go on.
 */
export function parseArgs(program: Command, argv: string[]): number | undefined {
  program
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  return undefined;
}

/**
 * Runs a CLI's main as the process: its code becomes the exit code; a bug prints its stack,
 * exit 3, and so does an error nothing caught (never Node's bare exit 1). A write error on
 * stdout after main's own check (emit) ends nothing: main reports it.
 */
export function runMain(name: string, main: (argv: string[]) => Promise<number>): void {
  const internal = (e: unknown) => {
    process.stderr.write(`${name}: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(EXIT.internal);
  };
  process.on("uncaughtException", internal);
  process.on("unhandledRejection", internal);
  process.stdout.on("error", () => undefined);
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`${name}: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = EXIT.internal;
  });
}

/**
 * Prints a user error without a stack trace (after `context`, e.g. what was not written) and
 * returns its exit code; rethrows anything else.
 */
export function userError(name: string, e: unknown, context?: string): number {
  // A program's own RunError (ours wraps ConfigError in one) is Pulumi's "message, no stack trace".
  if (e instanceof ConfigError || e instanceof ProjectError || e instanceof UsageError || e instanceof PolicyConfigError || e instanceof FileWriteError || pulumi.RunError.isInstance(e)) {
    process.stderr.write(`${name}: ${context ? `${context}: ` : ""}${e.message}\n`);
    return EXIT.usage;
  }
  throw e;
}

/**
 * The directory the user ran the command in, which relative paths in arguments start from:
 * scripts/run and `npm run` start the CLIs at the repository root, scripts/run passing the
 * caller's directory in CUTLIST_USER_CWD and npm in INIT_CWD.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  for (const dir of [env.CUTLIST_USER_CWD, env.INIT_CWD]) if (dir && path.isAbsolute(dir)) return dir;
  return process.cwd();
}

/** A path argument as the user meant it: relative to the directory they ran the command in. */
export function resolveUserPath(p: string): string {
  return path.resolve(userCwd(), p);
}

/** A path as shown to the user: relative when it is below their directory, else absolute. */
export function displayPath(file: string): string {
  const rel = path.relative(userCwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** `--stack` must be a stack name, not a path (UsageError otherwise). */
export function checkStackName(value: string): void {
  const problem = stackNameProblem("--stack", value);
  if (problem) throw new UsageError(problem);
}

const isDirectory = (p: string): boolean => fs.existsSync(p) && fs.statSync(p).isDirectory();

/**
 * Checks `--out` before any work and returns its absolute path: a file in an existing
 * directory (none is created), and none of the project's or this repository's own files.
 */
export function checkOut(out: string): string {
  if (out.trim() === "") throw new UsageError(`--out: "" is not allowed: must name a file`);
  const file = resolveUserPath(out);
  const reason = protectedReason(file);
  if (reason) {
    throw new UsageError(`--out: ${JSON.stringify(out)} is not allowed: it is ${reason}; --out never overwrites a project's stack or package files or this repository's sources: name a file elsewhere (e.g. plan-out/plan.md)`);
  }
  const dir = path.dirname(file);
  if (!isDirectory(dir)) throw new UsageError(`--out: ${JSON.stringify(out)} is not allowed: directory ${dir} does not exist (--out creates no directories; create it first)`);
  if (isDirectory(file)) throw new UsageError(`--out: ${JSON.stringify(out)} is not allowed: ${file} is a directory; must name a file`);
  const problem = writeProblem(file);
  if (problem) throw new UsageError(`--out: ${problem}`);
  return file;
}

/** Why stdout did not take the whole text: the reader stopped (EPIPE), or another write error. */
export class StdoutError extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
    this.name = "StdoutError";
  }
}

/** Writes `text` to stdout and waits until it is handed to the system (StdoutError if not). */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (e: unknown) => {
      process.stdout.off("error", failed);
      const code = (e as NodeJS.ErrnoException | undefined)?.code;
      reject(new StdoutError(code, e instanceof Error ? e.message : String(e)));
    };
    process.stdout.on("error", failed);
    try {
      process.stdout.write(text, (e) => (e ? failed(e) : (process.stdout.off("error", failed), resolve())));
    } catch (e) {
      failed(e);
    }
  });
}

/**
 * Writes rendered output to --out atomically (saying so on stderr) or to stdout. Returns false
 * when stdout's reader stopped reading (EPIPE: `plan | head`), which is not an error; any other
 * write error is a FileWriteError ("cannot write the plan: …").
 */
export async function emit(name: string, text: string, out: string | undefined): Promise<boolean> {
  if (out === undefined) {
    try {
      await writeStdout(text);
      return true;
    } catch (e) {
      if (e instanceof StdoutError && e.code === "EPIPE") return false;
      throw new FileWriteError(`cannot write the ${name} to stdout: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const file = checkOut(out);
  writeFileAtomic(file, text);
  process.stderr.write(`${name}: wrote ${file}\n`);
  return true;
}

/**
 * Prints on stderr, once per stack, what its stack file should change but need not (a secret
 * in plain text). Only for our program: a foreign project's keys are its own business.
 */
export function printConfigWarnings(name: string, project: ProjectInfo, stack: string): void {
  const { config, secretKeys } = readStackConfig(project, stack);
  if (project.dir !== REPO_ROOT && !isMilestoneId(config[`${project.name}:milestone`])) return;
  for (const warning of stackConfigWarnings(config, { project: project.name, stack, secretKeys })) {
    process.stderr.write(`${name}: warning: stack "${stack}": ${warning}\n`);
  }
}

interface Options {
  stack?: string;
  milestone?: string;
  baseMilestone?: string;
  policyConfig?: string;
  allowDataLoss?: boolean;
  format: string;
  out?: string;
  program?: string;
  previewJson?: string;
  state?: string;
  timeout?: string;
  usageFile?: string;
  compareRegion?: string;
}

/** A file argument: not empty, resolved from the user's directory. */
function fileArg(flag: string, value: string): string {
  if (value.trim() === "") throw new UsageError(`${flag}: "" is not allowed: must name a file`);
  return resolveUserPath(value);
}

/** The flags `--preview-json` cannot take: the preview names its own project, stack and sides. */
function checkPreviewAlone(opts: Options): void {
  const clash: [string, unknown][] = [["--program", opts.program], ["--stack", opts.stack], ["--milestone", opts.milestone], ["--base-milestone", opts.baseMilestone], [STATE_FLAG, opts.state]];
  const given = clash.filter(([, v]) => v !== undefined).map(([f]) => f);
  if (given.length) throw new UsageError(`${PREVIEW_FLAG}: not with ${given.join(", ")}: the preview names its own project and stack, and its sides are what is deployed and what it would deploy`);
}

/** The stack a --state plan is of: --stack, else the one the state names, else the project's only stack. */
function stateStack(opts: Options, deployed: DeployedState, stacks: readonly string[]): string {
  if (opts.stack !== undefined) return opts.stack;
  if (deployed.stack !== undefined) {
    checkStackName(deployed.stack);
    return deployed.stack;
  }
  if (stacks.length === 1) return stacks[0];
  throw new UsageError(`${STATE_FLAG}: ${deployed.label} holds no resources, so it names no stack; give --stack`);
}

/** `--compare-region <r>`: an AWS region's code (UsageError naming the value otherwise). */
function checkRegion(value: string): string {
  if (AWS_REGIONS.includes(value)) return value;
  const hint = suggest(value, AWS_REGIONS);
  throw new UsageError(`--compare-region: ${JSON.stringify(value)} is not allowed: must be an AWS region such as "eu-west-1"${hint ? ` (did you mean "${hint}"?)` : ""}`);
}

/** `--timeout <seconds>`: a positive number of seconds, at most a day (UsageError otherwise). */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n > 86_400) {
    throw new UsageError(`--timeout: ${JSON.stringify(value)} is not allowed: must be a number of seconds greater than 0 and at most 86400 (default ${DEFAULT_TIMEOUT_SECONDS})`);
  }
  return n;
}

/**
 * The program directory to plan: `--program`, else this repository, whose Pulumi.yaml must be
 * there (ProjectError naming it otherwise, instead of "no Pulumi.yaml here; --program …").
 */
export function programDir(program: string | undefined): string {
  if (program !== undefined) return resolveUserPath(program);
  const file = path.join(REPO_ROOT, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new ProjectError(`${file} is missing: it is this repository's Pulumi project file, which the plan reads when no --program is given; restore it (git checkout -- Pulumi.yaml) or name a program with --program <dir>`);
  return REPO_ROOT;
}

/** The team's guardrail config, used when no --policy-config is given. */
export const DEFAULT_POLICY_CONFIG = path.join(REPO_ROOT, "policies", "guardrails.json");

/** Reads and checks the guardrail config (PolicyConfigError → exit 2); none when the default is absent. */
export function loadGuardrailConfig(file: string | undefined): PolicyPackConfigFile | undefined {
  if (file !== undefined) return loadPolicyPackConfig(resolveUserPath(file));
  return fs.existsSync(DEFAULT_POLICY_CONFIG) ? loadPolicyPackConfig(DEFAULT_POLICY_CONFIG) : undefined;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command("plan")
    .description("Offline plan of a stack: what changes between two milestones and what it costs per month")
    .option("--stack <name>", "stack to plan (default: every stack with a Pulumi.<stack>.yaml)")
    .option("--milestone <m>", `target milestone, one of ${MILESTONE_IDS.join(", ")} (default: the next milestone)`)
    .option("--base-milestone <m>", `base milestone, one of ${MILESTONE_IDS.join(", ")} (default: the stack's configured one; a promotion PR plans the old milestone → the new)`)
    .option("--policy-config <file>", "guardrail config, the `pulumi preview --policy-pack-config` file (default: policies/guardrails.json of this repository)")
    .option("--allow-data-loss", "let a delete or replace of a stateful resource pass (advisory instead of mandatory)")
    .option("--format <format>", `output format: ${FORMATS.join(", ")}`, "table")
    .option("--out <file>", "write the output to a file instead of stdout (its directory must exist; never a project or source file)")
    .option("--program <dir>", "Pulumi TypeScript program directory (default: this repository)")
    .option("--state <file>", "what is deployed, as `pulumi stack export` writes it: the base of the plan instead of a milestone (one stack; not with --base-milestone)")
    .option("--preview-json <file>", "plan what `pulumi preview --json` wrote (deployed → preview) instead of recording a program (not with --program, --stack, --state or the milestone flags)")
    .option("--timeout <seconds>", `seconds another --program may run before it is stopped (default ${DEFAULT_TIMEOUT_SECONDS})`)
    .option("--compare-region <region>", "also price the program as if deployed in this AWS region (the data's regions; resources it has no price for are listed)")
    .option("--usage-file <yaml>", "usage per resource and per type (requests, GB, durations: the keys each pricer reads), applied after the stack's own profile");
  const parsed = parseArgs(program, argv);
  if (parsed !== undefined) return parsed;
  const opts = program.opts<Options>();
  try {
    if (!(FORMATS as readonly string[]).includes(opts.format)) {
      throw new UsageError(`--format: ${JSON.stringify(opts.format)} is not allowed: must be one of ${FORMATS.join(", ")}`);
    }
    const format = opts.format as Format;
    // Checked before the plan's work, like every other argument.
    const width = format === "table" ? tableWidth(process.stdout) : undefined;
    for (const [flag, value] of [["--milestone", opts.milestone], ["--base-milestone", opts.baseMilestone]] as const) {
      if (value !== undefined && !isMilestoneId(value)) {
        throw new UsageError(`${flag}: ${JSON.stringify(value)} is not allowed: must be one of ${MILESTONE_IDS.join(", ")}`);
      }
    }
    if (opts.previewJson !== undefined) checkPreviewAlone(opts);
    if (opts.state !== undefined && opts.baseMilestone !== undefined) throw new UsageError(`${STATE_FLAG}: not with --base-milestone: the base is what the state says is deployed`);
    if (opts.stack !== undefined) checkStackName(opts.stack);
    const timeoutSeconds = parseTimeout(opts.timeout);
    // Refused before the plan's work, and checked again when written.
    if (opts.out !== undefined) checkOut(opts.out);
    const policyConfig = loadGuardrailConfig(opts.policyConfig);
    const compareRegion = opts.compareRegion === undefined ? undefined : checkRegion(opts.compareRegion);
    const usageFile = opts.usageFile === undefined ? undefined : readUsageFile(fileArg("--usage-file", opts.usageFile), opts.usageFile);
    const plans: StackPlan[] = [];
    if (opts.previewJson !== undefined) {
      const preview = readPreviewJson(fileArg(PREVIEW_FLAG, opts.previewJson), opts.previewJson);
      plans.push(await planPreview({ preview, policyConfig, allowDataLoss: opts.allowDataLoss, usageFile, compareRegion }));
    } else {
      const deployed = opts.state === undefined ? undefined : readStackExport(fileArg(STATE_FLAG, opts.state), opts.state);
      const project = readProject(programDir(opts.program));
      const stacks = deployed ? [stateStack(opts, deployed, project.stacks)] : opts.stack !== undefined ? [opts.stack] : project.stacks;
      if (stacks.length === 0) throw new ProjectError(`${project.dir}: no stacks (no Pulumi.<stack>.yaml files)`);
      // Sequential: the Pulumi mock runtime is process-global.
      for (const stack of stacks) {
        printConfigWarnings("plan", project, stack);
        plans.push(await planStack({ dir: project.dir, stack, milestone: opts.milestone, baseMilestone: opts.baseMilestone, milestoneCosts: format === "markdown", policyConfig, allowDataLoss: opts.allowDataLoss, deployed, timeoutSeconds, usageFile, compareRegion }));
      }
    }
    // A reader that stopped early (EPIPE) chose to: the plan's own code, no message.
    await emit("plan", render(plans, format, opts.out === undefined && useColor(process.stdout), width), opts.out);
    return mandatoryFailed(plans) ? EXIT.guardrail : EXIT.ok;
  } catch (e) {
    return userError("plan", e);
  }
}

if (require.main === module) runMain("plan", main);
