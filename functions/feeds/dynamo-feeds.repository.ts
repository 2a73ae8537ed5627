// Feeds adapter: FeedsRepository on DynamoDB. Owns the feed-version and person keys, and hands the events and RSVP
// adapters the items to put in their transactions.
import {
  GetItemCommand,
  UpdateItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { batchGet, marshall, queryAll, unmarshall } from '#functions/table/client.ts';
import { eventFromItem, eventKey } from '#functions/events/dynamo-events.repository.ts';
import { listingPartition, monthOf, nextMonth } from '#functions/events/listing.ts';
import { personExpiresAt } from './feed.ts';
import type { FeedsRepository, PersonRecord } from './feeds.repository.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { RsvpStatus } from '#functions/core/rsvp.ts';
import { changedFeeds } from '#functions/core/facets.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.listing;

const versionKey = (facet: string) => ({ [PK]: `FEED#${facet}`, [SK]: 'VERSION' });
const personKey = (id: string) => ({ [PK]: `PERSON#${id}`, [SK]: 'FEED' });
const membershipKey = (id: string, eventId: string) => ({ [PK]: `PERSON#${id}`, [SK]: `RSVP#${eventId}` });
const rsvpKey = (eventId: string, key: string) => ({ [PK]: `EVENT#${eventId}`, [SK]: `RSVP#${key}` });

/** For the events adapter's save transaction: raise the version of every feed the save changes. */
export function feedVersionBumps(tableName: string, previous: StoredEvent | undefined, next: StoredEvent): TransactWriteItem[] {
  return changedFeeds(previous, next).map(({ facet, title }) => ({
    Update: {
      TableName: tableName,
      Key: marshall(versionKey(facet)),
      UpdateExpression: `SET version = if_not_exists(version, :zero) + :one, changedAt = :at${title ? ', title = :title' : ''}`,
      ExpressionAttributeValues: marshall({ ':zero': 0, ':one': 1, ':at': next.updatedAt, ...(title ? { ':title': title } : {}) }),
    },
  }));
}

/**
 * For the RSVP request transaction: the person's feed record (created with its first nonce, kept alive) and their
 * link to this event, which lives as long as the RSVP does.
 */
export function personRsvpItems(
  tableName: string,
  input: { personId: string; nonce: string; eventId: string; rsvpKey: string; rsvpExpiresAt: number; now: Date },
): TransactWriteItem[] {
  return [
    {
      Update: {
        TableName: tableName,
        Key: marshall(personKey(input.personId)),
        UpdateExpression: 'SET nonce = if_not_exists(nonce, :nonce), #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL },
        ExpressionAttributeValues: marshall({ ':nonce': input.nonce, ':ttl': personExpiresAt(input.now) }),
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: marshall({ ...membershipKey(input.personId, input.eventId), eventId: input.eventId, rsvpKey: input.rsvpKey, [TTL]: input.rsvpExpiresAt }),
      },
    },
  ];
}

export function dynamoFeedsRepository(client: DynamoDBClient, tableName: string): FeedsRepository {
  /** Event ids under one facet's listing in one month, starting at or after `from`. */
  async function idsInMonth(facet: string, month: string, from: string): Promise<string[]> {
    const items = await queryAll(client, {
      TableName: tableName,
      IndexName: IDX.name,
      KeyConditionExpression: '#pk = :pk AND #sk >= :from',
      ExpressionAttributeNames: { '#pk': IDX.partitionKey, '#sk': IDX.sortKey, '#id': 'id' },
      ExpressionAttributeValues: marshall({ ':pk': listingPartition(facet, month), ':from': from }),
      ProjectionExpression: '#id',
    });
    return items.map((item) => item.id as string);
  }

  return {
    async version(facet) {
      const out = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(versionKey(facet)), ConsistentRead: true }));
      if (!out.Item) return undefined;
      const { version, changedAt, title } = unmarshall(out.Item) as { version: number; changedAt: string; title?: string };
      return { version, changedAt, ...(title ? { title } : {}) };
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
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: marshall({ ':pk': `PERSON#${id}` }),
        ConsistentRead: true,
      });
      const record = items.find((item) => item[SK] === 'FEED');
      if (!record) return undefined;
      const rsvps = items.filter((item) => item[SK] !== 'FEED').map((item) => ({ eventId: item.eventId as string, rsvpKey: item.rsvpKey as string }));
      return { nonce: record.nonce as string, rsvps } satisfies PersonRecord;
    },

    async rsvpEvents(refs) {
      const items = await batchGet(client, tableName, refs.flatMap((r) => [eventKey(r.eventId), rsvpKey(r.eventId, r.rsvpKey)]));
      const events = new Map(items.filter((i) => i[SK] === 'EVENT').map((i) => [i.id as string, eventFromItem(i)]));
      const rsvps = new Map(items.filter((i) => i[SK] !== 'EVENT').map((i) => [i.eventId as string, i as { status: RsvpStatus; updatedAt: string }]));
      return refs.flatMap((r) => {
        const event = events.get(r.eventId);
        const rsvp = rsvps.get(r.eventId);
        return event && rsvp ? [{ event, status: rsvp.status, updatedAt: rsvp.updatedAt }] : [];
      });
    },

    async replaceNonce(id, from, to) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshall(personKey(id)),
            UpdateExpression: 'SET nonce = :to',
            ConditionExpression: 'nonce = :from',
            ExpressionAttributeValues: marshall({ ':from': from, ':to': to }),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
