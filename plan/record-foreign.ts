/**
 * Records a program that is not ours in a child process of its own (record-worker.ts), started
 * in the program's directory as Pulumi starts it. The child streams each resource as it is
 * registered, so whatever happens to the program, the plan knows what it declared so far:
 *
 * - it finishes: the recording;
 * - it throws, leaves a promise rejected, calls process.exit, or waits on a promise nothing
 *   will resolve: a ProgramError naming the program's file and line where there is one;
 * - it outlives `timeoutSeconds` (a timer keeps it alive while it waits, an endless loop): the
 *   child is killed and a ProgramError says so.
 *
 * Each message says what was recorded before the program stopped.
 */
import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Recording, ResourceRecord } from "../model/records";
import { ProgramError, recordedSummary } from "./programError";
import { REPO_ROOT } from "./root";
import type { ProjectInfo } from "./stackFiles";

/** Seconds a program may run before the plan stops it (`--timeout`). */
export const DEFAULT_TIMEOUT_SECONDS = 120;

/**
 * Seconds the child may take to load our SDK before the program's clock starts: its own start
 * (ts-node compiling our sources, on a busy machine) is not the program's time.
 */
const STARTUP_SECONDS = 120;

/** The environment variable that hands the child its job (kept off the command line). */
export const JOB_ENV = "CUTLIST_RECORD_JOB";

/** What the child records. */
export interface ChildJob {
  readonly project: ProjectInfo;
  readonly run: { project: string; stack: string; config: Record<string, string>; secretKeys: string[] };
  /** Directories holding the program's own files (its directory, and its entry's). */
  readonly dirs: readonly string[];
}

/** How a program stopped before its end. */
export type Failure =
  | "threw" // an exception while it ran
  | "rejected" // a promise rejected with nothing to handle it
  | "exited" // it called process.exit
  | "pending" // Node ran out of work while resources still waited on promises
  | "invalid"; // the recorder refused what it declared (e.g. a duplicate URN)

/** Messages from the child, in the order it sends them. */
export type ChildMessage =
  | { readonly kind: "started" }
  | { readonly kind: "resource"; readonly record: ResourceRecord }
  | { readonly kind: "done"; readonly notes: readonly string[] }
  | { readonly kind: "failed"; readonly how: Failure; readonly message: string; readonly where?: string };

/** dist/ is at least as new as every source (scripts/launch.js decides it the same way). */
function distIsFresh(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(REPO_ROOT, "scripts", "launch.js")) as { isFresh: () => boolean }).isFresh();
}

/** The child's entry module and how to start it: the compiled one, or the source through ts-node. */
function worker(): { file: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const lazy = ["--require", path.join(REPO_ROOT, "scripts", "preload-lazy.js")];
  // From the sources (tests, ts-node), a compiled worker as new as every source starts faster.
  const compiled = path.join(REPO_ROOT, "dist", "plan", "record-worker.js");
  if (__filename.endsWith(".ts") && fs.existsSync(compiled) && distIsFresh()) return { file: compiled, execArgv: lazy, env: {} };
  if (__filename.endsWith(".ts")) {
    return {
      file: path.join(__dirname, "record-worker.ts"),
      execArgv: [...lazy, "-r", require.resolve("ts-node/register/transpile-only")],
      // ts-node would look for a tsconfig from the program's directory: ours compiles ours.
      env: { TS_NODE_PROJECT: path.join(REPO_ROOT, "tsconfig.json") },
    };
  }
  return { file: path.join(__dirname, "record-worker.js"), execArgv: lazy, env: {} };
}

const FAILURE_TEXT: Readonly<Record<Failure, string>> = {
  threw: "the program failed",
  rejected: "a promise of the program rejected and nothing handled it",
  exited: "the program ended the process before it finished",
  pending: "the program never finished",
  invalid: "the program cannot be deployed as written",
};

/** Runs the program of `project` in a child process; see the file comment. */
export function recordInChild(project: ProjectInfo, run: ChildJob["run"], timeoutSeconds: number): Promise<Recording> {
  const dirs = [...new Set([project.dir, ...(project.main ? [path.dirname(project.main)] : [])])];
  const job: ChildJob = { project, run, dirs };
  const { file, execArgv, env } = worker();
  const subject = `program ${project.dir} (stack "${run.stack}")`;
  return new Promise((resolve, reject) => {
    const child = fork(file, [], {
      cwd: project.dir,
      // Structured clone keeps `undefined` inputs, which mean "unknown at preview".
      serialization: "advanced",
      execArgv,
      env: {
        ...process.env,
        ...env,
        [JOB_ENV]: JSON.stringify(job),
        // The launcher's bytecode cache, so @pulumi/aws loads as fast as in this process.
        NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(REPO_ROOT, "node_modules", ".cache", "node-compile-cache"),
      },
      // What the program prints is not the plan: it goes to stderr, the plan's own stream stays clean.
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    child.stdout?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));

    const resources: ResourceRecord[] = [];
    let outcome: ChildMessage | undefined;
    let started = false;
    let timedOut = false;
    let startError: Error | undefined;
    const limit = (seconds: number) => setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, seconds * 1000);
    let timer = limit(Math.max(timeoutSeconds, STARTUP_SECONDS));

    child.on("message", (m: ChildMessage) => {
      if (m.kind === "started") {
        // The program's own clock starts once our SDK has loaded in the child.
        started = true;
        clearTimeout(timer);
        timer = limit(timeoutSeconds);
      } else if (m.kind === "resource") {
        resources.push(m.record);
      } else if (outcome === undefined) {
        outcome = m;
      }
    });
    child.on("error", (e) => { startError = e; });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const recorded = recordedSummary(resources);
      if (outcome?.kind === "done") {
        const notes = outcome.notes;
        resolve({ project: run.project, stack: run.stack, config: { ...run.config }, resources, ...(notes.length ? { notes } : {}) });
      } else if (outcome?.kind === "failed") {
        const at = outcome.where ? ` at ${outcome.where}` : "";
        reject(new ProgramError(`${subject}: ${FAILURE_TEXT[outcome.how]}${at}: ${outcome.message}; ${recorded}`));
      } else if (timedOut && started) {
        reject(new ProgramError(`${subject}: timed out after ${timeoutSeconds} s (--timeout ${timeoutSeconds}) and was stopped; ${recorded}`));
      } else if (timedOut) {
        reject(new ProgramError(`${subject}: the process that records it did not start within ${Math.max(timeoutSeconds, STARTUP_SECONDS)} s and was stopped; the machine may be overloaded: try again`));
      } else if (startError) {
        reject(new ProgramError(`${subject}: cannot start the process that records it: ${startError.message}`));
      } else {
        reject(new ProgramError(`${subject}: the process recording it ended (${signal ? `signal ${signal}` : `exit code ${code}`}) before the program finished; ${recorded}`));
      }
    });
  });
}
