// Infra, stateless: the site's private bucket, the built web pages in it, and the CloudFront distribution in front of
// the bucket and the API. Routing comes from web/routes.ts (static pages) and infra/server-pages.ts (server pages),
// headers from functions/http/security-headers.ts.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { NOT_FOUND_PAGE, staticPages } from '#web/routes.ts';
import type { InfraConfig } from './config.ts';
import {
  eventPagesCachePolicyProps,
  feedCachePolicyProps,
  homePageCachePolicyProps,
  networkPagesCachePolicyProps,
  personalFeedRequestPolicyProps,
  sessionRequestPolicyProps,
} from './cache-policies.ts';
import { serverPageBehaviours, type PageCaching } from './server-pages.ts';
import { NOT_FOUND_METADATA, viewerRequestCode, viewerResponseCode } from './edge-routing.ts';
import { responseHeadersPolicyProps } from './security-headers-policy.ts';
import { API_PREFIX, FEEDS, behaviour } from '#functions/core/paths.ts';

export interface SiteProps {
  config: Pick<InfraConfig, 'domainName' | 'certificateArn'>;
  /** Directory holding the built web front end (web/build.ts output). */
  webDir: string;
  /** Host name of the API origin. */
  apiDomainName: string;
  /** ARN of a CLOUDFRONT-scope WAF web ACL (EdgeStack, with signpost:wafRateLimit); unset, no WAF. */
  webAclId?: string;
}

/** Pages and entry scripts keep their names across deploys (only chunks are hashed), so browsers hold them briefly. */
export const siteCacheControl = {
  pages: 'public, max-age=60, s-maxage=86400',
  assets: 'public, max-age=300, s-maxage=86400',
} as const;

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    requireBuiltPages(props.webDir);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Only built files live here; every deploy writes them again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', responseHeadersPolicyProps());
    const edge = (name: string, code: string, comment: string) =>
      new EdgeFunction(this, name, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0, comment });

    const apiOrigin = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const toApi = (overrides: Partial<BehaviorOptions>): BehaviorOptions => ({
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: headers,
      compress: true,
      ...overrides,
    });

    // What the API needs from a request that changes something: the client IP (rate limits), Content-Type, Origin, the
    // query, and the session cookie alone (cache-policies.ts sessionRequestPolicyProps says why that is safe).
    const sessionRequests = new OriginRequestPolicy(this, 'ApiRequests', sessionRequestPolicyProps);
    /** Never cached, every method: a POST must reach the function with its Content-Type and the session. */
    const uncachedApi = toApi({ allowedMethods: AllowedMethods.ALLOW_ALL, cachePolicy: CachePolicy.CACHING_DISABLED, originRequestPolicy: sessionRequests });

    // The server-rendered pages (infra/server-pages.ts, from core/paths.ts), each by how it may be cached.
    const pageBehaviours: Record<PageCaching, BehaviorOptions> = {
      home: toApi({ allowedMethods: AllowedMethods.ALLOW_GET_HEAD, cachePolicy: new CachePolicy(this, 'HomePage', homePageCachePolicyProps) }),
      event: toApi({ allowedMethods: AllowedMethods.ALLOW_GET_HEAD, cachePolicy: new CachePolicy(this, 'EventPages', eventPagesCachePolicyProps) }),
      uncached: uncachedApi,
      origin: toApi({
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: new CachePolicy(this, 'NetworkPages', networkPagesCachePolicyProps),
        originRequestPolicy: sessionRequests,
      }),
    };

    const publicFeeds = toApi({
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: new CachePolicy(this, 'Feeds', feedCachePolicyProps),
    });

    const staticFiles: BehaviorOptions = {
      origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      compress: true,
      functionAssociations: [
        {
          eventType: FunctionEventType.VIEWER_REQUEST,
          function: edge('PageRouter', viewerRequestCode(), 'Maps page paths to built files (web/routes.ts)'),
        },
        {
          eventType: FunctionEventType.VIEWER_RESPONSE,
          function: edge('NotFoundStatus', viewerResponseCode(), 'Answers the not-found page with 404'),
        },
      ],
    };

    const { domainName, certificateArn } = props.config;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Signpost site and API',
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.webAclId ? { webAclId: props.webAclId } : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(domainName && certificateArn
        ? {
            domainNames: [domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: staticFiles,
      additionalBehaviors: {
        // Static files the web build puts under /api/ (the OpenAPI document) come from the bucket; listed first to win.
        ...Object.fromEntries(staticApiPaths(props.webDir).map((path) => [path, staticFiles])),
        [behaviour(API_PREFIX)]: uncachedApi,
        // The server pages: the home page, the listing form, the event pages and their forms, sign-in, "your meetups",
        // the network pages, invitations, the operators' pages (infra/server-pages.ts says how each is cached).
        ...Object.fromEntries(serverPageBehaviours.map(({ pattern, caching }) => [pattern, pageBehaviours[caching]])),
        // Calendar feeds (the feeds function, through the API's HTTP API). Personal feeds first, so they win over /calendar/*.
        [behaviour(FEEDS.personal)]: toApi({
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: new OriginRequestPolicy(this, 'PersonalFeedRequests', personalFeedRequestPolicyProps),
        }),
        [FEEDS.whole]: publicFeeds,
        [behaviour(FEEDS.under)]: publicFeeds,
      },
    });

    this.deployPages(props.webDir);
    this.acknowledgeFindings(Boolean(certificateArn), Boolean(props.webAclId));
  }

  /** cdk-nag findings on the site that are accepted, each with its reason. */
  private acknowledgeFindings(customCertificate: boolean, waf: boolean): void {
    const bucket = Validations.of(this.bucket);
    const distribution = Validations.of(this.distribution);
    bucket.acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket only holds the built site and is read only by CloudFront; object access logs would add nothing.',
    });
    distribution.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A public community site: anyone, anywhere may read meetups. There is no country to block.',
    });
    if (!waf) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF (a fixed monthly cost for a free service): API Gateway stage throttling and the app\'s per-IP and per-address limits guard the API. signpost:wafRateLimit adds one.',
      });
    }
    distribution.acknowledge({
      id: 'AwsSolutions-CFR3',
      reason: 'No per-visitor access logs by design: Signpost keeps no record of who read what. CloudFront metrics cover traffic.',
    });
    if (!customCertificate) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'Without signpost:domainName the *.cloudfront.net certificate is used, whose TLS policy CloudFront fixes. A custom domain gets TLSv1.2_2021.',
      });
    }
  }

  /** Assets first, then the pages that use them, then one invalidation; the not-found page carries its status. */
  private deployPages(webDir: string): void {
    const bucket = this.bucket;
    const assetsDir = join(webDir, 'assets');
    const assets = existsSync(assetsDir)
      ? new BucketDeployment(this, 'DeployAssets', {
          sources: [Source.asset(assetsDir)],
          destinationBucket: bucket,
          destinationKeyPrefix: 'assets/',
          cacheControl: [CacheControl.fromString(siteCacheControl.assets)],
          // Keep last deploy's chunks: a browser holding an old entry script still imports them for a few minutes.
          prune: false,
        })
      : undefined;
    const notFound = new BucketDeployment(this, 'DeployNotFoundPage', {
      sources: [Source.asset(webDir, { exclude: ['*', `!${NOT_FOUND_PAGE}`] })],
      destinationBucket: bucket,
      metadata: NOT_FOUND_METADATA,
      cacheControl: [CacheControl.fromString(siteCacheControl.pages)],
      prune: false,
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      sources: [Source.asset(webDir, { exclude: ['assets', NOT_FOUND_PAGE] })],
      destinationBucket: bucket,
      // Excluded keys are neither uploaded nor pruned: they belong to the other two deployments.
      exclude: ['assets/*', NOT_FOUND_PAGE],
      cacheControl: [CacheControl.fromString(siteCacheControl.pages)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    if (assets) notFound.node.addDependency(assets);
    pages.node.addDependency(notFound);
  }
}

/** URL paths of the built files under /api/, which the API origin does not serve. */
function staticApiPaths(webDir: string): string[] {
  const dir = join(webDir, 'api');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(webDir, join(entry.parentPath, entry.name)).split('\\').join('/')}`)
    .sort();
}

function requireBuiltPages(webDir: string): void {
  const missing = [...staticPages.map((p) => p.file), NOT_FOUND_PAGE].filter((file) => !existsSync(join(webDir, file)));
  if (missing.length) {
    throw new Error(`The built web front end in ${webDir} lacks ${missing.join(', ')}. Run \`npm run build:web\` first.`);
  }
}
