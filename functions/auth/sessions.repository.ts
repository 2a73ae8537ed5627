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

export interface SessionsRepository {
  /** The session with this id, if any (expired ones too: the caller checks `expiresAt`). */
  findSession(id: string): Promise<StoredSession | undefined>;
  // The sign-in challenge, session creation and sign-out methods are added by the auth capability (issue 13).
}
