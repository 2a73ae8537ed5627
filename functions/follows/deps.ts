// Follows: what following a network, its announcements and digests are built from. apps/api (and the sweep) supply it.
import type { NetworksDeps } from '#functions/networks/deps.ts';
import type { BroadcastStore } from '#functions/mail/broadcasts.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import type { FollowersRepository } from './followers.repository.ts';

export interface FollowsDeps extends NetworksDeps {
  followers: FollowersRepository;
  broadcasts: BroadcastStore;
  /** The key follower links (settings, one-click unsubscribe) are signed with: the feed secret, another purpose. */
  feedSecret: FeedSecret;
}
