// Events pages: the server-rendered event page, so shared links preview with the event's own title, date and
// description. Not in the OpenAPI document: it answers HTML.
import { AppError } from '#functions/core/errors.ts';
import { eventPath } from '#functions/core/event.ts';
import { EVENT_PAGES } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderEventPage, renderMissingEventPage } from '#views/event-page.ts';
import type { EventsDeps } from './deps.ts';
import * as events from './use-cases.ts';

const route = routeOf<EventsDeps>();

export const eventPageRoutes: RouteGroup<EventsDeps> = {
  base: EVENT_PAGES,
  routes: [
    route({
      method: 'get', path: '/:id/:slug?',
      handle: async ({ deps, c }) => {
        try {
          const event = await events.getPublished(deps, c.req.param('id')!);
          const canonical = eventPath(event);
          if (c.req.path !== canonical) return c.redirect(canonical, 301);
          return c.html(renderEventPage(events.publicView(deps, event), { series: await events.seriesView(deps, event) }), 200, { 'Cache-Control': 'public, max-age=0, s-maxage=30' });
        } catch (error) {
          if (error instanceof AppError && error.kind === 'not_found') return c.html(renderMissingEventPage(), 404);
          throw error;
        }
      },
    }),
  ],
};
