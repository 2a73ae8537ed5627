// Moderation: the storage port for the register of hidden meetups (table/items/moderation.ts), so the operators' page
// and the unhiding of a network find them without a Scan. The event's own `hidden` is the truth; an entry may be
// stale (its meetup since unhidden), so readers check each event.
import type { HiddenMeetupEntry } from '#functions/table/items/moderation.ts';

export type { HiddenMeetupEntry };

export interface HiddenMeetupsRepository {
  /** Adds or replaces the entry (before the meetup is hidden). */
  add(entry: HiddenMeetupEntry): Promise<void>;
  /** Removes the entry (after the meetup is unhidden). */
  remove(eventId: string): Promise<void>;
  /** Every entry; a deployment hides a handful of meetups. */
  list(): Promise<HiddenMeetupEntry[]>;
}
