// RSVPs: the storage port. Every state change is one transaction: counters, RSVP items and outbox emails together.
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { NewRsvp } from './rsvp.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { ActivityEntry } from '#functions/core/network.ts';

/** Nothing was written: the first claim over its limit. */
export type RequestOutcome = { ok: true } | { ok: false; reason: 'rate_limited'; claim: RateClaim };

/**
 * Confirmed or waitlisted (`already` when the link had been used, with the status as it stands, which may be
 * 'cancelled' or 'removed'); or refused: the link is not (or no longer) good, the event refused (`event` as it was,
 * to say why), or the attempts all lost their races.
 */
export type ConfirmOutcome =
  | { ok: true; status: 'confirmed' | 'waitlisted'; already: false }
  | { ok: true; status: 'confirmed' | 'waitlisted' | 'cancelled' | 'removed'; already: true }
  | { ok: false; reason: 'invalid_token' }
  | { ok: false; reason: 'closed'; event: StoredEvent }
  | { ok: false; reason: 'busy' };

/** The place counters right after a change: what notices about it say. */
export type CountsAfter = Required<Pick<StoredEvent, 'confirmedCount' | 'waitlistCount'>>;

/**
 * Cancelled or removed (`from` what it was; `already` when there was nothing to change, `status` then as it stands);
 * or refused: no such RSVP, the wrong link, or the attempts all lost their races.
 */
export type CancelOutcome =
  | { ok: true; already: false; status: 'cancelled' | 'removed'; from: 'pending' | 'confirmed' | 'waitlisted' | 'walkin'; promoted: boolean }
  | { ok: true; already: true; status: StoredRsvp['status'] }
  | { ok: false; reason: 'not_found' | 'invalid_token' | 'busy' };

/** What an adapter's step of leaving (a cancel, a removal, a deletion) did, before the port's answer is chosen. */
export type LeaveOutcome =
  | { ok: true; already: false; from: StoredRsvp['status']; promoted: boolean }
  | { ok: true; already: true; status: StoredRsvp['status'] }
  | { ok: false; reason: 'not_found' | 'invalid_token' | 'busy' };

/** A cancel without the person's cancel link is the organiser's removal. */
export const cancelMode = (input: Pick<CancelInput, 'as' | 'cancelTokenHash'>): 'cancelled' | 'removed' =>
  input.as ?? (input.cancelTokenHash === undefined ? 'removed' : 'cancelled');

/** What `cancel` answers, from what leaving did: the same rule for every adapter. */
export function cancelOutcome(outcome: LeaveOutcome, mode: 'cancelled' | 'removed'): CancelOutcome {
  if (!outcome.ok || outcome.already) return outcome;
  const { from, promoted } = outcome;
  // Someone already cancelled or removed changes nothing.
  if (from === 'cancelled' || from === 'removed') return { ok: true, already: true, status: from };
  return { ok: true, already: false, status: mode, from, promoted };
}

/** What promoting someone from the waitlist needs: their new cancel token's hash and their email. */
export type Promotion = (candidate: StoredRsvp) => Promise<{ cancelTokenHash: string; email: OutboxMessage }>;

/** The emails a change of places sends with it, built once the adapter knows the RSVP and the counts after it. */
export type ChangeEmails = (change: { rsvp: StoredRsvp; from: 'pending' | 'confirmed' | 'waitlisted' | 'walkin'; promoted: boolean; after: CountsAfter }) => OutboxMessage[];

export interface CancelInput {
  eventId: string;
  key: string;
  /** The link's hash; without one it is the organiser removing someone. */
  cancelTokenHash?: string;
  now: Date;
  /** Without one (a cancelled or finished meetup) a freed place is not offered to anyone. */
  promotion?: Promotion | undefined;
  /** 'removed' when the organiser removes them (a pending RSVP too, so its link can never take a place). */
  as?: 'cancelled' | 'removed';
  /**
   * Emails queued in the same transaction (the removed person's, the organiser's notice). With `exactCounts` the
   * write is conditioned on the counters it read, so the counts the emails give are the true ones after it.
   */
  emails?: ChangeEmails;
  exactCounts?: boolean;
  /** The network's activity lines for an organiser's removal, written with the change (nothing if nothing changed). */
  activity?: ActivityEntry[] | undefined;
  /**
   * Attributes set on the RSVP in the same write (attendance/: the "Still coming?" answer, or a release and its
   * take-back link's hash). Only a confirmed place is left this way: anything else is `already`, as it stands.
   */
  record?: Record<string, string> | undefined;
  /**
   * Releasing an unanswered place (attendance/): only by promoting the first in line in the same write (an empty
   * waitlist releases nobody: `already`), and only while the person has neither answered nor been checked in.
   */
  release?: boolean | undefined;
}

/** Whether a leave with these options may not go ahead for this RSVP as it stands (see CancelInput record, release). */
export const leaveRefused = (input: Pick<CancelInput, 'record' | 'release'>, rsvp: StoredRsvp) =>
  ((input.record || input.release) && rsvp.status !== 'confirmed') || (input.release && Boolean(rsvp.stillComing || rsvp.checkedInAt));

export interface RsvpsRepository {
  /**
   * Creates the RSVP, or refreshes its confirm link, and queues the email, in one write. Same work either way. No
   * email for a signed-in person's one tap: the confirm that follows at once sends theirs.
   */
  request(rsvp: NewRsvp, claims: RateClaim[], email: OutboxMessage | undefined): Promise<RequestOutcome>;
  /**
   * Someone asked again while holding a place, a place in line, or after being removed: takes the same claims and
   * queues `email` (with a fresh cancel link's hash, when given) if the RSVP is still in `status`; 'changed' if not.
   */
  requestAgain(
    again: { eventId: string; key: string; status: StoredRsvp['status']; cancelTokenHash?: string; now: Date },
    claims: RateClaim[],
    email: OutboxMessage,
  ): Promise<RequestOutcome | { ok: false; reason: 'changed' }>;
  get(eventId: string, key: string): Promise<StoredRsvp | undefined>;
  /** Confirms if a place is free, else waitlists. Idempotent: a used link changes nothing. */
  confirm(input: {
    event: StoredEvent;
    key: string;
    confirmTokenHash: string;
    cancelTokenHash: string;
    now: Date;
    /** The emails each outcome sends: the person's, and the organiser's notice if they asked for one. */
    emails: Record<'confirmed' | 'waitlisted', OutboxMessage[]>;
  }): Promise<ConfirmOutcome>;
  /**
   * Cancels (or removes) an RSVP; freeing a place promotes the first waitlisted person in the same transaction.
   * Idempotent.
   */
  cancel(input: CancelInput): Promise<CancelOutcome>;
  /** Fills free places from the waitlist, in order (after capacity is raised). Returns how many were promoted. */
  fillFromWaitlist(input: { eventId: string; now: Date; promotion: Promotion }): Promise<number>;
  /**
   * Deletes the RSVP and everything kept about the person for this meetup, freeing their place (and promoting) as a
   * cancel does, in one transaction; a tombstone holding only the link hashes answers a repeat. Idempotent.
   */
  deleteRsvp(input: Omit<CancelInput, 'as' | 'cancelTokenHash'> & { cancelTokenHash: string }): Promise<
    { ok: true; already: boolean; freed?: { from: 'confirmed' | 'waitlisted'; promoted: boolean } } | { ok: false; reason: 'invalid_token' | 'busy' }
  >;
  /**
   * Deletes a meetup and all its data: the event, its listings, RSVPs, notices, each attendee's link to it and their
   * rate-limit counters, then raises its feeds' versions. Leaves a tombstone with the manage link's hash (until
   * `keepUntil`), so a repeat, or a run after a crash, finds it and finishes. With `unlessNoticesPending` it does
   * nothing while a change or cancellation notice is still to be sent to someone with a place or on the waitlist.
   * Idempotent.
   */
  deleteEvent(input: {
    eventId: string; manageTokenHash: string; facets: string[]; keepUntil: number; now: Date; unlessNoticesPending?: boolean;
    /** The line for its network's activity list, written with the tombstone. */
    activity?: ActivityEntry[];
  }): Promise<{ ok: true } | { ok: false; reason: 'notices_pending' }>;
  /** The tombstone of a deleted meetup: its manage link's hash and the feeds it was in. */
  deletedEvent(eventId: string): Promise<{ manageTokenHash: string; facets: string[]; expiresAt: number } | undefined>;
  list(eventId: string): Promise<StoredRsvp[]>;
  /** Stops reminders for this RSVP without touching its place. False when there is no such RSVP. */
  setRemindersOff(eventId: string, key: string): Promise<boolean>;
  /** 1 for the first in line. */
  waitlistPosition(rsvp: StoredRsvp): Promise<number>;
}
