// Infra tests: every server-rendered page family (core/paths.ts SERVER_PAGE_FAMILIES) reaches the API function through
// CloudFront, as the local server routes it (core/paths.ts isServerPage); the session cookie reaches the function only
// where no cache can keep what it answers; and the distribution stays inside CloudFront's behaviour quota.
import { Template } from 'aws-cdk-lib/assertions';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PAGES,
  MESSAGE_PAGES,
  NETWORK_PAGES,
  OPERATOR_PAGES,
  SERVER_PAGES,
  SERVER_PAGE_FAMILIES,
  eventPagePaths,
  invitationPath,
  isServerPage,
} from '#functions/core/paths.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import { staticPages } from '#web/routes.ts';
import { CLOUDFRONT_BEHAVIOUR_QUOTA, familyPattern, patternMatches, serverPageBehaviours } from '#infra/server-pages.ts';
import { only, removeTempDirs, synthesize, type Json } from './support.ts';

let resources: Json;
let config: Json;

beforeAll(() => {
  const app = Template.fromStack(synthesize().stateless);
  resources = app.toJSON().Resources;
  config = only(app, 'AWS::CloudFront::Distribution').resource.Properties.DistributionConfig;
});
afterAll(removeTempDirs);

const behaviours = (): Json[] => config.CacheBehaviors;
/** The behaviour CloudFront uses for a path: the first whose pattern matches, else the default. */
const behaviourFor = (path: string): Json => behaviours().find((b) => patternMatches(b.PathPattern, path)) ?? config.DefaultCacheBehavior;
const apiOriginId = () => behaviours().find((b) => b.PathPattern === '/api/*')!.TargetOriginId;
const requestPolicy = (b: Json): Json | undefined => (b.OriginRequestPolicyId ? resources[b.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig : undefined);
const cachePolicy = (b: Json): Json | undefined =>
  b.CachePolicyId?.Ref ? resources[b.CachePolicyId.Ref].Properties.CachePolicyConfig : undefined;
const uncached = (b: Json) => b.CachePolicyId === CachePolicy.CACHING_DISABLED.cachePolicyId;
const forwardsSession = (b: Json) => requestPolicy(b)?.CookiesConfig.Cookies?.includes(SESSION_COOKIE) === true;

/** Each family as itself and below it, and every named page in it. */
const familyPaths = [
  ...SERVER_PAGE_FAMILIES.flatMap((family) => [family, `${family}/`, `${family}/x`, `${family}/x/y`]),
  ...Object.values(ACCOUNT_PAGES),
  NETWORK_PAGES.directory,
  NETWORK_PAGES.create,
  NETWORK_PAGES.page('manchester-nlpn'),
  NETWORK_PAGES.manage('manchester-nlpn'),
  `${NETWORK_PAGES.manage('manchester-nlpn')}/team`,
  invitationPath('k7f3q9x2mn'),
  OPERATOR_PAGES.home,
];
/** What a person types for each static page (web/routes.ts), parameters filled in. */
const staticPaths = staticPages.map((p) => p.path.replace(/:[a-z]+/g, 'k7f3q9x2mn'));

describe('server page families', () => {
  it.each(familyPaths)('%s goes to the API function, at CloudFront and on the local server', (path) => {
    expect(isServerPage(path)).toBe(true);
    expect(behaviourFor(path).TargetOriginId).toBe(apiOriginId());
  });

  it('each family is one pattern covering itself and everything under it', () => {
    const patterns = behaviours().map((b) => b.PathPattern);
    for (const family of SERVER_PAGE_FAMILIES) expect(patterns).toContain(familyPattern(family));
  });

  it.each(staticPaths)('the static page %s still comes from the bucket', (path) => {
    expect(isServerPage(path)).toBe(false);
    expect(behaviourFor(path)).toBe(config.DefaultCacheBehavior);
  });

  it('answers nothing but the server pages from the API among paths near them', () => {
    for (const path of ['/my-calendar', '/manage/k7f3q9x2mn', '/about', '/assets/app.js']) expect(behaviourFor(path).TargetOriginId).not.toBe(apiOriginId());
  });
});

describe('caching and the session cookie', () => {
  it.each(['/sign-in', '/sign-in/link', '/sign-out', '/me', '/me/x', invitationPath('k7f3q9x2mn'), '/operator', '/operator/reports', '/api/session', '/new', NETWORK_PAGES.create, NETWORK_PAGES.manage('libcamp'), `${NETWORK_PAGES.manage('libcamp')}/invite`, eventPagePaths.rsvp('abc123'), eventPagePaths.cancelMine('abc123'), eventPagePaths.report('abc123'),
    // Under a meetup, what acts for someone: the team's pages (the session) and the pages an email's token opens.
    eventPagePaths.checkIn('abc123'), MESSAGE_PAGES.meetup('abc123'), `${MESSAGE_PAGES.meetup('abc123')}/preview`,
    eventPagePaths.stillComing('abc123', 'k7f3q9x2mn'), `${eventPagePaths.stillComing('abc123', 'k7f3q9x2mn')}/back`,
    eventPagePaths.feedback('abc123', 'r'.repeat(26))])(
    '%s is never cached, takes every method and gets the session cookie, Content-Type, Origin and the viewer address',
    (path) => {
      const b = behaviourFor(path);
      expect(b.TargetOriginId).toBe(apiOriginId());
      expect(uncached(b)).toBe(true);
      expect(b.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
      const forwarded = requestPolicy(b)!;
      expect(forwarded.CookiesConfig).toEqual({ CookieBehavior: 'whitelist', Cookies: [SESSION_COOKIE] });
      expect(forwarded.HeadersConfig.Headers).toEqual(expect.arrayContaining(['Content-Type', 'Origin', 'CloudFront-Viewer-Address']));
      expect(forwarded.QueryStringsConfig.QueryStringBehavior).toBe('all');
    },
  );

  it('keeps the public network pages only as long as the origin says: min and default TTL 0, at most 5 minutes', () => {
    for (const path of [NETWORK_PAGES.directory, NETWORK_PAGES.page('uklibchat')]) {
      const b = behaviourFor(path);
      expect(b.PathPattern).toBe(familyPattern(NETWORK_PAGES.directory));
      const policy = cachePolicy(b)!;
      // MinTTL 0 makes CloudFront honour the origin's private / no-store; DefaultTTL 0 keeps an answer that says nothing.
      expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 300 });
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
      });
      // Forwarded for the team's posts under /networks/<slug>/, never keyed on.
      expect(requestPolicy(b)!.CookiesConfig).toEqual({ CookieBehavior: 'whitelist', Cookies: [SESSION_COOKIE] });
      expect(b.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    }
  });

  it('caches the event pages and the home page keyed on nothing of the viewer, and sends them no cookie', () => {
    for (const path of ['/', '/events/abc123/library-camp', eventPagePaths.add('abc123', 'google')]) {
      const b = behaviourFor(path);
      expect(b.TargetOriginId).toBe(apiOriginId());
      expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
      expect(b.OriginRequestPolicyId).toBeUndefined();
      expect(cachePolicy(b)!.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    }
  });

  it('puts no cookie in any cache key, forwards none but the session, and that only where nothing is kept unasked', () => {
    for (const policy of Object.values(resources).filter((r: Json) => r.Type === 'AWS::CloudFront::CachePolicy')) {
      expect((policy as Json).Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    }
    for (const policy of Object.values(resources).filter((r: Json) => r.Type === 'AWS::CloudFront::OriginRequestPolicy')) {
      const cookies = (policy as Json).Properties.OriginRequestPolicyConfig.CookiesConfig;
      expect([{ CookieBehavior: 'none' }, { CookieBehavior: 'whitelist', Cookies: [SESSION_COOKIE] }]).toContainEqual(cookies);
    }
    const withSession = behaviours().filter(forwardsSession);
    expect(withSession.length).toBeGreaterThan(0);
    for (const b of withSession) {
      if (uncached(b)) continue;
      expect({ path: b.PathPattern, ...cachePolicy(b) }).toMatchObject({ path: b.PathPattern, MinTTL: 0, DefaultTTL: 0 });
    }
  });
});

describe('the distribution', () => {
  it(`has its behaviours in this order, within CloudFront's default quota of ${CLOUDFRONT_BEHAVIOUR_QUOTA}`, () => {
    const patterns = behaviours().map((b) => b.PathPattern);
    expect(patterns).toEqual([
      '/api/openapi.json',
      '/api/*',
      ...SERVER_PAGES,
      '/events/*/rsvp*',
      '/events/*/report',
      '/events/*/check-in*',
      '/events/*/messages*',
      '/events/*/still-coming/*',
      '/events/*/feedback/*',
      '/events/*',
      '/networks/new',
      '/networks/*/manage*',
      '/sign-in*',
      '/sign-out*',
      '/me*',
      '/networks*',
      '/invitations*',
      '/operator*',
      '/follows*',
      '/calendar/me/*',
      '/calendar.ics',
      '/calendar/*',
    ]);
    expect(patterns).toEqual(expect.arrayContaining(serverPageBehaviours.map((b) => b.pattern)));
    expect(patterns.length).toBeLessThanOrEqual(CLOUDFRONT_BEHAVIOUR_QUOTA);
  });

  it('matches CloudFront path patterns as CloudFront does', () => {
    expect(patternMatches('/networks*', '/networks')).toBe(true);
    expect(patternMatches('/networks*', '/networks/a/b')).toBe(true);
    expect(patternMatches('/networks*', '/network')).toBe(false);
    expect(patternMatches('/events/*/rsvp*', '/events/abc/rsvp/cancel')).toBe(true);
    expect(patternMatches('/events/*/rsvp*', '/events/abc/library-camp')).toBe(false);
    expect(patternMatches('/calendar.ics', '/calendarxics')).toBe(false);
  });
});
