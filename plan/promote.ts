/**
 * Moving a stack file to another milestone, in two steps so that nothing is written before it
 * is checked. `preparePromotion` reads the file, changes only the characters of the
 * `<project>:milestone` value (comments, layout and every other byte stay as written),
 * re-reads the result to prove that nothing else changed, and checks the new configuration;
 * `writePromotion` replaces the file atomically. The CLI plans the change in between.
 */
import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import YAML, { Lexer, isAlias, isMap, isScalar, type Scalar } from "yaml";
import { parseStackConfig } from "../stacks/config";
import { MILESTONE_IDS, isMilestoneId, nextMilestone, type MilestoneId } from "../stacks/milestones";
import { FileWriteError, writeFileAtomic, writeProblem } from "./atomic-write";
import { ProjectError, readProject, stackConfigValues } from "./stackFiles";
import { stackNameProblem } from "./stack-name";

export interface Promotion {
  /** Program directory (absolute). */
  readonly dir: string;
  readonly project: string;
  readonly stack: string;
  /** The stack file (absolute). */
  readonly file: string;
  readonly from: MilestoneId;
  readonly to: MilestoneId;
  /** The file's text as read. */
  readonly source: string;
  /** The file's new text: `source` with only the milestone value changed, checked. */
  readonly text: string;
}

/** Reads, edits and checks the new file (`editStackFile`, `checkPromotedConfig`); writes nothing. */
export function preparePromotion(dir: string, stack: string, to?: string): Promotion {
  const p = editStackFile(dir, stack, to);
  checkPromotedConfig(p);
  return p;
}

/**
 * The new text of the stack file: only the milestone value changed, proven by reading it back.
 * Writes nothing. Throws ProjectError with a clear message.
 */
export function editStackFile(dir: string, stack: string, to?: string): Promotion {
  const badName = stackNameProblem("--stack", stack);
  if (badName) throw new ProjectError(badName);
  const project = readProject(dir);
  const file = findStackFile(project.dir, stack);
  if (!file) throw new ProjectError(`stack "${stack}": no Pulumi.${stack}.yaml in ${project.dir} (stacks here: ${project.stacks.join(", ") || "none"})`);
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ProjectError(`${file}: cannot read it: ${(e as Error).message.split(", ")[0]}`);
  }
  const doc = YAML.parseDocument(source);
  if (doc.errors.length) throw new ProjectError(`${file}: ${doc.errors[0].message.split("\n")[0]}`);

  // Pulumi reads a key without a namespace as the project's: both spellings at once are
  // one key written twice, and promoting either would leave the other in doubt.
  const fullKey = `${project.name}:milestone`;
  const config = doc.get("config", true);
  const keys = isMap(config) ? config.items.map((p) => (isScalar(p.key) ? String(p.key.value) : undefined)).filter((k) => k === fullKey || k === "milestone") : [];
  if (keys.length > 1) {
    throw new ProjectError(`${file}: config has both "milestone" and "${fullKey}", the same key for Pulumi; keep only ${fullKey} before promoting`);
  }
  const key = keys[0];
  const node = key !== undefined && isMap(config) ? config.get(key, true) : undefined;
  if (isAlias(node)) {
    throw new ProjectError(`${file}: config ${key} is an alias (*${node.source}); promote edits only a value written in place: write it as "${key}: m1" (or m2, m3, m4)`);
  }
  const from = isScalar(node) ? node.value : undefined;
  if (!isMilestoneId(from)) {
    throw new ProjectError(`${file}: config ${fullKey} is ${from === undefined ? "missing" : JSON.stringify(from)}; it must be one of ${MILESTONE_IDS.join(", ")} before promoting`);
  }
  const target = targetMilestone(stack, from, to);
  const text = spliceValue(source, node as Scalar, from, target);
  if (text === undefined) {
    const [start, end] = (node as Scalar).range!;
    throw new ProjectError(`${file}: config ${key} is written as ${JSON.stringify(source.slice(start, end))}, a form promote does not edit; write it as "${key}: ${from}" and promote again`);
  }
  const problem = editProblem(source, text, key!, target);
  if (problem) throw new ProjectError(`${file}: refusing to edit the file: ${problem}`);
  return { dir: project.dir, project: project.name, stack, file, from, to: target, source, text };
}

/** The new file's config, checked as the program will check it: throws its ConfigError. */
export function checkPromotedConfig(p: Promotion): void {
  parseStackConfig(stackConfigValues(p.project, YAML.parse(p.text)).config, { project: p.project, stack: p.stack });
}

/** `Pulumi.<stack>.yaml` (or `.yml`) of a program directory, when there is one. */
export function findStackFile(dir: string, stack: string): string | undefined {
  if (stackNameProblem("--stack", stack)) return undefined;
  return [".yaml", ".yml"].map((ext) => path.join(dir, `Pulumi.${stack}${ext}`)).find((f) => fs.existsSync(f));
}

function targetMilestone(stack: string, from: MilestoneId, to: string | undefined): MilestoneId {
  if (to === undefined) {
    const next = nextMilestone(from);
    if (!next) throw new ProjectError(`stack "${stack}" is at ${from}, the last milestone; nothing to promote to`);
    return next;
  }
  if (!isMilestoneId(to)) throw new ProjectError(`--to: ${JSON.stringify(to)} is not allowed: must be one of ${MILESTONE_IDS.join(", ")}`);
  if (to === from) throw new ProjectError(`stack "${stack}" is already at ${from}`);
  return to;
}

/**
 * The source with the scalar's milestone id replaced in place, in any style that spells it
 * out: plain, quoted, or a block scalar (`>-`/`|-` and the id on the next line); undefined
 * for any other spelling (escapes, a tag-only form...), which the caller refuses.
 */
function spliceValue(source: string, node: Scalar, from: MilestoneId, to: MilestoneId): string | undefined {
  const [start, end] = node.range!;
  const raw = source.slice(start, end);
  let at: number | undefined;
  switch (node.type) {
    case "PLAIN":
      if (raw === from) at = start;
      break;
    case "QUOTE_SINGLE":
    case "QUOTE_DOUBLE":
      if (raw.slice(1, -1) === from) at = start + 1;
      break;
    case "BLOCK_FOLDED":
    case "BLOCK_LITERAL": {
      // The header line (indicators, maybe a comment), then the id on its own line.
      const head = /^[>|][^\n]*\n[ \t]*/.exec(raw);
      if (head && raw.startsWith(from, head[0].length) && /^\s*$/.test(raw.slice(head[0].length + from.length))) at = start + head[0].length;
      break;
    }
  }
  return at === undefined ? undefined : source.slice(0, at) + to + source.slice(at + from.length);
}

/**
 * Why `text` is not `source` with only config[key] changed to `to`, or undefined. Token by
 * token (comments and whitespace included) exactly one token may differ, by the id alone;
 * and the data read back must equal the old data with that one value changed (an anchor
 * shared with another key would change that key too).
 */
function editProblem(source: string, text: string, key: string, to: MilestoneId): string | undefined {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length) return `the edited file would not parse (${doc.errors[0].message.split("\n")[0]})`;
  const before = [...new Lexer().lex(source)];
  const after = [...new Lexer().lex(text)];
  const changed = before.flatMap((token, i) => (token === after[i] ? [] : [i]));
  if (before.length !== after.length || changed.length !== 1) return `the edit would change ${changed.length} parts of the file, not only the milestone`;
  const expected = YAML.parse(source) as { config: Record<string, unknown> };
  expected.config[key] = to;
  if (!isDeepStrictEqual(doc.toJS(), expected)) return "the edit would change other values than the milestone (an anchor or alias shares it)";
  return undefined;
}

/**
 * Writes a prepared promotion atomically, after making sure the file is still what was read
 * (planning takes a while; an edit made meanwhile is not overwritten).
 */
export function writePromotion(p: Promotion): void {
  let current: string;
  try {
    current = fs.readFileSync(p.file, "utf8");
  } catch (e) {
    throw new FileWriteError(`cannot write ${p.file}: ${(e as Error).message.split(", ")[0]}`);
  }
  if (current !== p.source) throw new FileWriteError(`${p.file} changed while promote was planning; promote again`);
  writeFileAtomic(p.file, p.text);
}

/** Why the stack file could not be written (checked before the plan), or undefined. */
export function promotionWriteProblem(p: Promotion): string | undefined {
  return writeProblem(p.file);
}
