// Attendance adapter: an in-memory StillComingRepository over the in-memory events and RSVPs, for API tests. Same
// conditions as DynamoDB's, each applied in one synchronous step (which is what a transaction guarantees there).
import type { StoredEvent } from '#functions/core/event.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { seenKey, type StillComingFields, type StillComingRepository } from './still-coming.repository.ts';

export function memoryStillComingRepository(events: Map<string, StoredEvent>, rsvps: Map<string, StoredRsvp>, outbox: OutboxMessage[]): StillComingRepository {
  const rsvpOf = (eventId: string, key: string) => rsvps.get(`${eventId}/${key}`);
  return {
    async startingBetween(from, to) {
      return [...events.values()]
        .filter((e) => (e.status === 'published' || e.status === 'cancelled') && e.startUtc > from && e.startUtc <= to)
        .map((e) => structuredClone(e) as StoredEvent & StillComingFields);
    },
    async rsvps(eventId) {
      return [...rsvps.values()].filter((r) => r.eventId === eventId).map((r) => structuredClone(r));
    },
    async claim({ event, rsvp, now, tokenHash, releaseDeadline, email }) {
      const stored = events.get(event.id);
      const current = rsvpOf(event.id, rsvp.key);
      const eventOn = stored?.status === 'published' && stored.startUtc === event.startUtc && Date.parse(stored.startUtc) > now.getTime();
      if (!eventOn || current?.status !== 'confirmed' || current.stillComingAskedAt || current.remindersOff) return false;
      Object.assign(current, { stillComingAskedAt: now.toISOString(), stillComingHash: tokenHash, ...(releaseDeadline ? { releaseDeadline: releaseDeadline.toISOString() } : {}) });
      outbox.push(email);
      return true;
    },
    async mark(event, next) {
      const stored = events.get(event.id) as (StoredEvent & StillComingFields) | undefined;
      if (stored?.startUtc === event.startUtc) stored.stillComingMark = { seen: seenKey(event), ...(next ? { next: next.toISOString() } : {}) };
    },
    async answerYes({ eventId, key, tokenHash, now }) {
      const rsvp = rsvpOf(eventId, key);
      if (rsvp?.status !== 'confirmed' || rsvp.stillComingHash !== tokenHash) return false;
      Object.assign(rsvp, { stillComing: 'yes', stillComingAnsweredAt: rsvp.stillComingAnsweredAt ?? now.toISOString(), updatedAt: now.toISOString() });
      return true;
    },
    async takeBack({ event: { id }, key, tokenHash, now, cancelTokenHash, email }) {
      const event = events.get(id);
      const rsvp = rsvpOf(id, key);
      if (rsvp?.status !== 'cancelled' || !rsvp.releasedAt || rsvp.stillComingHash !== tokenHash) return 'gone';
      const free = event?.status === 'published' && Date.parse(event.startUtc) > now.getTime()
        && (event.capacity === undefined || (event.confirmedCount ?? 0) < event.capacity) && !event.waitlistCount;
      if (!event || !free) return 'full';
      event.confirmedCount = (event.confirmedCount ?? 0) + 1;
      event.joinCount = (event.joinCount ?? 0) + 1;
      const nowIso = now.toISOString();
      Object.assign(rsvp, { status: 'confirmed', confirmedAt: nowIso, updatedAt: nowIso, cancelTokenHash, stillComing: 'yes', stillComingAnsweredAt: nowIso, releasedAt: undefined, cancelledAt: undefined });
      outbox.push(email);
      return 'taken';
    },
  };
}
