// Pages: the server-rendered event page, so shared links preview with the event's own title, date and description.
import { Hono } from 'hono';
import type { EventsDeps } from './deps.ts';
import { AppError } from '#functions/core/errors.ts';
import { getPublicEvent, publicView } from './use-cases.ts';
import { renderEventPage, renderMissingEventPage } from '#views/event-page.ts';
import { eventPath } from '#functions/core/event.ts';

export default function eventPages(deps: EventsDeps) {
  const app = new Hono();

  app.get('/:id/:slug?', async (c) => {
    const id = c.req.param('id');
    try {
      const event = await getPublicEvent(deps, id);
      const canonical = eventPath(event);
      if (c.req.path !== canonical) return c.redirect(canonical, 301);
      return c.html(renderEventPage(publicView(deps, event)), 200, { 'Cache-Control': 'public, max-age=0, s-maxage=30' });
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_found') return c.html(renderMissingEventPage(), 404);
      throw error;
    }
  });

  return app;
}
