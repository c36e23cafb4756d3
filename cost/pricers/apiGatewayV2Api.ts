/**
 * aws:apigatewayv2/api:Api — an HTTP API bills requests (each 512 KB of a request counts as
 * one; first 300M a month, then cheaper); a WebSocket API bills messages (each 32 KB counts as
 * one; first 1B, then cheaper) and connection minutes. Volume tiers count account-wide per
 * region. Routes, integrations and stages are free.
 */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { mul } from "../../model/money";
import { noPriceFor, per, pooledTierLines, usageLine } from "../lines";
import { apiGatewayPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface ApiV2Input {
  readonly region: string;
  /** "HTTP" or "WEBSOCKET" (required by the provider). */
  readonly protocolType?: string;
}

export function mapApiV2(record: ResourceRecord, ctx: MapContext): ApiV2Input {
  return { region: ctx.regionOf(record), protocolType: str(record.inputs.protocolType) };
}

/** Metering steps: HTTP API requests in 512 KB, WebSocket messages in 32 KB. */
const HTTP_REQUEST_STEP_KB = 512;
const WEBSOCKET_MESSAGE_STEP_KB = 32;

/** Billed units for `count` items of `sizeKb` each, metered in `stepKb` increments. */
function metered(count: number | undefined, sizeKb: number | undefined, stepKb: number): number | undefined {
  return count === undefined ? undefined : mul(count, Math.max(1, Math.ceil((sizeKb ?? stepKb) / stepKb)));
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const API_V2_USAGE = {
  monthly_requests: "HTTP API requests a month",
  request_size_kb: "KB per HTTP request (each 512 KB bills as one request)",
  monthly_messages: "WebSocket messages a month",
  message_size_kb: "KB per WebSocket message (each 32 KB bills as one message)",
  monthly_connection_mins: "WebSocket connection minutes a month",
} as const;

export const apiV2Pricer: Pricer<ApiV2Input, typeof API_V2_USAGE> = {
  type: "aws:apigatewayv2/api:Api",
  usageSchema: API_V2_USAGE,
  map: mapApiV2,
  price(input, usage, ctx) {
    const p = apiGatewayPrices(input.region);
    if (!p) return noPriceFor(input.region);
    if (input.protocolType === "HTTP") {
      const requests = metered(usage.monthly_requests, usage.request_size_kb, HTTP_REQUEST_STEP_KB);
      const names = ["Requests (first 300M)", "Requests (over 300M)"];
      return { costComponents: pooledTierLines(ctx.freeTier, `apigateway_http_requests:${input.region}`, (i) => names[i], "1M requests", per(requests, 1_000_000), p.http_tiers_1m_requests) };
    }
    if (input.protocolType === "WEBSOCKET") {
      const messages = metered(usage.monthly_messages, usage.message_size_kb, WEBSOCKET_MESSAGE_STEP_KB);
      const names = ["Messages (first 1B)", "Messages (over 1B)"];
      return {
        costComponents: [
          ...pooledTierLines(ctx.freeTier, `apigateway_websocket_messages:${input.region}`, (i) => names[i], "1M messages", per(messages, 1_000_000), p.websocket_messages_tiers_1m),
          usageLine("Connection duration", "1M connection-minutes", per(usage.monthly_connection_mins, 1_000_000), p.websocket_connection_minutes_1m),
        ],
      };
    }
    return { status: "not-priced", costComponents: [], note: `protocolType ${input.protocolType ?? "(unknown)"}: expected HTTP or WEBSOCKET` };
  },
};
