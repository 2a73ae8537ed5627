// Follows routes: following a network (the network page's form, and its JSON twin), confirming by the emailed link
// (GET shows a button, POST confirms), the follow's settings page (how often, unfollow), "Unfollow" on "Your
// meetups", and RFC 8058 one-click unsubscribe. Forms work without JavaScript; none of these answers is cached.
import type { Context } from 'hono';
import * as z from 'zod';
import { AppError, validationError } from '#functions/core/errors.ts';
import { ACCOUNT_PAGES } from '#functions/core/paths.ts';
import { requireViewer, viewerOf } from '#functions/auth/viewer.ts';
import { formObject, formValues } from '#functions/http/form.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import { renderMissingNetworkPage } from '#views/network-page.ts';
import {
  FOLLOW_BOT_TRAP, renderCheckInboxPage, renderConfirmPage, renderConfirmedPage, renderFollowLinkProblemPage, renderFollowPage, renderOneClickPage,
  renderSettingsPage, renderUnfollowedPage,
} from '#views/follow-pages.ts';
import type { FollowsDeps } from './deps.ts';
import { followRequestSchema } from './follow.schema.ts';
import * as follows from './use-cases.ts';

const route = routeOf<FollowsDeps>();
const noStore = { 'Cache-Control': 'no-store' };
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const FOLLOWER = ':id{[0-9a-f]{24}}';

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minute' : m < 60 ? `${m} minutes` : 'an hour';
};

const isNotFound = (error: unknown) => error instanceof AppError && error.kind === 'not_found';
const missing = (c: Context) => c.html(renderMissingNetworkPage(), 404, noStore);

/** The network of a page's path, or undefined (the caller answers the friendly 404). */
async function networkOf(deps: FollowsDeps, slug: string) {
  try {
    return await follows.followableNetwork(deps, slug);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export const followFormRoutes: RouteGroup<FollowsDeps> = {
  base: '/networks/:slug/follow',
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const network = await networkOf(deps, c.req.param('slug')!);
        return network ? c.html(renderFollowPage(network), 200, noStore) : missing(c);
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const network = await networkOf(deps, c.req.param('slug')!);
        if (!network) return missing(c);
        const values = formValues(form);
        const typed = (values.email ?? '').trim().toLowerCase();
        // The bot trap: the same answer as a real request, and nothing stored or sent.
        if (form.get(FOLLOW_BOT_TRAP)) return c.html(renderCheckInboxPage(network, typed), 200, noStore);
        try {
          const viewer = await viewerOf(deps, c);
          const following = viewer && (await follows.followSignedIn(deps, viewer, network.slug, formObject(form)));
          if (following) return c.html(renderConfirmedPage(network, false, following), 200, noStore);
          const { email } = await follows.requestFollow(deps, network.slug, formObject(form, { blankIsMissing: ['email'] }), deps.clientIp(c));
          return c.html(renderCheckInboxPage(network, email), 200, noStore);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.kind === 'validation') return c.html(renderFollowPage(network, { values, errors: error.details ?? [] }), 400, noStore);
          if (error.kind === 'rate_limited') {
            const wait = error.retryAfterSeconds ?? 3600;
            const issue = { field: 'email', message: `Too many requests to follow for that address, or from your network, just now. Please try again in ${minutes(wait)}.` };
            return c.html(renderFollowPage(network, { values, errors: [issue] }), 429, { ...noStore, 'Retry-After': String(wait) });
          }
          throw error;
        }
      },
    }),
  ],
};

/** The page a confirmation link's GET and POST answer when it can do nothing, or has done it already. */
function confirmAnswer(c: Context, network: { slug: string; name: string }, state: 'already' | 'unusable', following?: follows.FollowingNow) {
  return state === 'already' ? c.html(renderConfirmedPage(network, true, following), 200, noStore) : c.html(renderFollowLinkProblemPage(network), 410, noStore);
}

/** A settings or one-click link that is not one of ours: the friendly 403 page. Anything else is rethrown. */
async function withLink(c: Context, act: () => Promise<Response>): Promise<Response> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof AppError && error.code === 'follow_link_invalid') return c.html(renderFollowLinkProblemPage(undefined), 403, noStore);
    throw error;
  }
}

export const followPageRoutes: RouteGroup<FollowsDeps> = {
  base: '/follows',
  routes: [
    // "Unfollow" on "Your meetups": before the follow's own paths (a follower id is 24 hex digits, never "unfollow").
    route({
      method: 'post', path: '/:slug/unfollow', form: true,
      handle: async ({ deps, c }) => {
        const viewer = await requireViewer(deps, c);
        const slug = c.req.param('slug')!;
        await follows.unfollowMine(deps, viewer, slug);
        // "Your meetups" says it was done (by the network's name, looked up there: nothing typed is echoed).
        return c.redirect(`${ACCOUNT_PAGES.me}?unfollowed=${encodeURIComponent(slug)}#unfollowed`, 303);
      },
    }),
    route({
      method: 'get', path: `/:slug/${FOLLOWER}/confirm`,
      handle: async ({ deps, c }) => {
        const slug = c.req.param('slug')!;
        const id = c.req.param('id')!;
        const token = c.req.query('token');
        const network = await networkOf(deps, slug);
        if (!network) return missing(c);
        const { state, following } = await follows.confirmState(deps, slug, id, token);
        if (state !== 'open') return confirmAnswer(c, network, state, following);
        return c.html(renderConfirmPage({ slug, id, token: token!, networkName: network.name }), 200, noStore);
      },
    }),
    route({
      method: 'post', path: `/:slug/${FOLLOWER}/confirm`, form: true,
      handle: async ({ deps, c, form }) => {
        const network = await networkOf(deps, c.req.param('slug')!);
        if (!network) return missing(c);
        const { state, following } = await follows.confirmFollow(deps, network.slug, c.req.param('id')!, form.get('token') ?? undefined);
        if (state === 'confirmed') return c.html(renderConfirmedPage(network, false, following), 200, noStore);
        return confirmAnswer(c, network, state, following);
      },
    }),
    route({
      method: 'get', path: `/:slug/${FOLLOWER}`,
      handle: async ({ deps, c }) => {
        const slug = c.req.param('slug')!;
        const id = c.req.param('id')!;
        const token = c.req.query('token');
        return withLink(c, async () => {
          const { networkName, follower } = await follows.openSettings(deps, slug, id, token);
          return c.html(renderSettingsPage({ slug, id, token: token!, networkName, ...(follower ? { mode: follower.mode } : {}) }), 200, noStore);
        });
      },
    }),
    route({
      method: 'post', path: `/:slug/${FOLLOWER}`, form: true,
      handle: async ({ deps, c, form }) => {
        const slug = c.req.param('slug')!;
        const id = c.req.param('id')!;
        const token = form.get('token') ?? undefined;
        return withLink(c, async () => {
          try {
            const { networkName, mode, changed } = await follows.changeMode(deps, slug, id, token, formObject(form));
            return c.html(renderSettingsPage({ slug, id, token: token!, networkName, ...(changed ? { mode, saved: true } : {}) }), 200, noStore);
          } catch (error) {
            if (!(error instanceof AppError) || error.kind !== 'validation') throw error;
            const { networkName, follower } = await follows.openSettings(deps, slug, id, token);
            const view = { slug, id, token: token!, networkName, ...(follower ? { mode: follower.mode } : {}), errors: error.details ?? [] };
            return c.html(renderSettingsPage(view), 400, noStore);
          }
        });
      },
    }),
    route({
      method: 'post', path: `/:slug/${FOLLOWER}/unfollow`, form: true,
      handle: async ({ deps, c, form }) => {
        const slug = c.req.param('slug')!;
        return withLink(c, async () => {
          const { networkName, unfollowed } = await follows.unfollowByLink(deps, slug, c.req.param('id')!, form.get('token') ?? undefined);
          return c.html(renderUnfollowedPage(networkName, slug, !unfollowed), 200, noStore);
        });
      },
    }),
  ],
};

const followAnswerSchema = z.object({ status: z.literal('check-your-inbox'), message: z.string() }).meta({ id: 'FollowAnswer' });
const unsubscribeBodySchema = z.object({ token: z.string().regex(TOKEN) }).meta({ id: 'FollowUnsubscribeToken' });

/** The one-click link's token: in its query (RFC 8058, whatever the body), or a JSON body's `token`. */
async function tokenOf(c: Context): Promise<string> {
  const fromQuery = c.req.query('token');
  const json: unknown = (c.req.header('content-type') ?? '').startsWith('application/json') ? await c.req.json().catch(() => undefined) : undefined;
  const fromBody = json && typeof json === 'object' && !Array.isArray(json) ? (json as { token?: unknown }).token : undefined;
  const token = fromQuery ?? fromBody;
  if (typeof token !== 'string' || !TOKEN.test(token))
    throw validationError([{ field: 'token', message: 'The link is incomplete; use the whole link from the email' }]);
  return token;
}

export const followApiRoutes: RouteGroup<FollowsDeps> = {
  base: '/api/follows',
  routes: [
    route({
      method: 'post', path: '/:slug', body: followRequestSchema,
      summary: 'Follow a network by email (double opt-in): a confirmation link is emailed. The same answer whether or not the address follows already.',
      responses: {
        202: { description: 'The confirmation email is on its way (or, to an address that follows already, an email saying so)', schema: followAnswerSchema },
        400: { description: 'A field is missing or invalid', schema: errorSchema },
        404: { description: 'No such public network', schema: errorSchema },
        429: { description: 'Too many requests for that address or from this IP', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => {
        const answer = { status: 'check-your-inbox', message: 'Check your inbox: open the link in the email to confirm.' } as const;
        if (body.website) {
          await follows.followableNetwork(deps, c.req.param('slug')!);
          return c.json(answer, 202, noStore);
        }
        await follows.requestFollow(deps, c.req.param('slug')!, body, deps.clientIp(c));
        return c.json(answer, 202, noStore);
      },
    }),
    route({
      method: 'get', path: '/:slug/:id/unsubscribe',
      summary: 'The one-click link opened in a browser: an HTML page whose button unfollows (opening it changes nothing).',
      responses: { 200: { description: 'The page (text/html), or one saying the follow has ended' } },
      handle: async ({ deps, c }) => {
        const slug = c.req.param('slug')!;
        const id = c.req.param('id')!;
        const token = c.req.query('token');
        return withLink(c, async () => {
          const { networkName, follower } = await follows.openSettings(deps, slug, id, token);
          if (!follower) return c.html(renderUnfollowedPage(networkName, slug, true), 200, noStore);
          return c.html(renderOneClickPage({ slug, id, token: token!, networkName }), 200, noStore);
        });
      },
    }),
    route({
      method: 'post', path: '/:slug/:id/unsubscribe',
      summary: 'Unfollow at once: RFC 8058 one-click (body List-Unsubscribe=One-Click, token in the query; no cookies, no redirect) or JSON {token}. Idempotent.',
      documentedBody: unsubscribeBodySchema,
      responses: {
        200: { description: 'Not following (any more)', schema: z.object({ status: z.literal('unfollowed'), message: z.string() }) },
        400: { description: 'The token is missing or malformed', schema: errorSchema },
        403: { description: 'The token does not match', schema: errorSchema },
      },
      handle: async ({ deps, c }) => {
        const token = await tokenOf(c);
        const { networkName } = await follows.unfollowByLink(deps, c.req.param('slug')!, c.req.param('id')!, token);
        return c.json({ status: 'unfollowed', message: `You no longer follow ${networkName}.` } as const, 200, noStore);
      },
    }),
  ],
};
