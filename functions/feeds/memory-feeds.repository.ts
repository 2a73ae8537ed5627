// Feeds adapter: an in-memory FeedsRepository over the in-memory events and RSVPs, for API tests. Same contract as
// the DynamoDB one.
import { monthOf } from '#functions/events/listing.ts';
import type { FeedsRepository } from './feeds.repository.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { facetsOf, type FeedVersion } from '#functions/core/facets.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { personId } from '#functions/core/person.ts';

export function memoryFeedsRepository(state: {
  events: Map<string, StoredEvent>;
  feedVersions: Map<string, FeedVersion>;
  rsvps: Map<string, StoredRsvp>;
  people: Map<string, string>;
}): FeedsRepository {
  const copy = <T>(v: T) => structuredClone(v);
  return {
    async version(facet) {
      const v = state.feedVersions.get(facet);
      return v && copy(v);
    },
    async events(facet, { from, lastMonth }) {
      return [...state.events.values()]
        .filter((e) => facetsOf(e).includes(facet) && e.startUtc >= from && monthOf(e.startUtc) <= lastMonth)
        .map(copy);
    },
    async person(id) {
      const nonce = state.people.get(id);
      if (!nonce) return undefined;
      const rsvps = [...state.rsvps.values()].filter((r) => personId(r.email) === id).map((r) => ({ eventId: r.eventId, rsvpKey: r.key }));
      return { nonce, rsvps };
    },
    async rsvpEvents(refs) {
      return refs.flatMap((ref) => {
        const event = state.events.get(ref.eventId);
        const rsvp = [...state.rsvps.values()].find((r) => r.eventId === ref.eventId && r.key === ref.rsvpKey);
        return event && rsvp ? [{ event: copy(event), status: rsvp.status, updatedAt: rsvp.updatedAt }] : [];
      });
    },
    async replaceNonce(id, from, to) {
      if (state.people.get(id) !== from) return false;
      state.people.set(id, to);
      return true;
    },
  };
}
