/** Load balancer security: HTTPS and TLS listeners use a TLS 1.2+ policy. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { configOf, isUnknown, show, validateTyped, type ConfigSchema, type ReportViolation } from "../util";
import { registerPolicy } from "../registry";

export interface AlbTlsConfig {
  readonly allowedPolicyPattern: string;
}

const ALB_SCHEMA: ConfigSchema = {
  properties: {
    allowedPolicyPattern: {
      type: "string",
      default: "^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)",
      description: "Regular expression the sslPolicy of HTTPS/TLS listeners must match (default: the TLS 1.2+ policies: TLS13-1-2/1-3, TLS-1-2, FS-1-2 families).",
    },
  },
};

function checkListener(listener: Record<string, unknown>, name: string, cfg: AlbTlsConfig, report: ReportViolation): void {
  if (listener.protocol !== "HTTPS" && listener.protocol !== "TLS") return;
  if (isUnknown(listener, "sslPolicy")) return;
  const policy = listener.sslPolicy;
  if (typeof policy !== "string" || !new RegExp(cfg.allowedPolicyPattern).test(policy)) {
    report(
      `Set sslPolicy of ${listener.protocol} listener ${name} to a TLS 1.2+ policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06" (matching ${cfg.allowedPolicyPattern}); it is ${policy === undefined ? 'not set (default "ELBSecurityPolicy-2016-08", which allows TLS 1.0)' : show(policy)}.`,
    );
  }
}

export const albTlsPolicy: ResourceValidationPolicy = registerPolicy("security", {
  name: "alb-tls-policy",
  description: "Load balancer HTTPS and TLS listeners use a TLS 1.2+ security policy; the provider's default (ELBSecurityPolicy-2016-08) allows TLS 1.0.",
  enforcementLevel: "mandatory",
  configSchema: ALB_SCHEMA,
  validateResource: [
    validateTyped(aws.lb.Listener, (l, args, report) => checkListener(l, args.name, configOf(ALB_SCHEMA, args), report)),
    validateTyped(aws.alb.Listener, (l, args, report) => checkListener(l, args.name, configOf(ALB_SCHEMA, args), report)),
  ],
});
