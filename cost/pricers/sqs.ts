/**
 * aws:sqs/queue:Queue — requests from usage (each 64 KB chunk of a payload counts as one),
 * after the first 1M requests a month free (account-wide), standard or FIFO price.
 */
import type { ResourceRecord } from "../../model/records";
import { bool } from "../../model/read";
import { noPriceFor, usageLine, withFreeTier } from "../lines";
import { div, mul } from "../../model/money";
import { sqsPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface QueueInput {
  readonly region: string;
  /** Default false (standard queue). */
  readonly fifo: boolean;
}

export function mapQueue(record: ResourceRecord, ctx: MapContext): QueueInput {
  return { region: ctx.regionOf(record), fifo: bool(record.inputs.fifoQueue) ?? false };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const QUEUE_USAGE = {
  monthly_requests: "requests a month (send, receive, delete, empty receives)",
  request_size_kb: "KB per request (default 64; each 64 KB chunk bills as one request)",
} as const;

export const queuePricer: Pricer<QueueInput, typeof QUEUE_USAGE> = {
  type: "aws:sqs/queue:Queue",
  usageSchema: QUEUE_USAGE,
  map: mapQueue,
  /** Usage: `monthly_requests` (send + receive + delete + empty receives), `request_size_kb` (default 64). */
  price(input, usage, ctx) {
    const sqs = sqsPrices(input.region);
    if (!sqs) return noPriceFor(input.region);
    const price = input.fifo ? sqs.fifo_1m_requests : sqs.standard_1m_requests;
    const name = `Requests (${input.fifo ? "FIFO" : "standard"})`;
    if (usage.monthly_requests === undefined) return { costComponents: [usageLine(name, "1M requests", undefined, price)] };
    const chunks = Math.max(1, Math.ceil((usage.request_size_kb ?? sqs.request_chunk_kb) / sqs.request_chunk_kb));
    const requests = mul(usage.monthly_requests, chunks);
    const [free, paid] = withFreeTier(ctx.freeTier, { key: "sqs_requests", total: sqs.free_requests_per_month, name: "Requests (free tier, first 1M)" }, name, "requests", requests, price);
    return {
      costComponents: [
        { ...free, unit: "1M requests", monthlyQuantity: div(free.monthlyQuantity ?? 0, 1_000_000) },
        usageLine(name, "1M requests", div(paid.monthlyQuantity ?? 0, 1_000_000), price),
      ],
    };
  },
};
