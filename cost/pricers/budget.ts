/**
 * aws:budgets/budget:Budget — AWS Budgets bills each active budget per day ($0.02 a
 * budget-day, ~$0.61 a 730-hour month); the account's first two budgets are free
 * (account-wide). Budgets with actions are priced differently and are not modeled (a budget
 * record says nothing of actions: they are separate resources).
 */
import type { ResourceRecord } from "../../model/records";
import { HOURS_PER_MONTH } from "../../model/usage";
import { mul, sub } from "../../model/money";
import { fixedLine, freeLine } from "../lines";
import { PRICES } from "../prices";
import type { Pricer } from "../types";

export type BudgetInput = Record<string, never>;

export function mapBudget(_record: ResourceRecord): BudgetInput {
  return {};
}

/** Days in a 730-hour month. */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

export const budgetPricer: Pricer<BudgetInput> = {
  type: "aws:budgets/budget:Budget",
  usageSchema: {},
  map: mapBudget,
  price(_input, _usage, ctx) {
    const cm = PRICES.costManagement;
    const covered = ctx.freeTier.take("aws_budgets", cm.budgets_free, 1);
    return {
      costComponents: [
        freeLine(`Budget (free tier, first ${cm.budgets_free} per account)`, "budget-days", mul(covered, DAYS_PER_MONTH), false),
        fixedLine("Budget", "budget-days", mul(sub(1, covered), DAYS_PER_MONTH), cm.budget_day_beyond_free),
      ],
      note: "the free tier is the account's: every budget in it counts, other stacks' too",
    };
  },
};
