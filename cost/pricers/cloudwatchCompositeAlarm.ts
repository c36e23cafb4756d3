/** aws:cloudwatch/compositeAlarm:CompositeAlarm — a flat monthly price per composite alarm. */
import type { ResourceRecord } from "../../model/records";
import { fixedLine } from "../lines";
import { PRICES } from "../prices";
import type { Pricer } from "../types";

export type CompositeAlarmInput = Record<string, never>;

export function mapCompositeAlarm(_record: ResourceRecord): CompositeAlarmInput {
  return {};
}

export const compositeAlarmPricer: Pricer<CompositeAlarmInput> = {
  type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  usageSchema: {},
  map: mapCompositeAlarm,
  price: () => ({ costComponents: [fixedLine("Composite alarm", "alarms", 1, PRICES.cloudwatch.composite_alarm_month)] }),
};
