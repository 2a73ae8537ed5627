// Infra tests: the CloudFront response headers policy carries the app's security headers, or synthesis says why not.
import { describe, expect, it } from 'vitest';
import { responseHeadersPolicyProps } from '#infra/security-headers-policy.ts';
import { contentSecurityPolicy } from '#functions/http/security-headers.ts';

describe('response headers policy from securityHeaders', () => {
  it('maps every header the app sends, the CSP verbatim', () => {
    const props = responseHeadersPolicyProps();
    expect(props.securityHeadersBehavior?.contentSecurityPolicy?.contentSecurityPolicy).toBe(contentSecurityPolicy);
    expect(props.securityHeadersBehavior?.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBe(31_536_000);
    expect(props.securityHeadersBehavior?.frameOptions?.frameOption).toBe('DENY');
    expect(props.securityHeadersBehavior?.referrerPolicy?.referrerPolicy).toBe('no-referrer');
    expect(props.customHeadersBehavior?.customHeaders.map((h) => h.header)).toEqual(['Permissions-Policy']);
  });

  it.each([
    [{ 'X-Frame-Options': 'ALLOW-FROM https://example.org' }, 'X-Frame-Options'],
    [{ 'Referrer-Policy': 'never' }, 'Referrer-Policy'],
    [{ 'X-Content-Type-Options': 'sniff' }, 'X-Content-Type-Options'],
    [{ 'Strict-Transport-Security': 'includeSubDomains' }, 'Strict-Transport-Security'],
  ])('refuses %o, which CloudFront cannot send', (headers, name) => {
    expect(() => responseHeadersPolicyProps(headers)).toThrow(name);
  });
});
