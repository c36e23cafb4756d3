/** aws:cloudwatch/dashboard:Dashboard — a monthly price per dashboard; the first 3 are free (account-wide). */
import type { ResourceRecord } from "../../model/records";
import { fixedLine, freeLine, noPriceFor } from "../lines";
import { cloudwatchPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface DashboardInput {
  readonly region: string;
}

export function mapDashboard(record: ResourceRecord, ctx: MapContext): DashboardInput {
  return { region: ctx.regionOf(record) };
}

export const dashboardPricer: Pricer<DashboardInput> = {
  type: "aws:cloudwatch/dashboard:Dashboard",
  usageSchema: {},
  map: mapDashboard,
  price(input, _usage, ctx) {
    const cw = cloudwatchPrices(input.region);
    if (!cw) return noPriceFor(input.region);
    const covered = ctx.freeTier.take("cloudwatch_dashboards", cw.free_dashboards, 1);
    return {
      costComponents: [
        freeLine("Dashboard (free tier, first 3)", "months", covered, false),
        fixedLine("Dashboard", "months", 1 - covered, cw.dashboard_month),
      ],
    };
  },
};
