// Infra: what CloudFront caches and forwards for the API origin. /api/*, the listing form (/new), the event pages' form
// posts, sign-in, "your meetups", invitations and the operators' pages are never cached; /events/* pages, the home page
// (/) and the public calendar feeds briefly; the network pages as long as their own Cache-Control says; personal feeds
// never. The session cookie reaches the function only where no cache keeps what it answers (sessionRequestPolicyProps).
import { Duration } from 'aws-cdk-lib';
import {
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestQueryStringBehavior,
  type CachePolicyProps,
  type OriginRequestPolicyProps,
} from 'aws-cdk-lib/aws-cloudfront';
import { HOME_QUERY_PARAMS } from '#views/home-page.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';

/**
 * What /api/* requests, the pages that may act as the signed-in person and their form posts carry to API Gateway. An
 * allow list rather than "all viewer headers except Host", because only an allow list can add CloudFront-Viewer-Address:
 * the app takes the client IP (for rate limits) from it. Origin, for the app's cross-site check (http/origin.ts).
 *
 * One cookie, the session (core/viewer.ts SESSION_COOKIE), and no other: an origin request policy forwards it without
 * putting it in any cache key. Every behaviour using this policy either caches nothing (CACHING_DISABLED) or caches only
 * what the origin marks public (networkPagesCachePolicyProps), and a page that reads the cookie answers
 * `Cache-Control: private, no-store`, so no cached page ever holds what one person's session saw.
 */
export const sessionRequestPolicyProps: OriginRequestPolicyProps = {
  comment: 'Signpost API and session pages: the headers the app reads, the viewer address, and the session cookie only',
  headerBehavior: OriginRequestHeaderBehavior.allowList(
    'Accept',
    'Accept-Language',
    'Content-Type',
    'Origin',
    'User-Agent',
    'CloudFront-Viewer-Address',
  ),
  queryStringBehavior: OriginRequestQueryStringBehavior.all(),
  cookieBehavior: OriginRequestCookieBehavior.allowList(SESSION_COOKIE),
};

/**
 * The network pages (/networks*: the directory, each network's page, creating one, its manage page, team and
 * invitation posts). One behaviour serves them all, and the origin's Cache-Control decides what is kept: the minimum
 * TTL is 0, so CloudFront honours `private` and `no-store` and keeps nothing so marked; the default TTL is 0, so an
 * answer without Cache-Control is not kept either; only an answer that says `public, max-age=…` (the directory and a
 * network's public page, which read no cookie) is shared, for at most maxTtl. The pages that read the session (creating
 * a network, the manage page) answer `private, no-store`, and also have uncached behaviours of their own in front of
 * this one (infra/site.ts), so a page that forgot to say so is still never shared. The session cookie is forwarded by
 * sessionRequestPolicyProps, never keyed on: a signed-in visitor and a stranger share the public pages. The key holds
 * every query parameter (the directory's search and filters; the pages under it read their own).
 */
export const networkPagesCachePolicyProps: CachePolicyProps = {
  comment: 'Signpost network pages: kept only as long as the origin says (public pages briefly, session pages never)',
  minTtl: Duration.seconds(0),
  defaultTtl: Duration.seconds(0),
  maxTtl: Duration.minutes(5),
  headerBehavior: CacheHeaderBehavior.none(),
  queryStringBehavior: CacheQueryStringBehavior.all(),
  cookieBehavior: CacheCookieBehavior.none(),
  enableAcceptEncodingGzip: true,
  enableAcceptEncodingBrotli: true,
};

/** Server-rendered event pages: the same for everyone, so nothing from the viewer is forwarded or keyed on. */
export const eventPagesCachePolicyProps: CachePolicyProps = {
  comment: 'Signpost event pages: short TTL, nothing viewer-specific',
  defaultTtl: Duration.seconds(60),
  minTtl: Duration.seconds(0),
  maxTtl: Duration.minutes(5),
  headerBehavior: CacheHeaderBehavior.none(),
  queryStringBehavior: CacheQueryStringBehavior.none(),
  cookieBehavior: CacheCookieBehavior.none(),
  enableAcceptEncodingGzip: true,
  enableAcceptEncodingBrotli: true,
};

/**
 * The home page, rendered by the API: the same for everyone who asks for the same filters, so cached like event pages
 * and keyed on the query parameters it reads (search, filters, page cursor), which alone reach the function. Others
 * (utm_source and the like) neither split the cache nor reach it.
 */
export const homePageCachePolicyProps: CachePolicyProps = {
  comment: 'Signpost home page: short TTL, keyed on its search, filters and page only',
  defaultTtl: Duration.seconds(60),
  minTtl: Duration.seconds(0),
  maxTtl: Duration.minutes(5),
  headerBehavior: CacheHeaderBehavior.none(),
  queryStringBehavior: CacheQueryStringBehavior.allowList(...HOME_QUERY_PARAMS),
  cookieBehavior: CacheCookieBehavior.none(),
  enableAcceptEncodingGzip: true,
  enableAcceptEncodingBrotli: true,
};

/** The one query parameter the feeds read (functions/feeds/routes.ts); anything else is left off the key and the request. */
export const FEED_QUERY_PARAMS = ['alarm'] as const;

/**
 * Public feeds (/calendar.ics, /calendar/*): the same for everyone, so shared. The origin's Cache-Control (max-age=300)
 * decides; the TTLs only bound it. With gzip and brotli on, CloudFront normalises Accept-Encoding into the key and
 * forwards it, so the feed function's own gzip is cached beside the plain text. Once stale, CloudFront revalidates with
 * the ETag it holds, and the function answers 304 without rendering.
 */
export const feedCachePolicyProps: CachePolicyProps = {
  comment: 'Signpost public calendar feeds: the origin\'s max-age, keyed on ?alarm= only',
  minTtl: Duration.seconds(0),
  defaultTtl: Duration.minutes(5),
  maxTtl: Duration.hours(1),
  headerBehavior: CacheHeaderBehavior.none(),
  queryStringBehavior: CacheQueryStringBehavior.allowList(...FEED_QUERY_PARAMS),
  cookieBehavior: CacheCookieBehavior.none(),
  enableAcceptEncodingGzip: true,
  enableAcceptEncodingBrotli: true,
};

/**
 * Personal feeds (/calendar/me/*) are never cached by CloudFront (a replaced link must stop working at once), so every
 * poll reaches the function, which needs the viewer's If-None-Match / If-Modified-Since to answer 304 and its
 * Accept-Encoding to gzip. Accept-Encoding cannot go in an allow list (CloudFront takes it only from a cache policy,
 * and a policy that caches nothing may not name it), so: every viewer header except Host, which must stay API
 * Gateway's own. No cookies; only ?alarm=.
 */
export const personalFeedRequestPolicyProps: OriginRequestPolicyProps = {
  comment: 'Signpost personal calendar feeds: viewer headers (conditional, Accept-Encoding) except Host, ?alarm= only',
  headerBehavior: OriginRequestHeaderBehavior.denyList('Host'),
  queryStringBehavior: OriginRequestQueryStringBehavior.allowList(...FEED_QUERY_PARAMS),
  cookieBehavior: OriginRequestCookieBehavior.none(),
};
