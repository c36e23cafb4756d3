/**
 * Usage as the estimator consumes it: quantities per resource (Infracost's usage-file keys:
 * snake_case, ending in their unit), the rules that assign them to resources, and the
 * profile a set of rules forms. Stacks derive profiles, the estimator applies them, pricers
 * declare which keys they read.
 */

/** Hours in a billing month, as Infracost counts them. */
export const HOURS_PER_MONTH = 730;

/** Usage values for one resource. */
export type ResourceUsage = Readonly<Record<string, number | undefined>>;

/** Which records a rule applies to; every given field must match. Globs use `*`. */
export interface UsageMatch {
  /** One resource by its URN (a usage file's entry for it). */
  readonly urn?: string;
  readonly type?: string;
  /** Glob on the logical name (usage files; a stack's own rules match by role, never by name). */
  readonly name?: string;
  /** The top-level component, by its type (`cutlist:app:App` → "app"). */
  readonly component?: string;
  /** The resource's `role` tag (e.g. "dead-letter"), for resources a component has several of. */
  readonly role?: string;
  /** Inputs that must equal these plain values. */
  readonly inputs?: Readonly<Record<string, string | number | boolean>>;
}

export interface UsageRule {
  readonly match: UsageMatch;
  readonly usage: ResourceUsage;
  /** Split the quantities evenly among all records this rule matches. */
  readonly shared?: boolean;
  /** Why these numbers (shown in reports). */
  readonly note?: string;
}

/** The traffic picture a profile was derived from, for reports and for the data-transfer line. */
export interface TrafficSummary {
  readonly monthly_requests: number;
  /** All response bytes leaving AWS, GB/month. */
  readonly monthly_data_transfer_gb: number;
  /** Share of bytes CloudFront serves when the program has a distribution. */
  readonly cdn_byte_share: number;
  /** Share of requests through CloudFront when the program has a distribution. */
  readonly cdn_request_share: number;
}

export interface UsageProfile {
  /** "m1".."m4", "default", or a caller's name. */
  readonly id: string;
  readonly description: string;
  /** The assumptions it was derived from, by name. */
  readonly assumptions: Readonly<Record<string, number>>;
  /** Derived values worth showing (expected instances, CU-hours inputs…), by name. */
  readonly derived: Readonly<Record<string, number>>;
  readonly traffic?: TrafficSummary;
  readonly rules: readonly UsageRule[];
}
