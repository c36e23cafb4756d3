/**
 * aws:fis/experimentTemplate:ExperimentTemplate — a template costs nothing until it runs;
 * each run bills every action for the minutes it runs. Runs per month come from usage.
 */
import type { ResourceRecord } from "../../model/records";
import { arr, obj, str } from "../../model/read";
import { noPriceFor, usageLine } from "../lines";
import { mul } from "../../model/money";
import { fisPrices } from "../prices";
import type { MapContext, Pricer } from "../types";

export interface ExperimentTemplateInput {
  readonly region: string;
  readonly actions: number;
  /**
   * Minutes of all actions in one run: each action's `duration` (or `maxDuration`, its upper
   * bound, for automation actions), 1 for a one-shot action; undefined when any is unknown.
   */
  readonly actionMinutesPerRun?: number;
}

/**
 * Actions that act once and finish within seconds; counted as one action-minute, an upper
 * bound (FIS bills each action's run time rounded to the nearest minute).
 */
export const ONE_SHOT_ACTIONS: ReadonlySet<string> = new Set([
  "aws:ec2:terminate-instances",
  "aws:ec2:reboot-instances",
  "aws:rds:reboot-db-instances",
  "aws:rds:failover-db-cluster",
]);

/** ISO 8601 durations as FIS writes them ("PT5M", "PT1H30M", "PT90S"), in minutes. */
export function isoDurationMinutes(value: string | undefined): number | undefined {
  const m = value ? /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value) : null;
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
}

export function mapExperimentTemplate(record: ResourceRecord, ctx: MapContext): ExperimentTemplateInput {
  // The provider takes `actions` as a list of {name, actionId, parameters: [{key, value}] | {…}}.
  const actions = (arr(record.inputs.actions) ?? Object.values(obj(record.inputs.actions) ?? {})).map(obj);
  const durations = actions.map((a) => {
    const params = a?.parameters;
    const list = arr(params)?.map(obj) ?? Object.entries(obj(params) ?? {}).map(([key, value]) => ({ key, value }));
    const param = (key: string) => isoDurationMinutes(str(list.find((p) => str(p?.key) === key)?.value));
    return param("duration") ?? param("maxDuration") ?? (ONE_SHOT_ACTIONS.has(str(a?.actionId) ?? "") ? 1 : undefined);
  });
  const known = durations.every((d) => d !== undefined);
  return { region: ctx.regionOf(record), actions: actions.length, actionMinutesPerRun: known && actions.length > 0 ? durations.reduce((a, b) => (a ?? 0) + (b ?? 0), 0) : undefined };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const EXPERIMENT_TEMPLATE_USAGE = {
  monthly_experiment_runs: "experiment runs a month",
  action_minutes_per_run: "action-minutes per run where the actions carry no duration",
} as const;

export const experimentTemplatePricer: Pricer<ExperimentTemplateInput, typeof EXPERIMENT_TEMPLATE_USAGE> = {
  type: "aws:fis/experimentTemplate:ExperimentTemplate",
  usageSchema: EXPERIMENT_TEMPLATE_USAGE,
  map: mapExperimentTemplate,
  /** Usage: `monthly_experiment_runs`; `action_minutes_per_run` when the actions carry no duration. */
  price(input, usage) {
    const fis = fisPrices(input.region);
    if (!fis) return noPriceFor(input.region);
    const minutes = input.actionMinutesPerRun ?? usage.action_minutes_per_run;
    const runs = usage.monthly_experiment_runs;
    const quantity = minutes === undefined || runs === undefined ? undefined : mul(minutes, runs);
    return {
      costComponents: [usageLine("Action minutes", "action-minutes", quantity, fis.action_minute)],
      note: `${input.actions} action${input.actions === 1 ? "" : "s"} per run`,
    };
  },
};
