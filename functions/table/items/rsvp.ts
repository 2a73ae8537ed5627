// Table item: an RSVP (`EVENT#<eventId>` / `RSVP#<key>`), beside its event. While waitlisted it is also in GSI1's
// waitlist family of its event, in the order people joined; leaving the line removes those two attributes.
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';
import { eventPartition } from './event.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const RSVP_SK = 'RSVP#';

const RSVP_TYPE = 'rsvp';
/** The waitlist index sort key: when they joined, then the RSVP key. */
const waitlistSortKey = (waitlistedAt: string | undefined, key: string) => `${waitlistedAt}#${key}`;
export const rsvpKey = (eventId: string, key: string) => ({ [PK]: eventPartition(eventId), [SK]: `${RSVP_SK}${key}` });

export function rsvpFromItem(item: Item): StoredRsvp {
  const { [PK]: _pk, [SK]: _sk, [IDX.partitionKey]: _g, [IDX.sortKey]: _s, type: _t, ...rsvp } = item;
  return rsvp as unknown as StoredRsvp;
}

/** What a request writes: the person's details, a fresh confirm link, and when it all expires. */
export type RsvpRequest = Pick<StoredRsvp, 'eventId' | 'key' | 'name' | 'email' | 'note' | 'confirmTokenHash' | 'confirmTokenExpiresAt' | 'expiresAt'> & { now: string };

/** A new RSVP starts pending; an existing one keeps its status and gets a fresh, unused confirm link. */
export function rsvpRequestUpsert(tableName: string, rsvp: RsvpRequest): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: rsvpKey(rsvp.eventId, rsvp.key),
      UpdateExpression: [
        'SET #type = :type, eventId = :eventId, #key = :key, #name = :name, email = :email,',
        'confirmTokenHash = :cth, confirmTokenExpiresAt = :cexp, updatedAt = :now,',
        'createdAt = if_not_exists(createdAt, :now), #st = if_not_exists(#st, :pending), #ttl = :ttl',
        rsvp.note ? ', note = :note' : '',
        rsvp.note ? 'REMOVE confirmTokenUsedAt' : 'REMOVE confirmTokenUsedAt, note',
      ].join(' '),
      ExpressionAttributeNames: { '#type': 'type', '#key': 'key', '#name': 'name', '#st': 'status', '#ttl': TTL },
      ExpressionAttributeValues: {
        ':type': RSVP_TYPE, ':eventId': rsvp.eventId, ':key': rsvp.key, ':name': rsvp.name, ':email': rsvp.email,
        ':cth': rsvp.confirmTokenHash, ':cexp': rsvp.confirmTokenExpiresAt, ':now': rsvp.now, ':pending': 'pending',
        ':ttl': rsvp.expiresAt, ...(rsvp.note ? { ':note': rsvp.note } : {}),
      },
    },
  };
}

/** Attribute names of the RSVP's place in the waitlist index (`#gpk = :wpk`, `REMOVE #gpk, #gsk`). */
export const waitlistAttributeNames = { '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey } as const;

/** The values that put an RSVP in its event's waitlist (`#gpk = :wpk, #gsk = :wsk`). */
export const waitlistEntry = (eventId: string, waitlistedAt: string, key: string) => ({
  ':wpk': gsi1Partitions.waitlist(eventId),
  ':wsk': waitlistSortKey(waitlistedAt, key),
});

/** Every RSVP of an event, read consistently. */
export const eventRsvpsQuery = (tableName: string, eventId: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
  ExpressionAttributeValues: { ':pk': eventPartition(eventId), ':prefix': RSVP_SK },
  ConsistentRead: true,
});

/** An event's waitlist, first in line first; `upTo` (an RSVP waitlisted then) stops the range at that RSVP. */
export function waitlistQuery(tableName: string, eventId: string, upTo?: Pick<StoredRsvp, 'waitlistedAt' | 'key'>): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: IDX.name,
    KeyConditionExpression: upTo ? '#gpk = :p AND #gsk <= :me' : '#gpk = :p',
    ExpressionAttributeNames: upTo ? { '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey } : { '#gpk': IDX.partitionKey },
    ExpressionAttributeValues: {
      ':p': gsi1Partitions.waitlist(eventId),
      ...(upTo ? { ':me': waitlistSortKey(upTo.waitlistedAt, upTo.key) } : {}),
    },
  };
}
