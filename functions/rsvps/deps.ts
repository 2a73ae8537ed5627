// RSVPs: what the RSVP use cases and routes are built from. apps/api supplies it.
import type { Clock } from '#functions/core/clock.ts';
import type { ClientIp } from '#functions/http/client-ip.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { FeedSecret, FeedsRepository } from '#functions/feeds/feeds.repository.ts';
import type { SuppressionsRepository } from '#functions/suppression/suppressions.repository.ts';
import type { SessionsRepository } from '#functions/auth/sessions.repository.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import type { RsvpsRepository } from './rsvps.repository.ts';

export interface RsvpsDeps {
  events: EventsRepository;
  rsvps: RsvpsRepository;
  /** Personal calendar feeds: the links in RSVP emails. */
  feeds: FeedsRepository;
  feedSecret: FeedSecret;
  /** Addresses SES reported bouncing or complaining: shown to organisers beside those attendees. */
  suppressions: Pick<SuppressionsRepository, 'find'>;
  clock: Clock;
  siteUrl: string;
  clientIp: ClientIp;
  /** Signed-in people (one-tap RSVPs, "cancel my place"), and the name they last gave. */
  sessions: SessionsRepository;
  /** Networks and their teams: who may see a meetup's attendees, and where attendees' replies go (Reply-To). */
  networks: NetworksRepository;
  /** The deployment's operators' addresses, lower-cased (OPERATORS). */
  operators: readonly string[];
}
