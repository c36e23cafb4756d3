/** aws:cloudwatch/dashboard:Dashboard — a monthly price per dashboard; the first 3 are free (account-wide). */
import type { ResourceRecord } from "../../model/records";
import { fixedLine, freeLine } from "../lines";
import { PRICES } from "../prices";
import type { Pricer } from "../types";

export type DashboardInput = Record<string, never>;

export function mapDashboard(_record: ResourceRecord): DashboardInput {
  return {};
}

export const dashboardPricer: Pricer<DashboardInput> = {
  type: "aws:cloudwatch/dashboard:Dashboard",
  usageSchema: {},
  map: mapDashboard,
  price(_input, _usage, ctx) {
    const cw = PRICES.cloudwatch;
    const covered = ctx.freeTier.take("cloudwatch_dashboards", cw.free_dashboards, 1);
    return {
      costComponents: [
        freeLine("Dashboard (free tier, first 3)", "months", covered, false),
        fixedLine("Dashboard", "months", 1 - covered, cw.dashboard_month),
      ],
    };
  },
};
