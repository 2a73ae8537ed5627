// Events: the storage port. The DynamoDB adapter and the in-memory fake both implement it.
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { ListingPlan, SummarySource } from './listing.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { NoticeWrite } from '#functions/core/notice.ts';

export interface EventPage {
  items: SummarySource[];
  nextCursor?: string;
}

export interface EventsRepository {
  /**
   * Stores a new event, takes the rate-limit claims and queues its emails in one all-or-nothing write.
   * Throws `rate_limited`.
   */
  create(event: StoredEvent, claims: RateClaim[], emails: OutboxMessage[]): Promise<void>;
  get(id: string): Promise<StoredEvent | undefined>;
  /**
   * Replaces `previous` with `next` (and its listing entries, and the change notice if given) if nobody changed it
   * meanwhile. Throws `conflict`.
   */
  save(next: StoredEvent, previous: StoredEvent, notice?: NoticeWrite): Promise<void>;
  list(plan: ListingPlan & { cursor?: { m: string; k: string } }, limit: number): Promise<EventPage>;
}
