/**
 * This repository's root (the directory holding our `Pulumi.yaml`), found from this file's
 * location so that the same code works from the TypeScript sources and from the compiled
 * `dist/` tree.
 */
import * as fs from "fs";
import * as path from "path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Pulumi.yaml above ${from}`);
  }
}

export const REPO_ROOT = findRoot(__dirname);
