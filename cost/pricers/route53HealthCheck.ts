/**
 * aws:route53/healthCheck:HealthCheck — a month per health check plus each optional feature
 * (HTTPS, string matching, fast interval, latency measurement). Priced as checking an AWS
 * endpoint, as Infracost does by default: a non-AWS endpoint costs more and the note says so.
 * Global: one price whatever the provider's region.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, num, str } from "../../model/read";
import { fixedLine } from "../lines";
import { ROUTE53 } from "../prices";
import type { CostComponent, Pricer } from "../types";

export interface HealthCheckInput {
  readonly optionalFeatures: number;
}

export function mapHealthCheck(record: ResourceRecord): HealthCheckInput {
  const i = record.inputs;
  const type = str(i.type) ?? "";
  let features = 0;
  if (type.startsWith("HTTPS")) features++;
  if (type.endsWith("STR_MATCH")) features++;
  if (num(i.requestInterval) === 10) features++; // fast interval
  if (bool(i.measureLatency)) features++;
  return { optionalFeatures: features };
}

export const healthCheckPricer: Pricer<HealthCheckInput> = {
  type: "aws:route53/healthCheck:HealthCheck",
  usageSchema: {},
  map: mapHealthCheck,
  price(input) {
    const lines: CostComponent[] = [fixedLine("Health check", "months", 1, ROUTE53.health_check_month_aws_endpoint)];
    if (input.optionalFeatures > 0) lines.push(fixedLine("Optional features", "months", input.optionalFeatures, ROUTE53.health_check_optional_feature_month_aws_endpoint));
    return {
      costComponents: lines,
      note: `priced as an AWS endpoint; a non-AWS endpoint costs $${ROUTE53.health_check_month_non_aws_endpoint} and $${ROUTE53.health_check_optional_feature_month_non_aws_endpoint} per optional feature`,
    };
  },
};
