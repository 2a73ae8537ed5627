// Test support: published meetups written straight through an EventsRepository (as the seed does), for tests of
// listings that need many of them, some full or cancelled, without the email round trip each listing takes.
import { createEvent, cancelEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';

export interface Extra {
  /** Places already taken (as RSVP confirmations would have counted them). */
  confirmedCount?: number;
  waitlistCount?: number;
  cancelled?: boolean;
}

/** Stores and publishes one meetup from listing-form input; `now` must be before its start. */
export async function publishMeetup(repo: EventsRepository, input: Record<string, unknown>, now: Date, extra: Extra = {}): Promise<StoredEvent> {
  const { cancelled, ...counters } = extra;
  const draft: StoredEvent = { ...createEvent(eventInputSchema.parse(input), { id: newId(), tokenHash: hashSecret(newToken()) }, now), ...counters };
  const created = await repo.create(draft, [], []);
  if (!created.ok) throw new Error(`could not create ${draft.id}: ${created.reason}`);
  const published = publishEvent(draft, now);
  const saved = await repo.save(published, draft);
  if (!saved.ok) throw new Error(`could not publish ${draft.id}`);
  if (!cancelled) return published;
  const gone = cancelEvent(published, now);
  if (!(await repo.save(gone, published)).ok) throw new Error(`could not cancel ${draft.id}`);
  return gone;
}

/** A local date-time `days` after `now` (UTC wall clock, as the form takes it), at `time`. */
export const daysAfter = (now: Date, days: number, time = '12:30') => `${new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
