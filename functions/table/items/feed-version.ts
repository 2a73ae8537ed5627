// Table item: a public feed's version (`FEED#<facet>` / `VERSION`), raised in the same transaction as every save of
// an event the feed holds, so a calendar poll can be answered from this one item.
import type { StoredEvent } from '#functions/core/event.ts';
import { changedFeeds, type FeedVersion } from '#functions/core/facets.ts';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;

export const feedVersionKey = (facet: string) => ({ [PK]: `FEED#${facet}`, [SK]: 'VERSION' });

/** For the event's save transaction: raise the version of every feed the save changes. */
export function feedVersionBumps(tableName: string, previous: StoredEvent | undefined, next: StoredEvent): TransactItem[] {
  return changedFeeds(previous, next).map(({ facet, title }) => ({
    Update: {
      TableName: tableName,
      Key: feedVersionKey(facet),
      UpdateExpression: `SET version = if_not_exists(version, :zero) + :one, changedAt = :at${title ? ', title = :title' : ''}`,
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':at': next.updatedAt, ...(title ? { ':title': title } : {}) },
    },
  }));
}

/** Raises one feed's version outside a save: after a meetup in it is deleted, so polls stop answering 304. */
export const feedVersionRaise = (tableName: string, facet: string, at: string): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: feedVersionKey(facet),
    UpdateExpression: 'SET version = if_not_exists(version, :zero) + :one, changedAt = :at',
    ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':at': at },
  },
});

export function feedVersionFromItem(item: Item): FeedVersion {
  const { version, changedAt, title } = item as { version: number; changedAt: string; title?: string };
  return { version, changedAt, ...(title ? { title } : {}) };
}
