// Attendance adapter: in-memory check-ins over the in-memory events and RSVPs, for API tests. The DynamoDB adapter's
// rules, each applied in one synchronous step (what its conditional write guarantees there).
import { hashSecret, newToken } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { CodeAttempts } from './check-in-attempts.ts';
import type { CheckInsRepository } from './check-ins.repository.ts';

const HOLDS_PLACE = new Set<StoredRsvp['status']>(['confirmed', 'waitlisted', 'walkin']);

export function memoryCheckIns(events: Map<string, StoredEvent>, rsvps: Map<string, StoredRsvp>): CheckInsRepository & {
  codes: Map<string, { code: string; createdAt: string; expiresAt: number }>;
} {
  const codes = new Map<string, { code: string; createdAt: string; expiresAt: number }>();
  const id = (eventId: string, key: string) => `${eventId}/${key}`;
  const copy = (r: StoredRsvp) => structuredClone(r);
  return {
    codes,
    async checkIn({ eventId, key, by, now }) {
      const rsvp = rsvps.get(id(eventId, key));
      if (!rsvp) return { ok: false, reason: 'not_found' };
      if (!HOLDS_PLACE.has(rsvp.status)) return { ok: false, reason: 'no_place' };
      if (rsvp.checkedInAt) return { ok: true, already: true, rsvp: copy(rsvp) };
      Object.assign(rsvp, { checkedInAt: now.toISOString(), checkedInBy: by, updatedAt: now.toISOString() });
      return { ok: true, already: false, rsvp: copy(rsvp) };
    },
    async undoCheckIn({ eventId, key, now }) {
      const rsvp = rsvps.get(id(eventId, key));
      if (!rsvp) return { ok: false, reason: 'not_found' };
      if (!HOLDS_PLACE.has(rsvp.status)) return { ok: false, reason: 'no_place' };
      if (!rsvp.checkedInAt) return { ok: true, already: true, rsvp: copy(rsvp) };
      delete rsvp.checkedInAt;
      delete rsvp.checkedInBy;
      rsvp.updatedAt = now.toISOString();
      return { ok: true, already: false, rsvp: copy(rsvp) };
    },
    async addWalkIn({ eventId, name, email, by, now, expiresAt, requestId }) {
      const key = `w${hashSecret(`${eventId}:${requestId ?? newToken()}`).slice(0, 23)}`;
      const again = rsvps.get(id(eventId, key));
      if (again) return { ok: true, rsvp: copy(again) };
      const event = events.get(eventId);
      if (!event || event.status !== 'published') return { ok: false, reason: 'closed' };
      if (event.capacity !== undefined && (event.confirmedCount ?? 0) >= event.capacity) return { ok: false, reason: 'full' };
      const at = now.toISOString();
      const rsvp: StoredRsvp = {
        eventId, key, name, email: email ?? '', status: 'walkin', confirmTokenHash: '', confirmTokenExpiresAt: 0,
        createdAt: at, updatedAt: at, checkedInAt: at, checkedInBy: by, expiresAt,
      };
      rsvps.set(id(eventId, key), rsvp);
      event.confirmedCount = (event.confirmedCount ?? 0) + 1;
      return { ok: true, rsvp: copy(rsvp) };
    },
    async removeWalkIn({ eventId, key }) {
      const rsvp = rsvps.get(id(eventId, key));
      if (!rsvp || rsvp.status !== 'walkin') return { ok: false };
      rsvps.delete(id(eventId, key));
      const event = events.get(eventId);
      if (event) event.confirmedCount = Math.max(0, (event.confirmedCount ?? 0) - 1);
      return { ok: true };
    },
    async code(eventId) {
      const stored = codes.get(eventId);
      return stored && { code: stored.code, createdAt: stored.createdAt };
    },
    async rotateCode(eventId, code, now, expiresAt) {
      codes.set(eventId, { code, createdAt: now.toISOString(), expiresAt });
    },
    async saveSummary(eventId, summary) {
      const event = events.get(eventId);
      if (event) event.attendanceSummary = summary;
    },
  };
}

/** The in-memory wrong-code counters. */
export function memoryCodeAttempts(): CodeAttempts & { counters: Map<string, number> } {
  const counters = new Map<string, number>();
  const over = (claims: readonly RateClaim[]) => claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
  return {
    counters,
    over: async (claims) => over(claims),
    async count(claims) {
      const full = over(claims);
      if (full) return { ok: false, claim: full };
      for (const c of claims) counters.set(c.key, (counters.get(c.key) ?? 0) + 1);
      return { ok: true };
    },
  };
}
