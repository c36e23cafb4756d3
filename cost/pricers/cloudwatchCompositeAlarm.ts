/** aws:cloudwatch/compositeAlarm:CompositeAlarm — a flat monthly price per composite alarm. */
import type { ResourceRecord } from "../../model/records";
import { fixedLine, noPriceFor } from "../lines";
import { cloudwatchPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface CompositeAlarmInput {
  readonly region: string;
}

export function mapCompositeAlarm(record: ResourceRecord, ctx: MapContext): CompositeAlarmInput {
  return { region: ctx.regionOf(record) };
}

export const compositeAlarmPricer: Pricer<CompositeAlarmInput> = {
  type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  usageSchema: {},
  map: mapCompositeAlarm,
  price(input) {
    const cw = cloudwatchPrices(input.region);
    if (!cw) return noPriceFor(input.region);
    return { costComponents: [fixedLine("Composite alarm", "alarms", 1, cw.composite_alarm_month)] };
  },
};
