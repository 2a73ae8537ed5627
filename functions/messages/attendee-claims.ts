// Messages port: claiming one attendee for a team's message. Like a broadcast claim (mail/broadcasts.ts), with one
// more write in the same transaction: the message's own cancel link is recorded on their RSVP (beside the
// confirmation's, as a reminder's is), conditioned on them still holding the place or place in line it was written
// for. So the link in the email always works, and someone who cancelled meanwhile is not written to.
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

export interface AttendeeClaim {
  broadcastId: string;
  rsvp: Pick<StoredRsvp, 'eventId' | 'key' | 'status'>;
  /** SHA-256 of the cancel link's token in `message`. */
  cancelTokenHash: string;
  message: OutboxMessage;
  now: Date;
}

export interface AttendeeClaims {
  /** False (nothing written) when they were claimed already, or their RSVP is no longer in `rsvp.status`. */
  claim(claim: AttendeeClaim): Promise<boolean>;
}
