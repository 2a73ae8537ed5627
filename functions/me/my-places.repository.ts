// Me: the storage port for "the meetups you have a place at": a person's RSVPs, each with its meetup, found from
// their own partition (the link items the RSVP request writes), never by a Scan.
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

export interface MyPlace {
  event: StoredEvent;
  rsvp: StoredRsvp;
}

export interface MyPlacesRepository {
  /** Every RSVP the person made, in any state, with its meetup; pairs whose RSVP or meetup is gone are left out. */
  placesOf(personId: string): Promise<MyPlace[]>;
}
