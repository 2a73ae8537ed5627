// Infra tests: the generated CloudFront Functions route exactly as web/routes.ts says, and only S3 misses become 404s.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { viewerRequestCode, viewerResponseCode, NOT_FOUND_METADATA } from '#infra/edge-routing.ts';
import { NOT_FOUND_PAGE, pageFor, staticPages } from '#web/routes.ts';
import { SERVER_PAGES } from '#functions/core/paths.ts';

type Handler = (event: unknown) => { uri?: string; statusCode?: number; statusDescription?: string; headers?: Record<string, unknown> };

/** Loads function code the way CloudFront does: a script defining a global `handler`. */
const load = (code: string): Handler => {
  const sandbox: { handler?: Handler } = {};
  runInNewContext(code, sandbox);
  if (!sandbox.handler) throw new Error('no handler defined');
  return sandbox.handler;
};

const route = load(viewerRequestCode());
const routed = (uri: string) => route({ context: { eventType: 'viewer-request' }, request: { method: 'GET', uri, headers: {} } }).uri;

describe('page router (viewer request)', () => {
  it('carries every page pattern from web/routes.ts', () => {
    const code = viewerRequestCode();
    for (const page of staticPages) {
      expect(code).toContain(page.pattern.toString());
      expect(code).toContain(`"/${page.file}"`);
    }
  });

  it.each(['/confirm/k7f3q9x2mn', '/manage/k7f3q9x2mn/', '/my-calendar'])('sends %s to the same file as pageFor()', (path) => {
    expect(routed(path)).toBe(`/${pageFor(path)}`);
  });

  it('redirects a server page typed with a trailing slash ("/new/") to the page', () => {
    const answer = route({ context: { eventType: 'viewer-request' }, request: { method: 'GET', uri: '/new/', headers: {} } });
    expect(answer.statusCode).toBe(301);
    expect(answer.headers).toEqual({ location: { value: '/new' } });
    expect(routed('/new/x')).toBe(`/${NOT_FOUND_PAGE}`);
  });

  it('has no file for the server pages, which CloudFront sends to the API in behaviours of their own', () => {
    for (const path of SERVER_PAGES) {
      expect(pageFor(path)).toBeUndefined();
      expect(staticPages.some((p) => p.pattern.test(path))).toBe(false);
    }
  });

  it.each(['/assets/home.js', '/assets/chunks/chunk-AB12CD.js', '/favicon.ico', '/robots.txt'])('passes the file %s through', (path) => {
    expect(routed(path)).toBe(path);
  });

  it.each(['/nope', '/manage', '/confirm/UPPER', '/manage/a/b', '/new/extra'])('sends the non-page %s to the not-found page', (path) => {
    expect(pageFor(path)).toBeUndefined();
    expect(routed(path)).toBe(`/${NOT_FOUND_PAGE}`);
  });
});

describe('not-found status (viewer response)', () => {
  const respond = load(viewerResponseCode());
  const header = `x-amz-meta-${Object.keys(NOT_FOUND_METADATA)[0]}`;
  const response = (statusCode: number, headers: Record<string, { value: string }> = {}) =>
    respond({ context: { eventType: 'viewer-response' }, request: { uri: '/x', headers: {} }, response: { statusCode, statusDescription: 'OK', headers } });

  it('answers the not-found page (marked by its S3 metadata) with 404 and drops the marker', () => {
    const out = response(200, { [header]: { value: '404' }, 'content-type': { value: 'text/html' } });
    expect(out.statusCode).toBe(404);
    expect(out.statusDescription).toBe('Not Found');
    expect(out.headers).toEqual({ 'content-type': { value: 'text/html' } });
  });

  it("turns S3's 403 for a missing file into 404", () => {
    expect(response(403).statusCode).toBe(404);
  });

  it('leaves ordinary pages alone', () => {
    expect(response(200, { 'content-type': { value: 'text/html' } })).toMatchObject({ statusCode: 200, statusDescription: 'OK' });
    expect(response(304).statusCode).toBe(304);
  });
});
