// Reminders: the storage port. Each reminder is claimed by a conditional write in the same transaction as its
// outbox message, so however many sweeps run, crash or repeat, each (RSVP, kind, start) is mailed once.
import type { ReminderKind, RemindedFields } from './reminder.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { StoredNotice } from '#functions/core/notice.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

export interface ReminderClaim {
  event: StoredEvent;
  rsvp: StoredRsvp;
  kind: ReminderKind;
  /** The kinds this reminder stands for (itself and any longer one it supersedes), recorded together. */
  covers?: ReminderKind[];
  now: Date;
  /** For confirmed people: the hash of the cancel link this reminder carries. */
  cancelTokenHash?: string;
  email: OutboxMessage;
}

export interface RemindersRepository {
  /** Published (and cancelled) events starting in (from, to], from the listing index: never a Scan. */
  startingBetween(from: string, to: string): Promise<(StoredEvent & RemindedFields)[]>;
  /** Every RSVP of an event, with what it was reminded of. */
  rsvps(eventId: string): Promise<(StoredRsvp & RemindedFields)[]>;
  /**
   * Records the reminder on the RSVP and queues its email, if the event is still on at that start, the RSVP still
   * in the same state and not reminded of this kind for this start. False when any of that no longer holds.
   */
  claim(claim: ReminderClaim): Promise<boolean>;
  /**
   * Marks kinds done for the event at its current start and its joinCount as read, so later sweeps skip it until
   * someone new joins.
   */
  markDone(event: StoredEvent, kinds: ReminderKind[]): Promise<void>;
  /** Change notices due by `now`, oldest first. */
  dueNotices(now: Date): Promise<StoredNotice[]>;
  event(id: string): Promise<StoredEvent | undefined>;
  /** Records the notice on the RSVP and queues its email, unless that RSVP already had it or is not going. */
  claimNotice(notice: StoredNotice, rsvp: StoredRsvp, email: OutboxMessage, cancelTokenHash?: string): Promise<boolean>;
  /** Once everyone has it. */
  deleteNotice(notice: StoredNotice): Promise<void>;
}
