export { suggest } from "../model/suggest";

/** How many problems a ConfigError's message lists; the rest are counted (all stay in `problems`). */
export const MAX_PROBLEMS_SHOWN = 20;

/**
 * User-facing configuration errors: one message per problem, each naming the key, the value
 * and what is allowed. Callers print `message` without a stack trace. A stack file with
 * thousands of bad keys lists the first MAX_PROBLEMS_SHOWN and counts the rest.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? `invalid stack configuration: ${problems[0]}`
        : `invalid stack configuration (${problems.length} problems):\n${listed(problems)}`,
    );
    this.name = "ConfigError";
  }
}

function listed(problems: readonly string[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  - ${p}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) shown.push(`  … and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  return shown.join("\n");
}

const MAX_SHOWN = 60;

/**
 * A value as the user wrote it, short enough for a one-line message: JSON for strings, lists
 * and mappings, but numbers JSON cannot hold as themselves (NaN, Infinity), not `null`.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = shown(value, MAX_SHOWN + 1);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

/** `value` as JSON text, cut once it is longer than `budget` (so deep or huge values stay cheap). */
function shown(value: unknown, budget: number): string {
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? String(value);
  const list = Array.isArray(value);
  const entries: [string, unknown][] = list ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  let text = list ? "[" : "{";
  for (const [k, v] of entries) {
    if (text.length > budget) break;
    if (v === undefined && !list) continue;
    const item = v === undefined ? "null" : shown(v, budget - text.length);
    text += `${text.length > 1 ? "," : ""}${list ? "" : `${JSON.stringify(k)}:`}${item}`;
  }
  return `${text}${list ? "]" : "}"}`;
}
