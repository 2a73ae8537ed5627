// Reminders use cases: the one-click "no more reminders" from a reminder email (the place stays), and how it stands.
import { AppError } from '#functions/core/errors.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import type { RsvpsRepository } from '#functions/rsvps/rsvps.repository.ts';
import { remindersOffTokenMatches } from './reminders-off-token.ts';

export interface RemindersOffDeps {
  rsvps: Pick<RsvpsRepository, 'setRemindersOff' | 'get'>;
  /** The key reminders-off links are made with (the feed secret, another purpose). */
  feedSecret: FeedSecret;
}

const invalidLink = () => new AppError('forbidden', 'invalid_token', 'This link is not valid. Use the link from your latest reminder.');
const gone = () => new AppError('not_found', 'not_found', 'That RSVP does not exist any more.');

async function checkToken(deps: RemindersOffDeps, eventId: string, key: string, token: string) {
  if (!remindersOffTokenMatches(await deps.feedSecret(), eventId, key, token)) throw invalidLink();
}

/** Stops reminders for one RSVP; the place stays. Idempotent, and the same answer for a repeat. */
export async function turnRemindersOff(deps: RemindersOffDeps, eventId: string, key: string, token: string) {
  await checkToken(deps, eventId, key, token);
  if (!(await deps.rsvps.setRemindersOff(eventId, key))) throw gone();
  const waiting = (await deps.rsvps.get(eventId, key))?.status === 'waitlisted';
  return { status: 'reminders-off' as const, message: `Done: no more reminders for this meetup. ${waiting ? 'Your place on the waitlist stays.' : 'Your place stays.'}` };
}

/** Whether reminders are already off for this RSVP, and how it stands, for the page before its button. Only reads. */
export async function remindersOffStatus(deps: RemindersOffDeps, eventId: string, key: string, token: string) {
  await checkToken(deps, eventId, key, token);
  const rsvp = await deps.rsvps.get(eventId, key);
  if (!rsvp) throw gone();
  return { remindersOff: Boolean(rsvp.remindersOff), status: rsvp.status };
}
