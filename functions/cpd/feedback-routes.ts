// CPD: the anonymous feedback form's pages (core/paths.ts eventPagePaths.feedback). GET shows the form and changes nothing
// (mail scanners open links); its plain form POST sends the answer. Every answer is a page: sent, already sent, the
// form again with the problems (400), or a link that doesn't work (403, 404).
import type { Context } from 'hono';
import { AppError } from '#functions/core/errors.ts';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { eventPath } from '#functions/core/event.ts';
import { EVENT_PAGES, eventPagePaths } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import {
  renderFeedbackLinkPage, renderFeedbackPage, renderFeedbackThanksPage, type FeedbackLinkProblem, type FeedbackMeetup, type FeedbackThanks,
} from '#views/feedback-page.ts';
import { recordDay } from './emails.ts';
import { feedbackAnswerOf, feedbackRecord, giveFeedback, type FeedbackDeps } from './feedback.ts';

/** The meetup is read only for the thank-you page's link to it (a record outlives its meetup). */
type FeedbackPageDeps = FeedbackDeps & { events: Pick<EventsRepository, 'get'> };
const route = routeOf<FeedbackPageDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const meetupOf = (r: CpdRecord): FeedbackMeetup => ({ title: r.title, date: r.date, day: recordDay(r) });

/** The answer's page, linking to the meetup's page while it is listed. */
async function thanksPage(deps: FeedbackPageDeps, record: CpdRecord, outcome: FeedbackThanks): Promise<string> {
  const event = await deps.events.get(record.eventId);
  const path = event && !event.hidden ? eventPath(event) : undefined;
  return renderFeedbackThanksPage({ ...meetupOf(record), path }, outcome);
}

/** Which of the link page's advice fits: a wrong token (403), a kept record that asks no feedback, or an unknown one. */
const problemOf = (error: AppError): FeedbackLinkProblem =>
  error.kind === 'forbidden' ? 'wrong-token' : error.code === 'no_feedback' ? 'record-kept' : 'unknown';

/** The record behind the link, or the page saying why the link doesn't work. */
async function withRecord(deps: FeedbackPageDeps, c: Context, token: string, then: (record: CpdRecord) => Promise<Response> | Response): Promise<Response> {
  let record: CpdRecord;
  try {
    record = await feedbackRecord(deps, c.req.param('eventId')!, c.req.param('id')!, token);
  } catch (error) {
    if (error instanceof AppError && (error.kind === 'not_found' || error.kind === 'forbidden')) {
      return c.html(renderFeedbackLinkPage(error.message, problemOf(error)), error.kind === 'not_found' ? 404 : 403, noStore);
    }
    throw error;
  }
  return then(record);
}

export const feedbackPageRoutes: RouteGroup<FeedbackPageDeps> = {
  base: `${EVENT_PAGES}/:eventId/feedback`,
  routes: [
    route({
      method: 'get', path: '/:id',
      handle: ({ deps, c }) => {
        const token = c.req.query('token') ?? '';
        // Opened again after answering, just to look: nothing was sent, so nothing "has changed" either.
        return withRecord(deps, c, token, async (record) => c.html(record.feedbackGivenAt
          ? await thanksPage(deps, record, 'seen')
          : renderFeedbackPage(meetupOf(record), { action: eventPagePaths.feedback(record.eventId, record.id), token }), 200, noStore));
      },
    }),
    route({
      method: 'post', path: '/:id', form: true,
      handle: ({ deps, c, form }) => {
        const token = form.get('token') ?? '';
        return withRecord(deps, c, token, async (record) => {
          const fields = { rating: form.get('rating') ?? '', worked: form.get('worked') ?? '', better: form.get('better') ?? '' };
          let answer;
          try {
            answer = feedbackAnswerOf(fields);
          } catch (error) {
            if (!(error instanceof AppError && error.kind === 'validation')) throw error;
            // Already answered: nothing to fix, say so rather than show the form again.
            if (record.feedbackGivenAt) return c.html(await thanksPage(deps, record, 'resent'), 200, noStore);
            const page = renderFeedbackPage(meetupOf(record), { action: eventPagePaths.feedback(record.eventId, record.id), token }, { values: fields, errors: error.details ?? [] });
            return c.html(page, 400, noStore);
          }
          try {
            const { already } = await giveFeedback(deps, record, answer);
            return c.html(await thanksPage(deps, record, already ? 'resent' : 'sent'), 200, noStore);
          } catch (error) {
            if (error instanceof AppError && error.kind === 'not_found') return c.html(renderFeedbackLinkPage(error.message, 'record-kept'), 404, noStore);
            throw error;
          }
        });
      },
    }),
  ],
};
