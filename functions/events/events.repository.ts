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

/** Nothing was written: a claim was over its limit (the first such), or the new id was taken. */
export type CreateOutcome = { ok: true } | { ok: false; reason: 'rate_limited'; claim: RateClaim } | { ok: false; reason: 'id_taken' };
/** Nothing was written: the event changed meanwhile, or the open change notice it joins is already being sent. */
export type SaveOutcome = { ok: true } | { ok: false; reason: 'conflict' };

export interface EventsRepository {
  /** Stores a new event, takes the rate-limit claims and queues its emails in one all-or-nothing write. */
  create(event: StoredEvent, claims: RateClaim[], emails: OutboxMessage[]): Promise<CreateOutcome>;
  get(id: string): Promise<StoredEvent | undefined>;
  /**
   * Replaces `previous` with `next` (and its listing entries, and the change notice if given) if nobody changed it
   * meanwhile.
   */
  save(next: StoredEvent, previous: StoredEvent, notice?: NoticeWrite): Promise<SaveOutcome>;
  list(plan: ListingPlan & { cursor?: { m: string; k: string } }, limit: number): Promise<EventPage>;
}
