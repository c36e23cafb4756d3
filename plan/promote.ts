/**
 * `npm run promote -- --stack <name> [--to <m>]`: moves a stack file to the next milestone,
 * editing only the `<project>:milestone` value so comments and layout stay as written.
 */
import * as fs from "fs";
import * as path from "path";
import YAML, { isMap, isScalar } from "yaml";
import { MILESTONE_IDS, isMilestoneId, nextMilestone, type MilestoneId } from "../stacks/milestones";
import { ProjectError, readProject } from "./record";

export interface Promotion {
  readonly file: string;
  readonly from: MilestoneId;
  readonly to: MilestoneId;
  /** The file's new text (already written unless `dryRun`). */
  readonly text: string;
}

/** Rewrites the stack file's milestone. Throws ProjectError with a clear message. */
export function promoteStack(dir: string, stack: string, to?: string, dryRun = false): Promotion {
  const project = readProject(dir);
  const file = [".yaml", ".yml"].map((ext) => path.join(project.dir, `Pulumi.${stack}${ext}`)).find((f) => fs.existsSync(f));
  if (!file) throw new ProjectError(`stack "${stack}": no Pulumi.${stack}.yaml in ${project.dir} (stacks here: ${project.stacks.join(", ") || "none"})`);
  const source = fs.readFileSync(file, "utf8");
  const doc = YAML.parseDocument(source);
  if (doc.errors.length) throw new ProjectError(`${file}: ${doc.errors[0].message.split("\n")[0]}`);
  const config = doc.get("config");
  const key = [`${project.name}:milestone`, "milestone"].find((k) => isMap(config) && config.has(k));
  const node = key && isMap(config) ? config.get(key, true) : undefined;
  const from = isScalar(node) ? node.value : undefined;
  if (!isMilestoneId(from)) {
    throw new ProjectError(`${file}: config ${project.name}:milestone is ${from === undefined ? "missing" : JSON.stringify(from)}; it must be one of ${MILESTONE_IDS.join(", ")} before promoting`);
  }
  let target: MilestoneId | undefined;
  if (to === undefined) {
    target = nextMilestone(from);
    if (!target) throw new ProjectError(`stack "${stack}" is at ${from}, the last milestone; nothing to promote to`);
  } else if (!isMilestoneId(to)) {
    throw new ProjectError(`--to: ${JSON.stringify(to)} is not allowed: must be one of ${MILESTONE_IDS.join(", ")}`);
  } else if (to === from) {
    throw new ProjectError(`stack "${stack}" is already at ${from}`);
  } else target = to;
  // Splice the new value into the source over the old one's exact range, in the same quoting:
  // every other byte (comments, alignment, key order) stays as the user wrote it.
  const [start, end] = (node as { range: [number, number, number] }).range;
  const quote = /^["']/.test(source[start]) ? source[start] : "";
  const text = `${source.slice(0, start)}${quote}${target}${quote}${source.slice(end)}`;
  if (!dryRun) fs.writeFileSync(file, text);
  return { file, from, to: target, text };
}
