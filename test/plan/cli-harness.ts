/**
 * Runs this repository's CLIs as a user does: a child Node process (from the repository root
 * unless told otherwise), or a CLI's `main(argv)` in this process with its output captured.
 */
import { execFile } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");

// Node's on-disk bytecode cache, shared by every CLI process the tests start (as the launcher
// enables it for users): @pulumi/aws then loads from bytecode after the first process.
const COMPILE_CACHE = path.join(ROOT, "node_modules", ".cache", "node-compile-cache");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `node <nodeArgs>` without colours, in `cwd` (default: the repository root); resolves with the
 * exit code and both streams. The caller's-directory variables are cleared, so relative paths
 * in the arguments mean `cwd`, as they do for a user typing the command there; so is COLUMNS
 * (stdout is a pipe: the table is 100 columns wide) unless `extraEnv` sets it.
 */
export function runNode(nodeArgs: readonly string[], cwd = ROOT, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", NODE_COMPILE_CACHE: COMPILE_CACHE, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") };
  delete env.CUTLIST_USER_CWD;
  delete env.INIT_CWD;
  delete env.COLUMNS;
  Object.assign(env, extraEnv);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs],
      { cwd, env, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 99) : 0, stdout, stderr }),
    );
  });
}

/**
 * An entry point of this repository (e.g. `plan/cli.ts`) as a real process, started as the
 * package scripts start it (scripts/launch.js: compiled dist/ when fresh, which the suite's
 * global setup builds, else the sources through ts-node).
 */
export function runEntry(entry: string, args: readonly string[], cwd = ROOT, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runNode([path.join(ROOT, "scripts", "launch.js"), entry.replace(/\.ts$/, ""), ...args], cwd, extraEnv);
}

/**
 * A CLI's `main(argv)` in this process, with stdout and stderr captured, run as if the user
 * stood in `cwd` (default: the repository root; what scripts/run passes as CUTLIST_USER_CWD)
 * with COLUMNS=`columns` (jest's own stdout may be a terminal of any width).
 */
export async function inProcess(main: (argv: string[]) => Promise<number>, args: string[], cwd = ROOT, columns = "100"): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  // As runNode: no colours, even when jest's workers inherit FORCE_COLOR from a terminal.
  const env = { CUTLIST_USER_CWD: cwd, FORCE_COLOR: "0", NO_COLOR: "1", COLUMNS: columns };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  // As a stream does, a write calls back once the chunk is taken (the plan waits for stdout's).
  const capture = (into: string[]) => (chunk: string | Uint8Array, encoding?: unknown, done?: unknown) => {
    into.push(String(chunk));
    const callback = typeof encoding === "function" ? encoding : done;
    if (typeof callback === "function") process.nextTick(callback as () => void);
    return true;
  };
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation(capture(out) as typeof process.stdout.write);
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(capture(err) as typeof process.stderr.write);
  try {
    const code = await main(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
