// Me: when a signed-in person is shown a way into a meetup's check-in page (functions/attendance), decided once for
// "Your meetups" and the event page's script: the team on the day ("Check people in"), a confirmed place while the
// day's code works or from the morning it opens ("Check in with the code"), and nobody else, no other day.
import { codeWindow, codeWindowOpen, onTheDay } from '#functions/core/attendance.ts';
import { notFound } from '#functions/core/errors.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { eventPagePaths } from '#functions/core/paths.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { canSeeAttendees, meetupAuthority, type MeetupAuthority } from '#functions/networks/authority.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import type { PlaceLine } from '#views/me-page.ts';
import type { MeDeps } from './deps.ts';
import type { CheckInLink } from './me.schema.ts';

type Timed = Pick<StoredEvent, 'startUtc' | 'endUtc'>;
/** A meetup's state as "Your meetups" shows it: hidden by the operators, or its own status. */
type LineStatus = StoredEvent['status'] | 'hidden';

export type SelfCheckIn = NonNullable<PlaceLine['checkIn']>;

/**
 * "Check people in" shows on the day only, for whoever may see the list (networks/authority.ts canSeeAttendees):
 * the hours a helper may see it, 12 before the start to 12 after the end, for organisers too. Not for a draft or a
 * cancelled meetup, which nobody comes to.
 */
export function teamChecksIn(authority: MeetupAuthority | undefined, event: Timed & { status: LineStatus }, now: Date): boolean {
  if (event.status === 'draft' || event.status === 'cancelled') return false;
  return canSeeAttendees(authority, event, now) && onTheDay(event, now);
}

/** A date as YYYY-MM-DD on the meetup's clock. */
const dayIn = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * Self check-in, for a confirmed place at a meetup going ahead: while the code window is open, or from the start of
 * the day (the meetup's) it opens, when the link says from when. The check-in page takes only a confirmed place's code.
 */
export function selfCheckIn(event: Pick<StoredEvent, 'id' | 'startUtc' | 'endUtc' | 'timezone' | 'status'>, rsvp: Pick<StoredRsvp, 'status' | 'checkedInAt'> | undefined, now: Date): SelfCheckIn | undefined {
  if (rsvp?.status !== 'confirmed' || event.status !== 'published') return undefined;
  const { opens } = codeWindow(event);
  const open = codeWindowOpen(event, now);
  if (!open && !(now < opens && dayIn(opens, event.timezone) === dayIn(now, event.timezone))) return undefined;
  return { path: eventPagePaths.checkIn(event.id), opens: opens.toISOString(), open, done: Boolean(rsvp.checkedInAt) };
}

/** The viewer's way into this meetup's check-in page, if they have one now. A draft or unknown meetup is a 404. */
export async function checkInLinkFor(deps: MeDeps, id: string, viewer: Viewer): Promise<CheckInLink> {
  const event = await deps.events.get(id);
  if (!event || event.status === 'draft') throw notFound();
  const now = deps.clock.now();
  const [authority, rsvp] = await Promise.all([meetupAuthority(deps, event, viewer), deps.rsvps.get(id, rsvpKey(id, viewer.email))]);
  if (teamChecksIn(authority, { ...event, status: event.hidden ? 'hidden' : event.status }, now)) return { kind: 'team', path: eventPagePaths.checkIn(id) };
  const self = selfCheckIn(event, rsvp, now);
  return self ? { kind: 'self', timezone: event.timezone, ...self } : { kind: 'none' };
}
