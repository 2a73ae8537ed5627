// RSVPs adapter: an in-memory RsvpsRepository over the in-memory events, for API tests. Same rules as DynamoDB's,
// applied in one synchronous step each (which is what a transaction guarantees there).
import { byWaitlistOrder } from './rsvp.ts';
import { cancelMode, cancelOutcome, leaveRefused, type CancelInput, type Promotion, type RsvpsRepository } from './rsvps.repository.ts';
import { newNonce } from '#functions/feeds/personal-token.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { rsvpAvailability } from '#functions/core/availability.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { personId } from '#functions/core/person.ts';
import type { ActivityEntry } from '#functions/core/network.ts';

/** `activities`: where a deletion's network activity line goes (the in-memory networks repository's list). */
export function memoryRsvpsRepository(events: Map<string, StoredEvent>, outbox: OutboxMessage[], activities: ActivityEntry[] = []): RsvpsRepository & {
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
  const deletedRsvps = new Map<string, { cancelTokenHash?: string | undefined; reminderCancelHash?: string | undefined }>();
  const deletedEvents = new Map<string, { manageTokenHash: string; facets: string[]; expiresAt: number }>();

  /** Cancel, remove or delete: the DynamoDB adapter's rules, applied in one synchronous step once the emails are built. */
  async function leave(input: CancelInput, mode: 'cancelled' | 'removed' | 'deleted') {
    const { eventId, key, cancelTokenHash, now, promotion, emails, activity = [], record = {}, release } = input;
    const rsvp = rsvps.get(id(eventId, key));
    if (!rsvp) return { ok: false as const, reason: 'not_found' as const };
    if (cancelTokenHash !== undefined && rsvp.cancelTokenHash !== cancelTokenHash && rsvp.reminderCancelHash !== cancelTokenHash) return { ok: false as const, reason: 'invalid_token' as const };
    const from = rsvp.status;
    if (mode !== 'deleted' && (from === 'cancelled' || from === 'removed' || (from === 'pending' && mode === 'cancelled'))) return { ok: true as const, already: true as const, status: from };
    if (leaveRefused(input, rsvp)) return { ok: true as const, already: true as const, status: from };
    const event = events.get(eventId)!;
    const [candidate] = from === 'confirmed' || from === 'walkin' ? waitlisted(eventId) : [];
    const promotes = candidate && promotion && (event.capacity === undefined || (event.confirmedCount ?? 0) <= event.capacity);
    // A release only ever gives the place to the first in line.
    if (release && !promotes) return { ok: true as const, already: true as const, status: from };
    const offer = promotes ? await promotion(candidate) : undefined;
    const before = { confirmedCount: event.confirmedCount ?? 0, waitlistCount: event.waitlistCount ?? 0 };
    const after = from === 'waitlisted' || offer ? { ...before, waitlistCount: before.waitlistCount - 1 }
      : from === 'confirmed' || from === 'walkin' ? { ...before, confirmedCount: before.confirmedCount - 1 } : before;
    const mails = emails && from !== 'cancelled' && from !== 'removed' ? emails({ rsvp: structuredClone(rsvp), from, promoted: Boolean(offer), after }) : [];
    if (rsvps.get(id(eventId, key))?.status !== from) return { ok: false as const, reason: 'busy' as const };
    if (mode === 'deleted') {
      rsvps.delete(id(eventId, key));
      deletedRsvps.set(id(eventId, key), { cancelTokenHash: rsvp.cancelTokenHash, reminderCancelHash: rsvp.reminderCancelHash });
    } else {
      Object.assign(rsvp, { status: mode, [`${mode}At`]: now.toISOString(), waitlistedAt: undefined, ...record });
    }
    event.confirmedCount = after.confirmedCount;
    event.waitlistCount = after.waitlistCount;
    if (candidate && offer) promote(candidate, now, offer);
    outbox.push(...mails);
    activities.push(...structuredClone(activity));
    return { ok: true as const, already: false as const, from, promoted: Boolean(offer) };
  }

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
      if (email) outbox.push(email);
      return { ok: true };
    },
    async requestAgain({ eventId, key, status, cancelTokenHash }, claims, email) {
      const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      const rsvp = rsvps.get(id(eventId, key));
      if (rsvp?.status !== status) return { ok: false, reason: 'changed' };
      claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      if (cancelTokenHash) rsvp.cancelTokenHash = cancelTokenHash;
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
      if (!rsvp || rsvp.confirmTokenHash !== confirmTokenHash) return { ok: false, reason: 'invalid_token' };
      if (rsvp.status === 'removed') return { ok: true, status: 'removed', already: true };
      if (rsvp.status === 'walkin') return { ok: false, reason: 'invalid_token' };
      if (rsvp.confirmTokenUsedAt && rsvp.status !== 'pending') return { ok: true, status: rsvp.status, already: true };
      if (rsvp.confirmTokenExpiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'invalid_token' };
      if (rsvp.status === 'confirmed' || rsvp.status === 'waitlisted') {
        Object.assign(rsvp, { cancelTokenHash, confirmTokenUsedAt: now.toISOString() });
        outbox.push(...emails[rsvp.status]);
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
    async cancel(input) {
      const mode = cancelMode(input);
      return cancelOutcome(await leave(input, mode), mode);
    },
    async deleteRsvp(input) {
      const outcome = await leave(input, 'deleted');
      if (!outcome.ok) {
        const { reason } = outcome;
        if (reason !== 'not_found') return { ok: false, reason };
        const gone = deletedRsvps.get(id(input.eventId, input.key));
        const theirs = gone && (gone.cancelTokenHash === input.cancelTokenHash || gone.reminderCancelHash === input.cancelTokenHash);
        return theirs ? { ok: true, already: true } : { ok: false, reason: 'invalid_token' };
      }
      if (outcome.already) return { ok: true, already: true };
      const { from, promoted } = outcome;
      return { ok: true, already: false, ...(from === 'confirmed' || from === 'waitlisted' ? { freed: { from, promoted } } : {}) };
    },
    // No sweep sends notices in memory, so none is ever pending.
    async deleteEvent({ eventId, manageTokenHash, facets, keepUntil, activity = [] }) {
      deletedEvents.set(eventId, { manageTokenHash, facets, expiresAt: keepUntil });
      activities.push(...structuredClone(activity));
      events.delete(eventId);
      for (const [k, r] of rsvps) if (r.eventId === eventId) rsvps.delete(k);
      for (const k of deletedRsvps.keys()) if (k.startsWith(`${eventId}/`)) deletedRsvps.delete(k);
      return { ok: true };
    },
    async deletedEvent(eventId) {
      return deletedEvents.get(eventId);
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
