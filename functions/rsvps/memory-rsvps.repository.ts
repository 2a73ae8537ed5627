// RSVPs adapter: an in-memory RsvpsRepository over the in-memory events, for API tests. Same rules as DynamoDB's,
// applied in one synchronous step each (which is what a transaction guarantees there).
import { byWaitlistOrder } from './rsvp.ts';
import type { Promotion, RsvpsRepository } from './rsvps.repository.ts';
import { newNonce } from '#functions/feeds/personal-token.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { rsvpAvailability } from '#functions/core/availability.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { personId } from '#functions/core/person.ts';

export function memoryRsvpsRepository(events: Map<string, StoredEvent>, outbox: OutboxMessage[]): RsvpsRepository & {
  rsvps: Map<string, StoredRsvp>;
  /** Personal feed records: person id to nonce, created with a person's first RSVP request. */
  people: Map<string, string>;
} {
  const rsvps = new Map<string, StoredRsvp>();
  const people = new Map<string, string>();
  const counters = new Map<string, number>();
  const id = (eventId: string, key: string) => `${eventId}/${key}`;
  const waitlisted = (eventId: string) => [...rsvps.values()].filter((r) => r.eventId === eventId && r.status === 'waitlisted').sort(byWaitlistOrder);
  // The promotion's email is built first (it may read), then every change is applied in one synchronous step.
  const promote = (candidate: StoredRsvp, now: Date, { cancelTokenHash, email }: Awaited<ReturnType<Promotion>>) => {
    Object.assign(candidate, { status: 'confirmed', confirmedAt: now.toISOString(), cancelTokenHash, waitlistedAt: undefined });
    outbox.push(email);
  };
  return {
    rsvps,
    people,
    async request(rsvp, claims, email) {
      const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      const existing = rsvps.get(id(rsvp.eventId, rsvp.key));
      if (!people.has(personId(rsvp.email))) people.set(personId(rsvp.email), newNonce());
      const { now, ...fields } = rsvp;
      rsvps.set(id(rsvp.eventId, rsvp.key), {
        ...existing, note: undefined, ...fields, status: existing?.status ?? 'pending', createdAt: existing?.createdAt ?? now, updatedAt: now, confirmTokenUsedAt: undefined,
      } as StoredRsvp);
      outbox.push(email);
      return { ok: true };
    },
    async get(eventId, key) {
      const r = rsvps.get(id(eventId, key));
      return r && structuredClone(r);
    },
    async confirm({ event: { id: eventId }, key, confirmTokenHash, cancelTokenHash, now, emails }) {
      const event = events.get(eventId)!;
      const rsvp = rsvps.get(id(eventId, key));
      if (!rsvp || rsvp.confirmTokenHash !== confirmTokenHash || rsvp.confirmTokenExpiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'invalid_token' };
      if (rsvp.status === 'confirmed' || rsvp.status === 'waitlisted') {
        if (!rsvp.confirmTokenUsedAt) {
          Object.assign(rsvp, { cancelTokenHash, confirmTokenUsedAt: now.toISOString() });
          outbox.push(...emails[rsvp.status]);
        }
        return { ok: true, status: rsvp.status, already: true };
      }
      if (!rsvpAvailability(event, now).open || event.status !== 'published') return { ok: false, reason: 'closed', event: structuredClone(event) };
      const full = event.capacity !== undefined && (event.confirmedCount ?? 0) >= event.capacity;
      const status = full ? 'waitlisted' : 'confirmed';
      if (full) event.waitlistCount = (event.waitlistCount ?? 0) + 1;
      else event.confirmedCount = (event.confirmedCount ?? 0) + 1;
      Object.assign(rsvp, { status, cancelTokenHash, confirmTokenUsedAt: now.toISOString(), [full ? 'waitlistedAt' : 'confirmedAt']: now.toISOString() });
      outbox.push(...emails[status]);
      return { ok: true, status, already: false };
    },
    async cancel({ eventId, key, cancelTokenHash, now, promotion }) {
      const rsvp = rsvps.get(id(eventId, key));
      if (!rsvp) return { ok: false, reason: 'not_found' };
      if (cancelTokenHash !== undefined && rsvp.cancelTokenHash !== cancelTokenHash && rsvp.reminderCancelHash !== cancelTokenHash) return { ok: false, reason: 'invalid_token' };
      if (rsvp.status !== 'confirmed' && rsvp.status !== 'waitlisted') return { ok: true, promoted: false };
      const event = events.get(eventId)!;
      const was = rsvp.status;
      const [candidate] = was === 'confirmed' ? waitlisted(eventId) : [];
      const promotes = candidate && (event.capacity === undefined || (event.confirmedCount ?? 0) <= event.capacity);
      const offer = promotes ? await promotion(candidate) : undefined;
      if (rsvp.status !== was) return { ok: true, promoted: false };
      Object.assign(rsvp, { status: 'cancelled', cancelledAt: now.toISOString() });
      if (was === 'waitlisted') {
        event.waitlistCount = (event.waitlistCount ?? 1) - 1;
        return { ok: true, promoted: false };
      }
      if (candidate && offer) {
        event.waitlistCount = (event.waitlistCount ?? 1) - 1;
        promote(candidate, now, offer);
        return { ok: true, promoted: true };
      }
      event.confirmedCount = (event.confirmedCount ?? 1) - 1;
      return { ok: true, promoted: false };
    },
    async fillFromWaitlist({ eventId, now, promotion }) {
      const event = events.get(eventId)!;
      let promoted = 0;
      for (const candidate of waitlisted(eventId)) {
        if (event.capacity !== undefined && (event.confirmedCount ?? 0) >= event.capacity) break;
        const offer = await promotion(candidate);
        if (candidate.status !== 'waitlisted') continue;
        event.confirmedCount = (event.confirmedCount ?? 0) + 1;
        event.waitlistCount = (event.waitlistCount ?? 1) - 1;
        promote(candidate, now, offer);
        promoted++;
      }
      return promoted;
    },
    async list(eventId) {
      return [...rsvps.values()].filter((r) => r.eventId === eventId).map((r) => structuredClone(r));
    },
    async setRemindersOff(eventId, key) {
      const rsvp = rsvps.get(id(eventId, key));
      if (rsvp) rsvp.remindersOff = true;
      return Boolean(rsvp);
    },
    async waitlistPosition(rsvp) {
      return waitlisted(rsvp.eventId).findIndex((r) => r.key === rsvp.key) + 1;
    },
  };
}
