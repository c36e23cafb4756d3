import type { ResourceRecord, Recording } from "../model/records";
import type { ResourceUsage } from "../model/usage";

export type { ResourceUsage };

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
  /**
   * Quantities guardrails judge (e.g. `cu_hours`, `egress_gb` of a Neon compute against its
   * plan's allowance), in the unit their name ends in.
   */
  readonly metrics?: Readonly<Record<string, number>>;
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
  /** The records of the given type that depend on `record` (a topic's subscriptions…). */
  dependentsOfType(record: ResourceRecord, type: string): ResourceRecord[];
  /**
   * The AWS region `record` is deployed to, the one way every pricer reads it: the `region`
   * input of its explicit aws provider, else the stack's `aws:region`, else us-east-1. When
   * the estimator had to assume (no region anywhere, or a provider whose region is unknown
   * at preview) it adds a note to the resource saying so.
   */
  regionOf(record: ResourceRecord): string;
}

export interface PriceContext {
  readonly freeTier: FreeTierPool;
}

/** The usage keys a pricer reads, each with its unit and meaning (Infracost's usage-file keys). */
export type UsageSchema = Readonly<Record<string, string>>;

/** Usage values restricted to a schema's keys: a pricer cannot read a key it did not declare. */
export type UsageOf<S extends UsageSchema> = { readonly [K in keyof S]?: number };

/**
 * One resource type: a mapper (record → typed input, defaults commented where they are
 * applied), the usage it reads, and a pricer (input + usage → cost components).
 */
export interface Pricer<Input = unknown, S extends UsageSchema = UsageSchema> {
  /** Pulumi type token, e.g. "aws:lb/loadBalancer:LoadBalancer". */
  readonly type: string;
  /** Every usage key `price` reads; the estimator refuses usage with any other key. */
  readonly usageSchema: S;
  map(record: ResourceRecord, ctx: MapContext): Input;
  price(input: Input, usage: UsageOf<S>, ctx: PriceContext): PriceResult;
}
