// Messages: a team's emails to a meetup's attendees or a network's followers. apps/api supplies it.
import type { Logger } from '#functions/core/log.ts';
import type { EventsDeps } from '#functions/events/deps.ts';
import type { RsvpsDeps } from '#functions/rsvps/deps.ts';
import type { FollowsDeps } from '#functions/follows/deps.ts';
import type { AttendeeClaims } from './attendee-claims.ts';

export interface MessagesDeps extends Omit<EventsDeps, 'fillFreedPlaces'>, Pick<RsvpsDeps, 'rsvps' | 'suppressions'>, FollowsDeps {
  /** Claims an attendee with their message and its cancel link (attendee-claims.ts). */
  attendeeClaims: AttendeeClaims;
  logger: Logger;
}
