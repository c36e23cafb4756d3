/** Cost policy cases: a one-instance web tier at m1 (~$17/month against the $30 ceiling). */
import { costIncreaseLimit } from "../../../plan/guardrails/planPolicies";
import { cloudfrontFlatRateAllowance, costMonthlyBudget, costResourcesPriced, costWorstCaseBudget } from "../../../policies/cost";
import type { ResourceRecord } from "../../../model/records";
import { asg, changed, dependsOn, distribution, foreign, launchTemplate, res, runPlanPolicy, runPolicy, tags, type PolicyCase } from "../util";

/** Launch template + group at m1, with the template's instance type and the group's size. */
function webTier(instanceType = "t4g.small", min = 1, max = 1): ResourceRecord[] {
  const lt = changed(launchTemplate(), (i) => ((i.instanceType = instanceType), (i.tags = tags("app", "m1"))));
  const group = dependsOn(
    changed(asg(min, max), (i) => (i.tags = Object.entries(tags("app", "m1")).map(([key, value]) => ({ key, value, propagateAtLaunch: false })))),
    lt,
  );
  return [lt, group];
}

/** Our Cdn component at m4 with its distribution on a flat-rate plan. */
function onPlan(plan: string): ResourceRecord[] {
  const component: ResourceRecord = res<Record<string, unknown>>("cutlist:cdn:Cdn", "cdn", {});
  const dist = changed(distribution(), (i) => (i.tags = { ...tags("cdn", "m4"), "cloudfront-pricing-plan": plan }));
  return [component, { ...dist, parent: component.urn, component: "cdn" }];
}

export const COST_CASES: PolicyCase[] = [
  // cost-monthly-budget
  { policy: costMonthlyBudget, title: "one t4g.small at m1 stays within the $30 ceiling", run: () => runPolicy(costMonthlyBudget, webTier()), expect: "pass" },
  { policy: costMonthlyBudget, title: "an m7g.large at m1 breaks the $35 approved budget", run: () => runPolicy(costMonthlyBudget, webTier("m7g.large")), expect: [/Keep the expected monthly cost within \$35\.00 \(m1 approved budget; seed band ceiling \$30\.00\); it is \$\d+\.\d\d, \$\d+\.\d\d over \(largest: app \(Group\)/] },
  { policy: costMonthlyBudget, title: "budgetUsd overrides the band", run: () => runPolicy(costMonthlyBudget, webTier(), { config: { budgetUsd: 10 } }), expect: [/within \$10\.00 \(budgetUsd\)/] },
  { policy: costMonthlyBudget, title: "an approved m1 budget in budgetsUsd replaces the band", run: () => runPolicy(costMonthlyBudget, webTier(), { config: { budgetsUsd: { m1: 12 } } }), expect: [/within \$12\.00 \(budgetsUsd\.m1; seed band ceiling \$30\.00\)/] },
  { policy: costMonthlyBudget, title: "budgetsUsd for other milestones leaves m1 at its approved budget", run: () => runPolicy(costMonthlyBudget, webTier("m7g.large"), { config: { budgetsUsd: { m2: 500 } } }), expect: [/within \$35\.00 \(m1 approved budget; seed band ceiling \$30\.00\)/] },
  { policy: costMonthlyBudget, title: "no milestone tag and no budget: not applicable", run: () => runPolicy(costMonthlyBudget, webTier().map((r) => changed(r, (i) => delete i.tags))), expect: "n/a" },
  { policy: costMonthlyBudget, title: "another program, even tagged m1, is not held to our bands", run: () => runPolicy(costMonthlyBudget, webTier("m7g.large").map((r) => foreign(r))), expect: "n/a" },
  { policy: costMonthlyBudget, title: "another program with budgetUsd configured is held to it", run: () => runPolicy(costMonthlyBudget, webTier().map((r) => foreign(r)), { config: { budgetUsd: 10 } }), expect: [/within \$10\.00 \(budgetUsd\)/] },

  // cost-worst-case-budget
  { policy: costWorstCaseBudget, title: "a fixed group's worst case is its expected cost", run: () => runPolicy(costWorstCaseBudget, webTier()), expect: "pass" },
  { policy: costWorstCaseBudget, title: "1-4 instances at m1: the worst case is over the $35 approved budget", run: () => runPolicy(costWorstCaseBudget, webTier("t4g.small", 1, 4)), expect: [/Keep the worst-case monthly cost \(every group at its maximum\) within \$35\.00 .*it is \$6\d\.\d\d/] },
  { policy: costWorstCaseBudget, title: "another program: not applicable without budgetUsd or milestone", run: () => runPolicy(costWorstCaseBudget, webTier("t4g.small", 1, 4).map((r) => foreign(r))), expect: "n/a" },
  { policy: costWorstCaseBudget, title: "another program with milestone m1 configured gets its approved budget", run: () => runPolicy(costWorstCaseBudget, webTier("t4g.small", 1, 4).map((r) => foreign(r)), { config: { milestone: "m1" } }), expect: [/within \$35\.00 \(m1 approved budget; seed band ceiling \$30\.00\)/] },

  // cost-resources-priced
  { policy: costResourcesPriced, title: "priced and free resources only", run: () => runPolicy(costResourcesPriced, webTier()), expect: "pass" },
  {
    policy: costResourcesPriced,
    title: "an AppSync API nobody prices is reported",
    run: () => runPolicy(costResourcesPriced, [...webTier(), res("aws:appsync/graphQLApi:GraphQLApi", "orders", { authenticationType: "API_KEY" })]),
    expect: [/Price aws:appsync\/graphQLApi:GraphQLApi \(orders\) or list it in ignoreTypes; it is not priced: No pricer/],
  },
  {
    policy: costResourcesPriced,
    title: "ignoreTypes accepts it",
    run: () => runPolicy(costResourcesPriced, [...webTier(), res("aws:appsync/graphQLApi:GraphQLApi", "orders", {})], { config: { ignoreTypes: ["aws:appsync/graphQLApi:GraphQLApi"] } }),
    expect: "pass",
  },

  // cloudfront-flat-rate-allowance. At m4 CloudFront carries all 164,250,000 requests a month
  // (150 rps × 3,600 s × 10 request-hours a day × 30.4167 days). The distribution sits in our
  // Cdn component, as the program declares it (usage follows the component).
  {
    policy: cloudfrontFlatRateAllowance,
    title: "the Pro plan (10M requests) under m4's traffic (static assets and the cacheable API paths) is past its allowance",
    run: () => runPolicy(cloudfrontFlatRateAllowance, onPlan("pro")),
    expect: [/Keep distribution cdn within its flat-rate plan's monthly allowance.*it expects 66,521,250 requests against 10,000,000, past which AWS may reduce its performance/],
  },
  {
    policy: cloudfrontFlatRateAllowance,
    title: "the Premium plan (500M requests) carries it",
    run: () => runPolicy(cloudfrontFlatRateAllowance, onPlan("premium")),
    expect: "pass",
  },
  { policy: cloudfrontFlatRateAllowance, title: "pay as you go has no allowance", run: () => runPolicy(cloudfrontFlatRateAllowance, [distribution()]), expect: "n/a" },

  // cost-increase-limit (plan only)
  { policy: costIncreaseLimit, title: "t4g.small → t4g.medium (+$12) within 100 %", run: () => runPlanPolicy(costIncreaseLimit, { base: webTier(), head: webTier("t4g.medium") }, { config: { maxIncreasePercent: 100 } }), expect: "pass" },
  { policy: costIncreaseLimit, title: "t4g.small → t4g.medium breaks a 50 % limit", run: () => runPlanPolicy(costIncreaseLimit, { base: webTier(), head: webTier("t4g.medium") }, { config: { maxIncreasePercent: 50 } }), expect: [/Keep the monthly cost increase within 50 %; this change raises it \$\d+\.\d\d → \$\d+\.\d\d, \+\$12\.26 \(\+\d+\.\d %\)/] },
  { policy: costIncreaseLimit, title: "… and a $10 limit", run: () => runPlanPolicy(costIncreaseLimit, { base: webTier(), head: webTier("t4g.medium") }, { config: { maxIncreaseUsd: 10 } }), expect: [/within \$10\.00; .*\+\$12\.26/] },
  { policy: costIncreaseLimit, title: "no limit configured: not applicable", run: () => runPlanPolicy(costIncreaseLimit, { base: webTier(), head: webTier("t4g.medium") }), expect: "n/a" },
];
