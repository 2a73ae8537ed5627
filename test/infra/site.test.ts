// Infra tests: the site bucket and its deployments, CloudFront (routes, cache policies, headers) and the stack outputs.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '#functions/http/security-headers.ts';
import { NOT_FOUND_PAGE, staticPages } from '#web/routes.ts';
import { SERVER_PAGES } from '#functions/core/paths.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import { HOME_QUERY_PARAMS } from '#views/home-page.ts';
import { distributionSiteUrl, only, removeTempDirs, synthesize, type Json } from './support.ts';

let app: Template;
let resources: Json;
let config: Json;

beforeAll(() => {
  app = Template.fromStack(synthesize().stateless);
  resources = app.toJSON().Resources;
  config = only(app, 'AWS::CloudFront::Distribution').resource.Properties.DistributionConfig;
});
afterAll(removeTempDirs);

const behaviour = (path: string): Json => config.CacheBehaviors.find((b: Json) => b.PathPattern === path);
const allBehaviours = (): Json[] => [config.DefaultCacheBehavior, ...config.CacheBehaviors];

describe('site bucket', () => {
  it('is private, encrypted and refuses plain HTTP', () => {
    app.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    app.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('gets assets, then the not-found page (marked for its 404), then the pages and one invalidation', () => {
    const deployments = Object.entries(app.findResources('Custom::CDKBucketDeployment'));
    const named = (name: string) => deployments.find(([id]) => id.startsWith(`Site${name}`))!;
    const [assetsId, assets] = named('DeployAssets');
    const [notFoundId, notFound] = named('DeployNotFoundPage');
    const [, pages] = named('DeployPages');
    expect(assets.Properties).toMatchObject({
      DestinationBucketKeyPrefix: 'assets/',
      Prune: false,
      SystemMetadata: { 'cache-control': expect.stringMatching(/^public, max-age=\d+/) },
    });
    expect(notFound.Properties.UserMetadata).toEqual({ 'signpost-status': '404' });
    expect(notFound.DependsOn).toContain(assetsId);
    expect(pages.Properties).toMatchObject({ Exclude: ['assets/*', NOT_FOUND_PAGE], DistributionPaths: ['/*'] });
    expect(pages.DependsOn).toContain(notFoundId);
  });
});

describe('CloudFront', () => {
  it('redirects HTTP to HTTPS everywhere, uses price class 100 and replaces no error answers', () => {
    for (const b of allBehaviours()) expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.PriceClass).toBe('PriceClass_100');
    // Custom error responses apply to the whole distribution: they would replace the API's JSON 403/404 answers too.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('serves the bucket through origin access control, routing pages with the generated functions', () => {
    const s3 = config.Origins.find((o: Json) => o.S3OriginConfig);
    expect(s3.OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior).toMatchObject({ TargetOriginId: s3.Id, CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId });
    const associations: Json[] = config.DefaultCacheBehavior.FunctionAssociations;
    expect(associations.map((f) => f.EventType)).toEqual(['viewer-request', 'viewer-response']);

    const router = resources[associations[0]!.FunctionARN['Fn::GetAtt'][0]].Properties;
    expect(router.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    for (const page of staticPages) {
      expect(router.FunctionCode).toContain(page.pattern.toString());
      expect(router.FunctionCode).toContain(`"/${page.file}"`);
    }
  });

  it('serves the static API document from the bucket, ahead of /api/*', () => {
    const paths = config.CacheBehaviors.map((b: Json) => b.PathPattern);
    expect(paths.indexOf('/api/openapi.json')).toBeLessThan(paths.indexOf('/api/*'));
    const { PathPattern: _, ...doc } = behaviour('/api/openapi.json');
    expect(doc).toEqual(config.DefaultCacheBehavior);
  });

  it('never caches /api/*, allows every method and forwards the viewer address but not Host', () => {
    const api = behaviour('/api/*');
    expect(api.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
    const forwarded = resources[api.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig;
    expect(forwarded.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(forwarded.HeadersConfig.Headers).toContain('CloudFront-Viewer-Address');
    expect(forwarded.HeadersConfig.Headers.map((h: string) => h.toLowerCase())).not.toContain('host');
    // The session cookie, and no other: signed-in scripts (/api/session) and token-less calls act as the person.
    expect(forwarded.CookiesConfig).toEqual({ CookieBehavior: 'whitelist', Cookies: [SESSION_COOKIE] });
  });

  it('caches /events/* pages from the same origin briefly, keyed on and forwarding nothing viewer-specific', () => {
    const pages = behaviour('/events/*');
    expect(pages.TargetOriginId).toBe(behaviour('/api/*').TargetOriginId);
    expect(pages.OriginRequestPolicyId).toBeUndefined();
    const policy = resources[pages.CachePolicyId.Ref].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ DefaultTTL: 60, MinTTL: 0 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    });
  });

  it('sends the server pages to the API: the home page cached briefly per search and filter, the listing form never', () => {
    for (const path of SERVER_PAGES) expect(behaviour(path)?.TargetOriginId).toBe(behaviour('/api/*').TargetOriginId);
    const home = behaviour('/');
    expect(home).toMatchObject({ AllowedMethods: ['GET', 'HEAD'], Compress: true });
    expect(home.OriginRequestPolicyId).toBeUndefined();
    const policy = resources[home.CachePolicyId.Ref].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ DefaultTTL: 60, MinTTL: 0 });
    const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key).toMatchObject({ HeadersConfig: { HeaderBehavior: 'none' }, CookiesConfig: { CookieBehavior: 'none' } });
    expect(key.QueryStringsConfig.QueryStringBehavior).toBe('whitelist');
    expect([...key.QueryStringsConfig.QueryStrings].sort()).toEqual([...HOME_QUERY_PARAMS].sort());
    expect(key.QueryStringsConfig.QueryStrings).toEqual(expect.arrayContaining(['q', 'network', 'tag', 'format', 'when', 'from', 'to', 'cursor']));

    // A plain HTML form POSTs to /new: every method reaches the function, uncached, with its Content-Type and the viewer's address.
    const form = behaviour('/new');
    expect(form.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(form.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    const forwarded = resources[form.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig;
    expect(forwarded.HeadersConfig.Headers).toEqual(expect.arrayContaining(['Content-Type', 'CloudFront-Viewer-Address', 'Origin']));
    // Signed in, the form offers your networks: the session cookie reaches it.
    expect(forwarded.CookiesConfig).toEqual({ CookieBehavior: 'whitelist', Cookies: [SESSION_COOKIE] });
  });

  it('sends the calendar feeds to the API origin, GET and HEAD only, personal feeds ahead of /calendar/*', () => {
    const paths: string[] = config.CacheBehaviors.map((b: Json) => b.PathPattern);
    expect(paths).toEqual(expect.arrayContaining(['/calendar.ics', '/calendar/me/*', '/calendar/*']));
    expect(paths.indexOf('/calendar/me/*')).toBeLessThan(paths.indexOf('/calendar/*'));
    for (const path of ['/calendar.ics', '/calendar/me/*', '/calendar/*']) {
      expect(behaviour(path)).toMatchObject({ TargetOriginId: behaviour('/api/*').TargetOriginId, AllowedMethods: ['GET', 'HEAD'], Compress: true });
    }
  });

  it("caches public feeds for the origin's max-age (bounded 0 s to 1 h), keyed on ?alarm= and the normalised encoding only", () => {
    const [all, scoped] = [behaviour('/calendar.ics'), behaviour('/calendar/*')];
    expect(all.CachePolicyId).toEqual(scoped.CachePolicyId);
    expect(all.OriginRequestPolicyId).toBeUndefined();
    expect(scoped.OriginRequestPolicyId).toBeUndefined();
    const policy = resources[all.CachePolicyId.Ref].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 300, MaxTTL: 3600 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['alarm'] },
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
    });
  });

  it('never caches personal feeds, and forwards the viewer\'s conditional and encoding headers (not Host, no cookies)', () => {
    const personal = behaviour('/calendar/me/*');
    expect(personal.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    const forwarded = resources[personal.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig;
    // Every viewer header but Host: that includes If-None-Match, If-Modified-Since and Accept-Encoding, which an
    // allow list cannot carry (Accept-Encoding is refused there).
    expect(forwarded.HeadersConfig).toEqual({ HeaderBehavior: 'allExcept', Headers: ['Host'] });
    expect(forwarded.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(forwarded.QueryStringsConfig).toEqual({ QueryStringBehavior: 'whitelist', QueryStrings: ['alarm'] });
  });

  it('reaches the HTTP API endpoint over HTTPS (TLS 1.2) only', () => {
    const origin = config.Origins.find((o: Json) => o.Id === behaviour('/api/*').TargetOriginId);
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(origin.DomainName).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [only(app, 'AWS::ApiGatewayV2::Api').id, 'ApiEndpoint'] }] }],
    });
  });

  it("adds the app's own security headers (functions/http/security-headers.ts) to every behaviour", () => {
    const ids = new Set(allBehaviours().map((b) => JSON.stringify(b.ResponseHeadersPolicyId)));
    expect(ids.size).toBe(1);
    const policy = resources[config.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
    expect(policy.SecurityHeadersConfig).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: contentSecurityPolicy, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Preload: false, Override: true },
    });
    expect(policy.CustomHeadersConfig.Items).toEqual([{ Header: 'Permissions-Policy', Value: securityHeaders['Permissions-Policy'], Override: true }]);
  });
});

describe('outputs', () => {
  it('name the site, the distribution, the API, the table and the mail dead-letter queue', () => {
    const outputs = app.toJSON().Outputs;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['SiteUrl', 'DistributionDomain', 'ApiUrl', 'TableName', 'MailDeadLetterQueue']));
    expect(outputs.SiteUrl.Value).toEqual(distributionSiteUrl(app));
  });
});
