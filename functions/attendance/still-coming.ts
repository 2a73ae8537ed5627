// Attendance use cases: answering "Still coming?" from the email's links, and a released person taking a place back.
// Each link's token is the RSVP's own (stored hashed: the question's, and once released the released email's); a wrong
// token and an unknown RSVP get the same 403. "Yes" is
// recorded and idempotent; "No" frees the place exactly as a cancellation does (rsvps giveUpPlace: the first in line
// promoted and told, the organiser's notice if asked for), with the answer recorded in the same transaction.
import { AppError, notFound } from '#functions/core/errors.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import { hashSecret, newToken, tokenMatches } from '#functions/core/ids.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { RsvpsDeps } from '#functions/rsvps/deps.ts';
import { rsvpLinks } from '#functions/rsvps/emails.ts';
import { giveUpPlace, toAttendees } from '#functions/rsvps/use-cases.ts';
import type { StillComingMeetup } from '#views/still-coming-pages.ts';
import { placeBackEmail } from './still-coming-emails.ts';
import type { StillComingRepository } from './still-coming.repository.ts';

export interface StillComingDeps extends Pick<RsvpsDeps, 'events' | 'rsvps' | 'feeds' | 'feedSecret' | 'clock' | 'siteUrl' | 'networks'> {
  stillComing: StillComingRepository;
}

export type StillComingAnswer = 'yes' | 'no';

const invalidLink = () => new AppError('forbidden', 'invalid_token', 'This link is not valid. Use the link from your latest email about this meetup.');
const noPlace = (message = 'You no longer have a place at this meetup. If places are free, you can reserve again on its page.') =>
  new AppError('conflict', 'no_place', message);
const released = () => noPlace('Your place went to the next person on the waitlist because we had not heard from you. Open this link again to take a place back while one is free.');
export const noPlaceFree = () => new AppError('conflict', 'full', 'No place is free right now. Join the waitlist on the meetup’s page: if a place frees up, it goes to the first person in line.');

/** The meetup as the pages name it. */
export const meetupOf = (event: StoredEvent): StillComingMeetup => ({ title: event.title, when: formatWhen(event.startUtc, event.endUtc, event.timezone), url: eventPath(event) });

/** The meetup and the RSVP whose token this is; the same 403 for a wrong token and an unknown RSVP. */
async function linked(deps: StillComingDeps, eventId: string, key: string, token: string) {
  const [event, rsvp] = await Promise.all([deps.events.get(eventId), deps.rsvps.get(eventId, key)]);
  if (!event || event.status === 'draft') throw notFound();
  const matches = (hash: string | undefined) => hash !== undefined && tokenMatches(token, hash);
  // The question's links, or (once released) the released email's take-back link.
  if (!rsvp?.stillComingHash || !(matches(rsvp.stillComingHash) || matches(rsvp.releasedHash))) throw invalidLink();
  return { event, rsvp };
}

/** How a link's RSVP stands. */
export type LinkState = 'open' | 'yes' | 'gave-up' | 'released' | 'no-place';
const stateOf = (rsvp: StoredRsvp): LinkState => {
  if (rsvp.status === 'confirmed') return rsvp.stillComing === 'yes' ? 'yes' : 'open';
  if (rsvp.releasedAt && rsvp.status === 'cancelled') return 'released';
  if (rsvp.stillComing === 'no') return 'gave-up';
  return 'no-place';
};

/** A place is free to take back: a capacity not reached and nobody waiting, the meetup published and still ahead. */
export const placeFree = (event: StoredEvent, now: Date) =>
  event.status === 'published' && Date.parse(event.startUtc) > now.getTime()
  && (event.capacity === undefined || (event.confirmedCount ?? 0) < event.capacity) && !event.waitlistCount;

/** For the page a link opens, before anyone presses its button. Only reads: mail scanners open every link. */
export async function linkStatus(deps: StillComingDeps, eventId: string, key: string, token: string) {
  const { event, rsvp } = await linked(deps, eventId, key, token);
  return { state: stateOf(rsvp), placeFree: placeFree(event, deps.clock.now()), meetup: meetupOf(event) };
}

/** "Yes" or "No". Idempotent: the same answer again says `already`. */
export async function answerStillComing(deps: StillComingDeps, eventId: string, key: string, token: string, answer: StillComingAnswer) {
  const { event, rsvp } = await linked(deps, eventId, key, token);
  const state = stateOf(rsvp);
  const now = deps.clock.now();
  const done = (already: boolean, promoted?: boolean) => ({
    answer, already, status: answer === 'yes' ? 'confirmed' as const : 'cancelled' as const, ...(promoted !== undefined ? { promoted } : {}), meetup: meetupOf(event),
  });
  if (answer === 'yes') {
    if (state === 'released') throw released();
    if (state === 'gave-up' || state === 'no-place') throw noPlace();
    if (await deps.stillComing.answerYes({ eventId, key, tokenHash: rsvp.stillComingHash!, now })) return done(state === 'yes');
    // Their place went meanwhile (released, or cancelled from another link).
    throw (await deps.rsvps.get(eventId, key))?.releasedAt ? released() : noPlace();
  }
  if (state !== 'open' && state !== 'yes') return done(true);
  const outcome = await giveUpPlace(deps, eventId, key, { record: { stillComing: 'no', stillComingAnsweredAt: now.toISOString() } });
  return outcome.already ? done(true) : done(false, outcome.promoted);
}

/**
 * A released person takes a place back while one is free: confirmed again, "You have your place back" emailed with a
 * fresh cancel link, all in one transaction. A repeat says `already`; with no place free, 409 "No place is free".
 */
export async function takePlaceBack(deps: StillComingDeps, eventId: string, key: string, token: string) {
  const { event, rsvp } = await linked(deps, eventId, key, token);
  const state = stateOf(rsvp);
  const result = (already: boolean) => ({ status: 'confirmed' as const, already, meetup: meetupOf(event) });
  // Taken back already: the same token, now holding the place again.
  if (rsvp.status === 'confirmed') return result(true);
  if (state !== 'released') throw noPlace();
  const now = deps.clock.now();
  if (!placeFree(event, now)) throw noPlaceFree();
  const cancelToken = newToken();
  const reply = await toAttendees(deps, event);
  const email = reply(placeBackEmail(event, deps.siteUrl, rsvp, rsvpLinks(deps.siteUrl, eventId, key).cancel(cancelToken)));
  const taken = await deps.stillComing.takeBack({
    event, key, tokenHash: rsvp.stillComingHash!, now, cancelTokenHash: hashSecret(cancelToken), email: outboxMessage(email, 'still-coming-back', now),
  });
  if (taken === 'taken') return result(false);
  if (taken === 'full') throw noPlaceFree();
  // A second press at the same moment took it.
  if ((await deps.rsvps.get(eventId, key))?.status === 'confirmed') return result(true);
  throw noPlace();
}
