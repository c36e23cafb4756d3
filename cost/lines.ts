/**
 * Builders for cost components, shared by the pricers (composition instead of repetition, as
 * Infracost's resource helpers do).
 */
import { decimalString, div, mul, sub } from "../model/money";
import type { Tier } from "./prices";
import type { CostComponent, FreeTierPool, PriceResult } from "./types";

export type { Tier };

/** Quantities are kept to 9 decimals so goldens do not carry binary noise from usage arithmetic. */
export function quantity(q: number): number {
  return Number(q.toFixed(9));
}

/** A line whose quantity comes from the resource itself (hours × count, GB provisioned…). */
export function fixedLine(name: string, unit: string, monthlyQuantity: number, price: number): CostComponent {
  const q = quantity(monthlyQuantity);
  return { name, unit, monthlyQuantity: q, price, monthlyCost: mul(q, price), usageBased: false };
}

/** "Monthly cost depends on usage: $0.008 per LCU-hours". */
export function dependsOnUsage(price: number, unit: string): string {
  return `Monthly cost depends on usage: $${decimalString(price)} per ${unit}`;
}

/** A usage-based line; with no quantity it says the cost depends on usage instead of showing $0. */
export function usageLine(name: string, unit: string, monthlyQuantity: number | undefined, price: number): CostComponent {
  if (monthlyQuantity === undefined || !Number.isFinite(monthlyQuantity)) {
    return { name, unit, monthlyQuantity: null, price, monthlyCost: null, usageBased: true, note: dependsOnUsage(price, unit) };
  }
  const q = quantity(Math.max(0, monthlyQuantity));
  return { name, unit, monthlyQuantity: q, price, monthlyCost: mul(q, price), usageBased: true };
}

/** A free-tier line: the covered quantity at price 0, so the allowance is visible, not silent. */
export function freeLine(name: string, unit: string, monthlyQuantity: number, usageBased = true): CostComponent {
  return { name, unit, monthlyQuantity: quantity(monthlyQuantity), price: 0, monthlyCost: 0, usageBased, freeTier: true };
}

/**
 * A usage-based quantity with an account-wide free allowance: one free line for what the
 * allowance covers (always shown, even when 0 is left) and one paid line for the rest.
 */
export function withFreeTier(
  pool: FreeTierPool,
  allowance: { key: string; total: number; name: string },
  name: string,
  unit: string,
  monthlyQuantity: number | undefined,
  price: number,
): CostComponent[] {
  if (monthlyQuantity === undefined) return [usageLine(name, unit, undefined, price)];
  const covered = pool.take(allowance.key, allowance.total, monthlyQuantity);
  return [freeLine(allowance.name, unit, covered), usageLine(name, unit, sub(monthlyQuantity, covered), price)];
}

/**
 * `withFreeTier` for an allowance counted in raw units (requests, GB-seconds) but shown per
 * `per` of them (unit "1M requests", per 1,000,000).
 */
export function withFreeTierPer(
  pool: FreeTierPool,
  allowance: { key: string; total: number; name: string },
  name: string,
  unit: string,
  per: number,
  rawQuantity: number | undefined,
  price: number,
): CostComponent[] {
  if (rawQuantity === undefined) return [usageLine(name, unit, undefined, price)];
  const covered = pool.take(allowance.key, allowance.total, rawQuantity);
  return [freeLine(allowance.name, unit, div(covered, per)), usageLine(name, unit, div(sub(rawQuantity, covered), per), price)];
}

/** A raw count shown per `per` of it (requests → 1M requests), unknown stays unknown. */
export function per(rawQuantity: number | undefined, unitSize: number): number | undefined {
  return rawQuantity === undefined ? undefined : div(rawQuantity, unitSize);
}

/**
 * Split a quantity into price tiers ("first 10TB", "next 40TB"…); returns one line per tier
 * the quantity reaches (at least the first). `label(i)` names tier i.
 */
export function tieredLines(name: (tierLabel: string) => string, unit: string, monthlyQuantity: number | undefined, tiers: readonly Tier[], label: (i: number) => string): CostComponent[] {
  if (monthlyQuantity === undefined) return [usageLine(name(label(0)), unit, undefined, tiers[0].price)];
  const lines: CostComponent[] = [];
  let start = 0;
  tiers.forEach((tier, i) => {
    if (i > 0 && monthlyQuantity <= start) return;
    const end = tier.upTo ?? Infinity;
    const inTier = Math.max(0, Math.min(monthlyQuantity, end) - start);
    lines.push(usageLine(name(label(i)), unit, inTier, tier.price));
    start = end;
  });
  return lines;
}

/**
 * Tiers that count account-wide volume (Lambda duration, VPC endpoint data…): each resource
 * fills what the ones before it in the recording left of every tier, through the free-tier
 * pool (keys `${key}:${i}`). With `open` false the last tier's bound is the end of sourced
 * prices, and volume beyond it gets a line with no price and a note.
 */
export function pooledTierLines(
  pool: FreeTierPool,
  key: string,
  name: (i: number) => string,
  unit: string,
  monthlyQuantity: number | undefined,
  tiers: readonly Tier[],
): CostComponent[] {
  if (monthlyQuantity === undefined) return [usageLine(name(0), unit, undefined, tiers[0].price)];
  const lines: CostComponent[] = [];
  let left = monthlyQuantity;
  let start = 0;
  tiers.forEach((tier, i) => {
    const size = tier.upTo === null ? Infinity : tier.upTo - start;
    const inTier = tier.upTo === null ? left : pool.take(`${key}:${i}`, size, left);
    if (i === 0 || inTier > 0) lines.push(usageLine(name(i), unit, inTier, tier.price));
    left = sub(left, inTier);
    start = tier.upTo ?? start;
  });
  if (left > 0) {
    lines.push({ ...usageLine(`${name(tiers.length)}`, unit, undefined, 0), monthlyQuantity: quantity(left), note: `No sourced price above ${start} ${unit} a month` });
  }
  return lines;
}

/** A line whose quantity the program does not reveal at preview (not a usage question). */
export function unknownQuantityLine(name: string, unit: string, price: number, note: string): CostComponent {
  return { ...usageLine(name, unit, undefined, price), usageBased: false, note };
}

/** The answer for a resource in a region (or of a kind) the cited prices do not cover. */
export function noPriceFor(region: string, what?: string): PriceResult {
  return { status: "not-priced", costComponents: [], note: what ? `no price for ${region} (${what})` : `no price for ${region}` };
}

/** Join optional remarks into one note. */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const kept = notes.filter((n): n is string => n !== undefined && n !== "");
  return kept.length ? kept.join("; ") : undefined;
}
