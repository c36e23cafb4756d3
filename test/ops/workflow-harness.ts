/**
 * Runs pieces of the real workflow files outside GitHub: a step's `run:` script under bash
 * (as the runner does: `bash -e`), with a fake `npm` first on PATH, in a scratch git
 * repository; and an `actions/github-script` step's script against a fake GitHub API.
 * Shared by test/ops/workflows.test.ts and test/ops/pr-comment.test.ts.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";

export const ROOT = path.resolve(__dirname, "..", "..");
export const WORKFLOWS = path.join(ROOT, ".github", "workflows");

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
export interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly permissions?: Record<string, string> | string;
  readonly environment?: string | { name: string };
  readonly concurrency?: { group: string; "cancel-in-progress"?: boolean } | string;
  readonly strategy?: { matrix?: Record<string, unknown>; "max-parallel"?: number; "fail-fast"?: boolean };
  readonly outputs?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
export interface Workflow {
  readonly name: string;
  readonly on: Record<string, any>;
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, string>;
  readonly concurrency?: unknown;
  readonly jobs: Record<string, Job>;
}

export function loadWorkflow(file: string): Workflow {
  return YAML.parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

/** The one step of `job` matching `pick` (throws when none or several match). */
export function findStep(wf: Workflow, job: string, pick: (s: Step) => boolean): Step {
  const found = wf.jobs[job].steps.filter(pick);
  if (found.length !== 1) throw new Error(`${found.length} steps of job ${job} match`);
  return found[0];
}

/** A scratch directory, removed by `cleanup`. */
export function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cutlist-${prefix}-`));
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
  }).trim();
}

/** A git repository holding the given files in one commit per entry; returns the commit ids. */
export function gitRepo(dir: string, commits: readonly Record<string, string | null>[]): string[] {
  git(dir, "init", "-q", "-b", "main");
  const shas: string[] = [];
  for (const files of commits) {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      if (text === null) fs.rmSync(file);
      else fs.writeFileSync(file, text);
    }
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "--allow-empty", "-m", `commit ${shas.length}`);
    shas.push(git(dir, "rev-parse", "HEAD"));
  }
  return shas;
}

export function stackFile(milestone: string, extra = ""): string {
  return `config:\n  aws:region: us-east-1\n  cutlist:milestone: ${milestone}   # m1 | m2 | m3 | m4\n${extra}`;
}

export const PROJECT_FILE = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");

export interface FakePlanCall {
  readonly argv: string[];
  readonly stack?: string;
  readonly format?: string;
  readonly out?: string;
  readonly baseMilestone?: string;
  readonly milestone?: string;
}

/**
 * A fake `npm` whose `npm run -s plan -- …` logs its arguments (JSON lines in `log`), writes
 * `outputs[<stack>.<format>]` (or a small stand-in) to --out, prints `stderr[<stack>]` and
 * exits with `exit[<stack>]` (default 0). Any other npm command fails.
 */
export function fakeNpm(bin: string, log: string, spec: { outputs?: Record<string, string>; exit?: Record<string, number>; stderr?: Record<string, string> }): void {
  fs.mkdirSync(bin, { recursive: true });
  const specFile = path.join(bin, "fake-npm.json");
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const js = path.join(bin, "fake-npm.js");
  fs.writeFileSync(js, `
const fs = require("fs");
const argv = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(${JSON.stringify(specFile)}, "utf8"));
const sep = argv.indexOf("--");
if (argv[0] !== "run" || !argv.slice(0, sep).includes("plan")) { process.stderr.write("fake npm: unexpected " + argv.join(" ") + "\\n"); process.exit(97); }
const args = argv.slice(sep + 1);
const opt = (k) => { const i = args.indexOf(k); return i < 0 ? undefined : args[i + 1]; };
const call = { argv: args, stack: opt("--stack"), format: opt("--format"), out: opt("--out"), baseMilestone: opt("--base-milestone"), milestone: opt("--milestone") };
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(call) + "\\n");
const code = (spec.exit || {})[call.stack] || 0;
if ((spec.stderr || {})[call.stack]) process.stderr.write(spec.stderr[call.stack]);
if (code < 2 && call.out) {
  const text = (spec.outputs || {})[call.stack + "." + call.format]
    ?? (call.format === "json" ? JSON.stringify({ version: "0.2", projects: [{ name: call.stack }] }) : "## Plan\\n\\n### cutlist/" + call.stack + ": stand-in\\n\\nbody of " + call.stack + "\\n");
  fs.writeFileSync(call.out, text);
  process.stderr.write("plan: wrote " + call.out + "\\n");
}
process.exit(code);
`);
  fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\nexec "${process.execPath}" "${js}" "$@"\n`, { mode: 0o755 });
}

export function readCalls(log: string): FakePlanCall[] {
  if (!fs.existsSync(log)) return [];
  return fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as FakePlanCall);
}

/** Parses a GITHUB_OUTPUT file of `key=value` lines. */
export function readOutputs(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

export interface StepRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/**
 * Runs a `run:` script as GitHub's ubuntu runner does with the default shell (`bash -e
 * {0}`), in `cwd`, with `env` (the step's and workflow's env after expression substitution),
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, `bin` first on PATH and NODE_PATH pointing at this
 * repository's node_modules (the runner has `npm ci` there).
 */
export function runStep(script: string, opts: { cwd: string; env?: Record<string, string>; bin?: string }): StepRun {
  const meta = scratch("step");
  const output = path.join(meta, "output");
  const summary = path.join(meta, "summary");
  const scriptFile = path.join(meta, "step.sh");
  fs.writeFileSync(scriptFile, script);
  const r = spawnSync("bash", ["-e", scriptFile], {
    cwd: opts.cwd,
    encoding: "utf8",
    env: {
      PATH: [opts.bin, path.dirname(process.execPath), process.env.PATH].filter(Boolean).join(path.delimiter),
      HOME: process.env.HOME ?? meta,
      NODE_PATH: path.join(ROOT, "node_modules"),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...opts.env,
    },
  });
  const result = {
    status: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: readOutputs(output),
    summary: fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "",
  };
  fs.rmSync(meta, { recursive: true, force: true });
  return result;
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: "Bot" | "User" };
  html_url: string;
}

/** An in-memory pull request's comments behind the slice of Octokit that github-script hands out. */
export class FakeGitHub {
  readonly comments: Comment[] = [];
  readonly calls: string[] = [];
  private nextId = 100;

  constructor(initial: Omit<Comment, "id" | "html_url">[] = []) {
    for (const c of initial) this.add(c.body, c.user);
  }

  private add(body: string, user: Comment["user"]): Comment {
    const c = { id: this.nextId++, body, user, html_url: `https://github.example/pr/1#comment-${this.nextId}` };
    this.comments.push(c);
    return c;
  }

  readonly rest = {
    issues: {
      listComments: async (p: { issue_number: number; page?: number; per_page?: number }) => {
        this.calls.push(`list #${p.issue_number}`);
        return { data: this.comments.map((c) => ({ ...c })) };
      },
      createComment: async (p: { issue_number: number; body: string }) => {
        this.calls.push(`create #${p.issue_number}`);
        return { data: this.add(p.body, { login: "github-actions[bot]", type: "Bot" }) };
      },
      updateComment: async (p: { comment_id: number; body: string }) => {
        this.calls.push(`update ${p.comment_id}`);
        const c = this.comments.find((x) => x.id === p.comment_id);
        if (!c) throw new Error(`404 comment ${p.comment_id}`);
        if (c.user.type !== "Bot") throw new Error(`403 comment ${p.comment_id} belongs to ${c.user.login}`);
        c.body = p.body;
        return { data: c };
      },
    },
  };

  async paginate<P, T>(fn: (p: P) => Promise<{ data: T[] }>, params: P): Promise<T[]> {
    return (await fn(params)).data;
  }
}

/**
 * Runs an actions/github-script `script` as the action does (an async function body with
 * `github`, `context`, `core`, `require`), with `process.env` extended by `env` and relative
 * file reads resolved against `cwd` (the runner's workspace).
 */
export async function runGithubScript(script: string, opts: { github: FakeGitHub; cwd: string; env: Record<string, string>; prNumber: number }): Promise<string[]> {
  const logged: string[] = [];
  const core = { info: (s: string) => logged.push(s), warning: (s: string) => logged.push(`warning: ${s}`), setFailed: (s: string) => logged.push(`failed: ${s}`) };
  const context = { repo: { owner: "acme", repo: "cutlist" }, payload: { pull_request: { number: opts.prNumber } } };
  // fs with relative reads from the workspace. Not a spread copy: that reads every property,
  // Node's deprecated constant aliases (fs.F_OK…) too, which prints a deprecation warning.
  const workspaceFs = Object.create(fs, {
    readFileSync: { value: (p: string, enc?: BufferEncoding) => fs.readFileSync(path.resolve(opts.cwd, p), enc) },
  }) as typeof fs;
  const req = (id: string) => (id === "fs" ? workspaceFs : require(id));
  const saved = { ...process.env };
  Object.assign(process.env, opts.env);
  try {
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
    await new AsyncFunction("require", "github", "context", "core", script)(req, opts.github, context, core);
  } finally {
    for (const k of Object.keys(opts.env)) {
      if (k in saved) process.env[k] = saved[k];
      else delete process.env[k];
    }
  }
  return logged;
}

/** `${{ env.X }}`-free check: the workflow's own env value for a key. */
export function workflowEnv(wf: Workflow, key: string): string {
  const v = wf.env?.[key];
  if (typeof v !== "string") throw new Error(`workflow has no env.${key}`);
  return v;
}
