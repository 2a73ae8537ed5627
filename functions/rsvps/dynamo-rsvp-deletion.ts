// RSVPs adapter: deleting a meetup and all its attendee data on DynamoDB. A tombstone goes first, so a repeat (or a
// run after a crash) finds what is left and finishes; then each attendee's items outside the partition (their link
// to it, their rate-limit counters), then the partition itself (event, listings, RSVPs, notices), in batches of 25;
// last, the feeds it was in move on, so polls stop answering 304 for it.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchDelete, documentClient, queryAll, transactWrite, type Item } from '#functions/table/client.ts';
import { deletedEventFromItem, deletedEventKey, deletedEventPut, eventPartitionQuery, isDeletedEvent, keyOf } from '#functions/table/items/deletion.ts';
import { feedVersionRaise } from '#functions/table/items/feed-version.ts';
import { activityPut } from '#functions/table/items/activity.ts';
import { personLinkKey } from '#functions/table/items/person.ts';
import { rateClaimKey } from '#functions/table/items/rate-claim.ts';
import { claimFor, rsvpRules } from '#functions/ratelimit/rate-limit.ts';
import { personId } from '#functions/core/person.ts';
import type { RsvpsRepository } from './rsvps.repository.ts';

/** The keys of a person's per-address RSVP counters for an event: this window's and the last (TTL can lag). */
export function rsvpCounterKeys(eventId: string, email: string, now: Date): Item[] {
  const windows = [now, new Date(now.getTime() - rsvpRules.perRecipient.windowSeconds * 1000)];
  return windows.map((at) => rateClaimKey(claimFor(rsvpRules.perRecipient, `${eventId}:${email}`, at)));
}

export function dynamoRsvpDeletion(client: DynamoDBClient, tableName: string): Pick<RsvpsRepository, 'deleteEvent' | 'deletedEvent'> {
  const db = documentClient(client);
  return {
    async deleteEvent({ eventId, manageTokenHash, facets, keepUntil, now, unlessNoticesPending, activity = [] }) {
      const items = (await queryAll(client, eventPartitionQuery(tableName, eventId))).filter((i) => !isDeletedEvent(i));
      // People must hear of a cancellation before the meetup, and its list of who to tell, disappear. With nobody
      // holding a place or waiting, there is nobody to tell.
      const toTell = items.some((i) => i.type === 'rsvp' && (i.status === 'confirmed' || i.status === 'waitlisted'));
      if (unlessNoticesPending && toTell && items.some((i) => i.type === 'notice')) return { ok: false, reason: 'notices_pending' };
      const tombstone = deletedEventPut(tableName, eventId, { manageTokenHash, facets, expiresAt: keepUntil, deletedAt: now.toISOString() });
      // Its network's activity line goes with the tombstone: the deletion is recorded once it has begun.
      if (activity.length) await transactWrite(client, { TransactItems: [tombstone, ...activity.map((a) => activityPut(tableName, a))] });
      else await db.send(new PutCommand(tombstone.Put!));
      const attendees = items.filter((i) => i.type === 'rsvp' && typeof i.email === 'string').map((i) => i.email as string);
      await batchDelete(client, tableName, attendees.flatMap((email) => [personLinkKey(personId(email), eventId), ...rsvpCounterKeys(eventId, email, now)]));
      await batchDelete(client, tableName, items.map(keyOf));
      if (facets.length) await transactWrite(client, { TransactItems: facets.map((facet) => feedVersionRaise(tableName, facet, now.toISOString())) });
      return { ok: true };
    },

    async deletedEvent(eventId) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: deletedEventKey(eventId), ConsistentRead: true }));
      return out.Item ? deletedEventFromItem(out.Item) : undefined;
    },
  };
}
