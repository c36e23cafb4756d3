/** Public API of the estimator. */
export { estimate, groupByComponent, hourlyString, DATA_TRANSFER_TYPE, type Estimate, type ResourceEstimate, type NotPriced } from "./estimate";
export { DEFAULT_USAGE_PROFILE, resolveUsage, ruleMatches, withUsage, type UsageMatch, type UsageProfile, type UsageRule } from "./usage";
export { decimalString, cents, usd, mul, sum, sub, div } from "../model/money";
export { PRICES, PRICE_SOURCES } from "./prices";
export { PRICERS } from "./pricers";
export { type CostComponent, type PricedStatus, type ResourceUsage, type Pricer } from "./types";
