// Auth pages: /sign-in (the address form; its POST sends the link and code and shows the code form), the emailed
// link's page (GET shows a button, POST signs in), the code form's POST, and /sign-out. Plain form posts that work
// without JavaScript; none of these pages is ever cached.
import type { Context } from 'hono';
import { AppError, validationError, type FieldIssue } from '#functions/core/errors.ts';
import { ACCOUNT_PAGES, SITE_PAGES } from '#functions/core/paths.ts';
import { formValues } from '#functions/http/form.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { SIGN_IN_BOT_TRAP, renderCodePage, renderLinkPage, renderSignInPage, renderSignOutPage, renderUnusablePage, type UnusableReason } from '#views/sign-in-pages.ts';
import type { AuthDeps } from './deps.ts';
import { safeNext } from './sign-in.ts';
import { viewerOf } from './viewer.ts';
import * as auth from './use-cases.ts';

const route = routeOf<AuthDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minute' : m < 60 ? `${m} minutes` : 'an hour';
};

const tooMany = (error: AppError, field: string, what: string): { issue: FieldIssue; headers: Record<string, string> } => {
  const wait = error.retryAfterSeconds ?? 3600;
  return { issue: { field, message: `${what} Please try again in ${minutes(wait)}.` }, headers: { ...noStore, 'Retry-After': String(wait) } };
};

const unusable = (c: Context, reason: UnusableReason, next: string | undefined, what: 'link' | 'code') =>
  c.html(renderUnusablePage(reason, { next, what }), reason === 'invalid' ? 400 : 410, noStore);

/** Signed in: on to where they were going (a same-site path), or "Your meetups". */
const onward = (c: Context, next: string | undefined) => c.redirect(safeNext(next) ?? ACCOUNT_PAGES.me, 303);

export const signInPageRoutes: RouteGroup<AuthDeps> = {
  base: ACCOUNT_PAGES.signIn,
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const next = safeNext(c.req.query('next'));
        // Without JavaScript the header always says "Sign in" (pages are cached alike for everyone): say who is signed in.
        const viewer = await viewerOf(deps, c);
        return c.html(renderSignInPage({ values: next ? { next } : {}, ...(viewer ? { signedInAs: viewer.email } : {}) }), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const values = formValues(form);
        const next = safeNext(values.next);
        const shown = { email: values.email ?? '', ...(next ? { next } : {}) };
        // The bot trap: the same answer as a real request, and nothing stored or sent.
        if (form.get(SIGN_IN_BOT_TRAP)) return c.html(renderCodePage({ challengeId: auth.decoyChallengeId(), email: shown.email.trim(), ...(next ? { next } : {}) }), 200, noStore);
        try {
          const { challengeId, email } = await auth.requestSignIn(deps, { email: shown.email }, deps.clientIp(c), next);
          return c.html(renderCodePage({ challengeId, email, ...(next ? { next } : {}) }), 200, noStore);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.kind === 'validation') return c.html(renderSignInPage({ values: shown, errors: error.details ?? [] }), 400, noStore);
          if (error.kind === 'rate_limited') {
            const { issue, headers } = tooMany(error, 'email', 'Too many sign-in emails for that address, or from your network, just now.');
            return c.html(renderSignInPage({ values: shown, errors: [issue] }), 429, headers);
          }
          throw error;
        }
      },
    }),
    route({
      method: 'get', path: '/link',
      handle: async ({ deps, c }) => {
        const token = c.req.query('token') ?? '';
        const state = await auth.linkState(deps, token);
        if (!state.ok) return unusable(c, state.reason, state.next, 'link');
        return c.html(renderLinkPage(token), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/link', form: true,
      handle: async ({ deps, c, form }) => {
        const outcome = await auth.signInByLink(deps, c, form.get('token') ?? '');
        if (!outcome.ok) return unusable(c, outcome.reason, outcome.next, 'link');
        return onward(c, outcome.next);
      },
    }),
    // A reload of the code form's answer, or a bookmark: the form lives at /sign-in.
    route({ method: 'get', path: '/code', handle: ({ c }) => c.redirect(ACCOUNT_PAGES.signIn, 303) }),
    route({
      method: 'post', path: '/code', form: true,
      handle: async ({ deps, c, form }) => {
        const challengeId = (form.get('challenge') ?? '').slice(0, 100);
        const code = (form.get('code') ?? '').slice(0, 100);
        const again = (errors: FieldIssue[], status: 400 | 429, extra: { void?: boolean; next?: string | undefined; headers?: Record<string, string> } = {}) =>
          c.html(
            renderCodePage({ challengeId, code, errors, ...(extra.void ? { void: true } : {}), ...(extra.next ? { next: extra.next } : {}) }),
            status,
            extra.headers ?? noStore,
          );
        try {
          const outcome = await auth.signInByCode(deps, c, challengeId, code, deps.clientIp(c));
          if (outcome.ok) return onward(c, outcome.next);
          if (outcome.reason === 'wrong') return again([{ field: 'code', message: outcome.message }], 400, { void: outcome.void, next: outcome.next });
          return unusable(c, outcome.reason, outcome.next, 'code');
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.kind === 'validation') return again(error.details ?? [], 400);
          if (error.kind === 'rate_limited') {
            const { issue, headers } = tooMany(error, 'code', 'Too many codes tried from your network just now.');
            return again([issue], 429, { headers });
          }
          throw error;
        }
      },
    }),
  ],
};

/** POST /sign-out: this browser, or (everywhere=1) every session of the address. GET shows the two buttons. */
export const signOutPageRoutes: RouteGroup<AuthDeps> = {
  base: ACCOUNT_PAGES.signOut,
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => c.html(renderSignOutPage(Boolean(await viewerOf(deps, c))), 200, noStore),
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        // Every sign-out form says which it is (everywhere=0 or 1); anything else is not one of ours.
        const everywhere = form.get('everywhere');
        if (everywhere !== '0' && everywhere !== '1')
          throw validationError([{ field: 'everywhere', message: 'Choose "Sign out on this device" or "Sign out everywhere".' }]);
        // viewerOf counts the cookie only on a request from the site's own pages (Origin or Sec-Fetch-Site).
        await auth.signOut(deps, c, await viewerOf(deps, c), everywhere === '1');
        return c.redirect(SITE_PAGES.home, 303);
      },
    }),
  ],
};
