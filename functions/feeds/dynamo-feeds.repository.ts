// Feeds adapter: FeedsRepository on DynamoDB. Reads feed versions, listings, events and a person's partition through
// table/items; the writes that change a feed happen in the events and RSVP adapters' own transactions.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, documentClient, isConditionFailed, queryAll } from '#functions/table/client.ts';
import { eventFromItem, eventKey, isEventItem } from '#functions/table/items/event.ts';
import { feedVersionFromItem, feedVersionKey } from '#functions/table/items/feed-version.ts';
import { listingQuery } from '#functions/table/items/listing.ts';
import { nonceReplace, personFromItems, personQuery } from '#functions/table/items/person.ts';
import { rsvpFromItem, rsvpKey } from '#functions/table/items/rsvp.ts';
import { monthOf, nextMonth } from '#functions/events/listing.ts';
import type { FeedsRepository, PersonRecord } from './feeds.repository.ts';

export function dynamoFeedsRepository(client: DynamoDBClient, tableName: string): FeedsRepository {
  const db = documentClient(client);

  /** Event ids under one facet's listing in one month, starting at or after `from`. */
  async function idsInMonth(facet: string, month: string, from: string): Promise<string[]> {
    const query = listingQuery(tableName, facet, month, { from });
    const items = await queryAll(client, {
      ...query,
      ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#id': 'id' },
      ProjectionExpression: '#id',
    });
    return items.map((item) => item.id as string);
  }

  return {
    async version(facet) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: feedVersionKey(facet), ConsistentRead: true }));
      return out.Item ? feedVersionFromItem(out.Item) : undefined;
    },

    async events(facet, { from, lastMonth }) {
      const months: string[] = [];
      for (let m = monthOf(from); m <= lastMonth; m = nextMonth(m)) months.push(m);
      const ids: string[] = [];
      // A few months at a time: most are small, and the whole horizon is two dozen partitions.
      for (let i = 0; i < months.length; i += 6) {
        const found = await Promise.all(months.slice(i, i + 6).map((m) => idsInMonth(facet, m, from)));
        ids.push(...found.flat());
      }
      // Eventually consistent (half the cost): answers are only kept once a change has settled (use-cases.ts SETTLE_MS).
      const items = await batchGet(client, tableName, [...new Set(ids)].map(eventKey));
      return items.map(eventFromItem).filter((e) => e.status !== 'draft');
    },

    async person(id) {
      // Their record and one link item per RSVP, all in one partition.
      return personFromItems(await queryAll(client, personQuery(tableName, id))) satisfies PersonRecord | undefined;
    },

    async rsvpEvents(refs) {
      const items = await batchGet(client, tableName, refs.flatMap((r) => [eventKey(r.eventId), rsvpKey(r.eventId, r.rsvpKey)]));
      const events = new Map(items.filter(isEventItem).map((i) => [i.id as string, eventFromItem(i)]));
      const rsvps = new Map(items.filter((i) => !isEventItem(i)).map((i) => [i.eventId as string, rsvpFromItem(i)]));
      return refs.flatMap((r) => {
        const event = events.get(r.eventId);
        const rsvp = rsvps.get(r.eventId);
        return event && rsvp ? [{ event, status: rsvp.status, updatedAt: rsvp.updatedAt }] : [];
      });
    },

    async replaceNonce(id, from, to) {
      try {
        await db.send(new UpdateCommand(nonceReplace(tableName, id, from, to)));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
