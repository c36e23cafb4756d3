/**
 * Serverless and messaging pricers against hand-computed figures from the cited prices
 * (cost/prices/aws-serverless.json): quantity × price = monthly, per region.
 */
import { record, one, price, table } from "./factory";

const T = {
  fn: "aws:lambda/function:Function",
  pc: "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
  rest: "aws:apigateway/restApi:RestApi",
  stage: "aws:apigateway/stage:Stage",
  v2: "aws:apigatewayv2/api:Api",
  sfn: "aws:sfn/stateMachine:StateMachine",
  topic: "aws:sns/topic:Topic",
  sub: "aws:sns/topicSubscription:TopicSubscription",
  secret: "aws:secretsmanager/secret:Secret",
  kms: "aws:kms/key:Key",
  stream: "aws:kinesis/stream:Stream",
  bus: "aws:cloudwatch/eventBus:EventBus",
} as const;

describe("aws:lambda/function:Function", () => {
  it("x86, 1024 MB, 10M × 1 s: 1M requests and 400K GB-s free, then 9M × $0.20/1M and 9.6M GB-s × $0.0000166667", () => {
    const r = one(record(T.fn, "api", { memorySize: 1024 }), { monthly_requests: 10_000_000, request_duration_ms: 1000 });
    expect(table(r)).toEqual([
      ["Requests (free tier, first 1M)", 1, 0],
      ["Requests", 9, 1.8],
      ["Duration (free tier, first 400K GB-seconds)", 400_000, 0],
      ["Duration (first 6B)", 9_600_000, 160.00032],
    ]);
    expect(r.monthlyCost).toBe(161.80032);
  });

  it("arm64 with 2.5 GB of /tmp: 2 GB above the free 512 MB × 200,000 s × $0.0000000309; the free tier covers 400K GB-s exactly", () => {
    const fn = record(T.fn, "worker", { memorySize: 2048, architectures: ["arm64"], ephemeralStorage: { size: 2560 } });
    const r = one(fn, { monthly_requests: 2_000_000, request_duration_ms: 100 });
    expect(table(r)).toEqual([
      ["Requests (free tier, first 1M)", 1, 0],
      ["Requests", 1, 0.2],
      ["Duration (free tier, first 400K GB-seconds)", 400_000, 0],
      ["Duration (first 7.5B)", 0, 0],
      ["Ephemeral storage", 400_000, 0.01236],
    ]);
  });

  it("the free tier is account-wide: a second function gets what the first left", () => {
    const usage = { monthly_requests: 800_000, request_duration_ms: 1000 };
    const [a, b] = price([record(T.fn, "a", { memorySize: 256 }), record(T.fn, "b", { memorySize: 256 })], [{ match: { type: T.fn }, usage }]);
    expect(a.monthlyCost).toBe(0); // 800K requests, 200K GB-s: all free
    // b: 200K requests free, 600K × $0.20/1M = $0.12; 200K GB-s free, 0 paid
    expect(table(b)).toEqual([
      ["Requests (free tier, first 1M)", 0.2, 0],
      ["Requests", 0.6, 0.12],
      ["Duration (free tier, first 400K GB-seconds)", 200_000, 0],
      ["Duration (first 6B)", 0, 0],
    ]);
  });

  it("without usage, requests and duration depend on usage", () => {
    const r = one(record(T.fn, "api"));
    expect(r.costComponents.map((c) => c.note)).toEqual(["Monthly cost depends on usage: $0.2 per 1M requests", "Monthly cost depends on usage: $0.0000166667 per GB-seconds"]);
    expect(r.note).toBe("128 MB, x86_64");
  });

  it("eu-central-2 at its own rates ($0.22/1M, $0.0000183334/GB-s; one sourced tier, named Duration)", () => {
    const r = one(record(T.fn, "api", { memorySize: 1024 }), { monthly_requests: 11_000_000, request_duration_ms: 1000 }, "eu-central-2");
    expect(table(r).slice(1)).toEqual([
      ["Requests", 10, 2.2],
      ["Duration (free tier, first 400K GB-seconds)", 400_000, 0],
      ["Duration", 10_600_000, 194.33404],
    ]);
  });

  it("a region the Lambda table does not list is not priced", () => {
    expect(one(record(T.fn, "api"), {}, "ca-west-1")).toMatchObject({ priced: "not-priced", note: "no price for ca-west-1" });
  });
});

describe("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", () => {
  const fn = record(T.fn, "api", { memorySize: 1024, architectures: ["arm64"] });
  const pc = record(T.pc, "api-warm", { provisionedConcurrentExecutions: 5, qualifier: "live" }, { dependencies: [fn.urn] });

  it("arm64: 5 × 1 GB × 730 h × 3600 s = 13,140,000 GB-s × $0.0000033333; the function loses its free tier", () => {
    const [f, r] = price([fn, pc], [{ match: { type: T.fn }, usage: { monthly_requests: 1_000_000, request_duration_ms: 10 } }]);
    expect(r.costComponents[0]).toMatchObject({ name: "Provisioned Concurrency", unit: "GB-seconds", monthlyQuantity: 13_140_000, monthlyCost: 43.799562 });
    expect(table(f)[0]).toEqual(["Requests", 1, 0.2]);
    expect(f.note).toMatch(/no free tier: the function has provisioned concurrency/);
  });

  it("is not priced when its function is not in the program, or arm64 outside us-east-1", () => {
    expect(one(record(T.pc, "orphan", { provisionedConcurrentExecutions: 1 }))).toMatchObject({ priced: "not-priced" });
    expect(price([fn, pc], [], "eu-west-1")[1]).toMatchObject({ priced: "not-priced", note: "no price for eu-west-1 (arm64 provisioned concurrency)" });
  });
});

describe("API Gateway", () => {
  it("REST: 400M requests = 333M × $3.50 + 67M × $2.80 = $1,165.50 + $187.60", () => {
    const r = one(record(T.rest, "api"), { monthly_requests: 400_000_000 });
    expect(table(r)).toEqual([
      ["Requests (first 333M)", 333, 1165.5],
      ["Requests (next 667M)", 67, 187.6],
    ]);
  });

  it("REST tiers count account-wide: a second API continues where the first stopped", () => {
    const [, b] = price([record(T.rest, "a"), record(T.rest, "b")], [{ match: { type: T.rest }, usage: { monthly_requests: 300_000_000 } }]);
    expect(table(b)).toEqual([
      ["Requests (first 333M)", 33, 115.5],
      ["Requests (next 667M)", 267, 747.6],
    ]);
  });

  it("stage cache: 0.5 GB × 730 h × $0.02 = $14.60; no cache is free; an unsourced size is not priced", () => {
    expect(one(record(T.stage, "prod", { cacheClusterEnabled: true, cacheClusterSize: "0.5" })).costComponents[0]).toMatchObject({ name: "Cache memory (0.5 GB)", monthlyQuantity: 730, monthlyCost: 14.6 });
    expect(one(record(T.stage, "prod"))).toMatchObject({ priced: "free" });
    expect(one(record(T.stage, "prod", { cacheClusterEnabled: true, cacheClusterSize: "6.1" }))).toMatchObject({ priced: "not-priced", note: "no price for us-east-1 (a 6.1 GB cache)" });
  });

  it("HTTP API: 350M requests of 600 KB bill as 700M: 300M × $1.00 + 400M × $0.90", () => {
    const r = one(record(T.v2, "http", { protocolType: "HTTP" }), { monthly_requests: 350_000_000, request_size_kb: 600 });
    expect(table(r)).toEqual([
      ["Requests (first 300M)", 300, 300],
      ["Requests (over 300M)", 400, 360],
    ]);
  });

  it("WebSocket: 1.5B messages = 1B × $1.00 + 0.5B × $0.80; 10M connection-minutes × $0.25/1M", () => {
    const r = one(record(T.v2, "ws", { protocolType: "WEBSOCKET" }), { monthly_messages: 1_500_000_000, monthly_connection_mins: 10_000_000 });
    expect(table(r)).toEqual([
      ["Messages (first 1B)", 1000, 1000],
      ["Messages (over 1B)", 500, 400],
      ["Connection duration", 10, 2.5],
    ]);
  });
});

describe("aws:sfn/stateMachine:StateMachine", () => {
  it("Standard: 4,000 transitions free, then 1,000K × $0.025 = $25", () => {
    const r = one(record(T.sfn, "flow"), { monthly_transitions: 1_004_000 });
    expect(table(r)).toEqual([
      ["Transitions (free tier, first 4K)", 4, 0],
      ["Transitions", 1000, 25],
    ]);
  });

  it("Standard in us-west-1 at $0.0279 per 1K", () => {
    expect(one(record(T.sfn, "flow"), { monthly_transitions: 104_000 }, "us-west-1").monthlyCost).toBe(2.79);
  });

  it("Express: 1M × 3.6 s × 128 MB = 125 GB-hours × $0.060012 + 1M requests × $1.00", () => {
    const r = one(record(T.sfn, "fast", { type: "EXPRESS" }), { monthly_requests: 1_000_000, workflow_duration_ms: 3600, memory_mb: 128 });
    expect(table(r)).toEqual([
      ["Requests", 1, 1],
      ["Duration (first 1K)", 125, 7.5015],
    ]);
  });

  it("Express is sourced for us-east-1 only", () => {
    expect(one(record(T.sfn, "fast", { type: "EXPRESS" }), {}, "us-west-1")).toMatchObject({ priced: "not-priced", note: "no price for us-west-1 (Express workflows)" });
  });
});

describe("aws:sns/topic:Topic", () => {
  const topic = record(T.topic, "alerts");
  const sub = (name: string, protocol: string) => record(T.sub, name, { protocol, endpoint: "x" }, { dependencies: [topic.urn] });

  it("counts the program's subscriptions: 600K publishes to 2 email + 1 SQS; 1.2M emails, 1K free, 11.99 × $2.00 per 100k", () => {
    const [r] = price([topic, sub("a", "email"), sub("b", "email"), sub("q", "sqs")], [{ match: { type: T.topic }, usage: { monthly_requests: 600_000 } }]);
    expect(table(r)).toEqual([
      ["API requests (free tier, first 1M)", 0.6, 0],
      ["API requests", 0, 0],
      ["Email notifications (free tier, first 1K)", 0.01, 0],
      ["Email notifications", 11.99, 23.98],
    ]);
    expect(r.note).toBe("1 SQS/Lambda subscription: delivered at no charge");
  });

  it("usage keys override the counts: 3M publishes, 2 HTTP endpoints; 2M × $0.50 and (6M − 100K) × $0.60 per 1M", () => {
    const r = one(topic, { monthly_requests: 3_000_000, http_subscriptions: 2 });
    expect(table(r)).toEqual([
      ["API requests (free tier, first 1M)", 1, 0],
      ["API requests", 2, 1],
      ["HTTP/S notifications (free tier, first 100K)", 0.1, 0],
      ["HTTP/S notifications", 5.9, 3.54],
    ]);
  });

  it("FIFO: 1M publishes of 1 KB to 2 SQS queues", () => {
    const fifo = record(T.topic, "orders.fifo", { fifoTopic: true });
    const subs = ["a", "b"].map((n) => record(T.sub, n, { protocol: "sqs" }, { dependencies: [fifo.urn] }));
    const [r] = price([fifo, ...subs], [{ match: { type: T.topic }, usage: { monthly_requests: 1_000_000, request_size_kb: 1 } }]);
    const gb = 1_000_000 / 1_048_576; // 0.953674316 GB published, twice that delivered
    expect(table(r)).toEqual([
      ["FIFO Publish API requests", 1, 0.3],
      ["FIFO Publish API payload", 0.953674316, expect.closeTo(gb * 0.017, 9)],
      ["FIFO notifications", 2, 0.02],
      ["FIFO notification payload", 1.907348633, expect.closeTo(2 * gb * 0.001, 9)],
    ]);
  });

  it("eu-west-1 holds publish prices only: a topic with email subscribers there is not priced", () => {
    expect(one(topic, { monthly_requests: 2_000_000 }, "eu-west-1").monthlyCost).toBe(0.5);
    expect(price([topic, sub("a", "email")], [], "eu-west-1")[0]).toMatchObject({ priced: "not-priced", note: "no price for eu-west-1 (email deliveries 100k)" });
  });

  it("without usage (our alert topic) the lines depend on usage", () => {
    const [r] = price([topic, sub("oncall", "email")]);
    expect(r.costComponents.map((c) => c.monthlyCost)).toEqual([null, null]);
    expect(r.monthlyCost).toBe(0);
  });
});

describe("secrets and keys", () => {
  it("Secrets Manager: $0.40 a secret + 100k API requests × $0.05 per 10k", () => {
    expect(table(one(record(T.secret, "db"), { monthly_requests: 100_000 }))).toEqual([
      ["Secret", 1, 0.4],
      ["API requests", 10, 0.5],
    ]);
  });

  it("a replica in a region without a price makes the secret not priced", () => {
    expect(one(record(T.secret, "db", { replicas: [{ region: "eu-west-1" }] }))).toMatchObject({ priced: "not-priced", note: "no price for eu-west-1 (secret replica)" });
  });

  it("KMS: $1 a key; symmetric requests after 20K free at $0.03 per 10k; asymmetric $0.15 per 10k", () => {
    expect(table(one(record(T.kms, "k"), { monthly_requests: 120_000 }))).toEqual([
      ["Customer master key", 1, 1],
      ["Requests (free tier, first 20K)", 2, 0],
      ["Requests", 10, 0.3],
    ]);
    expect(one(record(T.kms, "sign", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }), { monthly_requests: 10_000 }).monthlyCost).toBe(1.15);
  });
});

describe("aws:kinesis/stream:Stream", () => {
  it("provisioned: 2 shards × 730 h × $0.015 + 10M PUT units × $0.014/1M", () => {
    expect(table(one(record(T.stream, "events", { shardCount: 2 }), { monthly_provisioned_put_units: 10_000_000 }))).toEqual([
      ["Shard hours (provisioned)", 1460, 21.9],
      ["Put request unit", 10, 0.14],
    ]);
  });

  it("on-demand: 730 h × $0.04 + 100 GB in × $0.08 + 200 GB out × $0.04; retention past 24 h adds a line", () => {
    const r = one(record(T.stream, "events", { streamModeDetails: { streamMode: "ON_DEMAND" }, retentionPeriod: 48 }), { monthly_on_demand_data_in_gb: 100, monthly_on_demand_data_out_gb: 200, monthly_on_demand_extended_retention_gb: 50 });
    expect(table(r)).toEqual([
      ["Stream hours (on-demand)", 730, 29.2],
      ["Data ingested", 100, 8],
      ["Data retrieval", 200, 8],
      ["Extended retention (24H to 7D)", 50, 5],
    ]);
  });

  it("us-east-2 is priced at the same rates (the cited golden's region); eu-west-1 is not priced", () => {
    expect(one(record(T.stream, "events", { shardCount: 1 }), {}, "us-east-2").monthlyCost).toBe(10.95);
    expect(one(record(T.stream, "events", { shardCount: 1 }), {}, "eu-west-1").priced).toBe("not-priced");
  });
});

describe("aws:cloudwatch/eventBus:EventBus", () => {
  it("custom events: 5M × $1.00 per 1M", () => {
    expect(one(record(T.bus, "orders"), { monthly_custom_events: 5_000_000 }).monthlyCost).toBe(5);
  });
});

describe("serverless pieces AWS does not bill are free, with a reason", () => {
  it.each([
    "aws:lambda/permission:Permission",
    "aws:lambda/eventSourceMapping:EventSourceMapping",
    "aws:lambda/layerVersion:LayerVersion",
    "aws:lambda/functionUrl:FunctionUrl",
    "aws:apigateway/resource:Resource",
    "aws:apigateway/method:Method",
    "aws:apigateway/integration:Integration",
    "aws:apigateway/deployment:Deployment",
    "aws:apigateway/model:Model",
    "aws:apigateway/authorizer:Authorizer",
    "aws:apigatewayv2/route:Route",
    "aws:apigatewayv2/integration:Integration",
    "aws:apigatewayv2/stage:Stage",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:secretsmanager/secretVersion:SecretVersion",
    "aws:kms/alias:Alias",
    "aws:sns/topicSubscription:TopicSubscription",
  ])("%s", (type) => {
    const r = one(record(type, "x"));
    expect(r.priced).toBe("free");
    expect(r.note).toMatch(/free|included/);
  });
});
