// Core: the rules of attendance, pure. When "Still coming?" is asked and whether an unanswered place may be released
// (functions/attendance sends and releases), the day's self check-in code and its window, and the numbers a meetup
// keeps once its RSVPs are gone.
import type { AttendanceSettings, AttendanceSummary, StoredEvent } from './event.ts';
import type { StoredRsvp } from './rsvp.ts';

const HOUR = 3_600_000;

export const DEFAULT_CHECK_HOURS = 72;
export const DEFAULT_RELEASE_HOURS = 24;
/** The settings' bounds: the question at most 14 days ahead, the deadline at least 1 hour before the start. */
export const CHECK_HOURS_RANGE = { min: 6, max: 14 * 24 } as const;
export const RELEASE_HOURS_RANGE = { min: 1, max: 7 * 24 } as const;
/** Nobody is asked less than this before the start: too late to give the place to anyone. */
export const MIN_ASK_LEAD_HOURS = 3;
/** A place is released only if its holder had at least this long between the email and the deadline. */
export const MIN_ANSWER_HOURS = 12;

type Timed = Pick<StoredEvent, 'startUtc' | 'endUtc'>;
type WithSettings = Timed & Pick<StoredEvent, 'attendance' | 'capacity'>;

/** Whether "Still coming?" is on for this meetup: its own setting, else on with a capacity or when its network says so. */
export function stillComingOn(event: Pick<StoredEvent, 'attendance' | 'capacity'>, networkEveryMeetup = false): boolean {
  return event.attendance?.check ?? (event.capacity !== undefined || networkEveryMeetup);
}

export const checkHours = (s: AttendanceSettings | undefined) => s?.checkHours ?? DEFAULT_CHECK_HOURS;
export const releaseHours = (s: AttendanceSettings | undefined) => s?.releaseHours ?? DEFAULT_RELEASE_HOURS;

/** When they took their place: a promotion from the waitlist counts as booking then. */
export const bookedAt = (rsvp: Pick<StoredRsvp, 'confirmedAt' | 'createdAt'>) => new Date(rsvp.confirmedAt ?? rsvp.createdAt);

/**
 * When this person is asked: `checkHours` before the start, but never longer before the start than they had held the
 * place by then (someone who booked 2 days ahead is asked a day ahead). Undefined: not asked (booked too late).
 */
export function askAt(event: WithSettings, rsvp: Pick<StoredRsvp, 'confirmedAt' | 'createdAt'>): Date | undefined {
  const start = Date.parse(event.startUtc);
  const lead = Math.min(checkHours(event.attendance) * HOUR, (start - bookedAt(rsvp).getTime()) / 2);
  return lead >= MIN_ASK_LEAD_HOURS * HOUR ? new Date(start - lead) : undefined;
}

/** The deadline for answering, if release is on for this meetup: `releaseHours` before the start. */
export function releaseDeadlineOf(event: WithSettings): Date | undefined {
  return event.attendance?.release ? new Date(Date.parse(event.startUtc) - releaseHours(event.attendance) * HOUR) : undefined;
}

/**
 * The deadline someone asked at `askedAt` is given: only when release is on and they have at least MIN_ANSWER_HOURS
 * to answer. Undefined: their place is never released, and their email says nothing of a deadline.
 */
export function deadlineFor(event: WithSettings, askedAt: Date): Date | undefined {
  const deadline = releaseDeadlineOf(event);
  return deadline && deadline.getTime() - askedAt.getTime() >= MIN_ANSWER_HOURS * HOUR ? deadline : undefined;
}

/** How the attendee list shows someone's answer; undefined when they were never asked. */
export type AttendanceAnswer = 'yes' | 'no' | 'no-answer' | 'released';
export const ATTENDANCE_ANSWER_LABELS: Record<AttendanceAnswer, string> = {
  yes: 'Yes, coming',
  no: 'No, gave their place up',
  'no-answer': 'No answer',
  released: 'Released (no answer)',
};
export function attendanceAnswer(rsvp: Pick<StoredRsvp, 'stillComingAskedAt' | 'stillComing' | 'releasedAt'>): AttendanceAnswer | undefined {
  if (rsvp.releasedAt) return 'released';
  if (rsvp.stillComing) return rsvp.stillComing;
  return rsvp.stillComingAskedAt ? 'no-answer' : undefined;
}

// ---- Self check-in: the day's code ----

/** Letters that can't be mistaken for each other or for digits when said aloud or read off a slide (no I, L, O, Q, S, Z). */
export const CHECK_IN_CODE_ALPHABET = 'ABCDEFGHJKMNPRTUVWXY';
export const CHECK_IN_CODE_LENGTH = 4;

/** "abcd", " a b c d " and "ABCD" are the same code. */
export const normaliseCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/** The window in which the day's code checks people in: from an hour before the start to an hour after the end. */
export function codeWindow(event: Timed): { opens: Date; closes: Date } {
  return { opens: new Date(Date.parse(event.startUtc) - HOUR), closes: new Date(Date.parse(event.endUtc) + HOUR) };
}
export function codeWindowOpen(event: Timed, now: Date): boolean {
  const { opens, closes } = codeWindow(event);
  return now >= opens && now <= closes;
}

/** "On the day", for the team at the door: from 12 hours before the start to 12 hours after the end. */
export const DOOR_HOURS = 12;
export function onTheDay(event: Timed, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(event.startUtc) - DOOR_HOURS * HOUR && t <= Date.parse(event.endUtc) + DOOR_HOURS * HOUR;
}

/** Once the code window has closed, the meetup's numbers are final enough to keep (the team may still correct them). */
export const attendanceClosed = (event: Timed, now: Date) => now > codeWindow(event).closes;

// ---- Numbers ----

/** Held a place (confirmed, or gave it up or was released only after the meetup had begun: neither happens). */
const booked = (r: Pick<StoredRsvp, 'status'>) => r.status === 'confirmed';

/** The meetup's attendance as counts, from its RSVPs as they stand after the meetup. */
export function attendanceSummary(rsvps: readonly StoredRsvp[], now: Date): AttendanceSummary {
  const count = (test: (r: StoredRsvp) => boolean) => rsvps.filter(test).length;
  const bookedCount = count(booked);
  const checkedIn = count((r) => r.status !== 'walkin' && Boolean(r.checkedInAt));
  const walkIns = count((r) => r.status === 'walkin');
  return {
    booked: bookedCount,
    asked: count((r) => Boolean(r.stillComingAskedAt)),
    answeredYes: count((r) => r.stillComing === 'yes'),
    answeredNo: count((r) => r.stillComing === 'no'),
    released: count((r) => Boolean(r.releasedAt)),
    checkedIn,
    walkIns,
    came: checkedIn + walkIns,
    noShows: count((r) => booked(r) && !r.checkedInAt),
    at: now.toISOString(),
  };
}

/** The share of booked people who did not come, 0 to 1; undefined with nobody booked. */
export const noShowRate = (s: Pick<AttendanceSummary, 'booked' | 'noShows'>) => (s.booked ? s.noShows / s.booked : undefined);
