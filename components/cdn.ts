import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CDN_PRICING_PLAN_TAG, type CdnSpec } from "./cdnSpec";
import { PrivateBucket, tlsOnlyStatement } from "./privateBucket";

/** AWS managed policies (ids are global constants in the CloudFront docs). */
export const MANAGED_ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** Viewer-request function for edge mode: drops tracking parameters so they don't split the cache. */
export const EDGE_NORMALIZE_CODE = `function handler(event) {
  var request = event.request;
  var qs = request.querystring;
  for (var key in qs) {
    if (key.indexOf("utm_") === 0 || key === "fbclid" || key === "gclid") delete qs[key];
  }
  return request;
}`;

/** The command that subscribes a distribution to a flat-rate plan (AWS CLI; us-east-1 is the service's endpoint). */
export function pricingPlanCommand(plan: string, distributionArn: string): string {
  return `aws pricing-plan-manager create-subscription --region us-east-1 --plan-family CloudFront --plan-tier ${plan.toUpperCase()} --resource-arns ${distributionArn}`;
}

export interface CdnArgs {
  /** The milestone's CDN mode and TTLs; must not be "none". */
  readonly spec: CdnSpec;
  /** ALB DNS name: the `/api/*` origin for "static-api" and "edge". */
  readonly apiOriginDomain?: pulumi.Input<string>;
  /** Whether the API origin serves HTTPS (an ALB certificate exists). Default false. */
  readonly apiOriginHttps?: boolean;
}

/**
 * CloudFront in front of a private S3 bucket of static assets (origin access control, no
 * public bucket). "static-api" adds API behaviours to the ALB with a short-TTL cache policy
 * keyed on Authorization and the query string: one for all of `/api/*`, or one per cacheable
 * path (the rest of the API reaches the ALB directly); "edge" adds HTTP/3 and security response
 * headers, and, where asked, a viewer-request function that normalises the cache key.
 */
export class Cdn extends pulumi.ComponentResource {
  readonly distribution: aws.cloudfront.Distribution;
  readonly assets: PrivateBucket;
  /** The command that subscribes the distribution to its flat-rate plan; undefined on pay as you go. */
  readonly pricingPlanCommand?: pulumi.Output<string>;

  constructor(name: string, args: CdnArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:cdn:Cdn", name, {}, opts);
    const { spec } = args;
    if (spec.mode === "none") throw new Error(`Cdn "${name}": mode "none" has no distribution; do not declare the component`);
    const child = { parent: this };
    const withApi = (spec.mode === "static-api" || spec.mode === "edge") && spec.apiRouting !== "none";
    const edge = spec.mode === "edge";
    if (withApi && !args.apiOriginDomain) throw new Error(`Cdn "${name}": mode "${spec.mode}" needs apiOriginDomain (the ALB)`);

    const oac = new aws.cloudfront.OriginAccessControl(name, {
      originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4", description: "CloudFront to the assets bucket",
    }, child);
    const staticPolicy = this.staticCachePolicy(name, spec);
    // The bucket policy names the distribution, which needs the bucket: this component writes it.
    // Assets are uploaded by every deploy: rebuildable, so no `protect` needed in prod.
    this.assets = new PrivateBucket(`${name}-assets`, { versioning: true, noncurrentVersionExpirationDays: 7, ownPolicy: false, rebuildable: true }, child);
    const apiPolicy = withApi ? this.apiCachePolicy(name, spec) : undefined;
    const edgeParts = edge ? this.edgeParts(name, spec.edgeFunction) : undefined;
    const apiPaths = spec.apiRouting === "cacheable" ? spec.cacheableApiPaths : ["/api/*"];

    this.distribution = new aws.cloudfront.Distribution(name, {
      enabled: true,
      comment: `CutList ${spec.mode}`,
      priceClass: spec.priceClass,
      httpVersion: edge ? "http2and3" : "http2",
      isIpv6Enabled: true,
      defaultRootObject: "index.html",
      origins: origins(this.assets, oac, withApi ? { domain: args.apiOriginDomain!, https: args.apiOriginHttps ?? false } : undefined),
      ...cacheBehaviors(staticPolicy, apiPolicy ? { policy: apiPolicy, paths: apiPaths, readOnly: spec.apiRouting === "cacheable" } : undefined, edgeParts),
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" },
      ...(spec.pricingPlan !== "pay-as-you-go" ? { tags: { [CDN_PRICING_PLAN_TAG]: spec.pricingPlan } } : {}),
    }, child);
    if (spec.pricingPlan !== "pay-as-you-go") this.pricingPlanCommand = this.distribution.arn.apply((arn) => pricingPlanCommand(spec.pricingPlan, arn));

    this.assetsBucketPolicy(name);
    this.registerOutputs({ domainName: this.distribution.domainName });
  }

  /** Static assets: long TTL, nothing from the request in the key. */
  private staticCachePolicy(name: string, spec: CdnSpec): aws.cloudfront.CachePolicy {
    return new aws.cloudfront.CachePolicy(`${name}-static`, {
      comment: "static assets",
      minTtl: 0, defaultTtl: spec.staticTtlSeconds, maxTtl: Math.max(spec.staticTtlSeconds, 31_536_000),
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" }, headersConfig: { headerBehavior: "none" }, queryStringsConfig: { queryStringBehavior: "none" },
        enableAcceptEncodingGzip: true, enableAcceptEncodingBrotli: true,
      },
    }, { parent: this });
  }

  /** The API: short TTL, keyed per user and query. */
  private apiCachePolicy(name: string, spec: CdnSpec): aws.cloudfront.CachePolicy {
    return new aws.cloudfront.CachePolicy(`${name}-api`, {
      comment: "API: short TTL, per user and query",
      minTtl: 0, defaultTtl: spec.apiTtlSeconds, maxTtl: spec.apiTtlSeconds * 2,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        // Authorization in the key: one user's response is never served to another.
        headersConfig: { headerBehavior: "whitelist", headers: { items: ["Authorization"] } },
        queryStringsConfig: { queryStringBehavior: "all" },
        enableAcceptEncodingGzip: true, enableAcceptEncodingBrotli: true,
      },
    }, { parent: this });
  }

  /** Edge mode: the security response headers and, where asked, the cache-key normalising function. */
  private edgeParts(name: string, withFunction: boolean): EdgeParts {
    const child = { parent: this };
    const normalize = withFunction
      ? new aws.cloudfront.Function(`${name}-normalize`, { runtime: "cloudfront-js-2.0", code: EDGE_NORMALIZE_CODE, publish: true, comment: "drop tracking query parameters" }, child)
      : undefined;
    const headers = new aws.cloudfront.ResponseHeadersPolicy(`${name}-security`, {
      comment: "security headers at the edge",
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 31_536_000, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
      },
    }, child);
    return { normalize, headers };
  }

  /** CloudFront may read the assets, and only this distribution. */
  private assetsBucketPolicy(name: string): void {
    const bucket = this.assets.bucket;
    new aws.s3.BucketPolicy(`${name}-assets-cloudfront`, {
      bucket: bucket.id,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          tlsOnlyStatement(bucket),
          {
            Sid: "CloudFrontRead", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject",
            Resource: pulumi.interpolate`${bucket.arn}/*`,
            Condition: { StringEquals: { "AWS:SourceArn": this.distribution.arn } },
          },
        ],
      }),
    }, { parent: this, dependsOn: [this.assets] });
  }
}

/** What edge mode adds: security headers on every behaviour, the function on the API ones. */
interface EdgeParts {
  readonly normalize?: aws.cloudfront.Function;
  readonly headers: aws.cloudfront.ResponseHeadersPolicy;
}

/** The API behaviours: their cache policy, path patterns, and whether only reads go through CloudFront. */
interface ApiBehaviours {
  readonly policy: aws.cloudfront.CachePolicy;
  readonly paths: readonly string[];
  readonly readOnly: boolean;
}

/** The private assets bucket (through origin access control) and, with an API, the ALB. */
function origins(
  assets: PrivateBucket,
  oac: aws.cloudfront.OriginAccessControl,
  api: { readonly domain: pulumi.Input<string>; readonly https: boolean } | undefined,
): aws.types.input.cloudfront.DistributionOrigin[] {
  return [
    { originId: "assets", domainName: assets.bucket.bucketRegionalDomainName, originAccessControlId: oac.id },
    ...(api ? [{
      originId: "api",
      domainName: api.domain,
      customOriginConfig: {
        httpPort: 80, httpsPort: 443,
        originProtocolPolicy: api.https ? "https-only" : "http-only",
        originSslProtocols: ["TLSv1.2"],
      },
    }] : []),
  ];
}

/**
 * Assets by default; the API paths to the ALB when CloudFront carries the API. The normalising
 * function runs only on the API behaviours: static assets have no query strings worth
 * normalising, and every invocation is billed.
 */
function cacheBehaviors(staticPolicy: aws.cloudfront.CachePolicy, api: ApiBehaviours | undefined, edge: EdgeParts | undefined) {
  const functionAssociations = edge?.normalize ? [{ eventType: "viewer-request", functionArn: edge.normalize.arn }] : undefined;
  const responseHeadersPolicyId = edge?.headers.id;
  return {
    defaultCacheBehavior: {
      targetOriginId: "assets",
      viewerProtocolPolicy: "redirect-to-https",
      allowedMethods: ["GET", "HEAD", "OPTIONS"],
      cachedMethods: ["GET", "HEAD"],
      compress: true,
      cachePolicyId: staticPolicy.id,
      responseHeadersPolicyId,
    },
    orderedCacheBehaviors: (api?.paths ?? []).map((pathPattern) => ({
      pathPattern,
      targetOriginId: "api",
      viewerProtocolPolicy: "redirect-to-https",
      // Cacheable paths are reads; with all of /api/* behind CloudFront, writes pass through too.
      allowedMethods: api!.readOnly ? ["GET", "HEAD", "OPTIONS"] : ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
      cachedMethods: ["GET", "HEAD"],
      compress: true,
      cachePolicyId: api!.policy.id,
      originRequestPolicyId: MANAGED_ALL_VIEWER_EXCEPT_HOST,
      responseHeadersPolicyId,
      functionAssociations,
    })),
  };
}
