// Me pages: "Your meetups" (ACCOUNT_PAGES.me), server-rendered for the signed-in person and never cached. Signed out,
// it sends them to sign in and back.
import { ACCOUNT_PAGES } from '#functions/core/paths.ts';
import { viewerOf } from '#functions/auth/viewer.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderMePage } from '#views/me-page.ts';
import type { MeDeps } from './deps.ts';
import { yourMeetups } from './your-meetups.ts';

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
        // After "Unfollow": the network's name, if it is one they no longer follow.
        const unfollowed = c.req.query('unfollowed');
        const gone = unfollowed && !data.follows.some((f) => f.slug === unfollowed) ? await deps.networks.get(unfollowed) : undefined;
        return c.html(renderMePage({ ...data, ...(gone ? { unfollowed: gone.name } : {}) }), 200, { 'Cache-Control': 'no-store' });
      },
    }),
  ],
};
