// Follows: the storage port for a network's followers (core/follow.ts). The DynamoDB adapter and the in-memory fake
// both implement it. Counts and growth are kept beside the followers, so the team's view never reads an address.
import type { OutboxMessage } from '#functions/core/email.ts';
import type { FollowMode, FollowerStats, StoredFollower } from '#functions/core/follow.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';

/**
 * A follow asked for: `requested` stored it pending (a pending one replaced, with its new token) with the confirmation
 * email; `already` changed nothing and queued the "you already follow" email instead. Or a claim was over its limit.
 */
export type FollowRequestOutcome =
  | { ok: true; outcome: 'requested' | 'already' }
  | { ok: false; reason: 'rate_limited'; claim: RateClaim };

export interface FollowersRepository {
  get(slug: string, id: string): Promise<StoredFollower | undefined>;
  /** Every confirmed follower of a network (a paged Query, never a Scan), in any order. */
  active(slug: string): Promise<StoredFollower[]>;
  /** The networks a person follows (confirmed only), by slug. */
  followedBy(personId: string): Promise<StoredFollower[]>;
  /** How many follow the network now, and joined and left per month over the last `months` months. */
  stats(slug: string, months: number, now: Date): Promise<FollowerStats>;
  /**
   * Stores a follower as given, counted as joined if it was not active (left if it no longer is): following while
   * signed in (the session proved the address), the demo seed, and tests (the bench's 2,000 followers).
   */
  put(follower: StoredFollower): Promise<void>;
  /**
   * `follower` (pending, with its token hash and expiry) with the claims and the confirmation email in one write; if
   * the address already follows, the claims and the `already` email instead, the follower untouched.
   */
  request(follower: StoredFollower, claims: RateClaim[], emails: { confirm: OutboxMessage; already: OutboxMessage }): Promise<FollowRequestOutcome>;
  /**
   * A pending follow whose token hash matches, before its expiry, becomes active and is counted as joined. False when
   * refused (no such follow, another token, expired, or confirmed already): nothing changed.
   */
  confirm(slug: string, id: string, tokenHash: string, now: Date): Promise<boolean>;
  /** An active follow's mode; false when there is none. */
  setMode(slug: string, id: string, mode: FollowMode, now: Date): Promise<boolean>;
  /** Ends an active follow, counted as left; false (and nothing counted) when there is none, so twice counts once. */
  unfollow(slug: string, id: string, now: Date): Promise<boolean>;
}
