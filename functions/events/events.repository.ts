// Events: the storage port. The DynamoDB adapter and the in-memory fake both implement it.
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { ListedEvent, ListingPlan } from './listing.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { NoticeWrite } from '#functions/core/notice.ts';
import type { ActivityEntry } from '#functions/core/network.ts';

export interface EventPage {
  /** Each with its place counts when it has a capacity and is not cancelled. */
  items: ListedEvent[];
  /** Only when at least one more event matches: a cursor never leads to an empty page. */
  nextCursor?: string;
}

/** Nothing was written: a claim was over its limit (the first such), or the new id was taken. */
export type CreateOutcome = { ok: true } | { ok: false; reason: 'rate_limited'; claim: RateClaim } | { ok: false; reason: 'id_taken' };
/**
 * Nothing was written: the event changed meanwhile, or the open change notice it joins is already being sent; or a
 * rate-limit claim taken with the save was over its limit.
 */
export type SaveOutcome = { ok: true } | { ok: false; reason: 'conflict' } | { ok: false; reason: 'rate_limited'; claim: RateClaim };

export type QueueOutcome = { ok: true } | { ok: false; reason: 'rate_limited'; claim: RateClaim };

/** What else a save writes in the same transaction: emails it causes, and the rate-limit claims they take. */
export interface SaveExtras {
  emails?: OutboxMessage[];
  claims?: RateClaim[];
  /** The line for its network's activity list (table/items/activity.ts), when the meetup belongs to a network. */
  activity?: ActivityEntry[];
  /** Newly published meetups that join their network's gathering announcement to its followers (items/announcement.ts). */
  announce?: Announce;
}

/** Meetups of one network, published in this write, for its followers' next announcement. */
export interface Announce {
  networkSlug: string;
  eventIds: string[];
}

/** A network's announcement still gathering, as the in-memory repository keeps it (the table's is items/announcement.ts). */
export interface GatheringAnnouncement extends Announce {
  dueAt: string;
  joins: number;
}

export interface EventsRepository {
  /**
   * Stores a new event, takes the rate-limit claims and queues its emails in one all-or-nothing write. A meetup
   * published at once (listed while signed in) gets its listing entries and feed versions in the same write, and the
   * line for its network's activity list (`extras.activity`), and joins its network's announcement (`extras.announce`).
   */
  create(event: StoredEvent, claims: RateClaim[], emails: OutboxMessage[], extras?: Pick<SaveExtras, 'activity' | 'announce'>): Promise<CreateOutcome>;
  /**
   * Stores a series' meetups (all published), skipping those already stored with the same series id: a retry of the
   * same series completes it. Written in as few transactions as DynamoDB allows (100 items each), one meetup whole
   * in each; the claims and the activity go with the first meetup, the announcement (all the series' ids, so its
   * followers get one entry) with the last, so a series cut short by a failure is never announced until completed.
   * `id_taken`: an id belongs to another series (or a concurrent retry raced this one).
   */
  createSeries(events: StoredEvent[], claims: RateClaim[], extras?: Pick<SaveExtras, 'activity' | 'announce'>): Promise<CreateOutcome>;
  get(id: string): Promise<StoredEvent | undefined>;
  /** Every meetup listed with this person's address (drafts, hidden and cancelled ones too), in start order. */
  organisedBy(personId: string): Promise<StoredEvent[]>;
  /**
   * Replaces `previous` with `next` (and its listing entries, and the change notice if given) if nobody changed it
   * meanwhile, queueing `extras.emails` and taking `extras.claims` in the same all-or-nothing write.
   */
  save(next: StoredEvent, previous: StoredEvent, notice?: NoticeWrite, extras?: SaveExtras): Promise<SaveOutcome>;
  /** Up to `limit` events the plan matches, in start order, after the cursor's entry. */
  /** Queues emails not tied to a change of the event (a report to the operator), taking the claims, all or nothing. */
  queueEmails(emails: OutboxMessage[], claims: RateClaim[]): Promise<QueueOutcome>;
  list(plan: ListingPlan & { cursor?: { m: string; k: string } }, limit: number): Promise<EventPage>;
  /**
   * Gives listing entries written before the filters' match text existed (an older version of Signpost) their match
   * text, from the events themselves, for the months given. Returns how many entries it rewrote. Idempotent.
   */
  backfillListingMatch(months: string[]): Promise<number>;
  /**
   * Gives event items stored before "your meetups" existed their place in the organiser index (GSI1), so
   * organisedBy finds them. Returns how many it rewrote. Idempotent.
   */
  backfillOrganiserIndex(): Promise<number>;
}
