/**
 * Typed readers for recorded inputs: values arrive as the program declared them (numbers as
 * numbers or numeric strings, Terraform-bridged booleans as "true"/"false"), and a value not
 * known at preview time is `undefined`. Each reader answers `undefined` for anything it cannot
 * read, so a caller decides what an unknown means.
 */

export function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Booleans, also as the strings "true"/"false" some bridged inputs (launch templates) take. */
export function bool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

export function arr(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** The array, or an empty one for anything else (unknown or missing). */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * A resource's tags as a map: the `tags` map most AWS resources take, or an Auto Scaling
 * group's `[{key, value}]` list. Undefined when the resource has no tags or they are unknown;
 * a tag whose value is unknown is present with `undefined`.
 */
export function tagsOf(inputs: Record<string, unknown>): Record<string, string | undefined> | undefined {
  const tags = inputs.tags;
  if (Array.isArray(tags)) {
    const out: Record<string, string | undefined> = {};
    for (const t of tags) {
      const o = obj(t);
      if (o && typeof o.key === "string") out[o.key] = typeof o.value === "string" ? o.value : undefined;
    }
    return out;
  }
  const map = obj(tags);
  if (!map) return undefined;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(map)) out[k] = typeof v === "string" ? v : undefined;
  return out;
}
