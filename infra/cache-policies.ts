// Infra: what CloudFront caches and forwards for the API origin. /api/* is never cached; /events/* pages briefly.
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

/**
 * What /api/* requests carry to API Gateway. An allow list rather than "all viewer headers except Host", because only an
 * allow list can add CloudFront-Viewer-Address: the app takes the client IP (for rate limits) from it. No cookies.
 */
export const apiRequestPolicyProps: OriginRequestPolicyProps = {
  comment: 'Signpost API: the headers the app reads, plus the viewer address CloudFront sets',
  headerBehavior: OriginRequestHeaderBehavior.allowList(
    'Accept',
    'Accept-Language',
    'Content-Type',
    'Origin',
    'User-Agent',
    'CloudFront-Viewer-Address',
  ),
  queryStringBehavior: OriginRequestQueryStringBehavior.all(),
  cookieBehavior: OriginRequestCookieBehavior.none(),
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
