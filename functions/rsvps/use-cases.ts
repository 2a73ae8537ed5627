// RSVP use cases: reserve (by the emailed link, or one tap when signed in), confirm, cancel and delete, and the
// organiser's attendee list, removals and settings (with the manage link, or signed in as someone allowed).
import { feedbackView, type EventFeedbackReader } from '#functions/core/feedback.ts';
import { AppError, notFound, validationError } from '#functions/core/errors.ts';
import { hashSecret, newToken, tokenMatches } from '#functions/core/ids.ts';
import { claimFor, rateLimited, rsvpRules, type RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { RsvpsDeps } from './deps.ts';
import { authorise, authorised, publicView, saveEvent, type Caller } from '#functions/events/use-cases.ts';
import { meetupActivity } from '#functions/events/activity.ts';
import { replyToFor } from '#functions/networks/reply-to.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { joiningLink } from '#functions/events/calendar-links.ts';
import { attendanceSettingsIssues, type RsvpRequest } from './rsvp.schema.ts';
import { attendeesCsv, attendeesCsvName, byWaitlistOrder, newRsvpFields, rsvpKey, toAttendee } from './rsvp.ts';
import { confirmPlaceEmail, confirmedEmail, organiserNoticeEmail, promotedEmail, rsvpLinks, waitlistedEmail } from './emails.ts';
import { alreadyBookedEmail, cancelNoticeEmail, removedAskedAgainEmail, removedEmail } from './status-emails.ts';
import type { CancelInput, CancelOutcome, ConfirmOutcome, Promotion } from './rsvps.repository.ts';
import { personalFeedLinks } from '#functions/feeds/use-cases.ts';
import { outboxMessage, type OutboxMessage, type OutgoingEmail } from '#functions/core/email.ts';
import type { AttendanceSettings, AttendanceSummary, StoredEvent } from '#functions/core/event.ts';
import { attendanceSummary, checkHours, DEFAULT_CHECK_HOURS, DEFAULT_RELEASE_HOURS, noShowRate, releaseHours, stillComingOn } from '#functions/core/attendance.ts';
import { CLOSED_MESSAGES, rsvpAvailability } from '#functions/core/availability.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

/** Without `networks` (a bench, a one-off script) attendee emails keep the organiser as Reply-To. */
type Deps = Pick<RsvpsDeps, 'events' | 'rsvps' | 'feeds' | 'feedSecret' | 'clock' | 'siteUrl'> & Partial<Pick<RsvpsDeps, 'networks'>>;
// `feedback`: the anonymous feedback's reader (the cpd room's port, wired in apps/api), for a meetup that is over.
type OrganiserDeps = Deps & Pick<RsvpsDeps, 'suppressions' | 'networks'> & { feedback?: EventFeedbackReader };

/** The same words for an unknown RSVP and a wrong token, so a link can't be used to find out who RSVPed. */
const invalidLink = () =>
  new AppError('forbidden', 'invalid_token', 'This link is not valid or has expired. Use the latest link from your email, or reserve again.');
const busy = () => new AppError('conflict', 'busy', 'Lots of people are changing their plans right now. Please try again in a moment.');
const over = () => new AppError('conflict', 'event_over', 'This meetup has already happened, so there is no place to free.');

/** The words for a confirm the table refused. */
function confirmRefused(outcome: Extract<ConfirmOutcome, { ok: false }>, now: Date): AppError {
  if (outcome.reason === 'invalid_token') return invalidLink();
  if (outcome.reason === 'busy') return new AppError('conflict', 'busy', 'Lots of people are reserving right now. Please try again in a moment.');
  const availability = rsvpAvailability(outcome.event, now);
  return new AppError('conflict', 'rsvps_closed', CLOSED_MESSAGES[availability.open ? 'closed' : availability.reason]);
}

/** A cancel or removal that went through (or had nothing to do), or the words for why the table refused it. */
function left(outcome: CancelOutcome, unknown: () => AppError = invalidLink) {
  if (outcome.ok) return outcome;
  if (outcome.reason === 'not_found') throw unknown();
  if (outcome.reason === 'invalid_token') throw invalidLink();
  throw busy();
}

async function openEvent(deps: Deps, eventId: string): Promise<StoredEvent> {
  const event = await deps.events.get(eventId);
  if (!event || event.status === 'draft') throw notFound();
  return event;
}

/** A meetup that takes new RSVPs at all: one the operators hid is as unknown (its existing RSVPs stay and may leave). */
async function reservableEvent(deps: Deps, eventId: string): Promise<StoredEvent> {
  const event = await openEvent(deps, eventId);
  if (event.hidden) throw notFound();
  return event;
}

/** Dresses an email to an attendee: a network's meetup has Reply-To the network's contact address. */
type ToAttendee = (email: OutgoingEmail) => OutgoingEmail;

/** Emails to attendees of a network's meetup go out with Reply-To the network's contact address (networks/reply-to.ts). */
export async function toAttendees(deps: Pick<Deps, 'networks'>, event: StoredEvent): Promise<ToAttendee> {
  const replyTo = deps.networks ? await replyToFor({ networks: deps.networks }, event) : undefined;
  return (email) => (replyTo ? { ...email, replyTo } : email);
}

const ended = (event: StoredEvent, now: Date) => new Date(event.endUtc).getTime() <= now.getTime();
/** Freed places go to the waitlist only while the meetup is on and not over. */
const offersPlaces = (event: StoredEvent, now: Date) => event.status === 'published' && !ended(event, now);

/** The same answer, after the same work, whether or not the address has RSVPed before. */
export async function requestRsvp(deps: Deps, eventId: string, input: RsvpRequest, ip: string): Promise<void> {
  if (input.website) return; // the bot trap: say "check your email" and do nothing
  const event = await reservableEvent(deps, eventId);
  const now = deps.clock.now();
  const availability = rsvpAvailability(event, now);
  if (!availability.open) throw new AppError('conflict', 'rsvps_closed', CLOSED_MESSAGES[availability.reason]);
  const token = newToken();
  const rsvp = newRsvpFields(event, input, hashSecret(token), now);
  const claims = [claimFor(rsvpRules.perIp, ip, now), claimFor(rsvpRules.perRecipient, `${event.id}:${rsvp.email}`, now)];
  const reply = await toAttendees(deps, event);
  if (await askedAgain(deps, event, rsvp.key, claims, now, reply)) return;
  const link = rsvpLinks(deps.siteUrl, event.id, rsvp.key).confirm(token);
  const requested = await deps.rsvps.request(rsvp, claims, outboxMessage(reply(confirmPlaceEmail(event, deps.siteUrl, rsvp, link)), 'rsvp-confirm-link', now));
  if (!requested.ok) throw rateLimited(requested.claim);
}

/**
 * Someone asks again while holding a place or a place in line: they get their links ("You already have a place"),
 * with a fresh cancel link, not a second confirm link; someone the organiser removed hears why not. Nothing else
 * about them changes, and the same rate limits apply. False when this is a plain request after all.
 */
async function askedAgain(deps: Deps, event: StoredEvent, key: string, claims: RateClaim[], now: Date, reply: ToAttendee): Promise<boolean> {
  const existing = await deps.rsvps.get(event.id, key);
  const status = existing?.status;
  if (!existing || (status !== 'confirmed' && status !== 'waitlisted' && status !== 'removed')) return false;
  let email: OutgoingEmail;
  let cancelTokenHash: string | undefined;
  if (status === 'removed') {
    email = removedAskedAgainEmail(event, deps.siteUrl, existing);
  } else {
    const token = newToken();
    cancelTokenHash = hashSecret(token);
    const [feed, waitlistPosition] = await Promise.all([
      personalFeedLinks(deps, existing.email),
      status === 'waitlisted' ? deps.rsvps.waitlistPosition(existing) : undefined,
    ]);
    const cancelUrl = rsvpLinks(deps.siteUrl, event.id, key).cancel(token);
    email = alreadyBookedEmail(event, deps.siteUrl, existing, { status, cancelUrl, feed, waitlistPosition });
  }
  const purpose = status === 'removed' ? 'rsvp-removed' : 'rsvp-already-booked';
  const outcome = await deps.rsvps.requestAgain({ eventId: event.id, key, status, ...(cancelTokenHash ? { cancelTokenHash } : {}), now }, claims, outboxMessage(reply(email), purpose, now));
  if (outcome.ok) return true;
  if (outcome.reason === 'rate_limited') throw rateLimited(outcome.claim);
  return false; // their RSVP changed meanwhile (they cancelled): a plain request
}

function promotion(deps: Deps, event: StoredEvent, now: Date, reply: ToAttendee): Promotion {
  return async (candidate) => {
    const token = newToken();
    const link = rsvpLinks(deps.siteUrl, event.id, candidate.key).cancel(token);
    const feed = await personalFeedLinks(deps, candidate.email);
    return { cancelTokenHash: hashSecret(token), email: outboxMessage(reply(promotedEmail(event, deps.siteUrl, candidate, link, feed)), 'rsvp-promoted', now) };
  };
}

/** What a confirm, cancel or removal does to places: promotion while the meetup is on. */
const placesRules = (deps: Deps, event: StoredEvent, now: Date, reply: ToAttendee): Pick<CancelInput, 'promotion'> =>
  offersPlaces(event, now) ? { promotion: promotion(deps, event, now, reply) } : {};

/** The organiser's "someone cancelled" email, when they asked for it, with the counts after (so the write keeps them true). */
function cancelNotice(deps: Deps, event: StoredEvent, now: Date, deleted = false): Pick<CancelInput, 'emails' | 'exactCounts'> {
  if (!event.notifyOnCancel || !offersPlaces(event, now)) return {};
  return {
    exactCounts: true,
    emails: ({ rsvp, from, promoted, after }) => from === 'pending' || from === 'walkin' ? [] : [
      outboxMessage(cancelNoticeEmail(event, deps.siteUrl, rsvp, { from, promoted, after, deleted }), 'rsvp-organiser-cancel-notice', now),
    ],
  };
}

export async function confirmRsvp(deps: Deps, eventId: string, key: string, token: string) {
  const [event, rsvp] = await Promise.all([reservableEvent(deps, eventId), deps.rsvps.get(eventId, key)]);
  if (!rsvp) throw invalidLink();
  const [feed, reply] = await Promise.all([personalFeedLinks(deps, rsvp.email), toAttendees(deps, event)]);
  const now = deps.clock.now();
  const cancelToken = newToken();
  const cancelUrl = rsvpLinks(deps.siteUrl, eventId, key).cancel(cancelToken);
  const notice = (status: 'confirmed' | 'waitlisted'): OutboxMessage[] =>
    event.notifyOnRsvp ? [outboxMessage(organiserNoticeEmail(event, deps.siteUrl, rsvp, status), 'rsvp-organiser-notice', now)] : [];
  const outcome = await deps.rsvps.confirm({
    event, key, now, confirmTokenHash: hashSecret(token), cancelTokenHash: hashSecret(cancelToken),
    emails: {
      confirmed: [outboxMessage(reply(confirmedEmail(event, deps.siteUrl, rsvp, cancelUrl, feed)), 'rsvp-confirmed', now), ...notice('confirmed')],
      // The leave link tells the page to speak of the waitlist rather than a place.
      waitlisted: [outboxMessage(reply(waitlistedEmail(event, deps.siteUrl, rsvp, `${cancelUrl}&waitlist=1`, feed)), 'rsvp-waitlisted', now), ...notice('waitlisted')],
    },
  });
  if (!outcome.ok) throw confirmRefused(outcome, now);
  const { status, already } = outcome;
  const position = status === 'waitlisted' ? await waitlistPositionOf(deps, eventId, key) : undefined;
  // The counts after this change: as read when nothing changed, else with this person counted (not re-read: others
  // may be confirming at the same moment anyway).
  const counted = already ? event : status === 'confirmed'
    ? { ...event, confirmedCount: (event.confirmedCount ?? 0) + 1 }
    : { ...event, waitlistCount: (event.waitlistCount ?? 0) + 1 };
  const onlineUrl = status === 'confirmed' ? joiningLink(event, 'place') : undefined;
  return {
    status, already,
    ...(position ? { waitlistPosition: position } : {}),
    ...(onlineUrl ? { onlineUrl } : {}),
    event: publicView(deps, counted),
  };
}

async function waitlistPositionOf(deps: Deps, eventId: string, key: string) {
  const rsvp = await deps.rsvps.get(eventId, key);
  return rsvp?.status === 'waitlisted' ? deps.rsvps.waitlistPosition(rsvp) : undefined;
}

/** Which of a person's emailed links a token is: their confirm link, or a cancel link (their latest email's or reminder's). */
function linkOf(rsvp: StoredRsvp, token: string): 'confirm' | 'cancel' | undefined {
  if (tokenMatches(token, rsvp.confirmTokenHash)) return 'confirm';
  const cancels = [rsvp.cancelTokenHash, rsvp.reminderCancelHash].filter((h): h is string => Boolean(h));
  return cancels.some((h) => tokenMatches(token, h)) ? 'cancel' : undefined;
}

/**
 * How an RSVP stands, for the page an emailed link opens, before anyone presses its button. Only reads: mail
 * scanners open every link. The confirm link or a cancel link works; any other token, or no such RSVP, is the same
 * 403 as confirm and cancel. 'pending' means this confirm link can still take a place (someone who cancelled and
 * asked again has a fresh, unused one).
 */
export async function rsvpStatus(deps: Deps, eventId: string, key: string, token: string) {
  const [event, rsvp] = await Promise.all([openEvent(deps, eventId), deps.rsvps.get(eventId, key)]);
  const link = rsvp && linkOf(rsvp, token);
  if (!rsvp || !link) throw invalidLink();
  const status = link === 'confirm' && rsvp.status === 'cancelled' && !rsvp.confirmTokenUsedAt ? 'pending' : rsvp.status;
  const position = status === 'waitlisted' ? await deps.rsvps.waitlistPosition(rsvp) : undefined;
  const onlineUrl = status === 'confirmed' ? joiningLink(event, 'place') : undefined;
  return {
    status, link, remindersOff: Boolean(rsvp.remindersOff),
    ...(position ? { waitlistPosition: position } : {}),
    ...(onlineUrl ? { onlineUrl } : {}),
    // So the page a "You're in" email opens shows "You're checked in", not the code form again.
    ...(status === 'confirmed' && rsvp.checkedInAt ? { checkedInAt: rsvp.checkedInAt } : {}),
    event: publicView(deps, event),
  };
}

export async function cancelRsvp(deps: Deps, eventId: string, key: string, token: string) {
  const event = await openEvent(deps, eventId);
  const now = deps.clock.now();
  if (ended(event, now)) throw over();
  const reply = await toAttendees(deps, event);
  const outcome = left(await deps.rsvps.cancel({
    eventId, key, cancelTokenHash: hashSecret(token), now, ...placesRules(deps, event, now, reply), ...cancelNotice(deps, event, now),
  }));
  // Nothing to cancel: say how it stands (an RSVP never confirmed has no place either).
  const status: 'removed' | 'cancelled' = outcome.already && outcome.status === 'removed' ? 'removed' : 'cancelled';
  return {
    status, already: outcome.already,
    ...(outcome.already ? {} : { promoted: outcome.promoted }),
    event: publicView(deps, await openEvent(deps, eventId)),
  };
}

/**
 * Deletes the RSVP and everything kept about the person for this meetup (its place goes to the waitlist, as with a
 * cancel), from the cancel link in their email. A repeat, or a meetup its organiser already deleted, is the same answer.
 */
export async function deleteRsvp(deps: Deps, eventId: string, key: string, token: string) {
  const event = await deps.events.get(eventId);
  if (!event || event.status === 'draft') {
    if (await deps.rsvps.deletedEvent(eventId)) return { deleted: true as const };
    throw notFound();
  }
  const now = deps.clock.now();
  const reply = await toAttendees(deps, event);
  const outcome = await deps.rsvps.deleteRsvp({
    eventId, key, cancelTokenHash: hashSecret(token), now, ...placesRules(deps, event, now, reply), ...cancelNotice(deps, event, now, true),
  });
  if (!outcome.ok) throw outcome.reason === 'invalid_token' ? invalidLink() : busy();
  return { deleted: true as const };
}

// ---- Organiser side (the manage link, or signed in as its organiser or an organiser of its network) ----

const LIST_ORDER: StoredRsvp['status'][] = ['confirmed', 'walkin', 'waitlisted', 'pending', 'cancelled', 'removed'];

async function attendeeList(deps: OrganiserDeps, event: StoredEvent, shows: { feedback: boolean } = { feedback: true }) {
  const [rsvps, network] = await Promise.all([deps.rsvps.list(event.id), event.networkSlug ? deps.networks.get(event.networkSlug) : undefined]);
  const suppressed = await deps.suppressions.find(rsvps.map((r) => r.email));
  const now = deps.clock.now();
  // Once it is over: the counts kept on the meetup (they outlive the RSVPs), else counted now from the list.
  const summary = ended(event, now) ? (event.attendanceSummary ?? attendanceSummary(rsvps, now)) : undefined;
  const stillComingDefault = stillComingOn({ capacity: event.capacity }, Boolean(network?.stillComingEveryMeetup));
  const waitlist = rsvps.filter((r) => r.status === 'waitlisted').sort(byWaitlistOrder);
  const position = new Map(waitlist.map((r, i) => [r.key, i + 1]));
  const order = (r: StoredRsvp) => LIST_ORDER.indexOf(r.status);
  const sorted = [...rsvps].sort((a, b) => order(a) - order(b) || (position.get(a.key) ?? 0) - (position.get(b.key) ?? 0) || a.createdAt.localeCompare(b.createdAt));
  return {
    ...(event.capacity !== undefined ? { capacity: event.capacity } : {}),
    confirmed: event.confirmedCount ?? 0,
    waitlist: event.waitlistCount ?? 0,
    rsvpsOpen: !event.rsvpsClosed,
    notifyOnRsvp: Boolean(event.notifyOnRsvp),
    notifyOnCancel: Boolean(event.notifyOnCancel),
    remindersOn: !event.remindersOff,
    attendance: {
      stillComing: event.attendance?.check ?? stillComingDefault,
      stillComingDefault,
      checkHours: checkHours(event.attendance),
      release: Boolean(event.attendance?.release),
      releaseHours: releaseHours(event.attendance),
    },
    ...(summary ? { numbers: numbersOf(summary, Boolean(event.attendanceSummary)) } : {}),
    // Never who wrote what: only the count under three answers (core/feedback.ts feedbackView).
    ...(summary && deps.feedback && shows.feedback ? { feedback: await feedbackView(deps.feedback, event.id) } : {}),
    attendees: sorted.map((r) => toAttendee(r, position.get(r.key), suppressed.get(r.email)?.reason)),
  };
}

function numbersOf(summary: AttendanceSummary, kept: boolean) {
  const rate = noShowRate(summary);
  return { ...summary, ...(rate !== undefined ? { noShowRate: rate } : {}), kept };
}

/** Managers always; a helper of its network on the day (networks/authority.ts canSeeAttendees). */
export async function attendees(deps: OrganiserDeps, eventId: string, caller: Caller | string) {
  const { event, authority } = await authorise(deps, eventId, caller, 'attendees');
  // The feedback is for whoever runs the meetup: a helper at the door sees who is coming, not what people said.
  return attendeeList(deps, event, { feedback: authority !== 'helper' });
}

/** The CSV, named after the meetup, with times in its own zone. Who may see the list may download it. */
export async function attendeesCsvFile(deps: OrganiserDeps, eventId: string, caller: Caller | string) {
  const event = await authorised(deps, eventId, caller, 'attendees');
  return { csv: attendeesCsv((await attendeeList(deps, event)).attendees, event.timezone), filename: attendeesCsvName(event) };
}

/**
 * The organiser removes someone: they are emailed (with the organiser's message, if any; replies reach the
 * organiser) and listed as "Removed by the organiser"; their place goes to the first in line. Their confirm link can
 * never take a place again. Idempotent.
 */
export async function removeAttendee(deps: OrganiserDeps, eventId: string, caller: Caller | string, key: string, message?: string) {
  const { event, actor } = await authorise(deps, eventId, caller);
  const now = deps.clock.now();
  const reply = await toAttendees(deps, event);
  if (ended(event, now)) throw new AppError('conflict', 'event_over', 'This meetup has already happened, so there is no place to take back.');
  // People who never confirmed had no place to lose, a walk-in booked nothing, and a cancelled meetup has told
  // everyone already: no email.
  const emails: CancelInput['emails'] = ({ rsvp, from }) => from === 'pending' || from === 'walkin' || event.status !== 'published' ? [] : [
    outboxMessage(reply(removedEmail(event, deps.siteUrl, rsvp, from, message)), 'rsvp-removed', now),
  ];
  const activity = await meetupActivity(deps, [event], actor, 'attendee-removed', now);
  left(await deps.rsvps.cancel({ eventId, key, now, as: 'removed', ...placesRules(deps, event, now, reply), emails, activity }),
    () => new AppError('not_found', 'not_found', 'That person is not on the attendee list.'));
  return attendeeList(deps, await authorised(deps, eventId, caller));
}

export interface RsvpSettings {
  rsvpsOpen?: boolean | undefined;
  notifyOnRsvp?: boolean | undefined;
  notifyOnCancel?: boolean | undefined;
  remindersOn?: boolean | undefined;
  /** null: back to the default (core/attendance.ts stillComingOn). */
  stillComing?: boolean | null | undefined;
  checkHours?: number | undefined;
  release?: boolean | undefined;
  releaseHours?: number | undefined;
}

/** The meetup's "Still coming?" settings with these changes: only what differs from a default is stored. */
function attendanceWith(current: AttendanceSettings | undefined, s: RsvpSettings): AttendanceSettings | undefined {
  const next: AttendanceSettings = { ...current };
  if (s.stillComing === null) delete next.check;
  else if (s.stillComing !== undefined) next.check = s.stillComing;
  if (s.checkHours !== undefined) next.checkHours = s.checkHours;
  if (s.release !== undefined) next.release = s.release;
  if (s.releaseHours !== undefined) next.releaseHours = s.releaseHours;
  if (next.checkHours === DEFAULT_CHECK_HOURS) delete next.checkHours;
  if (next.releaseHours === DEFAULT_RELEASE_HOURS) delete next.releaseHours;
  if (next.release === false) delete next.release;
  return Object.keys(next).length ? next : undefined;
}

export async function updateRsvpSettings(deps: OrganiserDeps, eventId: string, caller: Caller | string, settings: RsvpSettings) {
  const { event, actor } = await authorise(deps, eventId, caller);
  const now = deps.clock.now();
  const attendance = attendanceWith(event.attendance, settings);
  const network = event.networkSlug ? await deps.networks.get(event.networkSlug) : undefined;
  const issues = attendanceSettingsIssues({
    stillComing: stillComingOn({ attendance, capacity: event.capacity }, Boolean(network?.stillComingEveryMeetup)),
    checkHours: checkHours(attendance),
    release: Boolean(attendance?.release),
    releaseHours: releaseHours(attendance),
  });
  if (issues.length) throw validationError(issues);
  const { attendance: _old, ...rest } = event;
  const next: StoredEvent = {
    ...rest,
    ...(settings.rsvpsOpen !== undefined ? { rsvpsClosed: !settings.rsvpsOpen } : {}),
    ...(settings.notifyOnRsvp !== undefined ? { notifyOnRsvp: settings.notifyOnRsvp } : {}),
    ...(settings.notifyOnCancel !== undefined ? { notifyOnCancel: settings.notifyOnCancel } : {}),
    ...(settings.remindersOn !== undefined ? { remindersOff: !settings.remindersOn } : {}),
    ...(attendance ? { attendance } : {}),
    updatedAt: now.toISOString(),
  };
  await saveEvent(deps, next, event, undefined, { activity: await meetupActivity(deps, [event, next], actor, 'rsvp-settings', now) });
  return attendeeList(deps, await authorised(deps, eventId, caller));
}

/** After capacity goes up (or away), waitlisted people take the new places in order. Lowering evicts nobody. */
export async function fillFreedPlaces(deps: Deps, before: StoredEvent, after: StoredEvent) {
  const grew = after.capacity === undefined ? before.capacity !== undefined : before.capacity !== undefined && after.capacity > before.capacity;
  if (!grew || after.status !== 'published') return 0;
  const now = deps.clock.now();
  return deps.rsvps.fillFromWaitlist({ eventId: after.id, now, promotion: promotion(deps, after, now, await toAttendees(deps, after)) });
}

// ---- Signed in: one tap to reserve, and cancelling my own place ----

/** How a signed-in person's RSVP stands, in the words of a confirm's answer. */
async function standing(deps: Deps, event: StoredEvent, rsvp: StoredRsvp) {
  const status = rsvp.status as 'confirmed' | 'waitlisted' | 'removed';
  const position = status === 'waitlisted' ? await deps.rsvps.waitlistPosition(rsvp) : undefined;
  const onlineUrl = status === 'confirmed' ? joiningLink(event, 'place') : undefined;
  return { status, already: true, ...(position ? { waitlistPosition: position } : {}), ...(onlineUrl ? { onlineUrl } : {}), event: publicView(deps, event) };
}

const holds = (rsvp: StoredRsvp | undefined): rsvp is StoredRsvp =>
  rsvp?.status === 'confirmed' || rsvp?.status === 'waitlisted' || rsvp?.status === 'removed';

/**
 * One tap, signed in: their address is proven, so there is no confirm link to email. The RSVP is stored as a request
 * would store it (same rate limits), then confirmed at once by the confirm use case, so the same transaction takes a
 * place or joins the waitlist and queues the same "You're in" (or waitlisted) email with the cancel link, calendar
 * file and joining link. Someone already going (or removed by the organiser) is told how it stands; nothing changes.
 */
export async function reserveSignedIn(deps: Deps & Pick<RsvpsDeps, 'sessions' | 'networks'>, eventId: string, input: { name: string; note?: string | undefined }, viewer: Viewer, ip: string) {
  const event = await reservableEvent(deps, eventId);
  const now = deps.clock.now();
  const availability = rsvpAvailability(event, now);
  if (!availability.open) throw new AppError('conflict', 'rsvps_closed', CLOSED_MESSAGES[availability.reason]);
  const key = rsvpKey(event.id, viewer.email);
  const existing = await deps.rsvps.get(event.id, key);
  if (holds(existing)) return standing(deps, event, existing);
  const token = newToken();
  const rsvp = newRsvpFields(event, { name: input.name, email: viewer.email, note: input.note }, hashSecret(token), now);
  const claims = [claimFor(rsvpRules.perIp, ip, now), claimFor(rsvpRules.perRecipient, `${event.id}:${rsvp.email}`, now)];
  const requested = await deps.rsvps.request(rsvp, claims, undefined);
  if (!requested.ok) throw rateLimited(requested.claim);
  await deps.sessions.rememberName(viewer.personId, input.name);
  try {
    return await confirmRsvp(deps, eventId, key, token);
  } catch (error) {
    // A second tap at the same moment replaced this one's link and took the place: say how it stands.
    const now = await deps.rsvps.get(event.id, key);
    if (error instanceof AppError && error.code === 'invalid_token' && holds(now)) return standing(deps, event, now);
    throw error;
  }
}

/**
 * Signed in: cancel my own place, or leave the waitlist ("Your meetups", the event page). The place goes to the first
 * in line, as with the emailed cancel link. Nothing to cancel is the same answer, with `already`.
 */
export async function cancelMine(deps: Deps & Pick<RsvpsDeps, 'networks'>, eventId: string, viewer: Viewer) {
  const event = await openEvent(deps, eventId);
  const now = deps.clock.now();
  if (ended(event, now)) throw over();
  const reply = await toAttendees(deps, event);
  const outcome = left(
    await deps.rsvps.cancel({ eventId, key: rsvpKey(eventId, viewer.email), now, as: 'cancelled', ...placesRules(deps, event, now, reply), ...cancelNotice(deps, event, now) }),
    () => new AppError('not_found', 'no_rsvp', 'You have no place at this meetup, and are not on its waitlist.'),
  );
  const status: 'removed' | 'cancelled' = outcome.already && outcome.status === 'removed' ? 'removed' : 'cancelled';
  return {
    status, already: outcome.already,
    ...(outcome.already ? {} : { promoted: outcome.promoted }),
    event: publicView(deps, await openEvent(deps, eventId)),
  };
}

/**
 * A confirmed place given up other than by the cancel link (attendance/: "No" to "Still coming?", or a place released
 * unanswered), in a cancel's own transaction: the first in line is promoted and told, and `record` is set on the RSVP
 * with it. "No" sends the organiser's cancel notice if they asked for one; a `release` happens only by promoting
 * someone, and sends its own `emails` (the released person's) instead. Nothing to give up is `already`.
 */
export async function giveUpPlace(
  deps: Deps, eventId: string, key: string,
  change: { record: Record<string, string>; release?: { emails: (reply: ToAttendee, now: Date) => NonNullable<CancelInput['emails']> } },
) {
  const event = await openEvent(deps, eventId);
  const now = deps.clock.now();
  if (ended(event, now)) throw over();
  const reply = await toAttendees(deps, event);
  const { release } = change;
  return left(await deps.rsvps.cancel({
    eventId, key, now, as: 'cancelled', record: change.record, ...placesRules(deps, event, now, reply),
    ...(release ? { release: true, emails: release.emails(reply, now) } : cancelNotice(deps, event, now)),
  }));
}
