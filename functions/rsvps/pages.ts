// RSVP pages: the event page's RSVP form as a plain HTML form post (eventPagePaths.rsvp), so reserving works before
// (or without) JavaScript. The same schema and use case as POST /api/events/:id/rsvps (rate limits and bot trap
// included); the answer is a page: "Check your email", the event page with the form again (values and errors), or
// why RSVPs are closed. Signed in with the same address, one tap confirms the place ("You're in"); and
// eventPagePaths.cancelMine cancels a signed-in person's own place. Not in the OpenAPI document: it answers HTML.
import type { Context } from 'hono';
import { AppError, type FieldIssue } from '#functions/core/errors.ts';
import { CLOSED_MESSAGES } from '#functions/core/availability.ts';
import { eventPagePaths } from '#functions/core/paths.ts';
import type { PublicEvent } from '#functions/core/event.ts';
import { formObject, formValues } from '#functions/http/form.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { getPublished, publicView, seriesView } from '#functions/events/use-cases.ts';
import { renderEventPage, renderMissingEventPage } from '#views/event-page.ts';
import { renderRsvpClosedPage, renderRsvpSentPage, renderSignedInOutcomePage } from '#views/rsvp-outcome-pages.ts';
import { requireViewer } from '#functions/auth/viewer.ts';
import { oneTapRequest } from './routes.ts';
import type { RsvpFormState } from '#views/rsvp-section.ts';
import type { RsvpsDeps } from './deps.ts';
import { rsvpRequestSchema } from './rsvp.schema.ts';
import * as rsvps from './use-cases.ts';

const route = routeOf<RsvpsDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const waitText = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return seconds <= 60 ? 'a minute' : minutes < 90 ? `about ${minutes} minutes` : `about ${Math.round(minutes / 60)} hours`;
};

export const rsvpPageRoutes: RouteGroup<RsvpsDeps> = {
  base: eventPagePaths.rsvp(':id'),
  routes: [
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const id = c.req.param('id')!;
        let event: PublicEvent;
        let series: Awaited<ReturnType<typeof seriesView>>;
        try {
          const stored = await getPublished(deps, id);
          event = publicView(deps, stored);
          series = await seriesView(deps, stored);
        } catch (error) {
          if (error instanceof AppError && error.kind === 'not_found') return c.html(renderMissingEventPage(), 404, noStore);
          throw error;
        }
        if (!event.rsvpsOpen) return c.html(renderRsvpClosedPage(event, CLOSED_MESSAGES[event.rsvpClosedReason ?? 'closed']), 409, noStore);
        const values = formValues(form);
        const sentBack: RsvpFormState['values'] = { name: values.name ?? '', email: values.email ?? '', note: values.note ?? '' };
        const again = (errors: FieldIssue[], status: 400 | 409 | 429, headers: Record<string, string> = {}) =>
          c.html(renderEventPage(event, { rsvp: { values: sentBack, errors }, series }), status, { ...noStore, ...headers });

        try {
          // Signed in with the same address (or none typed): one tap, the place is confirmed now.
          const oneTap = await oneTapRequest(deps, c, formObject(form));
          if (oneTap) return c.html(renderSignedInOutcomePage(event, await rsvps.reserveSignedIn(deps, id, oneTap.input, oneTap.viewer, deps.clientIp(c))), 200, noStore);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return refused(c, error, event, again);
        }
        const parsed = rsvpRequestSchema.safeParse(formObject(form));
        if (!parsed.success) return again(fieldIssues(parsed.error), 400);
        try {
          await rsvps.requestRsvp(deps, id, parsed.data, deps.clientIp(c));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return refused(c, error, event, again);
        }
        return c.html(renderRsvpSentPage(event, parsed.data.email), 200, noStore);
      },
    }),
    // eventPagePaths.cancelMine: signed in, cancel my own place or leave the waitlist ("Your meetups" posts here).
    route({
      method: 'post', path: '/cancel', form: true,
      handle: async ({ deps, c }) => {
        const viewer = await requireViewer(deps, c);
        const outcome = await rsvps.cancelMine(deps, c.req.param('id')!, viewer);
        return c.html(renderSignedInOutcomePage(outcome.event, outcome), 200, noStore);
      },
    }),
  ],
};

/** The words for an RSVP the use case refused, as a page. */
function refused(c: Context, error: AppError, event: PublicEvent, again: (errors: FieldIssue[], status: 400 | 409 | 429, headers?: Record<string, string>) => Response) {
  switch (error.kind) {
    case 'not_found':
      return c.html(renderMissingEventPage(), 404, noStore);
    case 'validation':
      return again(error.details ?? [{ field: 'body', message: error.message }], 400);
    case 'rate_limited': {
      const wait = error.retryAfterSeconds ?? 3600;
      const message = `Too many requests from you or for that address just now. Please try again in ${waitText(wait)}. Your answers are still here.`;
      return again([{ field: 'body', message }], 429, { 'Retry-After': String(wait) });
    }
    case 'conflict':
      // RSVPs closed meanwhile (the organiser closed them, the meetup started or was cancelled); or, rarely, busy.
      if (error.code === 'rsvps_closed') return c.html(renderRsvpClosedPage(event, error.message), 409, noStore);
      return again([{ field: 'body', message: `${error.message} Your answers are still here.` }], 409);
    default:
      throw error;
  }
}
