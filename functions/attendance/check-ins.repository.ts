// Attendance: the check-in storage port. A tap is one conditional UpdateItem on the RSVP (no counter on the busy event
// item, so helpers at the door never contend); the numbers are counted from the RSVPs, and kept on the event once the
// day is over (AttendanceSummary).
import type { CheckInBy, StoredRsvp } from '#functions/core/rsvp.ts';
import type { AttendanceSummary } from '#functions/core/event.ts';

/** Checked in (`already` when they were, by an earlier tap or their code); or refused, with why. */
export type CheckInOutcome =
  | { ok: true; already: boolean; rsvp: StoredRsvp }
  /** No such RSVP at this meetup; or it holds no place (pending, cancelled, removed). */
  | { ok: false; reason: 'not_found' | 'no_place' };

export type WalkInOutcome = { ok: true; rsvp: StoredRsvp } | { ok: false; reason: 'full' | 'closed' };

export interface CheckInsRepository {
  /** Marks the RSVP checked in (confirmed, waitlisted or a walk-in), once: a repeat keeps the first time and who. */
  checkIn(input: { eventId: string; key: string; by: CheckInBy; now: Date }): Promise<CheckInOutcome>;
  /** Undoes a check-in (a mistaken tap). Idempotent; a walk-in's undo is `removeWalkIn`. */
  undoCheckIn(input: { eventId: string; key: string; now: Date }): Promise<CheckInOutcome>;
  /**
   * Adds someone who came without booking, checked in, taking a place while the capacity allows. `requestId` (the
   * client's, for a tap queued offline and sent again): the same id at the same meetup adds once, a repeat answering
   * the walk-in it added.
   */
  addWalkIn(input: { eventId: string; name: string; email?: string | undefined; by: CheckInBy; now: Date; expiresAt: number; requestId?: string | undefined }): Promise<WalkInOutcome>;
  /** Removes a walk-in added by mistake, freeing their place. Idempotent. */
  removeWalkIn(input: { eventId: string; key: string }): Promise<{ ok: boolean }>;
  /** The day's self check-in code, if one was made. */
  code(eventId: string): Promise<{ code: string; createdAt: string } | undefined>;
  /** Makes a new code (the first, or a rotation): the old one stops working at once. */
  rotateCode(eventId: string, code: string, now: Date, expiresAt: number): Promise<void>;
  /** Keeps the meetup's numbers on the event item (unless it is gone). */
  saveSummary(eventId: string, summary: AttendanceSummary): Promise<void>;
}
