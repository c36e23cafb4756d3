/**
 * Reading a JSON file the Pulumi CLI wrote (`pulumi preview --json`, `pulumi stack export`)
 * and checking its shape: every problem is one line naming the flag, the file and the path
 * inside it (`steps[2].newState.type`), with what was expected and what was there.
 */
import * as fs from "fs";
import { ProjectError } from "../stackFiles";

/** A problem with an input file: the CLI prints it as one line, exit code 2. */
export class InputFileError extends ProjectError {
  constructor(message: string) {
    super(message);
    this.name = "InputFileError";
  }
}

/** Where a value sits in a file, for messages: the flag, the file as the user named it, the path inside. */
export class JsonPath {
  constructor(readonly flag: string, readonly label: string, readonly path: string = "") {}

  key(k: string): JsonPath {
    return new JsonPath(this.flag, this.label, this.path ? `${this.path}.${k}` : k);
  }

  index(i: number): JsonPath {
    return new JsonPath(this.flag, this.label, `${this.path}[${i}]`);
  }

  /** An error about the value at this path. */
  fail(problem: string): InputFileError {
    return new InputFileError(`${this.flag}: ${this.label}: ${this.path ? `${this.path}: ` : ""}${problem}`);
  }
}

/** A short description of a JSON value for messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return `${typeof v} ${String(v)}`;
}

/** Reads and parses the file; a missing, unreadable or non-JSON file is an InputFileError naming it. */
export function readJsonFile(file: string, at: JsonPath): unknown {
  let text: string;
  try {
    if (fs.statSync(file).isDirectory()) throw at.fail("is a directory; name the JSON file");
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw at.fail(code === "ENOENT" ? "no such file" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read: ${(e as Error).message}`);
  }
  if (text.trim() === "") throw at.fail("is empty; expected JSON");
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw at.fail(`is not JSON: ${(e as Error).message.split("\n")[0]}`);
  }
}

export function asObject(v: unknown, at: JsonPath): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw at.fail(`expected an object, got ${describe(v)}`);
  return v as Record<string, unknown>;
}

export function asArray(v: unknown, at: JsonPath): unknown[] {
  if (!Array.isArray(v)) throw at.fail(`expected a list, got ${describe(v)}`);
  return v;
}

export function asString(v: unknown, at: JsonPath): string {
  if (typeof v !== "string") throw at.fail(`expected a string, got ${describe(v)}`);
  return v;
}

export function asBoolean(v: unknown, at: JsonPath): boolean {
  if (typeof v !== "boolean") throw at.fail(`expected true or false, got ${describe(v)}`);
  return v;
}

/** An optional field: undefined when absent (or null, as Go writes a nil slice or map), else checked. */
export function optional<T>(obj: Record<string, unknown>, key: string, at: JsonPath, check: (v: unknown, at: JsonPath) => T): T | undefined {
  const v = obj[key];
  return v === undefined || v === null ? undefined : check(v, at.key(key));
}

/** A list of strings (Go's `[]string`, `[]resource.URN`, `[]resource.PropertyKey`). */
export function asStrings(v: unknown, at: JsonPath): string[] {
  return asArray(v, at).map((x, i) => asString(x, at.index(i)));
}
