// Attendance: the "Still coming?" storage port. Each question is claimed by a conditional write in the same transaction
// as its outbox email, so however many sweeps run, crash or repeat, and however the start moves, each RSVP is asked
// once. A mark on the event lets later sweeps skip it until an ask or a deadline is due, or someone new joins.
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

/** What a sweep last saw of a meetup: `seen` (version, start and joinCount then) and when it next has work, if ever. */
export interface StillComingMark {
  seen: string;
  next?: string;
}
export type StillComingFields = { stillComingMark?: StillComingMark };

/** The mark's `seen` for an event as read: any edit, move or new joiner makes it differ. */
export const seenKey = (event: Pick<StoredEvent, 'version' | 'startUtc' | 'joinCount'>) => `${event.version} ${event.startUtc} ${event.joinCount ?? 0}`;

export interface StillComingClaim {
  event: StoredEvent;
  rsvp: StoredRsvp;
  now: Date;
  /** The hash of the token in the email's links. */
  tokenHash: string;
  /** Given only when their place may be released unanswered. */
  releaseDeadline?: Date | undefined;
  email: OutboxMessage;
}

/** A released person takes a place back. */
export interface TakeBack {
  event: StoredEvent;
  key: string;
  tokenHash: string;
  now: Date;
  /** The hash of the cancel link in their "place back" email. */
  cancelTokenHash: string;
  email: OutboxMessage;
}

export interface StillComingRepository {
  /** Published (and cancelled) events starting in (from, to], from the listing index: never a Scan. */
  startingBetween(from: string, to: string): Promise<(StoredEvent & StillComingFields)[]>;
  rsvps(eventId: string): Promise<StoredRsvp[]>;
  /**
   * Records the question on the RSVP and queues its email, if the event is still published at the start read and
   * still ahead, and the RSVP still confirmed, never asked and not turned off reminders. False when any of that fails.
   */
  claim(claim: StillComingClaim): Promise<boolean>;
  /** Marks what this sweep saw of the event (unless its start moved meanwhile). */
  mark(event: StoredEvent, next: Date | undefined): Promise<void>;
  /** "Yes": recorded while the place is theirs and the token theirs. False when not (gave it up, released, wrong token). */
  answerYes(input: { eventId: string; key: string; tokenHash: string; now: Date }): Promise<boolean>;
  /**
   * Gives a released person a place again, if one is free (a capacity not reached and nobody waiting) and the meetup
   * still ahead: one transaction with their email. 'full' when none is; 'gone' when the RSVP is no longer released.
   */
  takeBack(input: TakeBack): Promise<'taken' | 'full' | 'gone'>;
}
