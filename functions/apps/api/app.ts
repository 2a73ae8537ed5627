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
import { baseApp } from '#functions/http/base-app.ts';


export const MAX_BODY_BYTES = 64 * 1024;

export function createApp(deps: AppDeps) {
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

  app.route('/api/events', eventsRoutes(deps));
  app.route('/api/events', rsvpRoutes(deps));
  app.route('/api/events', reminderRoutes(deps));
  app.route('/api/calendar/me', personalFeedRoutes(deps));
  app.route('/events', eventPages(deps));
  return app;
}
