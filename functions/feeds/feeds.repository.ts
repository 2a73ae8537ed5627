import type { StoredEvent } from '#functions/core/event.ts';
import type { RsvpStatus } from '#functions/core/rsvp.ts';
// Feeds: the storage port. The DynamoDB adapter and the in-memory fake both implement it. Writes that change a feed
// (event saves, RSVP requests) happen in the events and RSVP adapters, in their own transactions.

/** Raised in the same transaction as every save of an event in the feed, so a poll can be answered from it alone. */
export interface FeedVersion {
  version: number;
  changedAt: string;
  /** The network or tag as last written, for the calendar's name. */
  title?: string;
}

export interface PersonRecord {
  /** Replaced to kill every old personal feed URL. */
  nonce: string;
  /** The events this address has RSVPed to, in any state. */
  rsvps: { eventId: string; rsvpKey: string }[];
}

export interface FeedsRepository {
  /** Undefined when nothing was ever published under this facet. */
  version(facet: string): Promise<FeedVersion | undefined>;
  /** Published and cancelled events of a facet starting at or after `from`, up to `lastMonth`, in full. */
  events(facet: string, range: { from: string; lastMonth: string }): Promise<StoredEvent[]>;
  person(personId: string): Promise<PersonRecord | undefined>;
  /** Each RSVP with its event; pairs whose RSVP or event is gone are left out. */
  rsvpEvents(refs: PersonRecord['rsvps']): Promise<{ event: StoredEvent; status: RsvpStatus; updatedAt: string }[]>;
  /** Swaps the nonce if it is still `from`; false when someone else replaced it first. */
  replaceNonce(personId: string, from: string, to: string): Promise<boolean>;
}

/** Where the key for personal feed URLs comes from: Secrets Manager in AWS, configuration locally. */
export type FeedSecret = () => Promise<Uint8Array>;
