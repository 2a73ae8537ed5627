// Me adapter: an in-memory MyPlacesRepository over the in-memory events and RSVPs (rsvps/memory-rsvps.repository.ts),
// for API tests and demos. Same contract as the DynamoDB one.
import type { StoredEvent } from '#functions/core/event.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { MyPlacesRepository } from './my-places.repository.ts';

export function memoryMyPlacesRepository(state: { events: Map<string, StoredEvent>; rsvps: Map<string, StoredRsvp> }): MyPlacesRepository {
  return {
    async placesOf(id) {
      return [...state.rsvps.values()].flatMap((rsvp) => {
        const event = state.events.get(rsvp.eventId);
        return personId(rsvp.email) === id && event ? [{ event: structuredClone(event), rsvp: structuredClone(rsvp) }] : [];
      });
    },
  };
}
