// API wiring: the parts a Signpost app is built from. Tests and the local server choose real or in-memory parts here.
import type { Context } from 'hono';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { RsvpsRepository } from '#functions/rsvps/rsvps.repository.ts';
import type { FeedSecret, FeedsRepository } from '#functions/feeds/feeds.repository.ts';
import type { Clock } from '#functions/core/clock.ts';
import type { Logger } from '#functions/core/log.ts';
import type { SuppressionsRepository } from '#functions/suppression/suppressions.repository.ts';

export interface AppDeps {
  events: EventsRepository;
  rsvps: RsvpsRepository;
  /** Personal calendar feeds: the links in RSVP emails and the "my calendar" page. */
  feeds: FeedsRepository;
  feedSecret: FeedSecret;
  /** Addresses SES reported bouncing or complaining: shown to organisers beside those attendees. */
  suppressions: Pick<SuppressionsRepository, 'find'>;
  clock: Clock;
  logger: Logger;
  /** Public base URL for links in emails and pages. From configuration, never from the Host header. */
  siteUrl: string;
  /** The caller's IP, from a source the platform vouches for. */
  clientIp: (c: Context) => string;
}
