// Table items: what deleting leaves behind, and what it reads. A deleted meetup leaves `EVENT#<id>` / `GONE` and a
// deleted RSVP `EVENT#<id>` / `GONE#<key>`: only the hashes of the links that may repeat the deletion, so a repeat
// (or a run after a crash) is answered the same; each expires (TTL) with what it replaced.
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';
import { eventPartition } from './event.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const EVENT_GONE_SK = 'GONE';
const RSVP_GONE_SK = 'GONE#';

export const deletedEventKey = (eventId: string) => ({ [PK]: eventPartition(eventId), [SK]: EVENT_GONE_SK });
export const deletedRsvpKey = (eventId: string, key: string) => ({ [PK]: eventPartition(eventId), [SK]: `${RSVP_GONE_SK}${key}` });

/** What a deleted meetup keeps until `expiresAt`: the manage link's hash, and the feeds it was in (to raise them again). */
export interface DeletedEvent {
  manageTokenHash: string;
  facets: string[];
  expiresAt: number;
}

export const deletedEventPut = (tableName: string, eventId: string, gone: DeletedEvent & { deletedAt: string }): TransactItem => ({
  Put: { TableName: tableName, Item: { ...deletedEventKey(eventId), type: 'deleted-event', ...gone, [TTL]: gone.expiresAt } },
});

export const deletedEventFromItem = (item: Item): DeletedEvent => ({
  manageTokenHash: String(item.manageTokenHash),
  facets: (item.facets as string[] | undefined) ?? [],
  expiresAt: Number(item[TTL]),
});

/** What a deleted RSVP keeps: the hashes of its cancel links (the email's and the latest reminder's). */
export interface DeletedRsvp {
  cancelTokenHash?: string | undefined;
  reminderCancelHash?: string | undefined;
  expiresAt: number;
}

export const deletedRsvpPut = (tableName: string, eventId: string, key: string, gone: DeletedRsvp): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...deletedRsvpKey(eventId, key), type: 'deleted-rsvp', [TTL]: gone.expiresAt,
      ...(gone.cancelTokenHash ? { cancelTokenHash: gone.cancelTokenHash } : {}),
      ...(gone.reminderCancelHash ? { reminderCancelHash: gone.reminderCancelHash } : {}),
    },
  },
});

export const deletedRsvpFromItem = (item: Item): DeletedRsvp => ({
  cancelTokenHash: item.cancelTokenHash as string | undefined,
  reminderCancelHash: item.reminderCancelHash as string | undefined,
  expiresAt: Number(item[TTL]),
});

/**
 * Every item of a meetup's partition (the event, listings, RSVPs, notices, tombstones), with its key and what deleting
 * it needs to know: the type, and an RSVP's address (for the person's link to it).
 */
export const eventPartitionQuery = (tableName: string, eventId: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk',
  ProjectionExpression: '#pk, #sk, #type, #status, email',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#type': 'type', '#status': 'status' },
  ExpressionAttributeValues: { ':pk': eventPartition(eventId) },
  ConsistentRead: true,
});

/** Whether an item is a deleted meetup's own tombstone (which its deletion keeps). */
export const isDeletedEvent = (item: Item) => item[SK] === EVENT_GONE_SK;

/** The key of an item as the partition query returns it. */
export const keyOf = (item: Item): Item => ({ [PK]: item[PK], [SK]: item[SK] });
