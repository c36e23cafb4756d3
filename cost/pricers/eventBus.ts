/**
 * aws:cloudwatch/eventBus:EventBus — a custom (or partner) event bus: the bus is free, the
 * events published to it are billed per million from usage. Events AWS services send to the
 * default bus, and the rules and targets that route them, cost nothing.
 */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import { noPriceFor, per, usageLine } from "../lines";
import { eventBridgePrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface EventBusInput {
  readonly region: string;
  /** A partner event source's bus receives third-party events. */
  readonly partner: boolean;
}

export function mapEventBus(record: ResourceRecord, ctx: MapContext): EventBusInput {
  return { region: ctx.regionOf(record), partner: str(record.inputs.eventSourceName) !== undefined };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const EVENT_BUS_USAGE = {
  monthly_custom_events: "custom events published a month (each 64 KB counts as one)",
  monthly_third_party_events: "partner (SaaS) events received a month",
} as const;

export const eventBusPricer: Pricer<EventBusInput, typeof EVENT_BUS_USAGE> = {
  type: "aws:cloudwatch/eventBus:EventBus",
  usageSchema: EVENT_BUS_USAGE,
  map: mapEventBus,
  price(input, usage) {
    const p = eventBridgePrices(input.region);
    if (!p) return noPriceFor(input.region);
    return {
      costComponents: input.partner
        ? [usageLine("Third-party events", "1M events", per(usage.monthly_third_party_events, 1_000_000), p.partner_events_1m)]
        : [usageLine("Custom events", "1M events", per(usage.monthly_custom_events, 1_000_000), p.custom_events_1m)],
    };
  },
};
