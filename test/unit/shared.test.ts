// Unit: shared helpers — secrets, rate-limit windows, linkify, dates, escaping HTML, config.
import { describe, expect, it } from 'vitest';
import { hashSecret, newId, newToken, tokenMatches } from '#functions/core/ids.ts';
import { claimFor, listingRules } from '#functions/ratelimit/rate-limit.ts';
import { linkify } from '#functions/core/linkify.ts';
import { formatWhen, differsFromZone } from '#functions/core/time.ts';
import { html, joinHtml, withBreaks } from '#views/html.ts';
import { loadApiConfig, loadFeedsConfig, loadMailerConfig } from '#functions/apps/config.ts';

describe('secrets', () => {
  it('makes 256-bit URL-safe tokens, unique each time, stored as SHA-256', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(a);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenMatches(a, hashSecret(a))).toBe(true);
    expect(tokenMatches(newToken(), hashSecret(a))).toBe(false);
    expect(tokenMatches(a, 'short')).toBe(false);
    expect(newId()).toMatch(/^[a-z2-9]{10}$/);
  });
});

describe('rate-limit claims', () => {
  it('uses fixed windows keyed by a hash of the subject, never the subject itself', () => {
    const claim = claimFor(listingRules.perOrganiser, 'Someone@Example.org', new Date('2026-11-27T09:15:00Z'));
    expect(claim.key).not.toContain('example');
    expect(claim.key).toBe(claimFor(listingRules.perOrganiser, 'someone@example.org', new Date('2026-11-27T09:59:59Z')).key);
    expect(claim.retryAfterSeconds).toBe(45 * 60);
    expect(claim.windowEndsAt).toBe(Date.parse('2026-11-27T10:00:00Z') / 1000);
    expect(claimFor(listingRules.perIp, 'someone@example.org', new Date('2026-11-27T09:15:00Z')).key).not.toBe(claim.key);
  });
});

describe('linkify', () => {
  it('links http(s) URLs, leaves trailing punctuation and other schemes as text', () => {
    expect(linkify('See https://example.org/a?b=1. Or javascript:alert(1)')).toEqual([
      { text: 'See ' },
      { url: 'https://example.org/a?b=1' },
      { text: '. Or javascript:alert(1)' },
    ]);
    expect(linkify('(http://x.org)')).toEqual([{ text: '(' }, { url: 'http://x.org' }, { text: ')' }]);
  });
});

describe('formatWhen', () => {
  it('writes times in the event zone, named by place in winter and summer alike', () => {
    expect(formatWhen('2026-12-03T12:30:00Z', '2026-12-03T13:30:00Z', 'Europe/London')).toMatch(/^Thursday,? 3 December 2026, 12:30 – 13:30 London time$/);
    expect(formatWhen('2027-06-03T11:30:00Z', '2027-06-03T12:30:00Z', 'Europe/London')).toMatch(/^Thursday,? 3 June 2027, 12:30 – 13:30 London time$/);
    expect(formatWhen('2027-01-15T16:00:00Z', '2027-01-15T17:00:00Z', 'America/New_York')).toMatch(/11:00 – 12:00 New York time$/);
  });

  it('spells out both days for multi-day meetups', () => {
    expect(formatWhen('2027-07-01T09:00:00Z', '2027-07-02T16:00:00Z', 'Europe/London')).toMatch(/^Thursday,? 1 July 2027, 10:00 – Friday,? 2 July 2027, 17:00 London time$/);
  });

  it('tells whether a viewer elsewhere sees a different clock time', () => {
    expect(differsFromZone('2026-12-03T12:30:00Z', 'Europe/London', 'Europe/Dublin')).toBe(false);
    expect(differsFromZone('2026-12-03T12:30:00Z', 'Europe/London', 'America/New_York')).toBe(true);
  });
});

describe('html', () => {
  const evil = `<img src=x onerror="alert('1')">&`;
  const escaped = '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;';
  it('escapes every interpolation that could open a tag or attribute', () => {
    expect(String(html`<p title="${evil}">${evil}</p>`)).toBe(`<p title="${escaped}">${escaped}</p>`);
  });
  it('places Html as it is, joins pieces, and shows line breaks', () => {
    const items = [1, 2].map((n) => html`<li>${n}${evil}</li>`);
    expect(String(html`<ul>${joinHtml(items, '\n')}</ul>`)).toBe(`<ul><li>1${escaped}</li>\n<li>2${escaped}</li></ul>`);
    expect(String(withBreaks('a<\nb'))).toBe('a&lt;<br>b');
  });
});

describe('config', () => {
  const base = { TABLE_NAME: 't', SITE_URL: 'https://events.example.org/', MAIL_FROM: 'Signpost <e@example.org>', FEED_SECRET: 'x'.repeat(32) };
  const arn = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:signpost-feed-AbCdEf';
  it('validates once and normalises', () => {
    const c = loadApiConfig(base);
    expect(c.SITE_URL).toBe('https://events.example.org');
    expect(c.CLIENT_IP_SOURCE).toBe('apigateway');
    expect(loadMailerConfig(base).MAIL_RATE_PER_SECOND).toBe(14);
  });
  it('names the missing or bad variable', () => {
    expect(() => loadApiConfig({ ...base, TABLE_NAME: undefined })).toThrowError(/TABLE_NAME/);
    expect(() => loadApiConfig({ ...base, SITE_URL: 'ftp://x' })).toThrowError(/SITE_URL/);
    expect(() => loadMailerConfig({ ...base, MAIL_FROM: undefined })).toThrowError(/MAIL_FROM/);
    expect(() => loadMailerConfig({ ...base, MAIL_RATE_PER_SECOND: '0' })).toThrowError(/MAIL_RATE_PER_SECOND/);
  });
  it('takes the feed-link key from exactly one place', () => {
    expect(loadFeedsConfig({ ...base, FEED_SECRET: undefined, FEED_SECRET_ARN: arn }).FEED_SECRET_ARN).toBe(arn);
    expect(() => loadApiConfig({ ...base, FEED_SECRET: undefined })).toThrowError(/FEED_SECRET: Set exactly one/);
    expect(() => loadFeedsConfig({ ...base, FEED_SECRET_ARN: arn })).toThrowError(/FEED_SECRET: Set exactly one/);
    expect(() => loadApiConfig({ ...base, FEED_SECRET: 'short' })).toThrowError(/FEED_SECRET: Use at least 32/);
    expect(() => loadFeedsConfig({ ...base, FEED_SECRET: undefined, FEED_SECRET_ARN: 'arn:aws:ssm:x' })).toThrowError(/FEED_SECRET_ARN/);
  });
});
