// Attendance use cases: checking people in at the door. The team (helpers on the day, organisers any time, or the
// manage link) checks people in and out, adds and removes walk-ins, and shows the day's code; a person with a place
// checks themselves in with that code, within its window, with wrong codes counted. Each tap is one conditional write
// on the RSVP (check-ins.repository.ts); a change once the day is over refreshes the numbers kept (summary.ts).
import { randomInt } from 'node:crypto';
import { ATTENDANCE_ANSWER_LABELS, attendanceAnswer, CHECK_IN_CODE_ALPHABET, CHECK_IN_CODE_LENGTH, codeWindow, codeWindowOpen, normaliseCode } from '#functions/core/attendance.ts';
import { AppError, notFound } from '#functions/core/errors.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { tokenMatches } from '#functions/core/ids.ts';
import type { CheckInBy, StoredRsvp } from '#functions/core/rsvp.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { authorise, type Access, type Caller } from '#functions/events/manage-access.ts';
import { checkInCodeRules, claimFor } from '#functions/ratelimit/rate-limit.ts';
import { byWaitlistOrder, RSVP_RETENTION_DAYS_AFTER_END, rsvpKey } from '#functions/rsvps/rsvp.ts';
import type { CheckInList, CheckInPerson } from '#views/check-in-page.ts';
import type { CheckInDeps } from './check-in-deps.ts';
import type { CheckInOutcome } from './check-ins.repository.ts';
import type { WalkInBody } from './check-in.schema.ts';
import { refreshSummary } from './summary.ts';

const ON_LIST = new Set<StoredRsvp['status']>(['confirmed', 'waitlisted', 'walkin']);

/** Check-in data goes when the RSVPs do. */
const expiresAtOf = (event: StoredEvent) => Math.floor(Date.parse(event.endUtc) / 1000) + RSVP_RETENTION_DAYS_AFTER_END * 86_400;

const BY_WORDS = (by: CheckInBy | undefined) => (!by ? undefined : by.via === 'team' ? by.name : by.via === 'manage-link' ? 'the manage link' : 'their code');

export function newCheckInCode(): string {
  return Array.from({ length: CHECK_IN_CODE_LENGTH }, () => CHECK_IN_CODE_ALPHABET[randomInt(CHECK_IN_CODE_ALPHABET.length)]).join('');
}

function personOf(r: StoredRsvp, waitlistPosition?: number): CheckInPerson {
  const answer = attendanceAnswer(r);
  return {
    key: r.key, name: r.name, status: r.status as CheckInPerson['status'],
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt, checkedInBy: BY_WORDS(r.checkedInBy) } : {}),
    ...(answer ? { answer: ATTENDANCE_ANSWER_LABELS[answer] } : {}),
    ...(waitlistPosition ? { waitlistPosition } : {}),
  };
}

/** Who is acting, as the RSVP records it: a team member by the name the team knows them by, or the manage link. */
const byOf = (access: Access): CheckInBy =>
  access.authority === 'manage-link' ? { via: 'manage-link' } : { via: 'team', name: access.actor.name ?? access.actor.email.split('@')[0]! };

async function team(deps: CheckInDeps, eventId: string, caller: Caller): Promise<Access> {
  return authorise(deps, eventId, caller, 'attendees');
}

/** Changes need a meetup that is on: a draft has nobody, a cancelled one nobody coming. */
function published(event: StoredEvent) {
  if (event.status === 'published') return;
  throw new AppError('conflict', `event_${event.status}`, event.status === 'cancelled' ? 'This meetup was cancelled, so nobody can be checked in.' : 'This meetup is not published yet, so nobody can be checked in.');
}

/** The day's code: the one made already, or a new one. */
async function codeOf(deps: CheckInDeps, event: StoredEvent) {
  const stored = await deps.checkIns.code(event.id);
  if (stored) return stored;
  await deps.checkIns.rotateCode(event.id, newCheckInCode(), deps.clock.now(), expiresAtOf(event));
  // Two helpers opening the page at once each made one: both show the one that stayed.
  return (await deps.checkIns.code(event.id))!;
}

/** The check-in page's list: everyone with a place, waiting or walked in, with the day's code. */
export async function checkInList(deps: CheckInDeps, eventId: string, caller: Caller): Promise<CheckInList> {
  const { event } = await team(deps, eventId, caller);
  const rsvps = (await deps.rsvps.list(event.id)).filter((r) => ON_LIST.has(r.status));
  const position = new Map(rsvps.filter((r) => r.status === 'waitlisted').sort(byWaitlistOrder).map((r, i) => [r.key, i + 1]));
  const window = codeWindow(event);
  return {
    eventId: event.id, title: event.title, timezone: event.timezone,
    ...(event.capacity !== undefined ? { capacity: event.capacity } : {}),
    code: await codeOf(deps, event),
    codeWindow: { opens: window.opens.toISOString(), closes: window.closes.toISOString() },
    people: rsvps.map((r) => personOf(r, position.get(r.key))),
  };
}

/** The words for a tap the table refused. */
function tapped(outcome: CheckInOutcome) {
  if (outcome.ok) return outcome;
  if (outcome.reason === 'not_found') throw new AppError('not_found', 'not_on_list', 'That person is not on this meetup’s list.');
  throw new AppError('conflict', 'no_place', 'That person has no place at this meetup (they cancelled, or never confirmed).');
}

const changed = (rsvp: StoredRsvp, already: boolean) => ({ person: personOf(rsvp), already });

export async function checkIn(deps: CheckInDeps, eventId: string, caller: Caller, key: string) {
  const access = await team(deps, eventId, caller);
  published(access.event);
  const outcome = tapped(await deps.checkIns.checkIn({ eventId, key, by: byOf(access), now: deps.clock.now() }));
  await refreshSummary(deps, access.event);
  return changed(outcome.rsvp, outcome.already);
}

export async function undoCheckIn(deps: CheckInDeps, eventId: string, caller: Caller, key: string) {
  const { event } = await team(deps, eventId, caller);
  published(event);
  const outcome = tapped(await deps.checkIns.undoCheckIn({ eventId, key, now: deps.clock.now() }));
  await refreshSummary(deps, event);
  return changed(outcome.rsvp, outcome.already);
}

export async function addWalkIn(deps: CheckInDeps, eventId: string, caller: Caller, input: Pick<WalkInBody, 'name' | 'email' | 'requestId'>) {
  const access = await team(deps, eventId, caller);
  published(access.event);
  const { event } = access;
  const outcome = await deps.checkIns.addWalkIn({
    eventId, name: input.name, email: input.email, requestId: input.requestId, by: byOf(access), now: deps.clock.now(), expiresAt: expiresAtOf(event),
  });
  if (!outcome.ok)
    throw outcome.reason === 'full'
      ? new AppError('conflict', 'full', `The meetup is full (${event.capacity} places), so ${input.name} can’t be added as a walk-in.`)
      : new AppError('conflict', 'closed', 'This meetup is not taking anyone at the door.');
  await refreshSummary(deps, event);
  return changed(outcome.rsvp, false);
}

export async function removeWalkIn(deps: CheckInDeps, eventId: string, caller: Caller, key: string) {
  const { event } = await team(deps, eventId, caller);
  published(event);
  const rsvp = await deps.rsvps.get(eventId, key);
  if (rsvp && rsvp.status !== 'walkin') throw new AppError('conflict', 'not_walk_in', 'That person booked a place: undo their check-in instead.');
  const { ok } = await deps.checkIns.removeWalkIn({ eventId, key });
  await refreshSummary(deps, event);
  return { already: !ok, ...(rsvp ? { name: rsvp.name } : {}) };
}

/** The day's code (made the first time it is asked for), and when it works. */
export async function dayCode(deps: CheckInDeps, eventId: string, caller: Caller) {
  const { event } = await team(deps, eventId, caller);
  const window = codeWindow(event);
  return { ...(await codeOf(deps, event)), codeWindow: { opens: window.opens.toISOString(), closes: window.closes.toISOString() } };
}

/** A new code: the old one stops working at once (it was shared too widely, or posted online). */
export async function rotateCode(deps: CheckInDeps, eventId: string, caller: Caller) {
  const { event } = await team(deps, eventId, caller);
  published(event);
  const stored = await deps.checkIns.code(event.id);
  let code = newCheckInCode();
  while (code === stored?.code) code = newCheckInCode();
  await deps.checkIns.rotateCode(event.id, code, deps.clock.now(), expiresAtOf(event));
  return dayCode(deps, eventId, caller);
}

// ---- Self check-in with the day's code ----

/** How an attendee shows it is them: their emailed link (its key and cancel token), or being signed in. */
export type SelfProof = { key: string; token: string } | { viewer: Viewer };

const badLink = () => new AppError('forbidden', 'invalid_token', 'This link is not valid. Use the link in your latest “You’re in” email.');

async function attendeeOf(deps: CheckInDeps, eventId: string, proof: SelfProof): Promise<StoredRsvp> {
  if ('viewer' in proof) {
    const rsvp = await deps.rsvps.get(eventId, rsvpKey(eventId, proof.viewer.email));
    if (!rsvp || rsvp.status !== 'confirmed') throw new AppError('conflict', 'no_place', 'You have no place at this meetup, so there is nothing to check in. The team at the door can help.');
    return rsvp;
  }
  const rsvp = await deps.rsvps.get(eventId, proof.key);
  // Only a cancel link (the "You're in" email's, or a reminder's) proves a place: never the confirm link.
  const hashes = rsvp ? [rsvp.cancelTokenHash, rsvp.reminderCancelHash].filter((h): h is string => Boolean(h)) : [];
  if (!rsvp || !hashes.some((h) => tokenMatches(proof.token, h))) throw badLink();
  if (rsvp.status !== 'confirmed')
    throw new AppError('conflict', 'no_place', rsvp.status === 'waitlisted' ? 'You are on the waitlist, so you have no place to check in to. The team at the door can help.' : 'You have no place at this meetup, so there is nothing to check in.');
  return rsvp;
}

/**
 * An attendee types the day's code, from an hour before the start to an hour after the end. A wrong code is counted
 * (per RSVP and per IP); while a counter is full even the right code is refused, with when to try again.
 */
export async function selfCheckIn(deps: CheckInDeps, eventId: string, proof: SelfProof, typed: string, ip: string) {
  const event = await deps.events.get(eventId);
  if (!event || event.status === 'draft' || event.hidden) throw notFound();
  if (event.status === 'cancelled') throw new AppError('conflict', 'event_cancelled', 'This meetup was cancelled, so there is nothing to check in to.');
  const rsvp = await attendeeOf(deps, eventId, proof);
  const now = deps.clock.now();
  if (!codeWindowOpen(event, now)) {
    const early = now < codeWindow(event).opens;
    throw new AppError('conflict', early ? 'too_early' : 'too_late', early
      ? 'Checking in opens an hour before the meetup starts.'
      : 'Checking in closed an hour after the meetup ended. If you came, the organiser can still check you in.');
  }
  const claims = [
    claimFor(checkInCodeRules.perRsvp, `${eventId}:${rsvp.key}`, now),
    claimFor(checkInCodeRules.perRsvpHourly, `${eventId}:${rsvp.key}`, now),
    claimFor(checkInCodeRules.perIp, ip, now),
  ];
  const full = await deps.codeAttempts.over(claims);
  if (full) throw wrongTooOften(full.retryAfterSeconds);
  const stored = await deps.checkIns.code(eventId);
  if (!stored || normaliseCode(typed) !== stored.code) {
    const counted = await deps.codeAttempts.count(claims);
    if (!counted.ok) throw wrongTooOften(counted.claim.retryAfterSeconds);
    throw new AppError('validation', 'wrong_code', 'That is not the code of the day.', [{ field: 'code', message: 'That is not the code of the day: check it with the organiser' }]);
  }
  const outcome = tapped(await deps.checkIns.checkIn({ eventId, key: rsvp.key, by: { via: 'code' }, now }));
  return { checkedIn: true as const, already: outcome.already, checkedInAt: outcome.rsvp.checkedInAt ?? now.toISOString() };
}

const wrongTooOften = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'rate_limited', 'Too many wrong codes. Please wait a few minutes, or ask the team at the door.', undefined, retryAfterSeconds);
