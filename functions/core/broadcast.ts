// Core: a broadcast is one email sent to many people: an announcement of new meetups, a weekly digest, or a message
// from a team to its followers or to a meetup's attendees. It is stored first; then each recipient is claimed with
// their outbox message in one transaction (mail/broadcasts.ts), so however often the fan-out runs, crashes or repeats,
// everyone gets it once. An unfinished broadcast is picked up again by the sweep.

export type BroadcastKind = 'announcement' | 'digest' | 'message-followers' | 'message-attendees';

/** Who a team's message to a meetup's attendees goes to. */
export const ATTENDEE_AUDIENCES = ['going', 'waitlist', 'both'] as const;
export type AttendeeAudience = (typeof ATTENDEE_AUDIENCES)[number];

export interface StoredBroadcast {
  /** Unique. Digests use `digest-<slug>-<isoWeek>`, so a repeated weekly run finds the one already made. */
  id: string;
  kind: BroadcastKind;
  networkSlug?: string;
  /** message-attendees: the meetup. */
  eventId?: string;
  /** announcement: the meetups it announces (a series' occurrences, or several published within the window). */
  eventIds?: string[];
  /** message-attendees: who it goes to. */
  audience?: AttendeeAudience;
  /** Team messages: what the team wrote (plain text; links are made clickable in the HTML part). */
  subject?: string;
  body?: string;
  /** Team messages: who sent it, as the activity list names them. */
  sentBy?: { email: string; name?: string };
  /** digest: the ISO week it covers, e.g. 2026-W49. */
  week?: string;
  createdAt: string;
  /** 'open' until every recipient was claimed (or skipped); the sweep resumes open ones. */
  status: 'open' | 'done';
  /** Set when done: how many emails were queued. */
  queued?: number;
  finishedAt?: string;
}
