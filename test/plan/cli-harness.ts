/** Runs this repository's CLIs as a user does: a child Node process from the repository root. */
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

/** `node <nodeArgs>` without colours; resolves with the exit code and both streams. */
export function runNode(nodeArgs: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs],
      { cwd: ROOT, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", NODE_COMPILE_CACHE: COMPILE_CACHE }, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 99) : 0, stdout, stderr }),
    );
  });
}

/** A TypeScript entry point of this repository (e.g. `plan/cli.ts`) through ts-node. */
export function runEntry(entry: string, args: readonly string[]): Promise<Run> {
  return runNode(["-r", "ts-node/register/transpile-only", entry, ...args]);
}
