// Core: following a network by email. A follower is one address for one network, known by its personId; it is
// pending until the address confirms by link (double opt-in), then active until it unfollows, when it is deleted.
// The team sees only counts (FollowerStats), never the addresses.

/** "Each new meetup" (an announcement a few minutes after publishing) or "a weekly digest". */
export const FOLLOW_MODES = ['each', 'digest'] as const;
export type FollowMode = (typeof FOLLOW_MODES)[number];

export const FOLLOW_MODE_LABELS: Record<FollowMode, string> = {
  each: 'An email for each new meetup',
  digest: 'A weekly digest',
};

/** How long a follow's confirmation link works; an unconfirmed follow is deleted then (TTL). */
export const FOLLOW_CONFIRM_DAYS = 7;

export interface StoredFollower {
  networkSlug: string;
  /** personId(email): one follow per address per network. */
  id: string;
  email: string;
  /** Optional: "Hello Sam" rather than "Hello". */
  name?: string;
  /** The follower's own IANA zone, when their browser told us: announcements show times in it too, if different. */
  timezone?: string;
  mode: FollowMode;
  status: 'pending' | 'active';
  /** SHA-256 of the emailed confirmation token; kept after confirming, so a used link can say so to its holder only. */
  confirmTokenHash?: string;
  /** Epoch seconds, while pending only: an unconfirmed follow is deleted then (TTL). Removed on confirming. */
  expiresAt?: number;
  createdAt: string;
  confirmedAt?: string;
  updatedAt: string;
}

/** What the team sees: how many follow now, and how that grew, month by month (YYYY-MM), newest last. */
export interface FollowerStats {
  count: number;
  months: { month: string; joined: number; left: number }[];
}
