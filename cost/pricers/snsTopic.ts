/**
 * aws:sns/topic:Topic — publish requests from usage (each 64 KB of a payload counts as one;
 * the first 1M a month free, account-wide) and the notifications they fan out to the topic's
 * subscriptions, by protocol (HTTP/S first 100k free, email first 1k free; SQS and Lambda
 * deliveries free). Subscriptions are counted from the program (its TopicSubscription records
 * that depend on the topic); the `*_subscriptions` usage keys override the count. A FIFO topic
 * bills publishes and deliveries with their payload GB.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, str } from "../../model/read";
import { div, mul } from "../../model/money";
import { noPriceFor, per, unknownQuantityLine, usageLine, withFreeTierPer } from "../lines";
import { snsPrices, type SnsPrices } from "../prices";
import type { CostComponent, FreeTierPool, MapContext, Pricer, ResourceUsage } from "../types";

export const TOPIC_SUBSCRIPTION_TYPE = "aws:sns/topicSubscription:TopicSubscription";

/** Subscriptions by the delivery kinds SNS prices differently. */
export interface SubscriptionCounts {
  readonly http: number;
  readonly email: number;
  readonly firehose: number;
  readonly mobilePush: number;
  readonly sms: number;
  /** SQS and Lambda: delivered at no charge. */
  readonly free: number;
}

export interface TopicInput {
  readonly region: string;
  readonly fifo: boolean;
  readonly subscriptions: SubscriptionCounts;
}

/** SNS protocol → the kind it is priced as. */
function kindOf(protocol: string | undefined): keyof SubscriptionCounts | undefined {
  switch (protocol) {
    case "http":
    case "https":
      return "http";
    case "email":
    case "email-json":
      return "email";
    case "firehose":
      return "firehose";
    case "application":
      return "mobilePush";
    case "sms":
      return "sms";
    case "sqs":
    case "lambda":
      return "free";
    default:
      return undefined;
  }
}

export function mapTopic(record: ResourceRecord, ctx: MapContext): TopicInput {
  const counts = { http: 0, email: 0, firehose: 0, mobilePush: 0, sms: 0, free: 0 };
  for (const sub of ctx.dependentsOfType(record, TOPIC_SUBSCRIPTION_TYPE)) {
    const kind = kindOf(str(sub.inputs.protocol));
    if (kind) counts[kind]++;
  }
  return { region: ctx.regionOf(record), fifo: bool(record.inputs.fifoTopic) ?? false, subscriptions: counts };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const TOPIC_USAGE = {
  monthly_requests: "publish requests a month",
  request_size_kb: "KB per published message (default 64; each 64 KB counts as one request)",
  http_subscriptions: "HTTP/S subscriptions (default: counted from the program)",
  email_subscriptions: "email subscriptions (default: counted from the program)",
  kinesis_subscriptions: "Kinesis Data Firehose subscriptions (default: counted from the program)",
  mobile_push_subscriptions: "mobile push subscriptions (default: counted from the program)",
  sms_subscriptions: "SMS subscriptions (default: counted from the program)",
} as const;

const REQUEST_CHUNK_KB = 64;

type FullSnsPrices = Required<SnsPrices>;

/** Subscriptions by kind: the usage keys override what the program declares. */
function subscriptionsOf(input: TopicInput, usage: ResourceUsage): SubscriptionCounts {
  const s = input.subscriptions;
  return {
    http: usage.http_subscriptions ?? s.http,
    email: usage.email_subscriptions ?? s.email,
    firehose: usage.kinesis_subscriptions ?? s.firehose,
    mobilePush: usage.mobile_push_subscriptions ?? s.mobilePush,
    sms: usage.sms_subscriptions ?? s.sms,
    free: s.free,
  };
}

/** The price fields a topic needs; a region's block may lack some (eu-west-1 has publish prices only). */
function neededPrices(fifo: boolean, subs: SubscriptionCounts): (keyof SnsPrices)[] {
  if (fifo) return ["fifo_publish_1m_requests", "fifo_publish_payload_gb", "fifo_deliveries_1m", "fifo_delivery_payload_gb"];
  const keys: (keyof SnsPrices)[] = ["publish_1m_requests", "free_publish_requests_per_month"];
  if (subs.http > 0) keys.push("http_deliveries_1m", "free_http_deliveries_per_month");
  if (subs.email > 0) keys.push("email_deliveries_100k", "free_email_deliveries_per_month");
  if (subs.firehose > 0) keys.push("firehose_deliveries_1m");
  if (subs.mobilePush > 0) keys.push("mobile_push_deliveries_1m");
  return keys;
}

function standardLines(subs: SubscriptionCounts, usage: ResourceUsage, p: FullSnsPrices, pool: FreeTierPool): CostComponent[] {
  const published = usage.monthly_requests;
  const chunks = Math.max(1, Math.ceil((usage.request_size_kb ?? REQUEST_CHUNK_KB) / REQUEST_CHUNK_KB));
  const lines = withFreeTierPer(pool, { key: "sns_requests", total: p.free_publish_requests_per_month, name: "API requests (free tier, first 1M)" }, "API requests", "1M requests", 1_000_000, published === undefined ? undefined : mul(published, chunks), p.publish_1m_requests);
  const deliveries = (n: number) => (published === undefined ? undefined : mul(published, n));
  if (subs.http > 0) {
    lines.push(...withFreeTierPer(pool, { key: "sns_http_deliveries", total: p.free_http_deliveries_per_month, name: "HTTP/S notifications (free tier, first 100K)" }, "HTTP/S notifications", "1M notifications", 1_000_000, deliveries(subs.http), p.http_deliveries_1m));
  }
  if (subs.email > 0) {
    lines.push(...withFreeTierPer(pool, { key: "sns_email_deliveries", total: p.free_email_deliveries_per_month, name: "Email notifications (free tier, first 1K)" }, "Email notifications", "100k notifications", 100_000, deliveries(subs.email), p.email_deliveries_100k));
  }
  if (subs.firehose > 0) lines.push(usageLine("Kinesis Data Firehose notifications", "1M notifications", per(deliveries(subs.firehose), 1_000_000), p.firehose_deliveries_1m));
  if (subs.mobilePush > 0) lines.push(usageLine("Mobile push notifications", "1M notifications", per(deliveries(subs.mobilePush), 1_000_000), p.mobile_push_deliveries_1m));
  if (subs.sms > 0) lines.push(unknownQuantityLine("SMS notifications", "notifications", 0, "SMS is priced per destination country; not sourced"));
  return lines;
}

function fifoLines(s: SubscriptionCounts, usage: ResourceUsage, p: FullSnsPrices): CostComponent[] {
  const published = usage.monthly_requests;
  const size = usage.request_size_kb;
  const gb = (n: number | undefined) => (n === undefined || size === undefined ? undefined : div(mul(n, size), 1024 * 1024));
  const fanOut = s.http + s.email + s.firehose + s.mobilePush + s.sms + s.free;
  const delivered = published === undefined ? undefined : mul(published, fanOut);
  return [
    usageLine("FIFO Publish API requests", "1M requests", per(published, 1_000_000), p.fifo_publish_1m_requests),
    usageLine("FIFO Publish API payload", "GB", gb(published), p.fifo_publish_payload_gb),
    usageLine("FIFO notifications", "1M notifications", per(delivered, 1_000_000), p.fifo_deliveries_1m),
    usageLine("FIFO notification payload", "GB", gb(delivered), p.fifo_delivery_payload_gb),
  ];
}

export const topicPricer: Pricer<TopicInput, typeof TOPIC_USAGE> = {
  type: "aws:sns/topic:Topic",
  usageSchema: TOPIC_USAGE,
  map: mapTopic,
  price(input, usage, ctx) {
    const p = snsPrices(input.region);
    if (!p) return noPriceFor(input.region);
    const subs = subscriptionsOf(input, usage);
    const missing = neededPrices(input.fifo, subs).filter((k) => p[k] === undefined);
    if (missing.length > 0) return noPriceFor(input.region, missing.join(", ").replace(/_/g, " "));
    const full = p as FullSnsPrices;
    const lines = input.fifo ? fifoLines(subs, usage, full) : standardLines(subs, usage, full, ctx.freeTier);
    return { costComponents: lines, note: subs.free > 0 ? `${subs.free} SQS/Lambda subscription${subs.free === 1 ? "" : "s"}: delivered at no charge` : undefined };
  },
};
