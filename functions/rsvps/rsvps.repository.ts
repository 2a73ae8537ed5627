// RSVPs: the storage port. Every state change is one transaction: counters, RSVP items and outbox emails together.
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { NewRsvp } from './rsvp.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

/** Nothing was written: the first claim over its limit. */
export type RequestOutcome = { ok: true } | { ok: false; reason: 'rate_limited'; claim: RateClaim };

/**
 * Confirmed or waitlisted (`already` for a repeat); or refused: the link is not (or no longer) good, the event
 * refused (`event` as it was, to say why), or the attempts all lost their races.
 */
export type ConfirmOutcome =
  | { ok: true; status: 'confirmed' | 'waitlisted'; already: boolean }
  | { ok: false; reason: 'invalid_token' }
  | { ok: false; reason: 'closed'; event: StoredEvent }
  | { ok: false; reason: 'busy' };

/** Cancelled (or nothing to cancel); or refused: no such RSVP, the wrong link, or the attempts all lost their races. */
export type CancelOutcome = { ok: true; promoted: boolean } | { ok: false; reason: 'not_found' | 'invalid_token' | 'busy' };

/** What promoting someone from the waitlist needs: their new cancel token's hash and their email. */
export type Promotion = (candidate: StoredRsvp) => Promise<{ cancelTokenHash: string; email: OutboxMessage }>;

export interface RsvpsRepository {
  /** Creates the RSVP, or refreshes its confirm link, and queues the email, in one write. Same work either way. */
  request(rsvp: NewRsvp, claims: RateClaim[], email: OutboxMessage): Promise<RequestOutcome>;
  get(eventId: string, key: string): Promise<StoredRsvp | undefined>;
  /** Confirms if a place is free, else waitlists. Idempotent. */
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
   * Cancels a confirmed or waitlisted RSVP; freeing a place promotes the first waitlisted person in the same
   * transaction. Without a token hash it is the organiser removing someone. Idempotent.
   */
  cancel(input: { eventId: string; key: string; cancelTokenHash?: string; now: Date; promotion: Promotion }): Promise<CancelOutcome>;
  /** Fills free places from the waitlist, in order (after capacity is raised). Returns how many were promoted. */
  fillFromWaitlist(input: { eventId: string; now: Date; promotion: Promotion }): Promise<number>;
  list(eventId: string): Promise<StoredRsvp[]>;
  /** Stops reminders for this RSVP without touching its place. False when there is no such RSVP. */
  setRemindersOff(eventId: string, key: string): Promise<boolean>;
  /** 1 for the first in line. */
  waitlistPosition(rsvp: StoredRsvp): Promise<number>;
}
