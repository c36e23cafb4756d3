/** Public API of the estimator. */
export { estimate, groupByComponent, hourlyString, DATA_TRANSFER_TYPE, type Estimate, type ResourceEstimate, type NotPriced } from "./estimate";
export {
  usageProfile,
  milestoneProfiles,
  withUsage,
  resolveUsage,
  ruleMatches,
  instancesAt,
  targetRpsPerInstance,
  DEFAULT_USAGE_ASSUMPTIONS,
  DEFAULT_USAGE_PROFILE,
  type UsageAssumptions,
  type UsageProfile,
  type UsageRule,
  type UsageMatch,
} from "./usage";
export { decimalString, cents, usd, mul, sum, sub, div } from "../model/money";
export { PRICES, PRICE_SOURCES } from "./prices";
export { PRICERS } from "./pricers";
export { HOURS_PER_MONTH, type CostComponent, type PricedStatus, type ResourceUsage, type Pricer } from "./types";
