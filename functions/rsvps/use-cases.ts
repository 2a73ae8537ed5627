// RSVP use cases: reserve, confirm, cancel, and the organiser's attendee list, removals and settings.
import { AppError, notFound } from '#functions/core/errors.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { claimFor, rateLimited, rsvpRules } from '#functions/ratelimit/rate-limit.ts';
import type { RsvpsDeps } from './deps.ts';
import { authorised, publicView, saveEvent } from '#functions/events/use-cases.ts';
import type { RsvpRequest } from './rsvp.schema.ts';
import { attendeesCsv, byWaitlistOrder, newRsvpFields, toAttendee } from './rsvp.ts';
import { confirmPlaceEmail, confirmedEmail, organiserNoticeEmail, promotedEmail, rsvpLinks, waitlistedEmail } from './emails.ts';
import type { CancelOutcome, ConfirmOutcome, Promotion } from './rsvps.repository.ts';
import { personalFeedLinks } from '#functions/feeds/use-cases.ts';
import { outboxMessage, type OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { CLOSED_MESSAGES, rsvpAvailability } from '#functions/core/availability.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

type Deps = Pick<RsvpsDeps, 'events' | 'rsvps' | 'feeds' | 'feedSecret' | 'clock' | 'siteUrl'>;
type OrganiserDeps = Deps & Pick<RsvpsDeps, 'suppressions'>;

const invalidLink = () =>
  new AppError('forbidden', 'invalid_token', 'This link is not valid or has expired. Use the latest link from your email, or reserve again.');

/** The words for a confirm the table refused. */
function confirmRefused(outcome: Extract<ConfirmOutcome, { ok: false }>, now: Date): AppError {
  if (outcome.reason === 'invalid_token') return invalidLink();
  if (outcome.reason === 'busy') return new AppError('conflict', 'busy', 'Lots of people are reserving right now. Please try again in a moment.');
  const availability = rsvpAvailability(outcome.event, now);
  return new AppError('conflict', 'rsvps_closed', CLOSED_MESSAGES[availability.open ? 'closed' : availability.reason]);
}

/** A cancel that went through, or the words for why the table refused it. */
function cancelled(outcome: CancelOutcome) {
  if (outcome.ok) return outcome;
  if (outcome.reason === 'not_found') throw new AppError('not_found', 'not_found', 'That RSVP does not exist.');
  if (outcome.reason === 'invalid_token') throw invalidLink();
  throw new AppError('conflict', 'busy', 'Lots of people are changing their plans right now. Please try again in a moment.');
}

async function openEvent(deps: Deps, eventId: string): Promise<StoredEvent> {
  const event = await deps.events.get(eventId);
  if (!event || event.status === 'draft') throw notFound();
  return event;
}

/** The same answer, after the same work, whether or not the address has RSVPed before. */
export async function requestRsvp(deps: Deps, eventId: string, input: RsvpRequest, ip: string): Promise<void> {
  if (input.website) return; // the bot trap: say "check your email" and do nothing
  const event = await openEvent(deps, eventId);
  const now = deps.clock.now();
  const availability = rsvpAvailability(event, now);
  if (!availability.open) throw new AppError('conflict', 'rsvps_closed', CLOSED_MESSAGES[availability.reason]);
  const token = newToken();
  const rsvp = newRsvpFields(event, input, hashSecret(token), now);
  const claims = [claimFor(rsvpRules.perIp, ip, now), claimFor(rsvpRules.perRecipient, `${event.id}:${rsvp.email}`, now)];
  const link = rsvpLinks(deps.siteUrl, event.id, rsvp.key).confirm(token);
  const requested = await deps.rsvps.request(rsvp, claims, outboxMessage(confirmPlaceEmail(event, deps.siteUrl, rsvp, link), 'rsvp-confirm-link', now));
  if (!requested.ok) throw rateLimited(requested.claim);
}

function promotion(deps: Deps, event: StoredEvent, now: Date): Promotion {
  return async (candidate) => {
    const token = newToken();
    const link = rsvpLinks(deps.siteUrl, event.id, candidate.key).cancel(token);
    const feed = await personalFeedLinks(deps, candidate.email);
    return { cancelTokenHash: hashSecret(token), email: outboxMessage(promotedEmail(event, deps.siteUrl, candidate, link, feed), 'rsvp-promoted', now) };
  };
}

export async function confirmRsvp(deps: Deps, eventId: string, key: string, token: string) {
  const [event, rsvp] = await Promise.all([openEvent(deps, eventId), deps.rsvps.get(eventId, key)]);
  if (!rsvp) throw invalidLink();
  const feed = await personalFeedLinks(deps, rsvp.email);
  const now = deps.clock.now();
  const cancelToken = newToken();
  const cancelUrl = rsvpLinks(deps.siteUrl, eventId, key).cancel(cancelToken);
  const notice = (status: 'confirmed' | 'waitlisted'): OutboxMessage[] =>
    event.notifyOnRsvp ? [outboxMessage(organiserNoticeEmail(event, deps.siteUrl, rsvp, status), 'rsvp-organiser-notice', now)] : [];
  const outcome = await deps.rsvps.confirm({
    event, key, now, confirmTokenHash: hashSecret(token), cancelTokenHash: hashSecret(cancelToken),
    emails: {
      confirmed: [outboxMessage(confirmedEmail(event, deps.siteUrl, rsvp, cancelUrl, feed), 'rsvp-confirmed', now), ...notice('confirmed')],
      // The leave link tells the page to speak of the waitlist rather than a place.
      waitlisted: [outboxMessage(waitlistedEmail(event, deps.siteUrl, rsvp, `${cancelUrl}&waitlist=1`, feed), 'rsvp-waitlisted', now), ...notice('waitlisted')],
    },
  });
  if (!outcome.ok) throw confirmRefused(outcome, now);
  const position = outcome.status === 'waitlisted' ? await waitlistPositionOf(deps, eventId, key) : undefined;
  // The counts as of this change (not re-read: others may be confirming at the same moment anyway).
  const counted = outcome.already ? event : outcome.status === 'confirmed'
    ? { ...event, confirmedCount: (event.confirmedCount ?? 0) + 1 }
    : { ...event, waitlistCount: (event.waitlistCount ?? 0) + 1 };
  return { status: outcome.status, ...(position ? { waitlistPosition: position } : {}), event: publicView(deps, counted) };
}

async function waitlistPositionOf(deps: Deps, eventId: string, key: string) {
  const rsvp = await deps.rsvps.get(eventId, key);
  return rsvp?.status === 'waitlisted' ? deps.rsvps.waitlistPosition(rsvp) : undefined;
}

export async function cancelRsvp(deps: Deps, eventId: string, key: string, token: string) {
  const event = await openEvent(deps, eventId);
  const now = deps.clock.now();
  if (new Date(event.endUtc).getTime() <= now.getTime())
    throw new AppError('conflict', 'event_over', 'This meetup has already happened, so there is no place to free.');
  cancelled(await deps.rsvps.cancel({ eventId, key, cancelTokenHash: hashSecret(token), now, promotion: promotion(deps, event, now) }));
  return { status: 'cancelled' as const, event: publicView(deps, await openEvent(deps, eventId)) };
}

// ---- Organiser side (manage token) ----

async function attendeeList(deps: OrganiserDeps, event: StoredEvent) {
  const rsvps = await deps.rsvps.list(event.id);
  const suppressed = await deps.suppressions.find(rsvps.map((r) => r.email));
  const waitlist = rsvps.filter((r) => r.status === 'waitlisted').sort(byWaitlistOrder);
  const position = new Map(waitlist.map((r, i) => [r.key, i + 1]));
  const order = (r: StoredRsvp) => ['confirmed', 'waitlisted', 'pending', 'cancelled'].indexOf(r.status);
  const sorted = [...rsvps].sort((a, b) => order(a) - order(b) || (position.get(a.key) ?? 0) - (position.get(b.key) ?? 0) || a.createdAt.localeCompare(b.createdAt));
  return {
    ...(event.capacity !== undefined ? { capacity: event.capacity } : {}),
    confirmed: event.confirmedCount ?? 0,
    waitlist: event.waitlistCount ?? 0,
    rsvpsOpen: !event.rsvpsClosed,
    notifyOnRsvp: Boolean(event.notifyOnRsvp),
    remindersOn: !event.remindersOff,
    attendees: sorted.map((r) => toAttendee(r, position.get(r.key), suppressed.get(r.email)?.reason)),
  };
}

export async function attendees(deps: OrganiserDeps, eventId: string, token: string) {
  return attendeeList(deps, await authorised(deps, eventId, token));
}

export async function attendeesCsvFile(deps: OrganiserDeps, eventId: string, token: string) {
  return attendeesCsv((await attendees(deps, eventId, token)).attendees);
}

export async function removeAttendee(deps: OrganiserDeps, eventId: string, token: string, key: string) {
  const event = await authorised(deps, eventId, token);
  const now = deps.clock.now();
  cancelled(await deps.rsvps.cancel({ eventId, key, now, promotion: promotion(deps, event, now) }));
  return attendeeList(deps, await authorised(deps, eventId, token));
}

export async function updateRsvpSettings(deps: OrganiserDeps, eventId: string, token: string, settings: { rsvpsOpen?: boolean | undefined; notifyOnRsvp?: boolean | undefined; remindersOn?: boolean | undefined }) {
  const event = await authorised(deps, eventId, token);
  const next: StoredEvent = {
    ...event,
    ...(settings.rsvpsOpen !== undefined ? { rsvpsClosed: !settings.rsvpsOpen } : {}),
    ...(settings.notifyOnRsvp !== undefined ? { notifyOnRsvp: settings.notifyOnRsvp } : {}),
    ...(settings.remindersOn !== undefined ? { remindersOff: !settings.remindersOn } : {}),
    updatedAt: deps.clock.now().toISOString(),
  };
  await saveEvent(deps, next, event);
  return attendeeList(deps, await authorised(deps, eventId, token));
}

/** After capacity goes up (or away), waitlisted people take the new places in order. Lowering evicts nobody. */
export async function fillFreedPlaces(deps: Deps, before: StoredEvent, after: StoredEvent) {
  const grew = after.capacity === undefined ? before.capacity !== undefined : before.capacity !== undefined && after.capacity > before.capacity;
  if (!grew || after.status !== 'published') return 0;
  const now = deps.clock.now();
  return deps.rsvps.fillFromWaitlist({ eventId: after.id, now, promotion: promotion(deps, after, now) });
}
