// API: builds the one Hono app that serves the API and the server-rendered pages, in Lambda and locally. Sub-apps per
// capability are mounted here. The calendar feeds are their own app (feeds/app.ts) and function.
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import eventsRoutes from '#functions/events/routes.ts';
import rsvpRoutes from '#functions/rsvps/routes.ts';
import eventPages from '#functions/events/pages.ts';
import personalFeedRoutes from '#functions/feeds/personal-routes.ts';
import reminderRoutes from '#functions/reminders/routes.ts';
import type { AppDeps } from './deps.ts';
import type { EventsDeps } from '#functions/events/deps.ts';
import { fillFreedPlaces } from '#functions/rsvps/use-cases.ts';
import { baseApp } from '#functions/http/base-app.ts';


export const MAX_BODY_BYTES = 64 * 1024;

export function createApp(deps: AppDeps) {
  // The one link between capabilities: an edit that adds places gives them to the waitlist (the RSVP room's rule).
  const events: EventsDeps = { ...deps, fillFreedPlaces: (before, after) => fillFreedPlaces(deps, before, after) };
  const app = baseApp(deps.logger);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413);
      },
    }),
  );

  app.route('/api/events', eventsRoutes(events));
  app.route('/api/events', rsvpRoutes(deps));
  app.route('/api/events', reminderRoutes(deps));
  app.route('/api/calendar/me', personalFeedRoutes(deps));
  app.route('/events', eventPages(events));
  return app;
}
