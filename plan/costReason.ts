/**
 * Why a resource's cost changes when none of its inputs do (unchanged, tag-only, or an
 * account-wide line): its usage moved with the milestone ("usage: 122 → 243 LCU-hours"), or
 * an account-wide free allowance now covers other resources first. Read from the cost lines
 * of both sides; pure.
 */
import type { CostComponent } from "../cost/types";
import type { ResourceEstimate } from "../cost";
import type { ChangeKind, ResourceChange } from "../model/diff";

/** What the reason looks at of one plan row. */
export interface ReasonRow {
  readonly urn: string;
  readonly name: string;
  readonly kind: ChangeKind;
  readonly change?: ResourceChange;
  readonly before?: ResourceEstimate;
  readonly after?: ResourceEstimate;
  readonly monthlyDelta: number;
  readonly worstCaseDelta: number;
}

/** Lines of one resource that measure the same thing: tiers and free-tier lines of one name and unit. */
interface LineGroup {
  readonly label: string;
  readonly unit: string;
  /** Total quantity (null when any line's usage is unknown). */
  quantity: number | null;
  /** Quantity covered by free-tier lines, and their names. */
  free: number;
  freeNames: Set<string>;
  cost: number;
  usageBased: boolean;
}

/** "Data transfer out to internet (first 10TB)" → "Data transfer out to internet". */
const baseName = (name: string) => name.replace(/\s*\([^()]*\)\s*$/, "");

function groups(lines: readonly CostComponent[]): Map<string, LineGroup> {
  const out = new Map<string, LineGroup>();
  for (const l of lines) {
    const key = `${baseName(l.name)}\u0000${l.unit}`;
    let g = out.get(key);
    if (!g) out.set(key, (g = { label: baseName(l.name), unit: l.unit, quantity: 0, free: 0, freeNames: new Set(), cost: 0, usageBased: false }));
    g.quantity = g.quantity === null || l.monthlyQuantity === null ? null : g.quantity + l.monthlyQuantity;
    if (l.freeTier) {
      g.free += l.monthlyQuantity ?? 0;
      g.freeNames.add(l.name);
    }
    g.cost += l.monthlyCost ?? 0;
    g.usageBased ||= l.usageBased;
  }
  return out;
}

/** A side without the line: nothing of it. */
const zero = (g: LineGroup): LineGroup => ({ ...g, quantity: 0, free: 0, freeNames: new Set(), cost: 0 });

/** The lines a side's cost is read from: the expected ones, or the worst case when only that moved. */
function sideLines(est: ResourceEstimate | undefined, worst: boolean): readonly CostComponent[] {
  if (!est) return [];
  return worst ? (est.worstCaseCostComponents ?? est.costComponents) : est.costComponents;
}

/** "1k requests" → ×1000 "requests"; other units as they are. */
function scaled(unit: string): { factor: number; unit: string } {
  const m = /^1([kM])\s+(.+)$/.exec(unit);
  return m ? { factor: m[1] === "k" ? 1e3 : 1e6, unit: m[2] } : { factor: 1, unit };
}

function compact(n: number, digits: number): string {
  const abs = Math.abs(n);
  const [div, suffix] = abs >= 1e9 ? [1e9, "B"] : abs >= 1e6 ? [1e6, "M"] : abs >= 1e3 ? [1e3, "k"] : [1, ""];
  return `${Number((n / div).toPrecision(digits))}${suffix}`;
}

/** "27.4M → 41.1M requests": three significant digits, more when both would read the same. */
function fromTo(before: number, after: number, unit: string): string {
  const s = scaled(unit);
  let digits = 3;
  while (digits < 8 && compact(before * s.factor, digits) === compact(after * s.factor, digits)) digits++;
  return `${compact(before * s.factor, digits)} → ${compact(after * s.factor, digits)} ${s.unit}`;
}

/** "a, b and 3 more". */
function names(list: readonly string[]): string {
  const shown = list.slice(0, 2);
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(" and ");
}

/** Covered quantity of one free-tier line on one side of a row. */
function freeOf(row: ReasonRow, side: "before" | "after", freeName: string): number {
  return (row[side]?.costComponents ?? []).filter((c) => c.freeTier && c.name === freeName).reduce((n, c) => n + (c.monthlyQuantity ?? 0), 0);
}

/** "the account's first 10 alarm metrics", from a free line named "… (free tier, first 10)". */
function allowance(freeName: string, unit: string): string {
  const inner = /\(([^()]*)\)\s*$/.exec(freeName)?.[1].replace(/^(free tier|always free),\s*/i, "");
  if (!inner || !/^first\b/i.test(inner)) return "the account's free allowance";
  return `the account's ${inner}${/^first [\d.,]+$/i.test(inner) ? ` ${scaled(unit).unit}` : ""}`;
}

interface Clause {
  readonly kind: "usage" | "quantity" | "free tier";
  readonly text: string;
  readonly weight: number;
}

/** The free allowance moved: which other rows took it over (or gave it up). */
function freeClause(row: ReasonRow, rows: readonly ReasonRow[], g: LineGroup, before: LineGroup): string {
  const [freeName] = [...g.freeNames, ...before.freeNames];
  const shrank = g.free < before.free;
  const others = rows.filter((r) => r.urn !== row.urn && (shrank ? freeOf(r, "after", freeName) > freeOf(r, "before", freeName) : freeOf(r, "after", freeName) < freeOf(r, "before", freeName)));
  const who = others.length ? ` (${allowance(freeName, g.unit)} ${shrank ? "now cover" : "no longer cover"} ${names(others.map((r) => r.name))})` : "";
  return `${fromTo(before.free, g.free, g.unit)} covered here${who}`;
}

/** The row changes cost although none of its inputs change. */
export function needsReason(row: ReasonRow): boolean {
  const noInputChange = row.kind === "same" || Boolean(row.change?.tagsOnly) || (!row.change && row.before !== undefined && row.after !== undefined);
  return noInputChange && row.before !== undefined && row.after !== undefined && (row.monthlyDelta !== 0 || row.worstCaseDelta !== 0);
}

/**
 * The reason of one row, or undefined when it needs none (see `needsReason`). At most the two
 * lines whose cost moves most are named; `rows` are the plan's rows (for a moved free tier).
 */
export function costReason(row: ReasonRow, rows: readonly ReasonRow[]): string | undefined {
  if (!needsReason(row)) return undefined;
  const worst = row.monthlyDelta === 0;
  const before = groups(sideLines(row.before, worst));
  const after = groups(sideLines(row.after, worst));
  const found: Clause[] = [];
  for (const key of new Set([...after.keys(), ...before.keys()])) {
    const b = before.get(key) ?? zero(after.get(key)!);
    const a = after.get(key) ?? zero(b);
    const weight = Math.abs(a.cost - b.cost);
    if (a.quantity !== null && b.quantity !== null && a.quantity !== b.quantity) {
      found.push({ kind: a.usageBased || b.usageBased ? "usage" : "quantity", text: `${fromTo(b.quantity, a.quantity, a.unit)} (${a.label})`, weight });
    } else if (a.free !== b.free) {
      found.push({ kind: "free tier", text: freeClause(row, rows, a, b), weight });
    }
  }
  if (!found.length) return undefined;
  const top = found.map((c, i) => ({ c, i })).sort((x, y) => y.c.weight - x.c.weight || x.i - y.i).slice(0, 2).map((x) => x.c);
  const kinds = [...new Set(top.map((c) => c.kind))];
  return kinds.map((k) => `${k}: ${top.filter((c) => c.kind === k).map((c) => c.text).join("; ")}`).join("; ");
}
