// CPD use cases: the anonymous feedback a record of attendance's email offers. The link is
// `/events/<meetup>/feedback/<id>?token=`
// (records.ts feedbackToken: its own HMAC purpose, no nonce). Opening it only reads; sending stores one answer per
// record (feedback.repository.ts, one transaction): the answer holds only the rating and the texts, never who or when.
import { AppError, validationError, type FieldIssue } from '#functions/core/errors.ts';
import { FEEDBACK_TEXT_MAX, networkFeedbackView, type FeedbackAnswer, type FeedbackRating, type NetworkFeedbackView } from '#functions/core/feedback.ts';
import type { CpdRecord } from '#functions/core/cpd.ts';
import type { Clock } from '#functions/core/clock.ts';
import { newId } from '#functions/core/ids.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import { networkMeetups } from '#functions/events/network-meetups.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import type { CpdLogRepository } from './log.repository.ts';
import type { FeedbackRepository } from './feedback.repository.ts';
import { feedbackTokenMatches, RECORD_ID_PATTERN } from './records.ts';

export interface FeedbackDeps {
  cpdLog: Pick<CpdLogRepository, 'recordById'>;
  feedback: FeedbackRepository;
  feedSecret: FeedSecret;
  clock: Clock;
}

export const FEEDBACK_UNKNOWN = 'There is no record of attendance for this link any more: it may have been deleted.';
export const FEEDBACK_NOT_ASKED = 'Feedback is asked of the people who booked a place, and this record’s email didn’t ask for it.';
export const FEEDBACK_WRONG_TOKEN = 'This link isn’t quite right: part of it may be missing.';

/** The record behind a feedback link: 404 for an unknown or deleted record (or another meetup's), 403 for a wrong token. */
export async function feedbackRecord(deps: FeedbackDeps, eventId: string, id: string, token: string): Promise<CpdRecord> {
  const record = RECORD_ID_PATTERN.test(id) ? await deps.cpdLog.recordById(id) : undefined;
  if (!record || record.eventId !== eventId) throw new AppError('not_found', 'record_not_found', FEEDBACK_UNKNOWN);
  if (!feedbackTokenMatches(await deps.feedSecret(), record.id, token)) throw new AppError('forbidden', 'invalid_token', FEEDBACK_WRONG_TOKEN);
  // Its email offered no form (a walk-in, or one of the team): a link made for it anyway answers nothing.
  if (record.noFeedback) throw new AppError('not_found', 'no_feedback', FEEDBACK_NOT_ASKED);
  return record;
}

/** The form's fields checked: a rating 1 to 5, and each text at most FEEDBACK_TEXT_MAX characters (line ends as one). */
export function feedbackAnswerOf(fields: { rating?: string | null; worked?: string | null; better?: string | null }): FeedbackAnswer {
  const issues: FieldIssue[] = [];
  const rating = Number(fields.rating);
  if (!/^[1-5]$/.test(fields.rating?.trim() ?? '')) issues.push({ field: 'rating', message: 'Choose how it was, from 1 to 5' });
  const text = (field: 'worked' | 'better', label: string) => {
    const value = (fields[field] ?? '').replace(/\r\n?/g, '\n').trim();
    if (value.length > FEEDBACK_TEXT_MAX) issues.push({ field, message: `${label} must be ${FEEDBACK_TEXT_MAX.toLocaleString('en-GB')} characters or fewer (it has ${value.length.toLocaleString('en-GB')})` });
    return value;
  };
  const worked = text('worked', '“What worked?”');
  const better = text('better', '“What could be better?”');
  if (issues.length) throw validationError(issues);
  return { rating: rating as FeedbackRating, ...(worked ? { worked } : {}), ...(better ? { better } : {}) };
}

/** Sends the answer: `already` when the record has one (nothing stored). */
export async function giveFeedback(deps: FeedbackDeps, record: CpdRecord, answer: FeedbackAnswer): Promise<{ already: boolean }> {
  if (record.feedbackGivenAt) return { already: true };
  const given = await deps.feedback.give({
    record: { personId: record.personId, id: record.id, eventId: record.eventId }, answer, answerId: newId(26), at: deps.clock.now().toISOString(),
  });
  if (given) return { already: false };
  // Refused: someone answered for it at the same moment, or its meetup has gone since.
  const now = await deps.cpdLog.recordById(record.id);
  if (now?.feedbackGivenAt) return { already: true };
  throw new AppError('not_found', 'event_not_found', 'This meetup is no longer listed, so its feedback can’t be sent.');
}

/** How far back a network's feedback reaches: the manage page's year. */
export const NETWORK_FEEDBACK_DAYS = 365;

/**
 * A network's feedback over its meetups that ended in the last year (cancelled ones aside): each meetup's count, its
 * average from three answers, and the sums over those shown (core/feedback.ts networkFeedbackView). Counters only:
 * no answer's texts, which stay on each meetup's own page.
 */
export async function networkFeedback(
  deps: { events: Pick<EventsRepository, 'list'>; feedback: Pick<FeedbackRepository, 'tallies'>; clock: Clock }, slug: string,
): Promise<NetworkFeedbackView> {
  const now = deps.clock.now();
  const from = new Date(now.getTime() - NETWORK_FEEDBACK_DAYS * 86_400_000);
  const ended = (await networkMeetups(deps.events, slug, from, now)).filter((e) => e.status !== 'cancelled' && Date.parse(e.endUtc) <= now.getTime());
  return networkFeedbackView(ended, ended.length ? await deps.feedback.tallies(ended.map((e) => e.id)) : new Map());
}
