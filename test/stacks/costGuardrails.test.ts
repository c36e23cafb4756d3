/**
 * Cost guardrails at run time (issue "Cost truth and an optimizer", item 5), under the mock
 * runtime for every milestone: the stack's AWS Budget at the approved monthly budget, its
 * notifications and tag filter, the Cost Anomaly Detection monitor and subscription, the
 * alerts topic's own KMS key and its policy, and the cost widgets (only with a dashboard).
 */
import { costPerUserWidget, dailySpendWidget, DAILY_SPEND_EXPRESSION, alertKeyPolicy, alertTopicPolicy } from "../../components/observability";
import { approvedDailyUsd, anomalyAlertImpactUsd } from "../../components/observabilitySpec";
import { estimate } from "../../cost/estimate";
import type { Recording } from "../../model/records";
import { MILESTONE_IDS, MILESTONES, type MilestoneId } from "../../stacks/milestones";
import { usageProfile } from "../../stacks/usageProfile";
import { inputs, ofType, one, record } from "../helpers";

const T = {
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  key: "aws:kms/key:Key",
  budget: "aws:budgets/budget:Budget",
  monitor: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  subscription: "aws:costexplorer/anomalySubscription:AnomalySubscription",
  filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
};
const ACCOUNT = "123456789012"; // the recorder's getCallerIdentity answer

/** A tenth of each approved budget, worked out by hand: $35, $73, $124, $250. */
const ANOMALY_FLOOR_USD: Record<MilestoneId, number> = { m1: 3.5, m2: 7.3, m3: 12.4, m4: 25 };

const recordings = new Map<MilestoneId, Recording>();
let devM2: Recording;
beforeAll(async () => {
  for (const m of MILESTONE_IDS) recordings.set(m, await record("prod", m));
  devM2 = await record("dev", "m2"); // dev skips the dashboard (Pulumi.dev.yaml)
}, 180_000);

describe.each(MILESTONE_IDS)("prod at %s", (m) => {
  const spec = MILESTONES[m];
  const rec = () => recordings.get(m)!;

  test("budget: COST, MONTHLY, at the approved monthly budget, this stack's tagged costs before credits, refunds and tax", () => {
    const budget = one(rec(), T.budget, "obs-monthly");
    expect(inputs(budget)).toMatchObject({
      name: "cutlist-prod-monthly",
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: String(spec.costBand.approvedUsd),
      limitUnit: "USD",
      costFilters: [{ name: "TagKeyValue", values: ["user:stack$prod"] }],
      costTypes: { includeCredit: false, includeRefund: false, includeTax: false },
    });
  });

  test("budget notifications: actual 80 % and 100 %, forecast 100 %, each to the on-call topic, after the topic policy", () => {
    const budget = one(rec(), T.budget, "obs-monthly");
    const notes = inputs(budget).notifications as Record<string, unknown>[];
    expect(notes.map((n) => [n.notificationType, n.threshold, n.thresholdType, n.comparisonOperator])).toEqual([
      ["ACTUAL", 80, "PERCENTAGE", "GREATER_THAN"],
      ["ACTUAL", 100, "PERCENTAGE", "GREATER_THAN"],
      ["FORECASTED", 100, "PERCENTAGE", "GREATER_THAN"],
    ]);
    // The topic's ARN is known only at deploy time: one subscriber each, taken from the topic.
    for (const n of notes) expect(n.subscriberSnsTopicArns).toHaveLength(1);
    expect(budget.dependencies).toEqual(expect.arrayContaining([one(rec(), T.topic).urn, one(rec(), T.topicPolicy).urn]));
  });

  test(`anomaly detection: a CUSTOM monitor on the stack tag; IMMEDIATE alerts to the topic at ≥ $${ANOMALY_FLOOR_USD[m]} AND ≥ 20 %`, () => {
    const monitor = one(rec(), T.monitor, "obs-cost-anomalies");
    expect(inputs(monitor)).toMatchObject({ name: "cutlist-prod-cost-anomalies", monitorType: "CUSTOM" });
    expect(inputs(monitor).monitorDimension).toBeUndefined();
    expect(JSON.parse(inputs(monitor).monitorSpecification)).toEqual({
      And: null, CostCategories: null, Dimensions: null, Not: null, Or: null,
      Tags: { Key: "stack", MatchOptions: null, Values: ["prod"] },
    });

    const sub = one(rec(), T.subscription, "obs-cost-anomalies");
    expect(anomalyAlertImpactUsd(spec.costBand.approvedUsd)).toBe(ANOMALY_FLOOR_USD[m]);
    expect(inputs(sub)).toMatchObject({
      name: "cutlist-prod-cost-anomalies",
      frequency: "IMMEDIATE",
      subscribers: [{ type: "SNS" }],
      thresholdExpression: {
        ands: [
          { dimension: { key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: [String(ANOMALY_FLOOR_USD[m])] } },
          { dimension: { key: "ANOMALY_TOTAL_IMPACT_PERCENTAGE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: ["20"] } },
        ],
      },
    });
    expect(inputs(sub).monitorArnLists).toHaveLength(1);
    expect(sub.dependencies).toEqual(expect.arrayContaining([monitor.urn, one(rec(), T.topic).urn, one(rec(), T.topicPolicy).urn]));
  });

  test("alerts topic: encrypted with its own rotating key that CloudWatch, Budgets and Cost Anomaly Detection may use", () => {
    const key = one(rec(), T.key, "obs-alerts");
    const topic = one(rec(), T.topic, "obs-alerts");
    expect(topic.dependencies).toContain(key.urn);
    expect(inputs(topic).kmsMasterKeyId).not.toBe("alias/aws/sns");
    expect(inputs(key)).toMatchObject({ enableKeyRotation: true, tags: { "data-class": "rebuildable", component: "observability" } });
    expect(JSON.parse(inputs(key).policy)).toEqual(alertKeyPolicy(ACCOUNT, "aws"));
    expect(one(rec(), T.topicPolicy, "obs-alerts").dependencies).toContain(topic.urn);
  });

  test(`cost widgets ${spec.observability.dashboard ? "with" : "without"} a dashboard: the active-users metric filter follows it`, () => {
    const dashboards = ofType(rec(), T.dashboard);
    const activeUsers = ofType(rec(), T.filter).filter((f) => inputs(f).metricTransformation.name === "ActiveUsers");
    expect(dashboards).toHaveLength(spec.observability.dashboard ? 1 : 0);
    expect(activeUsers).toHaveLength(spec.observability.dashboard ? 1 : 0);
    for (const f of activeUsers) {
      expect(inputs(f)).toMatchObject({
        name: "cutlist-prod-active-users",
        logGroupName: "/cutlist/prod/app",
        pattern: "{ $.active_users >= 0 }",
        metricTransformation: { namespace: "CutList/prod", value: "$.active_users", unit: "Count" },
      });
    }
  });

  test("priced: the key $1.00 (its alert requests inside KMS's free 20,000), the budget inside the free two, monitor and subscription free", () => {
    const est = estimate(rec(), usageProfile(m));
    const byName = (type: string, name: string) => est.resources.find((r) => r.type === type && r.name === name)!;
    const key = byName(T.key, "obs-alerts");
    // 2 requests per 5 minutes × 12 × 730 h = 17,520 = 1.752 × 10k, all within the free 2 × 10k
    expect(key.costComponents.find((c) => c.name === "Requests (free tier, first 20K)")?.monthlyQuantity).toBe(1.752);
    expect(key.monthlyCost).toBe(1);
    expect(byName(T.budget, "obs-monthly").monthlyCost).toBe(0);
    expect(byName(T.monitor, "obs-cost-anomalies").priced).toBe("free");
    expect(byName(T.subscription, "obs-cost-anomalies").priced).toBe("free");
    expect(byName(T.topicPolicy, "obs-alerts").priced).toBe("free");
    expect(est.notPriced).toEqual([]);
  });
});

test("dev at m2 has no dashboard, so no cost widgets and no active-users metric; its budget and monitor follow its own tag", () => {
  expect(ofType(devM2, T.dashboard)).toHaveLength(0);
  expect(ofType(devM2, T.filter).filter((f) => inputs(f).metricTransformation.name === "ActiveUsers")).toHaveLength(0);
  expect(inputs(one(devM2, T.budget)).costFilters).toEqual([{ name: "TagKeyValue", values: ["user:stack$dev"] }]);
  expect(inputs(one(devM2, T.budget)).name).toBe("cutlist-dev-monthly");
  expect(JSON.parse(inputs(one(devM2, T.monitor)).monitorSpecification).Tags.Values).toEqual(["dev"]);
});

describe("policies of the alerts topic and its key", () => {
  const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:obs-alerts-1a2b3c`;
  const statements = alertTopicPolicy(topicArn, ACCOUNT, "aws").Statement;
  const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));

  test("topic: the owning account keeps AWS's default rights (its CloudWatch alarms publish through them)", () => {
    expect(bySid.OwningAccount).toMatchObject({ Effect: "Allow", Principal: { AWS: "*" }, Resource: topicArn, Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT } } });
    expect(bySid.OwningAccount.Action).toEqual(expect.arrayContaining(["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"]));
  });

  test("topic: Budgets and Cost Anomaly Detection may publish, each only for this account", () => {
    expect(bySid.BudgetsPublish).toEqual({
      Sid: "BudgetsPublish", Effect: "Allow", Principal: { Service: "budgets.amazonaws.com" }, Action: "SNS:Publish", Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:budgets::${ACCOUNT}:*` } },
    });
    expect(bySid.CostAnomalyDetectionPublish).toEqual({
      Sid: "CostAnomalyDetectionPublish", Effect: "Allow", Principal: { Service: "costalerts.amazonaws.com" }, Action: "SNS:Publish", Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    expect(statements).toHaveLength(3);
  });

  test("key: the account administers it; the three publishing services may encrypt with it, nobody else", () => {
    const key = alertKeyPolicy(ACCOUNT, "aws-us-gov").Statement;
    expect(key[0]).toEqual({ Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws-us-gov:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" });
    expect([...(key[1].Principal as { Service: string[] }).Service].sort()).toEqual(["budgets.amazonaws.com", "cloudwatch.amazonaws.com", "costalerts.amazonaws.com"]);
    expect(key[1].Action).toEqual(["kms:GenerateDataKey*", "kms:Decrypt"]);
    expect(key).toHaveLength(2);
  });
});

describe("cost widgets", () => {
  test("daily spend: the month-to-date bill's daily maximum, differenced, restarting on the 1st; the approved budget per day marked", () => {
    const w = dailySpendWidget(60);
    expect(w).toMatchObject({ region: "us-east-1", period: 86_400, start: "-PT720H" });
    expect(w.metrics[0]).toEqual(["AWS/Billing", "EstimatedCharges", "Currency", "USD", { id: "mtd", stat: "Maximum", period: 86_400, region: "us-east-1", visible: false }]);
    expect(w.metrics[1]).toEqual([{ id: "daily", label: "spend that day", expression: "IF(DIFF(mtd) >= 0, DIFF(mtd), mtd)" }]);
    // $60 ÷ (730 / 24) days = $1.9726… → $1.97
    expect(approvedDailyUsd(60)).toBe(1.97);
    expect(w.annotations.horizontal[0].value).toBe(1.97);
    expect(w.annotations.horizontal[0].label).toMatch(/\$60 a month ÷ 30\.42 days, Neon included/);
    expect(w.title).toMatch(/whole account/);
  });

  test("cost per active user: that day's spend over the app's ActiveUsers (daily maximum, the stack's region)", () => {
    const w = costPerUserWidget("CutList/prod", "eu-west-1");
    expect(w.region).toBe("us-east-1");
    expect(w.metrics[1]).toEqual([{ id: "daily", label: "spend that day", expression: DAILY_SPEND_EXPRESSION, visible: false }]);
    expect(w.metrics[2]).toEqual(["CutList/prod", "ActiveUsers", { id: "users", stat: "Maximum", period: 86_400, region: "eu-west-1", label: "active users that day", yAxis: "right" }]);
    expect(w.metrics[3]).toEqual([{ id: "perUser", label: "USD per active user", expression: "daily / users" }]);
  });
});
