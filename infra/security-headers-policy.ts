// Infra: turns the app's own security headers (functions/http/security-headers.ts) into a CloudFront response headers policy.
import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type ResponseCustomHeader,
  type ResponseHeadersPolicyProps,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { securityHeaders } from '#functions/http/security-headers.ts';

const oneOf = <T extends string>(values: Record<string, T>, value: string, header: string): T => {
  const found = Object.values(values).find((v) => v.toLowerCase() === value.toLowerCase());
  if (!found) throw new Error(`${header}: "${value}" is not a value CloudFront's response headers policy can send`);
  return found;
};

function strictTransportSecurity(value: string) {
  const maxAge = /max-age=(\d+)/i.exec(value)?.[1];
  if (!maxAge) throw new Error(`Strict-Transport-Security: "${value}" has no max-age`);
  return {
    accessControlMaxAge: Duration.seconds(Number(maxAge)),
    includeSubdomains: /includeSubDomains/i.test(value),
    preload: /preload/i.test(value),
    override: true,
  };
}

/**
 * CloudFront sends the headers it has a typed setting for only through that setting; anything else becomes a custom
 * header. Every header overrides what the origin sent, so S3 pages and API answers carry identical values.
 */
export function responseHeadersPolicyProps(headers: Record<string, string> = securityHeaders): ResponseHeadersPolicyProps {
  const security: { -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K] } = {};
  const customHeaders: ResponseCustomHeader[] = [];
  for (const [header, value] of Object.entries(headers)) {
    switch (header.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'strict-transport-security':
        security.strictTransportSecurity = strictTransportSecurity(value);
        break;
      case 'referrer-policy':
        security.referrerPolicy = { referrerPolicy: oneOf(HeadersReferrerPolicy, value, header), override: true };
        break;
      case 'x-frame-options':
        security.frameOptions = { frameOption: oneOf(HeadersFrameOption, value, header), override: true };
        break;
      case 'x-content-type-options':
        if (value.toLowerCase() !== 'nosniff') throw new Error(`${header}: CloudFront can only send "nosniff"`);
        security.contentTypeOptions = { override: true };
        break;
      default:
        customHeaders.push({ header, value, override: true });
    }
  }
  return {
    comment: 'Signpost security headers, from functions/http/security-headers.ts',
    securityHeadersBehavior: security,
    ...(customHeaders.length ? { customHeadersBehavior: { customHeaders } } : {}),
  };
}
