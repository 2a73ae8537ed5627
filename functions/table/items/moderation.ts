// Table item: the operators' register of hidden meetups (`MODERATION` / `HIDDEN#<eventId>`). The event's own `hidden`
// is the truth (it is what takes a meetup off every listing); the register only lets the operators' page, and the
// unhiding of a network, find hidden meetups with one Query instead of a Scan. Written before the hide and removed
// after the unhide, so it may name a meetup that is not hidden (its reader checks each event), never miss one.
import type { Moderation } from '#functions/core/network.ts';
import type { DeleteCommandInput, PutCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../client.ts';
import { tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const REGISTER_PK = 'MODERATION';
const HIDDEN_SK = 'HIDDEN#';

/** A line of the register: which meetup, what it was called, its network (to unhide with it) and why. */
export interface HiddenMeetupEntry {
  eventId: string;
  title: string;
  networkSlug?: string;
  hidden: Moderation;
}

export const hiddenMeetupKey = (eventId: string) => ({ [PK]: REGISTER_PK, [SK]: `${HIDDEN_SK}${eventId}` });

export const hiddenMeetupPut = (tableName: string, entry: HiddenMeetupEntry): PutCommandInput => ({
  TableName: tableName,
  Item: { ...hiddenMeetupKey(entry.eventId), type: 'hidden-meetup', ...entry },
});

export const hiddenMeetupDelete = (tableName: string, eventId: string): DeleteCommandInput => ({ TableName: tableName, Key: hiddenMeetupKey(eventId) });

/** The whole register: a deployment hides a handful of meetups, not thousands. */
export const hiddenMeetupsQuery = (tableName: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
  ExpressionAttributeValues: { ':pk': REGISTER_PK, ':sk': HIDDEN_SK },
  ConsistentRead: true,
});

export function hiddenMeetupFromItem(item: Item): HiddenMeetupEntry {
  const { [PK]: _pk, [SK]: _sk, type: _t, ...entry } = item;
  return entry as unknown as HiddenMeetupEntry;
}
