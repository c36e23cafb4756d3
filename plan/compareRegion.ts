/**
 * `--compare-region <r>`: the plan's head priced as if the same program were deployed in
 * another region (the seed's "multi-region evaluation"): the stack's `aws:region` and every
 * explicit AWS provider's region become `r`, usage stays the same. A resource the cited price
 * data does not cover in `r` is "not priced: no price for r", never priced at another
 * region's rate, so the comparison says what it leaves out.
 */
import { estimate, type Estimate, type UsageProfile } from "../cost";
import { DEFAULT_REGION } from "../cost/prices";
import { sub } from "../model/money";
import type { Recording } from "../model/records";

export interface RegionComparison {
  /** Where the plan priced the program (the stack's aws:region, else us-east-1). */
  readonly here: string;
  readonly region: string;
  readonly estimate: Estimate;
  /** Its expected cost minus the plan's head, USD a month. */
  readonly monthlyDelta: number;
  /** Resources priced here but not there (no price data for the region). */
  readonly notPricedThere: readonly { readonly name: string; readonly type: string }[];
}

/** The recording moved to `region`: its config and every explicit AWS provider. */
export function inRegion(rec: Recording, region: string): Recording {
  return {
    ...rec,
    config: { ...rec.config, "aws:region": region },
    resources: rec.resources.map((r) => (r.type === "pulumi:providers:aws" ? { ...r, inputs: { ...r.inputs, region } } : r)),
  };
}

export function compareRegion(head: Recording, profile: UsageProfile, headEstimate: Estimate, region: string): RegionComparison {
  const there = estimate(inRegion(head, region), profile);
  const pricedHere = new Set(headEstimate.resources.filter((r) => r.priced !== "not-priced").map((r) => r.urn));
  const notPricedThere = there.resources.filter((r) => r.priced === "not-priced" && pricedHere.has(r.urn)).map((r) => ({ name: r.name, type: r.type }));
  return {
    here: head.config["aws:region"] || DEFAULT_REGION,
    region,
    estimate: there,
    monthlyDelta: sub(there.totalMonthlyCost, headEstimate.totalMonthlyCost),
    notPricedThere,
  };
}
