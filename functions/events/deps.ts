// Events: what the events use cases and routes are built from. apps/api supplies it.
import type { Clock } from '#functions/core/clock.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { ClientIp } from '#functions/http/client-ip.ts';
import type { EventsRepository } from './events.repository.ts';

/**
 * What an edit that adds places asks of the RSVP room: give the new places to the waitlist, in order. Events sits
 * below RSVPs, so it names the need and apps/api wires the RSVP use case in.
 */
export type FillFreedPlaces = (before: StoredEvent, after: StoredEvent) => Promise<number>;

export interface EventsDeps {
  events: EventsRepository;
  clock: Clock;
  /** Public base URL for links in emails and pages. From configuration, never from the Host header. */
  siteUrl: string;
  /** The caller's IP, from a source the platform vouches for. */
  clientIp: ClientIp;
  fillFreedPlaces: FillFreedPlaces;
  /** Where "Report this meetup" goes: the deployment's operator (OPERATOR_EMAIL). Unset, reports are not taken. */
  operatorEmail?: string | undefined;
}
