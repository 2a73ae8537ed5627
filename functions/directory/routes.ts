// Directory API: the directory of networks and one network, public fields only (no address of anyone, no hidden or
// pending network). Each route is declared once: apps/api mounts these and documents them.
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import type { DirectoryDeps } from './deps.ts';
import { directoryQuerySchema, networkDirectorySchema, networkWithMeetupsSchema } from './directory.schema.ts';
import * as directory from './use-cases.ts';

const route = routeOf<DirectoryDeps>();
/** Next meetups change as meetups are listed: browsers always ask again (CloudFront does not cache /api/*). */
const shortCache = { 'Cache-Control': 'no-cache' };

export const directoryApiRoutes: RouteGroup<DirectoryDeps> = {
  base: '/api/networks',
  routes: [
    route({
      method: 'get', path: '', summary: 'The directory of networks, each with its next meetup: networks with one first, soonest first, then the rest by name',
      query: directoryQuerySchema,
      responses: { 200: { description: 'Every public network that matches', schema: networkDirectorySchema } },
      handle: async ({ deps, c, query }) => c.json({ items: await directory.directory(deps, query) }, 200, shortCache),
    }),
    route({
      method: 'get', path: '/:slug', summary: "A network's public page as data: who they are, the team's first names (of those who agreed), and its upcoming meetups",
      responses: {
        200: { description: 'The network', schema: networkWithMeetupsSchema },
        404: { description: 'No such public network', schema: errorSchema },
      },
      handle: async ({ deps, c }) => c.json(await directory.networkWithMeetups(deps, c.req.param('slug')!), 200, shortCache),
    }),
  ],
};
