// Me pages: "Your meetups" (ACCOUNT_PAGES.me), server-rendered for the signed-in person and never cached. Signed out,
// it sends them to sign in and back.
import { ACCOUNT_PAGES } from '#functions/core/paths.ts';
import { viewerOf } from '#functions/auth/viewer.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderMePage } from '#views/me-page.ts';
import type { MeDeps } from './deps.ts';
import { yourMeetups } from './your-meetups.ts';

/** A network's slug, as networks are named (a query value of any other shape is ignored). */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

const route = routeOf<MeDeps>();

export const mePageRoutes: RouteGroup<MeDeps> = {
  base: ACCOUNT_PAGES.me,
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        c.header('Cache-Control', 'no-store');
        if (!viewer) return c.redirect(`${ACCOUNT_PAGES.signIn}?next=${ACCOUNT_PAGES.me}`, 303);
        const data = await yourMeetups(deps, viewer);
        // After "Unfollow": the network's name (a slug-shaped value only). The list comes from an eventually
        // consistent index, so the network just unfollowed is left out of it whatever the index still says.
        const asked = c.req.query('unfollowed');
        const unfollowed = asked && SLUG.test(asked) && !(await deps.followers.get(asked, viewer.personId)) ? await deps.networks.get(asked) : undefined;
        const follows = unfollowed ? data.follows.filter((f) => f.slug !== unfollowed.slug) : data.follows;
        return c.html(renderMePage({ ...data, follows, ...(unfollowed ? { unfollowed: unfollowed.name } : {}) }), 200, { 'Cache-Control': 'no-store' });
      },
    }),
  ],
};
