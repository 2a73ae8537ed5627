// CPD: the anonymous feedback form's pages (core/paths.ts eventPagePaths.feedback). GET shows the form and changes nothing
// (mail scanners open links); its plain form POST sends the answer. Every answer is a page: sent, already sent, the
// form again with the problems (400), or a link that doesn't work (403, 404).
import type { Context } from 'hono';
import { AppError } from '#functions/core/errors.ts';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { EVENT_PAGES, eventPagePaths } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderFeedbackLinkPage, renderFeedbackPage, renderFeedbackThanksPage, type FeedbackMeetup } from '#views/feedback-page.ts';
import { recordDay } from './emails.ts';
import { feedbackAnswerOf, feedbackRecord, giveFeedback, type FeedbackDeps } from './feedback.ts';

const route = routeOf<FeedbackDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const meetupOf = (r: CpdRecord): FeedbackMeetup => ({ title: r.title, date: r.date, day: recordDay(r) });

/** The record behind the link, or the page saying why the link doesn't work. */
async function withRecord(deps: FeedbackDeps, c: Context, token: string, then: (record: CpdRecord) => Promise<Response> | Response): Promise<Response> {
  let record: CpdRecord;
  try {
    record = await feedbackRecord(deps, c.req.param('eventId')!, c.req.param('id')!, token);
  } catch (error) {
    if (error instanceof AppError && (error.kind === 'not_found' || error.kind === 'forbidden')) {
      return c.html(renderFeedbackLinkPage(error.message), error.kind === 'not_found' ? 404 : 403, noStore);
    }
    throw error;
  }
  return then(record);
}

export const feedbackPageRoutes: RouteGroup<FeedbackDeps> = {
  base: `${EVENT_PAGES}/:eventId/feedback`,
  routes: [
    route({
      method: 'get', path: '/:id',
      handle: ({ deps, c }) => {
        const token = c.req.query('token') ?? '';
        return withRecord(deps, c, token, (record) => c.html(record.feedbackGivenAt
          ? renderFeedbackThanksPage(meetupOf(record), true)
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
            if (record.feedbackGivenAt) return c.html(renderFeedbackThanksPage(meetupOf(record), true), 200, noStore);
            const page = renderFeedbackPage(meetupOf(record), { action: eventPagePaths.feedback(record.eventId, record.id), token }, { values: fields, errors: error.details ?? [] });
            return c.html(page, 400, noStore);
          }
          try {
            const { already } = await giveFeedback(deps, record, answer);
            return c.html(renderFeedbackThanksPage(meetupOf(record), already), 200, noStore);
          } catch (error) {
            if (error instanceof AppError && error.kind === 'not_found') return c.html(renderFeedbackLinkPage(error.message), 404, noStore);
            throw error;
          }
        });
      },
    }),
  ],
};
