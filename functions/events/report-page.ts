// Events pages: "Report this meetup" (eventPagePaths.report), server-rendered so it works without JavaScript. GET
// shows the form; the form post emails the deployment's operator through the outbox and shows a thank-you page, or
// the form again with the values kept and every problem named. Mounted before the event page's '/:id/:slug?'.
import type { Context } from 'hono';
import { AppError } from '#functions/core/errors.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import { EVENT_PAGES } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { renderMissingEventPage } from '#views/event-page.ts';
import { REPORT_BOT_TRAP, renderReportPage, renderReportSentPage, renderReportsOffPage, type ReportFormState } from '#views/report-page.ts';
import type { EventsDeps } from './deps.ts';
import { reportSchema, sendReport } from './report.ts';
import * as events from './use-cases.ts';

const route = routeOf<EventsDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const meetupOf = (e: StoredEvent) => ({ id: e.id, title: e.title, path: eventPath(e) });

/** The published (or cancelled) meetup, or the "can't find that meetup" page. */
async function meetupOr404(deps: EventsDeps, c: Context): Promise<StoredEvent | Response> {
  try {
    return await events.getPublished(deps, c.req.param('id')!);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') return c.html(renderMissingEventPage(), 404, noStore);
    throw error;
  }
}

const waitText = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? 'a minute' : m < 90 ? `${m} minutes` : `${Math.round(m / 60)} hours`;
};

export const reportPageRoutes: RouteGroup<EventsDeps> = {
  // Its own base (eventPagePaths.report), so the capability list names each group once.
  base: `${EVENT_PAGES}/:id/report`,
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const event = await meetupOr404(deps, c);
        if (event instanceof Response) return event;
        if (!deps.operatorEmail) return c.html(renderReportsOffPage(meetupOf(event)), 503, noStore);
        return c.html(renderReportPage(meetupOf(event)), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const event = await meetupOr404(deps, c);
        if (event instanceof Response) return event;
        const meetup = meetupOf(event);
        if (!deps.operatorEmail) return c.html(renderReportsOffPage(meetup), 503, noStore);
        const text = (name: string) => form.get(name) ?? undefined;
        // The bot trap: the same thank-you as a real report, and nothing sent.
        if (text(REPORT_BOT_TRAP)) return c.html(renderReportSentPage(meetup), 200, noStore);
        const values = { reason: text('reason') ?? '', details: text('details') ?? '', replyTo: text('replyTo') ?? '' };
        const again = (state: ReportFormState, status: 400 | 429, headers: Record<string, string> = {}) =>
          c.html(renderReportPage(meetup, { values, ...state }), status, { ...noStore, ...headers });
        const parsed = reportSchema.safeParse({ reason: text('reason'), details: text('details'), replyTo: text('replyTo') });
        if (!parsed.success) return again({ errors: fieldIssues(parsed.error) }, 400);
        try {
          await sendReport(deps, deps.operatorEmail, event, parsed.data, deps.clientIp(c));
        } catch (error) {
          if (!(error instanceof AppError) || error.kind !== 'rate_limited') throw error;
          const wait = error.retryAfterSeconds ?? 3600;
          const message = `Too many reports from you, or about this meetup, just now. Please try again in ${waitText(wait)}. What you wrote is still here.`;
          return again({ errors: [{ field: 'body', message }] }, 429, { 'Retry-After': String(wait) });
        }
        return c.html(renderReportSentPage(meetup), 200, noStore);
      },
    }),
  ],
};
