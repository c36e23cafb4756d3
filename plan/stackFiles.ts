/**
 * Reading a Pulumi project from disk: `Pulumi.yaml` (name, entry module) and the stack files
 * `Pulumi.<stack>.yaml`, whose config becomes what Pulumi hands a program (`namespace:key` →
 * string, objects as JSON, secrets as a placeholder).
 *
 * Files are read as Pulumi reads them, and refused where it would refuse them or where we
 * would otherwise lose something: bytes that are not UTF-8, a key written twice (also as
 * `key` and `<project>:key`), numbers JSON cannot carry (`.inf`, `.nan`). Reading is linear
 * in the file's size (the YAML parser's own duplicate-key check is quadratic, so ours
 * replaces it).
 */
import * as fs from "fs";
import * as path from "path";
import YAML, { LineCounter, isAlias, isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import { MAX_PROBLEMS_SHOWN } from "../stacks/problems";

/** What a program directory declares about itself. */
export interface ProjectInfo {
  readonly dir: string;
  readonly name: string;
  /** Entry module, absolute; undefined when the directory has no index.ts/index.js. */
  readonly main?: string;
  /** Stacks that have a `Pulumi.<stack>.yaml`. */
  readonly stacks: string[];
}

/** A plan input problem (missing file, unreadable YAML): exit code 2 in the CLI. */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectError";
  }
}

/** Marks an encrypted (`secure:`) value the recorder cannot read. */
export const SECRET_PLACEHOLDER = "[secret]";

/** One file's problems as one ProjectError: the file, then each problem (the first few, counted). */
function fileError(file: string, problems: readonly string[]): ProjectError {
  if (problems.length === 1) return new ProjectError(`${file}: ${problems[0]}`);
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  - ${p}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) shown.push(`  … and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  return new ProjectError(`${file}: ${problems.length} problems:\n${shown.join("\n")}`);
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 (Unicode table 3-7). */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  if (lead < 0x80) return 1;
  const more = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
  if (more < 0) return 0;
  // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  for (let k = 1; k <= more; k++) {
    const b = bytes[i + k];
    if (b === undefined || b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) return 0;
  }
  return more + 1;
}

/** Where the bytes stop being UTF-8: the line and the offending bytes (at most 8). */
function invalidUtf8(bytes: Uint8Array): string {
  let at = 0;
  for (let n; at < bytes.length && (n = utf8SequenceLength(bytes, at)) > 0; ) at += n;
  let end = at;
  while (end < bytes.length && end - at < 8 && utf8SequenceLength(bytes, end) === 0) end++;
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  const shown = [...bytes.subarray(at, end)].map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(" ");
  return `line ${line}: ${end - at > 1 ? "bytes" : "byte"} ${shown} ${end - at > 1 ? "are" : "is"} not UTF-8; save the file as UTF-8 (Pulumi reads it as UTF-8 only)`;
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ProjectError(`${file}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
}

/** A file's text, refused (naming the line) unless it is UTF-8: never with replacement characters. */
function decodeText(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fileError(file, [invalidUtf8(bytes)]);
  }
}

/** A mapping's key as the JS object made from it names it (so `1` and `"1"` are one key). */
function keyName(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/** `config.cutlist:overrides.app` → `cutlist:overrides.app`: config keys as messages name them. */
function shownPath(at: readonly string[]): string {
  return (at[0] === "config" && at.length > 1 ? at.slice(1) : at).join(".");
}

/**
 * Keys written twice in any mapping of the document (the parser's own check compares every
 * pair of keys, quadratic in a mapping's size; this one is linear).
 */
function duplicateKeys(doc: Document, lines: LineCounter): string[] {
  const problems: { line: number; text: string }[] = [];
  const todo: { node: unknown; at: string[] }[] = [{ node: doc.contents, at: [] }];
  for (let item; (item = todo.pop()); ) {
    const { node, at } = item;
    if (isSeq(node)) node.items.forEach((v, i) => todo.push({ node: v, at: [...at, String(i)] }));
    if (!isMap(node)) continue;
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const name = keyName(pair.key);
      if (name === undefined) continue;
      const line = lines.linePos((pair.key as Node).range?.[0] ?? 0).line;
      const first = seen.get(name);
      if (first !== undefined) problems.push({ line, text: `line ${line}: ${shownPath([...at, name])} is written twice (also on line ${first}); keep one` });
      else seen.set(name, line);
      todo.push({ node: pair.value, at: [...at, name] });
    }
  }
  return problems.sort((a, b) => a.line - b.line).map((p) => p.text);
}

/** A YAML file's document, decoded as UTF-8, parsed, its keys unique. Throws ProjectError. */
function yamlDocument(file: string, bytes: Uint8Array): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(decodeText(file, bytes), { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length) throw new ProjectError(`${file}: ${doc.errors[0].message.split("\n")[0]}`);
  const duplicates = duplicateKeys(doc, lines);
  if (duplicates.length) throw fileError(file, duplicates);
  // What YAML.parse does with warnings (e.g. an unresolved tag), so nothing goes unsaid.
  for (const warning of doc.warnings) process.emitWarning(warning);
  return { doc, lines };
}

function toJS(file: string, doc: Document): unknown {
  try {
    return doc.toJS();
  } catch (e) {
    throw new ProjectError(`${file}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
}

/** The file a directory's package.json names as its "main", if it names one. */
function packageMain(dir: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { main?: unknown };
    return typeof pkg.main === "string" && pkg.main !== "" ? path.resolve(dir, pkg.main) : undefined;
  } catch {
    return undefined; // no package.json, or not JSON: the index files decide
  }
}

export function readProject(dir: string): ProjectInfo {
  const abs = path.resolve(dir);
  const file = path.join(abs, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new ProjectError(`${abs}: no Pulumi.yaml here; --program must name a Pulumi project directory`);
  const doc = toJS(file, yamlDocument(file, readBytes(file)).doc) as { name?: unknown; main?: unknown } | null;
  if (!doc || typeof doc.name !== "string") throw new ProjectError(`${file}: "name" is missing; a Pulumi project needs a name`);
  let main: string | undefined = path.resolve(abs, typeof doc.main === "string" ? doc.main : ".");
  if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
    const dir = main;
    // As Node resolves a directory (and Pulumi's runtime with it): package.json "main", then index.
    main = [packageMain(dir), ...["index.ts", "index.js"].map((f) => path.join(dir, f))].find((f) => f !== undefined && fs.existsSync(f) && fs.statSync(f).isFile());
  } else if (!fs.existsSync(main)) main = undefined;
  const stacks = fs.readdirSync(abs)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
  return { dir: abs, name: doc.name, main, stacks };
}

/** A stack's config as Pulumi passes it to the program (see stackConfigValues). */
export interface StackConfigValues {
  /** `namespace:key` → string; objects as JSON; encrypted values as SECRET_PLACEHOLDER. */
  readonly config: Record<string, string>;
  /** Keys whose value is encrypted (`secure:`) in the file. */
  readonly secretKeys: string[];
}

/**
 * A stack's config as Pulumi passes it to the program: `namespace:key` → string, objects as
 * JSON. Keys without a namespace belong to the project. Encrypted values become a placeholder.
 * Throws ProjectError naming the file (and line) for a file Pulumi or we would misread.
 */
export function readStackConfig(project: ProjectInfo, stack: string): StackConfigValues {
  const file = [".yaml", ".yml"].map((ext) => path.join(project.dir, `Pulumi.${stack}${ext}`)).find((f) => fs.existsSync(f));
  if (!file) {
    const known = project.stacks.length ? project.stacks.join(", ") : "none";
    throw new ProjectError(`stack "${stack}": no Pulumi.${stack}.yaml in ${project.dir} (stacks here: ${known})`);
  }
  // One plan reads a stack file several times (warnings, milestone, recording): parsed once
  // while its bytes are the same, and each caller gets its own copy to change.
  const bytes = readBytes(file);
  let read = parsed.get(file);
  if (read?.project !== project.name || !read.bytes.equals(bytes)) {
    const { doc, lines } = yamlDocument(file, bytes);
    try {
      read = { project: project.name, bytes, values: documentConfigValues(project.name, doc, lines, toJS(file, doc)) };
    } catch (e) {
      if (e instanceof StackFileProblems) throw fileError(file, e.problems);
      throw e;
    }
    parsed.set(file, read);
  }
  return { config: { ...read.values.config }, secretKeys: [...read.values.secretKeys] };
}

/** Stack files read in this process, by path, with the bytes they were read from. */
const parsed = new Map<string, { project: string; bytes: Buffer; values: StackConfigValues }>();

/** Problems of a stack file's config, before the file's name is known to the message. */
class StackFileProblems extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("; "));
  }
}

/** One `config` entry: its key as written, its value, and where and how it is written. */
interface Entry {
  readonly key: string;
  readonly value: unknown;
  /** 1-based line of the key, when read from a file. */
  readonly line?: number;
  /** A scalar's text as written (`1.0`, `True`), which is what Pulumi passes on. */
  readonly written?: string;
  /** Line and text as written of the value at a path inside this entry's value, when known. */
  readonly locate?: (at: readonly string[]) => { line: number; written?: string } | undefined;
}

const isObject = (v: unknown): v is object => typeof v === "object" && v !== null;

/**
 * What JSON cannot carry in an object value, by path: numbers that are not finite (YAML
 * `.inf`, `-.inf`, `.nan`; JSON would turn them into null) and an alias inside the value it
 * names (a value that contains itself). Iterative, so any depth the parser allows is fine.
 */
function unserializable(entry: Entry, full: string): string[] {
  const problems: string[] = [];
  const onPath = new Set<object>();
  type Step = { v: unknown; at: string[]; leave?: false } | { v: object; leave: true };
  const todo: Step[] = [{ v: entry.value, at: [] }];
  const name = (at: readonly string[]) => [full, ...at].join(".");
  const where = (at: readonly string[]) => {
    const found = entry.locate?.(at);
    return { prefix: found ? `line ${found.line}: ` : entry.line !== undefined ? `line ${entry.line}: ` : "", written: found?.written };
  };
  for (let step; (step = todo.pop()); ) {
    if (step.leave) {
      onPath.delete(step.v);
      continue;
    }
    const { v, at } = step;
    if (typeof v === "number" && !Number.isFinite(v)) {
      const { prefix, written } = where(at);
      problems.push(`${prefix}${name(at)}: ${written ?? String(v)} is not allowed: must be a finite number (JSON, which Pulumi passes objects as, has no infinity or NaN)`);
    } else if (isObject(v)) {
      if (onPath.has(v)) {
        problems.push(`${where(at).prefix}${name(at)}: an alias to a value that contains it is not allowed: the value would never end`);
        continue;
      }
      onPath.add(v);
      todo.push({ v, leave: true });
      const children = Object.entries(v);
      for (let i = children.length - 1; i >= 0; i--) todo.push({ v: children[i][1], at: [...at, children[i][0]] });
    }
  }
  return problems;
}

/** The entries of a parsed stack file (its YAML document, with lines and scalars as written). */
function documentConfigValues(projectName: string, doc: Document, lines: LineCounter, js: unknown): StackConfigValues {
  const node = doc.get("config", true);
  const values = isObject(js) ? (js as { config?: unknown }).config : undefined;
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return { config: {}, secretKeys: [] };
  if (!isMap(node) || !isObject(values)) throw new StackFileProblems([`config: must be a mapping of "namespace:key: value" lines`]);
  const lineOf = (n: unknown) => lines.linePos((n as Node | null)?.range?.[0] ?? 0).line;
  const entries: Entry[] = [];
  for (const pair of node.items) {
    const key = keyName(pair.key);
    const line = lineOf(pair.key);
    if (key === undefined) throw new StackFileProblems([`line ${line}: config keys must be plain "namespace:key" names`]);
    const valueNode = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
    const written = isScalar(valueNode) && valueNode.value !== null ? valueNode.source : undefined;
    const locate = (at: readonly string[]) => {
      // Values inside an aliased value have no place of their own: the caller uses the key's line.
      const found = isMap(valueNode) || isSeq(valueNode) ? valueNode.getIn(at, true) : undefined;
      if (isAlias(found)) {
        // An alias's own line; its value as written where the anchor is.
        const target = found.resolve(doc);
        return { line: lineOf(found), written: isScalar(target) ? target.source : undefined };
      }
      return isScalar(found) ? { line: lineOf(found), written: found.source } : isMap(found) || isSeq(found) ? { line: lineOf(found) } : undefined;
    };
    entries.push({ key, value: (values as Record<string, unknown>)[key], line, written, locate });
  }
  return configOf(projectName, entries);
}

/**
 * The config values of a stack file (see readStackConfig), from its parsed data. Throws
 * ProjectError for a key written as both `key` and `<project>:key`, or a number JSON cannot
 * carry. (readStackConfig, reading the file itself, also names lines and keeps scalars as written.)
 */
export function stackConfigValues(projectName: string, parsed: unknown): StackConfigValues {
  const doc = (parsed ?? {}) as { config?: unknown };
  if (doc.config === undefined || doc.config === null) return { config: {}, secretKeys: [] };
  if (!isObject(doc.config) || Array.isArray(doc.config)) throw new ProjectError(`config: must be a mapping of "namespace:key: value" lines`);
  try {
    return configOf(projectName, Object.entries(doc.config).map(([key, value]) => ({ key, value })));
  } catch (e) {
    if (e instanceof StackFileProblems) throw new ProjectError(e.problems.length === 1 ? e.problems[0] : e.problems.join("; "));
    throw e;
  }
}

function configOf(projectName: string, entries: readonly Entry[]): StackConfigValues {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const problems: string[] = [];
  // Pulumi reads a key without a namespace as the project's: `milestone` and
  // `<project>:milestone` are one key written twice, and readers would disagree on its value.
  const seen = new Map<string, Entry>();
  const where = (e: Entry) => (e.line === undefined ? "" : ` (line ${e.line})`);
  for (const entry of entries) {
    const { key, value } = entry;
    const full = key.includes(":") ? key : `${projectName}:${key}`;
    const first = seen.get(full);
    if (first) {
      problems.push(`config has both "${first.key}"${where(first)} and "${key}"${where(entry)}, the same key for Pulumi (a key without a namespace is the project's); keep only "${full}"`);
      continue;
    }
    seen.set(full, entry);
    // An infinite number or a self-containing alias first: nothing below could walk it.
    if (isObject(value) && !isSecure(value)) {
      const bad = unserializable(entry, full);
      if (bad.length) {
        problems.push(...bad);
        continue;
      }
    }
    // Encrypted parts at any depth become the placeholder; Pulumi then treats the key as secret.
    const { plain, secret } = withoutSecrets(value);
    if (secret) secretKeys.push(full);
    if (typeof plain === "string") {
      config[full] = plain;
    } else if (isObject(plain)) {
      config[full] = JSON.stringify(plain);
    } else {
      // A scalar as Pulumi passes it: its text as written; an empty value (or null) is "".
      config[full] = value === null || value === undefined ? "" : entry.written ?? String(value);
    }
  }
  if (problems.length) throw new StackFileProblems(problems);
  return { config, secretKeys };
}

const isSecure = (v: unknown): boolean => isObject(v) && !Array.isArray(v) && "secure" in v;

/**
 * A config value with every encrypted (`secure:`) part, at any depth of structured config,
 * replaced by the placeholder; `secret` when there was one. The ciphertext never reaches the
 * program or the plan.
 */
function withoutSecrets(value: unknown): { plain: unknown; secret: boolean } {
  if (isSecure(value)) return { plain: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const parts = value.map(withoutSecrets);
    return { plain: parts.map((p) => p.plain), secret: parts.some((p) => p.secret) };
  }
  if (isObject(value)) {
    const parts = Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)] as const);
    return { plain: Object.fromEntries(parts.map(([k, p]) => [k, p.plain])), secret: parts.some(([, p]) => p.secret) };
  }
  return { plain: value, secret: false };
}
