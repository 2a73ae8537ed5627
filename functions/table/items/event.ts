// Table item: the event (`EVENT#<id>` / `EVENT`). Its partition also holds its listings, RSVPs and change notices.
// Owns the key, the item shape, the create guard, the edit that never touches the RSVP counters, and the item's
// place in the organiser index (GSI1 ORGANISER#<person>: "your meetups").
import { isDeepStrictEqual } from 'node:util';
import { COUNTER_FIELDS, type StoredEvent } from '#functions/core/event.ts';
import { personId } from '#functions/core/person.ts';
import type { QueryCommandInput, ScanCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const { partitionKey: GSI_PK, sortKey: GSI_SK } = tableDesign.indexes.gsi1;
const EVENT_SK = 'EVENT';

/** The partition of one event: the event item and everything that lives beside it. */
export const eventPartition = (id: string) => `EVENT#${id}`;
export const eventKey = (id: string) => ({ [PK]: eventPartition(id), [SK]: EVENT_SK });
/** Tells an event item from the other items of its partition (or a batch read's mix). */
export const isEventItem = (item: Item) => item[SK] === EVENT_SK;

/**
 * The event item's place in the organiser index: "your meetups" reads GSI1 partition ORGANISER#<person id of its
 * address>, in start order. It moves when the address or the start changes.
 */
export const organiserIndexKey = (event: Pick<StoredEvent, 'organiserEmail' | 'startUtc' | 'id'>) => ({
  [GSI_PK]: gsi1Partitions.organiser(personId(event.organiserEmail)),
  [GSI_SK]: `${event.startUtc}#${event.id}`,
});

export const eventToItem = (event: StoredEvent): Item => ({ ...eventKey(event.id), type: 'event', ...event, ...organiserIndexKey(event) });

/** An event item as the domain sees it. Attributes other rooms add (reminded_<kind>) come along; the index keys don't. */
export function eventFromItem(item: Item): StoredEvent {
  const { [PK]: _pk, [SK]: _sk, [GSI_PK]: _gpk, [GSI_SK]: _gsk, type: _type, ...event } = item;
  return { tags: [], ...event } as unknown as StoredEvent;
}

/** A person's meetups, from the organiser index (which projects whole items), in start order. */
export const organiserEventsQuery = (tableName: string, person: string): QueryCommandInput => ({
  TableName: tableName,
  IndexName: tableDesign.indexes.gsi1.name,
  KeyConditionExpression: '#gpk = :gpk',
  ExpressionAttributeNames: { '#gpk': GSI_PK },
  ExpressionAttributeValues: { ':gpk': gsi1Partitions.organiser(person) },
});

/** Event items stored before the organiser index existed: a Scan, for the one-off backfill only. */
export const eventsLackingOrganiserIndex = (tableName: string): ScanCommandInput => ({
  TableName: tableName,
  FilterExpression: '#type = :event AND #sk = :sk AND attribute_not_exists(#gpk)',
  ExpressionAttributeNames: { '#type': 'type', '#sk': SK, '#gpk': GSI_PK },
  ExpressionAttributeValues: { ':event': 'event', ':sk': EVENT_SK },
});

/** Gives one such item its index keys, unless it is gone or already has them. */
export const organiserIndexBackfill = (tableName: string, event: StoredEvent): UpdateCommandInput => {
  const keys = organiserIndexKey(event);
  return {
    TableName: tableName,
    Key: eventKey(event.id),
    UpdateExpression: 'SET #gpk = :gpk, #gsk = :gsk',
    ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#gpk)',
    ExpressionAttributeNames: { '#pk': PK, '#gpk': GSI_PK, '#gsk': GSI_SK },
    ExpressionAttributeValues: { ':gpk': keys[GSI_PK], ':gsk': keys[GSI_SK] },
  };
};

/** Stores a new event; the transaction is refused if the id is taken. */
export const eventCreate = (tableName: string, event: StoredEvent): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: eventToItem(event),
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

/**
 * An edit as an Update of the changed fields, conditioned on the version read: the place counters, which RSVPs
 * change concurrently without touching the version, are never overwritten, nor is anything else the edit left alone.
 */
export function eventEdit(tableName: string, next: StoredEvent, previous: StoredEvent): TransactItem {
  const skip = new Set<string>(COUNTER_FIELDS);
  const names: Record<string, string> = { '#v': 'version' };
  const values: Record<string, unknown> = { ':expected': previous.version };
  const sets: string[] = [];
  const removes: string[] = [];
  const fields = new Set([...Object.keys(previous), ...Object.keys(next)].filter((f) => !skip.has(f)));
  [...fields].forEach((field, i) => {
    const value = next[field as keyof StoredEvent];
    // Only what this edit changes: a field written by others between the read and the save (the attendance summary)
    // stays theirs.
    if (isDeepStrictEqual(value, previous[field as keyof StoredEvent])) return;
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    }
  });
  // Its place in the organiser index follows the address and the start (and an item stored before the index gets one).
  const index = organiserIndexKey(next);
  names['#gpk'] = GSI_PK;
  names['#gsk'] = GSI_SK;
  values[':gpk'] = index[GSI_PK];
  values[':gsk'] = index[GSI_SK];
  sets.push('#gpk = :gpk', '#gsk = :gsk');
  return {
    Update: {
      TableName: tableName,
      Key: eventKey(next.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: '#v = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
