/**
 * Files `--out` must never overwrite: Pulumi project and stack files and npm package files
 * (anywhere: no plan is meant to replace one), and this repository's own files outside its
 * output folders. A plan written over `Pulumi.prod.yaml` or a source file loses work; the
 * report belongs elsewhere (CI writes plan-out/).
 */
import * as fs from "fs";
import * as path from "path";
import { resolveWriteTarget } from "./atomic-write";
import { REPO_ROOT } from "./root";

const PROJECT_FILES = /^(Pulumi(\.[^/]+)?\.ya?ml|package(-lock)?\.json|npm-shrinkwrap\.json)$/;
/** Top-level folders of the repository that hold sources, tests, docs or CI (every file in them). */
const SOURCE_DIRS = [".git", ".github", ".ci", "scripts", "stacks", "components", "plan", "cost", "policies", "test", "model", "docs"];
/** Files at the repository's top level that are sources or settings. */
const TOP_LEVEL = /^(\..*|tsconfig.*\.json|README\.md|.*\.(ts|tsx|js|cjs|mjs|json))$/;

/** A top-level folder with TypeScript in it is a source folder too (new ones need no edit here). */
function isSourceDir(top: string): boolean {
  if (SOURCE_DIRS.includes(top)) return true;
  const dir = path.join(REPO_ROOT, top);
  try {
    return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((f) => f.endsWith(".ts"));
  } catch {
    return false;
  }
}

function reasonFor(file: string): string | undefined {
  const base = path.basename(file);
  if (PROJECT_FILES.test(base)) return base.startsWith("Pulumi") ? "a Pulumi project or stack file" : "an npm package file";
  const rel = path.relative(REPO_ROOT, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  if (parts.length === 1) return TOP_LEVEL.test(base) ? "one of the repository's own files" : undefined;
  return isSourceDir(parts[0]) ? `a file of the repository's ${parts[0]}/ folder` : undefined;
}

/**
 * Why `file` (absolute) must not be overwritten by an output, or undefined. Checked for the
 * path as given and for where it leads through symlinks.
 */
export function protectedReason(file: string): string | undefined {
  const target = resolveWriteTarget(file);
  for (const candidate of new Set([file, target])) {
    const reason = reasonFor(candidate);
    if (reason) return candidate === file ? reason : `${reason} (${file} leads to ${candidate})`;
  }
  return undefined;
}
