// Auth: the storage port for sign-in challenges and sessions. The DynamoDB adapter and the in-memory fake implement it.
// Only hashes of tokens and codes are ever stored.
import type { OutboxMessage } from '#functions/core/email.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { StoredChallenge } from './sign-in.ts';

export interface StoredSession {
  /** SHA-256 of the cookie's 256-bit secret. */
  id: string;
  personId: string;
  email: string;
  createdAt: string;
  /** Epoch seconds (30 days after sign-in); also the item's TTL, checked in code as TTL deletion lags. */
  expiresAt: number;
}

/** What Signpost remembers of a signed-in person besides their address: the name they last gave (to fill forms). */
export interface Profile {
  personId: string;
  name?: string;
}

/** A write that takes rate-limit claims: refused (nothing written) when one of them is over its limit. */
export type Claimed<T = object> = ({ ok: true } & T) | { ok: false; reason: 'rate_limited'; claim: RateClaim };

/** Using a challenge: `used` signed in; `refused` means used already, expired, void or not matching (nothing changed). */
export type ChallengeUse = Claimed<{ used: boolean }>;

export interface SessionsRepository {
  /** The session with this id, if any (expired ones too: the caller checks `expiresAt`). */
  findSession(id: string): Promise<StoredSession | undefined>;
  /** Stores a new session (its id is unique: a hash of a fresh 256-bit secret). */
  createSession(session: StoredSession): Promise<void>;
  profile(personId: string): Promise<Profile | undefined>;
  /** Remembers the name a signed-in person gave (an RSVP, joining a team, listing a meetup). */
  rememberName(personId: string, name: string): Promise<void>;

  /** Stores a new challenge with its email and claims, all or nothing. */
  createChallenge(challenge: StoredChallenge, claims: RateClaim[], email: OutboxMessage): Promise<Claimed>;
  /** The challenge, read consistently (expired or used ones too, until TTL takes them). */
  findChallenge(id: string): Promise<StoredChallenge | undefined>;
  /**
   * Uses the challenge once, if it is still open at `now`: by its link (`link`: the hash of the link's secret) or its
   * code (`code`: the code's hash; refused once MAX_CODE_ATTEMPTS wrong codes were counted). With the claims.
   */
  useChallenge(id: string, proof: { link: string } | { code: string }, now: Date, claims: RateClaim[]): Promise<ChallengeUse>;
  /**
   * Counts a wrong code, atomically, with the claims: `attempts` after it; `counted: false` when the challenge was no
   * longer open or its code already void (nothing counted).
   */
  countWrongCode(id: string, now: Date, claims: RateClaim[]): Promise<Claimed<{ counted: true; attempts: number } | { counted: false }>>;
  /** Ends one session (nothing happens when it is gone already). */
  deleteSession(id: string): Promise<void>;
  /** Ends every session of a person ("sign out everywhere"); how many were ended. */
  deleteAllSessions(personId: string): Promise<number>;
}
