// HTTP kit: is a state-changing request from our own pages? A browser sends Origin with every POST (Sec-Fetch-Site
// too); a request from another site says so. The session cookie is SameSite=Lax, and auth/viewer.ts also ignores it
// on a state-changing request that does not show it came from the site itself.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '#functions/core/errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string) => SAFE.has(method.toUpperCase());

/** The site's own origin ("https://events.example.org"), from configuration, never from the Host header. */
export const siteOrigin = (siteUrl: string) => new URL(siteUrl).origin;

/** The request shows it came from a page of the site: Origin is ours, or (no Origin) Sec-Fetch-Site is same-origin. */
export function fromOwnSite(c: Context, siteUrl: string): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') return origin === siteOrigin(siteUrl);
  return c.req.header('sec-fetch-site') === 'same-origin';
}

/**
 * Refuses a state-changing request another site's page made (its Origin names another site), with a 403. Requests
 * without Origin (API clients with a token, mail providers' one-click unsubscribe) pass: they carry no session.
 */
export const originGuard = (siteUrl: string): MiddlewareHandler => async (c, next) => {
  const origin = c.req.header('origin');
  if (!isSafeMethod(c.req.method) && origin && origin !== 'null' && origin !== siteOrigin(siteUrl))
    throw new AppError('forbidden', 'cross_site', 'This form was sent from another website. Go back to Signpost and try again.');
  await next();
};
