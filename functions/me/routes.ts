// Me API: what the shared, cached event page cannot say for itself about the signed-in viewer, asked by its script
// (web/src/event.ts): their way into the meetup's check-in page today, if any. Never cached.
import { API_PREFIX } from '#functions/core/paths.ts';
import { requireViewer } from '#functions/auth/viewer.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import { checkInLinkFor } from './check-in-links.ts';
import type { MeDeps } from './deps.ts';
import { checkInLinkSchema } from './me.schema.ts';

const route = routeOf<MeDeps>();

export const meApiRoutes: RouteGroup<MeDeps> = {
  base: `${API_PREFIX}/me`,
  routes: [
    route({
      method: 'get', path: '/meetups/:id/check-in',
      summary: 'Signed in: the way into this meetup’s check-in page now, if any: the team on the day, or a confirmed place while the day’s code works (or later today)',
      responses: {
        200: { description: 'The link to show, or none', schema: checkInLinkSchema },
        401: { description: 'Not signed in', schema: errorSchema },
        404: { description: 'No such meetup', schema: errorSchema },
      },
      handle: async ({ deps, c }) => {
        const viewer = await requireViewer(deps, c);
        return c.json(await checkInLinkFor(deps, c.req.param('id')!, viewer), 200, { 'Cache-Control': 'no-store', Vary: 'Cookie' });
      },
    }),
  ],
};
