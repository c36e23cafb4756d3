import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CdnSpec } from "./cdnSpec";
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
 * public bucket). "static-api" adds an `/api/*` behaviour to the ALB with a short-TTL cache
 * policy keyed on Authorization and the query string; "edge" adds HTTP/3, a viewer-request
 * function that normalises the cache key and security response headers.
 */
export class Cdn extends pulumi.ComponentResource {
  readonly distribution: aws.cloudfront.Distribution;
  readonly assets: PrivateBucket;

  constructor(name: string, args: CdnArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("cutlist:cdn:Cdn", name, {}, opts);
    const { spec } = args;
    if (spec.mode === "none") throw new Error(`Cdn "${name}": mode "none" has no distribution; do not declare the component`);
    const child = { parent: this };
    const withApi = spec.mode === "static-api" || spec.mode === "edge";
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
    const edgeParts = edge ? this.edgeParts(name) : undefined;

    this.distribution = new aws.cloudfront.Distribution(name, {
      enabled: true,
      comment: `CutList ${spec.mode}`,
      priceClass: spec.priceClass,
      httpVersion: edge ? "http2and3" : "http2",
      isIpv6Enabled: true,
      defaultRootObject: "index.html",
      origins: origins(this.assets, oac, withApi ? { domain: args.apiOriginDomain!, https: args.apiOriginHttps ?? false } : undefined),
      ...cacheBehaviors(staticPolicy, apiPolicy, edgeParts),
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" },
    }, child);

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

  /** Edge mode: the cache-key normalising function and the security response headers. */
  private edgeParts(name: string): EdgeParts {
    const child = { parent: this };
    const normalize = new aws.cloudfront.Function(`${name}-normalize`, { runtime: "cloudfront-js-2.0", code: EDGE_NORMALIZE_CODE, publish: true, comment: "drop tracking query parameters" }, child);
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

/** What edge mode adds to every behaviour. */
interface EdgeParts {
  readonly normalize: aws.cloudfront.Function;
  readonly headers: aws.cloudfront.ResponseHeadersPolicy;
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

/** Assets by default; `/api/*` to the ALB when there is an API cache policy. */
function cacheBehaviors(staticPolicy: aws.cloudfront.CachePolicy, apiPolicy: aws.cloudfront.CachePolicy | undefined, edge: EdgeParts | undefined) {
  const functionAssociations = edge ? [{ eventType: "viewer-request", functionArn: edge.normalize.arn }] : undefined;
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
      functionAssociations,
    },
    orderedCacheBehaviors: apiPolicy ? [{
      pathPattern: "/api/*",
      targetOriginId: "api",
      viewerProtocolPolicy: "redirect-to-https",
      allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
      cachedMethods: ["GET", "HEAD"],
      compress: true,
      cachePolicyId: apiPolicy.id,
      originRequestPolicyId: MANAGED_ALL_VIEWER_EXCEPT_HOST,
      responseHeadersPolicyId,
      functionAssociations,
    }] : [],
  };
}
