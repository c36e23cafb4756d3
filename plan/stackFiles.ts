/**
 * Reading a Pulumi project from disk: `Pulumi.yaml` (name, entry module) and the stack files
 * `Pulumi.<stack>.yaml`, whose config becomes what Pulumi hands a program (`namespace:key` →
 * string, objects as JSON, secrets as a placeholder).
 */
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";

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

function readYaml(file: string): unknown {
  try {
    return YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ProjectError(`${file}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
}

export function readProject(dir: string): ProjectInfo {
  const abs = path.resolve(dir);
  const file = path.join(abs, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new ProjectError(`${abs}: no Pulumi.yaml here; --program must name a Pulumi project directory`);
  const doc = readYaml(file) as { name?: unknown; main?: unknown } | null;
  if (!doc || typeof doc.name !== "string") throw new ProjectError(`${file}: "name" is missing; a Pulumi project needs a name`);
  let main: string | undefined = path.resolve(abs, typeof doc.main === "string" ? doc.main : ".");
  if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
    const dir = main;
    main = ["index.ts", "index.js"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  } else if (!fs.existsSync(main)) main = undefined;
  const stacks = fs.readdirSync(abs)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
  return { dir: abs, name: doc.name, main, stacks };
}

/**
 * A stack's config as Pulumi passes it to the program: `namespace:key` → string, objects as
 * JSON. Keys without a namespace belong to the project. Encrypted values become a placeholder.
 */
export function readStackConfig(project: ProjectInfo, stack: string): { config: Record<string, string>; secretKeys: string[] } {
  const file = [".yaml", ".yml"].map((ext) => path.join(project.dir, `Pulumi.${stack}${ext}`)).find((f) => fs.existsSync(f));
  if (!file) {
    const known = project.stacks.length ? project.stacks.join(", ") : "none";
    throw new ProjectError(`stack "${stack}": no Pulumi.${stack}.yaml in ${project.dir} (stacks here: ${known})`);
  }
  return stackConfigValues(project.name, readYaml(file));
}

/** The config values of a parsed stack file (see readStackConfig). */
export function stackConfigValues(projectName: string, parsed: unknown): { config: Record<string, string>; secretKeys: string[] } {
  const doc = (parsed ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(doc.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${projectName}:${rawKey}`;
    const { plain, secret } = withoutSecrets(value);
    if (secret) secretKeys.push(key);
    config[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
  }
  return { config, secretKeys };
}

const isSecure = (v: unknown): boolean => Boolean(v && typeof v === "object" && !Array.isArray(v) && "secure" in v);

/**
 * A config value with every encrypted (`secure:`) part, at any depth of structured config,
 * replaced by the placeholder; `secret` when there was one (Pulumi then treats the whole key
 * as secret). The ciphertext never reaches the program or the plan.
 */
function withoutSecrets(value: unknown): { plain: unknown; secret: boolean } {
  if (isSecure(value)) return { plain: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const parts = value.map(withoutSecrets);
    return { plain: parts.map((p) => p.plain), secret: parts.some((p) => p.secret) };
  }
  if (value && typeof value === "object") {
    const parts = Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)] as const);
    return { plain: Object.fromEntries(parts.map(([k, p]) => [k, p.plain])), secret: parts.some(([, p]) => p.secret) };
  }
  return { plain: value, secret: false };
}
