// RSVP use case: the organiser deletes a meetup that is over (or cancelled) and all its attendee data, from the
// manage link or signed in as someone who may manage it. It lives with RSVPs because nearly all the data is theirs. Idempotent: a repeat, or a run after a
// crash, finds the tombstone and finishes.
import { AppError, notFound } from '#functions/core/errors.ts';
import { tokenMatches } from '#functions/core/ids.ts';
import { facetsOf } from '#functions/core/facets.ts';
import { authorise, type Caller } from '#functions/events/use-cases.ts';
import { meetupActivity } from '#functions/events/activity.ts';
import type { RsvpsDeps } from './deps.ts';

type Deps = Pick<RsvpsDeps, 'events' | 'rsvps' | 'clock' | 'siteUrl' | 'networks'>;

const badLink = () => new AppError('forbidden', 'invalid_token', 'This manage link is not valid or has expired. Use the latest link from your email.');

export async function deleteMeetup(deps: Deps, eventId: string, caller: Caller) {
  const now = deps.clock.now();
  const event = await deps.events.get(eventId);
  if (!event) {
    // Finishing a deletion needs the manage link: once deleted, nothing is left to say whose network it was.
    const gone = await deps.rsvps.deletedEvent(eventId);
    if (!gone || !caller.token) throw notFound();
    if (!tokenMatches(caller.token, gone.manageTokenHash)) throw badLink();
    await deps.rsvps.deleteEvent({ eventId, manageTokenHash: gone.manageTokenHash, facets: gone.facets, keepUntil: gone.expiresAt, now });
    return { deleted: true as const };
  }
  const { actor } = await authorise(deps, eventId, caller);
  const over = new Date(event.endUtc).getTime() <= now.getTime();
  if (!over && event.status !== 'cancelled') {
    throw new AppError('conflict', 'not_ended', 'You can delete a meetup once it has ended, or once you have cancelled it.');
  }
  const deleted = await deps.rsvps.deleteEvent({
    eventId, manageTokenHash: event.manageTokenHash, facets: facetsOf(event), keepUntil: event.manageTokenExpiresAt, now,
    // Before the day, everyone going must first hear that it is cancelled.
    unlessNoticesPending: !over,
    activity: await meetupActivity(deps, [event], actor, 'deleted', now),
  });
  if (!deleted.ok) {
    throw new AppError('conflict', 'notices_pending', 'We are still emailing everyone that the meetup is cancelled. You can delete it in a few minutes.');
  }
  return { deleted: true as const };
}
