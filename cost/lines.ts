/**
 * Builders for cost components, shared by the pricers (composition instead of repetition, as
 * Infracost's resource helpers do).
 */
import { decimalString, mul, sub } from "../model/money";
import type { CostComponent, FreeTierPool } from "./types";

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

export interface Tier {
  /** Upper bound of the tier in units (cumulative); null = no bound. */
  readonly upTo: number | null;
  readonly price: number;
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
