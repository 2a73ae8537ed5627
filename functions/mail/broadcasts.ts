// Mail port: broadcasts, one email to many (core/broadcast.ts). A broadcast is stored first; then each recipient is
// claimed, with their outbox message, in one transaction, so a fan-out that runs twice, crashes halfway or is resumed
// by the sweep mails everyone once. The DynamoDB adapter (dynamo-broadcasts.ts) and the in-memory fake implement it.
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { ActivityEntry } from '#functions/core/network.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';

export type BroadcastCreated =
  | { ok: true }
  /** One with this id exists already (a digest made twice): nothing was written. */
  | { ok: false; reason: 'exists' }
  | { ok: false; reason: 'rate_limited'; claim: RateClaim };

export interface BroadcastStore {
  /** Stores a new open broadcast, taking the rate-limit claims and writing its activity line in the same write. */
  create(broadcast: StoredBroadcast, extras?: { claims?: RateClaim[]; activity?: ActivityEntry[] }): Promise<BroadcastCreated>;
  get(id: string): Promise<StoredBroadcast | undefined>;
  /** Open broadcasts, oldest first: the sweep resumes them. */
  open(limit: number): Promise<StoredBroadcast[]>;
  /**
   * Records that `recipientKey` was sent this broadcast and queues their message, in one transaction. False (and
   * nothing written) when they were claimed already.
   */
  claim(broadcastId: string, recipientKey: string, message: OutboxMessage, now: Date): Promise<boolean>;
  /** Marks it done: out of the open list, kept a while with how many it reached. */
  finish(id: string, queued: number, now: Date): Promise<void>;
}
