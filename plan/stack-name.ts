/**
 * What a `--stack` value may be: a name, never a path, since the CLIs join it into
 * `Pulumi.<stack>.yaml` inside the program directory (and promote rewrites that file).
 * The characters are Pulumi's own for stack names.
 */
const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

/** Why `value` is not a stack name (naming the flag and what is allowed), or undefined. */
export function stackNameProblem(flag: string, value: string): string | undefined {
  if (STACK_NAME.test(value) && value !== "." && value !== "..") return undefined;
  return `${flag}: ${JSON.stringify(value)} is not allowed: a stack name is letters, digits, "_", "." and "-" (not "." or ".."), as in Pulumi.<stack>.yaml`;
}
