// Messages: a team's emails to a meetup's attendees or a network's followers. apps/api supplies it.
import type { EventsDeps } from '#functions/events/deps.ts';
import type { RsvpsDeps } from '#functions/rsvps/deps.ts';
import type { FollowsDeps } from '#functions/follows/deps.ts';

export interface MessagesDeps extends Omit<EventsDeps, 'fillFreedPlaces'>, Pick<RsvpsDeps, 'rsvps'>, FollowsDeps {}
