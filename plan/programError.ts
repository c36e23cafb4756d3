/**
 * A program that could not be recorded to its end: it threw, left a promise rejected, exited,
 * never settled, outlived its time, or declared one resource twice. Exit code 2 in the CLI
 * (a `ProjectError`): the program is the plan's input. The message names the program's own
 * file and line where there is one, and what was recorded before it stopped.
 */
import * as path from "path";
import { ProjectError } from "./stackFiles";

export class ProgramError extends ProjectError {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
  }
}

/** How many resources were recorded and the first few, e.g. `2 resources (aws:sqs/queue:Queue "a", …)`. */
export function recordedSummary(resources: readonly { type: string; name: string }[], shown = 5): string {
  if (resources.length === 0) return "nothing was recorded";
  const names = resources.slice(0, shown).map((r) => `${r.type} "${r.name}"`);
  const more = resources.length > shown ? `, and ${resources.length - shown} more` : "";
  return `${resources.length} resource${resources.length === 1 ? " was" : "s were"} recorded before it stopped: ${names.join(", ")}${more}`;
}

/**
 * The first position in an error's stack trace that lies in the program's own files (below one
 * of `dirs`, not in a package), as `file:line:column`; undefined when none does. Stack traces
 * of TypeScript programs are source-mapped by ts-node, so this names the .ts line.
 */
export function programPosition(stack: string | undefined, dirs: readonly string[]): string | undefined {
  if (!stack) return undefined;
  const insides = dirs.map((d) => (d.endsWith(path.sep) ? d : d + path.sep));
  for (const line of stack.split("\n")) {
    const m = /^\s+at (?:.*\()?(?:file:\/\/)?([^()]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1];
    const inside = insides.find((d) => file.startsWith(d));
    if (inside !== undefined && !file.slice(inside.length).split(path.sep).includes("node_modules")) return `${file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
