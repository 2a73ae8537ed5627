// Events: the storage port. The DynamoDB adapter and the in-memory fake both implement it.
import type { RateClaim } from '../ratelimit/rate-limit.ts';
import type { StoredEvent } from './event.ts';
import type { ListingPlan, SummarySource } from './listing.ts';

export interface EventPage {
  items: SummarySource[];
  nextCursor?: string;
}

export interface EventsRepository {
  /** Stores a new event and takes the rate-limit claims in one all-or-nothing write. Throws `rate_limited`. */
  create(event: StoredEvent, claims: RateClaim[]): Promise<void>;
  get(id: string): Promise<StoredEvent | undefined>;
  /** Replaces `previous` with `next` (and its listing entries) if nobody changed it meanwhile. Throws `conflict`. */
  save(next: StoredEvent, previous: StoredEvent): Promise<void>;
  /** Removes a draft that could not be announced (its email failed), so nothing is half-stored. */
  discardDraft(id: string): Promise<void>;
  list(plan: ListingPlan & { cursor?: { m: string; k: string } }, limit: number): Promise<EventPage>;
}
