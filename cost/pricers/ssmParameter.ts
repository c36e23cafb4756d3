/**
 * aws:ssm/parameter:Parameter — Standard parameters (the default tier) are free; Advanced
 * parameters bill a monthly charge and API interactions that the price files do not hold.
 */
import type { ResourceRecord } from "../../model/records";
import { str } from "../../model/read";
import type { Pricer } from "../types";

export interface SsmParameterInput {
  /** "Standard" (the provider default), "Advanced" or "Intelligent-Tiering". */
  readonly tier: string;
}

export function mapSsmParameter(record: ResourceRecord): SsmParameterInput {
  return { tier: str(record.inputs.tier) ?? "Standard" };
}

export const ssmParameterPricer: Pricer<SsmParameterInput> = {
  type: "aws:ssm/parameter:Parameter",
  usageSchema: {},
  map: mapSsmParameter,
  price(input) {
    if (input.tier === "Advanced") return { status: "not-priced", costComponents: [], note: "Advanced parameters bill per parameter-month; no sourced price" };
    // Intelligent-Tiering picks Standard unless a parameter needs Advanced features (size over 4 KB, policies).
    return { status: "free", costComponents: [], note: input.tier === "Standard" ? "Standard parameters are free" : "Intelligent-Tiering stays on the free Standard tier unless the parameter needs Advanced features" };
  },
};
