// Core: a sign-in challenge as it is stored (auth/ makes and checks it; table/items/sign-in.ts keeps it).

/** A challenge as the table keeps it: hashes only, never the link token or the code. */
export interface StoredChallenge {
  /** 128 bits, base64url (22 characters): the code form carries it, the link token starts with it. */
  id: string;
  email: string;
  personId: string;
  /** SHA-256 of the link token's secret part. */
  linkHash: string;
  /** SHA-256 of `<challenge id>:<code>`: the id salts the code, so one hash table of the million codes fits no two challenges. */
  codeHash: string;
  /** Wrong codes typed so far; at MAX_CODE_ATTEMPTS the code is void. */
  attempts: number;
  /** A same-site path to go to once signed in. */
  next?: string;
  createdAt: string;
  /** Epoch seconds; also the item's TTL (checked in code, as TTL deletion lags). */
  expiresAt: number;
  /** Set once, by the link or the code that used it. */
  usedAt?: string;
}
