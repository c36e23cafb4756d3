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
 * in the arguments mean `cwd`, as they do for a user typing the command there.
 */
export function runNode(nodeArgs: readonly string[], cwd = ROOT): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", NODE_COMPILE_CACHE: COMPILE_CACHE, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") };
  delete env.CUTLIST_USER_CWD;
  delete env.INIT_CWD;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs],
      { cwd, env, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 99) : 0, stdout, stderr }),
    );
  });
}

/** A TypeScript entry point of this repository (e.g. `plan/cli.ts`) through ts-node. */
export function runEntry(entry: string, args: readonly string[], cwd = ROOT): Promise<Run> {
  return runNode(["-r", require.resolve("ts-node/register/transpile-only"), path.join(ROOT, entry), ...args], cwd);
}

/**
 * A CLI's `main(argv)` in this process, with stdout and stderr captured, run as if the user
 * stood in `cwd` (default: the repository root; what scripts/run passes as CUTLIST_USER_CWD).
 */
export async function inProcess(main: (argv: string[]) => Promise<number>, args: string[], cwd = ROOT): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = process.env.CUTLIST_USER_CWD;
  process.env.CUTLIST_USER_CWD = cwd;
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
    if (saved === undefined) delete process.env.CUTLIST_USER_CWD;
    else process.env.CUTLIST_USER_CWD = saved;
  }
}
