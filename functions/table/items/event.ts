// Table item: the event (`EVENT#<id>` / `EVENT`). Its partition also holds its listings, RSVPs and change notices.
// Owns the key, the item shape, the create guard, and the edit that never touches the RSVP counters.
import { COUNTER_FIELDS, type StoredEvent } from '#functions/core/event.ts';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const EVENT_SK = 'EVENT';

/** The partition of one event: the event item and everything that lives beside it. */
export const eventPartition = (id: string) => `EVENT#${id}`;
export const eventKey = (id: string) => ({ [PK]: eventPartition(id), [SK]: EVENT_SK });
/** Tells an event item from the other items of its partition (or a batch read's mix). */
export const isEventItem = (item: Item) => item[SK] === EVENT_SK;

export const eventToItem = (event: StoredEvent): Item => ({ ...eventKey(event.id), type: 'event', ...event });

/** An event item as the domain sees it. Attributes other rooms add (reminded_<kind>) come along. */
export function eventFromItem(item: Item): StoredEvent {
  const { [PK]: _pk, [SK]: _sk, type: _type, ...event } = item;
  return { tags: [], ...event } as unknown as StoredEvent;
}

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
 * change concurrently without touching the version, are never overwritten.
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
    if (value === undefined && previous[field as keyof StoredEvent] === undefined) return;
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    }
  });
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
