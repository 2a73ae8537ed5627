// Events: what the events use cases and routes are built from. apps/api supplies it.
import type { Clock } from '#functions/core/clock.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { ClientIp } from '#functions/http/client-ip.ts';
import type { SessionsRepository } from '#functions/auth/sessions.repository.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import type { EventsRepository } from './events.repository.ts';
import type { ReportsRepository } from './reports.repository.ts';

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
  /** "Report this meetup" reports, kept for the operators' page (functions/moderation). */
  reports: ReportsRepository;
  /** Signed-in people (auth/viewer.ts viewerOf), and the name they last gave (to fill forms). */
  sessions: SessionsRepository;
  /** Networks and their teams: who may list under a network and manage its meetups (networks/authority.ts). */
  networks: NetworksRepository;
  /** The deployment's operators' addresses, lower-cased (OPERATORS). */
  operators: readonly string[];
}
