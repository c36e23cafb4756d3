import type { ResourceRecord, Recording } from "../model/records";

/** Hours in a billing month, as Infracost counts them. */
export const HOURS_PER_MONTH = 730;

/**
 * One priced line, after Infracost: a stable name with the varying part in brackets, a plural
 * unit, a monthly quantity in that unit, the price per unit and the monthly cost (USD).
 */
export interface CostComponent {
  /** e.g. "Instance usage (Linux/UNIX, on-demand, t4g.small)". */
  readonly name: string;
  /** Plural unit the price is per: "hours", "GB", "1M requests", "LCU-hours", "CU-hours", "months". */
  readonly unit: string;
  /** Quantity per month in `unit`; null when it depends on usage nobody supplied. */
  readonly monthlyQuantity: number | null;
  /** USD per one `unit`. */
  readonly price: number;
  /** quantity × price (exact decimal), or null when the quantity is unknown. */
  readonly monthlyCost: number | null;
  /** The quantity comes from the usage profile (not from the resource's own inputs). */
  readonly usageBased: boolean;
  /** A free-tier line: the quantity shown is covered at no charge. */
  readonly freeTier?: boolean;
  /** "Monthly cost depends on usage: $0.008 per LCU-hours", or another short remark. */
  readonly note?: string;
}

export type PricedStatus = "priced" | "free" | "not-priced";

/** Usage values for one resource: snake_case keys ending in their unit, as Infracost's usage file. */
export type ResourceUsage = Readonly<Record<string, number | undefined>>;

/** What a pricer returns for one resource. */
export interface PriceResult {
  readonly status?: PricedStatus; // default "priced"
  readonly costComponents: readonly CostComponent[];
  /**
   * Lines at the worst case (e.g. an Auto Scaling group at maxSize); omitted when it equals
   * the expected case.
   */
  readonly worstCaseCostComponents?: readonly CostComponent[];
  readonly note?: string;
}

/** Account-wide free allowances, consumed in record order so two resources never both use it. */
export interface FreeTierPool {
  /** Take up to `quantity` of allowance `key` (created with `total` on first use); returns what was covered. */
  take(key: string, total: number, quantity: number): number;
}

/** What a mapper may look at besides the record itself. */
export interface MapContext {
  readonly recording: Recording;
  /** Records by URN. */
  readonly byUrn: ReadonlyMap<string, ResourceRecord>;
  /** The records `record` depends on (through `dependencies`), of the given type. */
  dependenciesOfType(record: ResourceRecord, type: string): ResourceRecord[];
}

export interface PriceContext {
  readonly freeTier: FreeTierPool;
}

/**
 * One resource type: a mapper (record → typed input, defaults commented where they are
 * applied) and a pricer (input + usage → cost components).
 */
export interface Pricer<Input = unknown> {
  /** Pulumi type token, e.g. "aws:lb/loadBalancer:LoadBalancer". */
  readonly type: string;
  map(record: ResourceRecord, ctx: MapContext): Input;
  price(input: Input, usage: ResourceUsage, ctx: PriceContext): PriceResult;
}
