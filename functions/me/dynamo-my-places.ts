// Me adapter: MyPlacesRepository on DynamoDB. One Query of the person's partition (their feed record and one link
// per RSVP, table/items/person.ts), then one BatchGetItem of those RSVPs and their events.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGet, queryAll } from '#functions/table/client.ts';
import { eventFromItem, eventKey, isEventItem } from '#functions/table/items/event.ts';
import { personFromItems, personQuery } from '#functions/table/items/person.ts';
import { rsvpFromItem, rsvpKey } from '#functions/table/items/rsvp.ts';
import type { MyPlacesRepository } from './my-places.repository.ts';

export function dynamoMyPlacesRepository(client: DynamoDBClient, tableName: string): MyPlacesRepository {
  return {
    async placesOf(personId) {
      const person = personFromItems(await queryAll(client, personQuery(tableName, personId)));
      // A suppression item in the partition names no event.
      const refs = (person?.rsvps ?? []).filter((r) => r.eventId && r.rsvpKey);
      if (!refs.length) return [];
      const items = await batchGet(client, tableName, refs.flatMap((r) => [eventKey(r.eventId), rsvpKey(r.eventId, r.rsvpKey)]), { consistent: true });
      const events = new Map(items.filter(isEventItem).map((i) => [i.id as string, eventFromItem(i)]));
      const rsvps = new Map(items.filter((i) => !isEventItem(i)).map((i) => [i.eventId as string, rsvpFromItem(i)]));
      return refs.flatMap((r) => {
        const event = events.get(r.eventId);
        const rsvp = rsvps.get(r.eventId);
        return event && rsvp ? [{ event, rsvp }] : [];
      });
    },
  };
}
