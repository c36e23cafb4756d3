/**
 * This repository's root (the directory holding our `package.json` and `Pulumi.yaml`), found
 * from this file's location so that the same code works from the TypeScript sources and from
 * the compiled `dist/` tree.
 */
import * as fs from "fs";
import * as path from "path";

/**
 * The nearest directory at or above `from` with a package.json (dist/ has none), else the
 * directory above `from`. Never throws: a repository whose Pulumi.yaml is missing gets a clear
 * error where the project is read (plan/cli.ts), not a stack trace at import.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(from);
  }
}

export const REPO_ROOT = findRoot(__dirname);
