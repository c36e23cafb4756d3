/**
 * Applying usage to resources: rules (from a stack's derived profile, a usage file or a
 * caller) are matched against resource records by type, component, role tag, name glob and
 * input values; later rules override earlier ones key by key, and a `shared` rule's
 * quantities are split evenly among all the records it matches (e.g. log volume across log
 * groups). Profiles themselves come from elsewhere (stacks/usageProfile.ts for our stacks).
 */
import { tagsOf } from "../model/read";
import type { ResourceRecord } from "../model/records";
import type { ResourceUsage, UsageMatch, UsageProfile, UsageRule } from "../model/usage";

export type { ResourceUsage, UsageMatch, UsageProfile, UsageRule };

function round(n: number, places = 6): number {
  return Number(n.toFixed(places));
}

/**
 * For programs that are not ours: no usage numbers at all, as Infracost does without a usage
 * file. Usage-based lines say "Monthly cost depends on usage", Auto Scaling groups are priced
 * at their desired capacity (else minimum), Neon computes that never suspend run 730 h.
 */
export const DEFAULT_USAGE_PROFILE: UsageProfile = {
  id: "default",
  description: "no usage profile: usage-based lines show their unit price only",
  assumptions: {},
  derived: {},
  rules: [],
};

/** Add rules on top of a profile (later rules win), e.g. from a usage file or CLI flags. */
export function withUsage(profile: UsageProfile, rules: readonly UsageRule[]): UsageProfile {
  return { ...profile, rules: [...profile.rules, ...rules] };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
}

const globCache = new Map<string, RegExp>();
function globMatch(glob: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  let re = globCache.get(glob);
  if (!re) globCache.set(glob, (re = globToRegExp(glob)));
  return re.test(value);
}

export function ruleMatches(match: UsageMatch, record: ResourceRecord): boolean {
  if (match.urn !== undefined && match.urn !== record.urn) return false;
  if (match.type !== undefined && match.type !== record.type) return false;
  if (match.name !== undefined && !globMatch(match.name, record.name)) return false;
  if (match.component !== undefined && match.component !== record.component) return false;
  if (match.role !== undefined && tagsOf(record.inputs)?.role !== match.role) return false;
  if (match.inputs) for (const [k, v] of Object.entries(match.inputs)) if (record.inputs[k] !== v) return false;
  return true;
}

/**
 * The usage of every record under a profile: rules in order, later keys win; shared rules
 * divide by the number of records they match.
 */
export function resolveUsage(profile: UsageProfile, records: readonly ResourceRecord[]): Map<string, ResourceUsage> {
  const result = new Map<string, Record<string, number | undefined>>();
  for (const rule of profile.rules) {
    const matched = records.filter((r) => ruleMatches(rule.match, r));
    for (const record of matched) {
      const usage = (result.get(record.urn) ?? {}) as Record<string, number | undefined>;
      for (const [k, v] of Object.entries(rule.usage)) usage[k] = rule.shared && v !== undefined ? round(v / matched.length, 9) : v;
      result.set(record.urn, usage);
    }
  }
  return result;
}
