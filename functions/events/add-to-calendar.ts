// Events pages: the short "add to Google / Outlook" links (core/paths.ts eventPagePaths.add), so emails and pages
// carry a short link of our own instead of a provider's 700-character URL. Each answers 302 to the provider's "add
// event" page for a published meetup, built from public details only (never a private joining link); anything else
// gets the friendly 404 page. Not in the OpenAPI document: these are pages, not API.
import { EVENT_PAGES, type CalendarProvider } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderMissingEventPage } from '#views/event-page.ts';
import { addToCalendarLinks } from './calendar-links.ts';
import type { EventsDeps } from './deps.ts';

type Deps = Pick<EventsDeps, 'events' | 'siteUrl'>;
const route = routeOf<Deps>();
const PROVIDERS: readonly CalendarProvider[] = ['google', 'outlook'];

/** Shared caches may keep a redirect briefly: an edit reaches it within minutes. */
export const ADD_LINK_CACHE = 'public, max-age=300';

export const addToCalendarRoutes: RouteGroup<Deps> = {
  base: `${EVENT_PAGES}/:id/add`,
  routes: PROVIDERS.map((provider) =>
    route({
      method: 'get', path: `/${provider}`,
      handle: async ({ deps, c }) => {
        const event = await deps.events.get(c.req.param('id')!);
        // Published only: a draft is private, and a cancelled meetup is nothing to add.
        if (event?.status !== 'published') return c.html(renderMissingEventPage(), 404, { 'Cache-Control': 'public, max-age=60' });
        c.header('Cache-Control', ADD_LINK_CACHE);
        return c.redirect(addToCalendarLinks(event, deps.siteUrl)[provider], 302);
      },
    }),
  ),
};
