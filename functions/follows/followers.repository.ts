// Follows: the storage port for a network's followers (core/follow.ts). The DynamoDB adapter and the in-memory fake
// both implement it. Counts and growth are kept beside the followers, so the team's view never reads an address.
import type { FollowerStats, StoredFollower } from '#functions/core/follow.ts';

export interface FollowersRepository {
  get(slug: string, id: string): Promise<StoredFollower | undefined>;
  /** Every confirmed follower of a network (a paged Query, never a Scan), in any order. */
  active(slug: string): Promise<StoredFollower[]>;
  /** The networks a person follows (confirmed only), by slug. */
  followedBy(personId: string): Promise<StoredFollower[]>;
  /** How many follow the network now, and joined and left per month over the last `months` months. */
  stats(slug: string, months: number, now: Date): Promise<FollowerStats>;
  /** Stores a confirmed follower as given, counted as joined: the demo seed and tests (the bench's 2,000 followers). */
  put(follower: StoredFollower): Promise<void>;
}
