// Messages adapter: in-memory attendee claims for API tests, over the in-memory broadcasts and RSVPs.
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { BroadcastStore } from '#functions/mail/broadcasts.ts';
import type { AttendeeClaims } from './attendee-claims.ts';

/** `rsvps`: the in-memory RSVP repository's map (`<eventId>/<key>`). */
export function memoryAttendeeClaims(broadcasts: BroadcastStore, rsvps: Map<string, StoredRsvp>): AttendeeClaims {
  return {
    async claim({ broadcastId, rsvp, cancelTokenHash, message, now }) {
      const stored = rsvps.get(`${rsvp.eventId}/${rsvp.key}`);
      if (!stored || stored.status !== rsvp.status) return false;
      if (!(await broadcasts.claim(broadcastId, rsvp.key, message, now))) return false;
      stored.reminderCancelHash = cancelTokenHash;
      return true;
    },
  };
}
