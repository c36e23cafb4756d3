import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { anomalyAlertImpactUsd, BUDGET_ALERTS, budgetTagFilterValue, COST_ALLOCATION_TAG_KEY, COST_ANOMALY_ALERT } from "./observabilitySpec";

export interface CostGuardrailsArgs {
  /** Stack name: the value of the `stack` cost-allocation tag the budget and monitor follow. */
  readonly stack: string;
  /** AWS names are `${namePrefix}-monthly` (budget) and `${namePrefix}-cost-anomalies` (monitor, subscription). */
  readonly namePrefix: string;
  /** The milestone's approved monthly budget, USD (`costBand.approvedUsd`). */
  readonly approvedMonthlyUsd: number;
  /** The on-call topic; its policy and key must already let Budgets and Cost Anomaly Detection publish. */
  readonly topicArn: pulumi.Input<string>;
  /**
   * What must exist before anything is told to publish (the topic policy): Cost Anomaly
   * Detection checks that it may publish when the subscription is created.
   */
  readonly publishAllowedBy: pulumi.Resource;
}

/**
 * Spend guardrails at run time, scoped to this stack by its `stack` cost-allocation tag:
 * - an AWS Budget (COST, MONTHLY) at the approved monthly budget, notifying the on-call topic
 *   at 80 % and 100 % actual and 100 % forecast (`BUDGET_ALERTS`);
 * - a Cost Anomaly Detection monitor on the tag (a CUSTOM monitor: the dimensional SERVICE
 *   monitor is one per account, so it could not be the stack's own) with an IMMEDIATE
 *   subscription to the topic above `COST_ANOMALY_ALERT`.
 *
 * Both see only costs AWS has attributed to the tag, which starts once `stack` is activated as
 * a cost-allocation tag (README, "Operations"); untagged costs (tax, support, a few shared
 * charges) and Neon (billed by Neon) are outside them. Amounts compare with the approved
 * budget as the plan prices it: list prices, before credits, refunds and tax.
 */
export class CostGuardrails extends pulumi.ComponentResource {
  readonly budget: aws.budgets.Budget;
  readonly anomalyMonitor: aws.costexplorer.AnomalyMonitor;
  readonly anomalySubscription: aws.costexplorer.AnomalySubscription;

  constructor(name: string, args: CostGuardrailsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:observability:CostGuardrails", name, {}, opts);
    this.budget = this.monthlyBudget(name, args);
    this.anomalyMonitor = this.tagMonitor(name, args);
    this.anomalySubscription = this.anomalyAlerts(name, args, this.anomalyMonitor);
    this.registerOutputs({ budgetName: this.budget.name, anomalyMonitorArn: this.anomalyMonitor.arn });
  }

  /** The approved budget for this stack's tagged costs, with its three notifications. */
  private monthlyBudget(name: string, args: CostGuardrailsArgs): aws.budgets.Budget {
    return new aws.budgets.Budget(`${name}-monthly`, {
      name: `${args.namePrefix}-monthly`,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: String(args.approvedMonthlyUsd),
      limitUnit: "USD",
      costFilters: [{ name: "TagKeyValue", values: [budgetTagFilterValue(args.stack)] }],
      // Credits and refunds would hide usage (a promotional credit would keep the budget at $0);
      // tax is not in the approved figure.
      costTypes: { includeCredit: false, includeRefund: false, includeTax: false },
      notifications: BUDGET_ALERTS.map((alert) => ({
        notificationType: alert.notificationType,
        comparisonOperator: "GREATER_THAN",
        threshold: alert.percent,
        thresholdType: "PERCENTAGE",
        subscriberSnsTopicArns: [args.topicArn],
      })),
    }, { parent: this, dependsOn: [args.publishAllowedBy] });
  }

  /**
   * A CUSTOM monitor on the stack's tag. The specification is written in the shape the API
   * returns (every operand key present, null where unused): any other shape reads back as a
   * change, and a changed specification replaces the monitor (and its learned baseline).
   */
  private tagMonitor(name: string, args: CostGuardrailsArgs): aws.costexplorer.AnomalyMonitor {
    return new aws.costexplorer.AnomalyMonitor(`${name}-cost-anomalies`, {
      name: `${args.namePrefix}-cost-anomalies`,
      monitorType: "CUSTOM",
      monitorSpecification: JSON.stringify({
        And: null, CostCategories: null, Dimensions: null, Not: null, Or: null,
        Tags: { Key: COST_ALLOCATION_TAG_KEY, MatchOptions: null, Values: [args.stack] },
      }),
    }, { parent: this });
  }

  /**
   * Alerts when an anomaly is both large and unusual. IMMEDIATE is the frequency an SNS
   * subscriber takes (DAILY and WEEKLY summaries go to e-mail addresses only).
   */
  private anomalyAlerts(name: string, args: CostGuardrailsArgs, monitor: aws.costexplorer.AnomalyMonitor): aws.costexplorer.AnomalySubscription {
    const atLeast = (key: string, value: number) => ({ dimension: { key, matchOptions: ["GREATER_THAN_OR_EQUAL"], values: [String(value)] } });
    return new aws.costexplorer.AnomalySubscription(`${name}-cost-anomalies`, {
      name: `${args.namePrefix}-cost-anomalies`,
      frequency: "IMMEDIATE",
      monitorArnLists: [monitor.arn],
      subscribers: [{ type: "SNS", address: args.topicArn }],
      thresholdExpression: {
        ands: [
          atLeast("ANOMALY_TOTAL_IMPACT_ABSOLUTE", anomalyAlertImpactUsd(args.approvedMonthlyUsd)),
          atLeast("ANOMALY_TOTAL_IMPACT_PERCENTAGE", COST_ANOMALY_ALERT.minImpactPercent),
        ],
      },
    }, { parent: this, dependsOn: [args.publishAllowedBy] });
  }
}
