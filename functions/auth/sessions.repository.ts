// Auth: the storage port for sign-in challenges and sessions. The DynamoDB adapter and the in-memory fake implement it.
// Only hashes of tokens and codes are ever stored.

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

export interface SessionsRepository {
  /** The session with this id, if any (expired ones too: the caller checks `expiresAt`). */
  findSession(id: string): Promise<StoredSession | undefined>;
  /** Stores a new session (its id is unique: a hash of a fresh 256-bit secret). */
  createSession(session: StoredSession): Promise<void>;
  profile(personId: string): Promise<Profile | undefined>;
  /** Remembers the name a signed-in person gave (an RSVP, joining a team, listing a meetup). */
  rememberName(personId: string, name: string): Promise<void>;
  // The sign-in challenge and sign-out methods are added by the auth capability (issue 13).
}
