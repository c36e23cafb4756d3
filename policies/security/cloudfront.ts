/** CloudFront security: HTTPS to viewers with a modern minimum TLS, a custom certificate, HTTPS to custom origins. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, configOf, isUnknown, show, truthy, validateTyped, type ConfigSchema } from "../util";
import { aws } from "../aws";
import { registerPolicy } from "../registry";

const HTTPS_VIEWER_POLICIES = new Set(["redirect-to-https", "https-only"]);

export interface CloudfrontTlsConfig {
  readonly minimumProtocolVersions: string[];
}

const CLOUDFRONT_SCHEMA: ConfigSchema = {
  properties: {
    minimumProtocolVersions: {
      type: "array",
      items: { type: "string" },
      default: ["TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
      description: "Security policies (viewerCertificate.minimumProtocolVersion) accepted with a custom certificate.",
    },
  },
};

export const cloudfrontHttpsOnly: ResourceValidationPolicy = registerPolicy("security", {
  name: "cloudfront-https-only",
  description: "CloudFront distributions redirect viewers to HTTPS (or accept HTTPS only) on every cache behaviour, and with a custom certificate require a modern minimum TLS (TLS 1.2+).",
  enforcementLevel: "mandatory",
  configSchema: CLOUDFRONT_SCHEMA,
  validateResource: validateTyped(aws.cloudfront.Distribution, (dist, args, report) => {
    const cfg = configOf<CloudfrontTlsConfig>(CLOUDFRONT_SCHEMA, args);
    const behaviours: [string, Record<string, unknown> | undefined][] = [
      ["defaultCacheBehavior", asObject(dist.defaultCacheBehavior)],
      ...asArray(dist.orderedCacheBehaviors).map((b, i): [string, Record<string, unknown> | undefined] => [`orderedCacheBehaviors[${i}] (${show(asObject(b)?.pathPattern)})`, asObject(b)]),
    ];
    for (const [where, b] of behaviours) {
      if (!b || ("viewerProtocolPolicy" in b && b.viewerProtocolPolicy === undefined)) continue;
      if (!HTTPS_VIEWER_POLICIES.has(String(b.viewerProtocolPolicy))) {
        report(`Set viewerProtocolPolicy to "redirect-to-https" on ${where} of distribution ${args.name}; it is ${show(b.viewerProtocolPolicy)}.`);
      }
    }
    const cert = asObject(dist.viewerCertificate);
    if (!cert || truthy(cert.cloudfrontDefaultCertificate) === true) return; // see cloudfront-custom-certificate
    if (isUnknown(cert, "minimumProtocolVersion")) return;
    const version = cert.minimumProtocolVersion;
    if (typeof version !== "string" || !cfg.minimumProtocolVersions.includes(version)) {
      report(`Set viewerCertificate.minimumProtocolVersion of distribution ${args.name} to one of ${cfg.minimumProtocolVersions.join(", ")}; it is ${version === undefined ? 'not set (default "TLSv1")' : show(version)}.`);
    }
  }),
});

export const cloudfrontCustomCertificate: ResourceValidationPolicy = registerPolicy("security", {
  name: "cloudfront-custom-certificate",
  description: "CloudFront distributions use a custom certificate: with the default *.cloudfront.net certificate CloudFront negotiates down to TLSv1 whatever minimumProtocolVersion says.",
  enforcementLevel: "advisory",
  validateResource: validateTyped(aws.cloudfront.Distribution, (dist, args, report) => {
    const cert = asObject(dist.viewerCertificate);
    if (cert && truthy(cert.cloudfrontDefaultCertificate) === true) {
      report(
        `Serve distribution ${args.name} with a custom certificate (viewerCertificate.acmCertificateArn) so its minimum TLS applies; it uses the default *.cloudfront.net certificate, which accepts TLSv1` +
          (typeof cert.minimumProtocolVersion === "string" ? ` (minimumProtocolVersion ${show(cert.minimumProtocolVersion)} is ignored).` : "."),
      );
    }
  }),
});

export const cloudfrontOriginHttps: ResourceValidationPolicy = registerPolicy("security", {
  name: "cloudfront-origin-https",
  description: "CloudFront reaches custom origins (the ALB behind /api/*) over HTTPS only, so requests and responses are not plain text between the edge and AWS; needs a certificate on the origin.",
  enforcementLevel: "advisory",
  validateResource: validateTyped(aws.cloudfront.Distribution, (dist, args, report) => {
    if (!Array.isArray(dist.origins)) return;
    for (const origin of dist.origins) {
      const o = asObject(origin);
      const custom = asObject(o?.customOriginConfig);
      if (!o || !custom || isUnknown(custom, "originProtocolPolicy")) continue;
      if (custom.originProtocolPolicy !== "https-only") {
        report(
          `Set customOriginConfig.originProtocolPolicy to "https-only" on origin ${show(o.originId)} of distribution ${args.name} (with a certificate on the origin, e.g. cutlist:certificateArn for the ALB); it is ${show(custom.originProtocolPolicy)}.`,
        );
      }
    }
  }),
});
