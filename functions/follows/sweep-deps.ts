// Follows: what the follows sweep (sweep.ts) runs on: the gatherings, broadcasts and followers, the meetups and
// networks it reads, suppressions, and the key follower links are signed with. apps/reminders supplies it.
import type { Clock } from '#functions/core/clock.ts';
import type { Logger } from '#functions/core/log.ts';
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import type { BroadcastStore } from '#functions/mail/broadcasts.ts';
import type { FanOutResult } from '#functions/mail/fan-out.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import type { SuppressionsRepository } from '#functions/suppression/suppressions.repository.ts';
import type { AnnouncementsRepository } from './announcements.repository.ts';
import type { FollowersRepository } from './followers.repository.ts';

export interface FollowSweepDeps {
  announcements: AnnouncementsRepository;
  broadcasts: BroadcastStore;
  followers: Pick<FollowersRepository, 'active'>;
  events: Pick<EventsRepository, 'get' | 'list'>;
  networks: Pick<NetworksRepository, 'get' | 'list'>;
  suppressions: Pick<SuppressionsRepository, 'find'>;
  clock: Clock;
  logger: Logger;
  siteUrl: string;
  /** The key follower links (settings, one-click unsubscribe) are signed with. */
  feedSecret: FeedSecret;
  /** Claims in flight at once; the mailer paces the sending itself. */
  concurrency?: number;
}

/** Fans one open broadcast out (again), to whoever it has not reached yet, and finishes it. */
export type BroadcastResumer = (broadcast: StoredBroadcast) => Promise<FanOutResult>;
