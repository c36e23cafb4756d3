/**
 * `--usage-file <yaml>`: usage the plan cannot know (requests, GB stored, durations), per
 * resource and per type, in the spirit of Infracost's usage file with Pulumi's names:
 *
 * ```yaml
 * version: 0.1
 * resource_type_default_usage:          # every resource of a type (the type token)
 *   aws:lambda/function:Function:
 *     request_duration_ms: 120
 * resource_usage:                       # one resource: its name, or its URN when names repeat
 *   api:
 *     monthly_requests: 5000000
 * ```
 *
 * Keys are the ones the type's pricer reads (Infracost's names where one exists); the file is
 * checked against the recorded program before anything is priced: an unknown resource, a key
 * the pricer does not read or a value that is no number ≥ 0 is one error naming it (exit 2).
 * Its usage is applied after the stack's own profile: per type first, then per resource.
 */
import * as fs from "fs";
import YAML from "yaml";
import type { Recording, ResourceRecord } from "../model/records";
import type { UsageRule } from "../model/usage";
import { suggest } from "../model/suggest";
import { PRICERS } from "../cost/pricers";
import { ProjectError } from "./stackFiles";

/** A usage file, read and checked for shape (its names are checked against a recording later). */
export interface UsageFile {
  /** How messages name the file (as the user gave it). */
  readonly label: string;
  readonly typeDefaults: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly resources: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const TOP_KEYS = ["version", "resource_type_default_usage", "resource_usage"];
const VERSIONS = ["0.1"];

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function fail(label: string, problems: readonly string[]): never {
  const shown = problems.slice(0, 20);
  const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : "";
  throw new ProjectError(problems.length === 1 ? `usage file ${label}: ${problems[0]}` : `usage file ${label} (${problems.length} problems):\n  - ${shown.join("\n  - ")}${more}`);
}

/** The numbers under one resource or type: finite and ≥ 0, else a problem naming the key. */
function numbers(at: string, value: unknown, problems: string[]): Record<string, number> {
  if (!isMap(value)) {
    problems.push(`${at}: must be a mapping of usage keys to numbers, e.g. { monthly_requests: 1000000 }`);
    return {};
  }
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) problems.push(`${at}.${key}: ${JSON.stringify(v) ?? String(v)} is not allowed: must be a number ≥ 0`);
    else out[key] = v;
  }
  return out;
}

/** Reads and checks the file's shape (exit 2 with every problem otherwise). */
export function readUsageFile(file: string, label = file): UsageFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ProjectError(`usage file ${label}: cannot read it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (e) {
    throw new ProjectError(`usage file ${label}: not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (!isMap(doc)) fail(label, [`must be a mapping with ${TOP_KEYS.join(", ")}`]);
  const problems: string[] = [];
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key)) {
      const hint = suggest(key, TOP_KEYS);
      problems.push(`${key}: unknown key${hint ? `; did you mean "${hint}"?` : ""} Allowed: ${TOP_KEYS.join(", ")}`);
    }
  }
  const version = doc.version === undefined ? undefined : String(doc.version);
  if (version === undefined) problems.push(`version: (missing) is required: must be ${VERSIONS.join(" or ")}`);
  else if (!VERSIONS.includes(version)) problems.push(`version: ${JSON.stringify(doc.version)} is not allowed: must be ${VERSIONS.join(" or ")}`);
  const section = (name: string): Record<string, Record<string, number>> => {
    const value = doc[name];
    if (value === undefined || value === null) return {};
    if (!isMap(value)) {
      problems.push(`${name}: must be a mapping`);
      return {};
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbers(`${name}.${k}`, v, problems)]));
  };
  const typeDefaults = section("resource_type_default_usage");
  const resources = section("resource_usage");
  if (problems.length) fail(label, problems);
  return { label, typeDefaults, resources };
}

/** The keys a type's pricer reads, or a problem when nothing prices it. */
function checkKeys(at: string, type: string, usage: Readonly<Record<string, number>>, problems: string[]): void {
  const pricer = PRICERS.get(type);
  if (!pricer) {
    problems.push(`${at}: ${type} has no pricer here, so no usage key is read (free, or listed as not priced)`);
    return;
  }
  const allowed = Object.keys(pricer.usageSchema);
  for (const key of Object.keys(usage)) {
    if (allowed.includes(key)) continue;
    const hint = suggest(key, allowed);
    problems.push(`${at}.${key}: not a usage key of ${type}${hint ? `; did you mean "${hint}"?` : ""} ${allowed.length ? `Allowed: ${allowed.join(", ")}` : "Its pricer reads no usage"}`);
  }
}

/**
 * The usage rules of a file for these recordings (base and head of a plan): each resource key
 * names exactly one resource (by URN, else by name), each key is one its pricer reads.
 */
export function usageFileRules(file: UsageFile, recordings: readonly Recording[]): UsageRule[] {
  const all = new Map<string, ResourceRecord>();
  for (const rec of recordings) for (const r of rec.resources) if (!all.has(r.urn)) all.set(r.urn, r);
  const records = [...all.values()];
  const problems: string[] = [];
  const rules: UsageRule[] = [];
  const types = new Set(records.map((r) => r.type));
  for (const [type, usage] of Object.entries(file.typeDefaults)) {
    const at = `resource_type_default_usage.${type}`;
    if (!types.has(type)) {
      const hint = suggest(type, [...types]);
      problems.push(`${at}: the program declares no ${type}${hint ? `; did you mean "${hint}"?` : ""}`);
      continue;
    }
    checkKeys(at, type, usage, problems);
    rules.push({ match: { type }, usage, note: `usage file ${file.label}: ${type}` });
  }
  for (const [key, usage] of Object.entries(file.resources)) {
    const at = `resource_usage.${key}`;
    const byUrn = all.get(key);
    const byName = byUrn ? [byUrn] : records.filter((r) => r.name === key);
    if (byName.length === 0) {
      const hint = suggest(key, records.map((r) => r.name));
      problems.push(`${at}: no resource of the program is named ${JSON.stringify(key)}${hint ? `; did you mean "${hint}"?` : ""} (a name, or a URN when names repeat)`);
      continue;
    }
    if (byName.length > 1) {
      problems.push(`${at}: ${byName.length} resources are named ${JSON.stringify(key)}; use one's URN: ${byName.map((r) => r.urn).join(", ")}`);
      continue;
    }
    const record = byName[0];
    checkKeys(at, record.type, usage, problems);
    rules.push({ match: { urn: record.urn }, usage, note: `usage file ${file.label}: ${record.name}` });
  }
  if (problems.length) fail(file.label, problems);
  return rules;
}
